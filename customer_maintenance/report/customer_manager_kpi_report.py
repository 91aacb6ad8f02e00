# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

from ..queries.management_kpi import FIGURES, kpi_report
from ..tools.today import today as cm_today


class CustomerManagerKpiReport(models.Model):
    """Evaluation of the account managers (評估和考核) per manager and month, as one SQL
    query over the nightly snapshot (`customer.manager.kpi.snapshot`: a few rows per manager
    and month, whatever the number of customers), with the current month's contacts and costs
    live from the relationship events and the ledgers (index ranges on their date), so that
    a call or a cost logged today counts today."""
    _name = 'customer.manager.kpi.report'
    _inherit = 'customer.manager.kpi.figures'
    _description = 'Account Manager KPIs'
    _auto = False

    # what the query reads, flushed before it runs
    _depends = {
        'customer.manager.kpi.snapshot': ['user_id', 'date', *FIGURES],
        'customer.promotion.support': ['partner_id', 'date', 'cost', 'state'],
        'customer.value.service': ['partner_id', 'date', 'cost'],
        'customer.relationship.event': ['user_id', 'date', 'state', 'cost', 'gift_value'],
        'res.partner': ['user_id', 'commercial_partner_id'],
        'res.users': ['sale_team_id'],
    }

    team_id = fields.Many2one('crm.team', string='Sales Team', readonly=True)

    @property
    def _table_query(self):
        today = cm_today(self.env)
        return kpi_report(today.replace(day=1), today)
