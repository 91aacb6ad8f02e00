# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    consumption_cycle_ids = fields.One2many(
        'customer.consumption.cycle', 'partner_id', string='Consumption Cycles')
    consumption_cycle_count = fields.Integer(compute='_compute_consumption_cycle_count')

    @api.multi
    def _compute_consumption_cycle_count(self):
        # cycles belong to the commercial partner: contacts show their company's
        commercial = self.mapped('commercial_partner_id')
        groups = self.env['customer.consumption.cycle'].read_group(
            [('partner_id', 'in', commercial.ids)], ['partner_id'], ['partner_id'])
        counts = {g['partner_id'][0]: g['partner_id_count'] for g in groups}
        for partner in self:
            partner.consumption_cycle_count = counts.get(partner.commercial_partner_id.id, 0)

    @api.multi
    def action_view_consumption_cycles(self):
        self.ensure_one()
        action = self.env.ref('customer_maintenance.customer_consumption_cycle_action').read()[0]
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'search_default_group_partner': 0}
        return action
