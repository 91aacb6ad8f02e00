# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.cron_lock import single_run
from .customer_manager_kpi_figures import FIGURES, SALES_FIGURES, coalesced

_logger = logging.getLogger(__name__)


class CustomerManagerKpiSnapshot(models.Model):
    """Every figure of the account managers' KPIs per manager and month, as of the last
    refresh: brought up to date every night by `cron_refresh_manager_kpi` in one statement,
    and at once when a supervisor asks (menu), the lost-customer setting changes or customers
    are handed over. The KPI report reads its months before the current one from here and
    computes the current month and later ones live (`customer.manager.kpi.report`).

    Why a snapshot: the figures need every customer's whole order history (first order month,
    gaps between order months) and every contact ever logged; at 200k customers that is 1M
    orders and millions of events to aggregate on every opening of the report, growing with
    each year of history. Past months rarely change, so they are aggregated once a night.

    Customers count for their current account manager (res.partner.user_id, of the commercial
    partner). At the end of a month a customer is *kept* when it bought in the last N months
    (setting `customer_maintenance.kpi_lost_months`, default 6) and before this month, *lost*
    when its last order is 12 to N months old, *new* in the month of its first order. Revenue
    is *new* for customers won in the last 12 months. Kept/lost are computed from order-month
    transitions with a running sum (no per-customer × month expansion): linear in the orders.
    Contacts count for the event's responsible, costs for the customer's manager.
    """
    _name = 'customer.manager.kpi.snapshot'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager KPI Snapshot'

    user_id = fields.Many2one(ondelete='cascade')  # indexed by user_month_uniq

    # the refresh upserts on it; one row per manager and month
    _sql_constraints = [
        ('user_month_uniq', 'unique(user_id, date)',
         'The KPI snapshot holds one row per account manager and month.'),
    ]

    def init(self):
        # a new install or an upgrade shows figures at once, not after the first night
        self._refresh()

    @api.model
    @single_run('refresh_manager_kpi')
    def cron_refresh_manager_kpi(self):
        """Scheduled action: refresh the snapshot (idempotent: same data, same rows)."""
        return self._refresh()

    @api.model
    def action_refresh(self):
        """Menu of the supervisors: refresh the snapshot now, then open the KPI report."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only supervisors can refresh the account managers\' KPIs.'))
        if self.sudo().cron_refresh_manager_kpi() is False:
            raise UserError(_('The KPIs are being refreshed by another process right now; '
                              'open the report again in a minute.'))
        return self.env.ref('customer_maintenance.customer_manager_kpi_report_action').read()[0]

    @api.model
    def _refresh(self):
        """Bring the snapshot to the figures of the data as it is now; returns its number of
        rows. One statement: rows whose figures changed are updated in place, new
        manager-months inserted, vanished ones deleted, so unchanged rows keep their ids and
        a second run writes nothing. Readers see the previous snapshot until the commit."""
        self.env.cr.execute("""
            WITH fresh AS (""" + self._snapshot_query() + """),
            upserted AS (
                INSERT INTO customer_manager_kpi_snapshot AS s
                       (user_id, date, {cols}, create_uid, create_date, write_uid, write_date)
                SELECT f.user_id, f.date, {fresh_cols}, %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM fresh f
                ON CONFLICT (user_id, date) DO UPDATE
                   SET ({cols}, write_uid, write_date) =
                       ({excluded_cols}, EXCLUDED.write_uid, EXCLUDED.write_date)
                 WHERE ({old_cols}) IS DISTINCT FROM ({excluded_cols})
                RETURNING 1
            ),
            deleted AS (
                DELETE FROM customer_manager_kpi_snapshot s
                 WHERE NOT EXISTS (SELECT 1 FROM fresh f
                                    WHERE f.user_id = s.user_id AND f.date = s.date)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM upserted),
                   (SELECT count(*) FROM deleted)
        """.format(cols=', '.join(FIGURES),
                   fresh_cols=', '.join('f.' + name for name in FIGURES),
                   excluded_cols=', '.join('EXCLUDED.' + name for name in FIGURES),
                   old_cols=', '.join('s.' + name for name in FIGURES)),
            {'uid': self.env.uid})
        count, written, deleted = self.env.cr.fetchone()
        self.invalidate_cache()
        _logger.info('account manager KPIs: %d manager-month rows '
                     '(%d inserted or changed, %d removed)', count, written, deleted)
        return count

    @classmethod
    def _snapshot_query(cls):
        """Every figure per manager and month (the columns of FIGURES), in one query."""
        return """
WITH sales AS (""" + cls._SALES_QUERY + """),
contacts AS (""" + cls._contacts_query('TRUE') + """),
costs AS (""" + cls._costs_query('TRUE') + """),
keys AS (
    SELECT user_id, date AS month FROM sales
    UNION SELECT user_id, month FROM contacts
    UNION SELECT user_id, month FROM costs
)
SELECT k.user_id, k.month AS date,
       """ + coalesced('s', SALES_FIGURES) + """,
       """ + cls._LIVE_COLUMNS.format(ev='ev', l='l') + """
  FROM keys k
  LEFT JOIN sales s ON s.user_id = k.user_id AND s.date = k.month
  LEFT JOIN contacts ev ON ev.user_id = k.user_id AND ev.month = k.month
  LEFT JOIN costs l ON l.user_id = k.user_id AND l.month = k.month
"""

    # the figures of contacts and costs from the aggregates of `_contacts_query` (alias ev)
    # and `_costs_query` (alias l); the report uses them for the live months
    _LIVE_COLUMNS = """COALESCE({ev}.contacts_planned, 0) AS contacts_planned,
       COALESCE({ev}.contacts_done, 0) AS contacts_done,
       COALESCE({ev}.contacts_overdue, 0) AS contacts_overdue,
       COALESCE({ev}.event_cost, 0) AS event_cost,
       COALESCE({ev}.gift_cost, 0) AS gift_cost,
       COALESCE({l}.promotion_cost, 0) AS promotion_cost,
       COALESCE({l}.service_cost, 0) AS service_cost,
       -- maintenance cost = contacts + gifts given + promotion support + services
       COALESCE({ev}.event_cost, 0) + COALESCE({ev}.gift_cost, 0)
           + COALESCE({l}.promotion_cost, 0) + COALESCE({l}.service_cost, 0)
           AS maintenance_cost"""

    @staticmethod
    def _contacts_query(where):
        """Contacts and their costs per event responsible and month, of the events `where`
        (a condition on `e`, alias of customer_relationship_event)."""
        return """
    SELECT e.user_id, date_trunc('month', e.date)::date AS month,
           COUNT(*) FILTER (WHERE e.state != 'cancelled') AS contacts_planned,
           COUNT(*) FILTER (WHERE e.state = 'done') AS contacts_done,
           COUNT(*) FILTER (WHERE e.state = 'planned' AND e.date < CURRENT_DATE)
               AS contacts_overdue,
           SUM(COALESCE(e.cost, 0)) FILTER (WHERE e.state != 'cancelled') AS event_cost,
           -- gifts given: their value is apart from the contact's own cost (travel, meal)
           SUM(COALESCE(e.gift_value, 0)) FILTER (WHERE e.state = 'done') AS gift_cost
      FROM customer_relationship_event e
     WHERE e.user_id IS NOT NULL AND (""" + where + """)
     GROUP BY e.user_id, date_trunc('month', e.date)"""

    @staticmethod
    def _costs_query(where):
        """Promotion support and value-added services per customer's manager and month, of
        the ledger lines `where` (a condition on `l`: its partner_id, date and cost)."""
        return """
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
     WHERE cp.user_id IS NOT NULL AND (""" + where + """)
     GROUP BY cp.user_id, date_trunc('month', l.date)"""

    _SALES_QUERY = """
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
bounds AS (
    SELECT user_id, MIN(month) AS first_month, MAX(month) AS last_month
      FROM (SELECT user_id, month FROM delta_month
            UNION ALL SELECT user_id, month FROM revenue) m
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
SELECT s.user_id, s.month AS date, s.customers_kept::int AS customers_kept,
       s.customers_lost::int AS customers_lost, COALESCE(r.customers_new, 0) AS customers_new,
       COALESCE(r.revenue_existing, 0) AS revenue_existing,
       COALESCE(r.revenue_new, 0) AS revenue_new, COALESCE(r.revenue_total, 0) AS revenue_total
  FROM series s
  LEFT JOIN revenue r ON r.user_id = s.user_id AND r.month = s.month
 WHERE s.customers_kept != 0 OR s.customers_lost != 0 OR r.user_id IS NOT NULL
"""
