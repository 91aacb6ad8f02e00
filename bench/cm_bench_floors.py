# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL floors: the best single hand-written SQL for each nightly job.

Each `*_compute(cr, today)` leaves its result in a temporary table (bench_abc_floor,
bench_cycle_floor, bench_plan_floor) and returns its row count; each `*_write(cr)` writes that
result into the module's storage the way a set-based job would (changed rows only) and
returns False when the module's columns/tables are not there yet. `compare_*` checks the
module's stored result against the floor and returns a dict of mismatch counts.
"""
import datetime

from dateutil.relativedelta import relativedelta

from cm_bench_data import column_exists, table_exists

PLAN_HORIZON_DAYS = 30


def _param(cr, key, default):
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (key,))
    row = cr.fetchone()
    try:
        return type(default)(row[0]) if row and row[0] else default
    except ValueError:
        return default


def _date(today):
    if isinstance(today, str):
        return datetime.datetime.strptime(today[:10], '%Y-%m-%d').date()
    return today or datetime.date.today()


# ------------------------------------------------------------------------------------ ABC
def abc_compute(cr, today=None):
    today = _date(today)
    months = _param(cr, 'customer_maintenance.abc_period_months', 12)
    a_pct = _param(cr, 'customer_maintenance.abc_threshold_a', 80.0)
    b_pct = _param(cr, 'customer_maintenance.abc_threshold_b', 95.0)
    since = today - relativedelta(months=months)
    cr.execute("DROP TABLE IF EXISTS bench_abc_floor")
    cr.execute("""
        CREATE TEMP TABLE bench_abc_floor AS
        WITH sales AS (
            SELECT p.commercial_partner_id AS partner_id, so.company_id,
                   sum(so.amount_untaxed) AS sales
            FROM sale_order so
            JOIN res_partner p ON p.id = so.partner_id
            WHERE so.state IN ('sale', 'done')
              AND so.confirmation_date >= %(since)s
              AND so.confirmation_date < %(until)s
            GROUP BY 1, 2
        ), ranked AS (
            SELECT partner_id, sales,
                   row_number() OVER w AS rank,
                   coalesce(sum(sales) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING
                                               AND 1 PRECEDING), 0) AS before,
                   sum(sales) FILTER (WHERE sales > 0) OVER (PARTITION BY company_id) AS total
            FROM sales
            WINDOW w AS (PARTITION BY company_id ORDER BY sales DESC, partner_id)
        )
        SELECT partner_id, sales, rank,
               CASE WHEN sales > 0 AND total > 0
                    THEN round(100 * (before + sales) / total, 4) END AS share,
               -- the module's rule: net returns or nothing positive in the company rank as C
               CASE WHEN sales <= 0 OR coalesce(total, 0) <= 0 THEN 'C'
                    WHEN before < total * %(a)s / 100 THEN 'A'
                    WHEN before < total * %(b)s / 100 THEN 'B'
                    ELSE 'C' END::varchar AS abc_class
        FROM ranked""", {'since': since, 'until': today + datetime.timedelta(days=1),
                         'a': a_pct, 'b': b_pct})
    return cr.rowcount


def abc_write(cr):
    """Write class, amount, rank and share into every partner (contacts get their company's
    values), changed rows only."""
    if not column_exists(cr, 'res_partner', 'abc_class'):
        return False
    cols = [c for c in ('abc_sales_amount', 'abc_rank', 'abc_share')
            if column_exists(cr, 'res_partner', c)]
    src = {'abc_sales_amount': 'f.sales', 'abc_rank': 'f.rank', 'abc_share': 'f.share'}
    sets = ', '.join(['abc_class = f.abc_class'] + ['%s = %s' % (c, src[c]) for c in cols])
    changed = ' OR '.join(['p.abc_class IS DISTINCT FROM f.abc_class']
                          + ['p.%s IS DISTINCT FROM %s' % (c, src[c]) for c in cols])
    # identifiers come from the fixed list above, never from input
    cr.execute("""
        UPDATE res_partner p SET %s
        FROM res_partner c
        LEFT JOIN bench_abc_floor f ON f.partner_id = c.id
        WHERE p.commercial_partner_id = c.id AND (%s)""" % (sets, changed))
    return True


def compare_abc(cr):
    """Mismatches between res_partner.abc_class (module) and the floor, over all partners."""
    cr.execute("""
        SELECT count(*) FILTER (WHERE p.abc_class IS DISTINCT FROM f.abc_class),
               count(*) FILTER (WHERE p.parent_id IS NULL AND f.abc_class IS NOT NULL),
               count(*)
        FROM res_partner p
        LEFT JOIN bench_abc_floor f ON f.partner_id = p.commercial_partner_id
        WHERE p.active""")
    bad, classified, total = cr.fetchone()
    return {'class_mismatches': bad, 'classified': classified, 'partners': total}


# ----------------------------------------------------------------------------- cycles
def cycles_compute(cr, today=None):
    today = _date(today)
    months = _param(cr, 'customer_maintenance.consumption_lookback_months', 24)
    factor = _param(cr, 'customer_maintenance.consumption_anomaly_factor', 1.5)
    cr.execute("DROP TABLE IF EXISTS bench_cycle_floor")
    cr.execute("""
        CREATE TEMP TABLE bench_cycle_floor AS
        WITH days AS (
            -- same-day orders merged, returns ignored, quantities in the product's UoM
            SELECT p.commercial_partner_id AS partner_id, sol.product_id,
                   so.confirmation_date::date AS day,
                   sum(sol.product_uom_qty / lu.factor * pu.factor) AS qty
            FROM sale_order_line sol
            JOIN sale_order so ON so.id = sol.order_id
            JOIN res_partner p ON p.id = so.partner_id
            JOIN product_product pp ON pp.id = sol.product_id
            JOIN product_template pt ON pt.id = pp.product_tmpl_id
            JOIN product_uom lu ON lu.id = sol.product_uom
            JOIN product_uom pu ON pu.id = pt.uom_id
            WHERE so.state IN ('sale', 'done')
              AND so.confirmation_date >= %(since)s AND so.confirmation_date < %(until)s
              AND sol.product_uom_qty > 0
            GROUP BY 1, 2, 3
        ), iv AS (
            SELECT partner_id, product_id, day, qty,
                   day - lag(day) OVER w AS gap,
                   row_number() OVER (PARTITION BY partner_id, product_id
                                      ORDER BY day DESC) AS rn_desc
            FROM days
            WINDOW w AS (PARTITION BY partner_id, product_id ORDER BY day)
        ), agg AS (
            SELECT partner_id, product_id, count(*) AS order_count,
                   min(day) AS first_order_date, max(day) AS last_order_date,
                   (array_agg(qty ORDER BY day DESC))[1] AS last_qty,
                   avg(qty) AS avg_qty,
                   avg(gap) AS avg_interval_days,
                   stddev_samp(gap) AS interval_stddev_days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_interval,
                   avg(gap) FILTER (WHERE rn_desc <= 2) AS recent_interval,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)
                       FILTER (WHERE rn_desc > 2) AS longrun_interval
            FROM iv
            GROUP BY 1, 2
        )
        SELECT *,
               CASE WHEN median_interval > 0 THEN avg_qty / median_interval END AS daily_rate,
               last_order_date + round(median_interval * CASE WHEN avg_qty > 0
                   THEN least(2.0, greatest(0.5, last_qty / avg_qty)) ELSE 1 END)::int
                   AS next_due_date,
               CASE WHEN recent_interval > 0 AND longrun_interval > 0
                    THEN longrun_interval / recent_interval END AS anomaly_ratio,
               CASE WHEN order_count < 3 THEN 'learning' ELSE 'active' END::varchar AS state,
               CASE WHEN recent_interval > 0 AND longrun_interval > 0
                         AND longrun_interval / recent_interval >= %(f)s THEN 'rising'
                    WHEN recent_interval > 0 AND longrun_interval > 0
                         AND recent_interval / longrun_interval >= %(f)s THEN 'falling'
                    ELSE 'none' END::varchar AS anomaly
        FROM agg""", {'since': today - relativedelta(months=months),
                      'until': today + datetime.timedelta(days=1), 'f': factor})
    return cr.rowcount


CYCLE_COLUMNS = ('order_count', 'first_order_date', 'last_order_date', 'last_qty', 'avg_qty',
                 'avg_interval_days', 'interval_stddev_days', 'daily_rate', 'next_due_date',
                 'anomaly', 'anomaly_ratio', 'state')


def cycles_write(cr):
    """Upsert the floor into customer_consumption_cycle (changed rows only)."""
    if not table_exists(cr, 'customer_consumption_cycle'):
        return False
    cols = [c for c in CYCLE_COLUMNS if column_exists(cr, 'customer_consumption_cycle', c)]
    sets = ', '.join('%s = f.%s' % (c, c) for c in cols)
    changed = ' OR '.join('t.%s IS DISTINCT FROM f.%s' % (c, c) for c in cols)
    # identifiers come from CYCLE_COLUMNS, never from input
    cr.execute("""UPDATE customer_consumption_cycle t SET %s FROM bench_cycle_floor f
                  WHERE t.partner_id = f.partner_id AND t.product_id = f.product_id
                    AND (%s)""" % (sets, changed))
    extra = [c for c in ('create_uid', 'write_uid') if column_exists(cr, 'customer_consumption_cycle', c)]
    cr.execute("""INSERT INTO customer_consumption_cycle (partner_id, product_id, %s%s)
                  SELECT f.partner_id, f.product_id, %s%s FROM bench_cycle_floor f
                  WHERE NOT EXISTS (SELECT 1 FROM customer_consumption_cycle t
                                    WHERE t.partner_id = f.partner_id
                                      AND t.product_id = f.product_id)"""
               % (', '.join(cols), ''.join(', ' + c for c in extra),
                  ', '.join('f.' + c for c in cols), ', 1' * len(extra)))
    return True


def compare_cycles(cr):
    cr.execute("""
        SELECT count(*) FILTER (WHERE t.partner_id IS NULL),
               count(*) FILTER (WHERE f.partner_id IS NULL),
               count(*) FILTER (WHERE t.order_count IS DISTINCT FROM f.order_count
                                   OR t.first_order_date IS DISTINCT FROM f.first_order_date
                                   OR t.last_order_date IS DISTINCT FROM f.last_order_date),
               count(*) FILTER (WHERE abs(coalesce(t.avg_interval_days, 0)
                                          - coalesce(f.avg_interval_days, 0)) > 0.51),
               count(*) FILTER (WHERE t.anomaly IS DISTINCT FROM f.anomaly),
               count(*)
        FROM (SELECT * FROM customer_consumption_cycle WHERE order_count > 0) t
        FULL JOIN bench_cycle_floor f
          ON f.partner_id = t.partner_id AND f.product_id = t.product_id""")
    r = cr.fetchone()
    return {'missing_in_module': r[0], 'extra_in_module': r[1], 'count_or_dates': r[2],
            'avg_interval': r[3], 'anomaly': r[4], 'rows': r[5]}


# ------------------------------------------------------------------------------- plan
def plan_compute(cr, today=None):
    """Open planned events due per customer x item, or None without tiers on partners."""
    today = _date(today)
    if not column_exists(cr, 'res_partner', 'customer_tier_id'):
        return None
    horizon = _param(cr, 'customer_maintenance.plan_horizon_days', PLAN_HORIZON_DAYS)
    cr.execute("DROP TABLE IF EXISTS bench_plan_floor")
    cr.execute("""
        CREATE TEMP TABLE bench_plan_floor AS
        WITH items AS (
            SELECT p.id AS partner_id, p.user_id, v.channel, v.days
            FROM res_partner p
            JOIN customer_tier t ON t.id = p.customer_tier_id
            CROSS JOIN LATERAL (VALUES ('call', t.call_interval_days),
                                       ('care_call', t.care_call_interval_days),
                                       ('visit', t.visit_interval_days)) v(channel, days)
            WHERE p.active AND p.parent_id IS NULL AND p.user_id IS NOT NULL AND v.days > 0
        ), last_done AS (
            SELECT partner_id, channel, max(date) AS last_date
            FROM customer_relationship_event WHERE state = 'done'
            GROUP BY 1, 2
        )
        SELECT i.partner_id, i.user_id, i.channel::varchar AS channel,
               greatest(coalesce(d.last_date + i.days, %(today)s), %(today)s) AS date
        FROM items i
        LEFT JOIN last_done d ON d.partner_id = i.partner_id AND d.channel = i.channel
        WHERE coalesce(d.last_date + i.days, %(today)s) <= %(until)s
          AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                          WHERE e.partner_id = i.partner_id AND e.channel = i.channel
                            AND e.state = 'planned')""",
               {'today': today, 'until': today + datetime.timedelta(days=horizon)})
    return cr.rowcount


def plan_write(cr):
    cr.execute("""
        INSERT INTO customer_relationship_event (name, partner_id, user_id, kind, channel,
            date, state, company_id, create_uid, write_uid, create_date, write_date)
        SELECT 'Planned ' || f.channel, f.partner_id, f.user_id, 'periodic', f.channel,
               f.date, 'planned', p.company_id, 1, 1, now() at time zone 'UTC',
               now() at time zone 'UTC'
        FROM bench_plan_floor f JOIN res_partner p ON p.id = f.partner_id""")
    return True


def compare_plan(cr):
    """Open planned events of the module vs the floor; care calls may move by +-20%."""
    cr.execute("""
        WITH m AS (SELECT partner_id, channel, min(date) AS date, count(*) AS n
                   FROM customer_relationship_event
                   WHERE state = 'planned' AND channel IN ('call', 'care_call', 'visit')
                   GROUP BY 1, 2)
        SELECT count(*) FILTER (WHERE m.partner_id IS NULL),
               count(*) FILTER (WHERE f.partner_id IS NULL),
               count(*) FILTER (WHERE m.n > 1),
               count(*) FILTER (WHERE m.channel <> 'care_call' AND m.date <> f.date),
               count(*)
        FROM m FULL JOIN bench_plan_floor f
          ON f.partner_id = m.partner_id AND f.channel = m.channel""")
    r = cr.fetchone()
    return {'missing_in_module': r[0], 'extra_in_module': r[1], 'duplicates': r[2],
            'date': r[3], 'rows': r[4]}


JOBS = {
    'abc': (abc_compute, abc_write, compare_abc),
    'cycles': (cycles_compute, cycles_write, compare_cycles),
    'plan': (plan_compute, plan_write, compare_plan),
}
