# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Visit routes through the ORM: the week of a manager on days and in order, windows kept,
done and hand-fixed visits never moved, the rest of the day re-ordered, twice changes nothing,
customers placed by city or state and listed to locate, the roles."""
import datetime

from odoo import Command
from odoo.exceptions import AccessError

from ..services import routing
from .common import CustomerMaintenanceCase

MONDAY = datetime.date(2026, 3, 2)
HOME = (31.2304, 121.4737)  # Shanghai
FAR_EAST = (31.2304, 121.80)
NEAR_WEST = (31.2304, 121.40)


def day(offset):
    return MONDAY + datetime.timedelta(days=offset)


class TestRouting(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.today_env = env(context=dict(env.context, cm_today=MONDAY))
        cls.manager_a.partner_id.write({'partner_latitude': HOME[0],
                                        'partner_longitude': HOME[1]})
        cls.state = env['res.country.state'].search([('country_id.code', '=', 'CN')], limit=1)
        Partner = env['res.partner']
        cls.east = [Partner.create({
            'name': 'East %d' % i, 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'city': 'Pudong', 'state_id': cls.state.id,
            'partner_latitude': FAR_EAST[0] + 0.002 * i, 'partner_longitude': FAR_EAST[1]})
            for i in range(3)]
        cls.west = [Partner.create({
            'name': 'West %d' % i, 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'city': 'Minhang', 'state_id': cls.state.id,
            'partner_latitude': NEAR_WEST[0] + 0.002 * i, 'partner_longitude': NEAR_WEST[1]})
            for i in range(3)]
        # not located: placed at the centre of its city's located customers
        cls.unlocated = Partner.create({
            'name': 'Somewhere in Pudong', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'city': ' pudong', 'state_id': cls.state.id})
        params = env['ir.config_parameter'].sudo()
        params.set_param('customer_maintenance.visits_per_day', 3)
        params.set_param('customer_maintenance.route_window_early_days', 2)
        params.set_param('customer_maintenance.route_window_late_days', 2)

    def _visit(self, partner, date, **vals):
        # created without the test's day: creating does not re-order anything yet
        return self.env['customer.relationship.event'].create(dict({
            'name': 'Visit %s' % partner.name, 'partner_id': partner.id, 'channel': 'visit',
            'user_id': self.manager_a.id, 'date': date}, **vals))

    def _plan(self):
        Event = self.today_env['customer.relationship.event']
        return Event._plan_routes(user_ids=[self.manager_a.id])

    def test_week_grouped_by_area_within_windows(self):
        # east and west customers alternate over the days: the route groups each area
        visits = [self._visit(partner, day(offset)) for offset, partner in enumerate(
            [self.east[0], self.west[0], self.east[1], self.west[1], self.east[2],
             self.west[2]])]
        stats = self._plan()
        self.assertEqual(stats['managers'], 1)
        self.assertEqual(stats['dropped'], 0)
        for visit, offset in zip(visits, range(6)):
            with self.subTest(visit=visit.name):
                # its window: two days either side of the due day, not before today
                self.assertEqual(visit.route_window_start, day(offset - 2))
                self.assertEqual(visit.route_window_end, day(offset + 2))
                self.assertTrue(max(day(offset - 2), MONDAY) <= visit.date <= day(offset + 2))
                self.assertLess(visit.date.weekday(), 5, 'a working day')
                self.assertGreater(visit.route_sequence, 0)
                self.assertEqual(visit.route_placed, 'exact')
        by_day = {}
        for visit in visits:
            by_day.setdefault(visit.date, set()).add(visit.partner_id.city)
        self.assertTrue(all(len(cities) == 1 for cities in by_day.values()),
                        'each day stays in one area: %s' % by_day)
        self.assertLessEqual(max(len([v for v in visits if v.date == d]) for d in by_day), 3)
        # the running total adds up the legs, the arrival follows the day's start (9:00)
        for date in by_day:
            route = sorted((v for v in visits if v.date == date), key=lambda v: v.route_sequence)
            self.assertEqual([v.route_sequence for v in route], list(range(1, len(route) + 1)))
            self.assertAlmostEqual(route[-1].route_total_km,
                                   sum(v.route_leg_km for v in route), delta=0.2)
            self.assertGreater(route[0].route_eta, 9.0)
            self.assertTrue(all(a.route_eta < b.route_eta for a, b in zip(route, route[1:])))

    def test_twice_changes_nothing(self):
        visits = [self._visit(partner, day(offset % 5)) for offset, partner in enumerate(
            self.east + self.west)]
        self._plan()
        self.env.flush_all()
        fields = ['date', 'route_sequence', 'route_leg_km', 'route_total_km', 'route_eta',
                  'route_window_start', 'route_window_end']
        first = [visit.read(fields)[0] for visit in visits]
        self.env.cr.execute('SELECT id, write_date FROM customer_relationship_event '
                            'WHERE id = ANY(%s) ORDER BY id', [[v.id for v in visits]])
        written = self.env.cr.fetchall()
        stats = self._plan()
        self.env.flush_all()
        self.assertEqual(stats['moved'], 0)
        self.assertEqual([visit.read(fields)[0] for visit in visits], first)
        self.env.cr.execute('SELECT id, write_date FROM customer_relationship_event '
                            'WHERE id = ANY(%s) ORDER BY id', [[v.id for v in visits]])
        self.assertEqual(self.env.cr.fetchall(), written, 'nothing written the second time')

    def test_done_and_fixed_visits_never_move(self):
        fixed = self._visit(self.west[0], day(3), route_fixed=True)
        done = self._visit(self.east[0], day(1), state='done')
        others = [self._visit(partner, day(3)) for partner in self.east[1:]]
        self._plan()
        self.assertEqual(fixed.date, day(3))
        self.assertEqual(done.date, day(1))
        self.assertEqual(done.route_sequence, 0, 'a done visit is not routed again')
        # the east visits leave the day of the fixed west visit when another day is free
        self.assertTrue(all(other.date != day(3) or other.route_sequence for other in others))

    def test_moved_by_hand_is_fixed_and_days_reordered(self):
        near = self._visit(self.west[0], day(2))
        far = self._visit(self.east[0], day(2))
        far_2 = self._visit(self.east[1], day(2))
        self._plan()
        event = far.with_env(self.today_env(user=self.manager_a))
        event.write({'date': day(4)})
        self.assertTrue(far.route_fixed, 'a date changed by hand fixes the visit')
        self.assertEqual(far.route_sequence, 1, 'its new day is ordered at once')
        remaining = (near | far_2).filtered(lambda v: v.date == day(2))
        self.assertEqual(sorted(remaining.mapped('route_sequence')),
                         list(range(1, len(remaining) + 1)))
        self._plan()
        self.assertEqual(far.date, day(4), 'the nightly route keeps it there')

    def test_done_visit_reorders_the_rest_of_the_day_from_there(self):
        visits = [self._visit(partner, MONDAY) for partner in
                  (self.west[0], self.east[0], self.east[1])]
        self.env['customer.relationship.event'].with_env(self.today_env)._route_replan(
            {(self.manager_a.id, MONDAY)})
        self.assertEqual(sorted(v.route_sequence for v in visits), [1, 2, 3])
        first_east = visits[1] if visits[1].route_sequence < visits[2].route_sequence \
            else visits[2]
        # the manager goes east first after all: the west visit is now driven to from there
        first_east.with_env(self.today_env(user=self.manager_a))._mark_done('Ordered 10 drums')
        rest = (visits[0] | visits[1] | visits[2]) - first_east
        # numbered after the visit done, the running total going on from it
        self.assertEqual(sorted(rest.mapped('route_sequence')), [2, 3])
        start = (first_east.partner_id.partner_latitude, first_east.partner_id.partner_longitude)
        first = rest.sorted('route_sequence')[0]
        expected = routing.road_km(start, (first.partner_id.partner_latitude,
                                           first.partner_id.partner_longitude), 1.3)
        self.assertAlmostEqual(first.route_leg_km, expected, delta=0.1)
        self.assertAlmostEqual(first.route_total_km,
                               first_east.route_total_km + first.route_leg_km, delta=0.1)
        self.assertGreater(first.route_eta, first_east.route_eta + 1.0,
                           'after the hour of the visit done')
        last = rest.sorted('route_sequence')[-1]
        self.assertGreater(last.route_back_km, 0.0, 'the way back from the last stop')
        self.assertEqual(first_east.route_back_km, 0.0)

    def test_added_visit_joins_its_day(self):
        first = self._visit(self.west[0], MONDAY)
        Event = self.today_env['customer.relationship.event'].with_user(self.manager_a)
        added = Event.create({'name': 'Dropped in', 'partner_id': self.west[1].id,
                              'channel': 'visit', 'date': MONDAY})
        self.assertEqual(sorted((first | added).mapped('route_sequence')), [1, 2])

    def test_unlocated_customer_placed_by_city_and_listed(self):
        visit = self._visit(self.unlocated, day(1))
        self._plan()
        self.assertEqual(visit.route_placed, 'city')
        Partner = self.env['res.partner'].with_user(self.manager_a)
        to_locate = Partner.search([('route_to_locate', '=', True),
                                    ('user_id', '=', self.manager_a.id)])
        self.assertIn(self.unlocated, to_locate)
        self.assertNotIn(self.east[0], to_locate)
        self.assertTrue(self.unlocated.route_to_locate)
        self.assertFalse(self.east[0].route_to_locate)

    def test_start_point_own_address_else_company(self):
        Event = self.env['customer.relationship.event']
        self.assertEqual(Event._route_start_point(self.manager_a), HOME)
        company_partner = self.manager_b.company_id.partner_id
        company_partner.write({'partner_latitude': 25.03, 'partner_longitude': 121.56})
        self.assertEqual(Event._route_start_point(self.manager_b), (25.03, 121.56))

    def test_plan_my_route_button_by_role(self):
        visit = self._visit(self.west[0], day(1))
        Event = self.today_env['customer.relationship.event']
        Event.with_user(self.manager_a).action_plan_my_route()
        self.assertGreater(visit.route_sequence, 0)
        portal = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Portal', 'login': 'cm_route_portal',
            'groups_id': [Command.set([self.env.ref('base.group_portal').id])]})
        with self.assertRaises(AccessError):
            Event.with_user(portal).action_plan_my_route()


class TestRoutingDemo(CustomerMaintenanceCase):

    def test_demo_customers_located_and_weeks_routed(self):
        chen = self.env.ref('customer_maintenance.user_am_chen')
        customers = self.env['res.partner'].search([('user_id', '=', chen.id),
                                                    ('customer_rank', '>', 0),
                                                    ('parent_id', '=', False)])
        located = customers.filtered(lambda partner: not partner.route_to_locate)
        self.assertGreater(len(located), len(customers) // 2)
        for partner in located:
            # in China, at the real places of the demo cities
            self.assertTrue(18 < partner.partner_latitude < 54, partner.display_name)
            self.assertTrue(73 < partner.partner_longitude < 135, partner.display_name)
        self.assertTrue(self.env['res.partner'].search_count(
            [('route_to_locate', '=', True), ('customer_rank', '>', 0)]))
        self.assertTrue(self.env['customer.relationship.event']._route_start_point(chen))
        routed = self.env['customer.relationship.event'].search(
            [('user_id', '=', chen.id), ('channel', '=', 'visit'), ('route_sequence', '>', 0)])
        self.assertGreaterEqual(len(routed), 5, 'the demo week of chen is routed')
        self.assertTrue(all(visit.route_eta >= 9.0 for visit in routed))
