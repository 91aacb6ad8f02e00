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
# The module's definitions (services/consumption.py): same-day orders merged, returns ignored,
# quantities in the product's UoM; MEDIAN interval, quantity and daily rate (the rate of an
# interval = quantity ordered at its start / its days); population spread of the intervals;
# next due = last order + interval x clamp(last qty / median qty, 0.5, 2), rounded half up;
# anomaly = rate of the last two intervals vs the median rate of the earlier ones (at least
# MIN_EARLIER of them), ratio rounded to 4 digits, >= factor rising, <= 1/factor falling;
# 'learning' below MIN_ACTIVE order days.
CYCLE_MIN_ACTIVE = 3
CYCLE_MIN_EARLIER = 2
CYCLE_SIZE_MIN, CYCLE_SIZE_MAX = 0.5, 2.0


def cycles_since(today, months):
    """The module's look-back start: `months` earlier, day capped at 28."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(today.day, 28))


def cycles_compute(cr, today=None):
    today = _date(today)
    months = _param(cr, 'customer_maintenance.consumption_lookback_months', 24)
    factor = _param(cr, 'customer_maintenance.consumption_anomaly_factor', 1.5)
    cr.execute("DROP TABLE IF EXISTS bench_cycle_floor")
    cr.execute("""
        CREATE TEMP TABLE bench_cycle_floor AS
        WITH days AS (
            SELECT p.commercial_partner_id AS partner_id, sol.product_id,
                   so.confirmation_date::date AS day,
                   sum(sol.product_uom_qty / lu.factor * pu.factor)::float8 AS qty
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
              AND p.commercial_partner_id IS NOT NULL
            GROUP BY 1, 2, 3
        ), iv AS (
            SELECT partner_id, product_id, day, qty,
                   day - lag(day) OVER w AS gap,
                   lag(qty) OVER w AS prev_qty,
                   row_number() OVER (PARTITION BY partner_id, product_id
                                      ORDER BY day DESC) AS rn_desc
            FROM days
            WINDOW w AS (PARTITION BY partner_id, product_id ORDER BY day)
        ), agg AS (
            SELECT partner_id, product_id, count(*) AS order_count,
                   min(day) AS first_order_date, max(day) AS last_order_date,
                   max(qty) FILTER (WHERE rn_desc = 1) AS last_qty,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) AS avg_qty,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS avg_interval_days,
                   stddev_pop(gap)::float8 AS interval_stddev_days,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap) AS daily_rate,
                   sum(prev_qty) FILTER (WHERE rn_desc <= 2)
                       / nullif(sum(gap) FILTER (WHERE rn_desc <= 2), 0) AS recent_rate,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap)
                       FILTER (WHERE rn_desc > 2) AS longrun_rate,
                   count(gap) FILTER (WHERE rn_desc > 2) AS earlier
            FROM iv
            GROUP BY 1, 2
        ), r AS (
            SELECT a.*, rp.user_id,
                   CASE WHEN earlier >= %(min_earlier)s AND recent_rate > 0 AND longrun_rate > 0
                        THEN round((recent_rate / longrun_rate)::numeric, 4)::float8
                   END AS anomaly_ratio
            FROM agg a JOIN res_partner rp ON rp.id = a.partner_id
        )
        SELECT partner_id, product_id, user_id, order_count, first_order_date,
               last_order_date, last_qty, avg_qty, avg_interval_days, interval_stddev_days,
               daily_rate, anomaly_ratio,
               CASE WHEN avg_interval_days > 0 THEN last_order_date + floor(
                   avg_interval_days * coalesce(least(%(smax)s, greatest(%(smin)s,
                       last_qty / nullif(avg_qty, 0))), 1.0) + 0.5)::int
               END AS next_due_date,
               CASE WHEN anomaly_ratio >= %(f)s THEN 'rising'
                    WHEN anomaly_ratio <= 1.0 / %(f)s THEN 'falling'
                    ELSE 'none' END::varchar AS anomaly,
               CASE WHEN order_count >= %(min_active)s THEN 'active'
                    ELSE 'learning' END::varchar AS state
        FROM r""", {'since': cycles_since(today, months),
                    'until': today + datetime.timedelta(days=1), 'f': factor,
                    'min_earlier': CYCLE_MIN_EARLIER, 'min_active': CYCLE_MIN_ACTIVE,
                    'smin': CYCLE_SIZE_MIN, 'smax': CYCLE_SIZE_MAX})
    return cr.rowcount


CYCLE_COLUMNS = ('user_id', 'order_count', 'first_order_date', 'last_order_date', 'last_qty',
                 'avg_qty', 'avg_interval_days', 'interval_stddev_days', 'daily_rate',
                 'next_due_date', 'anomaly', 'anomaly_ratio', 'state')


def cycles_write(cr):
    """Upsert the floor into customer_consumption_cycle (changed rows only), filling every
    NOT NULL column of the module's table the way the module does (anomaly_notified 'none'
    on new rows and when the anomaly is gone; a manager's known interval moves the due date)."""
    if not table_exists(cr, 'customer_consumption_cycle'):
        return False
    cols = [c for c in CYCLE_COLUMNS if column_exists(cr, 'customer_consumption_cycle', c)]
    src = {c: 'f.%s' % c for c in cols}
    if column_exists(cr, 'customer_consumption_cycle', 'manual_interval_days'):
        src['next_due_date'] = """CASE WHEN t.manual_interval_days > 0
            THEN f.last_order_date + floor(t.manual_interval_days * coalesce(least(%s,
                 greatest(%s, f.last_qty / nullif(f.avg_qty, 0))), 1.0) + 0.5)::int
            ELSE f.next_due_date END""" % (CYCLE_SIZE_MAX, CYCLE_SIZE_MIN)
    sets = ['%s = %s' % (c, src[c]) for c in cols]
    changed = ' OR '.join('t.%s IS DISTINCT FROM %s' % (c, src[c]) for c in cols)
    extra_cols, extra_vals = [], []
    if column_exists(cr, 'customer_consumption_cycle', 'anomaly_notified'):
        sets.append("anomaly_notified = CASE WHEN f.anomaly = 'none' THEN 'none' "
                    "ELSE t.anomaly_notified END")
        extra_cols.append('anomaly_notified')
        extra_vals.append("'none'")
    for c in ('create_date', 'write_date'):
        if column_exists(cr, 'customer_consumption_cycle', c):
            extra_cols.append(c)
            extra_vals.append("now() AT TIME ZONE 'UTC'")
    if 'write_date' in extra_cols:
        sets.append("write_date = now() AT TIME ZONE 'UTC'")
    # one upsert, changed rows only; identifiers and expressions come from the fixed lists
    # above, never from input
    cr.execute("ANALYZE bench_cycle_floor")
    ins = lambda e: e.replace('f.', 'EXCLUDED.')  # noqa: E731
    cr.execute("""INSERT INTO customer_consumption_cycle AS t (partner_id, product_id, %s)
                  SELECT f.partner_id, f.product_id, %s FROM bench_cycle_floor f
                  ON CONFLICT (partner_id, product_id) DO UPDATE SET %s
                  WHERE %s"""
               % (', '.join(cols + extra_cols),
                  ', '.join(['f.' + c for c in cols] + extra_vals),
                  ins(', '.join(sets)), ins(changed)))
    return True


def compare_cycles(cr):
    """Module's stored cycles vs the floor: every learned figure (numbers to 1e-6)."""
    cr.execute("""
        SELECT count(*) FILTER (WHERE t.partner_id IS NULL),
               count(*) FILTER (WHERE f.partner_id IS NULL),
               count(*) FILTER (WHERE t.order_count IS DISTINCT FROM f.order_count
                                   OR t.first_order_date IS DISTINCT FROM f.first_order_date
                                   OR t.last_order_date IS DISTINCT FROM f.last_order_date),
               count(*) FILTER (WHERE abs(coalesce(t.avg_interval_days, -1)
                                          - coalesce(f.avg_interval_days, -1)) > 1e-6
                                   OR abs(coalesce(t.avg_qty, -1) - coalesce(f.avg_qty, -1)) > 1e-6
                                   OR abs(coalesce(t.daily_rate, -1)
                                          - coalesce(f.daily_rate, -1)) > 1e-6),
               count(*) FILTER (WHERE t.next_due_date IS DISTINCT FROM f.next_due_date
                                  AND NOT coalesce(t.manual_interval_days, 0) > 0),
               count(*) FILTER (WHERE t.anomaly IS DISTINCT FROM f.anomaly
                                   OR abs(coalesce(t.anomaly_ratio, -1)
                                          - coalesce(f.anomaly_ratio, -1)) > 1e-6),
               count(*) FILTER (WHERE t.state IS DISTINCT FROM f.state),
               count(*)
        FROM (SELECT * FROM customer_consumption_cycle WHERE order_count > 0) t
        FULL JOIN bench_cycle_floor f
          ON f.partner_id = t.partner_id AND f.product_id = t.product_id""")
    r = cr.fetchone()
    return {'missing_in_module': r[0], 'extra_in_module': r[1], 'count_or_dates': r[2],
            'medians': r[3], 'next_due': r[4], 'anomaly': r[5], 'state': r[6], 'rows': r[7]}


# ------------------------------------------------------------------------------- plan
def plan_compute(cr, today=None):
    """The planner's periodic events per customer x item (the rules of the module's
    services/planning.py: last closed contact + interval, seeded care-call jitter, never before
    today, not when one is open, a business call not when another planned call is that week),
    for every customer in one query; None without tiers on partners."""
    today = _date(today)
    if not column_exists(cr, 'res_partner', 'customer_tier_id'):
        return None
    horizon = _param(cr, 'customer_maintenance.planning_horizon_days', PLAN_HORIZON_DAYS)
    cr.execute("DROP TABLE IF EXISTS bench_plan_floor")
    cr.execute("""
        CREATE TEMP TABLE bench_plan_floor AS
        WITH items AS (
            SELECT p.id AS partner_id, p.name, p.user_id, p.company_id, t.id AS tier_id,
                   v.channel, v.label, v.days
            FROM res_partner p
            JOIN customer_tier t ON t.id = p.customer_tier_id AND t.active
            JOIN res_users u ON u.id = p.user_id AND u.active
            CROSS JOIN LATERAL (VALUES ('call', 'Business call', t.call_interval_days),
                                       ('care_call', 'Care call', t.care_call_interval_days),
                                       ('visit', 'Visit', t.visit_interval_days))
                       v(channel, label, days)
            WHERE p.active AND p.customer AND p.parent_id IS NULL AND v.days > 0
        ), closed AS (
            SELECT partner_id, channel, max(date) AS last_date
            FROM customer_relationship_event
            WHERE channel IN ('call', 'care_call', 'visit')
              AND (state = 'done' OR (state = 'cancelled' AND plan_item IS NOT NULL))
            GROUP BY 1, 2
        ), due AS (
            SELECT i.*, greatest(%(today)s::date, CASE
                       WHEN d.last_date IS NULL THEN %(today)s::date
                       WHEN i.channel = 'care_call' THEN d.last_date + i.days
                           + (((('x' || substr(md5(i.partner_id || ':'
                                  || to_char(d.last_date, 'YYYY-MM-DD')), 1, 8))::bit(32)::bigint
                                * (2 * (i.days * 20 / 100) + 1)) >> 32) - i.days * 20 / 100)::int
                       ELSE d.last_date + i.days END) AS date
            FROM items i
            LEFT JOIN closed d ON d.partner_id = i.partner_id AND d.channel = i.channel
            WHERE NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                              WHERE e.partner_id = i.partner_id AND e.plan_item = i.channel
                                AND e.state = 'planned')
        )
        SELECT d.partner_id, d.label || ': ' || d.name AS name, d.user_id, d.company_id,
               d.tier_id, d.channel::varchar AS channel, d.date
        FROM due d
        WHERE d.date <= %(until)s
          -- covered by another planned call that week: one hashed set of (customer, day),
          -- as the module does (a correlated probe goes wrong on stale statistics)
          AND NOT (d.channel = 'call' AND (d.partner_id, d.date) IN (
              SELECT e.partner_id, e.date + g.shift
              FROM customer_relationship_event e
              CROSS JOIN generate_series(-6, 6) AS g(shift)
              WHERE e.state = 'planned' AND e.channel = 'call' AND e.plan_item IS NULL))""",
               {'today': today, 'until': today + datetime.timedelta(days=horizon)})
    return cr.rowcount


def plan_write(cr):
    """The events and, from their RETURNING rows, one mail.activity each, in one statement."""
    cr.execute("""SELECT d.name, d.res_id FROM ir_model_data d
                  WHERE d.module = 'mail' AND d.name IN ('mail_activity_data_call',
                        'mail_activity_data_meeting', 'mail_activity_data_todo')""")
    types = dict(cr.fetchall())
    cr.execute("SELECT id FROM ir_model WHERE model = 'customer.relationship.event'")
    model_id = cr.fetchone()[0]
    cr.execute("""
        WITH ins AS (
            INSERT INTO customer_relationship_event (name, partner_id, user_id, company_id,
                kind, channel, date, state, cost, gift_value, plan_item, plan_key, tier_id,
                create_uid, write_uid, create_date, write_date)
            SELECT f.name, f.partner_id, f.user_id, f.company_id, 'periodic', f.channel, f.date,
                   'planned', 0, 0, f.channel, f.channel || ':' || f.partner_id, f.tier_id,
                   1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
            FROM bench_plan_floor f
            RETURNING id, name, channel, date, user_id)
        INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name, summary,
                                   activity_type_id, date_deadline, user_id,
                                   create_uid, create_date, write_uid, write_date)
        SELECT id, %(model_id)s, 'customer.relationship.event', name, name,
               CASE channel WHEN 'visit' THEN %(meeting)s ELSE %(call)s END, date, user_id,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
        FROM ins""", {'model_id': model_id, 'call': types.get('mail_activity_data_call'),
                      'meeting': types.get('mail_activity_data_meeting',
                                           types.get('mail_activity_data_todo'))})
    return True


def compare_plan(cr):
    """The module's open periodic events vs the floor's: same customers, items, dates (care
    calls included: the jitter is the same arithmetic), one activity each."""
    cr.execute("""
        WITH m AS (SELECT e.partner_id, e.channel, min(e.date) AS date, count(*) AS n,
                          min(e.name) AS name, count(a.id) AS activities
                   FROM customer_relationship_event e
                   LEFT JOIN mail_activity a ON a.res_model = 'customer.relationship.event'
                                            AND a.res_id = e.id
                   WHERE e.state = 'planned' AND e.plan_item IN ('call', 'care_call', 'visit')
                   GROUP BY 1, 2)
        SELECT count(*) FILTER (WHERE m.partner_id IS NULL),
               count(*) FILTER (WHERE f.partner_id IS NULL),
               count(*) FILTER (WHERE m.n > 1),
               count(*) FILTER (WHERE m.date <> f.date),
               count(*) FILTER (WHERE m.name <> f.name),
               count(*) FILTER (WHERE m.activities <> 1),
               count(*)
        FROM m FULL JOIN bench_plan_floor f
          ON f.partner_id = m.partner_id AND f.channel = m.channel""")
    r = cr.fetchone()
    return {'missing_in_module': r[0], 'extra_in_module': r[1], 'duplicates': r[2],
            'date': r[3], 'name': r[4], 'activities': r[5], 'rows': r[6]}


# -------------------------------------------------------------------------------- kpi
# The nightly refresh of the KPI snapshot (customer.manager.kpi.snapshot). Its floor is the
# figures' aggregate alone, into a temporary table: what remains of the module's time is
# keeping the snapshot's rows in place (the upsert of changed rows, the delete of vanished
# months). The aggregate is the module's own query: there is no cheaper SQL for "kept/lost
# at the end of every month" than its running sum over order-month transitions, nor for the
# contacts and costs than one GROUP BY each; the naive loop (cm_bench_jobs.naive_kpi)
# computes the same figures independently.
def kpi_figures():
    """The snapshot's figure columns, as the module defines them (Odoo must be loaded)."""
    from odoo.addons.customer_maintenance.report.customer_manager_kpi_figures import FIGURES
    return FIGURES


def _kpi_query():
    from odoo.addons.customer_maintenance.report.customer_manager_kpi_snapshot import (
        CustomerManagerKpiSnapshot)
    return CustomerManagerKpiSnapshot._snapshot_query()


def kpi_compute(cr, today=None):
    """The figures per manager and month (the query reads CURRENT_DATE, not `today`)."""
    if not table_exists(cr, 'customer_manager_kpi_snapshot'):
        return None
    cr.execute("DROP TABLE IF EXISTS bench_kpi_floor")
    cr.execute("CREATE TEMP TABLE bench_kpi_floor AS " + _kpi_query())
    return cr.rowcount


def kpi_write(cr):
    """The simplest set-based write: replace the snapshot (new ids every night)."""
    cr.execute("DELETE FROM customer_manager_kpi_snapshot")
    cr.execute("""
        INSERT INTO customer_manager_kpi_snapshot (user_id, date, {cols}, create_uid, create_date,
                                                write_uid, write_date)
        SELECT user_id, date, {cols}, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
        FROM bench_kpi_floor""".format(cols=', '.join(kpi_figures())))
    return True


def compare_kpi(cr):
    """The module's snapshot vs the floor's figures, row by row."""
    cr.execute("""
        SELECT count(*) FILTER (WHERE m.user_id IS NULL),
               count(*) FILTER (WHERE f.user_id IS NULL),
               count(*) FILTER (WHERE ({m}) IS DISTINCT FROM ({f})),
               count(*)
        FROM customer_manager_kpi_snapshot m
        FULL JOIN bench_kpi_floor f ON f.user_id = m.user_id AND f.date = m.date""".format(
        m=', '.join('m.' + c for c in kpi_figures()),
        f=', '.join('f.' + c for c in kpi_figures())))
    r = cr.fetchone()
    return {'missing_in_module': r[0], 'extra_in_module': r[1], 'figures': r[2], 'rows': r[3]}


JOBS = {
    'abc': (abc_compute, abc_write, compare_abc),
    'cycles': (cycles_compute, cycles_write, compare_cycles),
    'plan': (plan_compute, plan_write, compare_plan),
    'kpi_refresh': (kpi_compute, kpi_write, compare_kpi),
}
