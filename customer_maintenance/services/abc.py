# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The ABC / Pareto rule (80/20, 大客戶), in pure Python.

This is the reference of the rule that `queries/abc_classification.py` applies in one SQL
statement; `tests/test_segmentation_abc_oracle.py` checks both against each other on generated
histories (several companies and currencies).

Customers are sorted by sales descending (ties: lower partner id first). A customer is **A**
when the share of sales of all customers ranked before it is below the A threshold, **B** when
that share is below the B threshold, otherwise **C**; so class A holds at least A% of sales.
Customers whose sales are zero or negative are ranked last and classed C (they bought, but
bring nothing); when no customer has positive sales, every customer is C.

Each company ranks its own customers. A customer shared by several companies (a partner
without company) is ranked in each; it keeps its best class (then its largest sales).
"""
from collections import namedtuple

AbcResult = namedtuple('AbcResult', 'abc_class rank share amount')

DEFAULT_THRESHOLD_A = 80.0
DEFAULT_THRESHOLD_B = 95.0


def check_thresholds(threshold_a, threshold_b):
    """Return an error code when the thresholds are unusable (0 < A < B < 100), else None."""
    try:
        threshold_a, threshold_b = float(threshold_a), float(threshold_b)
    except (TypeError, ValueError):
        return 'not_numbers'
    if not 0 < threshold_a < threshold_b < 100:
        return 'out_of_range'
    return None


def classify(sales, threshold_a=DEFAULT_THRESHOLD_A, threshold_b=DEFAULT_THRESHOLD_B):
    """Classify the customers of one company.

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


def classify_companies(rows, threshold_a=DEFAULT_THRESHOLD_A, threshold_b=DEFAULT_THRESHOLD_B):
    """Classify per company, then keep one result per customer.

    :param rows: iterable of (company_key, partner_id, amount); one entry per company and
        customer
    :return: {partner_id: (company_key, AbcResult)}: the customer's best class over its
        companies, ties broken by the larger amount
    """
    by_company = {}
    for company_key, partner_id, amount in rows:
        by_company.setdefault(company_key, []).append((partner_id, amount))
    best = {}
    for company_key, sales in by_company.items():
        for partner_id, res in classify(sales, threshold_a, threshold_b).items():
            current = best.get(partner_id)
            if current is None or (res.abc_class, -res.amount) < (current[1].abc_class,
                                                                     -current[1].amount):
                best[partner_id] = (company_key, res)
    return best
