# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.caller import window_action

INTERVAL_FIELDS = ('call_interval_days', 'care_call_interval_days', 'visit_interval_days')


class CustomerTier(models.Model):
    """A customer grade (客戶分級) and the maintenance policy every customer of it gets."""
    _name = 'customer.tier'
    _description = 'Customer Tier'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help='Short unique code, e.g. KEY, IMP, ORD.')
    sequence = fields.Integer(default=10, help='Most important tiers first.')
    active = fields.Boolean(default=True)
    color = fields.Integer(string='Color Index')
    call_interval_days = fields.Integer(
        string='Business Call Every (days)', default=30,
        help='Days between two business calls (電話拜訪) to each customer of this tier. 0 = never.')
    care_call_interval_days = fields.Integer(
        string='Care Call Every (days)', default=0,
        help='Days between two warm care calls. They are planned less regularly than business '
             'calls on purpose (about ±20%), so they do not feel like routine. 0 = never.')
    visit_interval_days = fields.Integer(
        string='Visit Every (days)', default=0,
        help='Days between two visits (實地拜訪). 0 = never.')
    birthday_greeting = fields.Boolean(
        help="Plan a greeting for the birthday of each of the customer's contacts.")
    annual_gift_budget = fields.Float(
        help='Gift spend per customer and year that this tier allows; spend above it is flagged.')
    min_team_size = fields.Integer(
        string='Minimum Team Size', default=1,
        help='People who must know each customer of this tier: the account manager plus '
             'customer team members. Key accounts need at least 2 (no customer may depend on '
             'one person).')
    requires_sponsor = fields.Boolean(
        string='Requires Executive Sponsor',
        help='Each customer of this tier must have an executive sponsor (a department head or '
             'executive who knows the customer).')
    description = fields.Html(
        string='Maintenance Plan', translate=True,
        help='The written maintenance plan of this tier: what the team does, how often, why.')
    partner_count = fields.Integer(compute='_compute_partner_count', string='Customers')

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The tier code must be unique.'),
    ]

    @api.constrains(*INTERVAL_FIELDS, 'min_team_size', 'annual_gift_budget')
    def _check_policy(self):
        for tier in self:
            for name in INTERVAL_FIELDS:
                if tier[name] < 0:
                    raise ValidationError(_(
                        'Tier "%(tier)s": "%(field)s" must be a whole number of days, 0 or more '
                        '(0 = never); got %(value)s.',
                        tier=tier.name, field=tier._fields[name]._description_string(self.env),
                        value=tier[name]))
            if tier.min_team_size < 0:
                raise ValidationError(_('Tier "%s": the minimum team size cannot be negative.',
                                        tier.name))
            if tier.annual_gift_budget < 0:
                raise ValidationError(_('Tier "%s": the annual gift budget cannot be negative.',
                                        tier.name))

    def _compute_partner_count(self):
        counts = dict(self.env['res.partner']._read_group(
            [('customer_tier_id', 'in', self.ids), ('parent_id', '=', False)],
            ['customer_tier_id'], ['__count']))
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    def action_view_partners(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.res_partner_action_customers')
        action['domain'] = [('customer_tier_id', '=', self.id), ('parent_id', '=', False)]
        action['context'] = {'search_default_my_customers': 0}
        return action
