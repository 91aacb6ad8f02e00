# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class CustomerManagerKpiFigures(models.AbstractModel):
    """The figures of an account manager in a month, as the nightly snapshot
    (`customer.manager.kpi.snapshot`) stores them and the KPI report shows them: one
    definition, so that both keep the same names and labels (the SQL's column lists are
    `queries.management_kpi.FIGURES`)."""
    _name = 'customer.manager.kpi.figures'
    _description = 'Account Manager Monthly Figures'
    _order = 'date desc, user_id'
    _rec_name = 'date'

    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    date = fields.Date(string='Month', readonly=True)
    customers_kept = fields.Integer(string='Customers Kept', readonly=True, aggregator='sum')
    customers_lost = fields.Integer(string='Customers Lost', readonly=True, aggregator='sum')
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
    maintenance_cost = fields.Float(
        string='Maintenance Cost', readonly=True,
        help='Contacts, gifts given, promotion support and services.')
