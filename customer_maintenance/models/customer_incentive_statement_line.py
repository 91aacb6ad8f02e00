# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

RULES = [
    ('kept', 'Existing customer'),
    ('new', 'New customer'),
    ('dropped', 'Dropped customer'),
    ('lost', 'Lost customer'),
    ('correction', 'Correction'),
]


class CustomerIncentiveStatementLine(models.Model):
    """A customer's line of an incentive statement: its sales of the month for this manager,
    the rate and commission of its rule, the deduction of a lost or dropped customer and its
    base (the average monthly sales, or the drop); or a correction of a confirmed statement,
    with who added it (Created by) and why. Written by the nightly job; corrections by the
    correction wizard."""
    _name = 'customer.incentive.statement.line'
    _description = 'Incentive Statement Line'
    _order = 'statement_id, rule, amount desc, id'

    statement_id = fields.Many2one('customer.incentive.statement', required=True,
                                   ondelete='cascade', index=True)
    user_id = fields.Many2one(related='statement_id.user_id', string='Account Manager')
    month = fields.Date(related='statement_id.month')
    company_id = fields.Many2one(related='statement_id.company_id')
    currency_id = fields.Many2one(related='statement_id.currency_id')
    partner_id = fields.Many2one('res.partner', string='Customer', index='btree_not_null')
    plan_id = fields.Many2one('customer.incentive.plan', string='Incentive Plan')
    rule = fields.Selection(RULES, required=True)
    sales = fields.Monetary(help="The customer's sales of the month for this manager.")
    rate = fields.Float(string='Rate (%)', digits=(6, 3))
    commission = fields.Monetary()
    base = fields.Monetary(
        string='Deduction Base',
        help="Lost: the average monthly sales of the 12 months before; dropped: the drop "
             "against the same month last year.")
    deduction = fields.Monetary()
    amount = fields.Monetary(help='Commission minus deduction, or the correction.')
    note = fields.Char(string='Reason')

    def init(self):
        # the nightly job upserts the computed lines on it; corrections are free lines
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_incentive_statement_line_customer_uniq
                ON customer_incentive_statement_line (statement_id, partner_id)
             WHERE rule != 'correction'
        """)
