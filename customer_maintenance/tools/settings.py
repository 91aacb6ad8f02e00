# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The module's numeric settings: one table, one reader, one check.

Each setting is a field of `res.config.settings` stored in an `ir.config_parameter`
(`config_parameter=`). The table gives its type, default and bounds. The same bounds:
- refuse an out-of-range value when the settings are saved (`check_bounds`, called by the one
  constraint of models/res_config_settings.py), with a translated ValidationError;
- guard what the jobs read (`setting`): a stored value that is not a number or out of its
  range (written by an import, a script or the technical menu, never by the settings form)
  is read as the default, with a warning in the log, so a night's work goes on with a
  sensible value instead of failing or running with a horizon of 100000 days.
"""
import logging
from collections import namedtuple

from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

PREFIX = 'customer_maintenance.'

# cast: int or float; low/high: bounds, inclusive unless `above` (then value > low);
# form_check: False where the form checks the setting with another one (the ABC thresholds:
# 0 < A < B < 100, one message for the pair, models/res_config_settings_segmentation.py)
Setting = namedtuple('Setting', 'key cast default low high above form_check',
                     defaults=(False, True))

SETTINGS = {
    # segmentation (ABC, claims); the thresholds also satisfy A < B (services/abc.py)
    'cm_abc_period_months': Setting('abc_period_months', int, 12, 1, 120),
    'cm_abc_threshold_a': Setting('abc_threshold_a', float, 80.0, 0.0, 100.0, True, False),
    'cm_abc_threshold_b': Setting('abc_threshold_b', float, 95.0, 0.0, 100.0, True, False),
    'cm_claim_duration_days': Setting('claim_duration_days', int, 90, 1, 3660),
    # consumption cycles
    'consumption_lookback_months': Setting('consumption_lookback_months', int, 24, 1, 120),
    'consumption_anomaly_factor': Setting('consumption_anomaly_factor', float, 1.5, 1.0, 100.0,
                                          True),
    'reminder_lead_days': Setting('consumption_reminder_lead_days', int, 7, 0, 366),
    # relationship planning
    'cm_planning_horizon_days': Setting('planning_horizon_days', int, 30, 0, 366),
    'cm_birthday_lead_days': Setting('birthday_lead_days', int, 3, 0, 60),
    'cm_calls_per_day': Setting('calls_per_day', int, 20, 0, 500),
    'cm_visits_per_day': Setting('visits_per_day', int, 4, 0, 100),
    # management
    'cm_kpi_lost_months': Setting('kpi_lost_months', int, 6, 1, 12),
    'cm_promotion_effect_months': Setting('promotion_effect_months', int, 3, 1, 24),
    'cm_agreement_reminder_days': Setting('agreement_reminder_days', int, 30, 0, 366),
    # customer health: the weights of the score's factors; the form checks them together
    # (0 to 100 each, adding up to 100: models/res_config_settings_health.py)
    'cm_health_weight_recency': Setting('health_weight_recency', int, 35, 0, 100, False, False),
    'cm_health_weight_trend': Setting('health_weight_trend', int, 25, 0, 100, False, False),
    'cm_health_weight_contacts': Setting('health_weight_contacts', int, 15, 0, 100, False,
                                         False),
    'cm_health_weight_receivables': Setting('health_weight_receivables', int, 15, 0, 100,
                                            False, False),
    'cm_health_weight_anomalies': Setting('health_weight_anomalies', int, 10, 0, 100, False,
                                          False),
    # visit routes
    'cm_route_speed_kmh': Setting('route_speed_kmh', float, 40.0, 0.0, 200.0, True),
    'cm_route_road_factor': Setting('route_road_factor', float, 1.3, 1.0, 5.0),
    'cm_route_day_hours': Setting('route_day_hours', float, 8.0, 0.0, 24.0, True),
    'cm_route_day_start': Setting('route_day_start', float, 9.0, 0.0, 23.99),
    'cm_route_window_early_days': Setting('route_window_early_days', int, 2, 0, 60),
    'cm_route_window_late_days': Setting('route_window_late_days', int, 2, 0, 60),
}


def in_range(spec, value):
    low_ok = value > spec.low if spec.above else value >= spec.low
    return low_ok and value <= spec.high


def parse(spec, raw):
    """The stored text `raw` as the setting's value, or None when it is not one."""
    if raw in (None, False, ''):
        return spec.default
    try:
        value = spec.cast(raw)
    except (TypeError, ValueError):
        # an int stored as "12.0" (a float field once, an import) is still 12
        try:
            number = float(raw)
        except (TypeError, ValueError):
            return None
        if spec.cast is not int or not number.is_integer():
            return None
        value = int(number)
    return value if in_range(spec, value) else None


def setting(env, name):
    """The value of setting `name` (a key of SETTINGS), for jobs, computes and reports."""
    spec = SETTINGS[name]
    raw = env['ir.config_parameter'].sudo().get_param(PREFIX + spec.key)
    value = parse(spec, raw)
    if value is None:
        _logger.warning('customer_maintenance: setting %s%s = %r is not a %s in %s%s..%s: the '
                        'default %s is used', PREFIX, spec.key, raw, spec.cast.__name__,
                        ']' if spec.above else '[', spec.low, spec.high, spec.default)
        return spec.default
    return value


def settings(env, *names):
    """{name: value} of several settings."""
    return {name: setting(env, name) for name in names}


def check_bounds(records):
    """Refuse a settings form with a value out of its range (ValidationError, translated)."""
    for record in records:
        for name, spec in SETTINGS.items():
            if not spec.form_check or name not in record._fields:
                continue
            value = record[name]
            if in_range(spec, value):
                continue
            label = record._fields[name]._description_string(record.env)
            if spec.above:
                raise ValidationError(record.env._(
                    '"%(setting)s" must be above %(low)s and at most %(high)s; got %(value)s.',
                    setting=label, low=spec.low, high=spec.high, value=value))
            raise ValidationError(record.env._(
                '"%(setting)s" must be between %(low)s and %(high)s; got %(value)s.',
                setting=label, low=spec.low, high=spec.high, value=value))
