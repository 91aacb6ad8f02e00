# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models, tools


class CustomerManagerKpiReport(models.Model):
    """Evaluation of the account managers (評估和考核) per manager and month, as one SQL view.

    Contacts and maintenance costs are live: aggregated from the events and ledgers when the
    report is read. Customers kept, lost and new and the revenue come from
    `customer.manager.kpi.sales`, the order history's figures refreshed every night (see there
    why); contacts count for the event's responsible, costs for the customer's manager.
    """
    _name = 'customer.manager.kpi.report'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager KPIs'
    _auto = False

    team_id = fields.Many2one('crm.team', string='Sales Team', readonly=True)
    contacts_planned = fields.Integer(string='Contacts Planned', readonly=True)
    contacts_done = fields.Integer(string='Contacts Done', readonly=True)
    contacts_overdue = fields.Integer(string='Contacts Overdue', readonly=True)
    event_cost = fields.Float(string='Contact Cost', readonly=True)
    gift_cost = fields.Float(string='Gift Cost', readonly=True,
                             help='Value of the gifts given (done events with a gift).')
    promotion_cost = fields.Float(string='Promotion Support Cost', readonly=True)
    service_cost = fields.Float(string='Service Cost', readonly=True)
    maintenance_cost = fields.Float(string='Maintenance Cost', readonly=True)

    def _query(self):  # maintenance cost = contacts + gifts given + promotion support + services
        return """
WITH events AS (
    SELECT e.user_id, date_trunc('month', e.date)::date AS month,
           COUNT(*) FILTER (WHERE e.state != 'cancelled') AS contacts_planned,
           COUNT(*) FILTER (WHERE e.state = 'done') AS contacts_done,
           COUNT(*) FILTER (WHERE e.state = 'planned' AND e.date < CURRENT_DATE)
               AS contacts_overdue,
           SUM(COALESCE(e.cost, 0)) FILTER (WHERE e.state != 'cancelled') AS event_cost,
           -- gifts given: their value is apart from the contact's own cost (travel, meal)
           SUM(COALESCE(e.gift_value, 0)) FILTER (WHERE e.state = 'done') AS gift_cost
      FROM customer_relationship_event e
     WHERE e.user_id IS NOT NULL
     GROUP BY e.user_id, date_trunc('month', e.date)
),
ledgers AS (
    SELECT cp.user_id, date_trunc('month', l.date)::date AS month,
           SUM(l.cost) FILTER (WHERE l.kind = 'promotion') AS promotion_cost,
           SUM(l.cost) FILTER (WHERE l.kind = 'service') AS service_cost
      FROM (SELECT partner_id, date, COALESCE(cost, 0) AS cost, 'promotion' AS kind
              FROM customer_promotion_support WHERE state != 'cancelled'
            UNION ALL
            SELECT partner_id, date, COALESCE(cost, 0), 'service' FROM customer_value_service
           ) l
      JOIN res_partner p ON p.id = l.partner_id
      JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
     WHERE cp.user_id IS NOT NULL
     GROUP BY cp.user_id, date_trunc('month', l.date)
),
keys AS (
    SELECT user_id, date AS month FROM customer_manager_kpi_sales
    UNION SELECT user_id, month FROM events
    UNION SELECT user_id, month FROM ledgers
)
SELECT row_number() OVER (ORDER BY k.user_id, k.month) AS id,
       k.user_id, u.sale_team_id AS team_id, k.month AS date,
       COALESCE(ev.contacts_planned, 0) AS contacts_planned,
       COALESCE(ev.contacts_done, 0) AS contacts_done,
       COALESCE(ev.contacts_overdue, 0) AS contacts_overdue,
       COALESCE(s.customers_kept, 0) AS customers_kept,
       COALESCE(s.customers_lost, 0) AS customers_lost,
       COALESCE(s.customers_new, 0) AS customers_new,
       COALESCE(s.revenue_existing, 0) AS revenue_existing,
       COALESCE(s.revenue_new, 0) AS revenue_new,
       COALESCE(s.revenue_total, 0) AS revenue_total,
       COALESCE(ev.event_cost, 0) AS event_cost,
       COALESCE(ev.gift_cost, 0) AS gift_cost,
       COALESCE(l.promotion_cost, 0) AS promotion_cost,
       COALESCE(l.service_cost, 0) AS service_cost,
       COALESCE(ev.event_cost, 0) + COALESCE(ev.gift_cost, 0) + COALESCE(l.promotion_cost, 0)
           + COALESCE(l.service_cost, 0) AS maintenance_cost
  FROM keys k
  JOIN res_users u ON u.id = k.user_id
  LEFT JOIN customer_manager_kpi_sales s ON s.user_id = k.user_id AND s.date = k.month
  LEFT JOIN events ev ON ev.user_id = k.user_id AND ev.month = k.month
  LEFT JOIN ledgers l ON l.user_id = k.user_id AND l.month = k.month
"""

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s)' % (self._table, self._query()))
