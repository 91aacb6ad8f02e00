# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The visit routes' settings; their bounds are in tools/settings.py."""
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_route_speed_kmh = fields.Float(
        string='Driving Speed (km/h)', default=40.0,
        config_parameter='customer_maintenance.route_speed_kmh',
        help='Average speed on the road between two customers, to estimate arrival times and '
             'the length of a working day.')
    cm_route_road_factor = fields.Float(
        string='Road Factor', default=1.3,
        config_parameter='customer_maintenance.route_road_factor',
        help='Road distance = straight-line (great-circle) distance x this factor.')
    cm_route_day_hours = fields.Float(
        string='Working Day (hours)', default=8.0,
        config_parameter='customer_maintenance.route_day_hours',
        help='A day of visits, driving included, lasts at most this long.')
    cm_route_day_start = fields.Float(
        string='Day Starts At', default=9.0,
        config_parameter='customer_maintenance.route_day_start',
        help='The hour an account manager leaves his start point, for the estimated arrivals.')
    cm_route_window_early_days = fields.Integer(
        string='Visit Early (days)', default=2,
        config_parameter='customer_maintenance.route_window_early_days',
        help='A visit may be moved up to this many days before the day it is due.')
    cm_route_window_late_days = fields.Integer(
        string='Visit Late (days)', default=2,
        config_parameter='customer_maintenance.route_window_late_days',
        help='A visit may be moved up to this many days after the day it is due (tolerance).')
