# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Prospect claims (潛在客戶認購申報): one active claim, DB guard, expiry, renewal, conversion,
the stored claim columns on the partner, access."""
import datetime
from unittest.mock import patch

import psycopg2

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from ..queries.segmentation import fill_partner_claims
from .common import CustomerMaintenanceCase

D = datetime.date


class TestSegmentationClaims(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect = cls.env['res.partner'].create({
            'name': 'Prospect Steel Works', 'is_company': True, 'pipeline_stage': 'suspect'})
        cls.Claim = cls.env['customer.prospect.claim']

    def claim(self, user=None, **vals):
        values = dict({'partner_id': self.prospect.id, 'user_id': (user or self.manager_a).id,
                       'date_claim': '2030-01-01', 'date_expiry': '2030-03-31'}, **vals)
        return self.Claim.with_user(user or self.manager_a).create(values)

    def active_claims(self):
        return self.Claim.search([('partner_id', '=', self.prospect.id), ('state', '=', 'active')])

    def test_claim_from_partner(self):
        self.prospect.with_user(self.manager_a).with_context(
            cm_today='2030-01-10').action_claim_prospect()
        claim = self.active_claims()
        self.assertEqual(claim.user_id, self.manager_a)
        self.assertEqual(claim.date_claim, D(2030, 1, 10))
        self.assertEqual(claim.date_expiry, D(2030, 4, 10))  # 90 days by default
        self.assertEqual(self.prospect.claim_user_id, self.manager_a)
        self.assertEqual(self.prospect.claim_date_expiry, claim.date_expiry)
        self.assertEqual(self.prospect.pipeline_stage, 'prospect')
        self.assertEqual(self.prospect.prospect_claim_count, 1)
        action = self.prospect.action_view_prospect_claims()
        self.assertEqual(self.Claim.search(action['domain']), claim)

    def test_second_active_claim_refused_naming_holder(self):
        self.claim()
        with self.assertRaises(ValidationError) as error:
            self.prospect.with_user(self.manager_b).action_claim_prospect()
        self.assertIn('Account Manager A', str(error.exception))
        self.assertIn('2030-03-31', str(error.exception))
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
        self.assertIn('Account Manager A', str(error.exception))
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

    def test_database_guard_on_write(self):
        """Reactivating through write() is refused by the index too (18.0 writes at flush)."""
        old = self.claim()
        old.write({'state': 'released'})
        self.claim(user=self.manager_b)
        with patch.object(type(self.Claim), '_check_no_active_claim', lambda *a, **k: None), \
                patch.object(type(self.Claim), '_check_single_active', lambda *a, **k: None), \
                mute_logger('odoo.sql_db'):
            with self.assertRaisesRegex(ValidationError, 'already claimed'):
                old.write({'state': 'active'})
        self.assertEqual(old.state, 'released')

    def test_reactivating_a_claim_is_checked(self):
        old = self.claim()
        old.write({'state': 'released'})
        self.claim(user=self.manager_b)
        with self.assertRaises(ValidationError):
            old.write({'state': 'active'})

    def test_expiry_before_claim_refused(self):
        with self.assertRaisesRegex(ValidationError, 'expire'):
            self.claim(date_claim='2030-02-01', date_expiry='2030-01-31')
        self.assertFalse(self.Claim.search([('partner_id', '=', self.prospect.id)]))
        claim = self.claim()
        with self.assertRaises(ValidationError):
            claim.write({'date_expiry': '2029-12-31'})
        self.assertEqual(claim.date_expiry, D(2030, 3, 31))

    def test_default_expiry_from_settings(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.claim_duration_days', '30')
        claim = self.Claim.with_context(default_date_claim='2030-01-01').create(
            {'partner_id': self.prospect.id})
        self.assertEqual(claim.date_expiry, D(2030, 1, 31))

    def test_release(self):
        self.claim()
        with self.assertRaisesRegex(UserError, 'Account Manager A'):
            self.prospect.with_user(self.manager_b).action_release_claim()
        self.prospect.with_user(self.manager_a).action_release_claim()
        self.assertFalse(self.active_claims())
        self.assertFalse(self.prospect.claim_user_id)
        with self.assertRaises(UserError):
            self.prospect.with_user(self.manager_a).action_release_claim()
        # a supervisor can release anybody's claim
        self.claim(user=self.manager_b)
        self.prospect.with_user(self.supervisor).action_release_claim()
        self.assertFalse(self.active_claims())

    def test_renew(self):
        claim = self.claim()
        env_day = {'cm_today': '2030-03-20'}
        with self.assertRaisesRegex(UserError, 'Account Manager A'):
            claim.with_user(self.manager_b).with_context(**env_day).action_renew()
        claim.with_user(self.manager_a).with_context(**env_day).action_renew()
        self.assertEqual(claim.date_expiry, D(2030, 6, 18))
        self.assertEqual(self.prospect.claim_date_expiry, D(2030, 6, 18))
        # an expired claim can be taken up again, its expiry activity is done
        self.Claim.cron_expire_prospect_claims(today='2030-06-19')
        self.assertEqual(claim.state, 'expired')
        self.assertTrue(claim.activity_ids)
        self.prospect.invalidate_recordset()
        self.assertFalse(self.prospect.claim_user_id)
        claim.with_user(self.supervisor).with_context(cm_today='2030-06-20').action_renew()
        self.assertEqual((claim.state, claim.date_expiry), ('active', D(2030, 9, 18)))
        self.assertFalse(claim.activity_ids)
        self.prospect.with_user(self.manager_a).with_context(
            cm_today='2030-09-01').action_renew_claim()
        self.assertEqual(claim.date_expiry, D(2030, 11, 30))
        # not once another manager holds the prospect
        claim.write({'state': 'expired'})
        self.claim(user=self.manager_b, date_claim='2030-10-01', date_expiry='2030-12-31')
        with self.assertRaisesRegex(ValidationError, 'already claimed'):
            claim.with_user(self.manager_a).action_renew()
        released = self.Claim.search([('user_id', '=', self.manager_b.id)])
        released.write({'state': 'released'})
        with self.assertRaisesRegex(UserError, 'renewed'):
            released.action_renew()

    def test_cannot_claim_a_customer(self):
        self.customer_b.write({'pipeline_stage': 'customer'})
        with self.assertRaisesRegex(UserError, 'already a customer'):
            self.customer_b.with_user(self.manager_a).action_claim_prospect()
        with self.assertRaisesRegex(ValidationError, 'already a customer'):
            self.Claim.create({'partner_id': self.customer_b.id, 'user_id': self.manager_a.id})
        self.assertFalse(self.Claim.search([('partner_id', '=', self.customer_b.id)]))

    def test_conversion_on_first_order(self):
        claim = self.claim(user=self.manager_b)
        self._confirmed_order(self.prospect, '2030-02-01', [(self.product, 2, 50.0)])
        self.assertEqual(claim.state, 'converted')
        self.assertEqual(self.prospect.user_id, self.manager_b)
        self.assertEqual(self.prospect.pipeline_stage, 'customer')
        self.assertEqual(self.prospect.customer_rank, 1)
        self.assertFalse(self.prospect.claim_user_id)

    def test_expiry_cron(self):
        claim = self.claim()
        other = self.env['res.partner'].create({'name': 'Other prospect', 'is_company': True})
        running = self.claim(partner_id=other.id, date_expiry='2030-12-31')
        # claims outside this test (the demo's) must not blur the counts below
        self.Claim.search([('id', 'not in', (claim | running).ids),
                           ('state', '=', 'active')]).write({'state': 'released'})
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-03-31'), 0)
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-04-01'), 1)
        self.assertEqual(claim.state, 'expired')
        self.assertEqual(running.state, 'active')
        activity = self.env['mail.activity'].search([
            ('res_model', '=', 'customer.prospect.claim'), ('res_id', '=', claim.id)])
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(activity.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_claim_expired'))
        self.assertEqual(activity.date_deadline, D(2030, 4, 1))
        self.assertIn(activity, claim.with_user(self.manager_a).activity_ids)
        # idempotent
        self.assertEqual(self.Claim.cron_expire_prospect_claims(today='2030-04-01'), 0)
        self.assertEqual(self.env['mail.activity'].search_count([
            ('res_model', '=', 'customer.prospect.claim'), ('res_id', '=', claim.id)]), 1)
        self.assertFalse(self.prospect.claim_user_id)

    def test_stored_claim_columns_filled_by_sql(self):
        """The install/upgrade fill (one UPDATE) gives the same values as the compute."""
        claim = self.claim()
        other = self.env['res.partner'].create({'name': 'Released prospect', 'is_company': True})
        self.claim(partner_id=other.id).write({'state': 'released'})
        self.env.flush_all()
        # wrong values everywhere, as on a database where the columns were just created
        self.env.cr.execute("""UPDATE res_partner SET claim_user_id = NULL,
                                      claim_date_expiry = NULL WHERE id = %s""",
                            (self.prospect.id,))
        self.env.cr.execute("""UPDATE res_partner SET claim_user_id = %s,
                                      claim_date_expiry = '2030-01-01' WHERE id IN %s""",
                            (self.manager_b.id, (other.id, self.customer_a.id)))
        self.env.cr.execute(fill_partner_claims())
        self.env.cr.execute(fill_partner_claims())
        self.assertEqual(self.env.cr.rowcount, 0, 'a second fill writes nothing')
        self.env.invalidate_all()
        cases = [(self.prospect, self.manager_a, claim.date_expiry),
                 (other, self.env['res.users'], False),
                 (self.customer_a, self.env['res.users'], False)]
        for partner, user, expiry in cases:
            with self.subTest(partner=partner.name):
                self.assertEqual((partner.claim_user_id, partner.claim_date_expiry),
                                 (user, expiry))
        # and the whole table agrees with the active claims
        self.env.cr.execute("""
            SELECT count(*) FROM res_partner p
              LEFT JOIN customer_prospect_claim c ON c.partner_id = p.id AND c.state = 'active'
             WHERE (p.claim_user_id, p.claim_date_expiry)
                   IS DISTINCT FROM (c.user_id, c.date_expiry)""")
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_install_fills_claim_columns_by_sql(self):
        """Odoo did not create the claim columns (it would have recomputed them record by
        record): the module did, before the ORM's own column creation."""
        for name in ('claim_user_id', 'claim_date_expiry'):
            with self.subTest(column=name):
                self.assertTrue(self.env['res.partner']._fields[name].store)
        self.env.cr.execute("""SELECT count(*) FROM pg_indexes WHERE tablename = 'res_partner'
                                  AND indexdef LIKE '%%(claim_user_id)%%'""")
        self.assertEqual(self.env.cr.fetchone()[0], 1)

    def test_access_rules(self):
        claim = self.claim()
        cases = [(self.manager_a, claim), (self.manager_b, self.Claim),
                 (self.supervisor, claim), (self.admin, claim)]
        for user, expected in cases:
            with self.subTest(user=user.login):
                self.assertEqual(self.Claim.with_user(user).search(
                    [('partner_id', '=', self.prospect.id)]), expected)
        # once manager B joins the prospect's team, they see it
        self.prospect.write({'customer_team_ids': [Command.link(self.manager_b.id)]})
        self.assertTrue(self.Claim.with_user(self.manager_b).search(
            [('partner_id', '=', self.prospect.id)]))

    def test_multi_company_rule(self):
        company2 = self.env['res.company'].create({'name': 'Claims Co. 2'})
        claim = self.claim()
        claim.company_id = company2
        Claim = self.Claim.with_user(self.supervisor)
        self.assertFalse(Claim.search_count([('id', '=', claim.id)]))
        self.supervisor.write({'company_ids': [Command.link(company2.id)]})
        self.assertFalse(Claim.with_context(allowed_company_ids=[self.env.company.id]).search_count(
            [('id', '=', claim.id)]), 'not in the active companies')
        self.assertTrue(Claim.with_context(
            allowed_company_ids=[self.env.company.id, company2.id]).search_count(
            [('id', '=', claim.id)]))
