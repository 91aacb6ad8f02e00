# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

ABC_CLASSES = [('A', 'A'), ('B', 'B'), ('C', 'C')]
CLASS_ORDER = {'A': 0, 'B': 1, 'C': 2}


class CustomerAbcHistory(models.Model):
    """One change of a customer's ABC class, written by the classification (never by hand)."""
    _name = 'customer.abc.history'
    _description = 'Customer ABC Class Change'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one('res.partner', string='Customer', required=True, index=True,
                                 ondelete='cascade', readonly=True)
    old_class = fields.Selection(ABC_CLASSES, string='Previous Class', readonly=True)
    new_class = fields.Selection(ABC_CLASSES, string='New Class', readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    user_id = fields.Many2one(related='partner_id.user_id', string='Account Manager')
    direction = fields.Selection(
        [('up', 'Moved Up'), ('down', 'Moved Down'), ('new', 'Classified'),
         ('out', 'No Sales')], compute='_compute_direction')

    def _compute_direction(self):
        for line in self:
            if not line.old_class:
                line.direction = 'new'
            elif not line.new_class:
                line.direction = 'out'
            else:
                line.direction = ('up' if CLASS_ORDER[line.new_class] < CLASS_ORDER[line.old_class]
                                  else 'down')
