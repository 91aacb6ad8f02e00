# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..queries import management_kpi
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from ..tools.caller import window_action
from .res_config_settings_management import management_param

_logger = logging.getLogger(__name__)

JOB = 'refresh_manager_kpi'


class CustomerManagerKpiSnapshot(models.Model):
    """Every figure of the account managers' KPIs per manager and month, as of the last
    refresh: brought up to date every night by `cron_refresh_manager_kpi`, at once for the
    managers concerned when customers are handed over or the lost-customer setting changes,
    and for everyone when a supervisor asks (menu). The KPI report reads its months from here
    (the costs of the current month live).

    Why a snapshot: the figures need every customer's whole order history (first order month,
    gaps between order months) and every contact ever logged; at 200k customers that is 1M
    orders to aggregate on every opening of the report. Past months rarely change, so they are aggregated once a night.
    """
    _name = 'customer.manager.kpi.snapshot'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager KPI Snapshot'

    user_id = fields.Many2one(ondelete='cascade')  # indexed by user_month_uniq
    date = fields.Date(index=True)

    # the refresh upserts on it; one row per manager and month
    _sql_constraints = [
        ('user_month_uniq', 'unique(user_id, date)',
         'The KPI snapshot holds one row per account manager and month.'),
    ]

    def init(self):
        # Odoo calls init() at the install and at every upgrade (-u) of the module. A new
        # install (an empty snapshot) shows figures at once, not after the first night; an
        # upgrade keeps the snapshot as it is, since refreshing every manager takes minutes on
        # a large database: the nightly cron and the targeted refreshes bring it up to date.
        self.env.cr.execute(SQL('SELECT 1 FROM customer_manager_kpi_snapshot LIMIT 1'))
        if not self.env.cr.fetchone():
            self._refresh()

    @api.model
    @single_run(JOB)
    def cron_refresh_manager_kpi(self, automatic=False, batch_size=200):
        """Scheduled action: refresh the snapshot of every manager, `batch_size` managers per
        statement (idempotent: same data, same rows, nothing written). Returns the number of
        manager-month rows."""
        self.env.cr.execute(management_kpi.kpi_managers())
        user_ids = sorted(row[0] for row in self.env.cr.fetchall())
        rows = 0

        def refresh(ids):
            nonlocal rows
            rows += self._refresh(ids)

        run_batches(self.env, JOB, user_ids, refresh, batch_size=batch_size,
                    automatic=automatic)
        return rows

    @api.model
    def action_refresh(self):
        """Menu of the supervisors: refresh the snapshot now, then open the KPI report."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only supervisors can refresh the account managers\' KPIs.'))
        if self.sudo().cron_refresh_manager_kpi() is False:
            raise UserError(_('The KPIs are being refreshed by another process right now; '
                              'open the report again in a minute.'))
        return window_action(self, 'customer_maintenance.customer_manager_kpi_report_action')

    @api.model
    def _refresh_managers(self, users):
        """Refresh the snapshot of these managers only (hand-over, settings change)."""
        users = users.filtered('id')
        return self.sudo()._refresh(users.ids) if users else 0

    @api.model
    def _refresh(self, user_ids=None):
        """Bring the snapshot of `user_ids` (all when None) to the figures of the data as it
        is now, in one statement; returns its number of rows for them. Readers see the
        previous snapshot until the commit."""
        # the statement reads orders, partners, ledgers and settings the ORM may not have
        # written yet
        self.env.flush_all()
        today = cm_today(self.env)
        horizon = management_kpi.kpi_horizon(today)
        self.env.cr.execute(management_kpi.kpi_snapshot_upsert(
            management_param(self.env, 'kpi_lost_months'), horizon, today, self.env.uid,
            user_ids))
        count, written, deleted = self.env.cr.fetchone()
        self.invalidate_model()
        self.env['customer.manager.kpi.report'].invalidate_model()
        _logger.info('%s: %d manager-month rows (%d inserted or changed, %d removed)%s', JOB,
                     count, written, deleted,
                     '' if user_ids is None else ' for %d managers' % len(user_ids))
        return count
