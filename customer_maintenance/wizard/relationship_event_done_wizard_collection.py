# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.relationship_event_collection import COLLECTION_OUTCOMES
from ..tools.today import today as cm_today


class CustomerRelationshipEventDoneWizard(models.TransientModel):
    """A collection call is done with its outcome: paid, a promise to pay, or disputed."""
    _inherit = 'customer.relationship.event.done.wizard'

    is_collection = fields.Boolean(compute='_compute_is_collection')
    currency_id = fields.Many2one(related='event_id.currency_id')
    collection_outcome = fields.Selection(COLLECTION_OUTCOMES, string='Collection Outcome')
    promise_date = fields.Date(string='Promised Payment Date')
    promise_amount = fields.Float(string='Promised Amount')
    dispute_reason = fields.Text(string='Why Disputed')

    @api.depends('event_id')
    def _compute_is_collection(self):
        for wizard in self:
            wizard.is_collection = wizard.event_id.plan_item == 'collection' or (
                wizard.event_id.kind == 'collection')

    def action_confirm(self):
        self.ensure_one()
        if not self.is_collection:
            return super().action_confirm()
        # everything checked before the event is closed: a refusal writes nothing
        self._check_collection_input()
        result = super().action_confirm()
        outcome = self.collection_outcome
        self.event_id.write({
            'collection_outcome': outcome,
            'promise_date': outcome == 'promise' and self.promise_date,
            'promise_amount': self.promise_amount if outcome == 'promise' else 0.0,
            'dispute_reason': outcome == 'disputed' and self.dispute_reason.strip(),
        })
        return result

    def _check_collection_input(self):
        """Refuse an incomplete outcome before anything is written."""
        if not self.collection_outcome:
            raise UserError(_('Choose the outcome of the collection call: paid, promise to pay '
                              'or disputed.'))
        if self.collection_outcome == 'promise':
            if not self.promise_date or self.promise_date < max(self.date, cm_today(self.env)):
                raise UserError(_('The promised payment date must be today or later.'))
            if self.promise_amount <= 0:
                raise UserError(_('The promised amount must be above zero.'))
        if self.collection_outcome == 'disputed' and not (self.dispute_reason or '').strip():
            raise UserError(_('Say why the customer disputes the invoices.'))
