# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Replenishment calls planned from the consumption cycle table (11.0 test_consumption_cycle
reminders, test_polish_integration and test_trust_cron_faults, consumption parts), and the
fix of issue 15 §5: a cycle already overdue gets exactly one call today (due today: overdue
is the call's own date, issue 20 and services/overdue.py); a lapsed one none (a customer to win back), on the first night as on every other."""
import datetime
from unittest.mock import patch

import psycopg2

from odoo.tools import mute_logger

from .consumption_common import D, TODAY, ConsumptionCase, CronCustomersMixin


class ReplenishmentCase(ConsumptionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        # the demo's cycles, learned at install on another day: settled before each test's own
        cls.env['customer.consumption.cycle'].with_context(
            cm_today=TODAY).cron_learn_consumption_cycles()

    def _calls(self, cycles):
        return self.Event.search([('consumption_cycle_id', 'in', cycles.ids)])

    def _plan(self, day):
        """Plan on `day`; returns the calls planned for this test's products. The demo's
        cycles, learned from orders dated around the install day, may fall due on the fixed
        days of these tests too: they are counted in the job's total, not here."""
        mine = [('consumption_cycle_id.product_id', 'in', (self.oil | self.grease).ids)]
        before = self.Event.search_count(mine)
        planned = self.Cycle.with_context(cm_today=day)._plan_replenishment_reminders(day)
        new = self.Event.search_count(mine) - before
        self.assertGreaterEqual(planned, new)
        return new


class TestReplenishmentCalls(ReplenishmentCase):

    def test_reminders_planned_once(self):
        self._history(self.customer_a, self.oil, D(2026, 1, 5), [30] * 5, [10] * 6)
        self._learn()
        cycle = self._cycle()
        # due 2026-07-04, lead 7 days: not yet on 2026-06-20
        self.assertEqual(self._plan(D(2026, 6, 20)), 0)
        self.assertFalse(self._calls(cycle))
        self.assertEqual(self._plan(D(2026, 6, 28)), 1)
        self.assertEqual(self._plan(D(2026, 6, 29)), 0)
        self.Cycle.with_context(cm_today=D(2026, 6, 29)).cron_learn_consumption_cycles()
        call = self._calls(cycle)
        self.assertEqual(len(call), 1)
        self.assertEqual(call.date, D(2026, 6, 28))
        self.assertEqual((call.kind, call.channel, call.state, call.plan_item),
                         ('periodic', 'call', 'planned', False))
        self.assertEqual(call.user_id, self.manager_a)
        self.assertEqual(call.partner_id, self.customer_a)
        self.assertEqual(call.consumption_due_date, D(2026, 7, 4))
        self.assertEqual(call.name, 'Replenishment call: Cycle Oil A (due 07/04/2026)')
        self.assertEqual(cycle.replenishment_event_count, 1)
        # the call is the account manager's activity of the day
        self.assertEqual(call.activity_ids.user_id, self.manager_a)
        self.assertEqual(call.activity_ids.date_deadline, D(2026, 6, 28))
        # even a moved or closed call is not planned again for the same due date
        call.date = D(2026, 7, 2)
        self.assertEqual(self._plan(D(2026, 6, 30)), 0)
        call._mark_done('Ordered 10 drums.')
        self.assertEqual(self._plan(D(2026, 7, 1)), 0)
        self.assertEqual(len(self._calls(cycle)), 1)
        with self.assertRaises(psycopg2.IntegrityError), mute_logger('odoo.sql_db'):
            with self.env.cr.savepoint():
                call.copy({'consumption_cycle_id': cycle.id,
                           'consumption_due_date': D(2026, 7, 4)})

    def test_overdue_when_learned_gets_one_call_today(self):
        # due 2026-06-20 (interval 30): learned on 06-30, 10 days late, not lapsed
        self._history(self.customer_a, self.oil, D(2026, 1, 21), [30] * 4, [10] * 5)
        self._learn()
        cycle = self._cycle().with_context(cm_today=TODAY)
        self.assertEqual(cycle.next_due_date, D(2026, 6, 20))
        self.assertTrue(cycle.is_overdue)
        self.assertFalse(cycle.is_lapsed)
        for _run in range(2):
            self.Cycle.with_context(cm_today=TODAY).cron_learn_consumption_cycles()
        call = self._calls(cycle).with_context(cm_today=TODAY)
        self.assertEqual(len(call), 1)
        self.assertEqual(call.date, TODAY)
        self.assertEqual(call.consumption_due_date, D(2026, 6, 20))
        # planned today: due today like any contact of today (the cycle is the one overdue)
        self.assertFalse(call.is_overdue)
        self.assertEqual(call.color, 3)
        Event = self.Event.with_context(cm_today=TODAY)
        self.assertNotIn(call, Event.search([('is_overdue', '=', True)]))
        self.assertIn(call, Event.search([('is_overdue', '=', False)]))
        # not done the next day, it is overdue
        tomorrow = TODAY + datetime.timedelta(days=1)
        self.assertTrue(call.with_context(cm_today=tomorrow).is_overdue)
        self.assertIn(call, Event.with_context(cm_today=tomorrow).search(
            [('is_overdue', '=', True)]))
        # once done, it is history, not overdue
        call._mark_done('Customer reordered.')
        self.assertFalse(call.with_context(cm_today=tomorrow).is_overdue)

    def test_due_date_moved_into_the_past(self):
        self._history(self.customer_a, self.oil, D(2025, 12, 1), [80, 80], [10] * 3)
        self._learn()
        cycle = self._cycle()
        self.assertEqual(cycle.next_due_date, D(2026, 7, 29))
        self.assertEqual(self._plan(TODAY), 0)
        # the customer says it orders every 40 days: due 06-19, already past
        cycle.with_user(self.manager_a).write({'manual_interval_days': 40})
        self.assertEqual(cycle.next_due_date, D(2026, 6, 19))
        self.assertEqual(self._plan(TODAY), 1)
        call = self._calls(cycle)
        self.assertEqual((call.date, call.consumption_due_date), (TODAY, D(2026, 6, 19)))
        # moved again while that call is open: the call of the old date is cancelled with
        # why, the new date gets its call; still one open call
        cycle.with_user(self.manager_a).write({'manual_interval_days': 35})
        self.assertEqual(cycle.next_due_date, D(2026, 6, 14))
        self.assertEqual(self._plan(TODAY), 1)
        calls = self._calls(cycle).sorted('consumption_due_date')
        self.assertEqual([(c.consumption_due_date, c.state) for c in calls],
                         [(D(2026, 6, 14), 'planned'), (D(2026, 6, 19), 'cancelled')])
        self.assertIn('moved to 06/14/2026', call.outcome)
        self.assertFalse(call.activity_ids)
        # once it is done, nothing more for that due date
        calls[0]._mark_done('Delivered.')
        self.assertEqual(self._plan(TODAY), 0)
        self.assertEqual(len(self._calls(cycle)), 2)

    def test_first_night_no_flood_of_stale_calls(self):
        """Due soon, overdue and lapsed customers on the first night: one call for each of
        the first two, none for the lapsed one, which shows as a customer to win back."""
        customers = self.env['res.partner'].create([{
            'name': 'First night %s' % label, 'is_company': True, 'customer_rank': 1,
            'user_id': self.manager_a.id} for label in ('soon', 'late', 'lapsed')])
        soon, late, lapsed = customers
        self._history(soon, self.oil, D(2026, 3, 3), [30] * 3, [10] * 4)      # due 07-01
        self._history(late, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)      # due 06-05
        self._history(lapsed, self.oil, D(2025, 6, 1), [30] * 3, [10] * 4)    # due 2025-09-28
        Cycle = self.Cycle.with_context(cm_today=TODAY)
        Cycle.cron_learn_consumption_cycles()
        Cycle.cron_learn_consumption_cycles()
        cycles = Cycle.search([('partner_id', 'in', customers.ids)])
        calls = self._calls(cycles)
        self.assertEqual(calls.partner_id, soon | late)
        self.assertEqual(len(calls), 2)
        by_partner = {call.partner_id: call for call in calls}
        self.assertEqual(by_partner[soon].date, TODAY)           # 07-01 - 7 days, not before
        self.assertEqual(by_partner[late].date, TODAY)
        self.assertEqual(by_partner[late].consumption_due_date, D(2026, 6, 5))
        lapsed_cycle = cycles.filtered(lambda c: c.partner_id == lapsed)
        self.assertTrue(lapsed_cycle.is_lapsed)
        self.assertTrue(lapsed.with_context(cm_today=TODAY).consumption_lapsed)
        action = self.env.ref('customer_maintenance.customer_consumption_cycle_action_lapsed')
        self.assertIn("'search_default_lapsed': 1", action.context)
        mine_lapsed = self.Cycle.with_user(self.manager_a).with_context(cm_today=TODAY).search(
            [('is_lapsed', '=', True), ('partner_id', 'in', customers.ids)])
        self.assertEqual(mine_lapsed, lapsed_cycle)
        # later nights: no other call; the late customer's call, never made, is cancelled
        # when its cycle lapses (08-05): it would stay overdue for ever, the customer is now
        # one to win back
        self._plan(D(2026, 8, 4))
        self.assertEqual(calls.mapped('state'), ['planned', 'planned'])
        self._plan(D(2026, 8, 10))
        self.assertEqual(self._calls(cycles), calls)
        self.assertEqual((by_partner[soon].state, by_partner[late].state),
                         ('planned', 'cancelled'))
        self.assertIn('Customers to Win Back', by_partner[late].outcome)
        self.assertFalse(by_partner[late].activity_ids)

    def test_reorder_replaces_the_open_call(self):
        """The customer orders again before the call is made: that call is cancelled when
        the order is confirmed (it neither lingers overdue nor blocks the next one; see also
        test_consumption_confirm.py), and the next due date gets its call when it comes near;
        the nights after change nothing of it."""
        self._history(self.customer_a, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)  # due 06-05
        Cycle = self.Cycle.with_context(cm_today=TODAY)
        Cycle.cron_learn_consumption_cycles()
        cycle = self._cycle()
        first = self._calls(cycle)
        self.assertEqual((first.consumption_due_date, first.state), (D(2026, 6, 5), 'planned'))
        order = self._confirmed_order(self.customer_a, D(2026, 7, 2), [(self.oil, 10, 1.0)])
        night = D(2026, 7, 3)
        for _run in range(2):
            # tracked as the cron is (the fixture's environment disables tracking)
            self.Cycle.with_context(cm_today=night, tracking_disable=False
                                    ).cron_learn_consumption_cycles()
            due = cycle.next_due_date
            self.assertGreater(due, night + datetime.timedelta(days=7))   # beyond the lead
            self.assertEqual(first.state, 'cancelled')
            self.assertIn('Cancelled when the order %s was confirmed' % order.name,
                          first.outcome)
            self.assertEqual(self._calls(cycle), first)
        # the cancellation is in the call's chatter
        self.assertTrue(first.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == 'state'))
        call_day = due - datetime.timedelta(days=7)
        self.assertEqual(self._plan(call_day), 1)
        new = self._calls(cycle) - first
        self.assertEqual((new.consumption_due_date, new.date, new.state),
                         (due, call_day, 'planned'))
        # a call the manager closed is never touched again
        new._mark_done('Ordered.')
        Cycle._cancel_stale_replenishment_calls(due + datetime.timedelta(days=90))  # lapsed
        self.assertEqual((new.state, new.outcome), ('done', 'Ordered.'))

    def test_stale_call_outcome_in_the_managers_language(self):
        self.env['res.lang']._activate_lang('zh_TW')
        self.manager_a.lang = 'zh_TW'
        self._history(self.customer_a, self.oil, D(2025, 6, 1), [30] * 3, [10] * 4)
        self._learn(D(2025, 9, 25))
        self.assertEqual(self._plan(D(2025, 9, 25)), 1)     # due 09-28
        call = self._calls(self._cycle())
        self._plan(D(2026, 1, 1))                           # lapsed since 11-29
        self.assertEqual(call.state, 'cancelled')
        self.assertNotIn('Cancelled by the nightly job', call.outcome)
        self.assertEqual(call.outcome, call.with_context(lang='zh_TW').env._(
            'Cancelled by the nightly job: the cycle lapsed (overdue by more than two '
            'intervals). The customer is to be won back: see Customers to Win Back.'))

    def test_access_of_the_calls(self):
        self._history(self.customer_a, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)
        self._history(self.customer_b, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)
        self.Cycle.with_context(cm_today=TODAY).cron_learn_consumption_cycles()
        cycles = self.Cycle.search([('product_id', '=', self.oil.id)])
        cases = [(self.manager_a, self.customer_a), (self.manager_b, self.customer_b),
                 (self.supervisor, self.customer_a | self.customer_b),
                 (self.admin, self.customer_a | self.customer_b)]
        for user, partners in cases:
            with self.subTest(user=user.login):
                calls = self.Event.with_user(user).search(
                    [('consumption_cycle_id', 'in', cycles.ids)])
                self.assertEqual(calls.partner_id, partners)
        mine = self.Cycle.with_user(self.manager_a).search([('product_id', '=', self.oil.id)])
        action = mine.action_view_replenishment_events()
        self.assertEqual(self.Event.with_user(self.manager_a).search(action['domain']).partner_id,
                         self.customer_a)

    def test_views_load(self):
        for user in (self.manager_a, self.supervisor, self.admin):
            with self.subTest(user=user.login):
                Event = self.Event.with_user(user)
                for view_type in ('list', 'form', 'search'):
                    arch = Event.get_view(view_type=view_type)['arch']
                    self.assertIn('consumption_', arch)
                arch = self.Cycle.with_user(user).get_view(view_type='form')['arch']
                self.assertIn('replenishment_event_count', arch)

class TestReplenishmentDemo(ConsumptionCase):
    """The demo as installed (its cycles not learned again on another day)."""

    def test_demo_calls(self):
        """The demo world's first night: calls for the cycles due soon or overdue, none for
        the lapsed ones (the demo ran the nightly job at install)."""
        demo_partners = self.env['res.partner'].search([('ref', '=like', 'CM%'),
                                                        ('is_company', '=', True)])
        demo = self.Cycle.search([('partner_id', 'in', demo_partners.ids)])
        day = min(demo.mapped('create_date')).date()
        demo = demo.with_context(cm_today=day)
        calls = self.env['customer.relationship.event'].with_context(cm_today=day).search(
            [('consumption_cycle_id', 'in', demo.ids)])
        self.assertTrue(calls)
        called = calls.consumption_cycle_id
        self.assertFalse(called.filtered('is_lapsed'), 'no stale call for a lapsed customer')
        due = demo.filtered(lambda c: c.next_due_date and not c.is_lapsed
                            and c.next_due_date <= day + datetime.timedelta(days=7))
        self.assertTrue(due.filtered('is_overdue'))
        self.assertEqual(called & due, due)
        # the calls of the late customers are planned that day: due, not overdue yet (the
        # cycle is the one overdue, services/overdue.py); the next day they are
        late = calls.filtered(lambda c: c.consumption_cycle_id.is_overdue)
        self.assertTrue(late)
        self.assertFalse(late.filtered('is_overdue'))
        self.assertEqual(late.with_context(cm_today=day + datetime.timedelta(days=1))
                         .filtered('is_overdue'), late)


class TestReplenishmentCron(CronCustomersMixin, ReplenishmentCase):

    HISTORY = (D(2026, 2, 5), [30] * 4, [10] * 5)  # due 07-05: a call each

    def setUp(self):
        super().setUp()
        self.Cycle.with_context(cm_today=TODAY)._learn_consumption_cycles(TODAY)
        self.cycles = self.Cycle.search([('partner_id', 'in', self.customers.ids)])

    def test_broken_cycle_is_skipped(self):
        broken = self.cycles[1]
        with self._failing_for('_prepare_replenishment_event_vals', broken):
            self.assertEqual(self._plan(TODAY), 2)
        self.assertEqual(self._calls(self.cycles).consumption_cycle_id, self.cycles - broken)
        # the next night completes, and the one after changes nothing
        self.assertEqual(self._plan(TODAY), 1)
        self.assertEqual(self._plan(TODAY), 0)
        self.assertEqual(self._calls(self.cycles).consumption_cycle_id, self.cycles)

    def test_cron_twice_changes_nothing(self):
        Cycle = self.Cycle.with_context(cm_today=TODAY)
        Cycle.cron_learn_consumption_cycles()
        self.env.flush_all()
        query = """SELECT (SELECT string_agg(concat_ws('|', id, write_date, date, state), ','
                                             ORDER BY id) FROM customer_relationship_event),
                          (SELECT count(*) FROM mail_activity),
                          (SELECT max(write_date) FROM customer_consumption_cycle)"""
        self.env.cr.execute(query)
        before = self.env.cr.fetchone()
        self.assertEqual(len(self._calls(self.cycles)), 3)
        Cycle.cron_learn_consumption_cycles()
        self.env.flush_all()
        self.env.cr.execute(query)
        self.assertEqual(self.env.cr.fetchone(), before)

    def test_commits_only_as_a_cron(self):
        commits = []
        with patch.object(self.env.cr, 'commit', lambda: commits.append(1)):
            self._plan(TODAY)
            self.assertFalse(commits)
            self._calls(self.cycles).unlink()
            self.Cycle.with_context(cm_today=TODAY)._plan_replenishment_reminders(
                TODAY, automatic=True)
        self.assertTrue(commits)
        self.assertEqual(len(self._calls(self.cycles)), 3)


class TestReplenishmentAndPlanner(ReplenishmentCase):
    """Where the cycle table meets the relationship planner (11.0 test_polish_integration):
    a replenishment call is the business call of its week."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier = cls.env['customer.tier'].create({
            'name': 'Polish Tier', 'code': 'TST-POLISH', 'call_interval_days': 30,
            'care_call_interval_days': 0, 'visit_interval_days': 0})
        cls.customer_a.customer_tier_id = cls.tier
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '30')
        # last business call on 2026-01-01: the next is due on 2026-01-31
        cls.Event.create({'name': 'Call', 'partner_id': cls.customer_a.id, 'channel': 'call',
                          'state': 'done', 'date': D(2026, 1, 1)})
        cls.cycle = cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id, 'order_count': 4,
            'avg_interval_days': 30, 'state': 'active', 'last_order_date': D(2026, 1, 5)})

    def _business_calls(self):
        return self.Event.search([('partner_id', '=', self.customer_a.id),
                                  ('plan_item', '=', 'call'), ('state', '=', 'planned')])

    def _replenishment_call(self, due):
        self.cycle.write({'next_due_date': due, 'lapse_date': due + datetime.timedelta(days=61)})
        self._plan(due - datetime.timedelta(days=7))
        call = self.Event.search([('consumption_cycle_id', '=', self.cycle.id),
                                  ('consumption_due_date', '=', due)])
        self.assertEqual((len(call), call.kind, call.channel, call.state),
                         (1, 'periodic', 'call', 'planned'))
        return call

    def test_replenishment_call_is_the_business_call_of_its_week(self):
        call = self._replenishment_call(D(2026, 2, 3))  # call planned on 2026-01-27
        self.assertEqual(call.date, D(2026, 1, 27))
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertFalse(self._business_calls())  # due 01-31: the 01-27 call is that week's
        self.Event._plan_relationship_events(D(2026, 1, 26))
        self.assertFalse(self._business_calls())  # idempotent
        # the replenishment call is done: the next business call follows from it
        call._mark_done('Ordered 10 drums.')
        self.Event._plan_relationship_events(D(2026, 1, 27))
        planned = self._business_calls()
        self.assertEqual(len(planned), 1)
        self.assertGreater(planned.date, D(2026, 2, 20))

    def test_replenishment_call_weeks_away_does_not_replace(self):
        self._replenishment_call(D(2026, 2, 24))  # call planned on 2026-02-17
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertEqual(len(self._business_calls()), 1)

    def test_cancelled_replenishment_call_does_not_count(self):
        call = self._replenishment_call(D(2026, 2, 3))
        call.action_cancel()
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertEqual(len(self._business_calls()), 1)
