# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models
from odoo.exceptions import ValidationError


def check_customer_not_contact(records):
    """A ledger or a cycle belongs to the customer (a company or an individual customer), not
    to one of its contact persons: the counts, KPIs and hand-overs group by the customer. The
    forms offer companies only; an import or an RPC call must not slip past them."""
    for record in records.sudo():
        if record.partner_id.parent_id:
            raise ValidationError(records.env._(
                '%(record)s: the customer must be a company or an individual customer, not a '
                'contact person (%(contact)s). Choose %(company)s instead.',
                record=record.display_name, contact=record.partner_id.display_name,
                company=record.partner_id.commercial_partner_id.display_name))


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
