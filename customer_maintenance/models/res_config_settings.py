# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from ..tools.settings import SETTINGS, check_bounds


class ResConfigSettings(models.TransientModel):
    """The one check of the module's numeric settings: each within the bounds of the table
    its reader uses (tools/settings.py), refused at save with a translated message."""
    _inherit = 'res.config.settings'

    @api.constrains(*SETTINGS)
    def _check_customer_maintenance_bounds(self):
        check_bounds(self)
