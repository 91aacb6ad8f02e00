# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models
from odoo.tools import SQL


class CustomerRelationshipEvent(models.Model):
    """Replenishment calls planned from the consumption cycle table (王永慶賣大米: call and
    deliver before the customer runs out). A call is overdue as every contact is, on its own
    date (services/overdue.py says why); the customer's own lateness is the cycle's."""
    _inherit = 'customer.relationship.event'

    consumption_cycle_id = fields.Many2one(
        'customer.consumption.cycle', string='Consumption Cycle', index='btree_not_null',
        ondelete='set null', readonly=True,
        help='The consumption cycle whose next due date this call prepares.')
    consumption_due_date = fields.Date(
        readonly=True, copy=False,
        help='The due date of the cycle this call was planned for; one call per due date.')

    def init(self):
        # the base model's init() creates the planner's indexes: keep them
        super().init()
        # never two calls for the same due occurrence, even if the event date is moved
        self.env.cr.execute(SQL("""
            CREATE UNIQUE INDEX IF NOT EXISTS customer_relationship_event_cycle_due_uniq
                ON customer_relationship_event (consumption_cycle_id, consumption_due_date)
             WHERE consumption_cycle_id IS NOT NULL"""))
