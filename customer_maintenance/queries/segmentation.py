# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Set-based reads of the segmentation: buying months (loyalty), invoice figures (credit
rating), key accounts whose team is too small (at risk), and the stored claim columns."""
from odoo.tools import SQL


def _partner_filter(column, partner_ids):
    if partner_ids is None:
        return SQL("TRUE")
    return SQL("%s = ANY(%s)", SQL.identifier(*column.split('.')), list(partner_ids))


def order_months(partner_ids, date_from, date_to):
    """(commercial partner, months with a confirmed order, last order date) over
    [date_from, date_to)."""
    return SQL("""
        SELECT p.commercial_partner_id,
               count(DISTINCT date_trunc('month', o.date_order)),
               max(o.date_order)::date
          FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
         WHERE %(partners)s AND o.state = 'sale'
           AND o.date_order >= %(date_from)s::date AND o.date_order < %(date_to)s::date
         GROUP BY 1""", partners=_partner_filter('p.commercial_partner_id', partner_ids),
               date_from=date_from, date_to=date_to)


def credit_stats(today, date_from, partner_ids=None):
    """(commercial partner, invoiced, overdue) of posted customer invoices dated in
    [date_from, today], in company currency: overdue = what is still due past the due date."""
    return SQL("""
        SELECT m.commercial_partner_id,
               SUM(m.amount_total_signed),
               SUM(CASE WHEN m.payment_state NOT IN ('paid', 'in_payment', 'reversed')
                             AND m.invoice_date_due < %(today)s::date
                        THEN m.amount_residual_signed ELSE 0 END)
          FROM account_move m
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
           AND m.invoice_date >= %(date_from)s::date AND m.invoice_date <= %(today)s::date
           AND m.commercial_partner_id IS NOT NULL AND %(partners)s
         GROUP BY 1""", today=today, date_from=date_from,
               partners=_partner_filter('m.commercial_partner_id', partner_ids))


def set_credit_rating(rating, partner_ids):
    """Give `rating` to the commercial partners (and their contacts) whose rating is not set
    by hand and differs."""
    return SQL("""
        UPDATE res_partner SET credit_rating = %(rating)s
         WHERE commercial_partner_id = ANY(%(ids)s)
           AND NOT COALESCE(credit_rating_override, FALSE)
           AND credit_rating IS DISTINCT FROM %(rating)s""", rating=rating, ids=list(partner_ids))


def key_accounts_at_risk(default_tier_id):
    """Ids of the key accounts whose team (account manager + customer team) is smaller than
    their tier requires, or that lack a required executive sponsor. A key account without a
    tier is judged by `default_tier_id` (the tier of class A)."""
    return SQL("""
        SELECT p.id
          FROM res_partner p
          JOIN customer_tier t ON t.id = COALESCE(p.customer_tier_id, %(tier)s::int)
         WHERE p.is_key_account AND p.id = p.commercial_partner_id
           AND ((t.requires_sponsor AND p.executive_sponsor_id IS NULL)
                OR (CASE WHEN p.user_id IS NULL THEN 0 ELSE 1 END
                    + (SELECT count(*) FROM res_partner_customer_team_rel r
                        WHERE r.partner_id = p.id AND r.user_id IS DISTINCT FROM p.user_id))
                   < t.min_team_size)""", tier=default_tier_id)


def fill_partner_claims():
    """Set res_partner.claim_user_id / claim_date_expiry from the active claims in one
    statement (install, upgrade): only rows whose values change are written."""
    return SQL("""
        WITH active AS (
            SELECT partner_id, user_id, date_expiry
              FROM customer_prospect_claim WHERE state = 'active'
        )
        UPDATE res_partner p
           SET claim_user_id = a.user_id, claim_date_expiry = a.date_expiry
          FROM res_partner p2
          LEFT JOIN active a ON a.partner_id = p2.id
         WHERE p2.id = p.id
           AND (a.partner_id IS NOT NULL OR p2.claim_user_id IS NOT NULL
                OR p2.claim_date_expiry IS NOT NULL)
           AND (p.claim_user_id, p.claim_date_expiry)
               IS DISTINCT FROM (a.user_id, a.date_expiry)""")
