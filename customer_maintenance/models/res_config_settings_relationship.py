# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# (field, lowest, highest) of the relationship settings
LIMITS = (
    ('cm_planning_horizon_days', 0, 366),
    ('cm_birthday_lead_days', 0, 60),
    ('cm_calls_per_day', 0, 500),
    ('cm_visits_per_day', 0, 100),
)


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_planning_horizon_days = fields.Integer(
        string='Planning Horizon (days)', default=30,
        config_parameter='customer_maintenance.planning_horizon_days',
        help='The planner creates the contacts due within this many days from today.')
    cm_birthday_lead_days = fields.Integer(
        string='Birthday Greeting Lead Time (days)', default=3,
        config_parameter='customer_maintenance.birthday_lead_days',
        help='How many days before a birthday or a founding anniversary the greeting is planned.')
    cm_calls_per_day = fields.Integer(
        string='Calls a Day', default=20, config_parameter='customer_maintenance.calls_per_day',
        help='At most this many business and care calls are planned for one account manager on '
             'one day; the others move to the next working days. 0 = no limit.')
    cm_visits_per_day = fields.Integer(
        string='Visits a Day', default=4, config_parameter='customer_maintenance.visits_per_day',
        help='At most this many visits are planned for one account manager on one day; the '
             'others move to the next working days. 0 = no limit.')
