# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""SQL of the monthly incentive statements (提成): one line per account manager, company and
customer with the rule of the plan that applied, and the customers won per manager.

The formula is written out in `services/incentive.py`, the pure-Python oracle the statement
is tested against; kept, lost and new use the KPIs' order history (`confirmed_orders`, amounts
in the company currency) and the KPIs' lost-after months. One pass over the orders before the
month's end (first and last order per customer and company, sales of the month, of the 12
months before and of the month a year before); hand-overs looked up by an index range per
customer only for the orders of the month and the customers with a deduction.
"""
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from .management import confirmed_orders
from .management_kpi import _columns, _users_filter

LINE_FIGURES = ('plan_id', 'rule', 'sales', 'rate', 'commission', 'base', 'deduction',
                'amount')
STATEMENT_FIGURES = ('customers_won', 'plan_id', 'new_customer_target', 'bonus')


def holder(partner, day):
    """The account manager holding `partner` (a commercial partner id) on `day`: the leaving
    manager of its first hand-over after that day, else its account manager now."""
    return SQL("""COALESCE(
        (SELECT hl.from_user_id FROM customer_handover_log hl
          WHERE hl.partner_id = %(partner)s AND hl.date > %(day)s
          ORDER BY hl.date, hl.id LIMIT 1),
        (SELECT hu.user_id FROM res_partner hu WHERE hu.id = %(partner)s))""",
               partner=partner, day=day)


def company_orders(month_end):
    """(commercial partner, company, day, amount) of the confirmed orders before `month_end`
    of the customers that have an account manager."""
    return SQL("""
        SELECT cp.id AS partner_id, so.company_id, o.day, o.amount
          FROM (%(orders)s) o
          JOIN sale_order so ON so.id = o.id
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE o.day < %(end)s AND cp.user_id IS NOT NULL
    """, orders=confirmed_orders(), end=month_end)


def customer_history(month, lost_months):
    """Per customer and company: first and last order day, sales of the month, of the 12
    months before it and of the same month a year before; `lapsed` (last order month is
    `lost_months` before) and `kept` (an order in the last `lost_months` months)."""
    year_ago = month - relativedelta(months=12)
    return SQL("""
        SELECT o.partner_id, o.company_id, MIN(o.day) AS first_day,
               COALESCE(SUM(o.amount) FILTER (WHERE o.day >= %(month)s), 0) AS sales,
               COALESCE(SUM(o.amount) FILTER (
                   WHERE o.day >= %(year_ago)s AND o.day < %(month)s), 0) AS sales_year,
               COALESCE(SUM(o.amount) FILTER (
                   WHERE o.day >= %(year_ago)s AND o.day < %(year_ago_end)s), 0)
                   AS sales_year_ago,
               MAX(o.day) >= %(lapse_from)s AND MAX(o.day) < %(lapse_to)s AS lapsed,
               MAX(o.day) >= %(lapse_to)s AS kept
          FROM orders o
         GROUP BY o.partner_id, o.company_id
    """, month=month, year_ago=year_ago, year_ago_end=year_ago + relativedelta(months=1),
        lapse_from=month - relativedelta(months=lost_months),
        lapse_to=month - relativedelta(months=lost_months - 1))


def applicable_plan(company, tier, month):
    """The plan of `company` valid on `month` for `tier`, else the one without tier."""
    return SQL("""
        SELECT pl.* FROM customer_incentive_plan pl
         WHERE pl.active AND pl.company_id = %(company)s AND pl.date_from <= %(month)s
           AND (pl.date_to IS NULL OR pl.date_to >= %(month)s)
           AND (pl.tier_id IS NULL OR pl.tier_id = %(tier)s)
         ORDER BY pl.tier_id IS NULL, pl.id LIMIT 1
    """, company=company, tier=tier, month=month)


def statement_lines(month, lost_months, user_ids=None):
    """The fresh lines of `month`: user_id, company_id, partner_id and the LINE_FIGURES, for
    the managers `user_ids` (all when None), from the CTEs `planned`, `sales_parts` and
    `deductions` of `_statement_ctes`."""
    return SQL("""
        SELECT l.user_id, l.company_id, l.partner_id, l.plan_id, l.rule, l.sales, l.rate,
               l.commission, l.base, l.deduction, l.commission - l.deduction AS amount
          FROM (
            SELECT COALESCE(s.user_id, d.user_id) AS user_id, h.company_id, h.partner_id,
                   h.plan_id, COALESCE(d.rule, CASE WHEN h.is_new THEN 'new' ELSE 'kept' END)
                       AS rule,
                   COALESCE(s.sales, 0) AS sales, h.rate,
                   ROUND((COALESCE(s.sales, 0) * h.rate / 100)::numeric, 2) AS commission,
                   ROUND(COALESCE(d.base, 0)::numeric, 2) AS base,
                   ROUND(COALESCE(d.deduction, 0)::numeric, 2) AS deduction
              FROM sales_parts s
              FULL JOIN deductions d ON d.partner_id = s.partner_id
                                    AND d.company_id = s.company_id AND d.user_id = s.user_id
              JOIN planned h ON h.partner_id = COALESCE(s.partner_id, d.partner_id)
                            AND h.company_id = COALESCE(s.company_id, d.company_id)
          ) l
         WHERE l.user_id IS NOT NULL %(users)s
    """, users=_users_filter(SQL('l.user_id'), user_ids))


def _statement_ctes(month, lost_months, user_ids):
    """The CTEs of the month's lines (`fresh`) and customers won (`won`)."""
    end = month + relativedelta(months=1)
    lines = statement_lines(month, lost_months, user_ids)
    return SQL("""
        orders AS (%(orders)s),
        history AS (%(history)s),
        planned AS (
            SELECT h.*, pl.id AS plan_id, pl.lost_rate, pl.drop_threshold, pl.drop_rate,
                   h.first_day >= (%(month)s::date - make_interval(months => pl.new_months - 1))
                       AS is_new,
                   CASE WHEN h.first_day >= (%(month)s::date
                                             - make_interval(months => pl.new_months - 1))
                        THEN pl.new_rate ELSE pl.existing_rate END AS rate
              FROM history h
              JOIN res_partner cp ON cp.id = h.partner_id
             CROSS JOIN LATERAL (%(plan)s) pl
        ),
        sales_parts AS (
            SELECT o.partner_id, o.company_id, %(order_holder)s AS user_id,
                   SUM(o.amount) AS sales
              FROM orders o
             WHERE o.day >= %(month)s
             GROUP BY 1, 2, 3
        ),
        deductions AS (
            SELECT h.partner_id, h.company_id, 'lost' AS rule,
                   %(lapse_holder)s AS user_id, h.sales_year / 12 AS base,
                   h.sales_year / 12 * h.lost_rate / 100 AS deduction
              FROM planned h WHERE h.lapsed
            UNION ALL
            SELECT h.partner_id, h.company_id, 'dropped', %(end_holder)s,
                   h.sales_year_ago - h.sales,
                   (h.sales_year_ago - h.sales) * h.drop_rate / 100
              FROM planned h
             WHERE h.kept AND NOT h.is_new AND h.sales_year_ago > 0
               AND h.sales_year_ago - h.sales > h.sales_year_ago * h.drop_threshold / 100
        ),
        fresh AS (%(lines)s),
        won AS (
            SELECT w.user_id, w.company_id, COUNT(*) AS customers_won
              FROM (SELECT %(won_holder)s AS user_id, h.company_id
                      FROM history h WHERE h.first_day >= %(month)s) w
             WHERE w.user_id IS NOT NULL %(users)s
             GROUP BY w.user_id, w.company_id
        )
    """, orders=company_orders(end), history=customer_history(month, lost_months),
        month=month, plan=applicable_plan(SQL('h.company_id'), SQL('cp.customer_tier_id'),
                                          month),
        order_holder=holder(SQL('o.partner_id'), SQL('o.day')),
        lapse_holder=holder(SQL('h.partner_id'), month),
        end_holder=holder(SQL('h.partner_id'), end - relativedelta(days=1)),
        won_holder=holder(SQL('h.partner_id'), SQL('h.first_day')), lines=lines,
        users=_users_filter(SQL('w.user_id'), user_ids))


def statement_rows(month, lost_months, user_ids=None):
    """The month's fresh lines and customers won, without writing: ('line', user, company,
    partner, LINE_FIGURES...) and ('won', user, company, count) rows (the oracle's test)."""
    return SQL("""
        WITH %(ctes)s
        SELECT 'line', f.user_id, f.company_id, f.partner_id, f.rule, f.plan_id, f.sales,
               f.rate, f.commission, f.base, f.deduction
          FROM fresh f
        UNION ALL
        SELECT 'won', w.user_id, w.company_id, w.customers_won, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL
          FROM won w
    """, ctes=_statement_ctes(month, lost_months, user_ids))


def statement_upsert(month, lost_months, uid, user_ids=None):
    """Bring the draft statements of `month` of the managers `user_ids` (all when None) to
    the fresh lines, in one statement: missing statements created, changed lines updated in
    place, new lines inserted, vanished ones deleted, customers won and the target's plan
    updated; a confirmed statement is never touched, nor a correction line. Unchanged rows
    are not written. Returns (fresh lines, lines written, lines deleted, statements
    created)."""
    figures = _columns(LINE_FIGURES)
    return SQL("""
        WITH %(ctes)s,
        keys AS (
            SELECT k.user_id, k.company_id, COALESCE(w.customers_won, 0) AS customers_won,
                   pl.id AS plan_id, COALESCE(pl.new_customer_target, 0) AS target,
                   CASE WHEN pl.new_customer_target > 0
                             AND COALESCE(w.customers_won, 0) >= pl.new_customer_target
                        THEN pl.new_customer_bonus ELSE 0 END AS bonus
              FROM (SELECT user_id, company_id FROM fresh
                    UNION SELECT user_id, company_id FROM won) k
              LEFT JOIN won w ON w.user_id = k.user_id AND w.company_id = k.company_id
              LEFT JOIN LATERAL (%(general_plan)s) pl ON TRUE
        ),
        created AS (
            INSERT INTO customer_incentive_statement AS s
                   (user_id, company_id, month, state, %(statement_figures)s,
                    create_uid, create_date, write_uid, write_date)
            SELECT k.user_id, k.company_id, %(month)s, 'draft', %(key_cols)s, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM keys k
            ON CONFLICT (user_id, company_id, month) DO NOTHING
            RETURNING s.id, s.user_id, s.company_id
        ),
        existing AS (
            SELECT s.id, s.user_id, s.company_id FROM customer_incentive_statement s
             WHERE s.month = %(month)s AND s.state = 'draft' %(users)s
        ),
        updated AS (
            UPDATE customer_incentive_statement s
               SET (%(statement_figures)s, write_uid, write_date) =
                   (%(new_cols)s, %(uid)s, now() at time zone 'UTC')
              FROM existing e
              LEFT JOIN keys k ON k.user_id = e.user_id AND k.company_id = e.company_id
             WHERE s.id = e.id AND (%(old_statement_cols)s) IS DISTINCT FROM (%(new_cols)s)
            RETURNING 1
        ),
        st AS (SELECT * FROM created UNION ALL SELECT * FROM existing),
        target AS (
            SELECT st.id AS statement_id, f.*
              FROM fresh f JOIN st ON st.user_id = f.user_id AND st.company_id = f.company_id
        ),
        upserted AS (
            INSERT INTO customer_incentive_statement_line AS l
                   (statement_id, partner_id, %(figures)s, create_uid, create_date, write_uid,
                    write_date)
            SELECT t.statement_id, t.partner_id, %(target_cols)s, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM target t
            ON CONFLICT (statement_id, partner_id) WHERE rule != 'correction' DO UPDATE
               SET (%(figures)s, write_uid, write_date) =
                   (%(excluded)s, EXCLUDED.write_uid, EXCLUDED.write_date)
             WHERE (%(old_cols)s) IS DISTINCT FROM (%(excluded)s)
            RETURNING 1
        ),
        deleted AS (
            DELETE FROM customer_incentive_statement_line l
             USING existing e
             WHERE l.statement_id = e.id AND l.rule != 'correction'
               AND NOT EXISTS (SELECT 1 FROM target t WHERE t.statement_id = l.statement_id
                                                        AND t.partner_id = l.partner_id)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM upserted),
               (SELECT count(*) FROM deleted),
               (SELECT count(*) FROM created) + (SELECT count(*) FROM updated)
    """, ctes=_statement_ctes(month, lost_months, user_ids), month=month, uid=uid,
        general_plan=applicable_plan(SQL('k.company_id'), None, month),
        statement_figures=_columns(STATEMENT_FIGURES),
        key_cols=_columns(('customers_won', 'plan_id', 'target', 'bonus'), 'k'),
        new_cols=SQL('COALESCE(k.customers_won, 0), k.plan_id, COALESCE(k.target, 0), '
                     'COALESCE(k.bonus, 0)'),
        old_statement_cols=_columns(STATEMENT_FIGURES, 's'),
        users=_users_filter(SQL('s.user_id'), user_ids), figures=figures,
        target_cols=_columns(LINE_FIGURES, 't'), excluded=_columns(LINE_FIGURES, 'excluded'),
        old_cols=_columns(LINE_FIGURES, 'l'))


def statement_managers(month):
    """Every user who may have a statement of `month`: the account managers of customers,
    the leaving managers of hand-overs and the users of the month's statements."""
    return SQL("""
        SELECT DISTINCT user_id FROM res_partner WHERE user_id IS NOT NULL
        UNION SELECT from_user_id FROM customer_handover_log WHERE date >= %(month)s
        UNION SELECT user_id FROM customer_incentive_statement WHERE month = %(month)s
    """, month=month)
