# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def _action_confirm(self):
        res = super()._action_confirm()
        # the prospect buys: it becomes a customer (pipeline and customer_rank) and its
        # active claim converts
        self.partner_id._cm_mark_customer()
        return res
