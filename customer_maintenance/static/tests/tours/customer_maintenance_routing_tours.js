/** @odoo-module **/
// Browser tour of the visit routes at phone size (375x667), started by
// tests/test_ui_routing.py: an account manager on the road opens My Route (today's visits in
// route order), closes the first stop as Done with its outcome, then opens the next stop and
// its customer's card.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_maintenance_my_route_phone", {
    url: "/odoo/action-customer_maintenance.customer_relationship_event_action_route",
    steps: () => [
        {
            content: "the first stop of the day comes first, with its arrival and distance",
            trigger: ".o_list_view .o_data_row:first-child td[name=partner_id]:contains(CM Route Tour Near)",
        },
        {
            content: "the second stop follows",
            trigger: ".o_list_view .o_data_row:nth-child(2) td[name=partner_id]:contains(CM Route Tour Far)",
        },
        {
            content: "Done on the first stop",
            trigger: ".o_list_view .o_data_row:first-child button[name=action_done]",
            run: "click",
        },
        {
            content: "write the outcome",
            trigger: ".modal .o_field_widget[name=outcome] textarea",
            run: "edit Ordered two drums of cutting fluid",
        },
        {
            content: "confirm",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "the first stop is done",
            trigger: ".o_list_view .o_data_row:contains(CM Route Tour Near) .badge:contains(Done)",
        },
        {
            content: "open the next stop",
            trigger: ".o_list_view .o_data_row:contains(CM Route Tour Far) td[name=partner_id]",
            run: "click",
        },
        {
            content: "the visit's form",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(CM Route Tour Far), .o_form_view .o_field_widget[name=partner_id] input:value(CM Route Tour Far)",
        },
        {
            content: "open the customer's card",
            trigger: ".o_form_view .o_field_widget[name=partner_id] .o_external_button",
            run: "click",
        },
        {
            content: "the customer's form",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(CM Route Tour Far)",
        },
    ],
});
