# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The consumption cycle table (客戶用油周期表): learning, today-dependent values, anomalies,
the demand forecast, lapsed customers, views and access (11.0 test_consumption_cycle.py)."""
from odoo import Command
from odoo.exceptions import AccessError

from ..services import consumption as estimation
from ..tools.today import with_today
from .consumption_common import D, TODAY, ConsumptionCase


class TestConsumptionCycle(ConsumptionCase):

    def _assert_matches_service(self, cycle, history, manual=None):
        expected = estimation.estimate_cycle(history, 1.5, manual)
        self.assertEqual(cycle.order_count, expected['order_count'])
        self.assertEqual(cycle.last_order_date, expected['last_order_date'])
        self.assertAlmostEqual(cycle.avg_interval_days, expected['avg_interval_days'] or 0.0, 4)
        self.assertAlmostEqual(cycle.daily_rate, expected['daily_rate'] or 0.0, 4)
        self.assertAlmostEqual(cycle.avg_qty, expected['avg_qty'], 4)
        self.assertEqual(cycle.next_due_date, expected['next_due_date'] or False)
        self.assertEqual(cycle.lapse_date, expected['lapse_date'] or False)
        self.assertEqual(cycle.anomaly, expected['anomaly'])
        self.assertEqual(cycle.state, expected['state'])

    # ------------------------------------------------------------------ learning
    def test_steady(self):
        history = self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(len(cycle), 1)
        self.assertEqual(cycle.state, 'active')
        self.assertEqual(cycle.order_count, 6)
        self.assertEqual(cycle.first_order_date, D(2026, 1, 5))
        self.assertEqual(cycle.last_order_date, D(2026, 6, 4))
        self.assertAlmostEqual(cycle.avg_interval_days, 30.0)
        self.assertAlmostEqual(cycle.interval_stddev_days, 0.0)
        self.assertAlmostEqual(cycle.daily_rate, 10 / 30.0, 4)
        self.assertEqual(cycle.next_due_date, D(2026, 7, 4))
        self.assertEqual(cycle.lapse_date, D(2026, 9, 3))  # 07-04 + 60 days + 1
        self.assertEqual(cycle.anomaly, 'none')
        self.assertEqual(cycle.user_id, self.manager_a)
        self.assertEqual(cycle.display_name, 'Customer of A / Cycle Oil A')
        self._assert_matches_service(cycle, history)

    def test_patterns_match_service(self):
        cases = [
            ('rising', D(2025, 12, 1), [30, 30, 30, 30, 12, 12], [10] * 7, 'rising'),
            ('falling', D(2025, 6, 1), [30, 30, 30, 30, 70, 70], [10] * 7, 'falling'),
            ('irregular', D(2025, 9, 1), [28, 33, 120, 30, 27, 31],
             [10, 11, 9, 60, 10, 10, 12], 'none'),
            ('two orders', D(2026, 4, 1), [30], [10, 10], 'none'),
        ]
        for label, start, gaps, qtys, anomaly in cases:
            with self.subTest(case=label):
                product = self.env['product.product'].create({'name': 'Oil %s' % label})
                history = self._history(self.customer_a, product, start, gaps, qtys)
                self._learn()
                cycle = self._cycle(product=product)
                self.assertEqual(cycle.anomaly, anomaly)
                self._assert_matches_service(cycle, history)
        rising = self.Cycle.search([('product_id.name', '=', 'Oil rising')])
        self.assertAlmostEqual(rising.anomaly_ratio, 2.5, 2)
        falling = self.Cycle.search([('product_id.name', '=', 'Oil falling')])
        self.assertLess(falling.anomaly_ratio, 1 / 1.5)
        irregular = self.Cycle.search([('product_id.name', '=', 'Oil irregular')])
        # one very long gap and one huge order do not move the medians much
        self.assertAlmostEqual(irregular.avg_interval_days, 30.5)
        self.assertAlmostEqual(irregular.avg_qty, 10.0)
        self.assertGreater(irregular.interval_stddev_days, 20)

    def test_lapsed_is_overdue(self):
        self._history(self.customer_a, self.oil, D(2025, 6, 1), [30] * 4, [5] * 5)
        self._learn()
        cycle = self._cycle().with_context(cm_today=TODAY)
        self.assertEqual(cycle.next_due_date, D(2025, 10, 29))
        self.assertTrue(cycle.is_overdue)
        self.assertTrue(cycle.is_lapsed)
        self.assertLess(cycle.days_to_due, 0)
        self.assertEqual(cycle.estimated_stock_qty, 0.0)
        overdue = self.Cycle.with_context(cm_today=TODAY).search([('is_overdue', '=', True)])
        self.assertIn(cycle, overdue)
        not_overdue = self.Cycle.with_context(cm_today=D(2025, 10, 1)).search(
            [('is_overdue', '=', False)])
        self.assertIn(cycle, not_overdue)

    def test_lapse_boundary(self):
        """Overdue by up to two intervals: overdue; by more: lapsed (a customer to win back)."""
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()  # due 07-04, interval 30: lapsed from 09-03
        cases = [
            (D(2026, 7, 3), False, False),
            (D(2026, 7, 5), True, False),
            (D(2026, 9, 2), True, False),
            (D(2026, 9, 3), True, True),
        ]
        for day, overdue, lapsed in cases:
            with self.subTest(day=day):
                Cycle = self.Cycle.with_context(cm_today=day)
                record = Cycle.browse(cycle.id)
                self.assertEqual((record.is_overdue, record.is_lapsed), (overdue, lapsed))
                self.assertEqual(lapsed, estimation.is_lapsed(cycle.next_due_date, 30.0, day))
                self.assertEqual(bool(Cycle.search([('id', '=', cycle.id),
                                                    ('is_lapsed', '=', True)])), lapsed)
                self.assertEqual(bool(Cycle.search([('id', '=', cycle.id),
                                                    ('is_lapsed', '=', False)])), not lapsed)
                Partner = self.env['res.partner'].with_context(cm_today=day)
                self.assertEqual(Partner.browse(self.customer_a.id).consumption_lapsed, lapsed)
                self.assertEqual(self.contact_a.with_context(cm_today=day).consumption_lapsed,
                                 lapsed)
                self.assertEqual(bool(Partner.search([('id', '=', self.customer_a.id),
                                                      ('consumption_lapsed', '=', True)])),
                                 lapsed)
                self.assertEqual(bool(Partner.search([('id', '=', self.customer_a.id),
                                                      ('consumption_lapsed', '=', False)])),
                                 not lapsed)

    def test_single_order_learning(self):
        self._history(self.customer_a, self.oil, D(2026, 5, 1), [], [8])
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.state, 'learning')
        self.assertEqual(cycle.order_count, 1)
        self.assertFalse(cycle.next_due_date)
        self.assertFalse(cycle.lapse_date)
        self.assertFalse(cycle.avg_interval_days)
        self.assertEqual(cycle.anomaly, 'none')
        # the manager knows the cycle: a due date at once, and kept by the next learning
        cycle.with_user(self.manager_a).write({'manual_interval_days': 20})
        self.assertEqual(cycle.next_due_date, D(2026, 5, 21))
        self.assertEqual(cycle.lapse_date, D(2026, 7, 1))
        self.assertEqual(self._learn(), 0)
        self.assertEqual(cycle.next_due_date, D(2026, 5, 21))
        # a new order: the known interval still rules the due date
        self._confirmed_order(self.customer_a, D(2026, 6, 1), [(self.oil, 8, 1.0)])
        self._learn()
        self.assertEqual(cycle.next_due_date, D(2026, 6, 21))
        self.assertAlmostEqual(cycle.avg_interval_days, 31.0)

    def test_same_day_orders_merge_and_returns_ignored(self):
        self._history(self.customer_a, self.oil, D(2026, 3, 1), [30, 30], [10, 10, 10])
        self._confirmed_order(self.customer_a, D(2026, 4, 30), [(self.oil, 5, 1.0)])
        # a return line (negative quantity) is ignored
        self._confirmed_order(self.contact_a, D(2026, 4, 30), [(self.oil, -50, 1.0)])
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.order_count, 3)
        self.assertAlmostEqual(cycle.last_qty, 15.0)
        self.assertAlmostEqual(cycle.avg_qty, 10.0)

    def test_contact_orders_count_for_company(self):
        self._history(self.contact_a, self.grease, D(2026, 3, 1), [20], [4, 4])
        self._learn()
        cycle = self._cycle(product=self.grease)
        self.assertEqual(cycle.partner_id, self.customer_a)
        self.assertEqual(self.contact_a.consumption_cycle_count, 1)
        self.assertEqual(self.customer_a.consumption_cycle_count, 1)
        self.assertEqual(self.grease.product_tmpl_id.consumption_cycle_count, 1)
        action = self.grease.product_tmpl_id.action_view_consumption_cycles()
        self.assertEqual(self.Cycle.search(action['domain']), cycle)

    def test_uom_conversion(self):
        dozen = self.env.ref('uom.product_uom_dozen')
        for day in ('2026-04-01', '2026-05-01'):
            order = self.env['sale.order'].create({
                'partner_id': self.customer_a.id,
                'order_line': [Command.create({'product_id': self.oil.id,
                                               'product_uom_qty': 2, 'product_uom': dozen.id,
                                               'price_unit': 1.0})]})
            order.action_confirm()
            order.write({'date_order': day + ' 09:00:00'})
        self._learn()
        cycle = self._cycle()
        self.assertAlmostEqual(cycle.last_qty, 24.0)
        self.assertAlmostEqual(cycle.daily_rate, 24.0 / 30, 4)

    def test_order_day_in_the_users_time_zone(self):
        # 23:30 UTC on 03-31 is 07:30 on 04-01 in Taipei (MIGRATION risk 4: ::date is UTC)
        for stamp in ('2026-03-31 23:30:00', '2026-05-01 01:00:00'):
            order = self._confirmed_order(self.customer_a, D(2026, 1, 1), [(self.oil, 5, 1.0)])
            order.write({'date_order': stamp})
        cases = [('UTC', D(2026, 3, 31), D(2026, 5, 1)),
                 ('Asia/Taipei', D(2026, 4, 1), D(2026, 5, 1)),
                 ('America/New_York', D(2026, 3, 31), D(2026, 4, 30))]
        for tz, first, last in cases:
            with self.subTest(tz=tz):
                self.Cycle.with_context(tz=tz)._learn_consumption_cycles(TODAY)
                cycle = self._cycle()
                self.assertEqual((cycle.first_order_date, cycle.last_order_date), (first, last))

    def test_multi_company(self):
        company_2 = self.env['res.company'].create({'name': 'Second Company CM'})
        self.env.user.company_ids |= company_2
        self._confirmed_order(self.customer_a, D(2026, 4, 1), [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, D(2026, 5, 1), [(self.oil, 10, 1.0)],
                              company=company_2)
        self._learn()
        # the customer consumes the product whichever company sells it
        cycle = self._cycle()
        self.assertEqual(cycle.order_count, 2)
        self.assertEqual(cycle.next_due_date, D(2026, 5, 31))

    def test_lookback_window_and_unconfirmed(self):
        self._confirmed_order(self.customer_a, D(2023, 1, 1), [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, D(2026, 4, 1), [(self.oil, 10, 1.0)])
        self.env['sale.order'].create({
            'partner_id': self.customer_a.id,
            'order_line': [Command.create({'product_id': self.oil.id, 'product_uom_qty': 99,
                                           'price_unit': 1.0})]})
        cancelled = self._confirmed_order(self.customer_a, D(2026, 5, 1), [(self.oil, 7, 1.0)])
        cancelled._action_cancel()
        self._learn()
        self.assertEqual(self._cycle().order_count, 1)
        self.env['ir.config_parameter'].set_param(
            'customer_maintenance.consumption_lookback_months', '48')
        self._learn()
        self.assertEqual(self._cycle().order_count, 2)

    def test_idempotent(self):
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        values = cycle.read()[0]
        self.assertEqual(self._learn(), 0)
        cycle.invalidate_recordset()
        self.assertEqual(cycle.read()[0], values)
        # a new order changes exactly this row
        self._confirmed_order(self.customer_a, D(2026, 6, 28), [(self.oil, 10, 1.0)])
        self.assertEqual(self._learn(), 1)
        self.assertEqual(cycle.last_order_date, D(2026, 6, 28))

    def test_learning_is_one_statement(self):
        self._learn()  # the demo's cycles, learned at install on another day
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._history(self.customer_b, self.grease, D(2026, 1, 5), [20] * 7, [3] * 8)
        self.env.flush_all()
        self.env['ir.config_parameter'].get_param('customer_maintenance.consumption_lookback_months')
        cr = self.env.cr
        before = cr.sql_log_count
        self.assertEqual(self._learn(), 2)
        # the upsert (and at most the three settings), whatever the row count
        self.assertLessEqual(cr.sql_log_count - before, 4)
        cron = self.env.ref('customer_maintenance.ir_cron_learn_consumption_cycles')
        self.assertEqual(cron.code.strip(), 'model.cron_learn_consumption_cycles(automatic=True)')
        self.assertEqual((cron.interval_number, cron.interval_type), (1, 'days'))

    # ------------------------------------------------------------------ today-dependent
    def test_due_at_fixed_today(self):
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        Cycle = self.Cycle.with_context(cm_today=TODAY)
        cycle = Cycle.browse(self._cycle().id)
        self.assertEqual(cycle.days_to_due, 4)
        self.assertFalse(cycle.is_overdue)
        self.assertAlmostEqual(cycle.estimated_stock_qty, 10 - 26 * 10 / 30.0, 3)
        due_week = [('days_to_due', '>=', 0), ('days_to_due', '<=', 7)]
        self.assertIn(cycle, Cycle.search(due_week))
        self.assertNotIn(cycle, self.Cycle.with_context(cm_today=D(2026, 6, 1)).search(due_week))
        later = with_today(self.env, D(2026, 7, 10))['customer.consumption.cycle'].browse(cycle.id)
        self.assertTrue(later.is_overdue)
        self.assertEqual(later.days_to_due, -6)

    # ------------------------------------------------------------------ anomalies
    def test_anomaly_activity_once(self):
        self._learn()  # the demo's cycles, learned at install on another day
        self.Cycle._notify_consumption_anomalies(TODAY)
        self.customer_a.name = 'Oil & <b>Gas</b> Co'  # the note is text, not markup
        self._history(self.customer_a, self.oil, D(2025, 12, 1),
                      [30, 30, 30, 30, 12, 12], [10] * 7)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(self.Cycle._notify_consumption_anomalies(TODAY), 1)
        self.assertEqual(self.Cycle._notify_consumption_anomalies(TODAY), 0)
        self._learn()
        self.Cycle._notify_consumption_anomalies(TODAY)
        cycle.invalidate_recordset()
        activity = cycle.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.active)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(activity.date_deadline, TODAY)
        self.assertEqual(activity.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_consumption_anomaly'))
        self.assertEqual(activity.summary, 'Consumption rising: ask the customer why')
        self.assertTrue(str(activity.note).startswith(
            '<p>Oil &amp; &lt;b&gt;Gas&lt;/b&gt; Co / Cycle Oil A: recent consumption is 2.50'),
            activity.note)
        self.assertIn('× the usual rate.</p>', activity.note)
        self.assertEqual(cycle.anomaly_notified, 'rising')
        # the account manager follows the cycle, and finds it among their activities
        self.assertIn(self.manager_a.partner_id, cycle.message_partner_ids)
        mine = self.Cycle.with_user(self.manager_a).search([('activity_user_id', '=',
                                                             self.manager_a.id)])
        self.assertEqual(mine, cycle)
        # back to normal (steady orders again): asked again at the next anomaly
        self._confirmed_order(self.customer_a, D(2026, 5, 24), [(self.oil, 10, 1.0)])
        self._confirmed_order(self.customer_a, D(2026, 6, 23), [(self.oil, 10, 1.0)])
        self._learn()
        cycle.invalidate_recordset()
        self.assertEqual((cycle.anomaly, cycle.anomaly_notified), ('none', 'none'))

    def test_anomaly_activity_in_the_managers_language(self):
        self.env['res.lang']._activate_lang('zh_TW')
        self.manager_a.lang = 'zh_TW'
        self._history(self.customer_a, self.oil, D(2025, 6, 1),
                      [30, 30, 30, 30, 70, 70], [10] * 7)
        self._learn()
        self.Cycle._notify_consumption_anomalies(TODAY)
        activity = self._cycle().activity_ids
        expected = self.env['customer.consumption.cycle'].with_context(lang='zh_TW').env._(
            'Consumption falling: ask the customer why')
        self.assertEqual(activity.summary, expected)

    # ------------------------------------------------------------------ forecast
    def test_forecast(self):
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        Forecast = self.env['customer.consumption.forecast'].with_context(cm_today=TODAY)
        rows = Forecast.search([('product_id', '=', self.oil.id)])
        # due 07-04, then every 30 days: 08-03, 09-02 within 90 days
        self.assertEqual(rows.mapped('due_date'), [D(2026, 7, 4), D(2026, 8, 3), D(2026, 9, 2)])
        self.assertEqual(rows.mapped('horizon'), ['7', '90', '90'])
        groups = Forecast._read_group([('product_id', '=', self.oil.id)], ['product_id'],
                                      ['qty_7:sum', 'qty_30:sum', 'qty_90:sum'])
        self.assertEqual(groups[0][1:], (10.0, 10.0, 30.0))
        # overdue by less than one interval: expected today (the rows depend on today: a
        # transaction that changes its today reads them again)
        Forecast.invalidate_model()
        soon = self.env['customer.consumption.forecast'].with_context(
            cm_today=D(2026, 7, 20)).search([('product_id', '=', self.oil.id)])
        self.assertEqual(soon[0].due_date, D(2026, 7, 20))
        # lapsed more than one interval: no longer expected
        Forecast.invalidate_model()
        later = Forecast.with_context(cm_today=D(2026, 9, 1)).search(
            [('product_id', '=', self.oil.id)])
        self.assertEqual(len(later), 0)
        # the manager's known interval is used at once
        self._cycle().write({'manual_interval_days': 45})
        Forecast.invalidate_model()
        rows = Forecast.search([('product_id', '=', self.oil.id)])
        self.assertEqual(rows.mapped('due_date'), [D(2026, 7, 19), D(2026, 9, 2)])

    def test_handover_moves_cycles_and_their_activities(self):
        self._history(self.customer_a, self.oil, D(2025, 12, 1),
                      [30, 30, 30, 30, 12, 12], [10] * 7)
        self._learn()
        self.Cycle._notify_consumption_anomalies(TODAY)
        cycle = self._cycle()
        self.assertEqual(cycle.activity_ids.user_id, self.manager_a)
        wizard = self.env['customer.handover.wizard'].with_user(self.supervisor).create({
            'from_user_id': self.manager_a.id, 'to_user_id': self.manager_b.id,
            'partner_ids': [Command.set(self.customer_a.ids)]})
        wizard.action_handover()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.user_id, self.manager_b)
        self.assertEqual(cycle.activity_ids.user_id, self.manager_b)
        self.assertEqual(self.Cycle.with_user(self.manager_b).search(
            [('product_id', '=', self.oil.id)]), cycle)
        self.assertFalse(self.Cycle.with_user(self.manager_a).search(
            [('product_id', '=', self.oil.id)]))

    def test_demo_shows_every_state(self):
        demo_partners = self.env['res.partner'].search([('ref', '=like', 'CM%'),
                                                        ('is_company', '=', True)])
        demo = self.Cycle.search([('partner_id', 'in', demo_partners.ids)])
        self.assertGreater(len(demo), 30, 'the demo (installed by make test) learned its cycles')
        # as on the day the demo was installed and learned
        day = min(demo.mapped('create_date')).date()
        demo = demo.with_context(cm_today=day)
        self.assertEqual(set(demo.mapped('state')), {'active', 'learning'})
        self.assertEqual(set(demo.mapped('anomaly')), {'none', 'rising', 'falling'})
        cases = [
            ('due later', demo.filtered(lambda c: c.next_due_date and not c.is_overdue)),
            ('overdue', demo.filtered(lambda c: c.is_overdue and not c.is_lapsed)),
            ('lapsed', demo.filtered('is_lapsed')),
            ('anomaly asked about', demo.filtered(lambda c: c.anomaly != 'none'
                                                  and c.activity_ids
                                                  and c.anomaly_notified == c.anomaly)),
        ]
        for label, cycles in cases:
            with self.subTest(case=label):
                self.assertTrue(cycles)
        learning = demo.filtered(lambda c: c.state == 'learning'
                                 and c.product_id.default_code == 'GS-EP2-15')
        self.assertEqual(len(learning), 3)
        Forecast = self.env['customer.consumption.forecast'].with_user(
            self.env.ref('customer_maintenance.user_supervisor')).with_context(cm_today=day)
        self.assertTrue(Forecast.search([('partner_id', 'in', demo_partners.ids)]))
        # each demo account manager finds their lapsed customers to win back
        for xmlid in ('user_am_chen', 'user_am_lin', 'user_am_wang'):
            user = self.env.ref('customer_maintenance.%s' % xmlid)
            with self.subTest(manager=xmlid):
                mine = self.Cycle.with_user(user).with_context(cm_today=day).search(
                    [('user_id', '=', user.id)])
                self.assertTrue(mine)
                self.assertEqual(mine.partner_id.user_id, user)


class TestConsumptionHome(ConsumptionCase):
    """My Maintenance: the replenishments due and the customers to win back."""

    def test_cards(self):
        customers = self.env['res.partner'].create([{
            'name': 'Home %s' % label, 'is_company': True, 'customer_rank': 1,
            'user_id': self.manager_a.id} for label in ('soon', 'late', 'lapsed', 'later')])
        soon, late, lapsed, later = customers
        self._history(soon, self.oil, D(2026, 3, 3), [30] * 3, [10] * 4)      # due 07-01
        self._history(late, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)      # due 06-05
        self._history(lapsed, self.oil, D(2025, 6, 1), [30] * 3, [10] * 4)    # lapsed
        self._history(later, self.oil, D(2026, 4, 1), [30] * 3, [10] * 4)     # due 07-30
        self._history(self.customer_b, self.oil, D(2026, 3, 3), [30] * 3, [10] * 4)
        self._learn()
        Home = self.env['customer.maintenance.home']
        cases = [
            (self.manager_a, {'replenishments': (2, 1), 'lapsed': (1, 0)}),
            (self.manager_b, {'replenishments': (1, 0), 'lapsed': (0, 0)}),
            (self.supervisor, {'replenishments': (0, 0), 'lapsed': (0, 0)}),
        ]
        for user, expected in cases:
            with self.subTest(user=user.login):
                cards = {card.code: card for card in Home.with_user(user).with_context(
                    cm_today=TODAY).search([('code', 'in', list(expected))])}
                self.assertEqual({code: (card.item_count, card.overdue_count)
                                  for code, card in cards.items()}, expected)
        cards = {card.code: card for card in Home.with_user(self.manager_a).with_context(
            cm_today=TODAY).search([])}
        action = cards['replenishments'].action_open()
        self.assertEqual(action['res_model'], 'customer.consumption.cycle')
        found = self.Cycle.with_user(self.manager_a).with_context(cm_today=TODAY).search(
            action['domain'])
        self.assertEqual(found.partner_id, soon | late)
        # the customers to win back: customers (health_win_back tests the at-risk ones)
        action = cards['lapsed'].action_open()
        self.assertEqual(action['res_model'], 'res.partner')
        found = self.env['res.partner'].with_user(self.manager_a).with_context(
            cm_today=TODAY).search(action['domain'])
        self.assertEqual(found, lapsed)


class TestConsumptionViewsAccess(ConsumptionCase):

    def test_access(self):
        self._history(self.customer_a, self.oil, D(2026, 4, 1), [30], [10, 10])
        self._history(self.customer_b, self.oil, D(2026, 4, 1), [30], [10, 10])
        self._learn()
        mine = self.Cycle.with_user(self.manager_a).search([('product_id', '=', self.oil.id)])
        self.assertEqual(mine.partner_id, self.customer_a)
        other = self._cycle(self.customer_b)
        with self.assertRaises(AccessError):
            other.with_user(self.manager_a).read(['next_due_date'])
        with self.assertRaises(AccessError):
            self.Cycle.with_user(self.manager_a).create({
                'partner_id': self.customer_a.id, 'product_id': self.grease.id})
        with self.assertRaises(AccessError):
            self.Cycle.with_user(self.manager_a)._learn_consumption_cycles(TODAY)
        mine.with_user(self.manager_a).write({'note': 'Buys before Spring Festival',
                                              'manual_interval_days': 25})
        self.assertEqual(mine.note, 'Buys before Spring Festival')
        self.assertEqual(mine.next_due_date, D(2026, 5, 26))
        with self.assertRaises(AccessError):
            mine.with_user(self.manager_a).write({'next_due_date': '2030-01-01'})
        self.assertEqual(mine.next_due_date, D(2026, 5, 26))
        for user in (self.supervisor, self.admin):
            with self.subTest(user=user.login):
                cycles = self.Cycle.with_user(user).search([('product_id', '=', self.oil.id)])
                self.assertEqual(len(cycles), 2)
                self.env['customer.consumption.forecast'].with_user(user).search([])
        with self.assertRaises(AccessError):
            self.env['customer.consumption.forecast'].with_user(self.manager_a).search([])
        # a team member of B's customer sees its cycles
        self.customer_b.customer_team_ids = self.manager_a
        self.assertEqual(len(self.Cycle.with_user(self.manager_a).search(
            [('product_id', '=', self.oil.id)])), 2)

    def test_multi_company_rule(self):
        self._history(self.customer_a, self.oil, D(2026, 4, 1), [30], [10, 10])
        self._learn()
        cycle = self._cycle()
        other = self.env['res.company'].create({'name': 'Consumption Other Co'})
        self.customer_a.company_id = other
        for user in (self.manager_a, self.supervisor):
            with self.subTest(user=user.login):
                Cycle = self.Cycle.with_user(user)
                self.assertFalse(Cycle.search([('id', '=', cycle.id)]))
                # allowed in the user's companies, not only the default one
                user.write({'company_ids': [Command.link(other.id)]})
                Cycle = self.Cycle.with_user(user).with_context(
                    allowed_company_ids=[user.company_id.id, other.id])
                self.assertEqual(Cycle.search([('id', '=', cycle.id)]), cycle)

    def test_views_load_for_each_role(self):
        for user in (self.manager_a, self.supervisor, self.admin):
            with self.subTest(user=user.login):
                Cycle = self.Cycle.with_user(user)
                for view_type in ('list', 'form', 'search', 'calendar'):
                    self.assertTrue(Cycle.get_view(view_type=view_type)['arch'])
                arch = self.env['res.partner'].with_user(user).get_view(view_type='form')['arch']
                self.assertIn('consumption_cycle_ids', arch)
        arch = self.env['res.config.settings'].with_user(self.admin).get_view(
            view_type='form')['arch']
        self.assertIn('consumption_lookback_months', arch)
        Forecast = self.env['customer.consumption.forecast'].with_user(self.supervisor)
        for view_type in ('pivot', 'graph', 'list', 'search'):
            self.assertTrue(Forecast.get_view(view_type=view_type)['arch'])
        action = self.customer_a.with_user(self.manager_a).action_view_consumption_cycles()
        self.assertEqual(action['domain'], [('partner_id', '=', self.customer_a.id)])
        # a plain employee opens a partner without the module's fields
        plain = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain Employee', 'login': 'cm_cons_plain',
            'groups_id': [Command.set([self.env.ref('base.group_user').id])]})
        Partner = self.env['res.partner'].with_user(plain)
        for view_type in ('form', 'search'):
            arch = Partner.get_view(view_type=view_type)['arch']
            self.assertNotIn('consumption_', arch)
        # the cycle fields are the module users' only: nothing to refuse when reading
        for Model in (Partner, self.env['product.template'].with_user(plain)):
            with self.subTest(model=Model._name):
                names = list(Model.fields_get(attributes=['type']))
                self.assertFalse([name for name in names if 'consumption' in name])
        self.assertIn('consumption_cycle_count', self.env['product.template'].with_user(
            self.manager_a).fields_get(attributes=['type']))

    def test_menus_by_role(self):
        Menu = self.env['ir.ui.menu']
        menus = {xmlid: self.env.ref('customer_maintenance.%s' % xmlid) for xmlid in (
            'customer_consumption_cycle_menu', 'customer_consumption_cycle_menu_lapsed',
            'customer_consumption_cycle_menu_overdue', 'customer_consumption_forecast_menu')}
        expected = {
            self.manager_a: {'customer_consumption_cycle_menu',
                             'customer_consumption_cycle_menu_lapsed'},
            self.supervisor: set(menus),
            self.admin: set(menus),
        }
        for user, names in expected.items():
            with self.subTest(user=user.login):
                visible = Menu.with_user(user)._visible_menu_ids()
                self.assertEqual({name for name, menu in menus.items() if menu.id in visible},
                                 names)

    def test_settings_round_trip_and_bad_input(self):
        Settings = self.env['res.config.settings']
        Settings.create({'consumption_lookback_months': 12, 'consumption_anomaly_factor': 2.0,
                         'reminder_lead_days': 3}).execute()
        params = self.env['ir.config_parameter']
        self.assertEqual(params.get_param('customer_maintenance.consumption_lookback_months'),
                         '12')
        self.assertEqual(params.get_param('customer_maintenance.consumption_anomaly_factor'),
                         '2.0')
        self.assertEqual(params.get_param('customer_maintenance.consumption_reminder_lead_days'),
                         '3')
        self.assertEqual(self.Cycle._consumption_settings(), (12, 2.0, 3))
        self.assertEqual(Settings.create({}).consumption_lookback_months, 12)


class TestConsumptionTranslations(ConsumptionCase):
    """The consumption terms in zh_TW and zh_CN (11.0 test_i18n_zh.py, consumption part)."""

    def test_terms_in_chinese(self):
        menu = self.env.ref('customer_maintenance.customer_consumption_cycle_menu')
        lapsed = self.env.ref('customer_maintenance.customer_consumption_cycle_menu_lapsed')
        field = self.env['ir.model.fields']._get('customer.consumption.cycle', 'next_due_date')
        cases = [
            ('zh_TW', menu, 'name', '消耗周期表'),
            ('zh_CN', menu, 'name', '消耗周期表'),
            # the menu opens the customers to win back (issue 25: one notion)
            ('zh_TW', lapsed, 'name', '待贏回的客戶'),
            ('zh_CN', lapsed, 'name', '待赢回的客户'),
        ]
        for lang, record, name, expected in cases:
            with self.subTest(lang=lang, record=record.display_name):
                self.assertEqual(record.with_context(lang=lang)[name], expected)
        for lang in ('zh_TW', 'zh_CN'):
            with self.subTest(lang=lang, field=field.name):
                label = field.with_context(lang=lang).field_description
                self.assertNotEqual(label, 'Next Due Date')
                self.assertTrue(label.strip())
