# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..services import lunar, planning
from .common import CustomerMaintenanceCase

D = datetime.date


class RelationshipCase(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(RelationshipCase, cls).setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        cls.festival = cls.env['customer.festival'].create({
            'name': 'Test Eve', 'calendar': 'solar', 'month': 12, 'day': 31, 'lead_days': 7,
            'channel': 'message'})
        cls.tier = cls.env['customer.tier'].create({
            'name': 'Test Tier', 'code': 'TST-REL', 'call_interval_days': 10,
            'care_call_interval_days': 20, 'visit_interval_days': 0, 'birthday_greeting': True,
            'annual_gift_budget': 500.0, 'greeting_festival_ids': [(6, 0, [cls.festival.id])]})
        cls.customer_a.customer_tier_id = cls.tier
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '30')

    def _events(self, partner=None, **domain):
        args = [('partner_id', '=', (partner or self.customer_a).id)]
        args += [(key, '=', value) for key, value in domain.items()]
        return self.Event.search(args)


class TestLunarCalendar(RelationshipCase):

    def test_known_festival_dates(self):
        known = {
            # (lunar month, day): {year: solar date}
            (1, 1): {2023: D(2023, 1, 22), 2024: D(2024, 2, 10), 2025: D(2025, 1, 29),
                     2026: D(2026, 2, 17), 2027: D(2027, 2, 6)},
            (5, 5): {2023: D(2023, 6, 22), 2024: D(2024, 6, 10), 2025: D(2025, 5, 31),
                     2027: D(2027, 6, 9)},
            (8, 15): {2023: D(2023, 9, 29), 2024: D(2024, 9, 17), 2025: D(2025, 10, 6),
                      2027: D(2027, 9, 15)},
        }
        for (month, day), dates in known.items():
            for year, expected in dates.items():
                self.assertEqual(lunar.lunar_to_solar(year, month, day), expected,
                                 'lunar %s/%s/%s' % (year, month, day))

    def test_leap_month_years(self):
        # 2023 has a leap 2nd month, 2025 a leap 6th month: festivals use the regular month
        self.assertEqual(lunar.lunar_to_solar(2023, 2, 1), D(2023, 2, 20))
        self.assertEqual(lunar.lunar_to_solar(2023, 2, 1, leap=True), D(2023, 3, 22))
        self.assertEqual(lunar.lunar_to_solar(2025, 6, 1), D(2025, 6, 25))
        self.assertEqual(lunar.lunar_to_solar(2025, 6, 1, leap=True), D(2025, 7, 25))
        # asking for a leap month the year does not have falls back on the regular month
        self.assertEqual(lunar.lunar_to_solar(2024, 6, 1, leap=True), lunar.lunar_to_solar(2024, 6, 1))
        # round trip
        self.assertEqual(lunar.solar_to_lunar(D(2025, 10, 6)), (2025, 8, 15, False))

    def test_day_30_in_short_month(self):
        # the 12th month of lunar 2024 has 29 days: New Year's Eve was 2025-01-28
        self.assertEqual(lunar.lunar_month_days(2024, 12), 29)
        self.assertEqual(lunar.lunar_to_solar(2024, 12, 30), D(2025, 1, 28))
        self.assertEqual(lunar.lunar_to_solar(2024, 12, 29), D(2025, 1, 28))

    def test_festival_date_in_year(self):
        spring = self.env.ref('customer_maintenance.customer_festival_spring')
        mid_autumn = self.env.ref('customer_maintenance.customer_festival_mid_autumn')
        dragon = self.env.ref('customer_maintenance.customer_festival_dragon_boat')
        new_year = self.env.ref('customer_maintenance.customer_festival_new_year')
        self.assertEqual(spring.date_in_year(2027), '2027-02-06')
        self.assertEqual(dragon.date_in_year(2027), '2027-06-09')
        self.assertEqual(mid_autumn.date_in_year(2027), '2027-09-15')
        self.assertEqual(new_year.date_in_year(2027), '2027-01-01')
        with self.assertRaises(UserError):
            spring.date_in_year(2200)

    def test_festival_bad_input(self):
        Festival = self.env['customer.festival']
        count = Festival.search_count([])
        for vals in ({'calendar': 'solar', 'month': 2, 'day': 30},
                     {'calendar': 'solar', 'month': 13, 'day': 1},
                     {'calendar': 'lunar', 'month': 8, 'day': 31},
                     {'calendar': 'lunar', 'month': 0, 'day': 1},
                     {'calendar': 'solar', 'month': 1, 'day': 1, 'lead_days': -1}):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    Festival.create(dict(vals, name='Bad'))
        self.assertEqual(Festival.search_count([]), count)
        # a lunar day 30 and a solar Feb 29 are fine
        Festival.create({'name': 'Eve', 'calendar': 'lunar', 'month': 12, 'day': 30})
        Festival.create({'name': 'Leap', 'calendar': 'solar', 'month': 2, 'day': 29})

    def test_supervisor_edits_account_manager_reads_festivals(self):
        self.festival.sudo(self.supervisor).write({'lead_days': 3})
        self.assertEqual(self.festival.sudo(self.manager_a).lead_days, 3)
        with self.assertRaises(AccessError):
            self.festival.sudo(self.manager_a).write({'lead_days': 4})


class TestPlanning(RelationshipCase):

    def test_first_run_plans_one_event_per_item(self):
        today = D(2026, 3, 2)
        self.Event._plan_relationship_events(today)
        calls = self._events(plan_item='call')
        care = self._events(plan_item='care_call')
        self.assertEqual(len(calls), 1)
        self.assertEqual(len(care), 1)
        self.assertFalse(self._events(plan_item='visit'))  # interval 0 = never
        self.assertEqual(calls.date, '2026-03-02')  # never contacted: due now
        self.assertEqual((calls.state, calls.kind, calls.channel, calls.user_id),
                         ('planned', 'periodic', 'call', self.manager_a))
        self.assertEqual(calls.tier_id, self.tier)
        # the planned contact is in the manager's activities
        self.assertEqual(calls.activity_ids.user_id, self.manager_a)
        self.assertEqual(calls.activity_ids.date_deadline, '2026-03-02')
        # idempotent
        before = self.Event.search_count([])
        self.Event._plan_relationship_events(today)
        self.Event._plan_relationship_events(today)
        self.assertEqual(self.Event.search_count([]), before)

    def test_next_after_done_and_cancel(self):
        self.Event._plan_relationship_events(D(2026, 3, 2))
        call = self._events(plan_item='call')
        call.sudo(self.manager_a)._mark_done('Called, all fine.', {'date': '2026-03-03'})
        self.assertFalse(call.activity_ids)
        self.Event._plan_relationship_events(D(2026, 3, 3))
        planned = self._events(plan_item='call', state='planned')
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.date, '2026-03-13')  # 10 days after the done one
        planned.sudo(self.manager_a).action_cancel()
        self.Event._plan_relationship_events(D(2026, 3, 13))
        planned = self._events(plan_item='call', state='planned')
        self.assertEqual(planned.date, '2026-03-23')
        # a call logged by hand does not add a second open one
        self.Event.create({'name': 'Manual call', 'partner_id': self.customer_a.id,
                           'channel': 'call', 'state': 'done', 'date': '2026-03-20'})
        self.Event._plan_relationship_events(D(2026, 3, 20))
        self.assertEqual(self._events(plan_item='call', state='planned'), planned)
        planned._mark_done('Done late', {'date': '2026-03-25'})
        self.Event._plan_relationship_events(D(2026, 3, 25))
        self.assertEqual(self._events(plan_item='call', state='planned').date, '2026-04-04')

    def test_horizon(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '5')
        self.Event.create({'name': 'Call', 'partner_id': self.customer_a.id, 'channel': 'call',
                           'state': 'done', 'date': '2026-03-01'})
        self.Event._plan_relationship_events(D(2026, 3, 2))
        self.assertFalse(self._events(plan_item='call'))  # due 03-11, beyond 03-07
        self.Event._plan_relationship_events(D(2026, 3, 6))
        self.assertEqual(self._events(plan_item='call').date, '2026-03-11')

    def test_overdue_is_planned_today(self):
        self.Event.create({'name': 'Call', 'partner_id': self.customer_a.id, 'channel': 'call',
                           'state': 'done', 'date': '2025-01-01'})
        self.Event._plan_relationship_events(D(2026, 3, 2))
        self.assertEqual(self._events(plan_item='call').date, '2026-03-02')

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
                           'channel': 'care_call', 'state': 'done', 'date': '2026-03-01'})
        self.Event._plan_relationship_events(D(2026, 3, 2))
        care = self._events(plan_item='care_call', state='planned')
        self.assertTrue('2026-03-17' <= care.date <= '2026-03-25', care.date)
        expected = planning.next_due_date(D(2026, 3, 1), 20, D(2026, 3, 2),
                                          jitter_key=self.customer_a.id)
        self.assertEqual(care.date, str(expected))

    def test_care_call_jitter_sql_equals_python(self):
        """The planner computes the jitter in PostgreSQL: it must be the service's number."""
        Event = self.env['customer.relationship.event']
        keys = ['%d:2026-0%d-1%d' % (pid, month, pid % 10)
                for pid in range(1, 400, 7) for month in (1, 5, 9)]
        for interval in (1, 4, 5, 20, 30, 91, 365):
            sql = Event._JITTER_SQL.format(key='k', interval='%(interval)s',
                                           percent=planning.CARE_CALL_JITTER_PERCENT)
            self.env.cr.execute('SELECT k, %s FROM unnest(%%(keys)s::text[]) AS k' % sql,
                                {'keys': keys, 'interval': interval})
            got = dict(self.env.cr.fetchall())
            expected = {key: planning.jitter_days(key, interval) for key in keys}
            self.assertEqual(got, expected, 'interval %d' % interval)
            bound = interval * planning.CARE_CALL_JITTER_PERCENT // 100
            self.assertLessEqual(max(map(abs, got.values())), bound)
            if bound >= 4:
                self.assertGreater(len(set(got.values())), bound, 'offsets spread')

    def test_skipped_customers(self):
        Partner = self.env['res.partner']
        unassigned = Partner.create({'name': 'No manager', 'is_company': True, 'customer': True,
                                     'customer_tier_id': self.tier.id})
        inactive = Partner.create({'name': 'Gone', 'is_company': True, 'customer': True,
                                   'customer_tier_id': self.tier.id,
                                   'user_id': self.manager_a.id, 'active': False})
        self.Event._plan_relationship_events(D(2026, 3, 2))
        self.assertFalse(self._events(unassigned))
        self.assertFalse(self.Event.search([('partner_id', '=', inactive.id)]))
        self.assertFalse(self._events(self.customer_b))  # no tier

    def test_unique_open_event_per_item(self):
        self.Event._plan_relationship_events(D(2026, 3, 2))
        call = self._events(plan_item='call')
        with self.assertRaises(psycopg2.IntegrityError):
            with mute_logger('odoo.sql_db'), self.env.cr.savepoint():
                self.Event.create({'name': 'Dup', 'partner_id': self.customer_a.id,
                                   'channel': 'call', 'plan_item': 'call',
                                   'plan_key': call.plan_key})

    def test_query_count_does_not_grow_with_customers(self):
        # set-based: the number of queries does not depend on the number of customers
        def run(today, how_many):
            for i in range(how_many):
                self.env['res.partner'].create({
                    'name': 'Bulk %s %d' % (today, i), 'is_company': True, 'customer': True,
                    'user_id': self.manager_b.id, 'customer_tier_id': self.tier.id})
            before = self.env.cr.sql_log_count
            self.Event._plan_relationship_events(today)
            return self.env.cr.sql_log_count - before
        self.Event._plan_relationship_events(D(2026, 3, 2))  # warm caches
        one = run(D(2026, 3, 3), 1)
        many = run(D(2026, 3, 4), 30)
        self.assertEqual(self.Event.search_count([('partner_id.name', '=like', 'Bulk %'),
                                                  ('plan_item', '=', 'call')]), 31)
        self.assertLessEqual(many, one + 2)  # a translation or two may be looked up once
        self.assertLess(many, 30)

    def test_cron_method(self):
        cron = self.env.ref('customer_maintenance.ir_cron_plan_relationship_events')
        self.assertEqual(cron.numbercall, -1)
        self.assertIn('cron_plan_relationship_events', cron.code)


class TestGreetings(RelationshipCase):

    def test_festival_lead_time(self):
        self.Event._plan_relationship_events(D(2026, 12, 1))
        greeting = self._events(plan_item='festival')
        self.assertEqual(len(greeting), 1)
        self.assertEqual(greeting.date, '2026-12-24')  # 7 days ahead of Dec 31
        self.assertEqual(greeting.occasion_date, '2026-12-31')
        self.assertEqual(greeting.festival_id, self.festival)
        greeting.action_cancel()  # cancelled greetings are not planned again
        self.Event._plan_relationship_events(D(2026, 12, 20))
        self.assertEqual(len(self._events(plan_item='festival')), 1)
        # too early: beyond the horizon
        self.Event._plan_relationship_events(D(2027, 10, 1))
        self.assertEqual(len(self._events(plan_item='festival')), 1)

    def test_lunar_birthday(self):
        self.contact_a.write({'birthday_calendar': 'lunar', 'birthday_month': 8,
                              'birthday_day': 15, 'contact_preferences': 'Calls after 9 pm'})
        self.Event._plan_relationship_events(D(2027, 9, 1))
        greeting = self._events(plan_item='birthday')
        self.assertEqual(len(greeting), 1)
        self.assertEqual(greeting.occasion_date, '2027-09-15')  # lunar 8/15 in 2027
        self.assertEqual(greeting.date, '2027-09-12')  # default lead 3 days
        self.assertEqual(greeting.contact_id, self.contact_a)
        self.assertEqual(greeting.contact_preferences, 'Calls after 9 pm')
        self.Event._plan_relationship_events(D(2027, 9, 10))
        self.assertEqual(len(self._events(plan_item='birthday')), 1)

    def test_no_birthday_greeting_for_tier_without_it(self):
        self.tier.birthday_greeting = False
        self.contact_a.write({'birthday_month': 3, 'birthday_day': 10})
        self.Event._plan_relationship_events(D(2026, 3, 1))
        self.assertFalse(self._events(plan_item='birthday'))

    def test_solar_birthday_and_anniversary(self):
        self.contact_a.write({'birthday_month': 2, 'birthday_day': 29})
        self.customer_a.founding_date = '2001-03-05'
        self.Event._plan_relationship_events(D(2027, 2, 20))
        birthday = self._events(plan_item='birthday')
        self.assertEqual(birthday.occasion_date, '2027-02-28')  # common year
        anniversary = self._events(plan_item='anniversary')
        self.assertEqual((anniversary.occasion_date, anniversary.date), ('2027-03-05', '2027-03-02'))
        self.assertEqual(anniversary.kind, 'business')

    def test_birthday_bad_input(self):
        for vals in ({'birthday_month': 2, 'birthday_day': 30},
                     {'birthday_month': 13, 'birthday_day': 1},
                     {'birthday_calendar': 'lunar', 'birthday_month': 1, 'birthday_day': 31},
                     {'birthday_month': 1, 'birthday_day': 1, 'birth_year': 1800}):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.contact_a.write(vals)
        self.assertFalse(self.contact_a.birthday_month)

    def test_greeting_template(self):
        template = self.env.ref('customer_maintenance.mail_template_relationship_greeting')
        event = self.Event.create({'name': 'Greeting', 'partner_id': self.customer_a.id,
                                   'contact_id': self.contact_a.id, 'channel': 'message',
                                   'festival_id': self.festival.id})
        body = template.render_template(template.body_html, template.model, [event.id])[event.id]
        self.assertIn('Test Eve', body)
        self.assertIn('Contact of A', body)
        action = event.action_send_greeting()
        self.assertEqual(action['context']['default_template_id'], template.id)
        self.contact_a.write({'birthday_month': 3, 'birthday_day': 10})
        self.Event._plan_relationship_events(D(2026, 3, 1))
        birthday = self._events(plan_item='birthday')
        self.assertEqual(
            birthday.action_send_greeting()['context']['default_template_id'],
            self.env.ref('customer_maintenance.mail_template_relationship_birthday').id)


class TestGiftsAndEvents(RelationshipCase):

    def test_gift_budget(self):
        gift = self.env['customer.gift'].create({'name': 'Tea', 'value': 400, 'story': 'Fujian'})
        self.Event.create({'name': 'Visit', 'partner_id': self.customer_a.id, 'channel': 'visit',
                           'state': 'done', 'date': '2026-02-01', 'gift_id': gift.id})
        self.assertEqual(self.customer_a._gift_spend(2026), {self.customer_a.id: 400.0})
        self.assertEqual(self.customer_a._gift_spend(2025), {})
        planned = self.Event.create({'name': 'Next', 'partner_id': self.customer_a.id,
                                     'date': '2026-05-01', 'gift_id': gift.id, 'gift_value': 90})
        self.assertFalse(planned.gift_over_budget)
        planned.gift_value = 150
        self.assertTrue(planned.gift_over_budget)
        self.assertIn('550', planned.gift_budget_message)
        customer = self.customer_a.with_context(cm_today='2026-06-01')
        self.assertEqual(customer.gift_spend_this_year, 400.0)
        self.assertFalse(customer.gift_budget_exceeded)
        planned._mark_done('Gave the tea', {'gift_value': 150})
        customer.invalidate_cache()
        self.assertEqual(customer.gift_spend_this_year, 550.0)
        self.assertTrue(customer.gift_budget_exceeded)
        self.assertEqual(self.customer_a.with_context(cm_today='2027-01-05').gift_spend_this_year, 0.0)

    def test_done_wizard_with_followup(self):
        event = self.Event.sudo(self.manager_a).create({
            'name': 'Visit', 'partner_id': self.customer_a.id, 'channel': 'visit',
            'date': '2026-03-02'})
        self.assertEqual(event.user_id, self.manager_a)
        self.assertTrue(event.activity_ids)
        action = event.action_done()
        Wizard = self.env[action['res_model']].sudo(self.manager_a).with_context(action['context'])
        with self.assertRaises(UserError):
            Wizard.create({'outcome': '  ', 'date': '2026-03-02'}).action_confirm()
        self.assertEqual(event.state, 'planned')
        wizard = Wizard.create({'outcome': 'Trained two mechanics', 'date': '2026-03-02',
                                'cost': 80, 'followup': True, 'followup_date': '2026-03-20',
                                'followup_channel': 'call'})
        result = wizard.action_confirm()
        self.assertEqual((event.state, event.outcome, event.cost),
                         ('done', 'Trained two mechanics', 80))
        self.assertFalse(event.activity_ids)
        followup = self.Event.browse(result['res_id'])
        self.assertEqual((followup.state, followup.date, followup.followup_of_id),
                         ('planned', '2026-03-20', event))
        with self.assertRaises(UserError):
            event.action_cancel()

    def test_event_bad_input(self):
        count = self.Event.search_count([])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Event.create({'name': 'x', 'partner_id': self.customer_b.id,
                               'contact_id': self.contact_a.id})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Event.create({'name': 'x', 'partner_id': self.customer_a.id, 'cost': -5})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Event.create({'name': 'x', 'partner_id': self.contact_a.id})
        self.assertEqual(self.Event.search_count([]), count)

    def test_access(self):
        own = self.Event.create({'name': 'A', 'partner_id': self.customer_a.id})
        other = self.Event.create({'name': 'B', 'partner_id': self.customer_b.id})
        assigned = self.Event.create({'name': 'B for A', 'partner_id': self.customer_b.id,
                                      'user_id': self.manager_a.id})
        visible = self.Event.sudo(self.manager_a).search([('id', 'in', (own | other | assigned).ids)])
        self.assertEqual(visible, own | assigned)
        with self.assertRaises(AccessError):
            other.sudo(self.manager_a).read(['name'])
        with self.assertRaises(AccessError):
            other.sudo(self.manager_a).write({'outcome': 'x'})
        self.assertEqual(self.Event.sudo(self.supervisor).search(
            [('id', 'in', (own | other | assigned).ids)]), own | other | assigned)
        with self.assertRaises(AccessError):
            own.sudo(self.manager_a).unlink()
        self.assertEqual(self.customer_a.sudo(self.manager_a).relationship_event_count, 1)

    def test_views_load(self):
        for view_type in ('tree', 'form', 'kanban', 'calendar', 'pivot', 'graph', 'search'):
            arch = self.Event.sudo(self.manager_a).fields_view_get(view_type=view_type)['arch']
            self.assertTrue(arch)
        form = self.env['res.partner'].sudo(self.manager_a).fields_view_get(view_type='form')
        self.assertIn('birthday_calendar', form['arch'])
        self.assertIn('action_contact_left', form['arch'])
        festival = self.env['customer.festival'].fields_view_get(view_type='form')
        self.assertIn('tier_ids', festival['arch'])

    def test_festival_tiers_inverse(self):
        self.assertIn(self.tier, self.festival.tier_ids)
        spring = self.env.ref('customer_maintenance.customer_festival_spring')
        self.assertIn(self.env.ref('customer_maintenance.customer_tier_ordinary'), spring.tier_ids)

    def test_my_contacts_menu_first(self):
        menu = self.env.ref('customer_maintenance.customer_relationship_event_menu_my')
        siblings = self.env['ir.ui.menu'].search(
            [('parent_id', '=', self.env.ref('customer_maintenance.menu_relationship').id)])
        self.assertEqual(siblings[0], menu)


class TestRegionalAndPersonnel(RelationshipCase):

    def test_regional_care_no_duplicates(self):
        state = self.env['res.country.state'].search([], limit=1)
        self.customer_a.state_id = state
        Wizard = self.env['customer.regional.care.wizard'].sudo(self.supervisor)
        vals = {'state_ids': [(6, 0, state.ids)], 'description': 'Typhoon Mangkhut',
                'date': '2026-09-17'}
        Wizard.create(vals).action_create_events()
        events = self._events(kind='regional')
        self.assertEqual(len(events), 1)
        self.assertEqual((events.user_id, events.channel, events.date),
                         (self.manager_a, 'care_call', '2026-09-17'))
        Wizard.create(dict(vals, description='typhoon  mangkhut')).action_create_events()
        self.assertEqual(len(self._events(kind='regional')), 1)
        Wizard.create(dict(vals, date='2026-09-18')).action_create_events()
        self.assertEqual(len(self._events(kind='regional')), 2)
        default = Wizard.with_context(tz='UTC').default_get(['date'])['date']
        self.assertGreater(default, str(datetime.date.today()))
        with self.assertRaises(UserError):
            Wizard.create({'state_ids': [(6, 0, state.ids)], 'description': ' '}).action_create_events()

    def test_contact_left_only_contact_of_key_account(self):
        self.customer_a.customer_tier_id = self.env.ref('customer_maintenance.customer_tier_key')
        Wizard = self.env['customer.contact.left.wizard'].sudo(self.manager_a)
        wizard = Wizard.create({'contact_id': self.contact_a.id, 'left_date': '2026-04-01',
                                'meeting_date': '2026-04-03', 'reason': 'Retired'})
        self.assertIn('key account', wizard.warning)
        action = wizard.action_confirm()
        event = self.Event.browse(action['res_id'])
        self.assertEqual((event.kind, event.user_id, event.date, event.partner_id),
                         ('personnel', self.manager_a, '2026-04-03', self.customer_a))
        self.assertIn('Retired', event.description)
        self.assertFalse(self.contact_a.active)
        self.assertTrue(self.contact_a.is_former_contact)
        self.assertEqual(self.contact_a.contact_left_date, '2026-04-01')
        with self.assertRaises(UserError):
            Wizard.create({'contact_id': self.contact_a.id, 'reason': 'again'}).action_confirm()

    def test_contact_left_bad_input_writes_nothing(self):
        Wizard = self.env['customer.contact.left.wizard'].sudo(self.manager_a)
        with self.assertRaises(UserError):
            Wizard.create({'contact_id': self.contact_a.id, 'reason': 'x', 'left_date': '2026-04-05',
                           'meeting_date': '2026-04-01'}).action_confirm()
        with self.assertRaises(UserError):
            Wizard.create({'contact_id': self.contact_a.id, 'reason': 'x',
                           'successor_id': self.customer_b.id}).action_confirm()
        self.assertTrue(self.contact_a.active)
        self.assertFalse(self.contact_a.is_former_contact)
        self.assertFalse(self._events(kind='personnel'))

    def test_contact_left_keep_as_former(self):
        successor = self.env['res.partner'].create({'name': 'New buyer', 'parent_id': self.customer_a.id})
        wizard = self.env['customer.contact.left.wizard'].create({
            'contact_id': self.contact_a.id, 'reason': 'Moved to a competitor',
            'successor_id': successor.id, 'archive': False})
        self.assertFalse(wizard.warning)
        event = self.Event.browse(wizard.action_confirm()['res_id'])
        self.assertEqual(event.contact_id, successor)
        self.assertTrue(self.contact_a.active)
        self.assertTrue(self.contact_a.is_former_contact)
