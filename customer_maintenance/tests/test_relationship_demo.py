# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The demo's relationship data as installed: history, gifts, hobbies, birthdays, and a first
night whose planned contacts do not pile up on the install day or on weekends."""
from collections import Counter

from .common import CustomerMaintenanceCase


class TestRelationshipDemo(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        cls.customers = cls.env['res.partner'].search(
            [('ref', '=like', 'CM%'), ('is_company', '=', True)])
        cls.planned = cls.Event.search([('partner_id', 'in', cls.customers.ids),
                                        ('state', '=', 'planned')])
        cls.by_planner = cls.planned.filtered('plan_item')
        cls.install_day = min(cls.by_planner.mapped('create_date')).date()

    def test_history_and_care_data(self):
        done = self.Event.search([('partner_id', 'in', self.customers.ids),
                                  ('state', '=', 'done')])
        self.assertGreater(len(done), 60)
        self.assertTrue(all(done.mapped('outcome')))
        self.assertTrue(done.filtered('gift_id'))
        self.assertGreater(sum(done.mapped('cost')), 0)
        self.assertGreaterEqual(len(set(done.mapped('kind'))), 3)
        contacts = self.customers.child_ids
        self.assertTrue(contacts.filtered(lambda c: c.birthday_calendar == 'lunar'
                                          and c.birthday_month))
        self.assertTrue(contacts.filtered('hobby_ids'))
        self.assertTrue(contacts.filtered('contact_preferences'))
        self.assertTrue(self.env['customer.gift'].search([]).filtered('story'))

    def test_first_night_levelled(self):
        chen = self.env.ref('customer_maintenance.user_am_chen')
        self.assertTrue(self.by_planner)
        for user in self.by_planner.user_id:
            mine = self.by_planner.filtered(lambda e: e.user_id == user)
            with self.subTest(user=user.login):
                on_install_day = mine.filtered(lambda e: e.date == self.install_day)
                # 11.0 dated 35 of chen's 43 planned contacts the install day
                self.assertLessEqual(len(on_install_day), max(3, len(mine) // 3),
                                     '%d of %d on the install day' % (
                                         len(on_install_day), len(mine)))
                calls = Counter(e.date for e in mine if e.channel in ('call', 'care_call'))
                self.assertLessEqual(max(calls.values(), default=0), 20)
        chen_planned = self.by_planner.filtered(lambda e: e.user_id == chen)
        self.assertGreater(len(chen_planned), 10)
        weekend = self.planned.filtered(lambda e: e.date.weekday() >= 5)
        self.assertFalse(weekend, weekend.mapped(lambda e: (e.name, str(e.date))))
        # overdue contacts to work, in red in My Contacts
        self.assertTrue(self.planned.filtered(lambda e: e.date < self.install_day))
        self.assertTrue(self.by_planner.activity_ids)

    def test_wang_works_his_day(self):
        """The demo manager without an email address closes one of his planned contacts."""
        wang = self.env.ref('customer_maintenance.user_am_wang')
        self.assertFalse(wang.email)
        event = self.planned.filtered(lambda e: e.user_id == wang)[:1]
        self.assertTrue(event)
        self.env['customer.relationship.event.done.wizard'].with_user(wang).create(
            {'event_id': event.id, 'outcome': 'Called, all fine.'}).action_confirm()
        self.assertEqual(event.state, 'done')
