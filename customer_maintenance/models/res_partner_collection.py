# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""A customer's collections (收款) on its page: what it owes past due today, since when, its
next collection call and the history of the calls with their outcomes."""
from odoo import api, fields, models

from ..queries import collections as queries
from ..tools.caller import window_action
from ..tools.today import today as cm_today


class ResPartner(models.Model):
    _inherit = 'res.partner'

    collection_event_ids = fields.One2many(
        'customer.relationship.event', 'partner_id', string='Collection Calls',
        domain=[('kind', '=', 'collection')])
    collection_overdue_amount = fields.Monetary(
        string='Overdue Receivables', compute='_compute_collection_overdue',
        currency_field='currency_id',
        help='Posted customer invoices still open past their due date, in company currency.')
    collection_oldest_due = fields.Date(
        string='Overdue Since', compute='_compute_collection_overdue',
        help='Due date of the oldest overdue invoice.')
    collection_next_date = fields.Date(
        string='Next Collection Call', compute='_compute_collection_overdue')

    @api.depends_context('cm_today')
    def _compute_collection_overdue(self):
        customers = self.commercial_partner_id.filtered('id')
        overdue, next_calls = {}, {}
        # read by SQL: only for those who may read the invoices
        if customers and self.env['account.move'].has_access('read'):
            self.env['account.move'].flush_model()
            overdue = {row['partner_id']: row for row in self.env.execute_query_dict(
                queries.overdue_invoices(cm_today(self.env), customers.ids))}
            next_calls = dict(self.env['customer.relationship.event']._read_group(
                [('partner_id', 'in', customers.ids), ('kind', '=', 'collection'),
                 ('state', '=', 'planned')], ['partner_id'], ['date:min']))
        for partner in self:
            customer = partner.commercial_partner_id
            row = overdue.get(customer.id) or {}
            partner.collection_overdue_amount = float(row.get('amount') or 0.0)
            partner.collection_oldest_due = row.get('oldest_due') or False
            partner.collection_next_date = next_calls.get(customer, False)

    def action_view_collection_events(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.customer_relationship_event_action')
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id),
                            ('kind', '=', 'collection')]
        action['context'] = {'default_partner_id': self.commercial_partner_id.id,
                             'default_kind': 'collection', 'default_channel': 'collection'}
        return action
