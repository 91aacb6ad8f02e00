# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models


class ResConfigSettings(models.TransientModel):
    """Settings of the module live in ir.config_parameter under `customer_maintenance.*`.

    Odoo 11 has no `config_parameter=` on settings fields: each feature adds its fields in its
    own file and extends `get_values`/`set_values` through `_cm_params` (field name →
    (parameter key, type, default)), so the storage code is written once here.
    """
    _inherit = 'res.config.settings'

    @api.model
    def _cm_params(self):
        return {}

    @api.model
    def get_values(self):
        res = super(ResConfigSettings, self).get_values()
        params = self.env['ir.config_parameter'].sudo()
        for name, (key, cast, default) in self._cm_params().items():
            raw = params.get_param(key)
            res[name] = cast(raw) if raw not in (None, False, '') else default
        return res

    @api.multi
    def set_values(self):
        super(ResConfigSettings, self).set_values()
        params = self.env['ir.config_parameter'].sudo()
        for name, (key, _cast, _default) in self._cm_params().items():
            value = self[name]
            params.set_param(key, value.id if hasattr(value, '_name') else value)

    @api.model
    def cm_get_param(self, key, cast, default):
        """Read one module parameter with its type, for crons and services."""
        raw = self.env['ir.config_parameter'].sudo().get_param(key)
        return cast(raw) if raw not in (None, False, '') else default
