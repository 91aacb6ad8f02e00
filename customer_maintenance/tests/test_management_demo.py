# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The management part of the demo database (installed with demo data by make test)."""
from dateutil.relativedelta import relativedelta

from ..queries.management_kpi import FIGURES
from ..tools.today import today as cm_today
from .common import CustomerMaintenanceCase

DEMO_MANAGERS = ('user_am_chen', 'user_am_lin', 'user_am_wang')


class TestManagementDemo(CustomerMaintenanceCase):

    def _last_12_months(self):
        since = cm_today(self.env).replace(day=1) - relativedelta(months=12)
        return [('date', '>=', since)]

    def test_every_kpi_figure_shows_in_the_demo(self):
        Report = self.env['customer.manager.kpi.report'].with_user(self.supervisor)
        managers = [self.env.ref('customer_maintenance.%s' % xmlid) for xmlid in DEMO_MANAGERS]
        totals = dict(zip(FIGURES, Report._read_group(
            self._last_12_months() + [('user_id', 'in', [m.id for m in managers])], [],
            ['%s:sum' % name for name in FIGURES])[0]))
        for name in FIGURES:
            with self.subTest(figure=name):
                self.assertGreater(totals[name], 0)
        # every manager won and lost customers within the year
        for manager in managers:
            with self.subTest(manager=manager.name):
                new, lost = Report._read_group(
                    self._last_12_months() + [('user_id', '=', manager.id)], [],
                    ['customers_new:sum', 'customers_lost:sum'])[0]
                self.assertGreater(new, 0)
                self.assertGreater(lost, 0)

    def test_snapshot_taken_last(self):
        """The demo's snapshot holds the demo world: a refresh now changes no figure."""
        Snapshot = self.env['customer.manager.kpi.snapshot']
        before = Snapshot.search([], order='id').read(['user_id', 'date', *FIGURES])
        self.assertTrue(before)
        Snapshot.cron_refresh_manager_kpi()
        Snapshot.invalidate_model()
        self.assertEqual(Snapshot.search([], order='id').read(['user_id', 'date', *FIGURES]),
                         before)

    def test_ledgers_and_review_marks(self):
        Partner = self.env['res.partner']
        self.assertEqual(Partner.search_count([('last_review_date', '!=', False)]), 3)
        self.assertEqual(Partner.search_count([('review_note', '!=', False)]), 2)
        reminded = self.env['customer.agreement'].search([('renewal_reminder_date', '!=', False)])
        self.assertEqual(len(reminded), 1)
        self.assertTrue(reminded.activity_ids)
        for model, count in (('customer.promotion.support', 5), ('customer.value.service', 4),
                             ('customer.agreement', 3)):
            with self.subTest(model):
                self.assertEqual(self.env[model].search_count([]), count)
