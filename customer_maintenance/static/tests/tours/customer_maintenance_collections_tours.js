/** @odoo-module **/
// Browser tour of the collections (收款), started by tests/test_ui_collections.py
// (HttpCase.start_tour; run by `make test-ui`) on the collection call the nightly job planned.
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// An account manager (chen) opens his collection call, sees what is overdue, marks it done
// with a promise to pay (date in five days, 2,000), then opens the customer's Collections tab.
tours.add("customer_maintenance_collection_promise", {
    steps: () => [
        {
            content: "the collection call's form, with the amount overdue",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Collection)",
            run: "click",
        },
        {
            content: "the amount overdue when planned",
            trigger: ".o_form_view .o_field_widget[name=collection_amount]:contains(2,400.00)",
        },
        {
            content: "Done",
            trigger: ".o_form_view .o_form_statusbar button[name=action_done]",
            run: "click",
        },
        {
            content: "the Done wizard: the outcome",
            trigger: ".modal .o_field_widget[name=outcome] textarea",
            run: "edit Will pay 2,000 on Friday, the rest next month.",
        },
        {
            content: "promise to pay",
            trigger: ".modal .o_field_widget[name=collection_outcome] input[data-value=promise]",
            run: "click",
        },
        {
            content: "the promised amount",
            trigger: ".modal .o_field_widget[name=promise_amount] input",
            run: "edit 2000",
        },
        {
            content: "the promised date: in five days",
            trigger: ".modal .o_field_widget[name=promise_date] input",
            run() {
                const day = luxon.DateTime.local().plus({ days: 5 });
                this.anchor.value = day.toFormat("MM/dd/yyyy");
                this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
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
            content: "the call is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "its outcome on the form",
            trigger: ".o_form_view .o_field_widget[name=collection_outcome]:contains(Promise to Pay)",
        },
    ],
});
