# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Value-added services (增值服務) that raise the customer's delivered value (客戶讓渡價值).
SERVICE_TYPES = [
    ('technical_consulting', 'Technical Consulting'),
    ('training', 'Training'),
    ('usage_optimisation', 'Usage Optimisation Plan'),
    ('market_information', 'Market / Price Information'),
    ('management_consulting', 'Management Consulting'),
]


class CustomerValueService(models.Model):
    """A value-added service delivered to a customer: hours, cost and what came of it."""
    _name = 'customer.value.service'
    _description = 'Value-added Service'
    _inherit = 'customer.partner.record.mixin'
    _order = 'date desc, id desc'

    user_id = fields.Many2one(
        'res.users', string='Delivered By', index=True, default=lambda self: self.env.user,
        tracking=True)
    service_type = fields.Selection(SERVICE_TYPES, string='Type of Service', required=True,
                                    default='technical_consulting', tracking=True)
    hours = fields.Float(tracking=True)
    currency_id = fields.Many2one(related='company_id.currency_id')
    cost = fields.Monetary(currency_field='currency_id', tracking=True)
    outcome = fields.Text(help='What the customer gained, what to follow up.')

    @api.constrains('cost', 'hours')
    def _check_cost_hours(self):
        # sudo: the check must not trip over record rules before create's own access check
        for rec in self.sudo():
            if rec.cost < 0:
                raise ValidationError(_('The cost of a service cannot be negative.'))
            if rec.hours < 0:
                raise ValidationError(_('The hours of a service cannot be negative.'))
