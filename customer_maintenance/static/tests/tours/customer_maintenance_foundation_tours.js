/** @odoo-module **/
// Browser tours of the foundation, started by tests/test_ui.py (HttpCase.start_tour; run by
// `make test-ui`). The data they rely on is created by the Python test. A capability adds its
// own tours in a file of its own in this folder (customer_maintenance_<capability>_tours.js)
// and their start_tour calls in a test_ui_<capability>.py.
import { registry } from "@web/core/registry";
import { openApp, openMenu } from "@customer_maintenance/../tests/tours/utils/tour_steps";

const tours = registry.category("web_tour.tours");

// An account manager (chen) opens Customer Maintenance › Customers: "My Customers" shows his
// customer, not lin's; he opens it and its Maintenance page (team, tier).
tours.add("customer_maintenance_account_manager_customers", {
    url: "/odoo",
    steps: () => [
        ...openApp("Customer Maintenance"),
        {
            content: "no supervisor menus for an account manager",
            trigger: ".o_menu_sections:not(:has([data-menu-xmlid='customer_maintenance.menu_configuration'])):not(:has([data-menu-xmlid='customer_maintenance.menu_reporting']))",
        },
        ...openMenu("customer_maintenance.menu_customers", "customer_maintenance.res_partner_menu_customers"),
        {
            content: "the Customers action opens filtered on My Customers",
            trigger: ".o_control_panel .o_searchview_facet:contains(My Customers)",
        },
        {
            content: "lin's customer is not among mine",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains(CM Tour Customer of Lin)))",
        },
        {
            content: "open my customer",
            trigger: ".o_kanban_record:contains(CM Tour Customer of Chen)",
            run: "click",
        },
        {
            content: "the customer's form",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(CM Tour Customer of Chen), .o_form_view .o_field_widget[name=name] input:value(CM Tour Customer of Chen)",
        },
        {
            content: "open the Maintenance page",
            trigger: ".o_notebook .nav-link[name=customer_maintenance]",
            run: "click",
        },
        {
            content: "the page shows the tier",
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name=customer_tier_id]:contains(Key Account), .o_notebook .tab-pane.active .o_field_widget[name=customer_tier_id] input:value(Key Account)",
        },
        {
            content: "... and the account manager and the team",
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name=user_id]:contains(Chen Zhiming), .o_notebook .tab-pane.active .o_field_widget[name=user_id] input:value(/Chen Zhiming/)",
        },
        {
            trigger: ".o_notebook .tab-pane.active .o_field_widget[name=customer_team_ids]:contains(Lin Meiling)",
        },
    ],
});

// A supervisor (zhang) opens Configuration › Customer Tiers and changes a tier's business
// call interval; the test checks the new value in the database.
tours.add("customer_maintenance_supervisor_tier", {
    url: "/odoo",
    steps: () => [
        ...openApp("Customer Maintenance"),
        ...openMenu("customer_maintenance.menu_configuration", "customer_maintenance.customer_tier_menu"),
        {
            content: "the tiers list",
            trigger: ".o_list_view .o_data_row:contains(Key Account)",
        },
        {
            content: "open the Ordinary tier",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(Ordinary)",
            run: "click",
        },
        {
            content: "change the business call interval",
            trigger: ".o_form_view .o_field_widget[name=call_interval_days] input",
            run: "edit 45",
        },
        {
            content: "save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "back to the list: the new interval is shown",
            trigger: ".o_control_panel .o_breadcrumb .o_back_button a, .o_control_panel .breadcrumb-item a:contains(Customer Tiers)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Ordinary) td[name=call_interval_days]:contains(45)",
        },
    ],
});

// The admin, in Traditional Chinese, sees the app and its menus in Chinese.
tours.add("customer_maintenance_admin_zh_tw", {
    url: "/odoo",
    steps: () => [
        ...openApp("客戶維護"),
        {
            content: "the sections in Chinese",
            trigger: ".o_menu_sections [data-menu-xmlid='customer_maintenance.menu_customers']:contains(客戶)",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='customer_maintenance.menu_configuration']:contains(設定)",
        },
        {
            content: "no English left in the sections",
            trigger: ".o_menu_sections:not(:contains(Customers)):not(:contains(Configuration))",
        },
        ...openMenu("customer_maintenance.menu_customers", "customer_maintenance.res_partner_menu_customers"),
        {
            content: "the Customers action in Chinese",
            trigger: ".o_control_panel .o_breadcrumb:contains(客戶)",
        },
    ],
});
