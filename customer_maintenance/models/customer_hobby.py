# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class CustomerHobby(models.Model):
    """What a contact likes (個性與愛好): golf, tea, calligraphy, football…"""
    _name = 'customer.hobby'
    _description = 'Contact Hobby'
    _order = 'name'

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(string='Color Index')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_unique', 'unique(name)', 'This hobby already exists.'),
    ]
