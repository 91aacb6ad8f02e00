# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# managed on the commercial partner; contacts show their company's values
TEAM_COMMERCIAL_FIELDS = ['customer_tier_id', 'customer_team_ids', 'executive_sponsor_id']


class ResPartner(models.Model):
    """Who maintains a customer (客戶經理責任制, 客戶營銷團隊制度) and by which policy.

    The account manager is Odoo's salesperson (`user_id`); the customer team are the others
    who know the customer, so that no customer depends on one person.
    """
    _inherit = 'res.partner'

    customer_tier_id = fields.Many2one(
        'customer.tier', string='Customer Tier', index=True, ondelete='restrict', tracking=True,
        help='The grade (客戶分級) that sets how this customer is maintained: how often to call '
             'and visit, which greetings, the gift budget, who must be involved.')
    customer_team_ids = fields.Many2many(
        'res.users', 'res_partner_customer_team_rel', 'partner_id', 'user_id',
        string='Customer Team', tracking=True,
        help='Other people who know this customer besides the account manager (營銷團隊): no '
             'customer may depend on one person.')
    executive_sponsor_id = fields.Many2one(
        'res.users', string='Executive Sponsor', index=True, tracking=True,
        help='Department head or executive who knows this key account.')

    def _commercial_fields(self):
        return super()._commercial_fields() + TEAM_COMMERCIAL_FIELDS
