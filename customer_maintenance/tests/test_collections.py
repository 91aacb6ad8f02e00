# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Collection calls (收款) in the account manager's day: planned by the nightly job most
urgent first inside the daily call capacity and working days, done with their outcome,
cancelled when the customer paid; on the customer's page."""
import datetime
from unittest import mock

from ..models import relationship_event_collection_planner as planner
from ..queries import relationship_planning as planning_queries
from ..services import planning
from ..tools import cron_batches
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 6, 30)  # a Monday
FRIDAY = datetime.date(2031, 7, 4)
D = datetime.timedelta
CALL_TYPE = 'customer_maintenance.mail_activity_type_relationship_collection'


class TestCollections(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Event = env['customer.relationship.event']
        env['ir.config_parameter'].set_param('customer_maintenance.calls_per_day', 3)
        Partner = env['res.partner']

        def customer(name, user, **vals):
            return Partner.create(dict(vals, name=name, is_company=True, customer_rank=1,
                                       user_id=user.id))
        # urgency = residual x days overdue
        cls.long_owed = customer('Owes a little for long', cls.manager_a)     # 100 x 200
        cls.key = customer('Key account', cls.manager_a, is_key_account=True)  # 500 x 20
        cls.plain = customer('Plain customer', cls.manager_a)                 # 1000 x 10
        cls.not_due = customer('Not due yet', cls.manager_a)
        cls.paid = customer('Paid in time', cls.manager_a)
        cls.draft = customer('Draft invoice only', cls.manager_a)
        cls.buyer = Partner.create({'name': 'Buyer of plain', 'parent_id': cls.plain.id})
        cls.inv_long = cls._invoice(cls.long_owed, TODAY - D(230), TODAY - D(200), 100.0)
        cls.inv_key = cls._invoice(cls.key, TODAY - D(50), TODAY - D(20), 500.0)
        # the contact's invoice is its company's debt
        cls.inv_plain = cls._invoice(cls.buyer, TODAY - D(40), TODAY - D(10), 1000.0)
        cls._invoice(cls.not_due, TODAY - D(10), TODAY + D(20), 9000.0)
        cls._pay(cls._invoice(cls.paid, TODAY - D(60), TODAY - D(30), 800.0), TODAY - D(31))
        cls._invoice(cls.draft, TODAY - D(60), TODAY - D(30), 700.0, post=False)
        cls.inv_b = cls._invoice(cls.customer_b, TODAY - D(45), TODAY - D(15), 300.0)
        # manager A's Monday already holds a business call: 2 places left
        cls.busy = cls.Event.create({'name': 'Busy call', 'partner_id': cls.customer_a.id,
                                     'channel': 'call', 'date': TODAY})
        cls.manager_b.lang = 'zh_TW'
        env['res.lang']._activate_lang('zh_TW')

    def _run(self, day=TODAY, user=None):
        """The nightly job as the scheduler runs it (its public entry point), on `day`."""
        Event = self.Event.with_context(cm_today=day)
        if user:
            Event = Event.with_user(user)
        return Event.cron_plan_collection_calls()

    def _open_count(self):
        return self.Event.search_count([('kind', '=', 'collection'), ('state', '=', 'planned')])

    def _calls(self, partner, state='planned'):
        return self.Event.search([('partner_id', '=', partner.id), ('kind', '=', 'collection'),
                                  ('state', '=', state)])

    def test_planned_most_urgent_first_within_capacity(self):
        before = self.Event.search_count([('kind', '=', 'collection')])
        planned = self._run()
        # the customers of the fixture, and the demo data's overdue customers
        self.assertGreaterEqual(planned, 4)
        self.assertEqual(self.Event.search_count([('kind', '=', 'collection')]) - before,
                         planned)
        long_call, key_call, plain_call = (self._calls(p) for p in
                                           (self.long_owed, self.key, self.plain))
        # 20000, then the key account before the plain customer (both 10000); 3 calls a day
        # with the busy call: the third one waits for Tuesday
        self.assertEqual((long_call.date, key_call.date, plain_call.date),
                         (TODAY, TODAY, TODAY + D(1)))
        self.assertEqual(plain_call.collection_amount, 1000.0)
        self.assertEqual(plain_call.collection_due_date, TODAY - D(10))
        self.assertEqual(plain_call.with_context(cm_today=TODAY).collection_days_overdue, 10)
        self.assertEqual(long_call.user_id, self.manager_a)
        self.assertEqual(long_call.plan_item, 'collection')
        self.assertEqual(long_call.name, 'Collection call: Owes a little for long')
        for partner in (self.not_due, self.paid, self.draft, self.customer_a):
            with self.subTest(partner=partner.name):
                self.assertFalse(self._calls(partner))
        # manager B's call: his activity, named in his language
        call_b = self._calls(self.customer_b)
        self.assertEqual(call_b.user_id, self.manager_b)
        self.assertIn('收款', call_b.name)
        activity = call_b.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref(CALL_TYPE))
        self.assertEqual((activity.user_id, activity.date_deadline), (self.manager_b, TODAY))
        # and the account manager sees it in his day
        mine = self.Event.with_user(self.manager_a).search(
            [('user_id', '=', self.manager_a.id), ('kind', '=', 'collection')])
        self.assertEqual(mine, long_call | key_call | plain_call)

    def test_capacity_counts_the_collection_calls_for_the_planner(self):
        """The relationship planner reads the calls of a day, collection calls included."""
        self._run()
        self.env.flush_all()
        channels = [channel for channel, kind in planning.CAPACITY_OF_CHANNEL.items()
                    if kind == 'call']
        rows = self.env.execute_query(planning_queries.planned_load(
            [self.manager_a.id], channels, TODAY, TODAY + D(5)))
        self.assertEqual({day: count for _user, day, count in rows},
                         {TODAY: 3, TODAY + D(1): 1})

    def test_twice_changes_nothing(self):
        self._run()
        self.env.flush_all()
        snapshot = self._snapshot()
        self.assertEqual(self._run(), 0)
        self.env.flush_all()
        self.assertEqual(self._snapshot(), snapshot)

    def _snapshot(self):
        events = self.Event.search([('kind', '=', 'collection')])
        return sorted(events.mapped(lambda e: (e.partner_id.id, e.date, e.state))), len(
            events.activity_ids)

    def test_paid_invoices_cancel_the_call_with_why(self):
        self._run()
        call_b, call_key = self._calls(self.customer_b), self._calls(self.key)
        self._pay(self.inv_b, TODAY)
        self._pay(self.inv_key, TODAY, amount=200.0)  # partly: still owes 300
        self._run(TODAY + D(1))
        self.assertEqual(call_b.state, 'cancelled')
        self.assertFalse(call_b.activity_ids)
        # in manager B's language
        self.assertIn('逾期', call_b.outcome)
        self.assertEqual(call_key.state, 'planned')

    def _done(self, call, user, **vals):
        wizard = self.env['customer.relationship.event.done.wizard'].with_user(user).with_context(
            cm_today=call.date).create(dict({'event_id': call.id, 'outcome': 'Called',
                                             'date': call.date}, **vals))
        wizard.action_confirm()

    def test_promise_kept_broken_and_next_call(self):
        self._run()
        call = self._calls(self.plain)
        self._done(call, self.manager_a, collection_outcome='promise',
                   promise_date=FRIDAY, promise_amount=600.0)
        self.assertEqual((call.state, call.collection_outcome, call.promise_amount),
                         ('done', 'promise', 600.0))
        # before the day after the promise: no new call
        self._run(FRIDAY)
        self.assertFalse(self._calls(self.plain))
        # Saturday, nothing paid: the promise is broken, a call the next working day (Monday)
        self._run(FRIDAY + D(1))
        again = self._calls(self.plain)
        self.assertEqual(again.date, FRIDAY + D(3))
        self.assertTrue(call.promise_broken)

    def test_promise_kept_is_not_broken(self):
        self._run()
        call = self._calls(self.plain)
        self._done(call, self.manager_a, collection_outcome='promise',
                   promise_date=FRIDAY, promise_amount=600.0)
        self._pay(self.inv_plain, FRIDAY, amount=600.0)
        self._run(FRIDAY + D(3))
        # still owes 400 overdue: called again, but the promise was kept
        self.assertEqual(self._calls(self.plain).date, FRIDAY + D(3))
        self.assertFalse(call.promise_broken)

    def test_paid_and_disputed_wait_a_week(self):
        self._run()
        paid_call, disputed = self._calls(self.long_owed), self._calls(self.key)
        self._done(paid_call, self.manager_a, collection_outcome='paid')
        self._done(disputed, self.manager_a, collection_outcome='disputed',
                   dispute_reason='Goods damaged on delivery')
        self.assertEqual(disputed.dispute_reason, 'Goods damaged on delivery')
        self._run(TODAY + D(6))
        self.assertFalse(self._calls(self.long_owed) | self._calls(self.key))
        self._run(TODAY + D(7))
        self.assertEqual(len(self._calls(self.long_owed) | self._calls(self.key)), 2)

    def test_one_bad_customer_is_skipped(self):
        original = planner.CustomerRelationshipEvent._prepare_collection_call_vals
        bad = self.key.id

        def prepare(model, row, day, context):
            if row['partner_id'] == bad:
                raise ValueError('bad customer')
            return original(model, row, day, context)
        before = self._open_count()
        with mock.patch.object(planner.CustomerRelationshipEvent,
                               '_prepare_collection_call_vals', prepare), \
                self.assertLogs(cron_batches.__name__, level='ERROR'):
            planned = self._run()
        self.assertEqual(self._open_count() - before, planned)
        self.assertFalse(self._calls(self.key))
        self.assertTrue(self._calls(self.long_owed) and self._calls(self.plain))

    def test_customer_page(self):
        self._run()
        page = self.plain.with_user(self.manager_a).with_context(cm_today=TODAY)
        self.assertEqual(page.collection_overdue_amount, 1000.0)
        self.assertEqual(page.collection_oldest_due, TODAY - D(10))
        self.assertEqual(page.collection_next_date, TODAY + D(1))
        self.assertEqual(page.collection_event_ids, self._calls(self.plain))
        action = page.action_view_collection_events()
        self.assertEqual(self.Event.with_user(self.manager_a).search(action['domain']),
                         self._calls(self.plain))
        # nothing overdue on a day before the due date
        self.assertEqual(self.plain.with_context(cm_today=TODAY - D(11))
                         .collection_overdue_amount, 0.0)

    def test_other_managers_calls_are_not_readable(self):
        self._run()
        self.assertFalse(self.Event.with_user(self.manager_b).search(
            [('partner_id', '=', self.plain.id)]))
        self.assertTrue(self._calls(self.customer_b).with_user(self.manager_b).name)
