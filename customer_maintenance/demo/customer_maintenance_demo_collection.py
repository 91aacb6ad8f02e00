# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo collections (收款): the nightly job run on the demo's overdue invoices, then the
three outcomes of a call shown on real customers: a promise to pay that was broken (a new call
planned after it), a dispute, and a customer that paid (its call cancelled with why)."""
import datetime
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)
D = datetime.timedelta


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        res = super()._demo_after_world(plan, world, today)
        self._demo_collections(today)
        return res

    @api.model
    def _demo_collections(self, today):
        Event = self.env['customer.relationship.event'].with_context(cm_today=today)
        Event._plan_collection_calls(today)
        calls = Event.search([('plan_item', '=', 'collection'), ('state', '=', 'planned')],
                             order='partner_id')
        if len(calls) < 3:
            _logger.warning('customer_maintenance demo: %d collection calls only, no outcomes',
                            len(calls))
            return
        promised, disputed, paid = calls[0], calls[1], calls[2]
        # called a week ago: the customer promised to pay three days later, and did not
        promised.write({'date': today - D(7)})
        promised._mark_done('Will pay the overdue invoices on Friday. 週五付清逾期貨款。', {
            'collection_outcome': 'promise', 'promise_date': today - D(4),
            'promise_amount': promised.collection_amount})
        disputed._mark_done('The last delivery was short by two drums. 上批少了兩桶。', {
            'collection_outcome': 'disputed',
            'dispute_reason': 'Short delivery: two drums missing. 短交兩桶。'})
        invoices = self.env['account.move'].search([
            ('commercial_partner_id', '=', paid.partner_id.id),
            ('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),
            ('payment_state', 'in', ('not_paid', 'partial'))])
        self.env['account.payment.register'].with_context(
            active_model='account.move', active_ids=invoices.ids).create({
                'payment_date': today, 'group_payment': True})._create_payments()
        # the next night: the broken promise called again, the paid customer's call cancelled
        Event._plan_collection_calls(today)
        _logger.info('customer_maintenance demo: collection calls %s',
                     dict(Event._read_group([('kind', '=', 'collection')], ['state'],
                                            ['__count'])))
