# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly job of the consumption cycle table: its SQL against the pure-Python oracle on
generated (seeded) histories, idempotence, a broken record skipped, commits only as a cron,
one run at a time (11.0 test_trust_cron_faults.py, consumption part)."""
import datetime
import random
from unittest.mock import patch

from odoo import Command

from ..services import consumption as estimation
from ..tools.job_lock import job_lock
from .consumption_common import D, TODAY, ConsumptionCase, CronCustomersMixin

PATTERNS = ('steady', 'rising', 'falling', 'irregular', 'single', 'pair', 'same_day',
            'returns')


def generate_history(rng, pattern, end):
    """[(date, qty, is_return)] of one customer × product ending before `end`."""
    interval = rng.choice([7, 14, 20, 30, 45])
    qty = rng.randint(2, 40)
    count = {'single': 1, 'pair': 2}.get(pattern, rng.randint(4, 9))
    gaps = [max(1, interval + rng.randint(-3, 3)) for _i in range(count - 1)]
    qtys = [max(1, qty + rng.randint(-2, 2)) for _i in range(count)]
    if pattern == 'rising' and len(gaps) >= 4:
        gaps[-2:] = [max(1, interval // 3)] * 2
    elif pattern == 'falling' and len(gaps) >= 4:
        gaps[-2:] = [interval * 3] * 2
    elif pattern == 'irregular' and gaps:
        gaps[rng.randrange(len(gaps))] = interval * 4
        qtys[rng.randrange(len(qtys))] = qty * 6
    day = end - datetime.timedelta(days=sum(gaps) + rng.randint(0, 2 * interval))
    orders = []
    for index, qty_ in enumerate(qtys):
        orders.append((day, qty_, False))
        if pattern == 'same_day' and index % 2:
            orders.append((day, rng.randint(1, 5), False))
        if pattern == 'returns' and index == 1:
            orders.append((day, -rng.randint(1, 5), True))
        if index < len(gaps):
            day += datetime.timedelta(days=gaps[index])
    return orders


class TestConsumptionOracle(ConsumptionCase):
    """The learning SQL and the forecast query give the figures of services/consumption.py."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dozen = cls.env.ref('uom.product_uom_dozen')
        cls.unit = cls.env.ref('uom.product_uom_unit')
        cls.boxes = cls.env['product.product'].create({
            'name': 'Grease sold by the dozen', 'uom_id': cls.dozen.id,
            'uom_po_id': cls.dozen.id})

    def _generate(self, seed, pairs=12):
        """Orders for `pairs` customer × product histories; returns {(partner, product): the
        oracle's orders [(date, qty in the product's unit)]}."""
        rng = random.Random(seed)
        Partner = self.env['res.partner']
        products = [self.oil, self.grease, self.boxes]
        expected, orders = {}, []
        for index in range(pairs):
            partner = Partner.create({'name': 'Oracle %d-%d' % (seed, index), 'is_company': True,
                                      'user_id': self.manager_a.id})
            contact = Partner.create({'name': 'Buyer %d-%d' % (seed, index),
                                      'parent_id': partner.id})
            product = products[index % len(products)]
            pattern = PATTERNS[index % len(PATTERNS)]
            history = []
            for day, qty, _is_return in generate_history(rng, pattern, TODAY):
                # units in dozens: a line in dozens of a product in units (× 12), or a line
                # in units (a multiple of 12) of a product sold by the dozen (÷ 12)
                if product == self.boxes:
                    line_uom, line_qty, oracle_qty = self.unit, qty * 12, qty
                elif rng.random() < 0.4:
                    line_uom, line_qty, oracle_qty = self.dozen, qty, qty * 12
                else:
                    line_uom, line_qty, oracle_qty = self.unit, qty, qty
                buyer = contact if rng.random() < 0.3 else partner
                orders.append((day, {'partner_id': buyer.id, 'order_line': [Command.create({
                    'product_id': product.id, 'product_uom_qty': line_qty,
                    'product_uom': line_uom.id, 'price_unit': 1.0})]}))
                history.append((day, oracle_qty))
            expected[partner, product] = history
        records = self.env['sale.order'].create([vals for _day, vals in orders])
        records.action_confirm()
        for order, (day, _vals) in zip(records, orders):
            order.date_order = datetime.datetime.combine(day, datetime.time(9, 0))
        return expected

    def _assert_cycle(self, cycle, expected, label):
        for name in ('order_count', 'first_order_date', 'last_order_date', 'next_due_date',
                     'lapse_date', 'anomaly', 'state'):
            self.assertEqual(cycle[name], expected[name] or False, '%s: %s' % (label, name))
        for name in ('last_qty', 'avg_qty', 'avg_interval_days', 'interval_stddev_days',
                     'daily_rate', 'anomaly_ratio'):
            self.assertAlmostEqual(cycle[name], expected[name] or 0.0, 3,
                                   '%s: %s' % (label, name))

    def test_learning_matches_oracle(self):
        for seed in (7, 2026):
            with self.subTest(seed=seed):
                histories = self._generate(seed)
                self._learn()
                anomalies = set()
                for (partner, product), history in histories.items():
                    expected = estimation.estimate_cycle(history, 1.5)
                    cycle = self._cycle(partner, product)
                    self.assertEqual(len(cycle), 1)
                    self._assert_cycle(cycle, expected, '%s/%s' % (partner.name, product.name))
                    anomalies.add(cycle.anomaly)
                    for day in (TODAY, TODAY + datetime.timedelta(days=45)):
                        record = cycle.with_context(cm_today=day)
                        self.assertEqual(record.is_lapsed, estimation.is_lapsed(
                            expected['next_due_date'], expected['avg_interval_days'], day))
                        self.assertAlmostEqual(record.estimated_stock_qty, estimation.estimated_stock(
                            expected['last_order_date'], expected['last_qty'],
                            expected['daily_rate'], day), 3)
                # the generated histories cover the cases the oracle distinguishes
                self.assertTrue({'rising', 'falling', 'none'} <= anomalies, anomalies)
                self.assertEqual(self._learn(), 0, 'a second run writes nothing')

    def test_forecast_matches_oracle(self):
        histories = self._generate(11)
        self._learn()
        for day in (TODAY, TODAY + datetime.timedelta(days=20)):
            with self.subTest(today=day):
                Forecast = self.env['customer.consumption.forecast'].with_context(cm_today=day)
                Forecast.invalidate_model()  # its rows depend on today
                for (partner, product), history in histories.items():
                    cycle = self._cycle(partner, product)
                    expected = estimation.forecast(cycle.next_due_date, cycle.avg_interval_days,
                                                   cycle.avg_qty, day)
                    rows = Forecast.search([('cycle_id', '=', cycle.id)])
                    self.assertEqual([(row.due_date, round(row.expected_qty, 6)) for row in rows],
                                     [(due, round(qty, 6)) for due, qty in expected])
                    self.assertEqual(rows.mapped('horizon'),
                                     [estimation.horizon(due, day) for due, _qty in expected])


class TestConsumptionCron(CronCustomersMixin, ConsumptionCase):

    # the three customers' consumption rises: an anomaly activity each
    HISTORY = (D(2025, 12, 1), [30, 30, 30, 30, 12, 12], [10] * 7)

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, cm_today=TODAY))
        self.Cycle = self.env['customer.consumption.cycle']

    def _snapshot(self):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("""
            SELECT (SELECT string_agg(concat_ws('|', id, write_date, next_due_date, lapse_date,
                                                anomaly, anomaly_notified), ',' ORDER BY id)
                      FROM customer_consumption_cycle),
                   (SELECT count(*) FROM mail_activity
                     WHERE res_model = 'customer.consumption.cycle'),
                   (SELECT count(*) FROM mail_followers
                     WHERE res_model = 'customer.consumption.cycle'),
                   (SELECT count(*) FROM mail_message
                     WHERE model = 'customer.consumption.cycle')""")
        return cr.fetchone()

    def test_cron_twice_changes_nothing(self):
        self.assertTrue(self.Cycle.cron_learn_consumption_cycles())
        cycles = self.Cycle.search([('partner_id', 'in', self.customers.ids)])
        self.assertEqual(len(cycles.activity_ids), 3)
        before = self._snapshot()
        self.Cycle.cron_learn_consumption_cycles()
        self.assertEqual(self._snapshot(), before)

    def test_broken_record_is_skipped(self):
        self.Cycle._learn_consumption_cycles()
        cycles = self.Cycle.search([('partner_id', 'in', self.customers.ids)])
        broken = cycles[1]
        with self._failing_for('_prepare_anomaly_activity_vals', broken):
            self.assertTrue(self.Cycle.cron_learn_consumption_cycles())
        cycles.invalidate_recordset()
        self.assertEqual(cycles.filtered('activity_ids'), cycles - broken)
        self.assertEqual(broken.anomaly_notified, 'none', 'nothing written for the bad record')
        # the next night completes
        self.Cycle.cron_learn_consumption_cycles()
        cycles.invalidate_recordset()
        self.assertEqual(cycles.filtered('activity_ids'), cycles)
        self.assertEqual(len(cycles.activity_ids), 3)

    def test_commits_and_progress_only_as_a_cron(self):
        commits, progress = [], []
        cr = self.env.cr
        with patch.object(cr, 'commit', lambda: commits.append(1)), patch.object(
                type(self.env['ir.cron']), '_notify_progress',
                lambda cron, **kw: progress.append(kw)), \
                patch('odoo.addons.customer_maintenance.models.consumption_cycle.BATCH_SIZE', 2):
            self.Cycle.cron_learn_consumption_cycles()
            self.assertEqual((commits, progress), ([], []))
            self.Cycle.search([]).write({'anomaly_notified': 'none'})
            self.env['mail.activity'].search(
                [('res_model', '=', 'customer.consumption.cycle')]).unlink()
            self.Cycle.cron_learn_consumption_cycles(automatic=True)
        anomalies = self.Cycle.search_count([('anomaly', '!=', 'none')])
        self.assertGreaterEqual(anomalies, 3)
        # one per batch of two anomalies, and the lock's commits (a fresh snapshot once the
        # lock is taken, and at the end of the cron run)
        self.assertEqual(len(commits), (anomalies + 1) // 2 + 2)
        self.assertEqual(progress[-1], {'done': anomalies, 'remaining': 0})

    def test_one_run_at_a_time(self):
        # the cycles learned when the fixture's orders were confirmed (before their dates
        # were moved to the history's days): the locked run leaves them as they are
        mine = [('partner_id', 'in', self.customers.ids)]
        learned = self.Cycle.search_read(mine, ['last_order_date', 'next_due_date'])
        self.assertTrue(learned)
        with job_lock(self.env, 'learn_consumption_cycles') as locked:
            self.assertTrue(locked)
            self.assertFalse(self.Cycle.cron_learn_consumption_cycles())
        self.Cycle.invalidate_model()
        self.assertEqual(self.Cycle.search_read(mine, ['last_order_date', 'next_due_date']),
                         learned)
        self.assertTrue(self.Cycle.cron_learn_consumption_cycles())
