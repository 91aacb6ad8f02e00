# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..tools.caller import window_action


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    consumption_cycle_count = fields.Integer(
        string='Consumption Cycle Count', compute='_compute_consumption_cycle_count',
        groups='customer_maintenance.group_user')

    def _compute_consumption_cycle_count(self):
        counts = dict(self.env['customer.consumption.cycle']._read_group(
            [('product_id', 'in', self.product_variant_ids.ids)], ['product_id'], ['__count']))
        for template in self:
            template.consumption_cycle_count = sum(
                counts.get(product, 0) for product in template.product_variant_ids)

    def action_view_consumption_cycles(self):
        action = window_action(self, 'customer_maintenance.customer_consumption_cycle_action')
        action['domain'] = [('product_id', 'in', self.product_variant_ids.ids)]
        action['context'] = {'search_default_group_partner': 0}
        return action
