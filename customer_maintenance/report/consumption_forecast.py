# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models, tools

HORIZONS = [('7', 'Next 7 days'), ('30', 'In 8-30 days'), ('90', 'In 31-90 days')]


class CustomerConsumptionForecast(models.Model):
    """Expected reorders of the next 90 days from the consumption cycles, to prepare stock (備貨).

    One row per expected order: a cycle's next due date and the following ones at its usual
    interval. A cycle overdue by less than one interval counts as due today; one overdue by
    more has lapsed and is left out. "Today" is the database's current date, or the
    `cm_today` context key (tests, simulations) through a transaction-local setting.
    """
    _name = 'customer.consumption.forecast'
    _description = 'Consumption Demand Forecast'
    _auto = False
    _order = 'due_date, product_id'

    cycle_id = fields.Many2one('customer.consumption.cycle', readonly=True)
    partner_id = fields.Many2one('res.partner', string='Customer', readonly=True)
    product_id = fields.Many2one('product.product', string='Product', readonly=True)
    product_uom_id = fields.Many2one('product.uom', string='Unit of Measure', readonly=True)
    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    due_date = fields.Date(readonly=True)
    horizon = fields.Selection(HORIZONS, readonly=True)
    expected_qty = fields.Float(string='Expected Quantity', readonly=True)
    qty_7 = fields.Float(string='Due in 7 Days', readonly=True)
    qty_30 = fields.Float(string='Due in 30 Days', readonly=True)
    qty_90 = fields.Float(string='Due in 90 Days', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW customer_consumption_forecast AS
            WITH t AS (
                SELECT COALESCE(NULLIF(current_setting('customer_maintenance.today', true), '')::date,
                                CURRENT_DATE) AS today
            ), cycles AS (
                SELECT c.*, COALESCE(NULLIF(c.manual_interval_days, 0)::float8,
                                     c.avg_interval_days) AS interval_used
                  FROM customer_consumption_cycle c
                 WHERE c.next_due_date IS NOT NULL
            ), occurrences AS (
                SELECT c.id * 100 + k AS id, c.id AS cycle_id, c.partner_id, c.product_id,
                       c.user_id, c.avg_qty,
                       GREATEST(t.today, c.next_due_date + floor(k * c.interval_used + 0.5)::int)
                           AS due_date,
                       t.today
                  FROM cycles c CROSS JOIN t
                  CROSS JOIN LATERAL generate_series(
                      0, LEAST(99, ceil(90.0 / c.interval_used)::int)) AS k
                 WHERE c.interval_used > 0
                   AND c.next_due_date >= t.today - ceil(c.interval_used)::int
            )
            SELECT o.id, o.cycle_id, o.partner_id, o.product_id, pt.uom_id AS product_uom_id,
                   o.user_id, o.due_date, o.avg_qty AS expected_qty,
                   CASE WHEN o.due_date < o.today + 7 THEN '7'
                        WHEN o.due_date < o.today + 30 THEN '30' ELSE '90' END AS horizon,
                   CASE WHEN o.due_date < o.today + 7 THEN o.avg_qty ELSE 0 END AS qty_7,
                   CASE WHEN o.due_date < o.today + 30 THEN o.avg_qty ELSE 0 END AS qty_30,
                   o.avg_qty AS qty_90
              FROM occurrences o
              JOIN product_product pp ON pp.id = o.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE o.due_date < o.today + 90
        """)

    @api.model
    def _where_calc(self, domain, active_test=True):
        # every search and read_group goes through here: fix "today" for this transaction
        today = self.env.context.get('cm_today') or ''
        self.env.cr.execute("SELECT set_config('customer_maintenance.today', %s, true)",
                            (str(today),))
        return super(CustomerConsumptionForecast, self)._where_calc(domain, active_test)
