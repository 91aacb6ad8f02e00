# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, exceptions, models

from ..tools.sender import company_sender


class CustomerPartnerRecordMixin(models.AbstractModel):
    """Every step of an account manager's day works for a user without an email address:
    messages and notifications of the module's records (activity assigned, activity done,
    greeting sent) keep the user as author and fall back to the company's sender."""
    _inherit = 'customer.partner.record.mixin'

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False)
        if not email_from:
            author = self.env['res.partner'].browse(author_id) if author_id else None
            company = self[:1].company_id or self.env.company
            email_from = company_sender(self.env, author=author, company=company)
        if not email_from and raise_on_email and not self.env.su:
            raise exceptions.UserError(_(
                'Unable to send the message: neither you nor the company %(company)s has an '
                'email address. Set the email of the company (Settings > Companies) or your '
                'own (My Profile).', company=(self[:1].company_id or self.env.company).name))
        return author_id, email_from
