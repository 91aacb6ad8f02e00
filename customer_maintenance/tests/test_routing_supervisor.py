# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The supervisor's view of the routes: km, visits a day and km a visit per manager and month;
the customers far off their manager's road, near another's (hand-over candidates)."""
import datetime

from odoo.exceptions import AccessError

from ..services import routing
from .common import CustomerMaintenanceCase

DAY = datetime.date(2026, 3, 3)
SHANGHAI = (31.2304, 121.4737)
BEIJING = (39.9042, 116.4074)


class TestRoutingSupervisor(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user, point in ((cls.manager_a, SHANGHAI), (cls.manager_b, BEIJING)):
            user.partner_id.write({'partner_latitude': point[0], 'partner_longitude': point[1]})
        Partner = cls.env['res.partner']

        def customer(name, user, point):
            return Partner.create({'name': name, 'is_company': True, 'customer_rank': 1,
                                   'user_id': user.id, 'partner_latitude': point[0],
                                   'partner_longitude': point[1]})
        cls.near = [customer('Route Near %d' % i, cls.manager_a,
                             (SHANGHAI[0] + 0.03 * i, SHANGHAI[1] + 0.05)) for i in range(3)]
        cls.far = customer('Route Far in Beijing', cls.manager_a,
                           (BEIJING[0] + 0.05, BEIJING[1] + 0.05))
        cls.of_b = customer('Route Customer of B', cls.manager_b,
                            (BEIJING[0] - 0.05, BEIJING[1]))
        Event = cls.env['customer.relationship.event']
        days = (DAY, DAY, DAY + datetime.timedelta(days=1))
        cls.visits = Event.create([{
            'name': 'Visit %s' % partner.name, 'partner_id': partner.id, 'channel': 'visit',
            'user_id': partner.user_id.id, 'date': date}
            for partner, date in zip(cls.near + [cls.far, cls.of_b],
                                     days + (DAY, DAY))])
        Event.with_context(cm_today=DAY)._route_replan(
            {(cls.manager_a.id, DAY), (cls.manager_a.id, DAY + datetime.timedelta(days=1)),
             (cls.manager_b.id, DAY)})
        cls.env.flush_all()

    def test_month_figures_per_manager(self):
        routed = self.visits.filtered(
            lambda v: v.user_id == self.manager_a and v.route_sequence)
        # the Beijing customer does not fit a day from Shanghai: not routed, not counted
        self.assertNotIn(self.far, routed.partner_id)
        self.assertEqual(len(routed), 3)
        row = self.env['customer.route.report'].with_user(self.supervisor).search(
            [('user_id', '=', self.manager_a.id), ('date', '=', DAY.replace(day=1))])
        self.assertEqual(len(row), 1)
        km = sum(v.route_leg_km + v.route_back_km for v in routed)
        self.assertGreater(km, 0)
        self.assertEqual((row.visit_count, row.day_count, row.customer_count),
                         (3, 2, 3))
        self.assertAlmostEqual(row.km, km, places=1)
        self.assertAlmostEqual(row.visits_per_day, 1.5)
        self.assertAlmostEqual(row.km_per_visit, km / 3, places=1)
        # each day's road: to the first stop, between the stops and back
        for date in (DAY, DAY + datetime.timedelta(days=1)):
            day_visits = routed.filtered(lambda v: v.date == date).sorted('route_sequence')
            self.assertEqual(sum(bool(v.route_back_km) for v in day_visits), 1)
            self.assertTrue(day_visits[-1].route_back_km)

    def test_far_off_customer_is_a_handover_candidate(self):
        Report = self.env['customer.route.handover.report'].with_user(self.supervisor)
        far = Report.search([('partner_id', '=', self.far.id)])
        self.assertEqual(len(far), 1)
        self.assertTrue(far.is_handover_candidate)
        self.assertEqual(far.user_id, self.manager_a)
        self.assertEqual(far.nearest_user_id, self.manager_b)
        self.assertAlmostEqual(far.own_km, routing.road_km(
            SHANGHAI, (self.far.partner_latitude, self.far.partner_longitude), 1.3), delta=0.1)
        self.assertAlmostEqual(far.nearest_km, routing.road_km(
            BEIJING, (self.far.partner_latitude, self.far.partner_longitude), 1.3), delta=0.1)
        near = Report.search([('partner_id', 'in', [p.id for p in self.near])])
        self.assertEqual(len(near), 3)
        self.assertFalse(any(near.mapped('is_handover_candidate')))
        self.assertEqual(Report.search([('is_handover_candidate', '=', True),
                                        ('user_id', '=', self.manager_a.id)]).partner_id,
                         self.far)

    def test_account_managers_do_not_read_the_supervisors_view(self):
        for model in ('customer.route.report', 'customer.route.handover.report'):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.manager_a).search([])
