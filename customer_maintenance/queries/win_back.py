# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The customers whose win-back call is due: their scored health turned at risk (on
`health_at_risk_date`), no supervisor's override says otherwise today, they have an account
manager, and no win-back call was planned for this turn (plan key) nor is one still open."""
from odoo.tools import SQL


def win_back_key():
    """The plan key of a customer's win-back call for its turn at risk."""
    return SQL("'win_back:' || p.id || ':' || p.health_at_risk_date")


def win_backs_to_plan(today):
    """(partner_id, user_id, company_id, name, plan_key, is_key_account, sponsor_id) rows."""
    return SQL("""
        SELECT p.id AS partner_id, p.user_id, COALESCE(p.company_id, u.company_id) AS company_id,
               p.name, %(key)s AS plan_key, COALESCE(p.is_key_account, FALSE) AS key_account,
               p.executive_sponsor_id AS sponsor_id
          FROM res_partner p
          JOIN res_users u ON u.id = p.user_id AND u.active
         WHERE p.health_at_risk_date IS NOT NULL AND p.active AND p.parent_id IS NULL
           AND NOT (p.health_override_label IS NOT NULL
                    AND p.health_override_label <> 'at_risk'
                    AND p.health_override_until >= %(today)s::date)
           AND NOT EXISTS (
               SELECT 1 FROM customer_relationship_event e
                WHERE e.partner_id = p.id AND e.plan_item = 'win_back'
                  AND (e.state = 'planned' OR e.plan_key = %(key)s))
         ORDER BY p.id""", today=today, key=win_back_key())
