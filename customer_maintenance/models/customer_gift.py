# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerGift(models.Model):
    """A gift given to customers, with its story (禮品有來歷): why it suits, where it comes from."""
    _name = 'customer.gift'
    _description = 'Customer Gift'
    _order = 'name'

    name = fields.Char(required=True, translate=True)
    story = fields.Text(
        translate=True,
        help='The story of the gift (來歷): where it comes from and why it suits the customer. '
             'A gift with a story is remembered.')
    value = fields.Float(help="Value of one gift, counted against the tier's annual gift budget.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', default=lambda self: self.env.company)

    @api.constrains('value')
    def _check_value(self):
        for gift in self:
            if gift.value < 0:
                raise ValidationError(_('Gift "%s": the value cannot be negative.', gift.name))
