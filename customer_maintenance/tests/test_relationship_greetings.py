# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Solar and lunar festivals, birthdays and anniversaries, their greetings and templates."""
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from ..services import lunar
from .test_relationship import RelationshipCase

D = datetime.date


class GreetingCase(RelationshipCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.festival = cls.env['customer.festival'].create({
            'name': 'Test Eve', 'calendar': 'solar', 'month': 12, 'day': 31, 'lead_days': 7,
            'channel': 'message'})
        cls.tier.greeting_festival_ids = [Command.set([cls.festival.id])]


class TestLunarCalendar(GreetingCase):

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
                with self.subTest(year=year, month=month, day=day):
                    self.assertEqual(lunar.lunar_to_solar(year, month, day), expected)

    def test_leap_month_years(self):
        # 2023 has a leap 2nd month, 2025 a leap 6th month: festivals use the regular month
        self.assertEqual(lunar.lunar_to_solar(2023, 2, 1), D(2023, 2, 20))
        self.assertEqual(lunar.lunar_to_solar(2023, 2, 1, leap=True), D(2023, 3, 22))
        self.assertEqual(lunar.lunar_to_solar(2025, 6, 1), D(2025, 6, 25))
        self.assertEqual(lunar.lunar_to_solar(2025, 6, 1, leap=True), D(2025, 7, 25))
        # a leap month the year does not have falls back on the regular month
        self.assertEqual(lunar.lunar_to_solar(2024, 6, 1, leap=True),
                         lunar.lunar_to_solar(2024, 6, 1))
        self.assertEqual(lunar.solar_to_lunar(D(2025, 10, 6)), (2025, 8, 15, False))

    def test_day_30_in_short_month(self):
        # the 12th month of lunar 2024 has 29 days: New Year's Eve was 2025-01-28
        self.assertEqual(lunar.lunar_month_days(2024, 12), 29)
        self.assertEqual(lunar.lunar_to_solar(2024, 12, 30), D(2025, 1, 28))
        self.assertEqual(lunar.lunar_to_solar(2024, 12, 29), D(2025, 1, 28))

    def test_festival_date_in_year(self):
        cases = [('spring', '2027-02-06'), ('dragon_boat', '2027-06-09'),
                 ('mid_autumn', '2027-09-15'), ('new_year', '2027-01-01')]
        for name, expected in cases:
            with self.subTest(name):
                festival = self.env.ref('customer_maintenance.customer_festival_' + name)
                self.assertEqual(festival.date_in_year(2027), expected)
        with self.assertRaisesRegex(UserError, 'no date in year 2200'):
            self.env.ref('customer_maintenance.customer_festival_spring').date_in_year(2200)

    def test_default_tier_greetings(self):
        key = self.env.ref('customer_maintenance.customer_tier_key')
        spring = self.env.ref('customer_maintenance.customer_festival_spring')
        self.assertIn(spring, key.greeting_festival_ids)
        self.assertEqual(len(key.greeting_festival_ids), 7)
        # once per database: never overwrites a supervisor's choice
        key.greeting_festival_ids = [Command.set([spring.id])]
        self.assertFalse(self.env['customer.tier']._install_default_greetings())
        self.assertEqual(key.greeting_festival_ids, spring)

    def test_festival_bad_input(self):
        Festival = self.env['customer.festival']
        count = Festival.search_count([])
        cases = [
            ('solar 30 February', {'calendar': 'solar', 'month': 2, 'day': 30}, 'not a date'),
            ('month 13', {'calendar': 'solar', 'month': 13, 'day': 1}, 'month must be'),
            ('lunar day 31', {'calendar': 'lunar', 'month': 8, 'day': 31}, 'lunar day'),
            ('lunar month 0', {'calendar': 'lunar', 'month': 0, 'day': 1}, 'month must be'),
            ('negative lead time', {'month': 1, 'day': 1, 'lead_days': -1}, 'lead time'),
            ('lead time 400 days', {'month': 1, 'day': 1, 'lead_days': 400}, 'lead time'),
        ]
        for label, vals, message in cases:
            with self.subTest(label):
                with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                    Festival.with_user(self.supervisor).create(dict(vals, name='Bad'))
                self.assertEqual(Festival.search_count([]), count)
        # a lunar day 30 and a solar Feb 29 are fine
        Festival.create({'name': 'Eve', 'calendar': 'lunar', 'month': 12, 'day': 30})
        Festival.create({'name': 'Leap', 'calendar': 'solar', 'month': 2, 'day': 29})

    def test_supervisor_edits_account_manager_reads_festivals(self):
        self.festival.with_user(self.supervisor).write({'lead_days': 3})
        self.assertEqual(self.festival.with_user(self.manager_a).lead_days, 3)
        with self.assertRaises(AccessError):
            self.festival.with_user(self.manager_a).write({'lead_days': 4})
        self.festival.with_user(self.admin).write({'lead_days': 5})


class TestGreetings(GreetingCase):

    def test_festival_lead_time(self):
        self.Event._plan_relationship_events(D(2026, 12, 1))
        greeting = self._events(plan_item='festival')
        self.assertEqual(len(greeting), 1)
        self.assertEqual(greeting.date, D(2026, 12, 24))  # 7 days ahead of Dec 31 (Thursday)
        self.assertEqual(greeting.occasion_date, D(2026, 12, 31))
        self.assertEqual((greeting.festival_id, greeting.kind, greeting.channel),
                         (self.festival, 'periodic', 'message'))
        self.assertEqual(greeting.activity_ids.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_relationship_greeting'))
        greeting.action_cancel()  # cancelled greetings are not planned again
        self.Event._plan_relationship_events(D(2026, 12, 20))
        self.assertEqual(len(self._events(plan_item='festival')), 1)
        # too early: beyond the horizon
        self.Event._plan_relationship_events(D(2027, 10, 1))
        self.assertEqual(len(self._events(plan_item='festival')), 1)

    def test_lunar_birthday_on_a_sunday_moves_to_friday(self):
        self.contact_a.write({'birthday_calendar': 'lunar', 'birthday_month': 8,
                              'birthday_day': 15})
        self.Event._plan_relationship_events(D(2027, 9, 1))
        greeting = self._events(plan_item='birthday')
        self.assertEqual(len(greeting), 1)
        self.assertEqual(greeting.occasion_date, D(2027, 9, 15))  # lunar 8/15 in 2027
        # 3 days ahead is Sunday 12 September: the working day before
        self.assertEqual(greeting.date, D(2027, 9, 10))
        self.assertEqual((greeting.contact_id, greeting.kind), (self.contact_a, 'personal'))
        self.Event._plan_relationship_events(D(2027, 9, 10))
        self.assertEqual(len(self._events(plan_item='birthday')), 1)

    def test_former_contact_and_tier_without_birthdays(self):
        self.contact_a.write({'birthday_month': 3, 'birthday_day': 10})
        cases = [('tier without birthday greetings', {'birthday_greeting': False}, {}),
                 ('contact who left', {}, {'is_former_contact': True})]
        for label, tier_vals, contact_vals in cases:
            with self.subTest(label), self.env.cr.savepoint() as savepoint:
                self.tier.write(tier_vals)
                self.contact_a.write(contact_vals)
                self.Event._plan_relationship_events(D(2026, 3, 1))
                self.assertFalse(self._events(plan_item='birthday'))
                savepoint.rollback()
        self.Event._plan_relationship_events(D(2026, 3, 1))
        self.assertEqual(self._events(plan_item='birthday').occasion_date, D(2026, 3, 10))

    def test_solar_birthday_and_anniversary(self):
        self.contact_a.write({'birthday_month': 2, 'birthday_day': 29})
        self.customer_a.founding_date = D(2001, 3, 5)
        self.Event._plan_relationship_events(D(2027, 2, 20))
        birthday = self._events(plan_item='birthday')
        self.assertEqual(birthday.occasion_date, D(2027, 2, 28))  # common year
        anniversary = self._events(plan_item='anniversary')
        self.assertEqual((anniversary.occasion_date, anniversary.date),
                         (D(2027, 3, 5), D(2027, 3, 2)))
        self.assertEqual(anniversary.kind, 'business')

    def test_planned_events_named_in_their_managers_language(self):
        """The planner runs as __system__ in English; each manager reads the names of his
        planned contacts and greetings in his own language."""
        self.env['res.lang']._activate_lang('zh_TW')
        self.manager_a.lang = 'zh_TW'
        self.manager_b.lang = 'en_US'
        self.customer_b.write({'customer_tier_id': self.tier.id})
        for contact in (self.contact_a, self.env['res.partner'].create({
                'name': 'Contact B', 'parent_id': self.customer_b.id, 'type': 'contact'})):
            contact.write({'birthday_month': 3, 'birthday_day': 10})
        self.Event.with_context(lang='en_US')._plan_relationship_events(D(2026, 3, 1))
        cases = [(self.customer_a, 'call', '業務電話: '),
                 (self.customer_a, 'birthday', '生日問候：'),
                 (self.customer_b, 'call', 'Business call: '),
                 (self.customer_b, 'birthday', 'Birthday greeting: ')]
        for partner, item, prefix in cases:
            with self.subTest(partner=partner.name, item=item):
                event = self._events(partner, plan_item=item)
                self.assertEqual(len(event), 1)
                self.assertTrue(event.name.startswith(prefix), event.name)

    def test_birthday_bad_input(self):
        cases = [
            ('30 February', {'birthday_month': 2, 'birthday_day': 30}, 'not a date'),
            ('month 13', {'birthday_month': 13, 'birthday_day': 1}, 'month must be'),
            ('lunar day 31', {'birthday_calendar': 'lunar', 'birthday_month': 1,
                              'birthday_day': 31}, 'lunar day'),
            ('born 1800', {'birthday_month': 1, 'birthday_day': 1, 'birth_year': 1800},
             'birth year'),
            ('year without day', {'birth_year': 1980}, 'needs the birthday'),
        ]
        for label, vals, message in cases:
            with self.subTest(label):
                with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                    self.contact_a.with_user(self.manager_a).write(vals)
                self.assertFalse(self.contact_a.birthday_month or self.contact_a.birth_year)

    def test_greeting_templates(self):
        template = self.env.ref('customer_maintenance.mail_template_relationship_greeting')
        event = self.Event.create({'name': 'Greeting', 'partner_id': self.customer_a.id,
                                   'contact_id': self.contact_a.id, 'channel': 'message',
                                   'festival_id': self.festival.id})
        body = template._render_field('body_html', event.ids)[event.id]
        subject = template._render_field('subject', event.ids)[event.id]
        self.assertIn('Test Eve', body)
        self.assertIn('Contact of A', body)
        self.assertIn('Test Eve', subject)
        for text in (body, subject):
            self.assertNotIn('${', text)
            self.assertNotIn('{{', text)
        self.assertIn('am_a@example.com',
                      template._render_field('email_from', event.ids)[event.id])
        action = event.action_send_greeting()
        self.assertEqual(action['context']['default_template_id'], template.id)
        self.contact_a.write({'birthday_month': 3, 'birthday_day': 10})
        self.customer_a.founding_date = D(2000, 3, 12)
        self.Event._plan_relationship_events(D(2026, 3, 1))
        for item, xmlid, name in (
                ('birthday', 'mail_template_relationship_birthday', 'Contact of A'),
                ('anniversary', 'mail_template_relationship_anniversary', 'Customer of A')):
            with self.subTest(item):
                greeting = self._events(plan_item=item)
                template = self.env.ref('customer_maintenance.' + xmlid)
                self.assertEqual(greeting.action_send_greeting()['context'][
                    'default_template_id'], template.id)
                body = template._render_field('body_html', greeting.ids)[greeting.id]
                self.assertIn(name, body)
                self.assertNotIn('${', body)

    def test_template_sender_without_email(self):
        """A manager without email address: the greeting goes out from the company."""
        self.manager_a.email = False
        self.env.company.email = 'office@company.example.com'
        template = self.env.ref('customer_maintenance.mail_template_relationship_birthday')
        event = self.Event.create({'name': 'Greeting', 'partner_id': self.customer_a.id,
                                   'contact_id': self.contact_a.id, 'channel': 'message'})
        self.assertIn('office@company.example.com',
                      template._render_field('email_from', event.ids)[event.id])
