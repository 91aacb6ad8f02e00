# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The shared fixture of the consumption tests: products, order histories, and the three
customers the nightly jobs' fault and commit tests run over (tests/test_consumption*.py)."""
import datetime
from contextlib import contextmanager
from unittest.mock import patch

from .common import CustomerMaintenanceCase

D = datetime.date
TODAY = D(2026, 6, 30)


class ConsumptionCase(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz='UTC'))
        cls.Cycle = cls.env['customer.consumption.cycle']
        Product = cls.env['product.product']
        cls.oil = Product.create({'name': 'Cycle Oil A', 'type': 'consu', 'list_price': 10})
        cls.grease = Product.create({'name': 'Cycle Grease B', 'type': 'consu', 'list_price': 5})

    def _history(self, partner, product, start, gaps, qtys):
        """Orders on `start` then after each gap (days); returns [(date, qty)]."""
        day = start
        history = []
        for index, qty in enumerate(qtys):
            self._confirmed_order(partner, day, [(product, qty, 1.0)])
            history.append((day, qty))
            if index < len(gaps):
                day += datetime.timedelta(days=gaps[index])
        return history

    def _learn(self, today=TODAY):
        return self.Cycle._learn_consumption_cycles(today)

    def _cycle(self, partner=None, product=None):
        return self.Cycle.search([('partner_id', '=', (partner or self.customer_a).id),
                                  ('product_id', '=', (product or self.oil).id)])


class CronCustomersMixin:
    """Three customers of manager A that ordered oil alike (`HISTORY`, given again before each
    test): what a nightly job does for each of them, one of them broken on purpose
    (`_failing_for`), in batches that commit only as a cron. Mix in before a ConsumptionCase."""

    HISTORY = None  # (first order day, gaps in days, quantities), see ConsumptionCase._history

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env['res.partner'].create([{
            'name': 'Fault customer %d' % i, 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id} for i in range(3)])

    def setUp(self):
        super().setUp()
        start, gaps, qtys = self.HISTORY
        for customer in self.customers:
            self._history(customer, self.oil, start, gaps, qtys)

    @contextmanager
    def _failing_for(self, method, broken):
        """The cycle model's `method` raises for the cycle `broken` inside the block; the job
        must log that record as failed and skipped (cron_batches) and carry on."""
        Cycle = type(self.env['customer.consumption.cycle'])
        original = getattr(Cycle, method)

        def failing(cycle, *args):
            if cycle == broken:
                raise ValueError('injected fault')
            return original(cycle, *args)
        with patch.object(Cycle, method, failing), \
                self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches',
                                level='ERROR') as logs:
            yield
        self.assertTrue(any('record %d failed' % broken.id in line for line in logs.output),
                        logs.output)
