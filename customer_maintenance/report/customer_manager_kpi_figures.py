# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models

# the stored figures, in the order of the snapshot's query
SALES_FIGURES = ('customers_kept', 'customers_lost', 'customers_new', 'revenue_existing',
                 'revenue_new', 'revenue_total')
LIVE_FIGURES = ('contacts_planned', 'contacts_done', 'contacts_overdue', 'event_cost',
                'gift_cost', 'promotion_cost', 'service_cost', 'maintenance_cost')
FIGURES = SALES_FIGURES + LIVE_FIGURES


def coalesced(alias, names):
    """SQL select list `COALESCE(alias.name, 0) AS name, ...`: a month without a row counts 0."""
    return ',\n       '.join('COALESCE({0}.{1}, 0) AS {1}'.format(alias, name) for name in names)


class CustomerManagerKpiFigures(models.AbstractModel):
    """The figures of an account manager in a month, as the nightly snapshot
    (`customer.manager.kpi.snapshot`) stores them and the KPI report shows them: one definition,
    so that both keep the same names and labels."""
    _name = 'customer.manager.kpi.figures'
    _description = 'Account Manager Monthly Figures'
    _order = 'date desc, user_id'
    _rec_name = 'date'

    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    date = fields.Date(string='Month', readonly=True)
    customers_kept = fields.Integer(string='Customers Kept', readonly=True)
    customers_lost = fields.Integer(string='Customers Lost', readonly=True)
    customers_new = fields.Integer(string='New Customers', readonly=True)
    revenue_existing = fields.Float(string='Revenue from Existing Customers', readonly=True)
    revenue_new = fields.Float(string='Revenue from New Customers', readonly=True)
    revenue_total = fields.Float(string='Revenue', readonly=True)
    contacts_planned = fields.Integer(string='Contacts Planned', readonly=True)
    contacts_done = fields.Integer(string='Contacts Done', readonly=True)
    contacts_overdue = fields.Integer(string='Contacts Overdue', readonly=True)
    event_cost = fields.Float(string='Contact Cost', readonly=True)
    gift_cost = fields.Float(string='Gift Cost', readonly=True,
                             help='Value of the gifts given (done events with a gift).')
    promotion_cost = fields.Float(string='Promotion Support Cost', readonly=True)
    service_cost = fields.Float(string='Service Cost', readonly=True)
    maintenance_cost = fields.Float(string='Maintenance Cost', readonly=True)
