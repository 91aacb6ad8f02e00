# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly ABC (Pareto) classification as one SQL statement, built from small pieces.

sales per commercial partner and company -> rank -> class -> the values each customer should
have -> UPDATE only the rows whose values change (the company and its contacts) -> one history
row per class change of a commercial partner. `services/abc.py` is the same rule in Python;
the tests compare both on generated histories.

Sales are the untaxed amounts of confirmed sale orders (state 'sale') whose `date_order` (the
confirmation date in 18.0) is in [date_from, date_to), converted to the company currency with
the order's own `currency_rate` (company currency -> order currency, fixed on the order).
A customer of one company is ranked in that company; a customer without company is ranked in
each company it bought from and keeps its best class.
"""
from odoo.tools import SQL


def sales_by_partner(date_from, date_to):
    """(company_key, partner_id, amount) of every commercial partner that bought."""
    return SQL("""
        SELECT COALESCE(cp.company_id, o.company_id) AS company_key,
               cp.id AS partner_id,
               SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1.0)) AS amount
          FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE o.state = 'sale'
           AND o.date_order >= %(date_from)s::date AND o.date_order < %(date_to)s::date
           AND (cp.company_id IS NULL OR cp.company_id = o.company_id)
         GROUP BY 1, 2""", date_from=date_from, date_to=date_to)


def ranked():
    """Rank, running total and company total of the rows of `sales`."""
    return SQL("""
        SELECT company_key, partner_id, amount,
               row_number() OVER w AS rank,
               SUM(amount) OVER w AS cumulative,
               SUM(amount) FILTER (WHERE amount > 0) OVER (PARTITION BY company_key) AS total
          FROM sales
        WINDOW w AS (PARTITION BY company_key ORDER BY amount DESC, partner_id
                     ROWS UNBOUNDED PRECEDING)""")


def classed(threshold_a, threshold_b):
    """One row per partner of `ranked`: class, rounded amount, rank and cumulative share;
    a partner ranked in several companies keeps its best class, then its largest amount."""
    return SQL("""
        SELECT DISTINCT ON (partner_id) partner_id, company_key,
               CASE WHEN amount <= 0 OR total IS NULL OR total <= 0 THEN 'C'
                    WHEN (cumulative - amount) * 100 < %(threshold_a)s::numeric * total THEN 'A'
                    WHEN (cumulative - amount) * 100 < %(threshold_b)s::numeric * total THEN 'B'
                    ELSE 'C' END AS abc_class,
               round(amount, 2) AS amount, rank::int AS rank,
               CASE WHEN amount > 0 AND total > 0 THEN round(cumulative * 100 / total, 2)
                    ELSE 100.0 END AS share
          FROM ranked
         ORDER BY partner_id, 3, amount DESC""",
               threshold_a=threshold_a, threshold_b=threshold_b)


def target():
    """The classified partners, plus the commercial partners classified before that have no
    sales in the period any more (their class is cleared)."""
    return SQL("""
        SELECT partner_id, company_key, abc_class, amount, rank, share FROM classed
        UNION ALL
        SELECT p.id, p.company_id, NULL, NULL, NULL, NULL
          FROM res_partner p
         WHERE p.abc_class IS NOT NULL AND p.id = p.commercial_partner_id
           AND NOT EXISTS (SELECT 1 FROM classed c WHERE c.partner_id = p.id)""")


def computed(auto_tier, tier_a, tier_b, tier_c):
    """The key-account flag (unless set by hand) and the tier (from the class when
    `auto_tier`, unless locked) each target partner should have."""
    return SQL("""
        SELECT t.*, cp.abc_class AS old_class,
               CASE WHEN cp.is_key_account_override THEN COALESCE(cp.is_key_account, FALSE)
                    ELSE COALESCE(t.abc_class = 'A', FALSE) END AS key_account,
               CASE WHEN %(auto_tier)s::bool AND NOT COALESCE(cp.tier_locked, FALSE)
                         AND t.abc_class IS NOT NULL
                    THEN COALESCE(CASE t.abc_class WHEN 'A' THEN %(tier_a)s::int
                                                   WHEN 'B' THEN %(tier_b)s::int
                                                   ELSE %(tier_c)s::int END,
                                  cp.customer_tier_id)
                    ELSE cp.customer_tier_id END AS tier_id
          FROM target t
          JOIN res_partner cp ON cp.id = t.partner_id""",
               auto_tier=bool(auto_tier), tier_a=tier_a, tier_b=tier_b, tier_c=tier_c)


def update_partners(today):
    """Write the computed values on the commercial partners and their contacts, only where
    a value changes; returns the written rows."""
    return SQL("""
        UPDATE res_partner p
           SET abc_class = c.abc_class, abc_sales_amount = c.amount, abc_rank = c.rank,
               abc_share = c.share, abc_date = %(today)s::date, is_key_account = c.key_account,
               customer_tier_id = c.tier_id
          FROM computed c
         WHERE p.commercial_partner_id = c.partner_id
           AND (p.abc_class, p.abc_sales_amount, p.abc_rank, p.abc_share, p.is_key_account,
                p.customer_tier_id)
               IS DISTINCT FROM (c.abc_class, c.amount, c.rank, c.share, c.key_account, c.tier_id)
        RETURNING p.id, p.id = c.partner_id AS is_commercial, c.old_class,
                  c.abc_class AS new_class, c.company_key""", today=today)


def insert_history(today, uid):
    """One customer.abc.history row per commercial partner whose class changed."""
    return SQL("""
        INSERT INTO customer_abc_history
               (partner_id, old_class, new_class, date, company_id,
                create_uid, create_date, write_uid, write_date)
        SELECT id, old_class, new_class, %(today)s::date, company_key,
               %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM updated
         WHERE is_commercial AND old_class IS DISTINCT FROM new_class
        RETURNING id""", today=today, uid=uid)


def classify_customers(*, today, date_from, date_to, threshold_a, threshold_b, auto_tier,
                       tier_a, tier_b, tier_c, uid):
    """The whole classification; returns one row (partners updated, class changes)."""
    return SQL("""
        WITH sales AS (%(sales)s), ranked AS (%(ranked)s), classed AS (%(classed)s),
             target AS (%(target)s), computed AS (%(computed)s), updated AS (%(updated)s),
             history AS (%(history)s)
        SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM history)""",
               sales=sales_by_partner(date_from, date_to),
               ranked=ranked(),
               classed=classed(threshold_a, threshold_b),
               target=target(),
               computed=computed(auto_tier, tier_a, tier_b, tier_c),
               updated=update_partners(today),
               history=insert_history(today, uid))
