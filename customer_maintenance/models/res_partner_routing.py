# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Where the customers are: Odoo's own coordinates (partner_latitude, partner_longitude, filled
by base_geolocalize or by hand/import), checked, and the customers still to locate."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = 'res.partner'

    route_to_locate = fields.Boolean(
        string='To Locate', compute='_compute_route_to_locate', search='_search_route_to_locate',
        help='No coordinates yet: its visits are placed by its city or state until it is '
             'located (Geolocation, or its latitude and longitude typed in).')

    @api.depends('partner_latitude', 'partner_longitude')
    def _compute_route_to_locate(self):
        for partner in self:
            partner.route_to_locate = not (partner.partner_latitude or partner.partner_longitude)

    def _search_route_to_locate(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_('"To Locate" can only be searched as true or false.'))
        located = ['|', ('partner_latitude', '!=', 0), ('partner_longitude', '!=', 0)]
        if (operator == '=') == value:
            return [('partner_latitude', 'in', (0, False)), ('partner_longitude', 'in', (0, False))]
        return located

    @api.constrains('partner_latitude', 'partner_longitude')
    def _check_route_coordinates(self):
        for partner in self:
            if not -90 <= (partner.partner_latitude or 0) <= 90 \
                    or not -180 <= (partner.partner_longitude or 0) <= 180:
                raise ValidationError(_(
                    '%(partner)s: the latitude must be between -90 and 90 and the longitude '
                    'between -180 and 180 degrees; got %(lat)s, %(lon)s.',
                    partner=partner.display_name, lat=partner.partner_latitude,
                    lon=partner.partner_longitude))
