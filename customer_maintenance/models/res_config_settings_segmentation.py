# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services.abc import DEFAULT_THRESHOLD_A, DEFAULT_THRESHOLD_B, check_thresholds

PARAM_PREFIX = 'customer_maintenance.'


def _to_bool(raw):
    return raw in ('True', 'true', '1', True)


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_abc_period_months = fields.Integer(
        string='ABC Period (months)', default=12,
        help='Sales of the last N months (confirmed sale orders) are ranked for the ABC analysis.')
    cm_abc_threshold_a = fields.Float(
        string='Class A Threshold (%)', default=DEFAULT_THRESHOLD_A,
        help='Customers that together make the first part of sales up to this share are class A '
             '(key accounts, 大客戶).')
    cm_abc_threshold_b = fields.Float(
        string='Class B Threshold (%)', default=DEFAULT_THRESHOLD_B,
        help='Customers after class A up to this cumulative share are class B; the rest is C.')
    cm_abc_auto_tier = fields.Boolean(
        string='Auto-assign Tier from ABC', default=True,
        help='The classification sets the tier of each customer from its ABC class, except '
             'customers whose tier is locked.')
    cm_abc_tier_a_id = fields.Many2one('customer.tier', string='Tier for Class A')
    cm_abc_tier_b_id = fields.Many2one('customer.tier', string='Tier for Class B')
    cm_abc_tier_c_id = fields.Many2one('customer.tier', string='Tier for Class C')
    cm_claim_duration_days = fields.Integer(
        string='Prospect Claim Duration (days)', default=90,
        help='A prospect claim (潛在客戶認購) expires after this many days unless renewed.')

    @api.model
    def _cm_params(self):
        res = super(ResConfigSettings, self)._cm_params()

        def tier(xmlid):
            return self.env.ref('customer_maintenance.' + xmlid, raise_if_not_found=False).id or False
        res.update({
            'cm_abc_period_months': (PARAM_PREFIX + 'abc_period_months', int, 12),
            'cm_abc_threshold_a': (PARAM_PREFIX + 'abc_threshold_a', float, DEFAULT_THRESHOLD_A),
            'cm_abc_threshold_b': (PARAM_PREFIX + 'abc_threshold_b', float, DEFAULT_THRESHOLD_B),
            'cm_abc_auto_tier': (PARAM_PREFIX + 'abc_auto_tier', _to_bool, True),
            'cm_abc_tier_a_id': (PARAM_PREFIX + 'abc_tier_a_id', int, tier('customer_tier_key')),
            'cm_abc_tier_b_id': (PARAM_PREFIX + 'abc_tier_b_id', int, tier('customer_tier_important')),
            'cm_abc_tier_c_id': (PARAM_PREFIX + 'abc_tier_c_id', int, tier('customer_tier_ordinary')),
            'cm_claim_duration_days': (PARAM_PREFIX + 'claim_duration_days', int, 90),
        })
        return res

    @api.multi
    def set_values(self):
        super(ResConfigSettings, self).set_values()
        # the shared set_values drops False values (then the default, True, would come back)
        self.env['ir.config_parameter'].sudo().set_param(
            PARAM_PREFIX + 'abc_auto_tier', 'True' if self.cm_abc_auto_tier else 'False')

    @api.constrains('cm_abc_threshold_a', 'cm_abc_threshold_b', 'cm_abc_period_months',
                    'cm_claim_duration_days')
    def _check_segmentation_settings(self):
        for settings in self:
            if check_thresholds(settings.cm_abc_threshold_a, settings.cm_abc_threshold_b):
                raise ValidationError(_(
                    'ABC thresholds must satisfy 0 < A < B < 100 (e.g. A = 80%%, B = 95%%); '
                    'got A = %s%% and B = %s%%.') % (settings.cm_abc_threshold_a,
                                                     settings.cm_abc_threshold_b))
            if settings.cm_abc_period_months < 1:
                raise ValidationError(_('The ABC period must be at least one month.'))
            if settings.cm_claim_duration_days < 1:
                raise ValidationError(_('A prospect claim must last at least one day.'))

    @api.model
    def cm_segmentation_config(self):
        """All segmentation settings as a dict (for crons and services)."""
        values = {}
        for name, (key, cast, default) in self._cm_params().items():
            if name.startswith(('cm_abc_', 'cm_claim_')):
                values[name] = self.cm_get_param(key, cast, default)
        return values
