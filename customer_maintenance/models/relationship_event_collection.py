# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Collection calls (收款): a relationship event asking a customer to pay what is overdue.

Planned by the nightly job of relationship_event_collection_planner.py; done with an outcome:
paid, a promise to pay (date and amount) or disputed (with why)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.today import today as cm_today

COLLECTION_OUTCOMES = [
    ('paid', 'Paid'),
    ('promise', 'Promise to Pay'),
    ('disputed', 'Disputed'),
]
COLLECTION_ACTIVITY_TYPE = 'customer_maintenance.mail_activity_type_relationship_collection'


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    kind = fields.Selection(selection_add=[('collection', 'Collection')],
                            ondelete={'collection': 'set default'})
    channel = fields.Selection(selection_add=[('collection', 'Collection Call')],
                               ondelete={'collection': 'set default'})
    plan_item = fields.Selection(selection_add=[('collection', 'Collection Call')],
                                 ondelete={'collection': 'set null'})
    currency_id = fields.Many2one(related='company_id.currency_id', string='Currency')
    # Float shown with the monetary widget (currency_id): the nightly job's set-based insert
    # (relationship_event_bulk.py) writes float columns, it falls back to create() for
    # monetary ones (5 times slower); the values come rounded from the invoices' residuals
    collection_amount = fields.Float(
        string='Amount Overdue', readonly=True,
        help='What the customer owed past due when the collection call was planned.')
    collection_due_date = fields.Date(
        string='Overdue Since', readonly=True,
        help='Due date of the oldest overdue invoice when the call was planned.')
    collection_outcome = fields.Selection(
        COLLECTION_OUTCOMES, string='Collection Outcome', tracking=True,
        help='Paid: the customer says it has paid. Promise to pay: on a date, an amount; if the '
             'promise is not kept, a new call is planned the working day after it. Disputed: '
             'the customer contests the invoices (say why).')
    promise_date = fields.Date(string='Promised Payment Date', tracking=True)
    promise_amount = fields.Float(string='Promised Amount', tracking=True)
    promise_broken = fields.Boolean(
        string='Promise Broken', readonly=True, tracking=True,
        help='Set by the nightly job: the promised date passed and the customer still owes '
             'more than it owed before the call less the amount promised.')
    dispute_reason = fields.Text(string='Why Disputed')
    collection_days_overdue = fields.Integer(
        string='Days Overdue', compute='_compute_collection_days_overdue',
        help='Days since the due date of the oldest overdue invoice when the call was planned.')

    def init(self):
        super().init()
        # one open collection call per customer: the guard of the nightly job
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_relationship_event_collection_open_uniq
                ON customer_relationship_event (partner_id)
             WHERE plan_item = 'collection' AND state = 'planned'"""))

    @api.depends('collection_due_date')
    @api.depends_context('cm_today')
    def _compute_collection_days_overdue(self):
        today = cm_today(self.env)
        for event in self:
            due = event.collection_due_date
            event.collection_days_overdue = (today - due).days if due else 0

    # not on collection_amount: written by the nightly job only (readonly), from residuals
    # above zero; checking it would read back every call the job inserts
    @api.constrains('collection_outcome', 'promise_date', 'promise_amount', 'dispute_reason')
    def _check_collection_outcome(self):
        for event in self:
            if event.promise_amount < 0:
                raise ValidationError(_(
                    'Collection call "%s": the promised amount cannot be negative.', event.name))
            outcome = event.collection_outcome
            if outcome == 'promise' and (not event.promise_date or event.promise_amount <= 0):
                raise ValidationError(_(
                    'Collection call "%s": a promise to pay needs the date promised and an '
                    'amount above zero.', event.name))
            if outcome == 'promise' and event.promise_date < event.date:
                raise ValidationError(_(
                    'Collection call "%s": the promised payment date cannot be before the '
                    'call.', event.name))
            if outcome == 'disputed' and not (event.dispute_reason or '').strip():
                raise ValidationError(_(
                    'Collection call "%s": say why the customer disputes the invoices.',
                    event.name))

    @api.model
    def _activity_type_ids(self):
        types = super()._activity_type_ids()
        types['collection'] = self.env['ir.model.data']._xmlid_to_res_id(
            COLLECTION_ACTIVITY_TYPE, raise_if_not_found=False)
        return types
