# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class CustomerHandoverLog(models.Model):
    """Who held a customer when: one row per customer handed over (written by the hand-over
    wizard). The incentive statements split a customer's month at the hand-over date: orders
    dated before it count for the leaving manager, from it on for the successor."""
    _name = 'customer.handover.log'
    _description = 'Customer Hand-over Log'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True,
                                 ondelete='cascade')
    date = fields.Date(required=True)
    from_user_id = fields.Many2one('res.users', string='From Account Manager', required=True)
    to_user_id = fields.Many2one('res.users', string='To Account Manager', required=True)

    _sql_constraints = [
        ('distinct_managers', 'CHECK(from_user_id != to_user_id)',
         'A hand-over goes to another account manager.'),
    ]

    def init(self):
        # the statement looks up the first hand-over of a customer after a day
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS customer_handover_log_partner_date_idx
                ON customer_handover_log (partner_id, date, id)
        """)
