# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""SQL of the management capability (ledgers, KPIs)."""
from odoo.tools import SQL


def confirmed_orders():
    """Confirmed sale orders (18.0: state 'sale'; no 'done'), amounts in the company currency
    (`currency_rate` is the order currency per company currency, stored on the order)."""
    return SQL("""
        SELECT so.id, so.partner_id, so.date_order::date AS day,
               so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount
          FROM sale_order so
         WHERE so.state = 'sale'
    """)


def promotion_sales_effect(record_ids, partner_ids, days, months):
    """(record id, sales before, sales after) of each promotion support: untaxed sales of its
    customer (and the customer's contacts) over `months` months before its date and from its
    date on. The three lists are parallel."""
    return SQL("""
        WITH supp AS (
            SELECT * FROM unnest(%(ids)s::int[], %(partners)s::int[], %(days)s::date[])
                       AS s(id, partner_id, day)
        ), orders AS (%(orders)s)
        SELECT supp.id,
               COALESCE(SUM(o.amount) FILTER (
                   WHERE o.day >= supp.day - make_interval(months => %(months)s)
                     AND o.day < supp.day), 0),
               COALESCE(SUM(o.amount) FILTER (
                   WHERE o.day >= supp.day
                     AND o.day < supp.day + make_interval(months => %(months)s)), 0)
          FROM supp
          LEFT JOIN res_partner p ON p.commercial_partner_id = supp.partner_id
          LEFT JOIN orders o ON o.partner_id = p.id
         GROUP BY supp.id
    """, ids=list(record_ids), partners=list(partner_ids), days=list(days), months=months,
        orders=confirmed_orders())


def profile_card_sales(partner_ids, start, today):
    """(commercial partner id, quarters back from today (0 = the last 91 days), untaxed sales)
    of the confirmed orders of the customers (and their contacts) from `start` to `today`."""
    return SQL("""
        WITH orders AS (%(orders)s)
        SELECT p.commercial_partner_id,
               FLOOR((%(today)s::date - o.day) / 91.3125)::int AS quarter_back,
               SUM(o.amount)
          FROM orders o
          JOIN res_partner p ON p.id = o.partner_id
         WHERE p.commercial_partner_id = ANY(%(partners)s)
           AND o.day >= %(start)s AND o.day <= %(today)s
         GROUP BY 1, 2
    """, orders=confirmed_orders(), today=today, start=start, partners=list(partner_ids))


def customers_won(start, end):
    """(account manager, commercial partner) of the customers whose first confirmed order is
    dated from `start` (included) to `end` (excluded)."""
    return SQL("""
        WITH orders AS (%(orders)s)
        SELECT cp.user_id, cp.id
          FROM orders o
          JOIN res_partner p ON p.id = o.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
         WHERE cp.user_id IS NOT NULL
         GROUP BY cp.user_id, cp.id
        HAVING MIN(o.day) >= %(start)s AND MIN(o.day) < %(end)s
    """, orders=confirmed_orders(), start=start, end=end)
