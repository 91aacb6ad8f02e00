# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.cron_lock import single_run

_logger = logging.getLogger(__name__)


class CustomerManagerKpiSales(models.Model):
    """The order-history half of the account managers' KPIs, per manager and month: customers
    kept, lost and new, revenue from existing and new customers. A snapshot, brought up
    to date every night by `cron_refresh_manager_kpi` in one statement, and at once when a
    supervisor asks (menu), the lost-customer setting changes or customers are handed over.

    Why a snapshot: these figures need every customer's whole order history (first order month,
    gaps between order months), about 3 s of PostgreSQL at 200k customers and 1M orders on
    every opening of the report; from the snapshot the report reads a few thousand rows.

    Customers count for their current account manager (res.partner.user_id, of the commercial
    partner). At the end of a month a customer is *kept* when it bought in the last N months
    (setting `customer_maintenance.kpi_lost_months`, default 6) and before this month, *lost*
    when its last order is 12 to N months old, *new* in the month of its first order. Revenue
    is *new* for customers won in the last 12 months. Kept/lost are computed from order-month
    transitions with a running sum (no per-customer × month expansion): linear in the orders.
    """
    _name = 'customer.manager.kpi.sales'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager Sales Figures'

    user_id = fields.Many2one(ondelete='cascade')  # indexed by user_month_uniq

    # the refresh upserts on it; one row per manager and month
    _sql_constraints = [
        ('user_month_uniq', 'unique(user_id, date)',
         'The sales figures hold one row per account manager and month.'),
    ]

    def init(self):
        # a new install or an upgrade shows figures at once, not after the first night
        self._refresh()

    @api.model
    @single_run('refresh_manager_kpi')
    def cron_refresh_manager_kpi(self):
        """Scheduled action: refresh the snapshot (idempotent: same orders, same rows)."""
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
        """Bring the snapshot to the figures of the orders as they are now; returns its number
        of rows. One statement: rows whose figures changed are updated in place, new
        manager-months inserted, vanished ones deleted, so unchanged rows keep their ids and
        a second run writes nothing. Readers see the previous snapshot until the commit."""
        figures = ('customers_kept', 'customers_lost', 'customers_new', 'revenue_existing',
                   'revenue_new', 'revenue_total')
        self.env.cr.execute("""
            WITH fresh AS (""" + self._SALES_QUERY + """),
            upserted AS (
                INSERT INTO customer_manager_kpi_sales AS s
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
                DELETE FROM customer_manager_kpi_sales s
                 WHERE NOT EXISTS (SELECT 1 FROM fresh f
                                    WHERE f.user_id = s.user_id AND f.date = s.date)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM upserted),
                   (SELECT count(*) FROM deleted)
        """.format(cols=', '.join(figures),
                   fresh_cols=', '.join('f.' + name for name in figures),
                   excluded_cols=', '.join('EXCLUDED.' + name for name in figures),
                   old_cols=', '.join('s.' + name for name in figures)),
            {'uid': self.env.uid})
        count, written, deleted = self.env.cr.fetchone()
        self.invalidate_cache()
        _logger.info('account manager KPIs: %d manager-month rows of sales figures '
                     '(%d inserted or changed, %d removed)', count, written, deleted)
        return count

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
