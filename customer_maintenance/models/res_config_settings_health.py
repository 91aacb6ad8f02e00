# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services.health import DEFAULT_WEIGHTS, FACTORS, check_weights
from ..tools.settings import settings

_logger = logging.getLogger(__name__)
PARAM_PREFIX = 'customer_maintenance.health_weight_'


def _weight_field(factor, string, help_text):
    # read by tools/settings.py; Odoo deletes the parameter of an integer saved as 0 (and the
    # default would come back): set_values below stores the 0
    return fields.Integer(string=string, default=DEFAULT_WEIGHTS[factor],
                          config_parameter=PARAM_PREFIX + factor, help=help_text)


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

    def set_values(self):
        super().set_values()
        params = self.env['ir.config_parameter'].sudo()
        for factor in FACTORS:
            if not self['cm_health_weight_' + factor]:
                params.set_param(PARAM_PREFIX + factor, '0')

    @api.model
    def _cm_health_weights(self):
        """{factor: weight} as the nightly scoring uses them: each read within its bounds
        (tools/settings.py); weights that do not add up to 100 (stored by an import or a
        script, never by the form) are read as the defaults, with a warning."""
        values = settings(self.env, *('cm_health_weight_' + factor for factor in FACTORS))
        weights = {factor: values['cm_health_weight_' + factor] for factor in FACTORS}
        if check_weights(weights):
            _logger.warning('customer_maintenance: the health weights %s do not add up to '
                            '100: the defaults %s are used', weights, DEFAULT_WEIGHTS)
            return dict(DEFAULT_WEIGHTS)
        return weights
