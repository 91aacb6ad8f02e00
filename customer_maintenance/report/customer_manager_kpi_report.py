# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models, tools


class CustomerManagerKpiReport(models.Model):
    """Evaluation of the account managers (評估和考核) per manager and month, as one SQL view.

    Customers are counted for their current account manager (res.partner.user_id, of the
    commercial partner), contacts for the event's responsible. At the end of a month a customer
    is *kept* when it bought in the last N months (setting `customer_maintenance.kpi_lost_months`,
    default 6) and before this month, *lost* when its last order is 12 to N months old, *new*
    in the month of its first order. Revenue is *new* for customers won in the last 12 months.
    Kept/lost are computed from order-month transitions with a running sum (no per-customer
    × month expansion), so the view stays linear in the number of orders.
    """
    _name = 'customer.manager.kpi.report'
    _description = 'Account Manager KPIs'
    _auto = False
    _order = 'date desc, user_id'
    _rec_name = 'date'

    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    team_id = fields.Many2one('crm.team', string='Sales Team', readonly=True)
    date = fields.Date(string='Month', readonly=True)
    contacts_planned = fields.Integer(string='Contacts Planned', readonly=True)
    contacts_done = fields.Integer(string='Contacts Done', readonly=True)
    contacts_overdue = fields.Integer(string='Contacts Overdue', readonly=True)
    customers_kept = fields.Integer(string='Customers Kept', readonly=True)
    customers_lost = fields.Integer(string='Customers Lost', readonly=True)
    customers_new = fields.Integer(string='New Customers', readonly=True)
    revenue_existing = fields.Float(string='Revenue from Existing Customers', readonly=True)
    revenue_new = fields.Float(string='Revenue from New Customers', readonly=True)
    revenue_total = fields.Float(string='Revenue', readonly=True)
    event_cost = fields.Float(string='Contact Cost', readonly=True)
    gift_cost = fields.Float(string='Gift Cost', readonly=True,
                             help='Value of the gifts given (done events with a gift).')
    promotion_cost = fields.Float(string='Promotion Support Cost', readonly=True)
    service_cost = fields.Float(string='Service Cost', readonly=True)
    maintenance_cost = fields.Float(string='Maintenance Cost', readonly=True)

    def _query(self):  # maintenance cost = contacts + gifts given + promotion support + services
        return """
WITH params AS (
    SELECT LEAST(12, GREATEST(1, COALESCE((
        SELECT NULLIF(value, '')::int FROM ir_config_parameter
         WHERE key = 'customer_maintenance.kpi_lost_months'), 6))) AS n,
           (date_trunc('month', CURRENT_DATE) + interval '1 month')::date AS horizon
),
orders AS (
    SELECT cp.id AS partner_id, cp.user_id,
           date_trunc('month', so.confirmation_date)::date AS month,
           SUM(so.amount_untaxed) AS revenue
      FROM sale_order so
      JOIN res_partner p ON p.id = so.partner_id
      JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
     WHERE so.state IN ('sale', 'done') AND so.confirmation_date IS NOT NULL
       AND cp.user_id IS NOT NULL
     GROUP BY cp.id, cp.user_id, date_trunc('month', so.confirmation_date)
),
act AS (
    SELECT o.*,
           MIN(o.month) OVER (PARTITION BY o.partner_id) AS first_month,
           LEAD(o.month) OVER (PARTITION BY o.partner_id ORDER BY o.month) AS next_month
      FROM orders o
),
ranges AS (
    -- kept: from the order month (the month after, for the first one) until the next order
    -- month or N months later; lost: from N months after the order until the next order or
    -- 12 months after it. Both stop at the current month.
    SELECT a.user_id,
           CASE WHEN a.month = a.first_month THEN (a.month + interval '1 month')::date
                ELSE a.month END AS kept_from,
           LEAST(COALESCE(a.next_month, 'infinity'::date),
                 (a.month + params.n * interval '1 month')::date, params.horizon) AS kept_to,
           (a.month + params.n * interval '1 month')::date AS lost_from,
           LEAST(COALESCE(a.next_month, 'infinity'::date),
                 (a.month + interval '12 months')::date, params.horizon) AS lost_to
      FROM act a, params
),
deltas AS (
    SELECT user_id, kept_from AS month, 1 AS kept, 0 AS lost FROM ranges WHERE kept_from < kept_to
    UNION ALL
    SELECT user_id, kept_to, -1, 0 FROM ranges WHERE kept_from < kept_to
    UNION ALL
    SELECT user_id, lost_from, 0, 1 FROM ranges WHERE lost_from < lost_to
    UNION ALL
    SELECT user_id, lost_to, 0, -1 FROM ranges WHERE lost_from < lost_to
),
delta_month AS (
    SELECT user_id, month, SUM(kept) AS kept, SUM(lost) AS lost
      FROM deltas GROUP BY user_id, month
),
revenue AS (
    SELECT a.user_id, a.month,
           COUNT(*) FILTER (WHERE a.month = a.first_month) AS customers_new,
           SUM(a.revenue) FILTER (WHERE a.month >= (a.first_month + interval '12 months')::date)
               AS revenue_existing,
           SUM(a.revenue) FILTER (WHERE a.month < (a.first_month + interval '12 months')::date)
               AS revenue_new,
           SUM(a.revenue) AS revenue_total
      FROM act a GROUP BY a.user_id, a.month
),
events AS (
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
bounds AS (
    SELECT user_id, MIN(month) AS first_month, MAX(month) AS last_month
      FROM (SELECT user_id, month FROM delta_month
            UNION ALL SELECT user_id, month FROM revenue
            UNION ALL SELECT user_id, month FROM events
            UNION ALL SELECT user_id, month FROM ledgers) m
     GROUP BY user_id
),
spine AS (
    SELECT b.user_id, gs::date AS month
      FROM bounds b, params,
           generate_series(b.first_month,
                           GREATEST(b.last_month, (params.horizon - interval '1 month')::date),
                           interval '1 month') gs
),
series AS (
    SELECT s.user_id, s.month,
           SUM(COALESCE(d.kept, 0)) OVER w AS customers_kept,
           SUM(COALESCE(d.lost, 0)) OVER w AS customers_lost
      FROM spine s
      LEFT JOIN delta_month d ON d.user_id = s.user_id AND d.month = s.month
    WINDOW w AS (PARTITION BY s.user_id ORDER BY s.month)
)
SELECT row_number() OVER (ORDER BY s.user_id, s.month) AS id,
       s.user_id, u.sale_team_id AS team_id, s.month AS date,
       COALESCE(ev.contacts_planned, 0) AS contacts_planned,
       COALESCE(ev.contacts_done, 0) AS contacts_done,
       COALESCE(ev.contacts_overdue, 0) AS contacts_overdue,
       s.customers_kept::int AS customers_kept,
       s.customers_lost::int AS customers_lost,
       COALESCE(r.customers_new, 0) AS customers_new,
       COALESCE(r.revenue_existing, 0) AS revenue_existing,
       COALESCE(r.revenue_new, 0) AS revenue_new,
       COALESCE(r.revenue_total, 0) AS revenue_total,
       COALESCE(ev.event_cost, 0) AS event_cost,
       COALESCE(ev.gift_cost, 0) AS gift_cost,
       COALESCE(l.promotion_cost, 0) AS promotion_cost,
       COALESCE(l.service_cost, 0) AS service_cost,
       COALESCE(ev.event_cost, 0) + COALESCE(ev.gift_cost, 0) + COALESCE(l.promotion_cost, 0)
           + COALESCE(l.service_cost, 0) AS maintenance_cost
  FROM series s
  JOIN res_users u ON u.id = s.user_id
  LEFT JOIN revenue r ON r.user_id = s.user_id AND r.month = s.month
  LEFT JOIN events ev ON ev.user_id = s.user_id AND ev.month = s.month
  LEFT JOIN ledgers l ON l.user_id = s.user_id AND l.month = s.month
 WHERE s.customers_kept != 0 OR s.customers_lost != 0 OR r.user_id IS NOT NULL
    OR ev.user_id IS NOT NULL OR l.user_id IS NOT NULL
"""

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s)' % (self._table, self._query()))
