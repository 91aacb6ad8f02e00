# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.today import today as cm_today


class CustomerRelationshipEvent(models.Model):
    """Replenishment calls planned from the consumption cycle table (王永慶賣大米: call and
    deliver before the customer runs out)."""
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

    # a replenishment call planned after its customer's due date has passed (planned today)
    # shows overdue: the customer may already be buying elsewhere
    def _is_replenishment_late(self, today):
        self.ensure_one()
        return bool(self.state == 'planned' and self.consumption_due_date
                    and self.consumption_due_date < today)

    @api.depends('state', 'date', 'consumption_due_date')
    @api.depends_context('cm_today')
    def _compute_is_overdue(self):
        super()._compute_is_overdue()
        today = cm_today(self.env)
        for event in self:
            if event._is_replenishment_late(today):
                event.is_overdue = True

    @api.depends('state', 'date', 'consumption_due_date')
    @api.depends_context('cm_today')
    def _compute_color(self):
        super()._compute_color()
        today = cm_today(self.env)
        for event in self:
            if event._is_replenishment_late(today):
                event.color = 1

    def _search_is_overdue(self, operator, value):
        domain = super()._search_is_overdue(operator, value)
        today = cm_today(self.env)
        if (operator == '=') == bool(value):
            return expression.OR([domain, [('state', '=', 'planned'),
                                           ('consumption_due_date', '<', today)]])
        return expression.AND([domain, ['|', ('state', '!=', 'planned'), '|',
                                        ('consumption_due_date', '=', False),
                                        ('consumption_due_date', '>=', today)]])
