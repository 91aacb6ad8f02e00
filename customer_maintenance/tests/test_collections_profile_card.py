# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Collections (收款) on the customer profile card: what is overdue and the calls with their
outcome, in the reader's language; another manager is refused the card (the card's readers:
tests/test_profile_card_readers.py)."""
import datetime

from odoo.exceptions import AccessError

from .profile_card_case import CARD_DAY, ProfileCardCase

DAY = datetime.date.fromisoformat(CARD_DAY)
D = datetime.timedelta


class TestCollectionsProfileCard(ProfileCardCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.customer_a, DAY - D(60), DAY - D(30), 1500.0)
        Event = cls.env['customer.relationship.event'].with_context(cm_today=DAY)
        Event.cron_plan_collection_calls()
        cls.call = Event.search([('partner_id', '=', cls.customer_a.id),
                                 ('kind', '=', 'collection')])
        cls.env['customer.relationship.event.done.wizard'].with_user(cls.manager_a).with_context(
            cm_today=DAY).create({
            'event_id': cls.call.id, 'outcome': 'Will pay next week', 'date': DAY,
            'collection_outcome': 'promise', 'promise_date': DAY + D(7),
            'promise_amount': 1500.0}).action_confirm()

    def test_card_shows_overdue_and_calls(self):
        card = self._values(self.customer_a, user=self.manager_a)['cards'][self.customer_a.id]
        self.assertEqual(card['collection_overdue'], 1500.0)
        self.assertEqual(len(card['collection_calls']), 1)
        self.assertEqual(card['collection_calls'][0]['outcome'], 'Promise to Pay')
        text = self._text(self._html(self.customer_a, user=self.manager_a))
        for expected in ('Collections', 'Overdue Receivables', '1,500.00', 'Promise to Pay',
                         '10/08/2026'):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        text_tw = self._text(self._html(self.customer_a, user=self.manager_a, lang='zh_TW'))
        for expected in ('收款', '逾期應收帳款', '承諾付款'):
            with self.subTest(expected=expected):
                self.assertIn(expected, text_tw)

    def test_other_manager_prints_no_calls(self):
        with self.assertRaises(AccessError):
            self._values(self.customer_a, user=self.manager_b)
