# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""RFM segments (recency, frequency, monetary value), in pure Python.

The reference of the rule `queries/rfm_segmentation.py` applies in one SQL statement;
`tests/test_rfm_oracle.py` checks both against each other on generated histories.

Over the ABC period, per customer and company: recency = the day of its last confirmed
order, frequency = its number of orders, monetary = its untaxed sales in the company
currency. Each is scored 1-5 in quintiles within the company: score = 1 + floor(5 × (rank -
1) / n), rank counted from the lowest value (oldest last order, fewest orders, smallest
sales) with ties sharing the lowest rank, so equal values get equal scores. A customer of no
company is scored in each company it bought from and keeps the company where it bought most
(then the lower company key).

The segment follows from the scores, first rule that matches (R, F, M):
champions R≥4 F≥4 M≥4 · loyal R≥3 F≥3 · can't lose R≤2 F≥4 · at risk R≤2 and (F=3 or M≥4)
· new R≥4 F=1 · potential R≥3 · hibernating R=2 · lost R=1.
"""
SEGMENTS = ('champions', 'loyal', 'cant_lose', 'at_risk', 'new', 'potential', 'hibernating',
            'lost')
QUINTILES = 5
# the segments of customers slipping away: a move into one of them is a warning
SLIPPING = ('at_risk', 'cant_lose', 'hibernating', 'lost')


def scores(values):
    """{key: value} → {key: 1..5}, quintiles by rank from the lowest value (ties share)."""
    ordered = sorted(values.values())
    count = len(ordered)
    first = {}
    for index, value in enumerate(ordered):
        first.setdefault(value, index + 1)
    return {key: 1 + (QUINTILES * (first[value] - 1)) // count for key, value in values.items()}


def segment(recency, frequency, monetary):
    """The named segment of scores (R, F, M), each 1..5."""
    if recency >= 4 and frequency >= 4 and monetary >= 4:
        return 'champions'
    if recency >= 3 and frequency >= 3:
        return 'loyal'
    if recency <= 2 and frequency >= 4:
        return 'cant_lose'
    if recency <= 2 and (frequency == 3 or monetary >= 4):
        return 'at_risk'
    if recency >= 4 and frequency == 1:
        return 'new'
    if recency >= 3:
        return 'potential'
    return 'hibernating' if recency == 2 else 'lost'


def segment_companies(rows):
    """rows: (company_key, partner_id, last_day, order_count, amount), one per company and
    customer → {partner_id: (company_key, R, F, M, segment)}."""
    by_company = {}
    for company_key, partner_id, last_day, count, amount in rows:
        by_company.setdefault(company_key, {})[partner_id] = (last_day, count, amount)
    best = {}
    for company_key, customers in by_company.items():
        r = scores({p: v[0] for p, v in customers.items()})
        f = scores({p: v[1] for p, v in customers.items()})
        m = scores({p: v[2] for p, v in customers.items()})
        for partner_id, (_last, _count, amount) in customers.items():
            current = best.get(partner_id)
            if current is None or (-amount, company_key) < (-current[0], current[1][0]):
                best[partner_id] = (amount, (company_key, r[partner_id], f[partner_id],
                                             m[partner_id], segment(r[partner_id],
                                                                    f[partner_id],
                                                                    m[partner_id])))
    return {partner_id: value for partner_id, (_amount, value) in best.items()}
