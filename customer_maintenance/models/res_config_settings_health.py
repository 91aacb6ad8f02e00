# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services.health import DEFAULT_WEIGHTS, FACTORS, check_weights

PARAM_PREFIX = 'customer_maintenance.health_weight_'


def _weight_field(factor, string, help_text):
    # not config_parameter=: Odoo deletes the parameter of an integer set to 0, and the
    # default would come back; stored as text by get_values/set_values below
    return fields.Integer(string=string, default=DEFAULT_WEIGHTS[factor], help=help_text)


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_health_weight_recency = _weight_field(
        'recency', 'Weight: Due and Lapsed Cycles',
        'Points lost when all the customer\'s cycles have lapsed.')
    cm_health_weight_trend = _weight_field(
        'trend', 'Weight: Order Trend',
        'Points lost when the last 6 months brought no sales against the 6 before.')
    cm_health_weight_contacts = _weight_field(
        'contacts', 'Weight: Missed Contacts',
        'Points lost when none of the contacts the tier asks for was made on time.')
    cm_health_weight_receivables = _weight_field(
        'receivables', 'Weight: Overdue Receivables',
        'Points lost when all the open invoices are past due.')
    cm_health_weight_anomalies = _weight_field(
        'anomalies', 'Weight: Consumption Anomalies',
        'Points lost when every cycle shows a consumption anomaly.')

    @api.constrains(*('cm_health_weight_' + factor for factor in FACTORS))
    def _check_health_weights(self):
        for settings in self:
            weights = {factor: settings['cm_health_weight_' + factor] for factor in FACTORS}
            if check_weights(weights):
                raise ValidationError(_(
                    'The health weights must be whole numbers of at least 0 that add up to '
                    '100; they add up to %s.', sum(weights.values())))

    @api.model
    def get_values(self):
        res = super().get_values()
        for factor, weight in self._cm_health_weights(checked=False).items():
            res['cm_health_weight_' + factor] = weight or 0
        return res

    def set_values(self):
        super().set_values()
        params = self.env['ir.config_parameter'].sudo()
        for factor in FACTORS:
            params.set_param(PARAM_PREFIX + factor, str(self['cm_health_weight_' + factor]))

    @api.model
    def _cm_health_weights(self, checked=True):
        """{factor: weight} from the settings, checked unless told."""
        params = self.env['ir.config_parameter'].sudo()
        weights = {}
        for factor in FACTORS:
            raw = params.get_param(PARAM_PREFIX + factor)
            try:
                weights[factor] = DEFAULT_WEIGHTS[factor] if raw in (None, False, '') \
                    else int(raw)
            except ValueError:
                weights[factor] = None
        if checked and check_weights(weights):
            raise ValidationError(_(
                'The health weights in the settings are invalid: they must be whole numbers '
                'of at least 0 that add up to 100.'))
        return weights
