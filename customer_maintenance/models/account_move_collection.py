# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import models
from odoo.tools import SQL


class AccountMove(models.Model):
    _inherit = 'account.move'

    def init(self):
        super().init()
        # the open customer invoices of a customer (queries/collections.py: its page, the
        # paid calls' check): Odoo indexes account_move by partner_id, not by the commercial
        # partner the invoices of a company's contacts are gathered under
        self.env.cr.execute(SQL("""
            CREATE INDEX IF NOT EXISTS customer_maintenance_account_move_open_customer_idx
                ON account_move (commercial_partner_id, invoice_date_due)
             WHERE move_type = 'out_invoice' AND state = 'posted'
               AND payment_state IN ('not_paid', 'partial')"""))
