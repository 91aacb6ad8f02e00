# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Credit rating (信用等級) from real posted customer invoices (account.move): the proposal,
the nightly cron, ratings set by hand."""
import datetime

from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 6, 30)
D = datetime.timedelta


class TestSegmentationCredit(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.good, cls.late, cls.bad, cls.old = cls.Partner.create([
            {'name': 'Pays on time', 'is_company': True},
            {'name': 'Pays a little late', 'is_company': True},
            {'name': 'Pays very late', 'is_company': True},
            {'name': 'Invoiced long ago', 'is_company': True}])
        cls.buyer = cls.Partner.create({'name': 'Late buyer', 'parent_id': cls.late.id})
        # good: 2 x 1000 paid; late: 900 paid + 100 overdue (10% -> A) by its contact;
        # bad: 1000 overdue of 1000 (C), plus a draft and a credit note that do not count
        cls.invoice(cls.good, TODAY - D(100), TODAY - D(70), 1000.0, paid=True)
        cls.invoice(cls.good, TODAY - D(10), TODAY + D(20), 1000.0)  # not due yet
        cls.invoice(cls.late, TODAY - D(200), TODAY - D(170), 900.0, paid=True)
        cls.invoice(cls.buyer, TODAY - D(60), TODAY - D(30), 100.0)
        cls.invoice(cls.bad, TODAY - D(90), TODAY - D(60), 1000.0)
        cls.invoice(cls.bad, TODAY - D(20), TODAY - D(10), 5000.0, post=False)
        cls.invoice(cls.bad, TODAY - D(20), TODAY - D(10), 500.0, move_type='out_refund')
        # older than 12 months: ignored
        cls.invoice(cls.old, TODAY - D(400), TODAY - D(370), 1000.0)

    @classmethod
    def invoice(cls, partner, date, due, amount, paid=False, post=True, move_type='out_invoice'):
        move = cls._invoice(partner, date, due, amount, post=post, move_type=move_type)
        if paid:
            cls._pay(move, due)
        return move

    def test_stats_from_posted_invoices(self):
        stats = self.Partner._credit_stats(TODAY, (self.good | self.late | self.bad | self.old).ids)
        self.assertEqual(stats[self.good.id], (2000.0, 0.0))
        self.assertEqual(stats[self.late.id], (1000.0, 100.0))
        self.assertEqual(stats[self.bad.id], (1000.0, 1000.0))
        self.assertNotIn(self.old.id, stats)

    def test_proposal(self):
        cases = [(self.good, 'AAA'), (self.late, 'A'), (self.buyer, 'A'), (self.bad, 'C'),
                 (self.old, False), (self.customer_a, False)]
        for partner, expected in cases:
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.with_context(cm_today=TODAY).credit_rating_proposed,
                                 expected)
        # the overdue residual is judged on the day: before the due date nothing is late
        self.assertEqual(self.bad.with_context(
            cm_today=TODAY - D(61)).credit_rating_proposed, 'AAA')

    def test_cron_sets_ratings_except_by_hand(self):
        self.late.with_user(self.manager_a).write({'credit_rating': 'AAA'})  # by hand
        self.assertTrue(self.late.credit_rating_override)
        updated = self.Partner.cron_update_credit_ratings(today=TODAY)
        self.assertGreaterEqual(updated, 2)
        cases = [(self.good, 'AAA'), (self.bad, 'C'), (self.late, 'AAA'), (self.buyer, 'AAA'),
                 (self.old, False)]
        for partner, expected in cases:
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.credit_rating, expected)
        self.assertEqual(self.Partner.cron_update_credit_ratings(today=TODAY), 0,
                         'a second run changes nothing')
        # the supervisor gives the rating back to the proposal
        self.late.with_user(self.supervisor).write({'credit_rating_override': False})
        self.Partner.cron_update_credit_ratings(today=TODAY)
        self.assertEqual((self.late.credit_rating, self.buyer.credit_rating), ('A', 'A'))

    def test_low_credit_filter(self):
        self.Partner.cron_update_credit_ratings(today=TODAY)
        low = self.Partner.search([('credit_rating', 'in', ('B', 'C'))])
        self.assertIn(self.bad, low)
        self.assertNotIn(self.good, low)
