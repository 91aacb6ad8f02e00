# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models, tools

from .customer_manager_kpi_figures import LIVE_FIGURES, SALES_FIGURES, coalesced


class CustomerManagerKpiReport(models.Model):
    """Evaluation of the account managers (評估和考核) per manager and month, as one SQL view.

    Months before the current one come from `customer.manager.kpi.snapshot` (refreshed every
    night, see there why). From the current month on, contacts and maintenance costs are
    aggregated live from the events and ledgers dated since the first of the month (an index
    range, whatever the history), so a call logged today counts today; customers and revenue
    always come from the snapshot.
    """
    _name = 'customer.manager.kpi.report'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager KPIs'
    _auto = False

    team_id = fields.Many2one('crm.team', string='Sales Team', readonly=True)

    def _query(self):
        Snapshot = self.env['customer.manager.kpi.snapshot']
        since = "{alias}.date >= date_trunc('month', CURRENT_DATE)::date"
        live = ',\n       '.join(
            'CASE WHEN k.month < date_trunc(\'month\', CURRENT_DATE)::date '
            'THEN COALESCE(s.{name}, 0) ELSE live.{name} END AS {name}'.format(name=name)
            for name in LIVE_FIGURES)
        return """
WITH contacts AS (""" + Snapshot._contacts_query(since.format(alias='e')) + """),
costs AS (""" + Snapshot._costs_query(since.format(alias='l')) + """),
keys AS (
    SELECT user_id, date AS month FROM customer_manager_kpi_snapshot
    UNION SELECT user_id, month FROM contacts
    UNION SELECT user_id, month FROM costs
)
SELECT row_number() OVER (ORDER BY k.user_id, k.month) AS id,
       k.user_id, u.sale_team_id AS team_id, k.month AS date,
       """ + coalesced('s', SALES_FIGURES) + """,
       """ + live + """
  FROM keys k
  JOIN res_users u ON u.id = k.user_id
  LEFT JOIN customer_manager_kpi_snapshot s ON s.user_id = k.user_id AND s.date = k.month
  LEFT JOIN contacts ev ON ev.user_id = k.user_id AND ev.month = k.month
  LEFT JOIN costs l ON l.user_id = k.user_id AND l.month = k.month
 CROSS JOIN LATERAL (SELECT """ + Snapshot._LIVE_COLUMNS.format(ev='ev', l='l') + """) live
"""

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s)' % (self._table, self._query()))
