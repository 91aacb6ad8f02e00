# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The set-based SQL of the consumption cycle table (客戶用油周期表).

Small functions returning `odoo.tools.SQL`; "today", the time zone and every setting are
passed in (never CURRENT_DATE). The math is documented and checked in services/consumption.py.
"""
from odoo.tools import SQL

from ..services import consumption as estimation
from .arrays import array

# The stored figures the learning writes, in the order of the upsert below.
LEARNED_COLUMNS = (
    'user_id', 'order_count', 'first_order_date', 'last_order_date', 'last_qty', 'avg_qty',
    'avg_interval_days', 'interval_stddev_days', 'daily_rate', 'next_due_date', 'lapse_date',
    'anomaly', 'anomaly_ratio', 'state',
)


def due_date(last_day, interval, last_qty, avg_qty):
    """The next due date expression (services/consumption.py `next_due_date`)."""
    return SQL(
        """CASE WHEN %(interval)s > 0 THEN %(last_day)s + floor(
               %(interval)s * COALESCE(LEAST(%(size_max)s, GREATEST(%(size_min)s,
                   %(last_qty)s / NULLIF(%(avg_qty)s, 0))), 1.0) + 0.5)::int END""",
        interval=interval, last_day=last_day, last_qty=last_qty, avg_qty=avg_qty,
        size_min=estimation.SIZE_FACTOR_MIN, size_max=estimation.SIZE_FACTOR_MAX)


def lapse_date(due, interval):
    """The lapse date expression (services/consumption.py `lapse_date`)."""
    return SQL(
        "CASE WHEN %(interval)s > 0 THEN %(due)s + floor(%(lapse)s * %(interval)s + 0.5)::int + 1 END",
        due=due, interval=interval, lapse=estimation.LAPSE_INTERVALS)


def order_days(date_from, date_to, tz, pairs=None):
    """Quantity per commercial partner × product × local day of the confirmed orders.

    `date_from`/`date_to`: naive UTC datetimes (date_order is stored in UTC); the day is the
    order's date in `tz`, the time zone "today" is taken in. Quantities are converted from the
    line's unit to the product's through the uom_uom factors; returns (negative) are ignored.
    `pairs` (a list of (commercial partner id, product id)) keeps only those cycles, found
    from the partners' orders on the indexes (the cycles of a confirmed order).
    """
    return SQL(
        """SELECT p.commercial_partner_id AS partner_id, l.product_id,
                  (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                  SUM(l.product_uom_qty / lu.factor * pu.factor)::float8 AS qty
             FROM sale_order_line l
             JOIN sale_order o ON o.id = l.order_id
             JOIN res_partner p ON p.id = o.partner_id
             JOIN product_product pp ON pp.id = l.product_id
             JOIN product_template pt ON pt.id = pp.product_tmpl_id
             JOIN uom_uom lu ON lu.id = l.product_uom
             JOIN uom_uom pu ON pu.id = pt.uom_id
            WHERE o.state = 'sale'
              AND o.date_order >= %(date_from)s AND o.date_order < %(date_to)s
              AND l.display_type IS NULL
              AND l.product_uom_qty > 0
              AND p.commercial_partner_id IS NOT NULL%(pairs)s
            GROUP BY 1, 2, 3""",
        tz=tz, date_from=date_from, date_to=date_to,
        pairs=SQL('') if pairs is None else SQL(
            """
              AND p.commercial_partner_id = ANY(%(partners)s)
              AND (p.commercial_partner_id, l.product_id) IN (
                  SELECT * FROM unnest(%(partners)s, %(products)s))""",
            partners=array([partner for partner, _product in pairs], 'int'),
            products=array([product for _partner, product in pairs], 'int')))


def cycle_stats(days):
    """Per partner × product: counts, medians and the recent and long-run rates."""
    return SQL(
        """WITH days AS (%(days)s), seq AS (
               SELECT partner_id, product_id, day, qty,
                      day - lag(day) OVER w AS gap,
                      lag(qty) OVER w AS prev_qty,
                      count(*) OVER (PARTITION BY partner_id, product_id)
                          - row_number() OVER w + 1 AS rn_desc
                 FROM days
               WINDOW w AS (PARTITION BY partner_id, product_id ORDER BY day)
           )
           SELECT partner_id, product_id,
                  count(*) AS order_count,
                  min(day) AS first_day,
                  max(day) AS last_day,
                  max(qty) FILTER (WHERE rn_desc = 1) AS last_qty,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) AS avg_qty,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS avg_interval,
                  stddev_pop(gap)::float8 AS interval_stddev,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap) AS daily_rate,
                  sum(prev_qty) FILTER (WHERE rn_desc <= 2)
                      / NULLIF(sum(gap) FILTER (WHERE rn_desc <= 2), 0) AS recent_rate,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap)
                      FILTER (WHERE rn_desc > 2) AS long_rate,
                  count(gap) FILTER (WHERE rn_desc > 2) AS earlier_count
             FROM seq
            GROUP BY partner_id, product_id""",
        days=days)


def learned_rows(stats, factor):
    """The stored figures of each learned cycle, columns as LEARNED_COLUMNS (plus the keys)."""
    due = due_date(SQL('s.last_day'), SQL('s.avg_interval'), SQL('s.last_qty'), SQL('s.avg_qty'))
    return SQL(
        """SELECT s.partner_id, s.product_id, rp.user_id, s.order_count, s.first_day, s.last_day,
                  s.last_qty, s.avg_qty, s.avg_interval, s.interval_stddev, s.daily_rate,
                  %(due)s AS next_due_date,
                  %(lapse)s AS lapse_date,
                  CASE WHEN r.ratio >= %(factor)s THEN 'rising'
                       WHEN r.ratio <= 1.0 / %(factor)s THEN 'falling'
                       ELSE 'none' END AS anomaly,
                  r.ratio,
                  CASE WHEN s.order_count >= %(min_active)s THEN 'active' ELSE 'learning' END
             FROM (%(stats)s) s
             JOIN res_partner rp ON rp.id = s.partner_id
             CROSS JOIN LATERAL (
                 SELECT CASE WHEN s.earlier_count >= %(min_earlier)s
                                  AND s.recent_rate > 0 AND s.long_rate > 0
                             THEN round((s.recent_rate / s.long_rate)::numeric, %(digits)s)::float8
                        END AS ratio) r""",
        stats=stats, due=due, lapse=lapse_date(due, SQL('s.avg_interval')), factor=factor,
        min_active=estimation.MIN_ACTIVE_ORDERS, min_earlier=estimation.MIN_EARLIER_INTERVALS,
        digits=estimation.RATIO_DIGITS)


def learn_cycles(date_from, date_to, tz, factor, pairs=None):
    """Upsert every cycle learned from the orders of [date_from, date_to) (UTC datetimes),
    or only the cycles of `pairs` (see `order_days`).

    Only rows whose figures changed are written (a second run writes nothing). The manager's
    known interval of an existing row overrides the learned one for the due and lapse dates,
    computed from the stored figures as the ORM reads them (floats), as the model's write()
    does. An anomaly gone back to normal resets `anomaly_notified`, so the next one is asked
    again.
    """
    manual = SQL('c.manual_interval_days::float8')
    manual_due = due_date(SQL('EXCLUDED.last_order_date'), manual,
                          SQL('EXCLUDED.last_qty::float8'), SQL('EXCLUDED.avg_qty::float8'))
    due = SQL("CASE WHEN c.manual_interval_days > 0 THEN %s ELSE EXCLUDED.next_due_date END",
              manual_due)
    lapse = SQL("CASE WHEN c.manual_interval_days > 0 THEN %s ELSE EXCLUDED.lapse_date END",
                lapse_date(manual_due, manual))
    rows = learned_rows(cycle_stats(order_days(date_from, date_to, tz, pairs)), factor)
    return SQL(
        """INSERT INTO customer_consumption_cycle AS c (
               partner_id, product_id, user_id, order_count, first_order_date, last_order_date,
               last_qty, avg_qty, avg_interval_days, interval_stddev_days, daily_rate,
               next_due_date, lapse_date, anomaly, anomaly_ratio, state,
               anomaly_notified, manual_interval_days, create_date, write_date)
           SELECT x.*, 'none', 0, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM (%(rows)s) x
               ON CONFLICT (partner_id, product_id) DO UPDATE SET
                  user_id = EXCLUDED.user_id, order_count = EXCLUDED.order_count,
                  first_order_date = EXCLUDED.first_order_date,
                  last_order_date = EXCLUDED.last_order_date,
                  last_qty = EXCLUDED.last_qty, avg_qty = EXCLUDED.avg_qty,
                  avg_interval_days = EXCLUDED.avg_interval_days,
                  interval_stddev_days = EXCLUDED.interval_stddev_days,
                  daily_rate = EXCLUDED.daily_rate,
                  next_due_date = %(due)s, lapse_date = %(lapse)s,
                  anomaly = EXCLUDED.anomaly, anomaly_ratio = EXCLUDED.anomaly_ratio,
                  state = EXCLUDED.state,
                  anomaly_notified = CASE WHEN EXCLUDED.anomaly = 'none' THEN 'none'
                                          ELSE c.anomaly_notified END,
                  write_date = EXCLUDED.write_date
            WHERE (c.user_id, c.order_count, c.first_order_date, c.last_order_date, c.last_qty,
                   c.avg_qty, c.avg_interval_days, c.interval_stddev_days, c.daily_rate,
                   c.next_due_date, c.lapse_date, c.anomaly, c.anomaly_ratio, c.state)
                  IS DISTINCT FROM
                  (EXCLUDED.user_id, EXCLUDED.order_count, EXCLUDED.first_order_date,
                   EXCLUDED.last_order_date, EXCLUDED.last_qty, EXCLUDED.avg_qty,
                   EXCLUDED.avg_interval_days, EXCLUDED.interval_stddev_days,
                   EXCLUDED.daily_rate, %(due)s, %(lapse)s, EXCLUDED.anomaly,
                   EXCLUDED.anomaly_ratio, EXCLUDED.state)""",
        rows=rows, due=due, lapse=lapse)


def anomalies_to_notify():
    """The cycles whose anomaly the account manager has not been asked about yet."""
    return SQL("""SELECT id FROM customer_consumption_cycle
                   WHERE anomaly <> 'none' AND anomaly IS DISTINCT FROM anomaly_notified
                   ORDER BY id""")


def forecast(today):
    """Expected reorders of the next FORECAST_DAYS days, one row per cycle occurrence
    (services/consumption.py `forecast`), for the report model's `_table_query`."""
    return SQL(
        """WITH cycles AS (
               SELECT c.*, COALESCE(NULLIF(c.manual_interval_days, 0)::float8,
                                    c.avg_interval_days) AS interval_used
                 FROM customer_consumption_cycle c
                WHERE c.next_due_date IS NOT NULL
           ), occurrences AS (
               SELECT c.id * %(max_k)s + k AS id, c.id AS cycle_id, c.partner_id, c.product_id,
                      c.user_id, c.avg_qty,
                      GREATEST(%(today)s::date,
                               c.next_due_date + floor(k * c.interval_used + 0.5)::int) AS due_date
                 FROM cycles c
                 CROSS JOIN LATERAL generate_series(
                     0, LEAST(%(max_k)s - 1, ceil(%(days)s / c.interval_used)::int)) AS k
                WHERE c.interval_used > 0
                  AND c.next_due_date >= %(today)s::date - ceil(c.interval_used)::int
           )
           SELECT o.id, o.cycle_id, o.partner_id, o.product_id, pt.uom_id AS product_uom_id,
                  o.user_id, o.due_date, o.avg_qty AS expected_qty,
                  CASE WHEN o.due_date < %(today)s::date + 7 THEN '7'
                       WHEN o.due_date < %(today)s::date + 30 THEN '30' ELSE '90' END AS horizon,
                  CASE WHEN o.due_date < %(today)s::date + 7 THEN o.avg_qty ELSE 0 END AS qty_7,
                  CASE WHEN o.due_date < %(today)s::date + 30 THEN o.avg_qty ELSE 0 END AS qty_30,
                  o.avg_qty AS qty_90
             FROM occurrences o
             JOIN product_product pp ON pp.id = o.product_id
             JOIN product_template pt ON pt.id = pp.product_tmpl_id
            WHERE o.due_date < %(today)s::date + %(days)s""",
        today=today, days=estimation.FORECAST_DAYS,
        max_k=estimation.FORECAST_MAX_OCCURRENCES)


def replenishments_to_plan(today, lead):
    """The cycles whose replenishment call is due: next due date within `lead` days (or
    already past, but not lapsed), no call yet for that due date and none still planned."""
    return SQL(
        """SELECT c.id FROM customer_consumption_cycle c
            WHERE c.next_due_date <= %(today)s::date + %(lead)s
              AND (c.lapse_date IS NULL OR c.lapse_date > %(today)s::date)
              AND NOT EXISTS (
                  SELECT 1 FROM customer_relationship_event e
                   WHERE e.consumption_cycle_id = c.id
                     AND (e.consumption_due_date = c.next_due_date OR e.state = 'planned'))
            ORDER BY c.id""",
        today=today, lead=lead)


def replenishment_call_values(cycle_ids):
    """What the replenishment call of each cycle of `cycle_ids` is made of, read in one
    query (not field by field through the ORM: 80k calls a night at 200k customers): id,
    partner_id, product_id, user_id, due (the next due date), company_id (the customer's),
    lang (the account manager's)."""
    return SQL(
        """SELECT c.id, c.partner_id, c.product_id, c.user_id, c.next_due_date AS due,
                  p.company_id, up.lang
             FROM customer_consumption_cycle c
             JOIN res_partner p ON p.id = c.partner_id
             LEFT JOIN res_users u ON u.id = c.user_id
             LEFT JOIN res_partner up ON up.id = u.partner_id
            WHERE c.id = ANY(%s)""",
        array(cycle_ids, 'int'))


def stale_replenishment_calls(today, pairs=None):
    """The open replenishment calls that no longer prepare their cycle's next due date, with
    why: 'lapsed' (the cycle lapsed: a customer to win back), 'moved' (the customer ordered
    again or the interval changed: another due date) or 'undue' (the cycle has no due date
    any more). Rows (event id, reason, the cycle's due date, partner id, product id); the
    calls are few, found on the cycle index of the events. `pairs` (as `order_days`) keeps
    the calls of those cycles only."""
    return SQL(
        """SELECT e.id,
                  CASE WHEN c.lapse_date <= %(today)s::date THEN 'lapsed'
                       WHEN c.next_due_date IS NULL THEN 'undue' ELSE 'moved' END,
                  c.next_due_date, c.partner_id, c.product_id
             FROM customer_relationship_event e
             JOIN customer_consumption_cycle c ON c.id = e.consumption_cycle_id
            WHERE e.consumption_cycle_id IS NOT NULL AND e.state = 'planned'
              AND (c.lapse_date <= %(today)s::date
                   OR c.next_due_date IS DISTINCT FROM e.consumption_due_date)%(pairs)s
            ORDER BY e.id""",
        today=today, pairs=SQL('') if pairs is None else SQL(
            """
              AND (c.partner_id, c.product_id) IN (SELECT * FROM unnest(%s, %s))""",
            array([partner for partner, _product in pairs], 'int'),
            array([product for _partner, product in pairs], 'int')))


def table_estimate():
    """The row count the planner believes customer_consumption_cycle has (-1: never
    analyzed)."""
    return SQL("SELECT reltuples FROM pg_class WHERE oid = 'customer_consumption_cycle'::regclass")


def analyze_cycles():
    """Fresh planner statistics for the cycle table."""
    return SQL('ANALYZE customer_consumption_cycle')
