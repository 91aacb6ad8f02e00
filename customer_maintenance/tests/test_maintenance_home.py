# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""My Maintenance (the account manager's home): the cards of the capabilities on main."""
from odoo.exceptions import AccessError

from .common import CustomerMaintenanceCase

TODAY = '2026-03-04'  # a Wednesday


class TestMaintenanceHome(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env['res.partner']
        Claim = cls.env['customer.prospect.claim']
        prospects = Partner.create([{'name': 'Prospect %d' % i, 'is_company': True}
                                    for i in range(5)])

        def claim(prospect, user, expiry, **vals):
            return Claim.create(dict(vals, partner_id=prospect.id, user_id=user.id,
                                     date_claim='2026-01-10', date_expiry=expiry))
        cls.soon = claim(prospects[0], cls.manager_a, '2026-03-07')
        cls.late = claim(prospects[1], cls.manager_a, '2026-03-02')  # not expired by the cron yet
        claim(prospects[2], cls.manager_a, '2026-03-20')  # not within 7 days
        claim(prospects[3], cls.manager_a, '2026-03-05', state='released')
        cls.other = claim(prospects[4], cls.manager_b, '2026-03-06')
        # relationship: A's planned contacts around Wednesday 2026-03-04
        Event = cls.env['customer.relationship.event']

        def event(name, day, user=cls.manager_a, **vals):
            partner = cls.customer_a if user == cls.manager_a else cls.customer_b
            return Event.create(dict(vals, name=name, partner_id=partner.id, user_id=user.id,
                                     date=day))
        cls.today_call = event('Call today', TODAY)
        cls.sunday_visit = event('Visit Sunday', '2026-03-08', channel='visit')
        cls.overdue_call = event('Call overdue', '2026-03-01')
        event('Call next week', '2026-03-09')
        event('Call done', '2026-03-05', state='done')
        event('Call of B', TODAY, user=cls.manager_b)
        cls.birthday = event('Birthday', '2026-03-15', channel='message', plan_item='birthday')
        event('Festival far', '2026-03-25', channel='message', plan_item='festival')
        cls.Home = cls.env['customer.maintenance.home']

    def _cards(self, user):
        cards = self.Home.with_user(user).with_context(cm_today=TODAY).search([])
        return {card.code: card for card in cards}

    def test_cards_count_the_managers_work(self):
        cases = [
            # user, {code: (count, overdue)}
            (self.manager_a, {'claims': (2, 1), 'contacts': (3, 1), 'greetings': (1, 0)}),
            (self.manager_b, {'claims': (1, 0), 'contacts': (1, 0), 'greetings': (0, 0)}),
            (self.supervisor, {'claims': (0, 0), 'contacts': (0, 0), 'greetings': (0, 0)}),
            (self.admin, {'claims': (0, 0), 'contacts': (0, 0), 'greetings': (0, 0)}),
        ]
        for user, expected in cases:
            with self.subTest(user.name):
                cards = self._cards(user)
                # the cards of this test's records; the consumption cards have their own tests
                self.assertLessEqual(set(expected), set(cards))
                self.assertEqual({code: (cards[code].item_count, cards[code].overdue_count)
                                  for code in expected}, expected)

    def test_counts_follow_the_day(self):
        card = self.Home.with_user(self.manager_a).search([('code', '=', 'claims')])
        self.assertEqual(card.with_context(cm_today='2026-02-01').item_count, 0)
        self.assertEqual(card.with_context(cm_today='2026-03-10').item_count, 2)
        self.assertEqual(card.with_context(cm_today='2026-03-10').overdue_count, 2)

    def test_open_card_shows_what_it_counts(self):
        card = self._cards(self.manager_a)['claims']
        action = card.action_open()
        self.assertEqual(action['res_model'], 'customer.prospect.claim')
        self.assertEqual(action['name'], 'Claims Expiring')
        records = self.env[action['res_model']].with_user(self.manager_a).search(action['domain'])
        self.assertEqual(records, self.soon | self.late)

    def test_open_contact_cards(self):
        cards = self._cards(self.manager_a)
        my_list = self.env.ref('customer_maintenance.customer_relationship_event_view_list_my')
        for code, expected in (('contacts', self.today_call | self.sunday_visit
                                | self.overdue_call),
                               ('greetings', self.birthday)):
            with self.subTest(code):
                action = cards[code].with_context(cm_today=TODAY).action_open()
                self.assertEqual(action['res_model'], 'customer.relationship.event')
                self.assertEqual(action['views'][0], (my_list.id, 'list'))
                records = self.env['customer.relationship.event'].with_user(
                    self.manager_a).search(action['domain'])
                self.assertEqual(records, expected)

    def test_my_contacts_entry(self):
        menu = self.env.ref('customer_maintenance.customer_maintenance_home_menu_contacts')
        self.assertEqual(menu.parent_id,
                         self.env.ref('customer_maintenance.menu_my_maintenance'))
        self.assertEqual(menu.action,
                         self.env.ref('customer_maintenance.customer_relationship_event_action_my'))
        self.assertTrue(self.env['ir.ui.menu'].with_user(self.manager_a).search(
            [('id', '=', menu.id)]))

    def test_only_supervisors_rename_cards(self):
        card = self._cards(self.manager_a)['claims']
        with self.assertRaises(AccessError):
            card.write({'name': 'Mine'})
        with self.assertRaises(AccessError):
            self.Home.with_user(self.manager_a).create({'name': 'New', 'code': 'claims'})
        for user in (self.supervisor, self.admin):
            with self.subTest(user.name):
                self._cards(user)['claims'].write({'name': 'Claims to renew'})
                self.assertEqual(card.name, 'Claims to renew')

    def test_menu_for_account_managers(self):
        menu = self.env.ref('customer_maintenance.customer_maintenance_home_menu')
        for user, visible in ((self.manager_a, True), (self.supervisor, True)):
            with self.subTest(user.name):
                found = self.env['ir.ui.menu'].with_user(user).search([('id', '=', menu.id)])
                self.assertEqual(bool(found), visible)
