# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RATE_FIELDS = ('existing_rate', 'new_rate', 'lost_rate', 'drop_threshold', 'drop_rate')


class CustomerIncentivePlan(models.Model):
    """The incentive plan (提成方案) of a company, optionally of one tier: existing customers'
    sales pay the existing-customer rate (enough for a base income), new customers' sales the
    new-customer rate, a lost or dropped customer is deducted (流失或掉量倒扣), and the monthly
    new-customer target pays a bonus. Valid from the first day of a month to the last day of
    a month: a new plan starts a new period, so a confirmed month is never recomputed with
    another plan's rates (its lines keep the rates they were computed with)."""
    _name = 'customer.incentive.plan'
    _description = 'Incentive Plan'
    _order = 'company_id, date_from desc, tier_id'

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', required=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related='company_id.currency_id')
    tier_id = fields.Many2one(
        'customer.tier', string='Tier',
        help='Leave empty for the company-wide plan; a tier plan applies to the customers of '
             'that tier instead. The new-customer target and bonus are those of the '
             'company-wide plan.')
    date_from = fields.Date(string='Valid From', required=True,
                            help='The first day of a month.')
    date_to = fields.Date(string='Valid Until', help='The last day of a month; empty: open.')
    existing_rate = fields.Float(
        string='Existing-Customer Rate (%)', digits=(6, 3),
        help="Commission on the month's sales of a kept customer.")
    new_rate = fields.Float(
        string='New-Customer Rate (%)', digits=(6, 3),
        help="Commission on the month's sales of a new customer.")
    new_months = fields.Integer(
        string='New for (months)', default=12,
        help='A customer is new while its first confirmed order is within this many months.')
    lost_rate = fields.Float(
        string='Lost-Customer Deduction (%)', digits=(6, 3),
        help='In the month a customer is lost (as in the KPIs), this share of its average '
             'monthly sales of the 12 months before is deducted.')
    drop_threshold = fields.Float(
        string='Drop Threshold (%)', digits=(6, 3), default=20.0,
        help="A kept customer's drop counts when its month's sales are below those of the "
             'same month last year by more than this share.')
    drop_rate = fields.Float(string='Drop Deduction (%)', digits=(6, 3),
                             help='This share of the drop is deducted.')
    new_customer_target = fields.Integer(
        string='Monthly New-Customer Target',
        help='New customers each account manager must win every month.')
    new_customer_bonus = fields.Monetary(
        string='Target Bonus', currency_field='currency_id',
        help='Paid in the month when the account manager meets the new-customer target.')

    @api.constrains(*RATE_FIELDS, 'new_months', 'new_customer_target', 'new_customer_bonus')
    def _check_figures(self):
        labels = {name: self._fields[name].get_description(self.env)['string']
                  for name in RATE_FIELDS}
        for plan in self:
            for name in RATE_FIELDS:
                if not 0 <= plan[name] <= 100:
                    raise ValidationError(_('%(field)s must be between 0 and 100 (plan '
                                            '%(plan)s).', field=labels[name], plan=plan.name))
            if not 1 <= plan.new_months <= 36:
                raise ValidationError(_('A customer is new for 1 to 36 months (plan %s).',
                                        plan.name))
            if plan.new_customer_target < 0 or plan.new_customer_bonus < 0:
                raise ValidationError(_('The new-customer target and its bonus cannot be '
                                        'negative (plan %s).', plan.name))

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for plan in self:
            if plan.date_from.day != 1:
                raise ValidationError(_('A plan starts on the first day of a month (plan %s).',
                                        plan.name))
            if plan.date_to and (plan.date_to < plan.date_from
                                 or (plan.date_to + relativedelta(days=1)).day != 1):
                raise ValidationError(_('A plan ends on the last day of a month, after it '
                                        'starts (plan %s).', plan.name))

    @api.constrains('date_from', 'date_to', 'company_id', 'tier_id', 'active')
    def _check_overlap(self):
        for plan in self.filtered('active'):
            domain = [('id', '!=', plan.id), ('company_id', '=', plan.company_id.id),
                      ('tier_id', '=', plan.tier_id.id),
                      '|', ('date_to', '=', False), ('date_to', '>=', plan.date_from)]
            if plan.date_to:
                domain.append(('date_from', '<=', plan.date_to))
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(_(
                    'The plan %(plan)s overlaps the plan %(other)s of the same company and '
                    'tier: end the other plan before this one starts.',
                    plan=plan.name, other=other.name))
