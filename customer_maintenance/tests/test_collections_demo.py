# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The demo's collections (收款) as installed: calls planned for the overdue customers in
their managers' days, a broken promise called again, a dispute, a paid customer's call
cancelled with why."""
from .common import CustomerMaintenanceCase


class TestCollectionsDemo(CustomerMaintenanceCase):

    def test_demo_collections(self):
        Event = self.env['customer.relationship.event']
        calls = Event.search([('kind', '=', 'collection'), ('partner_id.ref', '=like', 'CM%')])
        planned = calls.filtered(lambda call: call.state == 'planned')
        self.assertGreaterEqual(len(planned), 3)
        self.assertTrue(all(call.activity_ids for call in planned))
        self.assertTrue(all(call.user_id == call.partner_id.user_id for call in planned))
        broken = calls.filtered('promise_broken')
        self.assertEqual(len(broken), 1)
        self.assertEqual(broken.collection_outcome, 'promise')
        # called again after the broken promise
        self.assertIn(broken.partner_id, planned.partner_id)
        disputed = calls.filtered(lambda call: call.collection_outcome == 'disputed')
        self.assertEqual(len(disputed), 1)
        self.assertTrue(disputed.dispute_reason)
        cancelled = calls.filtered(lambda call: call.state == 'cancelled')
        self.assertEqual(len(cancelled), 1)
        self.assertIn('owes nothing overdue', cancelled.with_context(lang='en_US').outcome)
        self.assertNotIn(cancelled.partner_id, planned.partner_id)
        self.assertEqual(cancelled.partner_id.collection_overdue_amount, 0.0)
