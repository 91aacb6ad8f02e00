# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""My Route at phone size (375x667) in headless Chromium (make test-ui)."""
import datetime

from odoo.tests import HttpCase, tagged

from ..tools.today import today as cm_today


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiRouting(HttpCase):
    browser_size = '375x667'
    touch_enabled = True

    def test_my_route_on_a_phone(self):
        chen = self.env.ref('customer_maintenance.user_am_chen')
        today = cm_today(self.env(user=chen))
        Event = self.env['customer.relationship.event']
        # chen's other visits of today leave the day, so the tour's two are the route
        Event.search([('user_id', '=', chen.id), ('date', '=', today),
                      ('channel', 'in', ('visit', 'meeting'))]).write(
            {'date': today - datetime.timedelta(days=30)})
        home = Event._route_start_point(chen)
        Partner = self.env['res.partner']
        near, far = (Partner.create({
            'name': name, 'is_company': True, 'customer_rank': 1, 'user_id': chen.id,
            'partner_latitude': home[0], 'partner_longitude': home[1] + offset})
            for name, offset in (('CM Route Tour Near', 0.02), ('CM Route Tour Far', 0.2)))
        # due in the order of the names, far first: the route puts the near one first
        visits = Event.create([{
            'name': 'Visit %s' % partner.name, 'partner_id': partner.id, 'channel': 'visit',
            'user_id': chen.id, 'date': today} for partner in (far, near)])
        Event.with_context(cm_today=today)._route_replan({(chen.id, today)})
        self.assertEqual(visits.sorted('route_sequence').partner_id.ids, [near.id, far.id])
        self.start_tour('/odoo/action-customer_maintenance.customer_relationship_event_action_route',
                        'customer_maintenance_my_route_phone', login='chen')
        self.assertEqual(visits[1].state, 'done')
        self.assertEqual(visits[1].outcome, 'Ordered two drums of cutting fluid')
        self.assertEqual(visits[0].state, 'planned')
        self.assertEqual(visits[0].route_sequence, 2, 'the rest of the day goes on after it')
