# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo consumption cycles: the world's orders follow steady, rising, falling, irregular and
lapsed patterns (services/demo_plan.py); a few customers try a product for the first time
(cycles still learning); then the nightly job runs once, so that the table, its calendar,
the lapsed customers, the anomaly activities and the demand forecast all show something."""
import datetime
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

FIRST_ORDER_PRODUCT = 'GS-EP2-15'
FIRST_ORDER_DAYS_AGO = 12
FIRST_ORDER_BUYERS = 3


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        res = super()._demo_after_world(plan, world, today)
        self._demo_consumption(plan, world, today)
        return res

    @api.model
    def _demo_consumption(self, plan, world, today):
        self._demo_first_orders(plan, world, today)
        Cycle = self.env['customer.consumption.cycle']
        learned = Cycle._learn_consumption_cycles(today)
        Cycle._cron_consumption_followups(today)
        _logger.info('customer_maintenance demo: %d consumption cycles learned', learned)
        return True

    @api.model
    def _demo_first_orders(self, plan, world, today):
        """The first buyers that never bought the grease order it once, 12 days ago."""
        product = world['products'].get(FIRST_ORDER_PRODUCT)
        if not product:
            return
        buyers = [company for company in plan['companies'] if company['pattern_orders']
                  and not any(code == FIRST_ORDER_PRODUCT for _date, lines
                              in company['pattern_orders'] for code, _qty in lines)]
        day = today - datetime.timedelta(days=FIRST_ORDER_DAYS_AGO)
        partners = [world['partners'][company['ref']] for company in buyers[:FIRST_ORDER_BUYERS]]
        orders = self.env['sale.order'].create([
            self._prepare_demo_order_vals(partner, day, [(FIRST_ORDER_PRODUCT, 3)],
                                          world['products']) for partner in partners])
        orders.action_confirm()
        self._demo_move_orders_to(orders, [day] * len(orders))
