# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Issue 25, figures on the demo data: the nightly RFM segmentation and health scoring run
on the demo world show every segment and every health label; the customers the demo makes
lapse (every cycle of theirs lapsed) are at risk and get a win-back call for their account
manager, who finds them among his customers to win back."""
from ..services import rfm
from .common import CustomerMaintenanceCase


class TestHealthDemo(CustomerMaintenanceCase):

    def test_demo_segments_labels_and_win_backs(self):
        Partner = self.env['res.partner']
        # the demo computed them at install; the night computes them again
        Partner.cron_segment_customers_rfm()
        Partner.cron_score_customer_health()
        demo = Partner.search([('parent_id', '=', False), ('customer_rank', '>', 0),
                               ('user_id', 'in', [self.env.ref('customer_maintenance.%s' % x).id
                                                  for x in ('user_am_chen', 'user_am_lin',
                                                            'user_am_wang')])])
        self.assertEqual(set(demo.mapped('rfm_segment')) - {False}, set(rfm.SEGMENTS))
        self.assertEqual(set(demo.mapped('health_label')) - {False},
                         {'healthy', 'watch', 'at_risk'})
        cycles = self.env['customer.consumption.cycle'].search(
            [('partner_id', 'in', demo.ids), ('next_due_date', '!=', False)])
        lapsed = demo.filtered(lambda p: (mine := cycles.filtered(
            lambda c, p=p: c.partner_id == p)) and all(mine.mapped('is_lapsed')))
        self.assertGreaterEqual(len(lapsed), 3)
        Event = self.env['customer.relationship.event']
        for partner in lapsed:
            with self.subTest(customer=partner.name):
                self.assertEqual(partner.health_label, 'at_risk')
                call = Event.search([('partner_id', '=', partner.id),
                                     ('plan_item', '=', 'win_back'), ('state', '=', 'planned')])
                self.assertEqual(len(call), 1)
                self.assertEqual(call.user_id, partner.user_id)
                self.assertIn(partner, Partner.with_user(partner.user_id).search(
                    [('is_to_win_back', '=', True), ('user_id', '=', partner.user_id.id)]))

    def test_demo_opens_on_health(self):
        """The demo computed the segments and scores at install: on a new database the
        dashboard and the customers to win back are not empty before the first night."""
        demo = self.env['res.partner'].search([('parent_id', '=', False),
                                               ('customer_rank', '>', 0),
                                               ('user_id', '!=', False)])
        self.assertGreater(len(demo.filtered('rfm_segment')), len(demo) // 2)
        self.assertTrue(demo.filtered(lambda p: p.health_label == 'at_risk'))
        self.assertTrue(demo.filtered(lambda p: p.health_label == 'healthy'))
