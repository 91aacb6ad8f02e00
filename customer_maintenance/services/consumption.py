# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Consumption-cycle estimation (客戶用油周期表, "Wang Yung-ching selling rice"), in plain Python.

This is the reference of the math; the nightly job does the same in one set-based SQL statement
(queries/consumption.py, `learn_cycles`) and the tests check that both agree on generated
histories. No ORM here.

Input: the orders of one customer for one product, as (date, quantity in the product's UoM).
- Several orders on one day count as one; non-positive quantities (returns) are ignored.
- interval: days between consecutive order days; the expected interval is their median
  (robust to one odd gap); the spread is their population standard deviation.
- rate of an interval: the quantity ordered at its start divided by its length (what the
  customer used until it ordered again); `daily_rate` is the median of those rates.
- `avg_qty` is the median order quantity.
- next due date: last order date + expected interval × (last qty / avg qty), the factor kept
  within [0.5, 2] so that a single odd order cannot push the date absurdly far.
- lapse date: next due date + LAPSE_INTERVALS expected intervals. A customer that has not
  reordered by then is no longer due a replenishment: it is a lapsed customer to win back.
- anomaly: recent rate (quantity of the last two intervals over their days) against the
  long-run rate (median rate of the earlier intervals, at least two of them); ratio >= factor
  is 'rising', ratio <= 1 / factor is 'falling'.
"""
import datetime
import math
from statistics import median

MIN_ACTIVE_ORDERS = 3       # below this a cycle is still 'learning'
MIN_EARLIER_INTERVALS = 2   # long-run rate needs this many intervals before the last two
SIZE_FACTOR_MIN = 0.5
SIZE_FACTOR_MAX = 2.0
RATIO_DIGITS = 4
LAPSE_INTERVALS = 2.0       # overdue by more than this many intervals: lapsed, not due
FORECAST_DAYS = 90          # the demand forecast looks this many days ahead
FORECAST_MAX_OCCURRENCES = 100


def round_half_up(value):
    """Round like PostgreSQL's round() on numerics (half away from zero, positive values)."""
    return int(math.floor(value + 0.5))


def merge_orders(orders):
    """[(date, qty)] → [(date, qty)] sorted by date, one per day, positive quantities only."""
    by_day = {}
    for day, qty in orders:
        if qty is None or qty <= 0:
            continue
        by_day[day] = by_day.get(day, 0.0) + float(qty)
    return sorted(by_day.items())


def next_due_date(last_date, interval_days, last_qty, avg_qty):
    """The day the customer should need the product again, or None without an interval."""
    if not last_date or not interval_days or interval_days <= 0:
        return None
    factor = 1.0
    if avg_qty and last_qty:
        factor = min(SIZE_FACTOR_MAX, max(SIZE_FACTOR_MIN, float(last_qty) / float(avg_qty)))
    return last_date + datetime.timedelta(days=round_half_up(interval_days * factor))


def lapse_date(due_date, interval_days):
    """The first day on which a cycle due on `due_date` counts as lapsed, or None."""
    if not due_date or not interval_days or interval_days <= 0:
        return None
    return due_date + datetime.timedelta(days=round_half_up(LAPSE_INTERVALS * interval_days) + 1)


def is_lapsed(due_date, interval_days, today):
    """True when the customer is overdue by more than LAPSE_INTERVALS intervals on `today`."""
    day = lapse_date(due_date, interval_days)
    return bool(day and day <= today)


def classify_anomaly(recent_rate, long_rate, factor):
    """('none'|'rising'|'falling', ratio or None)."""
    if not recent_rate or not long_rate:
        return 'none', None
    ratio = round(recent_rate / long_rate, RATIO_DIGITS)
    if ratio >= factor:
        return 'rising', ratio
    if ratio <= 1.0 / factor:
        return 'falling', ratio
    return 'none', ratio


def estimate_cycle(orders, anomaly_factor=1.5, manual_interval_days=None):
    """Estimate one customer × product cycle from its orders [(date, qty)].

    Returns a dict with the stored fields of `customer.consumption.cycle`, or None when there
    is no order with a positive quantity.
    """
    days = merge_orders(orders)
    if not days:
        return None
    dates = [d for d, _q in days]
    qtys = [q for _d, q in days]
    gaps = [(dates[i] - dates[i - 1]).days for i in range(1, len(dates))]
    rates = [qtys[i - 1] / gaps[i - 1] for i in range(1, len(dates))]
    res = {
        'order_count': len(days),
        'first_order_date': dates[0],
        'last_order_date': dates[-1],
        'last_qty': qtys[-1],
        'avg_qty': median(qtys),
        'avg_interval_days': float(median(gaps)) if gaps else None,
        'interval_stddev_days': (
            math.sqrt(sum((g - sum(gaps) / len(gaps)) ** 2 for g in gaps) / len(gaps))
            if gaps else None),
        'daily_rate': median(rates) if rates else None,
        'state': 'active' if len(days) >= MIN_ACTIVE_ORDERS else 'learning',
    }
    interval = manual_interval_days or res['avg_interval_days']
    res['next_due_date'] = next_due_date(dates[-1], interval, qtys[-1], res['avg_qty'])
    res['lapse_date'] = lapse_date(res['next_due_date'], interval)
    anomaly, ratio = 'none', None
    if len(gaps) >= 2 + MIN_EARLIER_INTERVALS:
        recent = (qtys[-3] + qtys[-2]) / float((dates[-1] - dates[-3]).days)
        anomaly, ratio = classify_anomaly(recent, median(rates[:-2]), anomaly_factor)
    res['anomaly'] = anomaly
    res['anomaly_ratio'] = ratio
    return res


def estimated_stock(last_date, last_qty, daily_rate, today):
    """What is left of the last order on `today` at the usual rate (never below zero)."""
    if not last_date or not daily_rate:
        return 0.0
    return max(0.0, (last_qty or 0.0) - daily_rate * max(0, (today - last_date).days))


def forecast(due_date, interval_days, avg_qty, today, days=FORECAST_DAYS):
    """The expected reorders [(date, qty)] of one cycle within `days` from `today`.

    The next due date, then one every interval. A cycle overdue by less than one interval is
    expected today; one overdue by more has lapsed and is left out.
    """
    if not due_date or not interval_days or interval_days <= 0:
        return []
    if due_date < today - datetime.timedelta(days=math.ceil(interval_days)):
        return []
    count = min(FORECAST_MAX_OCCURRENCES - 1, math.ceil(days / interval_days))
    res = []
    for k in range(count + 1):
        day = max(today, due_date + datetime.timedelta(days=round_half_up(k * interval_days)))
        if day < today + datetime.timedelta(days=days):
            res.append((day, avg_qty))
    return res


def horizon(day, today):
    """The forecast bucket of `day`: '7', '30' or '90' (days from today)."""
    if day < today + datetime.timedelta(days=7):
        return '7'
    if day < today + datetime.timedelta(days=30):
        return '30'
    return '90'
