# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from ..services import consumption as estimation
from .common import CustomerMaintenanceCase

TODAY = '2026-06-30'


def _day(value):
    return datetime.datetime.strptime(value, '%Y-%m-%d').date()


class TestConsumptionCycle(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestConsumptionCycle, cls).setUpClass()
        cls.Cycle = cls.env['customer.consumption.cycle']
        Product = cls.env['product.product']
        cls.oil = Product.create({'name': 'Cycle Oil A', 'type': 'consu', 'list_price': 10})
        cls.grease = Product.create({'name': 'Cycle Grease B', 'type': 'consu', 'list_price': 5})

    def _history(self, partner, product, start, gaps, qtys):
        """Orders on `start` then after each gap (days); returns [(date, qty)]."""
        day = _day(start)
        history = []
        for index, qty in enumerate(qtys):
            self._confirmed_order(partner, day.isoformat(), [(product, qty, 1.0)])
            history.append((day, qty))
            if index < len(gaps):
                day += datetime.timedelta(days=gaps[index])
        return history

    def _learn(self, today=TODAY):
        return self.Cycle._learn_consumption_cycles(_day(today))

    def _cycle(self, partner=None, product=None):
        return self.Cycle.search([('partner_id', '=', (partner or self.customer_a).id),
                                  ('product_id', '=', (product or self.oil).id)])

    def _assert_matches_service(self, cycle, history, manual=None):
        expected = estimation.estimate_cycle(history, 1.5, manual)
        self.assertEqual(cycle.order_count, expected['order_count'])
        self.assertEqual(cycle.last_order_date, expected['last_order_date'].isoformat())
        self.assertAlmostEqual(cycle.avg_interval_days, expected['avg_interval_days'] or 0.0, 4)
        self.assertAlmostEqual(cycle.daily_rate, expected['daily_rate'] or 0.0, 4)
        self.assertAlmostEqual(cycle.avg_qty, expected['avg_qty'], 4)
        due = expected['next_due_date']
        self.assertEqual(cycle.next_due_date, due.isoformat() if due else False)
        self.assertEqual(cycle.anomaly, expected['anomaly'])
        self.assertEqual(cycle.state, expected['state'])

    # ------------------------------------------------------------------ learning
    def test_steady(self):
        history = self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(len(cycle), 1)
        self.assertEqual(cycle.state, 'active')
        self.assertEqual(cycle.order_count, 6)
        self.assertEqual(cycle.first_order_date, '2026-01-05')
        self.assertEqual(cycle.last_order_date, '2026-06-04')
        self.assertAlmostEqual(cycle.avg_interval_days, 30.0)
        self.assertAlmostEqual(cycle.interval_stddev_days, 0.0)
        self.assertAlmostEqual(cycle.daily_rate, 10 / 30.0, 4)
        self.assertEqual(cycle.next_due_date, '2026-07-04')
        self.assertEqual(cycle.anomaly, 'none')
        self.assertEqual(cycle.user_id, self.manager_a)
        self._assert_matches_service(cycle, history)

    def test_rising(self):
        history = self._history(self.customer_a, self.oil, '2025-12-01',
                                [30, 30, 30, 30, 12, 12], [10] * 7)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.anomaly, 'rising')
        self.assertAlmostEqual(cycle.anomaly_ratio, 2.5, 2)
        self._assert_matches_service(cycle, history)

    def test_falling(self):
        history = self._history(self.customer_a, self.oil, '2025-06-01',
                                [30, 30, 30, 30, 70, 70], [10] * 7)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.anomaly, 'falling')
        self.assertLess(cycle.anomaly_ratio, 1 / 1.5)
        self._assert_matches_service(cycle, history)

    def test_irregular_is_robust(self):
        # one very long gap and one huge order do not move the medians much
        history = self._history(self.customer_a, self.oil, '2025-09-01',
                                [28, 33, 120, 30, 27, 31], [10, 11, 9, 60, 10, 10, 12])
        self._learn()
        cycle = self._cycle()
        self.assertAlmostEqual(cycle.avg_interval_days, 30.5)
        self.assertAlmostEqual(cycle.avg_qty, 10.0)
        self.assertGreater(cycle.interval_stddev_days, 20)
        self._assert_matches_service(cycle, history)

    def test_lapsed_is_overdue(self):
        self._history(self.customer_a, self.oil, '2025-06-01', [30] * 4, [5] * 5)
        self._learn()
        cycle = self._cycle().with_context(cm_today=TODAY)
        self.assertEqual(cycle.next_due_date, '2025-10-29')
        self.assertTrue(cycle.is_overdue)
        self.assertLess(cycle.days_to_due, 0)
        self.assertEqual(cycle.estimated_stock_qty, 0.0)
        overdue = self.Cycle.with_context(cm_today=TODAY).search([('is_overdue', '=', True)])
        self.assertIn(cycle, overdue)
        not_overdue = self.Cycle.with_context(cm_today='2025-10-01').search(
            [('is_overdue', '=', False)])
        self.assertIn(cycle, not_overdue)

    def test_single_order_learning(self):
        self._history(self.customer_a, self.oil, '2026-05-01', [], [8])
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.state, 'learning')
        self.assertEqual(cycle.order_count, 1)
        self.assertFalse(cycle.next_due_date)
        self.assertFalse(cycle.avg_interval_days)
        self.assertEqual(cycle.anomaly, 'none')
        # the manager knows the cycle: a due date at once, and kept by the next learning
        cycle.sudo(self.manager_a).write({'manual_interval_days': 20})
        self.assertEqual(cycle.next_due_date, '2026-05-21')
        self._learn()
        self.assertEqual(cycle.next_due_date, '2026-05-21')

    def test_same_day_orders_merge_and_returns_ignored(self):
        self._history(self.customer_a, self.oil, '2026-03-01', [30, 30], [10, 10, 10])
        self._confirmed_order(self.customer_a, '2026-04-30', [(self.oil, 5, 1.0)])
        # a return line (negative quantity) is ignored
        self._confirmed_order(self.contact_a, '2026-04-30', [(self.oil, -50, 1.0)])
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.order_count, 3)
        self.assertAlmostEqual(cycle.last_qty, 15.0)
        self.assertAlmostEqual(cycle.avg_qty, 10.0)

    def test_contact_orders_count_for_company(self):
        self._history(self.contact_a, self.grease, '2026-03-01', [20], [4, 4])
        self._learn()
        cycle = self._cycle(product=self.grease)
        self.assertEqual(cycle.partner_id, self.customer_a)
        self.assertEqual(self.contact_a.consumption_cycle_count, 1)
        self.assertEqual(self.customer_a.consumption_cycle_count, 1)
        self.assertEqual(self.grease.product_tmpl_id.consumption_cycle_count, 1)

    def test_uom_conversion(self):
        dozen = self.env.ref('product.product_uom_dozen')
        for day in ('2026-04-01', '2026-05-01'):
            order = self.env['sale.order'].create({
                'partner_id': self.customer_a.id,
                'order_line': [(0, 0, {'product_id': self.oil.id, 'name': 'oil',
                                       'product_uom_qty': 2, 'product_uom': dozen.id,
                                       'price_unit': 1.0})]})
            order.action_confirm()
            order.write({'confirmation_date': day + ' 09:00:00'})
        self._learn()
        cycle = self._cycle()
        self.assertAlmostEqual(cycle.last_qty, 24.0)
        self.assertAlmostEqual(cycle.daily_rate, 24.0 / 30, 4)

    def test_multi_company(self):
        company_2 = self.env['res.company'].create({'name': 'Second Company CM'})
        self.env.user.company_ids |= company_2
        self._confirmed_order(self.customer_a, '2026-04-01', [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, '2026-05-01', [(self.oil, 10, 1.0)],
                              company=company_2)
        self._learn()
        # the customer consumes the product whichever company sells it
        cycle = self._cycle()
        self.assertEqual(cycle.order_count, 2)
        self.assertEqual(cycle.next_due_date, '2026-05-31')

    def test_lookback_window_and_unconfirmed(self):
        self._confirmed_order(self.customer_a, '2023-01-01', [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, '2026-04-01', [(self.oil, 10, 1.0)])
        self.env['sale.order'].create({
            'partner_id': self.customer_a.id,
            'order_line': [(0, 0, {'product_id': self.oil.id, 'name': 'quote',
                                   'product_uom_qty': 99, 'product_uom': self.oil.uom_id.id,
                                   'price_unit': 1.0})]})
        self._learn()
        self.assertEqual(self._cycle().order_count, 1)
        self.env['ir.config_parameter'].set_param(
            'customer_maintenance.consumption_lookback_months', '48')
        self._learn()
        self.assertEqual(self._cycle().order_count, 2)

    def test_idempotent(self):
        self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        values = cycle.read()[0]
        self.assertEqual(self._learn(), 0)
        cycle.invalidate_cache()
        self.assertEqual(cycle.read()[0], values)
        # a new order changes exactly this row
        self._confirmed_order(self.customer_a, '2026-06-28', [(self.oil, 10, 1.0)])
        self.assertEqual(self._learn(), 1)
        self.assertEqual(cycle.last_order_date, '2026-06-28')

    # ------------------------------------------------------------------ today-dependent
    def test_due_at_fixed_today(self):
        self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._learn()
        Cycle = self.Cycle.with_context(cm_today='2026-06-30')
        cycle = Cycle.browse(self._cycle().id)
        self.assertEqual(cycle.days_to_due, 4)
        self.assertFalse(cycle.is_overdue)
        self.assertAlmostEqual(cycle.estimated_stock_qty, 10 - 26 * 10 / 30.0, 3)
        due_week = [('days_to_due', '>=', 0), ('days_to_due', '<=', 7)]
        self.assertIn(cycle, Cycle.search(due_week))
        self.assertNotIn(cycle, self.Cycle.with_context(cm_today='2026-06-01').search(due_week))
        later = self.Cycle.with_context(cm_today='2026-07-10').browse(cycle.id)
        self.assertTrue(later.is_overdue)
        self.assertEqual(later.days_to_due, -6)

    # ------------------------------------------------------------------ reminders, anomalies
    def test_reminders_planned_once(self):
        self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        Event = self.env['customer.relationship.event']
        # due 2026-07-04, lead 7 days: not yet on 2026-06-20
        self.Cycle._plan_replenishment_reminders(_day('2026-06-20'))
        self.assertFalse(Event.search([('consumption_cycle_id', '=', cycle.id)]))
        self.Cycle._plan_replenishment_reminders(_day('2026-06-28'))
        self.Cycle._plan_replenishment_reminders(_day('2026-06-29'))
        self.Cycle.cron_learn_consumption_cycles()
        events = Event.search([('consumption_cycle_id', '=', cycle.id)])
        self.assertEqual(len(events), 1)
        self.assertEqual(events.date, '2026-06-28')
        self.assertEqual((events.kind, events.channel, events.state),
                         ('periodic', 'call', 'planned'))
        self.assertEqual(events.user_id, self.manager_a)
        self.assertEqual(events.consumption_due_date, '2026-07-04')
        # even a moved event is not planned again for the same due date
        events.date = '2026-07-02'
        self.Cycle._plan_replenishment_reminders(_day('2026-06-30'))
        self.assertEqual(Event.search_count([('consumption_cycle_id', '=', cycle.id)]), 1)
        with self.assertRaises(psycopg2.IntegrityError), mute_logger('odoo.sql_db'):
            with self.env.cr.savepoint():
                events.copy({'consumption_cycle_id': cycle.id,
                             'consumption_due_date': '2026-07-04'})

    def test_anomaly_activity_once(self):
        self.customer_a.name = 'Oil & <b>Gas</b> Co'  # the note is text, not markup
        self._history(self.customer_a, self.oil, '2025-12-01',
                      [30, 30, 30, 30, 12, 12], [10] * 7)
        self._learn()
        cycle = self._cycle()
        self.Cycle._notify_consumption_anomalies(_day(TODAY))
        self.Cycle._notify_consumption_anomalies(_day(TODAY))
        self._learn()
        self.Cycle._notify_consumption_anomalies(_day(TODAY))
        cycle.invalidate_cache()
        self.assertEqual(len(cycle.activity_ids), 1)
        self.assertEqual(cycle.activity_ids.user_id, self.manager_a)
        self.assertEqual(cycle.activity_ids.summary, 'Consumption rising: ask the customer why')
        self.assertTrue(cycle.activity_ids.note.startswith(
            '<p>Oil &amp; &lt;b&gt;Gas&lt;/b&gt; Co / '), cycle.activity_ids.note)
        self.assertIn('× the usual rate.</p>', cycle.activity_ids.note)
        self.assertEqual(cycle.anomaly_notified, 'rising')
        # back to normal (steady orders again), then rising again later: asked again
        self._confirmed_order(self.customer_a, '2026-05-24', [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, '2026-06-23', [(self.oil, 10, 1.0)])
        self._learn()
        cycle.invalidate_cache()
        self.assertEqual((cycle.anomaly, cycle.anomaly_notified), ('none', 'none'))

    def test_forecast(self):
        self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._learn()
        Forecast = self.env['customer.consumption.forecast'].with_context(cm_today=TODAY)
        rows = Forecast.search([('product_id', '=', self.oil.id)])
        # due 07-04, then every 30 days: 08-03, 09-02 within 90 days
        self.assertEqual(rows.mapped('due_date'), ['2026-07-04', '2026-08-03', '2026-09-02'])
        groups = Forecast.read_group([('product_id', '=', self.oil.id)],
                                     ['product_id', 'qty_7', 'qty_30', 'qty_90'], ['product_id'])
        self.assertEqual((groups[0]['qty_7'], groups[0]['qty_30'], groups[0]['qty_90']),
                         (10.0, 10.0, 30.0))
        # lapsed more than one interval: no longer expected
        later = Forecast.with_context(cm_today='2026-09-01').search(
            [('product_id', '=', self.oil.id)])
        self.assertEqual(len(later), 0)

    # ------------------------------------------------------------------ access and bad input
    def test_access(self):
        self._history(self.customer_a, self.oil, '2026-04-01', [30], [10, 10])
        self._history(self.customer_b, self.oil, '2026-04-01', [30], [10, 10])
        self._learn()
        mine = self.Cycle.sudo(self.manager_a).search([('product_id', '=', self.oil.id)])
        self.assertEqual(mine.mapped('partner_id'), self.customer_a)
        other = self._cycle(self.customer_b)
        with self.assertRaises(AccessError):
            other.sudo(self.manager_a).read(['next_due_date'])
        with self.assertRaises(AccessError):
            self.Cycle.sudo(self.manager_a).create({
                'partner_id': self.customer_a.id, 'product_id': self.grease.id})
        with self.assertRaises(AccessError):
            self.Cycle.sudo(self.manager_a)._learn_consumption_cycles(_day(TODAY))
        mine.sudo(self.manager_a).write({'note': 'Buys before Spring Festival',
                                         'manual_interval_days': 25})
        self.assertEqual(mine.note, 'Buys before Spring Festival')
        with self.assertRaises(AccessError):
            mine.sudo(self.manager_a).write({'next_due_date': '2030-01-01'})
        self.assertEqual(mine.next_due_date, '2026-05-26')
        all_cycles = self.Cycle.sudo(self.supervisor).search([('product_id', '=', self.oil.id)])
        self.assertEqual(len(all_cycles), 2)
        with self.assertRaises(AccessError):
            self.env['customer.consumption.forecast'].sudo(self.manager_a).search([])
        self.env['customer.consumption.forecast'].sudo(self.supervisor).search([])

    def test_bad_input(self):
        self._history(self.customer_a, self.oil, '2026-04-01', [30], [10, 10])
        self._learn()
        cycle = self._cycle()
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                cycle.sudo(self.manager_a).write({'manual_interval_days': -5})
        cycle.invalidate_cache()
        self.assertEqual(cycle.manual_interval_days, 0)
        self.assertEqual(cycle.next_due_date, '2026-05-31')
        with self.assertRaises(ValidationError):
            self.Cycle.with_context(cm_today=TODAY).search([('days_to_due', '<=', 'soon')])
        self.env['ir.config_parameter'].set_param(
            'customer_maintenance.consumption_anomaly_factor', '0.5')
        with self.assertRaises(ValidationError):
            self._learn()
        with self.assertRaises(ValidationError):
            self.env['res.config.settings'].create({'reminder_lead_days': -1})

    def test_learning_is_one_statement(self):
        self._history(self.customer_a, self.oil, '2026-01-05', [30] * 5, [10] * 6)
        self._history(self.customer_b, self.grease, '2026-01-05', [20] * 7, [3] * 8)
        cr = self.env.cr
        before = cr.sql_log_count
        self._learn()
        # settings (3 parameters) + the upsert, whatever the row count
        self.assertLessEqual(cr.sql_log_count - before, 5)
        cron = self.env.ref('customer_maintenance.ir_cron_learn_consumption_cycles')
        self.assertIn('cron_learn_consumption_cycles()', cron.code)
        self.assertEqual(cron.numbercall, -1)

    def test_views_load_for_each_role(self):
        for user in (self.manager_a, self.supervisor, self.admin):
            Cycle = self.Cycle.sudo(user)
            for view_type in ('tree', 'form', 'search', 'calendar'):
                self.assertTrue(Cycle.fields_view_get(view_type=view_type)['arch'])
            arch = self.env['res.partner'].sudo(user).fields_view_get(view_type='form')['arch']
            self.assertIn('consumption_cycle_ids', arch)
        Forecast = self.env['customer.consumption.forecast'].sudo(self.supervisor)
        for view_type in ('pivot', 'graph', 'search'):
            self.assertTrue(Forecast.fields_view_get(view_type=view_type)['arch'])
        action = self.customer_a.sudo(self.manager_a).action_view_consumption_cycles()
        self.assertEqual(action['domain'], [('partner_id', '=', self.customer_a.id)])

    def test_demo_shows_every_state(self):
        demo_partners = self.env['res.partner'].search([('ref', '=like', 'CM%')])
        orders = self.env['sale.order'].search([('partner_id', 'in', demo_partners.ids),
                                                ('state', '=', 'sale')],
                                               order='confirmation_date desc', limit=1)
        if not orders:
            self.skipTest('database installed without demo data')
        today = orders.confirmation_date[:10]
        self._learn(today)
        demo = self.Cycle.with_context(cm_today=today).search(
            [('partner_id', 'in', demo_partners.ids)])
        self.assertIn('active', demo.mapped('state'))
        self.assertEqual(set(demo.mapped('anomaly')), {'none', 'rising', 'falling'})
        self.assertTrue(demo.filtered('is_overdue'))
        self.assertTrue(demo.filtered(lambda c: not c.is_overdue and c.next_due_date))


class TestConsumptionEstimation(CustomerMaintenanceCase):
    """The pure-Python reference of the math."""

    def test_service_edge_cases(self):
        d = datetime.date
        self.assertIsNone(estimation.estimate_cycle([(d(2026, 1, 1), -3)]))
        res = estimation.estimate_cycle([(d(2026, 1, 1), 10), (d(2026, 1, 1), 5)])
        self.assertEqual((res['order_count'], res['last_qty'], res['next_due_date']),
                         (1, 15.0, None))
        # a last order twice the usual size pushes the due date, within bounds
        res = estimation.estimate_cycle([(d(2026, 1, 1), 10), (d(2026, 1, 11), 10),
                                         (d(2026, 1, 21), 100)])
        self.assertEqual(res['next_due_date'], d(2026, 2, 10))
        self.assertEqual(estimation.classify_anomaly(2.0, 1.0, 1.5), ('rising', 2.0))
        self.assertEqual(estimation.classify_anomaly(1.0, 2.0, 1.5), ('falling', 0.5))
        self.assertEqual(estimation.classify_anomaly(1.1, 1.0, 1.5), ('none', 1.1))
