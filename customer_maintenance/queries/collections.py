# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL of the collection calls (收款, `cron_plan_collection_calls`).

Each function returns an `odoo.tools.SQL`; today is a parameter (never CURRENT_DATE).
`services/collections.py` is the oracle `due_collections` is compared with.
"""
from odoo.tools import SQL

from .arrays import array


def overdue_invoices(today, partner_ids=None):
    """(partner_id, amount, oldest_due, urgency) of the customers owing overdue money: posted
    customer invoices not (fully) paid, due before `today`, residual in company currency."""
    partners = (SQL('TRUE') if partner_ids is None
                else SQL('m.commercial_partner_id = ANY(%s)', array(partner_ids, 'int')))
    return SQL("""
        SELECT m.commercial_partner_id AS partner_id,
               SUM(m.amount_residual_signed) AS amount,
               MIN(m.invoice_date_due) AS oldest_due,
               SUM(m.amount_residual_signed * (%(today)s::date - m.invoice_date_due)) AS urgency
          FROM account_move m
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
           AND m.payment_state IN ('not_paid', 'partial')
           AND m.invoice_date_due < %(today)s::date AND m.amount_residual_signed > 0
           AND m.commercial_partner_id IS NOT NULL AND %(partners)s
         GROUP BY m.commercial_partner_id""", today=today, partners=partners)


def last_done_calls(overdue):
    """The last done collection call (planned by the job or logged by hand) of each customer
    of the CTE `overdue`."""
    return SQL("""
        SELECT DISTINCT ON (e.partner_id) e.partner_id, e.id, e.date, e.promise_date,
               e.promise_amount, e.collection_amount
          FROM customer_relationship_event e
          JOIN %(overdue)s o ON o.partner_id = e.partner_id
         WHERE e.kind = 'collection' AND e.state = 'done'
         ORDER BY e.partner_id, e.date DESC, e.id DESC""", overdue=SQL.identifier(overdue))


def due_collections(today, retry_days, tolerance, partner_ids=None):
    """The customers to call tonight (no collection call planned, by the job or by hand),
    most urgent first: (partner_id, name, user_id,
    company_id, lang, amount, oldest_due, urgency, is_key_account, broken_call_id)."""
    next_call = SQL("""CASE WHEN lc.promise_date IS NOT NULL THEN lc.promise_date + 1
                            WHEN lc.id IS NOT NULL THEN lc.date + %(retry)s
                       END""", retry=retry_days)
    broken = SQL("""CASE WHEN lc.promise_date < %(today)s::date
                          AND o.amount > COALESCE(lc.collection_amount, 0)
                                         - COALESCE(lc.promise_amount, 0) + %(tolerance)s
                         THEN lc.id END""", today=today, tolerance=tolerance)
    return SQL("""
        WITH overdue AS (%(overdue)s),
             last_call AS (%(last_calls)s)
        SELECT p.id AS partner_id, p.name, p.user_id,
               COALESCE(p.company_id, u.company_id) AS company_id, up.lang,
               o.amount, o.oldest_due, o.urgency,
               COALESCE(p.is_key_account, FALSE) AS is_key_account,
               %(broken)s AS broken_call_id
          FROM overdue o
          JOIN res_partner p ON p.id = o.partner_id AND p.active
          JOIN res_users u ON u.id = p.user_id AND u.active
          JOIN res_partner up ON up.id = u.partner_id
          LEFT JOIN last_call lc ON lc.partner_id = o.partner_id
         WHERE COALESCE(%(next_call)s, %(today)s::date) <= %(today)s::date
           AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                            WHERE e.partner_id = o.partner_id AND e.state = 'planned'
                              AND e.kind = 'collection')
         ORDER BY round(o.urgency, 2) DESC, COALESCE(p.is_key_account, FALSE) DESC, p.id""",
               overdue=overdue_invoices(today, partner_ids), last_calls=last_done_calls('overdue'),
               broken=broken, next_call=next_call, today=today)


def paid_collection_calls(today):
    """Ids of the planned collection calls whose customer owes nothing overdue any more."""
    return SQL("""
        SELECT e.id
          FROM customer_relationship_event e
         WHERE e.state = 'planned' AND e.plan_item = 'collection'
           AND NOT EXISTS (SELECT 1 FROM account_move m
                            WHERE m.commercial_partner_id = e.partner_id
                              AND m.move_type = 'out_invoice' AND m.state = 'posted'
                              AND m.payment_state IN ('not_paid', 'partial')
                              AND m.invoice_date_due < %(today)s::date
                              AND m.amount_residual_signed > 0)
         ORDER BY e.id""", today=today)

