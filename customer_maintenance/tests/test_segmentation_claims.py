# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Prospect claims (潛在客戶認購申報): one active claim, DB guard, expiry, conversion, access."""
from unittest.mock import patch

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import CustomerMaintenanceCase


class TestSegmentationClaims(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestSegmentationClaims, cls).setUpClass()
        cls.prospect = cls.env['res.partner'].create({
            'name': 'Prospect Steel Works', 'is_company': True, 'pipeline_stage': 'suspect'})
        cls.Claim = cls.env['customer.prospect.claim']

    def claim(self, user=None, **vals):
        values = dict({'partner_id': self.prospect.id, 'user_id': (user or self.manager_a).id,
                       'date_claim': '2030-01-01', 'date_expiry': '2030-03-31'}, **vals)
        return self.Claim.sudo(user or self.manager_a).create(values)

    def active_claims(self):
        return self.Claim.search([('partner_id', '=', self.prospect.id), ('state', '=', 'active')])

    def test_claim_from_partner(self):
        self.prospect.sudo(self.manager_a).action_claim_prospect()
        claim = self.active_claims()
        self.assertEqual(claim.user_id, self.manager_a)
        self.assertEqual(self.prospect.claim_user_id, self.manager_a)
        self.assertEqual(self.prospect.claim_date_expiry, claim.date_expiry)
        self.assertEqual(self.prospect.pipeline_stage, 'prospect')
        self.assertEqual(self.prospect.prospect_claim_count, 1)

    def test_second_active_claim_refused_naming_holder(self):
        self.claim()
        with self.assertRaises(ValidationError) as error:
            self.prospect.sudo(self.manager_b).action_claim_prospect()
        self.assertIn('Account Manager A', error.exception.name)
        self.assertIn('2030-03-31', error.exception.name)
        self.assertEqual(len(self.active_claims()), 1)
        # a claim on a contact counts for its company
        contact = self.env['res.partner'].create({'name': 'Buyer', 'parent_id': self.prospect.id})
        with self.assertRaises(ValidationError):
            self.claim(user=self.manager_b, partner_id=contact.id)

    def test_database_guard(self):
        self.claim()
        # without the Python checks (two transactions at the same moment), the index refuses
        with patch.object(type(self.Claim), '_check_no_active_claim', lambda *a, **k: None), \
                mute_logger('odoo.sql_db'):
            with self.assertRaises(ValidationError) as error:
                self.claim(user=self.manager_b)
        self.assertIn('Account Manager A', error.exception.name)
        self.assertEqual(len(self.active_claims()), 1)
        with mute_logger('odoo.sql_db'), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute("""
                    INSERT INTO customer_prospect_claim (partner_id, user_id, date_claim,
                                                         date_expiry, state)
                    VALUES (%s, %s, '2030-01-02', '2030-02-02', 'active')""",
                                    (self.prospect.id, self.manager_b.id))
        # released and expired claims do not block
        self.active_claims().write({'state': 'released'})
        self.claim(user=self.manager_b)
        self.assertEqual(self.active_claims().user_id, self.manager_b)

    def test_reactivating_a_claim_is_checked(self):
        old = self.claim()
        old.write({'state': 'released'})
        self.claim(user=self.manager_b)
        with self.assertRaises(ValidationError):
            old.write({'state': 'active'})

    def test_expiry_before_claim_refused(self):
        with self.assertRaises(ValidationError):
            self.claim(date_claim='2030-02-01', date_expiry='2030-01-31')
        self.assertFalse(self.Claim.search([('partner_id', '=', self.prospect.id)]))
        claim = self.claim()
        with self.assertRaises(ValidationError):
            claim.write({'date_expiry': '2029-12-31'})
        self.assertEqual(claim.date_expiry, '2030-03-31')

    def test_default_expiry_from_settings(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.claim_duration_days', '30')
        claim = self.Claim.with_context(default_date_claim='2030-01-01').create(
            {'partner_id': self.prospect.id})
        self.assertEqual(claim.date_expiry, '2030-01-31')

    def test_release(self):
        self.claim()
        with self.assertRaises(UserError):
            self.prospect.sudo(self.manager_b).action_release_claim()
        self.prospect.sudo(self.manager_a).action_release_claim()
        self.assertFalse(self.active_claims())
        self.assertFalse(self.prospect.claim_user_id)
        with self.assertRaises(UserError):
            self.prospect.sudo(self.manager_a).action_release_claim()
        # a supervisor can release anybody's claim
        self.claim(user=self.manager_b)
        self.prospect.sudo(self.supervisor).action_release_claim()
        self.assertFalse(self.active_claims())

    def test_cannot_claim_a_customer(self):
        with self.assertRaises(UserError):
            self.customer_b.write({'pipeline_stage': 'customer'})
            self.customer_b.sudo(self.manager_a).action_claim_prospect()
        self.assertFalse(self.Claim.search([('partner_id', '=', self.customer_b.id)]))

    def test_conversion_on_first_order(self):
        claim = self.claim(user=self.manager_b)
        self._confirmed_order(self.prospect, '2030-02-01', [(self.product, 2, 50.0)])
        self.assertEqual(claim.state, 'converted')
        self.assertEqual(self.prospect.user_id, self.manager_b)
        self.assertEqual(self.prospect.pipeline_stage, 'customer')
        self.assertFalse(self.prospect.claim_user_id)

    def test_expiry_cron(self):
        claim = self.claim()
        other = self.env['res.partner'].create({'name': 'Other prospect', 'is_company': True})
        running = self.claim(partner_id=other.id, date_expiry='2030-12-31')
        # claims outside this test (the demo's) must not blur the counts below
        self.Claim.search([('id', 'not in', (claim | running).ids)]).write({'state': 'released'})
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-03-31'), 0)
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-04-01'), 1)
        self.assertEqual(claim.state, 'expired')
        self.assertEqual(running.state, 'active')
        activity = self.env['mail.activity'].search([
            ('res_model', '=', 'customer.prospect.claim'), ('res_id', '=', claim.id)])
        self.assertEqual(activity.user_id, self.manager_a)
        # idempotent
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-04-01'), 0)
        self.assertFalse(self.prospect.claim_user_id)

    def test_access_rules(self):
        claim = self.claim()
        self.assertEqual(self.Claim.sudo(self.manager_a).search(
            [('partner_id', '=', self.prospect.id)]), claim)
        # another manager neither holds it nor manages the prospect
        self.assertFalse(self.Claim.sudo(self.manager_b).search(
            [('partner_id', '=', self.prospect.id)]))
        self.assertEqual(self.Claim.sudo(self.supervisor).search(
            [('partner_id', '=', self.prospect.id)]), claim)
        # once manager B joins the prospect's team, they see it
        self.prospect.write({'customer_team_ids': [(4, self.manager_b.id)]})
        self.assertTrue(self.Claim.sudo(self.manager_b).search(
            [('partner_id', '=', self.prospect.id)]))
