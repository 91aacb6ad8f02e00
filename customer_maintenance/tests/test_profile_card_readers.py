# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What a reader of the profile card may see (issue 20 §3, report/customer_profile_card.py):
the customer's account manager, its customer team and the supervisors print the card; a
section whose records the reader's rights hide says so instead of "No orders."; anyone else is
refused with a message that says whom to ask."""
from odoo import Command
from odoo.exceptions import AccessError

from .profile_card_case import ProfileCardCase

NOTE = "Your access rights hide some or all of this customer's orders: this list is not complete."
NOTE_ZH_TW = '您的存取權限隱藏了此客戶的部分或全部訂單：此清單並不完整。'


class TestProfileCardReaders(ProfileCardCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.manager_c = Users.create({
            'name': 'Account Manager C', 'login': 'cm_test_am_c_card',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        cls.portal = Users.create({
            'name': 'Portal Reader', 'login': 'cm_test_portal_card',
            'groups_id': [Command.set([cls.env.ref('base.group_portal').id])]})
        # B sits in the team of A's customer; the customer ordered from A and from the
        # supervisor (another salesperson): A's own-documents right hides the second order
        cls.customer_a.customer_team_ids = [Command.link(cls.manager_b.id)]
        cls.order_a = cls._confirmed_order(cls.customer_a, '2026-09-01',
                                           [(cls.product, 2, 100.0)])
        cls.order_other = cls._confirmed_order(cls.customer_a, '2026-09-02',
                                               [(cls.product, 1, 100.0)])
        cls.order_other.user_id = cls.supervisor
        cls.env['customer.relationship.event'].create({
            'name': 'Visit in September', 'partner_id': cls.customer_a.id,
            'user_id': cls.manager_a.id, 'date': '2026-09-10', 'state': 'done'})

    def _card(self, user, partner=None):
        partner = partner or self.customer_a
        return self._values(partner, user=user)['cards'][partner.id]

    def test_outsiders_are_refused(self):
        with self.assertRaisesRegex(AccessError, 'Customer of A: ask their account manager '
                                                 'or a supervisor'):
            self._values(self.customer_a, user=self.manager_c)
        for role, user in (('other account manager', self.manager_c),
                           ('portal', self.portal)):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._html(self.customer_a, user=user)
            # the button refuses before the print
            with self.subTest(role=role, button=True), self.assertRaises(AccessError):
                self.customer_a.with_user(user).action_print_profile_card()
        for user in (self.manager_a, self.manager_b, self.supervisor):
            with self.subTest(button=user.name):
                action = self.customer_a.with_user(user).action_print_profile_card()
                self.assertEqual(action['report_name'],
                                 'customer_maintenance.report_profile_card')
        # a selection with one customer not his: the whole print is refused, naming it
        with self.assertRaisesRegex(AccessError, r'\. Customer of B: ask'):
            self._values(self.customer_a | self.customer_b, user=self.manager_a)
        # a contact person's card is its company's, with its company's readers
        self.assertTrue(self._card(self.manager_b, self.contact_a)['events'])

    def test_each_reader_reads_what_is_hidden(self):
        # role: (orders listed, orders note)
        cases = [('own account manager', self.manager_a, self.order_a, True),
                 ('team member', self.manager_b, self.env['sale.order'], True),
                 ('supervisor', self.supervisor, self.order_a | self.order_other, False),
                 ('admin', self.admin, self.order_a | self.order_other, False)]
        for role, user, orders, hidden in cases:
            with self.subTest(role=role):
                card = self._card(user)
                self.assertEqual(set(card['orders'].ids), set(orders.ids))
                self.assertEqual(card['hidden'].get('orders'), NOTE if hidden else None)
                # the events of the customer are the team's: nothing hidden
                self.assertEqual([e['name'] for e in card['events']], ['Visit in September'])
                self.assertNotIn('events', card['hidden'])
                # the sales figures count both orders, whoever reads
                self.assertEqual(card['sales']['last_12'], 300.0)
                text = self._text(self._html(self.customer_a, user=user))
                self.assertEqual(NOTE in text, hidden)
                self.assertNotIn('No orders.', text)
                self.assertNotIn('No relationship events in the last 6 months.', text)

    def test_note_in_the_readers_language(self):
        text = self._text(self._html(self.customer_a, user=self.manager_b, lang='zh_TW'))
        self.assertIn(self._norm(NOTE_ZH_TW), text)
        self.assertNotIn(NOTE, text)

    def test_nothing_to_hide_nothing_said(self):
        card = self._card(self.manager_b, self.customer_b.copy({'user_id': self.manager_b.id}))
        self.assertEqual(card['hidden'], {})
        self.assertFalse(card['orders'])
