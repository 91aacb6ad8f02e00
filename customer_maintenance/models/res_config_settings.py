# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from ..tools.settings import PREFIX, SETTINGS, check_bounds


class ResConfigSettings(models.TransientModel):
    """The one check of the module's numeric settings: each within the bounds of the table
    its reader uses (tools/settings.py), refused at save with a translated message."""
    _inherit = 'res.config.settings'

    @api.constrains(*SETTINGS)
    def _check_customer_maintenance_bounds(self):
        check_bounds(self)

    def set_values(self):
        super().set_values()
        # Odoo saves a number 0 as no parameter at all, which reads back as the default: a 0
        # that means something ("no limit" a day, a greeting on the day itself) is kept as "0"
        params = self.env['ir.config_parameter'].sudo()
        for name, spec in SETTINGS.items():
            if name in self._fields and not self[name] and spec.default:
                params.set_param(PREFIX + spec.key, '0')
