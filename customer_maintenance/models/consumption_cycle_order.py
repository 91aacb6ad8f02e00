# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import SUPERUSER_ID, api, models

from ..tools.today import CONTEXT_KEY
from ..tools.today import today as cm_today

_logger = logging.getLogger(__name__)


class CustomerConsumptionCycle(models.Model):
    """The cycles of a confirmed order, learned at once (not the next night): the customer who
    orders at 10:00 is no longer "due" in his manager's day, and the replenishment call the
    order answers is cancelled in the same transaction.

    The nightly job stays the authority: the same statement (queries.learn_cycles) restricted
    to the order's customer × products, in the job's own "today" and time zone (those of the
    scheduler's user, not the confirming user's browser), so whichever ran last the numbers
    are the same. The cost is bounded by the customer's own history on the indexes (partner →
    orders → lines), whatever the database size: one upsert and one query of the open calls."""
    _inherit = 'customer.consumption.cycle'

    @api.model
    def _job_env(self):
        """The environment the nightly job runs in (ir.cron's: the scheduler's user, no
        browser context), keeping a "today" set by a test or a replayed night."""
        context = {CONTEXT_KEY: self.env.context[CONTEXT_KEY]} \
            if self.env.context.get(CONTEXT_KEY) else {}
        return api.Environment(self.env.cr, SUPERUSER_ID, context)

    @api.model
    def _learn_from_confirmed_orders(self, orders):
        """Learn the cycles of the lines of `orders` (sale.order, just confirmed) and cancel
        the open replenishment calls they answer; returns the number of cycles written."""
        names = {}
        for line in orders.order_line:
            if line.display_type or not line.product_id or line.product_uom_qty <= 0:
                continue
            key = (line.order_id.partner_id.commercial_partner_id.id, line.product_id.id)
            names.setdefault(key, line.order_id.name)
        if not names:
            return 0
        Cycle = self._job_env()['customer.consumption.cycle']
        today = cm_today(Cycle.env)
        count = Cycle._learn_consumption_cycles(today, pairs=list(names))
        cancelled = Cycle._cancel_stale_replenishment_calls(today, orders=names)
        _logger.debug('confirmed orders %s: %d cycles learned, %d calls cancelled',
                      orders.ids, count, cancelled)
        return count
