# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The ABC rule and the loyalty/credit proposals in pure Python (no database)."""
import unittest

from ..services.abc import check_thresholds, classify
from ..services.segmentation_rules import propose_credit, propose_loyalty


class TestSegmentationAbcRule(unittest.TestCase):

    def classes(self, sales, a=80.0, b=95.0):
        return {pid: res.abc_class for pid, res in classify(sales, a, b).items()}

    def test_boundaries_exactly_at_thresholds(self):
        # before 1: 0% -> A; before 2: exactly 80% -> not below A -> B; before 3: exactly 95% -> C
        result = classify([(1, 80.0), (2, 15.0), (3, 5.0)])
        self.assertEqual([result[i].abc_class for i in (1, 2, 3)], ['A', 'B', 'C'])
        self.assertEqual([result[i].rank for i in (1, 2, 3)], [1, 2, 3])
        self.assertEqual([result[i].share for i in (1, 2, 3)], [80.0, 95.0, 100.0])

    def test_just_below_threshold_stays_in_class(self):
        result = self.classes([(1, 79.0), (2, 16.0), (3, 5.0)])
        # before 2 = 79% < 80% -> A; before 3 = 95% -> C
        self.assertEqual(result, {1: 'A', 2: 'A', 3: 'C'})

    def test_a_holds_at_least_threshold(self):
        sales = [(i, float(100 - i)) for i in range(1, 50)]
        result = classify(sales)
        total = sum(amount for _i, amount in sales)
        a_sales = sum(amount for i, amount in sales if result[i].abc_class == 'A')
        self.assertGreaterEqual(a_sales * 100, 80 * total)

    def test_ties_lower_partner_id_first(self):
        result = classify([(7, 50.0), (3, 50.0)])
        self.assertEqual(result[3].rank, 1)
        self.assertEqual(result[7].rank, 2)
        self.assertEqual(result[3].abc_class, 'A')
        # before 7: 50% < 80% -> A as well
        self.assertEqual(result[7].abc_class, 'A')

    def test_one_customer_is_a(self):
        result = classify([(5, 12.5)])
        self.assertEqual(result[5].abc_class, 'A')
        self.assertEqual(result[5].share, 100.0)

    def test_empty_period(self):
        self.assertEqual(classify([]), {})

    def test_zero_and_negative_totals(self):
        result = self.classes([(1, 100.0), (2, 0.0), (3, -20.0)])
        self.assertEqual(result, {1: 'A', 2: 'C', 3: 'C'})
        # nothing positive at all: everybody is C
        self.assertEqual(self.classes([(1, 0.0), (2, -5.0)]), {1: 'C', 2: 'C'})

    def test_bad_thresholds(self):
        for a, b in ((0, 95), (80, 80), (95, 80), (80, 100), (-1, 50), ('x', 90)):
            self.assertTrue(check_thresholds(a, b), (a, b))
            with self.assertRaises(ValueError):
                classify([(1, 1.0)], a, b)
        self.assertIsNone(check_thresholds(80, 95))

    def test_loyalty_proposal(self):
        self.assertEqual(propose_loyalty(8, 12, 0), 'loyal')
        self.assertEqual(propose_loyalty(6, 12, 2), 'loyal')
        self.assertEqual(propose_loyalty(8, 12, 5), 'switcher')  # stopped lately
        self.assertEqual(propose_loyalty(3, 12, 0), 'switcher')
        self.assertEqual(propose_loyalty(2, 12, 0), 'none')
        self.assertIsNone(propose_loyalty(0, 12, None))

    def test_credit_proposal(self):
        self.assertEqual(propose_credit(1000, 0), 'AAA')
        self.assertEqual(propose_credit(1000, 50), 'AA')
        self.assertEqual(propose_credit(1000, 150), 'A')
        self.assertEqual(propose_credit(1000, 300), 'B')
        self.assertEqual(propose_credit(1000, 301), 'C')
        self.assertIsNone(propose_credit(0, 0))
