# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly planner: what is due (SQL vs the pure-Python oracle), the levelled load
(staggered first contacts, daily capacity, working days), idempotence, faults."""
import datetime
import random
from collections import Counter
from unittest.mock import patch

from odoo import Command
from odoo.tools import SQL, mute_logger

from ..models import relationship_planner
from ..queries import relationship_planning as queries
from ..services import planning
from .test_relationship import RelationshipCase

D = datetime.date
DAY = datetime.timedelta(days=1)
MONDAY = D(2026, 3, 2)


class TestPlanning(RelationshipCase):

    def _assert_working_day(self, day):
        self.assertLess(day.weekday(), 5, '%s is a weekend day' % day)

    def test_first_run_plans_one_event_per_item(self):
        stats = self.Event._plan_relationship_events(MONDAY)
        calls = self._events(plan_item='call')
        care = self._events(plan_item='care_call')
        self.assertEqual((len(calls), len(care)), (1, 1))
        self.assertGreaterEqual(min(stats['call'], stats['care_call']), 1)
        self.assertFalse(self._events(plan_item='visit'))  # interval 0 = never
        # never contacted: a first contact, staggered within its interval, on a working day
        self.assertTrue(MONDAY <= calls.date <= MONDAY + 9 * DAY, calls.date)
        self.assertTrue(MONDAY <= care.date <= MONDAY + 19 * DAY, care.date)
        self._assert_working_day(calls.date)
        self.assertEqual((calls.state, calls.kind, calls.channel, calls.user_id, calls.tier_id),
                         ('planned', 'periodic', 'call', self.manager_a, self.tier))
        self.assertEqual(calls.plan_key, 'call:%d' % self.customer_a.id)
        # the planned contact is in the manager's activities
        self.assertEqual(calls.activity_ids.user_id, self.manager_a)
        self.assertEqual(calls.activity_ids.date_deadline, calls.date)
        # idempotent
        before = self.Event.search_count([])
        self.assertEqual(self.Event._plan_relationship_events(MONDAY), {})
        self.assertEqual(self.Event.search_count([]), before)
        self.Event._plan_relationship_events(MONDAY + DAY)
        self.assertEqual(self._events(), calls | care)

    def test_next_after_done_and_cancel(self):
        self.Event._plan_relationship_events(MONDAY)
        call = self._events(plan_item='call')
        call.with_user(self.manager_a)._mark_done('Called, all fine.', {'date': D(2026, 3, 3)})
        self.assertFalse(call.activity_ids)
        self.Event._plan_relationship_events(D(2026, 3, 3))
        planned = self._events(plan_item='call', state='planned')
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.date, D(2026, 3, 13))  # 10 days after the done one (Friday)
        planned.with_user(self.manager_a).action_cancel()
        self.Event._plan_relationship_events(D(2026, 3, 13))
        planned = self._events(plan_item='call', state='planned')
        self.assertEqual(planned.date, D(2026, 3, 23))
        # a call logged by hand does not add a second open one
        self.Event.create({'name': 'Manual call', 'partner_id': self.customer_a.id,
                           'channel': 'call', 'state': 'done', 'date': D(2026, 3, 20)})
        self.Event._plan_relationship_events(D(2026, 3, 20))
        self.assertEqual(self._events(plan_item='call', state='planned'), planned)
        planned._mark_done('Done late', {'date': D(2026, 3, 25)})
        self.Event._plan_relationship_events(D(2026, 3, 25))
        # due Saturday 4 April: moved to the next working day
        self.assertEqual(self._events(plan_item='call', state='planned').date, D(2026, 4, 6))

    def test_horizon(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '5')
        self.Event.create({'name': 'Call', 'partner_id': self.customer_a.id, 'channel': 'call',
                           'state': 'done', 'date': D(2026, 3, 1)})
        self.Event._plan_relationship_events(MONDAY)
        self.assertFalse(self._events(plan_item='call'))  # due 03-11, beyond 03-07
        self.Event._plan_relationship_events(D(2026, 3, 6))
        self.assertEqual(self._events(plan_item='call').date, D(2026, 3, 11))

    def test_overdue_is_planned_today(self):
        self.Event.create({'name': 'Call', 'partner_id': self.customer_a.id, 'channel': 'call',
                           'state': 'done', 'date': D(2025, 1, 1)})
        self.Event._plan_relationship_events(MONDAY)
        self.assertEqual(self._events(plan_item='call').date, MONDAY)

    def test_care_call_jitter(self):
        offsets = set()
        for key in range(500):
            offset = planning.jitter_days(key, 20)
            self.assertTrue(-4 <= offset <= 4)
            self.assertEqual(offset, planning.jitter_days(key, 20))  # deterministic
            offsets.add(offset)
        self.assertGreater(len(offsets), 5)  # really varies
        self.assertEqual(planning.jitter_days(1, 4), 0)
        self.Event.create({'name': 'Care', 'partner_id': self.customer_a.id,
                           'channel': 'care_call', 'state': 'done', 'date': D(2026, 3, 1)})
        self.Event._plan_relationship_events(MONDAY)
        care = self._events(plan_item='care_call', state='planned')
        expected = planning.next_due_date(D(2026, 3, 1), 20, MONDAY,
                                          jitter_key=self.customer_a.id)
        self.assertTrue(D(2026, 3, 17) <= expected <= D(2026, 3, 25), expected)
        while expected.weekday() >= 5:
            expected += DAY
        self.assertEqual(care.date, expected)

    def test_care_call_jitter_sql_equals_python(self):
        keys = ['%d:2026-0%d-1%d' % (pid, month, pid % 10)
                for pid in range(1, 400, 7) for month in (1, 5, 9)]
        for interval in (1, 4, 5, 20, 30, 91, 365):
            with self.subTest(interval=interval):
                got = dict(self.env.execute_query(SQL(
                    'SELECT k, %s FROM unnest(%s::text[]) AS k',
                    queries.jitter(SQL('k'), interval, planning.CARE_CALL_JITTER_PERCENT),
                    keys)))
                expected = {key: planning.jitter_days(key, interval) for key in keys}
                self.assertEqual(got, expected)
                bound = interval * planning.CARE_CALL_JITTER_PERCENT // 100
                self.assertLessEqual(max(map(abs, got.values())), bound)
                if bound >= 4:
                    self.assertGreater(len(set(got.values())), bound, 'offsets spread')

    def test_skipped_customers(self):
        Partner = self.env['res.partner']
        cases = {
            'no manager': {},
            'archived': {'user_id': self.manager_a.id, 'active': False},
            'not a customer (customer_rank 0)': {'user_id': self.manager_a.id,
                                                  'customer_rank': 0},
        }
        partners = {}
        for label, vals in cases.items():
            partners[label] = Partner.create(dict({
                'name': label, 'is_company': True, 'customer_rank': 1,
                'customer_tier_id': self.tier.id}, **vals))
        self.Event._plan_relationship_events(MONDAY)
        for label, partner in partners.items():
            with self.subTest(label):
                self.assertFalse(self.Event.with_context(active_test=False).search(
                    [('partner_id', '=', partner.id)]))
        self.assertFalse(self._events(self.customer_b))  # no tier
        self.assertTrue(self._events(self.customer_a))

    def test_query_count_does_not_grow_with_customers(self):
        def run(today, how_many):
            self.env['res.partner'].create([{
                'name': 'Bulk %s %d' % (today, i), 'is_company': True, 'customer_rank': 1,
                'user_id': self.manager_b.id, 'customer_tier_id': self.tier.id}
                for i in range(how_many)])
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self.Event._plan_relationship_events(today)
            return self.env.cr.sql_log_count - before
        self.Event._plan_relationship_events(MONDAY)  # warm caches
        one = run(MONDAY + DAY, 1)
        many = run(MONDAY + 2 * DAY, 30)
        self.assertEqual(self.Event.search_count([('partner_id.name', '=like', 'Bulk %'),
                                                  ('plan_item', '=', 'call')]), 31)
        # the customers are found and levelled by a fixed number of queries; Odoo's
        # mail.activity create() then reads each event's name once for the activity's
        # res_name (the followers it subscribes drop the cache): at most ~1 query per event
        events_one, events_many = 2, 60
        self.assertLess(many - one, 2 * (events_many - events_one), (one, many))

    def test_cron(self):
        cron = self.env.ref('customer_maintenance.ir_cron_plan_relationship_events')
        self.assertEqual(cron.code.strip(), 'model.cron_plan_relationship_events(automatic=True)')
        self.assertTrue(cron.active)
        Event = self.Event.with_context(cm_today=MONDAY)
        Event.cron_plan_relationship_events()
        count = self.Event.search_count([])
        self.assertTrue(self._events(plan_item='call'))
        Event.cron_plan_relationship_events()
        self.assertEqual(self.Event.search_count([]), count)

    def test_one_bad_customer_is_skipped(self):
        other = self.env['res.partner'].create({
            'name': 'Good customer', 'is_company': True, 'customer_rank': 1,
            'user_id': self.manager_b.id, 'customer_tier_id': self.tier.id})
        Event = type(self.Event)
        original = Event._planner_batch
        bad = self.customer_a.id

        def failing(self, partner_ids, context):
            if bad in partner_ids:
                raise ValueError('broken customer')
            return original(self, partner_ids, context)
        with patch.object(Event, '_planner_batch', failing), \
                mute_logger('odoo.addons.customer_maintenance.tools.cron_batches'):
            self.Event.with_context(cm_today=MONDAY).cron_plan_relationship_events()
        self.assertFalse(self._events())
        self.assertEqual(len(self._events(other)), 2)  # call and care call
        # the next night, the customer gets his contacts
        self.Event._plan_relationship_events(MONDAY)
        self.assertEqual(len(self._events()), 2)

    def test_settings(self):
        Settings = self.env['res.config.settings']
        Settings.create({'cm_calls_per_day': 7, 'cm_visits_per_day': 2,
                         'cm_planning_horizon_days': 45}).execute()
        self.assertEqual(self.Event._planner_settings(), {
            'horizon': 45, 'birthday_lead': 3, 'capacity': {'call': 7, 'visit': 2}})
        for field, value in (('cm_calls_per_day', -1), ('cm_visits_per_day', 1000),
                             ('cm_planning_horizon_days', 400)):
            with self.subTest(field), self.assertRaisesRegex(Exception, 'between'), \
                    self.env.cr.savepoint():
                Settings.create({field: value})
        self.assertEqual(self.Event._planner_settings()['capacity'], {'call': 7, 'visit': 2})


class TestPlanningSqlOracle(RelationshipCase):
    """The planner's query against services/planning.due_periodic on generated histories."""

    def test_sql_equals_oracle(self):
        rng = random.Random(20260302)
        tiers = [self.env['customer.tier'].create({
            'name': 'Oracle %d' % i, 'code': 'ORC%d' % i, 'call_interval_days': call,
            'care_call_interval_days': care, 'visit_interval_days': visit})
            for i, (call, care, visit) in enumerate([(7, 0, 30), (30, 45, 0), (14, 20, 60)])]
        managers = [self.manager_a, self.manager_b]
        partners = self.env['res.partner'].create([{
            'name': 'Oracle customer %d' % i, 'is_company': True,
            'customer_rank': 0 if i % 11 == 0 else 1, 'customer_tier_id': rng.choice(tiers).id,
            'user_id': rng.choice(managers).id} for i in range(60)])
        start = D(2026, 1, 1)
        events = []
        for partner in partners:
            for _n in range(rng.randint(0, 5)):
                channel = rng.choice(['call', 'care_call', 'visit', 'message'])
                events.append({
                    'name': 'History', 'partner_id': partner.id, 'channel': channel,
                    'state': rng.choice(['planned', 'done', 'done', 'cancelled']),
                    'plan_item': rng.choice([False, channel if channel != 'message' else False]),
                    'date': start + DAY * rng.randint(0, 120)})
        self.Event.with_context(tracking_disable=True).create(events)
        self.env.flush_all()
        customers = {p.id: {'call': p.customer_tier_id.call_interval_days,
                            'care_call': p.customer_tier_id.care_call_interval_days,
                            'visit': p.customer_tier_id.visit_interval_days}
                     for p in partners if p.customer_rank > 0}
        for today in (D(2026, 2, 1), D(2026, 3, 15), D(2026, 5, 30)):
            for horizon in (0, 10, 45):
                with self.subTest(today=today, horizon=horizon):
                    last_day = today + DAY * horizon
                    rows = self.env.execute_query_dict(queries.due_periodic(
                        partners.ids, planning.PERIODIC_ITEMS, today, last_day,
                        planning.CARE_CALL_JITTER_PERCENT, planning.SAME_WEEK_DAYS))
                    got = {(r['partner_id'], r['item']): (r['last_date'], r['due_date'])
                           for r in rows}
                    expected = planning.due_periodic(customers, events, today, last_day)
                    self.assertTrue(expected)
                    self.assertEqual(got, expected)


class TestLevelledLoad(RelationshipCase):
    """Issue §5: a manager given 300 customers of a tier gets at most his daily capacity, on
    working days only, every contact within its interval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big_tier = cls.env['customer.tier'].create({
            'name': 'Many', 'code': 'MANY', 'call_interval_days': 30,
            'care_call_interval_days': 0, 'visit_interval_days': 90})
        cls.customers = cls.env['res.partner'].create([{
            'name': 'Load customer %03d' % i, 'is_company': True, 'customer_rank': 1,
            'customer_tier_id': cls.big_tier.id, 'user_id': cls.manager_b.id}
            for i in range(300)])
        params = cls.env['ir.config_parameter'].sudo()
        params.set_param('customer_maintenance.planning_horizon_days', '90')
        params.set_param('customer_maintenance.calls_per_day', '20')
        params.set_param('customer_maintenance.visits_per_day', '5')
        calendar = cls.env.company.resource_calendar_id
        cls.holidays = {D(2026, 4, 3), D(2026, 4, 6)}  # Good Friday, Easter Monday
        cls.env['resource.calendar.leaves'].create([{
            'name': 'Public holiday', 'calendar_id': calendar.id if day.day == 3 else False,
            'company_id': cls.env.company.id,
            'date_from': datetime.datetime.combine(day, datetime.time(0, 0)),
            'date_to': datetime.datetime.combine(day, datetime.time(23, 59))}
            for day in cls.holidays])

    def test_capacity_working_days_interval(self):
        today = MONDAY
        self.env.company.resource_calendar_id.tz = 'UTC'
        self.Event._plan_relationship_events(today)
        events = self.Event.search([('partner_id', 'in', self.customers.ids)])
        calls = events.filtered(lambda e: e.plan_item == 'call')
        visits = events.filtered(lambda e: e.plan_item == 'visit')
        self.assertEqual((len(calls), len(visits)), (300, 300))
        for label, records, capacity, interval in (('calls', calls, 20, 30),
                                                   ('visits', visits, 5, 90)):
            with self.subTest(label):
                per_day = Counter(records.mapped('date'))
                self.assertLessEqual(max(per_day.values()), capacity)
                self.assertFalse([d for d in per_day if d.weekday() >= 5], 'weekend')
                self.assertFalse(set(per_day) & self.holidays, 'public holiday')
                self.assertTrue(all(today <= d < today + DAY * interval for d in per_day))
                self.assertGreater(len(per_day), 10, 'spread over the interval')
        self.assertEqual(set(calls.activity_ids.user_id.ids), {self.manager_b.id})
        self.assertEqual(len(calls.activity_ids), 300)
        # idempotent
        self.assertEqual(self.Event._plan_relationship_events(today), {})
        self.Event._plan_relationship_events(today + DAY)
        self.assertEqual(self.Event.search([('partner_id', 'in', self.customers.ids)]), events)

    def test_capacity_over_batches(self):
        """The managers' load is carried from batch to batch (read once a night), and the
        event table is analyzed as the night's planned events double."""
        self.env.company.resource_calendar_id.tz = 'UTC'
        module_queries = relationship_planner.queries
        with patch.object(relationship_planner, 'BATCH_SIZE', 7), \
                patch.object(relationship_planner, 'ANALYZE_FIRST', 50), \
                patch.object(module_queries, 'analyze_events',
                             wraps=queries.analyze_events) as analyze, \
                patch.object(module_queries, 'planned_load',
                             wraps=queries.planned_load) as load:
            self.Event._plan_relationship_events(MONDAY)
        events = self.Event.search([('partner_id', 'in', self.customers.ids)])
        for item, capacity in (('call', 20), ('visit', 5)):
            with self.subTest(item):
                planned = events.filtered(lambda e, i=item: e.plan_item == i)
                self.assertEqual(len(planned), 300)
                self.assertLessEqual(max(Counter(planned.mapped('date')).values()), capacity)
        # 600 events (and the demo's) planned: analyzed at 50, 100, 200 and 400 at least
        self.assertGreaterEqual(analyze.call_count, 4)
        # more than 40 batches, the load read once per manager (calls and visits)
        managers = self.env['res.users'].search_count([])
        self.assertLessEqual(load.call_count, 2 * managers)

    def test_existing_load_counts(self):
        """Calls planned by hand fill the manager's day: the planner plans around them."""
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.calls_per_day', '3')
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '10')
        few = self.customers[:20]
        (self.customers - few).write({'customer_tier_id': False})
        self.Event.create([{'name': 'By hand', 'partner_id': self.customer_b.id,
                            'channel': 'call', 'date': MONDAY} for _i in range(3)])
        # all overdue: due today, they spread over the next working days
        self.Event.create([{'name': 'Long ago', 'partner_id': partner.id, 'channel': 'call',
                            'state': 'done', 'date': D(2025, 1, 1)} for partner in few])
        stats = self.Event._plan_relationship_events(MONDAY)
        calls = self.Event.search([('partner_id', 'in', few.ids), ('plan_item', '=', 'call')])
        self.assertNotIn(MONDAY, calls.mapped('date'))  # full with the hand-made calls
        per_day = Counter(calls.mapped('date'))
        self.assertLessEqual(max(per_day.values()), 3)
        # 8 working days left in the horizon x 3 = 24 >= 20: every call found a day
        self.assertEqual(len(calls), 20)
        self.assertGreaterEqual(stats['call'], 20)

    def test_level_load_service(self):
        """The leveling on its own: slots stable from night to night, capacity kept."""
        dues = [{'partner_id': pid, 'item': 'call', 'user_id': 1, 'company_id': 1,
                 'interval': 10, 'due_date': None} for pid in range(40)]
        off = {MONDAY + DAY * 5, MONDAY + DAY * 6}
        days = planning.level_load(dues, {}, {'call': 5}, {1: off}, MONDAY, MONDAY + DAY * 9)
        self.assertEqual(len(days), 40)
        self.assertLessEqual(max(Counter(days.values()).values()), 5)
        self.assertFalse(set(days.values()) & off)
        for pid in range(40):
            slot = planning.stagger_date(pid, 'call', 10, MONDAY)
            self.assertEqual(slot, planning.stagger_date(pid, 'call', 10, MONDAY + DAY)
                             if slot > MONDAY else slot)
