# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The supervisor's view of the visit routes: per manager and month, and the customers to hand
over (SQL views over the routed visits, queries/routing_report.py)."""
from odoo import fields, models

from ..queries import routing_report


class CustomerRouteReport(models.Model):
    """Kilometres, visits a day and km a visit of each account manager per month."""
    _name = 'customer.route.report'
    _description = 'Visit Routes per Manager and Month'
    _auto = False
    _order = 'date desc, user_id'
    _depends = {
        'customer.relationship.event': ['user_id', 'company_id', 'date', 'state', 'channel',
                                        'partner_id', 'route_sequence', 'route_leg_km',
                                        'route_back_km'],
        'res.partner': ['state_id'],
    }

    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True)
    date = fields.Date(string='Month', readonly=True)
    visit_count = fields.Integer(string='Visits', readonly=True)
    day_count = fields.Integer(string='Days on the Road', readonly=True)
    customer_count = fields.Integer(string='Customers', readonly=True)
    area_count = fields.Integer(string='Areas', readonly=True,
                                help='States or provinces of the customers visited.')
    km = fields.Float(string='Kilometres', digits=(16, 1), readonly=True)
    visits_per_day = fields.Float(string='Visits a Day', digits=(16, 1), readonly=True,
                                  aggregator='avg')
    km_per_visit = fields.Float(string='km a Visit', digits=(16, 1), readonly=True,
                                aggregator='avg')

    @property
    def _table_query(self):
        return routing_report.month_report()


class CustomerRouteHandoverReport(models.Model):
    """The customers visited, how far from their manager's start point and from the nearest
    other manager's: those far off their own road are candidates to hand over."""
    _name = 'customer.route.handover.report'
    _description = 'Customers Far Off the Route'
    _auto = False
    _order = 'is_handover_candidate desc, own_km desc'
    _depends = {
        'customer.relationship.event': ['user_id', 'partner_id', 'state', 'channel'],
        'res.partner': ['partner_latitude', 'partner_longitude', 'state_id', 'company_id'],
        'res.users': ['partner_id', 'company_id', 'active', 'share'],
        'res.company': ['partner_id'],
    }

    partner_id = fields.Many2one('res.partner', string='Customer', readonly=True)
    user_id = fields.Many2one('res.users', string='Account Manager', readonly=True)
    state_id = fields.Many2one('res.country.state', string='Area', readonly=True)
    company_id = fields.Many2one('res.company', string='Company', readonly=True)
    own_km = fields.Float(string='From Own Start (km)', digits=(16, 1), readonly=True,
                          aggregator='avg',
                          help="Road distance from the account manager's start point.")
    nearest_user_id = fields.Many2one('res.users', string='Nearest Other Manager',
                                      readonly=True)
    nearest_km = fields.Float(string='From the Nearest (km)', digits=(16, 1), readonly=True,
                              aggregator='avg',
                              help="Road distance from the nearest other manager's start point.")
    is_handover_candidate = fields.Boolean(
        string='Hand-over Candidate', readonly=True,
        help='More than 100 km from its manager and more than twice as far as from another '
             "manager's start point.")

    @property
    def _table_query(self):
        factor = self.env['customer.relationship.event']._route_settings()['road_factor']
        return routing_report.handover_report(factor)
