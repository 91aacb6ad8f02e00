# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo customer health: the night's RFM segments and health scores computed at install, once
the demo's orders, cycles and invoices are there, so that the dashboard, the customers to win
back and the customers' pages show them at once (as the ABC classes are)."""
from odoo import api, models


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        res = super()._demo_after_world(plan, world, today)
        Partner = self.env['res.partner'].with_context(cm_today=today)
        Partner.cron_segment_customers_rfm(today=today)
        Partner.cron_score_customer_health(today=today)
        return res
