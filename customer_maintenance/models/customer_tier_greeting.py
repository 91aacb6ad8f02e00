# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import Command, api, fields, models

DEFAULT_GREETINGS = {
    'customer_tier_key': ['new_year', 'spring', 'lantern', 'dragon_boat', 'mid_autumn',
                          'national_day', 'double_ninth'],
    'customer_tier_important': ['spring', 'dragon_boat', 'mid_autumn'],
    'customer_tier_ordinary': ['spring'],
}


class CustomerTier(models.Model):
    """The greetings part of a tier's maintenance policy: which festivals its customers get."""
    _inherit = 'customer.tier'

    greeting_festival_ids = fields.Many2many(
        'customer.festival', 'customer_tier_festival_rel', 'tier_id', 'festival_id',
        string='Festival Greetings',
        help='Festivals for which every customer of this tier gets a greeting, planned the '
             "festival's lead time ahead.")

    @api.model
    def _install_default_greetings(self):
        """Give the default tiers their festivals, once per database; never overwrite a choice."""
        params = self.env['ir.config_parameter'].sudo()
        key = 'customer_maintenance.default_tier_greetings_installed'
        if params.get_param(key):
            return False
        for tier_xmlid, festivals in DEFAULT_GREETINGS.items():
            tier = self.env.ref('customer_maintenance.' + tier_xmlid, raise_if_not_found=False)
            if not tier or tier.greeting_festival_ids:
                continue
            records = [self.env.ref('customer_maintenance.customer_festival_' + name,
                                    raise_if_not_found=False) for name in festivals]
            tier.greeting_festival_ids = [Command.set([r.id for r in records if r])]
        params.set_param(key, '1')
        return True
