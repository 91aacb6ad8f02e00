# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services.abc import DEFAULT_THRESHOLD_A, DEFAULT_THRESHOLD_B, check_thresholds
from ..tools.settings import settings as setting_values

_logger = logging.getLogger(__name__)

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

    @api.constrains('cm_abc_threshold_a', 'cm_abc_threshold_b')
    def _check_abc_thresholds(self):
        # each threshold's own range is checked with the other settings' (tools/settings.py)
        for settings in self:
            if check_thresholds(settings.cm_abc_threshold_a, settings.cm_abc_threshold_b):
                raise ValidationError(_(
                    'ABC thresholds must satisfy 0 < A < B < 100 (e.g. A = 80%%, B = 95%%); '
                    'got A = %s%% and B = %s%%.',
                    settings.cm_abc_threshold_a, settings.cm_abc_threshold_b))


def segmentation_config(env):
    """All segmentation settings as a dict (for crons, computes and reports), through the
    module's one settings reader: a stored value out of its range, or thresholds not in
    order, are read as the defaults (with a warning in the log)."""
    values = setting_values(env, 'cm_abc_period_months', 'cm_abc_threshold_a',
                            'cm_abc_threshold_b', 'cm_claim_duration_days')
    if check_thresholds(values['cm_abc_threshold_a'], values['cm_abc_threshold_b']):
        _logger.warning('customer_maintenance: the stored ABC thresholds A = %s, B = %s are '
                        'not in order (0 < A < B < 100): the defaults are used',
                        values['cm_abc_threshold_a'], values['cm_abc_threshold_b'])
        values.update(cm_abc_threshold_a=DEFAULT_THRESHOLD_A,
                      cm_abc_threshold_b=DEFAULT_THRESHOLD_B)
    params = env['ir.config_parameter'].sudo()
    values['cm_abc_auto_tier'] = _to_bool(params.get_param(AUTO_TIER_PARAM), True)
    tiers = env['customer.tier'].sudo().with_context(active_test=False)
    for name, xmlid in DEFAULT_TIERS.items():
        raw = params.get_param(PARAM_PREFIX + name.removeprefix('cm_'))
        try:
            tier = tiers.browse(int(raw)).exists() if raw else None
        except (TypeError, ValueError):
            _logger.warning('customer_maintenance: setting %s = %r is not a tier: the default '
                            'is used', name, raw)
            tier = None
        if tier is None:
            tier = env.ref(xmlid, raise_if_not_found=False)
        values[name] = tier.id if tier else False
    return values


def _to_bool(raw, default):
    if raw in (None, False, ''):
        return default
    return raw in ('True', 'true', '1', True)
