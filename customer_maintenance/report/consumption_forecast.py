# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..queries import consumption as queries
from ..tools.today import today as cm_today

HORIZONS = [('7', 'Next 7 days'), ('30', 'In 8-30 days'), ('90', 'In 31-90 days')]


class CustomerConsumptionForecast(models.Model):
    """Expected reorders of the next 90 days from the consumption cycles, to prepare stock (備貨).

    One row per expected order: a cycle's next due date and the following ones at its usual
    interval. A cycle overdue by less than one interval counts as due today; one overdue by
    more has lapsed and is left out. The rows are a query (`_table_query`) with "today" as a
    parameter (tools/today.py: the `cm_today` context key or the user's day), not a view on
    CURRENT_DATE. A request has one today; code that changes its today inside one transaction
    invalidates the model before reading the rows again.
    """
    _name = 'customer.consumption.forecast'
    _description = 'Consumption Demand Forecast'
    _auto = False
    _order = 'due_date, product_id'
    _depends = {
        'customer.consumption.cycle': [
            'partner_id', 'product_id', 'user_id', 'avg_qty', 'avg_interval_days',
            'manual_interval_days', 'next_due_date'],
    }

    cycle_id = fields.Many2one('customer.consumption.cycle', string='Consumption Cycle',
                               readonly=True)
    partner_id = fields.Many2one('res.partner', string='Customer', readonly=True)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    product_uom_id = fields.Many2one('uom.uom', string='Unit of Measure', readonly=True)
    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    due_date = fields.Date(readonly=True)
    horizon = fields.Selection(HORIZONS, readonly=True)
    expected_qty = fields.Float(string='Expected Quantity', readonly=True)
    qty_7 = fields.Float(string='Due in 7 Days', readonly=True)
    qty_30 = fields.Float(string='Due in 30 Days', readonly=True)
    qty_90 = fields.Float(string='Due in 90 Days', readonly=True)

    @property
    def _table_query(self):
        return queries.forecast(cm_today(self.env))
