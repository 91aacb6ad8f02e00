/** @odoo-module **/
// Browser tour of the incentives, started by tests/test_ui_incentive.py (make test-ui).
import { registry } from "@web/core/registry";
import { openApp, openMenu } from "@customer_maintenance/../tests/tours/utils/tour_steps";

// A supervisor (zhang) opens Reporting › Incentive Statements, opens last month's statement
// of the tour's account manager, confirms it, then adds a correction with its reason; the
// test checks both in the database.
registry.category("web_tour.tours").add("customer_maintenance_incentive_statement", {
    url: "/odoo",
    steps: () => [
        ...openApp("Customer Maintenance"),
        ...openMenu("customer_maintenance.menu_reporting", "customer_maintenance.customer_incentive_statement_menu"),
        {
            content: "open the statement of the tour's account manager",
            trigger: ".o_list_view .o_data_row:contains(CM Tour Incentive Manager) td[name=month]",
            run: "click",
        },
        {
            content: "its customer's line",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:contains(CM Tour Incentive Customer)",
        },
        {
            content: "confirm it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "confirmed: the correction button replaces it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_correction]",
            run: "click",
        },
        {
            content: "the amount of the correction",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 120",
        },
        {
            content: "its reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Order booked after the month closed",
        },
        {
            content: "add it",
            trigger: ".modal .modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "the correction is a line of the statement",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:contains(Order booked after the month closed)",
        },
    ],
});
