# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def _action_confirm(self):
        res = super()._action_confirm()
        # the customer's cycles of these products now, not the next night
        # (models/consumption_cycle_order.py)
        self.env['customer.consumption.cycle']._learn_from_confirmed_orders(self)
        return res
