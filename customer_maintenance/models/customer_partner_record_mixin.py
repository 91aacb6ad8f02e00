# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class CustomerPartnerRecordMixin(models.AbstractModel):
    """What every dated record about one customer carries: relationship events, promotion
    support, value-added services. Chatter included, so account managers follow them."""
    _name = 'customer.partner.record.mixin'
    _description = 'Dated record about a customer'
    _inherit = ['mail.thread', 'mail.activity.mixin']

    name = fields.Char(string='Subject', required=True, tracking=True)
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], tracking=True)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today,
                       tracking=True)
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.company)
