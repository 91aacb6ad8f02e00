# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly customer health score as one SQL statement, built from small pieces (the
formula and its pure-Python reference: services/health.py).

the customers -> their figures (cycles, sales of the two half-years, the policy's contacts,
open receivables) -> the points each factor loses -> the score and label -> UPDATE only the
customers whose values change -> the month's history row (one per customer and month,
upserted). "Today" and the weights are parameters, never CURRENT_DATE.
"""
import datetime

from odoo.tools import SQL

from ..services.health import CONTACT_DAYS, FACTORS, HEALTHY_MIN, WATCH_MIN

_ONE_DAY = datetime.timedelta(days=1)


def customers():
    """The customers scored: commercial partners that are customers."""
    return SQL("""
        SELECT p.id AS partner_id, p.company_id FROM res_partner p
         WHERE p.parent_id IS NULL AND p.customer_rank > 0 AND p.active""")


def cycle_figures(today):
    """Per customer: its cycles with a due date, the lapsed, the overdue (not lapsed) and
    the anomalous ones."""
    return SQL("""
        SELECT partner_id, count(*) AS cycles,
               count(*) FILTER (WHERE lapse_date <= %(today)s::date) AS lapsed,
               count(*) FILTER (WHERE next_due_date < %(today)s::date
                                  AND (lapse_date IS NULL OR lapse_date > %(today)s::date))
                   AS overdue,
               count(*) FILTER (WHERE anomaly <> 'none') AS anomalies
          FROM customer_consumption_cycle
         WHERE next_due_date IS NOT NULL
         GROUP BY partner_id""", today=today)


def sales_figures(start, middle, end):
    """Per commercial partner: untaxed sales in the company currency of [start, middle)
    (before) and [middle, end) (recent)."""
    amount = SQL("o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1.0)")
    return SQL("""
        SELECT p.commercial_partner_id AS partner_id,
               COALESCE(SUM(%(amount)s) FILTER (WHERE o.date_order >= %(middle)s::date), 0)
                   AS recent,
               COALESCE(SUM(%(amount)s) FILTER (WHERE o.date_order < %(middle)s::date), 0)
                   AS before
          FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
         WHERE o.state = 'sale'
           AND o.date_order >= %(start)s::date AND o.date_order < %(end)s::date
         GROUP BY 1""", amount=amount, start=start, middle=middle, end=end)


def contact_figures(today):
    """Per customer: the contacts its tier's policy planned over the last CONTACT_DAYS days
    (not cancelled), and those still open."""
    return SQL("""
        SELECT p.commercial_partner_id AS partner_id, count(*) AS contacts,
               count(*) FILTER (WHERE e.state = 'planned') AS missed
          FROM customer_relationship_event e
          JOIN res_partner p ON p.id = e.partner_id
         WHERE e.plan_item IS NOT NULL AND e.state <> 'cancelled'
           AND e.date >= %(today)s::date - %(days)s AND e.date < %(today)s::date
         GROUP BY 1""", today=today, days=CONTACT_DAYS)


def receivable_figures(today):
    """Per commercial partner: the residual of its posted customer invoices, and the part
    past due (company currency)."""
    return SQL("""
        SELECT m.commercial_partner_id AS partner_id,
               SUM(m.amount_residual_signed) AS residual,
               COALESCE(SUM(m.amount_residual_signed)
                        FILTER (WHERE m.invoice_date_due < %(today)s::date), 0)
                   AS overdue_residual
          FROM account_move m
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
           AND m.amount_residual_signed > 0
         GROUP BY 1""", today=today)


def share(part, whole):
    """part / whole within 0..1, 0 without a whole (services/health.py `ratio`)."""
    return SQL("""CASE WHEN COALESCE(%(whole)s, 0) > 0
                       THEN LEAST(1.0, GREATEST(0.0, (%(part)s)::float8 / (%(whole)s)::float8))
                       ELSE 0.0 END""", part=part, whole=whole)


def lost_points(weights):
    """The points each factor loses, per customer of `customers` joined to its figures."""
    shares = {
        'recency': share(SQL('cy.lapsed + cy.overdue / 2.0'), SQL('cy.cycles')),
        'trend': share(SQL('s.before - s.recent'), SQL('s.before')),
        'contacts': share(SQL('ct.missed'), SQL('ct.contacts')),
        'receivables': share(SQL('r.overdue_residual'), SQL('r.residual')),
        'anomalies': share(SQL('cy.anomalies'), SQL('cy.cycles')),
    }
    return SQL("""
        SELECT c.partner_id, c.company_id, %(points)s
          FROM customers c
          LEFT JOIN cycles cy ON cy.partner_id = c.partner_id
          LEFT JOIN sales s ON s.partner_id = c.partner_id
          LEFT JOIN contacts ct ON ct.partner_id = c.partner_id
          LEFT JOIN receivables r ON r.partner_id = c.partner_id""",
               points=SQL(', ').join(
                   SQL('%s::float8 * (%s) AS %s', weights[factor], shares[factor],
                       SQL.identifier('lost_' + factor)) for factor in FACTORS))


def scored():
    """Score (100 minus the points lost, rounded half to even) and label."""
    total = SQL(' + ').join(SQL.identifier('lost_' + factor) for factor in FACTORS)
    return SQL("""
        SELECT l.*, x.score,
               CASE WHEN x.score >= %(healthy)s THEN 'healthy'
                    WHEN x.score >= %(watch)s THEN 'watch' ELSE 'at_risk' END AS label
          FROM lost l
          CROSS JOIN LATERAL (SELECT round(100.0::float8 - (%(total)s))::int AS score) x""",
               total=total, healthy=HEALTHY_MIN, watch=WATCH_MIN)


def update_partners(today):
    """Write score, label and points lost of the customers whose values change; the day
    the label turned at risk is kept while it stays (`p` holds the values before)."""
    columns = ['health_score', 'health_label'] + ['health_lost_' + f for f in FACTORS]
    values = ['score', 'label'] + ['lost_' + f for f in FACTORS]
    return SQL("""
        UPDATE res_partner p SET %(assign)s, health_date = %(today)s::date,
               health_at_risk_date = CASE WHEN s.label = 'at_risk' THEN COALESCE(
                   CASE WHEN p.health_label = 'at_risk' THEN p.health_at_risk_date END,
                   %(today)s::date) END
          FROM scored s
         WHERE p.id = s.partner_id
           AND (%(old)s) IS DISTINCT FROM (%(new)s)
        RETURNING p.id""",
               assign=SQL(', ').join(SQL('%s = s.%s', SQL.identifier(c), SQL.identifier(v))
                                     for c, v in zip(columns, values)),
               old=SQL(', ').join(SQL('p.%s', SQL.identifier(c)) for c in columns),
               new=SQL(', ').join(SQL('s.%s', SQL.identifier(v)) for v in values),
               today=today)


def upsert_history(month, uid):
    """The month's history row of every scored customer (one per customer and month: the
    last night of the month stays)."""
    return SQL("""
        INSERT INTO customer_health_history AS h
               (partner_id, month, score, label, company_id,
                create_uid, create_date, write_uid, write_date)
        SELECT partner_id, %(month)s::date, score, label, company_id,
               %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM scored
            ON CONFLICT (partner_id, month) DO UPDATE
           SET score = EXCLUDED.score, label = EXCLUDED.label,
               company_id = EXCLUDED.company_id, write_date = EXCLUDED.write_date
         WHERE (h.score, h.label, h.company_id)
               IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.label, EXCLUDED.company_id)
        RETURNING id""", month=month, uid=uid)


def score_customers(*, today, trend_start, trend_middle, weights, uid):
    """The whole scoring; returns one row (customers updated, history rows written)."""
    return SQL("""
        WITH customers AS (%(customers)s), cycles AS (%(cycles)s), sales AS (%(sales)s),
             contacts AS (%(contacts)s), receivables AS (%(receivables)s),
             lost AS (%(lost)s), scored AS (%(scored)s), updated AS (%(updated)s),
             history AS (%(history)s)
        SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM history)""",
               customers=customers(), cycles=cycle_figures(today),
               sales=sales_figures(trend_start, trend_middle, today + _ONE_DAY),
               contacts=contact_figures(today), receivables=receivable_figures(today),
               lost=lost_points(weights), scored=scored(), updated=update_partners(today),
               history=upsert_history(today.replace(day=1), uid))
