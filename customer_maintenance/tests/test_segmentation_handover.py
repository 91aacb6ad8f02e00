# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import CustomerMaintenanceCase


class TestHandoverClaims(CustomerMaintenanceCase):
    """A hand-over gives the successor the leaving manager's active claims on the customers
    handed over, and the claims' open activities; other claims stay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env['res.partner']
        cls.prospect = Partner.create({
            'name': 'Prospect of A', 'is_company': True, 'user_id': cls.manager_a.id,
            'pipeline_stage': 'prospect'})
        cls.other_prospect = Partner.create({
            'name': 'Prospect of B', 'is_company': True, 'user_id': cls.manager_b.id,
            'pipeline_stage': 'prospect'})
        Claim = cls.env['customer.prospect.claim']
        cls.claim = Claim.create({'partner_id': cls.prospect.id, 'user_id': cls.manager_a.id,
                                  'date_claim': '2029-12-01', 'date_expiry': '2030-03-01'})
        cls.claim_b = Claim.create({'partner_id': cls.other_prospect.id,
                                    'user_id': cls.manager_b.id,
                                    'date_claim': '2029-12-01', 'date_expiry': '2030-03-01'})
        cls.activity = cls.env['mail.activity'].create({
            'res_model_id': cls.env['ir.model']._get_id('customer.prospect.claim'),
            'res_id': cls.claim.id, 'activity_type_id': cls.env.ref('mail.mail_activity_data_todo').id,
            'summary': 'Visit the prospect', 'user_id': cls.manager_a.id,
            'date_deadline': '2030-01-10'})

    def test_claims_follow_the_hand_over(self):
        action = self.env['customer.handover.wizard'].with_user(self.supervisor).create({
            'from_user_id': self.manager_a.id, 'to_user_id': self.supervisor.id,
        }).action_handover()
        cases = [
            ("A's claim goes to the successor", self.claim.user_id, self.supervisor),
            ('it stays active', self.claim.state, 'active'),
            ("its activity too", self.activity.user_id, self.supervisor),
            ("B's claim untouched", self.claim_b.user_id, self.manager_b),
        ]
        for label, got, expected in cases:
            with self.subTest(label):
                self.assertEqual(got, expected)
        self.assertIn('1 prospect claims', action['params']['message'])
