# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The customer health score (0-100) and its reasons, in pure Python.

The reference of the formula `queries/customer_health.py` applies in one SQL statement;
`tests/test_customer_health.py` checks both against each other on generated histories.

Each factor loses a share (0 to 1) of its weight; the weights add up to 100; the score is 100
minus the points lost, rounded (half to even, as PostgreSQL's round of a float):
- recency: of the customer's cycles with a due date, the lapsed ones count whole and the
  overdue (not lapsed) ones half: share = (lapsed + overdue / 2) / cycles;
- trend: sales of the last 6 months against the 6 before: share = the drop, (before -
  recent) / before, kept within 0..1 (no sales before: nothing lost);
- contacts: the contacts the tier's policy planned over the last 90 days: share = those still
  open (overdue) / those not cancelled;
- receivables: posted customer invoices: share = the residual past due / all the residual;
- anomalies: share = the cycles (with a due date) with a consumption anomaly / those cycles.
Labels: healthy from HEALTHY_MIN, watch from WATCH_MIN, at risk below.
"""
FACTORS = ('recency', 'trend', 'contacts', 'receivables', 'anomalies')
DEFAULT_WEIGHTS = {'recency': 35, 'trend': 25, 'contacts': 15, 'receivables': 15,
                   'anomalies': 10}
HEALTHY_MIN = 75
WATCH_MIN = 50
TREND_MONTHS = 6
CONTACT_DAYS = 90


def check_weights(weights):
    """An error code when the weights are unusable (whole numbers >= 0 adding up to 100)."""
    values = [weights.get(factor) for factor in FACTORS]
    if any(not isinstance(value, int) or isinstance(value, bool) or value < 0
           for value in values):
        return 'not_whole'
    if sum(values) != 100:
        return 'not_100'
    return None


def ratio(part, whole):
    """part / whole within 0..1, 0 when there is no whole."""
    if not whole or whole <= 0:
        return 0.0
    return min(1.0, max(0.0, float(part) / float(whole)))


def shares(figures):
    """figures: dict with cycles, lapsed, overdue, anomalies, recent, before, contacts,
    missed, residual, overdue_residual → {factor: share lost, 0..1}."""
    return {
        'recency': ratio(figures['lapsed'] + figures['overdue'] / 2.0, figures['cycles']),
        'trend': ratio(figures['before'] - figures['recent'], figures['before']),
        'contacts': ratio(figures['missed'], figures['contacts']),
        'receivables': ratio(figures['overdue_residual'], figures['residual']),
        'anomalies': ratio(figures['anomalies'], figures['cycles']),
    }


def label(score):
    if score >= HEALTHY_MIN:
        return 'healthy'
    return 'watch' if score >= WATCH_MIN else 'at_risk'


def score(figures, weights=None):
    """(score 0-100, label, {factor: points lost})."""
    weights = weights or DEFAULT_WEIGHTS
    lost = {factor: weights[factor] * share for factor, share in shares(figures).items()}
    total = 0.0
    for factor in FACTORS:
        total += lost[factor]
    value = int(round(100.0 - total))
    return value, label(value), lost
