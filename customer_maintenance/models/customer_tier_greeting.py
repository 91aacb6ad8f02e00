# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class CustomerTier(models.Model):
    """The greetings part of a tier's maintenance policy: which festivals its customers get."""
    _inherit = 'customer.tier'

    greeting_festival_ids = fields.Many2many(
        'customer.festival', 'customer_tier_festival_rel', 'tier_id', 'festival_id',
        string='Festival Greetings',
        help='Festivals for which every customer of this tier gets a greeting, planned the '
             "festival's lead time ahead.")
