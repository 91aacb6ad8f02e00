# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly RFM segmentation as one SQL statement, built from small pieces (the rule and
its pure-Python reference: services/rfm.py).

orders per commercial partner and company -> quintile scores -> segment -> one row per
customer (its best company) -> UPDATE only the commercial partners whose values change ->
one history row per segment change. Orders as the ABC classification reads them (confirmed,
`date_order` in the period, untaxed amount in the company currency).
"""
from odoo.tools import SQL

from ..services.rfm import QUINTILES, SLIPPING
from .arrays import array


def order_figures(date_from, date_to):
    """(company_key, partner_id, last_day, order_count, amount) of every commercial partner
    that bought in [date_from, date_to)."""
    return SQL("""
        SELECT COALESCE(cp.company_id, o.company_id) AS company_key, cp.id AS partner_id,
               max(o.date_order)::date AS last_day, count(*) AS order_count,
               SUM(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1.0)) AS amount
          FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE o.state = 'sale'
           AND o.date_order >= %(date_from)s::date AND o.date_order < %(date_to)s::date
           AND (cp.company_id IS NULL OR cp.company_id = o.company_id)
         GROUP BY 1, 2""", date_from=date_from, date_to=date_to)


def quintile(column):
    """The 1-5 score of `column` within the company (services/rfm.py `scores`)."""
    return SQL("""1 + (%(q)s * (rank() OVER (PARTITION BY company_key ORDER BY %(column)s) - 1))
                      / count(*) OVER (PARTITION BY company_key)""",
               q=QUINTILES, column=SQL.identifier(column))


def scored():
    """The three scores of each row of `figures`."""
    return SQL("""
        SELECT company_key, partner_id, amount,
               (%(r)s)::int AS r, (%(f)s)::int AS f, (%(m)s)::int AS m
          FROM figures""", r=quintile('last_day'), f=quintile('order_count'),
               m=quintile('amount'))


def segmented():
    """One row per partner (its company of the largest amount) with its segment
    (services/rfm.py `segment`)."""
    return SQL("""
        SELECT DISTINCT ON (partner_id) partner_id, company_key, r, f, m,
               CASE WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'champions'
                    WHEN r >= 3 AND f >= 3 THEN 'loyal'
                    WHEN r <= 2 AND f >= 4 THEN 'cant_lose'
                    WHEN r <= 2 AND (f = 3 OR m >= 4) THEN 'at_risk'
                    WHEN r >= 4 AND f = 1 THEN 'new'
                    WHEN r >= 3 THEN 'potential'
                    WHEN r = 2 THEN 'hibernating'
                    ELSE 'lost' END AS segment
          FROM scored
         ORDER BY partner_id, amount DESC, company_key""")


def target():
    """The segmented partners, plus the commercial partners segmented before that have no
    order in the period any more (their segment is cleared)."""
    return SQL("""
        SELECT partner_id, company_key, r, f, m, segment FROM segmented
        UNION ALL
        SELECT p.id, p.company_id, NULL, NULL, NULL, NULL
          FROM res_partner p
         WHERE p.rfm_segment IS NOT NULL AND p.id = p.commercial_partner_id
           AND NOT EXISTS (SELECT 1 FROM segmented s WHERE s.partner_id = p.id)""")


def update_partners(today):
    """Write the scores and segment of the commercial partners whose values change; `old`
    is the row as the statement found it (its segment before)."""
    return SQL("""
        UPDATE res_partner p
           SET rfm_recency = t.r, rfm_frequency = t.f, rfm_monetary = t.m,
               rfm_segment = t.segment, rfm_date = %(today)s::date
          FROM target t
          JOIN res_partner old ON old.id = t.partner_id
         WHERE p.id = t.partner_id
           AND (p.rfm_recency, p.rfm_frequency, p.rfm_monetary, p.rfm_segment)
               IS DISTINCT FROM (t.r, t.f, t.m, t.segment)
        RETURNING p.id, t.company_key, t.segment AS new_segment,
                  old.rfm_segment AS old_segment""", today=today)


def insert_history(today, uid):
    """One customer.rfm.history row per commercial partner whose segment changed."""
    return SQL("""
        INSERT INTO customer_rfm_history
               (partner_id, old_segment, new_segment, is_slipping, date, company_id,
                create_uid, create_date, write_uid, write_date)
        SELECT id, old_segment, new_segment,
               new_segment = ANY(%(slipping)s) AND NOT COALESCE(old_segment = ANY(%(slipping)s),
                                                                 FALSE),
               %(today)s::date, company_key,
               %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM updated
         WHERE old_segment IS DISTINCT FROM new_segment
        RETURNING id""", today=today, uid=uid, slipping=array(SLIPPING, 'varchar'))


def segment_customers(*, today, date_from, date_to, uid):
    """The whole segmentation; returns one row (partners updated, segment changes)."""
    return SQL("""
        WITH figures AS (%(figures)s), scored AS (%(scored)s), segmented AS (%(segmented)s),
             target AS (%(target)s), updated AS (%(updated)s), history AS (%(history)s)
        SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM history)""",
               figures=order_figures(date_from, date_to), scored=scored(),
               segmented=segmented(), target=target(), updated=update_partners(today),
               history=insert_history(today, uid))
