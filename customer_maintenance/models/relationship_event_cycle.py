# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class CustomerRelationshipEvent(models.Model):
    """Replenishment calls planned from the consumption cycle table."""
    _inherit = 'customer.relationship.event'

    consumption_cycle_id = fields.Many2one(
        'customer.consumption.cycle', string='Consumption Cycle', index=True,
        ondelete='set null', readonly=True,
        help='The consumption cycle whose next due date this call prepares.')
    consumption_due_date = fields.Date(
        readonly=True, copy=False,
        help='The due date of the cycle this call was planned for; one call per due date.')

    @api.model_cr
    def init(self):
        # the base model's init() creates the planner's unique index: keep it
        super(CustomerRelationshipEvent, self).init()
        # never two calls for the same due occurrence, even if the event date is moved
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_relationship_event_cycle_due_uniq
                ON customer_relationship_event (consumption_cycle_id, consumption_due_date)
             WHERE consumption_cycle_id IS NOT NULL""")
