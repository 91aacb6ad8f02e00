# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""ABC classification cron on real orders, key accounts, tiers, team warnings, access."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CustomerMaintenanceCase

# far after the demo orders, so only this test's orders are in the 12-month period
TODAY = '2030-06-30'
IN_PERIOD = '2030-03-15'


class TestSegmentationClassify(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestSegmentationClassify, cls).setUpClass()
        cls.customer_c = cls.env['res.partner'].create({
            'name': 'Customer C', 'is_company': True, 'customer': True,
            'user_id': cls.manager_a.id})
        # 8000 / 1500 / 500: exactly 80% before B, exactly 95% before C
        cls._confirmed_order(cls.contact_a, IN_PERIOD, [(cls.product, 80, 100.0)])
        cls._confirmed_order(cls.customer_b, IN_PERIOD, [(cls.product, 15, 100.0)])
        cls._confirmed_order(cls.customer_c, IN_PERIOD, [(cls.product, 5, 100.0)])
        # outside the period: ignored
        cls._confirmed_order(cls.customer_c, '2029-01-10', [(cls.product, 1000, 100.0)])
        cls.Partner = cls.env['res.partner']
        cls.tier_key = cls.env.ref('customer_maintenance.customer_tier_key')
        cls.tier_imp = cls.env.ref('customer_maintenance.customer_tier_important')
        cls.tier_ord = cls.env.ref('customer_maintenance.customer_tier_ordinary')

    def classify(self, today=TODAY):
        return self.Partner.cron_classify_customers(today=today)

    def test_classes_boundaries_and_contacts_roll_up(self):
        self.classify()
        self.assertEqual(self.customer_a.abc_class, 'A')
        self.assertEqual(self.customer_b.abc_class, 'B')
        self.assertEqual(self.customer_c.abc_class, 'C')
        self.assertEqual((self.customer_a.abc_rank, self.customer_b.abc_rank,
                          self.customer_c.abc_rank), (1, 2, 3))
        self.assertEqual(self.customer_a.abc_sales_amount, 8000.0)
        self.assertEqual(self.customer_b.abc_share, 95.0)
        self.assertEqual(self.customer_a.abc_date, TODAY)
        # the order was placed by the contact: it counts for the company, contact shows it
        self.assertEqual(self.contact_a.abc_class, 'A')
        self.assertTrue(self.contact_a.is_key_account)
        self.assertFalse(self.contact_a.abc_rank == 0)
        self.assertTrue(self.customer_a.is_key_account)
        self.assertFalse(self.customer_b.is_key_account)
        # auto-tier from ABC (default mapping)
        self.assertEqual(self.customer_a.customer_tier_id, self.tier_key)
        self.assertEqual(self.customer_b.customer_tier_id, self.tier_imp)
        self.assertEqual(self.customer_c.customer_tier_id, self.tier_ord)

    def test_idempotent_and_changed_only(self):
        first = self.classify()
        self.assertGreaterEqual(first['updated'], 4)  # 3 companies + a contact
        History = self.env['customer.abc.history']
        count = History.search_count([])
        self.assertEqual(self.classify(), {'updated': 0, 'changes': 0})
        self.assertEqual(History.search_count([]), count)
        # corrupt one partner: only that row is written again
        self.env.cr.execute("UPDATE res_partner SET abc_class = 'B' WHERE id = %s",
                            (self.customer_c.id,))
        self.assertEqual(self.classify(), {'updated': 1, 'changes': 1})
        self.Partner.invalidate_cache()
        self.assertEqual(self.customer_c.abc_class, 'C')

    def test_history_rows(self):
        self.classify()
        rows = self.env['customer.abc.history'].search([('partner_id', '=', self.customer_b.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows.old_class, rows.new_class, rows.date, rows.direction),
                         (False, 'B', TODAY, 'new'))
        # contacts get no history rows of their own
        self.assertFalse(self.env['customer.abc.history'].search(
            [('partner_id', '=', self.contact_a.id)]))
        # customer_b buys a lot: moves up to A, customer_a down to B
        self._confirmed_order(self.customer_b, '2030-06-01', [(self.product, 400, 100.0)])
        self.classify()
        row = self.env['customer.abc.history'].search(
            [('partner_id', '=', self.customer_b.id)], limit=1)
        self.assertEqual((row.old_class, row.new_class, row.direction), ('B', 'A', 'up'))
        row = self.env['customer.abc.history'].search(
            [('partner_id', '=', self.customer_a.id)], limit=1)
        self.assertEqual((row.old_class, row.new_class, row.direction), ('A', 'B', 'down'))

    def test_no_sales_in_period_clears_class(self):
        self.classify()
        self.classify(today='2032-01-01')
        self.assertFalse(self.customer_a.abc_class)
        self.assertFalse(self.contact_a.abc_class)
        self.assertFalse(self.customer_a.is_key_account)
        row = self.env['customer.abc.history'].search(
            [('partner_id', '=', self.customer_a.id)], limit=1)
        self.assertEqual((row.old_class, row.new_class, row.direction), ('A', False, 'out'))

    def test_key_account_override_and_tier_lock_stay(self):
        self.classify()
        self.customer_a.sudo(self.supervisor).write({'is_key_account': False})
        self.customer_b.sudo(self.supervisor).write({'customer_tier_id': self.tier_key.id,
                                                     'tier_locked': True})
        self.assertTrue(self.customer_a.is_key_account_override)
        self.env.cr.execute("UPDATE res_partner SET abc_class = NULL WHERE id IN %s",
                            ((self.customer_a.id, self.customer_b.id),))
        self.Partner.invalidate_cache()
        self.classify()
        self.assertEqual(self.customer_a.abc_class, 'A')
        self.assertFalse(self.customer_a.is_key_account)
        self.assertEqual(self.customer_b.customer_tier_id, self.tier_key)

    def test_auto_tier_off(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.abc_auto_tier', 'False')
        self.customer_c.write({'customer_tier_id': self.tier_key.id})
        self.classify()
        self.assertEqual(self.customer_c.abc_class, 'C')
        self.assertEqual(self.customer_c.customer_tier_id, self.tier_key)

    def test_multi_company(self):
        company2 = self.env['res.company'].create({'name': 'Second Lubricants Co.'})
        self.env.user.write({'company_ids': [(4, company2.id)]})
        small = self.Partner.create({'name': 'Small in company 2', 'is_company': True,
                                     'customer': True, 'company_id': company2.id})
        big = self.Partner.create({'name': 'Big in company 2', 'is_company': True,
                                   'customer': True, 'company_id': company2.id})
        self._confirmed_order(small, IN_PERIOD, [(self.product, 1, 10.0)], company=company2)
        self._confirmed_order(big, IN_PERIOD, [(self.product, 1, 90.0)], company=company2)
        self.classify()
        # ranked within company 2 only: 90 is A, 10 after 90% -> B
        self.assertEqual((big.abc_class, big.abc_rank), ('A', 1))
        self.assertEqual((small.abc_class, small.abc_rank), ('B', 2))
        # company 1 ranking unchanged by company 2's orders
        self.assertEqual((self.customer_a.abc_class, self.customer_a.abc_rank), ('A', 1))

    def test_bad_threshold_settings(self):
        Settings = self.env['res.config.settings']
        for a, b in ((95.0, 80.0), (0.0, 50.0), (80.0, 100.0)):
            with self.assertRaises(ValidationError):
                Settings.create({'cm_abc_threshold_a': a, 'cm_abc_threshold_b': b})
        with self.assertRaises(ValidationError):
            Settings.create({'cm_abc_period_months': 0})
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.abc_threshold_a', '99')
        with self.assertRaises(UserError):
            self.classify()
        self.assertFalse(self.customer_a.abc_class)

    def test_settings_round_trip(self):
        settings = self.env['res.config.settings'].create({
            'cm_abc_threshold_a': 70.0, 'cm_abc_threshold_b': 90.0, 'cm_abc_auto_tier': False,
            'cm_claim_duration_days': 30})
        settings.execute()
        values = self.env['res.config.settings'].cm_segmentation_config()
        self.assertEqual(values['cm_abc_threshold_a'], 70.0)
        self.assertFalse(values['cm_abc_auto_tier'])
        self.assertEqual(values['cm_claim_duration_days'], 30)

    def test_access_account_manager_cannot_change_segmentation(self):
        self.classify()
        as_am = self.customer_a.sudo(self.manager_a)
        for vals in ({'customer_tier_id': self.tier_ord.id}, {'is_key_account': False},
                     {'tier_locked': True}):
            with self.assertRaises(AccessError):
                as_am.write(vals)
        self.assertEqual(self.customer_a.customer_tier_id, self.tier_key)
        with self.assertRaises(AccessError):
            self.Partner.sudo(self.manager_a).action_classify_now()
        with self.assertRaises(AccessError):
            self.env['customer.tier'].sudo(self.manager_a).create({'name': 'X', 'code': 'X'})
        # the account manager maintains loyalty, credit, team
        as_am.write({'loyalty_type': 'loyal', 'credit_rating': 'AA',
                     'customer_team_ids': [(4, self.manager_b.id)]})
        self.assertTrue(self.customer_a.credit_rating_override)
        self.assertEqual(self.contact_a.loyalty_type, 'loyal')
        # supervisor can
        self.customer_a.sudo(self.supervisor).write({'customer_tier_id': self.tier_ord.id})
        self.assertEqual(self.customer_a.customer_tier_id, self.tier_ord)
        self.assertEqual(self.contact_a.customer_tier_id, self.tier_ord)
        self.Partner.sudo(self.supervisor).action_classify_now()

    def test_account_manager_creates_contact_of_key_account(self):
        self.classify()
        contact = self.Partner.sudo(self.manager_a).create({
            'name': 'New buyer', 'parent_id': self.customer_a.id, 'type': 'contact'})
        self.assertEqual(contact.abc_class, 'A')
        self.assertTrue(contact.is_key_account)

    def test_team_warning(self):
        self.classify()
        self.assertTrue(self.customer_a.has_team_warning)
        self.assertIn(self.customer_a, self.Partner.search([('has_team_warning', '=', True)]))
        self.assertNotIn(self.customer_b, self.Partner.search([('has_team_warning', '=', True)]))
        self.customer_a.write({'customer_team_ids': [(4, self.manager_b.id)]})
        self.customer_a.invalidate_cache()
        self.assertIn('sponsor', self.customer_a.team_warning)
        self.customer_a.write({'executive_sponsor_id': self.supervisor.id})
        self.customer_a.invalidate_cache()
        self.assertFalse(self.customer_a.has_team_warning)
        self.assertNotIn(self.customer_a, self.Partner.search([('has_team_warning', '=', True)]))
        self.assertIn(self.customer_a, self.Partner.search([('has_team_warning', '=', False)]))

    def test_loyalty_proposed_from_orders(self):
        for month in range(1, 7):
            self._confirmed_order(self.customer_b, '2030-%02d-05' % month,
                                  [(self.product, 1, 10.0)])
        partner = self.customer_b.with_context(cm_today=TODAY)
        self.assertEqual(partner.loyalty_type_proposed, 'loyal')
        self.assertEqual(self.customer_c.with_context(cm_today=TODAY).loyalty_type_proposed,
                         'none')
        self.assertFalse(self.customer_b.with_context(cm_today=TODAY).credit_rating_proposed)

    def test_pipeline_becomes_customer_on_first_order(self):
        prospect = self.Partner.create({'name': 'Prospect', 'is_company': True,
                                        'pipeline_stage': 'target'})
        self._confirmed_order(prospect, IN_PERIOD, [(self.product, 1, 10.0)])
        self.assertEqual(prospect.pipeline_stage, 'customer')

    def test_views_render_for_account_manager_and_supervisor(self):
        Partner = self.env['res.partner']
        for user in (self.manager_a, self.supervisor):
            for xmlid, view_type in (
                    ('base.view_partner_form', 'form'),
                    ('customer_maintenance.res_partner_view_kanban_claims', 'kanban'),
                    ('customer_maintenance.customer_abc_analysis_view_graph', 'graph'),
                    ('customer_maintenance.customer_abc_analysis_view_tree', 'tree')):
                arch = Partner.sudo(user).fields_view_get(
                    view_id=self.env.ref(xmlid).id, view_type=view_type)['arch']
                self.assertTrue(arch)
        form = Partner.sudo(self.supervisor).fields_view_get(view_type='form')['arch']
        self.assertIn('customer_maintenance', form)
