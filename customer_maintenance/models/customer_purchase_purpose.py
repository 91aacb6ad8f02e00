# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


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
