/** @odoo-module **/
// Browser tours of the management capability, started by tests/test_ui_management.py
// (HttpCase.start_tour; run by `make test-ui`). The data they rely on is the demo's and what
// the Python test creates.
import { registry } from "@web/core/registry";
import { openApp, openMenu } from "@customer_maintenance/../tests/tours/utils/tour_steps";

const tours = registry.category("web_tour.tours");

// A supervisor (zhang) opens Reporting › Account Manager KPIs (the pivot of the managers'
// figures, the demo managers in its rows), then Reporting › ABC Analysis.
tours.add("customer_maintenance_supervisor_analyses", {
    url: "/odoo",
    steps: () => [
        ...openApp("Customer Maintenance"),
        ...openMenu("customer_maintenance.menu_reporting", "customer_maintenance.customer_manager_kpi_report_menu"),
        {
            content: "the KPI pivot opens",
            trigger: ".o_action_manager .o_pivot_view .o_pivot table",
        },
        {
            content: "... with a demo account manager in its rows",
            trigger: ".o_pivot_view .o_pivot_header_cell_closed:contains(Chen Zhiming), .o_pivot_view th:contains(Chen Zhiming)",
        },
        {
            content: "... and the contacts done among its measures",
            trigger: ".o_pivot_view .o_pivot_measure_row:contains(Contacts Done)",
        },
        ...openMenu("customer_maintenance.menu_reporting", "customer_maintenance.customer_abc_analysis_menu"),
        {
            content: "the ABC analysis opens",
            trigger: ".o_control_panel .o_breadcrumb:contains(ABC Analysis)",
        },
        {
            trigger: ".o_action_manager .o_graph_view, .o_action_manager .o_list_view",
        },
    ],
});

// An account manager's day (chen): My Maintenance › My Contacts lists his planned contacts;
// he opens one and marks it done through the Done wizard (outcome); the test checks the
// event in the database.
tours.add("customer_maintenance_account_manager_day", {
    url: "/odoo",
    steps: () => [
        ...openApp("Customer Maintenance"),
        ...openMenu("customer_maintenance.menu_my_maintenance", "customer_maintenance.customer_maintenance_home_menu_contacts"),
        {
            content: "My Contacts: planned, mine, this week",
            trigger: ".o_control_panel .o_searchview_facet:contains(My Contacts)",
        },
        {
            content: "open the planned contact",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(CM Tour Call of the Day)",
            run: "click",
        },
        {
            content: "the contact's form",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(CM Tour Call of the Day), .o_form_view .o_field_widget[name=name]:contains(CM Tour Call of the Day)",
        },
        {
            content: "Done",
            trigger: ".o_form_view .o_form_statusbar button[name=action_done]",
            run: "click",
        },
        {
            content: "the Done wizard: the outcome",
            trigger: ".modal .o_field_widget[name=outcome] textarea",
            run: "edit Ordered two drums for next month.",
        },
        {
            content: "confirm",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "the contact is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
