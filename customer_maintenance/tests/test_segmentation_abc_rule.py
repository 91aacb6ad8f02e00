# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The ABC rule and the loyalty/credit proposals in pure Python (services/, no database)."""
from odoo.tests import BaseCase, tagged

from ..services.abc import check_thresholds, classify, classify_companies
from ..services.segmentation_rules import propose_credit, propose_loyalty


@tagged('post_install', '-at_install')
class TestSegmentationAbcRule(BaseCase):

    def classes(self, sales, a=80.0, b=95.0):
        return {pid: res.abc_class for pid, res in classify(sales, a, b).items()}

    def test_boundaries_exactly_at_thresholds(self):
        # before 1: 0% -> A; before 2: exactly 80% -> not below A -> B; before 3: exactly 95% -> C
        result = classify([(1, 80.0), (2, 15.0), (3, 5.0)])
        self.assertEqual([result[i].abc_class for i in (1, 2, 3)], ['A', 'B', 'C'])
        self.assertEqual([result[i].rank for i in (1, 2, 3)], [1, 2, 3])
        self.assertEqual([result[i].share for i in (1, 2, 3)], [80.0, 95.0, 100.0])

    def test_table(self):
        cases = [
            ('just below a threshold stays in class', [(1, 79.0), (2, 16.0), (3, 5.0)],
             {1: 'A', 2: 'A', 3: 'C'}),
            ('ties: lower partner id first', [(7, 50.0), (3, 50.0)], {3: 'A', 7: 'A'}),
            ('one customer is A', [(5, 12.5)], {5: 'A'}),
            ('empty period', [], {}),
            ('zero and negative are C', [(1, 100.0), (2, 0.0), (3, -20.0)],
             {1: 'A', 2: 'C', 3: 'C'}),
            ('nothing positive: all C', [(1, 0.0), (2, -5.0)], {1: 'C', 2: 'C'}),
        ]
        for label, sales, expected in cases:
            with self.subTest(label):
                self.assertEqual(self.classes(sales), expected)
        result = classify([(7, 50.0), (3, 50.0)])
        self.assertEqual((result[3].rank, result[7].rank), (1, 2))

    def test_a_holds_at_least_threshold(self):
        sales = [(i, float(100 - i)) for i in range(1, 50)]
        result = classify(sales)
        total = sum(amount for _i, amount in sales)
        a_sales = sum(amount for i, amount in sales if result[i].abc_class == 'A')
        self.assertGreaterEqual(a_sales * 100, 80 * total)

    def test_companies_rank_apart_and_shared_customer_keeps_best(self):
        rows = [(1, 10, 900.0), (1, 11, 100.0), (2, 11, 50.0), (2, 12, 10.0)]
        result = classify_companies(rows)
        self.assertEqual({pid: (company, res.abc_class, res.rank)
                          for pid, (company, res) in result.items()},
                         {10: (1, 'A', 1), 11: (2, 'A', 1), 12: (2, 'B', 2)})

    def test_bad_thresholds(self):
        for a, b in ((0, 95), (80, 80), (95, 80), (80, 100), (-1, 50), ('x', 90), (None, 90)):
            with self.subTest(a=a, b=b):
                self.assertTrue(check_thresholds(a, b))
                with self.assertRaises(ValueError):
                    classify([(1, 1.0)], a, b)
        self.assertIsNone(check_thresholds(80, 95))

    def test_loyalty_proposal(self):
        cases = [((8, 12, 0), 'loyal'), ((6, 12, 2), 'loyal'), ((8, 12, 5), 'switcher'),
                 ((3, 12, 0), 'switcher'), ((2, 12, 0), 'none'), ((0, 12, None), None),
                 ((3, 0, 0), None)]
        for args, expected in cases:
            with self.subTest(args=args):
                self.assertEqual(propose_loyalty(*args), expected)

    def test_credit_proposal(self):
        cases = [((1000, 0), 'AAA'), ((1000, 50), 'AA'), ((1000, 150), 'A'), ((1000, 300), 'B'),
                 ((1000, 301), 'C'), ((0, 0), None), ((-10, 0), None), ((1000, -5), 'AAA')]
        for args, expected in cases:
            with self.subTest(args=args):
                self.assertEqual(propose_credit(*args), expected)
