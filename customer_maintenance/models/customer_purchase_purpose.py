# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerPurchasePurpose(models.Model):
    """What a customer buys for (用途): resale, own fleet, plant maintenance..."""
    _name = 'customer.purchase.purpose'
    _description = 'Customer Purchase Purpose'
    _order = 'name'

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(string='Color Index')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_unique', 'unique(name)', 'This purchase purpose already exists.'),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_name_free(vals.get('name'))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get('name'):
            self._check_name_free(vals['name'], exclude_ids=self.ids)
        return super().write(vals)

    @api.model
    def _check_name_free(self, name, exclude_ids=()):
        # checked before the database's unique constraint refuses it, so that the user reads
        # which name clashes
        if name and self.with_context(active_test=False).search_count(
                [('name', '=ilike', name), ('id', 'not in', list(exclude_ids))]):
            raise ValidationError(_('The purchase purpose "%s" already exists.', name))
