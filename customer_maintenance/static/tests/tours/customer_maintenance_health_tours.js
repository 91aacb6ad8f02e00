/** @odoo-module **/
// Browser tours of customer health (issue 25), started by tests/test_ui_health.py (make
// test-ui): the supervisor's Customer Maintenance dashboard in Odoo's Dashboards app loads
// with its charts, in English and in zh_TW; the customers to win back open on his companies'.
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function dashboardSteps(groupName, dashboardName) {
    return [
        {
            content: `the Dashboards app lists the group ${groupName}`,
            trigger: `.o_spreadsheet_dashboard_search_panel .o_search_panel_section_header:contains(${groupName})`,
        },
        {
            content: `open the dashboard ${dashboardName}`,
            trigger: `.o_spreadsheet_dashboard_search_panel li[data-name='${dashboardName}']`,
            run: "click",
        },
        {
            content: "the dashboard is the active one",
            trigger: `.o_spreadsheet_dashboard_search_panel li.active[data-name='${dashboardName}']`,
        },
        {
            content: "its charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "no loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
        },
    ];
}

tours.add("customer_maintenance_health_dashboard", {
    url: "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
    steps: () => dashboardSteps("Customer Maintenance", "Customer Maintenance"),
});

tours.add("customer_maintenance_health_dashboard_zh_tw", {
    url: "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
    steps: () => dashboardSteps("客戶維護", "客戶維護"),
});

tours.add("customer_maintenance_win_back_list", {
    url: "/odoo/action-customer_maintenance.res_partner_action_win_back",
    steps: () => [
        {
            content: "a supervisor's list has no My Customers filter set",
            trigger: ".o_control_panel:not(:has(.o_searchview_facet))",
        },
        {
            content: "the customers to win back of the account managers are there",
            trigger: ".o_list_renderer .o_data_row:contains(CM Tour Customer to Win Back)",
        },
    ],
});
