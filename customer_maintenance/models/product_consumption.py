# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    consumption_cycle_count = fields.Integer(compute='_compute_consumption_cycle_count')

    @api.multi
    def _compute_consumption_cycle_count(self):
        products = self.mapped('product_variant_ids')
        groups = self.env['customer.consumption.cycle'].read_group(
            [('product_id', 'in', products.ids)], ['product_id'], ['product_id'])
        by_product = {g['product_id'][0]: g['product_id_count'] for g in groups}
        for template in self:
            template.consumption_cycle_count = sum(
                by_product.get(pid, 0) for pid in template.product_variant_ids.ids)

    @api.multi
    def action_view_consumption_cycles(self):
        action = self.env.ref('customer_maintenance.customer_consumption_cycle_action').read()[0]
        action['domain'] = [('product_id', 'in', self.mapped('product_variant_ids').ids)]
        return action
