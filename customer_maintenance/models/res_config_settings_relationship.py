# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    cm_planning_horizon_days = fields.Integer(
        string='Planning Horizon (days)', default=30,
        help='The planner creates the contacts due within this many days from today.')
    cm_birthday_lead_days = fields.Integer(
        string='Birthday Greeting Lead Time (days)', default=3,
        help='How many days before a birthday or a founding anniversary the greeting is planned.')

    @api.model
    def _cm_params(self):
        params = super(ResConfigSettings, self)._cm_params()
        params.update({
            'cm_planning_horizon_days': ('customer_maintenance.planning_horizon_days', int, 30),
            'cm_birthday_lead_days': ('customer_maintenance.birthday_lead_days', int, 3),
        })
        return params

    @api.constrains('cm_planning_horizon_days', 'cm_birthday_lead_days')
    def _check_relationship_days(self):
        for settings in self:
            if not 0 <= settings.cm_planning_horizon_days <= 366:
                raise ValidationError(_('The planning horizon must be 0 to 366 days.'))
            if not 0 <= settings.cm_birthday_lead_days <= 60:
                raise ValidationError(_('The birthday greeting lead time must be 0 to 60 days.'))
