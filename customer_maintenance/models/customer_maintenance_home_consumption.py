# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from datetime import timedelta

from odoo import api, fields, models

from ..tools.today import today as cm_today


class CustomerMaintenanceHome(models.Model):
    """My Maintenance and the consumption cycle table: the customers about to run out (due
    within a week, overdue ones counted apart) and the lapsed ones to win back."""
    _inherit = 'customer.maintenance.home'

    code = fields.Selection(
        selection_add=[('replenishments', 'Replenishments Due'),
                       ('lapsed', 'Customers to Win Back')],
        ondelete={'replenishments': 'cascade', 'lapsed': 'cascade'})

    @api.model
    def _card_specs(self):
        specs = super()._card_specs()
        specs.update({
            'replenishments': ('customer.consumption.cycle',
                               'customer_maintenance.customer_consumption_cycle_action'),
            # one notion of a customer to win back (res_partner_win_back.py): customers
            'lapsed': ('res.partner', 'customer_maintenance.res_partner_action_win_back'),
        })
        return specs

    @api.model
    def _card_domains(self, code):
        day = cm_today(self.env)
        if code == 'replenishments':
            # lapsed customers are not replenishments any more: they have their own card
            return ([('user_id', '=', self.env.uid), ('next_due_date', '<=', day + timedelta(days=7)),
                     ('lapse_date', '>', day)],
                    [('next_due_date', '<', day)])
        if code == 'lapsed':
            return ([('user_id', '=', self.env.uid), ('parent_id', '=', False),
                     ('is_to_win_back', '=', True)], [])
        return super()._card_domains(code)
