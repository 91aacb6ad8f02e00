# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

HEALTH_LABELS = [('healthy', 'Healthy'), ('watch', 'Watch'), ('at_risk', 'At Risk')]


class CustomerHealthHistory(models.Model):
    """A customer's health score of one month (the last night of the month stays), written by
    the nightly scoring (never by hand): the trend of the score."""
    _name = 'customer.health.history'
    _description = 'Customer Health of a Month'
    _order = 'month desc, partner_id'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True,
                                 ondelete='cascade', readonly=True)
    month = fields.Date(required=True, index=True, readonly=True,
                        help='The first day of the month.')
    score = fields.Integer(string='Health Score', readonly=True, aggregator='avg')
    label = fields.Selection(HEALTH_LABELS, string='Health', readonly=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    user_id = fields.Many2one(related='partner_id.user_id', string='Account Manager')

    _sql_constraints = [
        ('partner_month_uniq', 'unique (partner_id, month)',
         'A customer has one health score per month.'),
    ]
