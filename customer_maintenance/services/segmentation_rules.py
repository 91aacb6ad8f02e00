# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Proposals for loyalty attitude and credit rating, in pure Python (no ORM)."""

LOYALTY_LOYAL_MONTH_SHARE = 0.5
LOYALTY_SWITCHER_MONTH_SHARE = 0.25
CREDIT_SCALE = ('AAA', 'AA', 'A', 'B', 'C')
# highest overdue ratio (overdue open amount / invoiced amount) still earning the rating
CREDIT_LIMITS = ((0.0, 'AAA'), (0.05, 'AA'), (0.15, 'A'), (0.30, 'B'))


def propose_loyalty(months_with_orders, period_months, months_since_last_order):
    """Loyalty attitude (忠誠客戶 / 品牌轉移 / 無品牌忠誠) proposed from buying behaviour.

    - 'loyal': ordered in at least half of the months of the period and in the last 3 months;
    - 'switcher': ordered in at least a quarter of the months (buys from us, and elsewhere);
    - 'none': orders seldom or stopped (no brand loyalty: buys where it is cheapest);
    - None: no order in the period (nothing to judge).
    """
    if not months_with_orders or not period_months or period_months <= 0:
        return None
    share = float(months_with_orders) / period_months
    recent = months_since_last_order is not None and months_since_last_order < 3
    if share >= LOYALTY_LOYAL_MONTH_SHARE and recent:
        return 'loyal'
    if share >= LOYALTY_SWITCHER_MONTH_SHARE:
        return 'switcher'
    return 'none'


def propose_credit(invoiced, overdue):
    """Credit rating (信用等級) proposed from the overdue ratio of the customer's invoices.

    `invoiced`: amount of posted customer invoices; `overdue`: their residual past due date.
    None when there is nothing invoiced.
    """
    if not invoiced or invoiced <= 0:
        return None
    ratio = max(0.0, float(overdue or 0.0)) / float(invoiced)
    for limit, rating in CREDIT_LIMITS:
        if ratio <= limit:
            return rating
    return 'C'
