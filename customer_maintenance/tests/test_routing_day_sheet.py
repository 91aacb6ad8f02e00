# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The day sheet: the route of the day, then the profile cards in route order."""
import datetime

from odoo.exceptions import AccessError, UserError

from .common import CustomerMaintenanceCase

TODAY = datetime.date(2026, 3, 3)


class TestRoutingDaySheet(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.partner_id.write({'partner_latitude': 31.23,
                                        'partner_longitude': 121.47})
        Partner = cls.env['res.partner']
        cls.stops = Partner.create([{
            'name': 'Sheet Stop %s' % name, 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'city': 'Shanghai', 'partner_latitude': 31.23,
            'partner_longitude': 121.47 + offset}
            for name, offset in (('Far', 0.3), ('Near', 0.05), ('Middle', 0.15))])
        cls.visits = cls.env['customer.relationship.event'].create([{
            'name': 'Visit %s' % partner.name, 'partner_id': partner.id, 'channel': 'visit',
            'user_id': cls.manager_a.id, 'date': TODAY} for partner in cls.stops])
        cls.env['customer.relationship.event'].with_context(cm_today=TODAY)._route_replan(
            {(cls.manager_a.id, TODAY)})

    def test_route_then_cards_in_route_order(self):
        ordered = self.visits.sorted('route_sequence')
        self.assertEqual(ordered.mapped('route_sequence'), [1, 2, 3])
        # on a line east of the start point: out and back, nearest first either way
        names = ordered.partner_id.mapped('name')
        self.assertIn('Sheet Stop Near', (names[0], names[-1]))
        env = self.env(user=self.manager_a, context=dict(self.env.context, cm_today=TODAY))
        html = env['ir.actions.report']._render_qweb_html(
            'customer_maintenance.report_route_day_sheet', self.visits.ids)[0].decode()
        route_part, *cards = html.split('Customer Profile Card')
        positions = [route_part.index(name) for name in names]
        self.assertEqual(positions, sorted(positions), 'the route in its order')
        self.assertEqual(len(cards), 3, 'a card per customer')
        for name, card in zip(names, cards):
            self.assertIn(name, card[:300], 'the cards follow the route')
        self.assertIn('cm_day_sheet_total', html)
        self.assertIn('09:', html, 'estimated arrivals after the start of the day')

    def test_day_sheet_button(self):
        Event = self.env['customer.relationship.event'].with_context(cm_today=TODAY)
        action = Event.with_user(self.manager_a).action_print_day_sheet()
        self.assertEqual(action['report_name'], 'customer_maintenance.report_route_day_sheet')
        self.assertEqual(sorted(action['context']['active_ids']), sorted(self.visits.ids))
        with self.assertRaises(UserError):
            Event.with_user(self.manager_b).action_print_day_sheet()
        portal = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Portal Sheet', 'login': 'cm_sheet_portal',
            'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])]})
        with self.assertRaises(AccessError):
            Event.with_user(portal).action_print_day_sheet()
