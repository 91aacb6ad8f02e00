# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services.abc import DEFAULT_THRESHOLD_A, DEFAULT_THRESHOLD_B, check_thresholds

PARAM_PREFIX = 'customer_maintenance.'
# a boolean whose default is True cannot use config_parameter= (Odoo deletes the parameter
# when the box is unticked, and the default comes back): stored as 'True'/'False' here
AUTO_TIER_PARAM = PARAM_PREFIX + 'abc_auto_tier'
DEFAULT_TIERS = {
    'cm_abc_tier_a_id': 'customer_maintenance.customer_tier_key',
    'cm_abc_tier_b_id': 'customer_maintenance.customer_tier_important',
    'cm_abc_tier_c_id': 'customer_maintenance.customer_tier_ordinary',
}


def _default_tier(name):
    def default(self):
        return self.env.ref(DEFAULT_TIERS[name], raise_if_not_found=False).id or False
    return default


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_abc_period_months = fields.Integer(
        string='ABC Period (months)', default=12,
        config_parameter=PARAM_PREFIX + 'abc_period_months',
        help='Sales of the last N months (confirmed sale orders) are ranked for the ABC analysis.')
    cm_abc_threshold_a = fields.Float(
        string='Class A Threshold (%)', default=DEFAULT_THRESHOLD_A,
        config_parameter=PARAM_PREFIX + 'abc_threshold_a',
        help='Customers that together make the first part of sales up to this share are class A '
             '(key accounts, 大客戶).')
    cm_abc_threshold_b = fields.Float(
        string='Class B Threshold (%)', default=DEFAULT_THRESHOLD_B,
        config_parameter=PARAM_PREFIX + 'abc_threshold_b',
        help='Customers after class A up to this cumulative share are class B; the rest is C.')
    cm_abc_auto_tier = fields.Boolean(
        string='Auto-assign Tier from ABC', default=True,
        help='The classification sets the tier of each customer from its ABC class, except '
             'customers whose tier is locked.')
    cm_abc_tier_a_id = fields.Many2one(
        'customer.tier', string='Tier for Class A', default=_default_tier('cm_abc_tier_a_id'),
        config_parameter=PARAM_PREFIX + 'abc_tier_a_id')
    cm_abc_tier_b_id = fields.Many2one(
        'customer.tier', string='Tier for Class B', default=_default_tier('cm_abc_tier_b_id'),
        config_parameter=PARAM_PREFIX + 'abc_tier_b_id')
    cm_abc_tier_c_id = fields.Many2one(
        'customer.tier', string='Tier for Class C', default=_default_tier('cm_abc_tier_c_id'),
        config_parameter=PARAM_PREFIX + 'abc_tier_c_id')
    cm_claim_duration_days = fields.Integer(
        string='Prospect Claim Duration (days)', default=90,
        config_parameter=PARAM_PREFIX + 'claim_duration_days',
        help='A prospect claim (潛在客戶認購) expires after this many days unless renewed.')

    @api.model
    def get_values(self):
        res = super().get_values()
        raw = self.env['ir.config_parameter'].sudo().get_param(AUTO_TIER_PARAM)
        res['cm_abc_auto_tier'] = _to_bool(raw, True)
        return res

    def set_values(self):
        super().set_values()
        self.env['ir.config_parameter'].sudo().set_param(
            AUTO_TIER_PARAM, 'True' if self.cm_abc_auto_tier else 'False')

    @api.constrains('cm_abc_threshold_a', 'cm_abc_threshold_b', 'cm_abc_period_months',
                    'cm_claim_duration_days')
    def _check_segmentation_settings(self):
        for settings in self:
            if check_thresholds(settings.cm_abc_threshold_a, settings.cm_abc_threshold_b):
                raise ValidationError(_(
                    'ABC thresholds must satisfy 0 < A < B < 100 (e.g. A = 80%%, B = 95%%); '
                    'got A = %s%% and B = %s%%.',
                    settings.cm_abc_threshold_a, settings.cm_abc_threshold_b))
            if settings.cm_abc_period_months < 1:
                raise ValidationError(_('The ABC period must be at least one month.'))
            if settings.cm_claim_duration_days < 1:
                raise ValidationError(_('A prospect claim must last at least one day.'))

    @api.model
    def cm_segmentation_config(self):
        """All segmentation settings as a dict (for crons and computes), read from the
        parameters; a parameter that is not a number is refused with a clear message."""
        params = self.env['ir.config_parameter'].sudo()

        def number(field_name, cast, default):
            key = self._fields[field_name].config_parameter
            raw = params.get_param(key)
            if raw in (None, False, ''):
                return default
            try:
                return cast(raw)
            except (TypeError, ValueError):
                raise UserError(_(
                    'The setting "%(setting)s" (parameter %(key)s) must be a number, not '
                    '"%(value)s": fix it in Customer Maintenance > Configuration > Settings.',
                    setting=self._fields[field_name]._description_string(self.env), key=key,
                    value=raw)) from None

        tiers = self.env['customer.tier'].sudo().with_context(active_test=False)
        values = {
            'cm_abc_period_months': number('cm_abc_period_months', int, 12),
            'cm_abc_threshold_a': number('cm_abc_threshold_a', float, DEFAULT_THRESHOLD_A),
            'cm_abc_threshold_b': number('cm_abc_threshold_b', float, DEFAULT_THRESHOLD_B),
            'cm_abc_auto_tier': _to_bool(params.get_param(AUTO_TIER_PARAM), True),
            'cm_claim_duration_days': number('cm_claim_duration_days', int, 90),
        }
        for name in DEFAULT_TIERS:
            tier_id = number(name, int, _default_tier(name)(self))
            values[name] = tiers.browse(tier_id).exists().id or False if tier_id else False
        return values


def _to_bool(raw, default):
    if raw in (None, False, ''):
        return default
    return raw in ('True', 'true', '1', True)
