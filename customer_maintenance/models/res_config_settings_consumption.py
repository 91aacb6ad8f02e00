# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    consumption_lookback_months = fields.Integer(
        string='Consumption Look-back (months)', default=24,
        config_parameter='customer_maintenance.consumption_lookback_months',
        help='Orders older than this are not used to learn consumption cycles.')
    consumption_anomaly_factor = fields.Float(
        string='Consumption Anomaly Factor', default=1.5,
        config_parameter='customer_maintenance.consumption_anomaly_factor',
        help='Recent consumption this many times above (or below) the usual rate is flagged '
             'as rising (or falling).')
    reminder_lead_days = fields.Integer(
        string='Replenishment Reminder Lead (days)', default=7,
        config_parameter='customer_maintenance.consumption_reminder_lead_days',
        help='How many days before a customer is due to reorder its replenishment call is '
             'planned.')
