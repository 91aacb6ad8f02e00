# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerTier(models.Model):
    _inherit = 'customer.tier'

    visit_duration_minutes = fields.Integer(
        string='Visit Duration (minutes)', default=60,
        help='How long a visit to a customer of this tier lasts, for the day routes.')

    @api.constrains('visit_duration_minutes')
    def _check_visit_duration(self):
        for tier in self:
            if not 0 < tier.visit_duration_minutes <= 720:
                raise ValidationError(_(
                    'Tier "%(tier)s": a visit lasts between 1 and 720 minutes; got %(value)s.',
                    tier=tier.name, value=tier.visit_duration_minutes))
