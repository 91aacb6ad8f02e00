# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The ABC / Pareto rule (80/20, 大客戶), in pure Python.

This is the reference of the rule that `res.partner.cron_classify_customers` applies in one
SQL statement; the tests check both against each other.

Customers are sorted by sales descending (ties: lower partner id first). A customer is **A**
when the share of sales of all customers ranked before it is below the A threshold, **B** when
that share is below the B threshold, otherwise **C**; so class A holds at least A% of sales.
Customers whose sales are zero or negative are ranked last and classed C (they bought, but
bring nothing); when no customer has positive sales, every customer is C.
"""
from collections import namedtuple

AbcResult = namedtuple('AbcResult', 'abc_class rank share amount')

DEFAULT_THRESHOLD_A = 80.0
DEFAULT_THRESHOLD_B = 95.0


def check_thresholds(threshold_a, threshold_b):
    """Return an error message when the thresholds are unusable (0 < A < B < 100), else None."""
    try:
        threshold_a, threshold_b = float(threshold_a), float(threshold_b)
    except (TypeError, ValueError):
        return 'not_numbers'
    if not 0 < threshold_a < threshold_b < 100:
        return 'out_of_range'
    return None


def classify(sales, threshold_a=DEFAULT_THRESHOLD_A, threshold_b=DEFAULT_THRESHOLD_B):
    """Classify customers.

    :param sales: iterable of (partner_id, amount); one entry per customer
    :return: {partner_id: AbcResult(abc_class, rank, share, amount)}; `share` is the
        cumulative share (in %) of sales up to and including the customer
    """
    if check_thresholds(threshold_a, threshold_b):
        raise ValueError('ABC thresholds must satisfy 0 < A < B < 100, got %r and %r'
                         % (threshold_a, threshold_b))
    ordered = sorted(sales, key=lambda item: (-item[1], item[0]))
    total = sum(amount for _partner, amount in ordered if amount > 0)
    result = {}
    before = 0.0
    for rank, (partner_id, amount) in enumerate(ordered, start=1):
        if amount <= 0 or total <= 0:
            result[partner_id] = AbcResult('C', rank, 100.0, amount)
            continue
        # compare products, not quotients: exactly at the threshold is not "below" it
        if before * 100.0 < threshold_a * total:
            abc_class = 'A'
        elif before * 100.0 < threshold_b * total:
            abc_class = 'B'
        else:
            abc_class = 'C'
        before += amount
        result[partner_id] = AbcResult(abc_class, rank, round(before * 100.0 / total, 2), amount)
    return result
