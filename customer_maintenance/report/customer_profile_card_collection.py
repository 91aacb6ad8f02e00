# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Collections (收款) on the customer profile card (客戶資料卡): what the customer owes past
due on the card's day, since when, and its collection calls (planned first, then the last
ones done) with their outcome, so that the supervisor's weekly review sees whether the
receivables are being collected (有無逾期未收貨款). The calls are searched as the printing
user: an account manager prints only those his record rules let him read."""
from odoo import api, models
from odoo.tools.misc import format_amount, format_date

CALL_LIMIT = 10
COLUMNS = ('date', 'user_id', 'collection_amount', 'collection_outcome', 'promise_date',
           'promise_amount', 'state')


class ReportProfileCard(models.AbstractModel):
    _inherit = 'report.customer_maintenance.report_profile_card'

    @api.model
    def _card_collection_calls(self, customer):
        Event = self.env['customer.relationship.event']
        if not Event.has_access('read'):
            return Event
        domain = [('partner_id', '=', customer.id), ('kind', '=', 'collection')]
        planned = Event.search(domain + [('state', '=', 'planned')], order='date, id')
        return planned | Event.search(domain + [('state', '!=', 'planned')],
                                      order='date desc, id desc', limit=CALL_LIMIT)

    @api.model
    def _collection_call_row(self, call):
        outcome = self._display(call, 'collection_outcome')
        if call.promise_broken:
            outcome = '%s (%s)' % (outcome, self._label(call, 'promise_broken'))
        elif call.collection_outcome == 'disputed':
            outcome = '%s: %s' % (outcome, call.dispute_reason or '')
        return {
            'date': format_date(self.env, call.date),
            'user': call.user_id.name or '',
            'amount': format_amount(self.env, call.collection_amount, call.currency_id),
            'outcome': outcome,
            'promise_date': format_date(self.env, call.promise_date),
            'promise_amount': (format_amount(self.env, call.promise_amount, call.currency_id)
                               if call.promise_amount else ''),
            'state': self._display(call, 'state'),
            'broken': call.promise_broken,
        }

    @api.model
    def _card(self, partner, sales, today):
        card = super()._card(partner, sales, today)
        customer = partner.commercial_partner_id.with_context(cm_today=today)
        calls = self._card_collection_calls(customer)
        card['collection_calls'] = [self._collection_call_row(call) for call in calls]
        card['collection_overdue'] = customer.collection_overdue_amount
        card['collection_overdue_text'] = format_amount(
            self.env, customer.collection_overdue_amount, customer.currency_id)
        card['collection_since'] = format_date(self.env, customer.collection_oldest_due)
        Event = self.env['customer.relationship.event']
        card['collection_labels'] = dict(
            {fname: self._label(Event, fname) for fname in COLUMNS},
            collection_overdue_amount=self._label(customer, 'collection_overdue_amount'),
            collection_oldest_due=self._label(customer, 'collection_oldest_due'))
        return card
