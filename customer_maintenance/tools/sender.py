# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The sender of the module's notifications when the acting user has no email address.

A login name without an email address is common for account managers; Odoo then refuses to
post or notify ("Unable to send message, please configure the sender's email address"). The
message keeps the user as its author and is sent from the company's address instead: the
company's email, else its catchall alias, else its alias domain's default sender.
"""
from odoo.tools import formataddr


def company_email(company):
    """The address the company sends from, or False when it has none at all."""
    company = company.sudo()
    return (company.partner_id.email_normalized or company.catchall_email
            or company.default_from_email or False)


def company_sender(env, author=None, company=None):
    """`"Author Name" <company address>` (or the company's name), False when the company
    has no address either."""
    company = company or env.company
    address = company_email(company)
    if not address:
        return False
    name = author.name if author else company.name
    return formataddr((name or company.name, address))
