# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""ABC classification cron on real orders, key accounts, tiers, team warnings, loyalty,
pipeline, protection of the supervisor-only fields, views."""
import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..models.res_config_settings_segmentation import segmentation_config
from .common import CustomerMaintenanceCase

# far after the demo orders, so only this test's orders are in the 12-month period
TODAY = datetime.date(2030, 6, 30)
IN_PERIOD = '2030-03-15'


class TestSegmentationClassify(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_c = cls.env['res.partner'].create({
            'name': 'Customer C', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id})
        # 8000 / 1500 / 500: exactly 80% before B, exactly 95% before C
        cls._confirmed_order(cls.contact_a, IN_PERIOD, [(cls.product, 80, 100.0)])
        cls._confirmed_order(cls.customer_b, IN_PERIOD, [(cls.product, 15, 100.0)])
        cls._confirmed_order(cls.customer_c, IN_PERIOD, [(cls.product, 5, 100.0)])
        # outside the period: ignored
        cls._confirmed_order(cls.customer_c, '2029-01-10', [(cls.product, 1000, 100.0)])
        cls._confirmed_order(cls.customer_c, '2030-07-01', [(cls.product, 1000, 100.0)])
        # a quotation is not a sale
        cls.env['sale.order'].create({'partner_id': cls.customer_c.id, 'order_line': [
            Command.create({'product_id': cls.product.id, 'product_uom_qty': 999,
                            'price_unit': 100.0})]})
        cls.Partner = cls.env['res.partner']
        cls.tier_key = cls.env.ref('customer_maintenance.customer_tier_key')
        cls.tier_imp = cls.env.ref('customer_maintenance.customer_tier_important')
        cls.tier_ord = cls.env.ref('customer_maintenance.customer_tier_ordinary')

    def classify(self, today=TODAY):
        return self.Partner.cron_classify_customers(today=today)

    def test_classes_boundaries_and_contacts_roll_up(self):
        self.classify()
        expected = [
            (self.customer_a, 'A', 1, 8000.0, 80.0, True, self.tier_key),
            (self.customer_b, 'B', 2, 1500.0, 95.0, False, self.tier_imp),
            (self.customer_c, 'C', 3, 500.0, 100.0, False, self.tier_ord),
            # the order was placed by the contact: it counts for the company, contact shows it
            (self.contact_a, 'A', 1, 8000.0, 80.0, True, self.tier_key),
        ]
        for partner, abc, rank, amount, share, key, tier in expected:
            with self.subTest(partner=partner.name):
                self.assertEqual(
                    (partner.abc_class, partner.abc_rank, partner.abc_sales_amount,
                     partner.abc_share, partner.is_key_account, partner.customer_tier_id,
                     partner.abc_date),
                    (abc, rank, amount, share, key, tier, TODAY))

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
        self.Partner.invalidate_model()
        self.assertEqual(self.classify(), {'updated': 1, 'changes': 1})
        self.assertEqual(self.customer_c.abc_class, 'C')

    def test_orm_write_seen_by_sql(self):
        """A quantity changed through the ORM (not yet flushed) counts at once."""
        self.classify()
        order = self.env['sale.order'].search([('partner_id', '=', self.customer_c.id),
                                               ('state', '=', 'sale')], order='id', limit=1)
        order.order_line.product_uom_qty = 200  # 20000: customer C becomes the top customer
        self.classify()
        self.assertEqual((self.customer_c.abc_class, self.customer_c.abc_rank), ('A', 1))

    def test_history_rows(self):
        self.classify()
        History = self.env['customer.abc.history']
        rows = History.search([('partner_id', '=', self.customer_b.id)])
        self.assertEqual([(r.old_class, r.new_class, r.date, r.direction) for r in rows],
                         [(False, 'B', TODAY, 'new')])
        # contacts get no history rows of their own
        self.assertFalse(History.search([('partner_id', '=', self.contact_a.id)]))
        # customer_b buys a lot: moves up to A, customer_a down to B
        self._confirmed_order(self.customer_b, '2030-06-01', [(self.product, 400, 100.0)])
        self.classify()
        cases = [(self.customer_b, ('B', 'A', 'up')), (self.customer_a, ('A', 'B', 'down'))]
        for partner, expected in cases:
            with self.subTest(partner=partner.name):
                row = History.search([('partner_id', '=', partner.id)], limit=1)
                self.assertEqual((row.old_class, row.new_class, row.direction), expected)

    def test_no_sales_in_period_clears_class(self):
        self.classify()
        self.classify(today=datetime.date(2032, 1, 1))
        self.assertFalse(self.customer_a.abc_class)
        self.assertFalse(self.contact_a.abc_class)
        self.assertFalse(self.customer_a.is_key_account)
        row = self.env['customer.abc.history'].search(
            [('partner_id', '=', self.customer_a.id)], limit=1)
        self.assertEqual((row.old_class, row.new_class, row.direction), ('A', False, 'out'))

    def test_key_account_override_and_tier_lock_stay(self):
        self.classify()
        self.customer_a.with_user(self.supervisor).write({'is_key_account': False})
        self.customer_b.with_user(self.supervisor).write({'customer_tier_id': self.tier_key.id,
                                                          'tier_locked': True})
        self.assertTrue(self.customer_a.is_key_account_override)
        self.env.cr.execute("UPDATE res_partner SET abc_class = NULL WHERE id IN %s",
                            ((self.customer_a.id, self.customer_b.id),))
        self.Partner.invalidate_model()
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
        self.env.user.write({'company_ids': [Command.link(company2.id)]})
        small = self.Partner.create({'name': 'Small in company 2', 'is_company': True,
                                     'customer_rank': 1, 'company_id': company2.id})
        big = self.Partner.create({'name': 'Big in company 2', 'is_company': True,
                                   'customer_rank': 1, 'company_id': company2.id})
        self._confirmed_order(small, IN_PERIOD, [(self.product, 1, 10.0)], company=company2)
        self._confirmed_order(big, IN_PERIOD, [(self.product, 1, 90.0)], company=company2)
        self.classify()
        # ranked within company 2 only: 90 is A, 10 after 90% -> B
        self.assertEqual((big.abc_class, big.abc_rank), ('A', 1))
        self.assertEqual((small.abc_class, small.abc_rank), ('B', 2))
        # company 1 ranking unchanged by company 2's orders
        self.assertEqual((self.customer_a.abc_class, self.customer_a.abc_rank), ('A', 1))
        history = self.env['customer.abc.history'].search([('partner_id', '=', big.id)])
        self.assertEqual(history.company_id, company2)

    def test_bad_threshold_settings(self):
        Settings = self.env['res.config.settings']
        cases = [({'cm_abc_threshold_a': 95.0, 'cm_abc_threshold_b': 80.0}, 'thresholds'),
                 ({'cm_abc_threshold_a': 0.0, 'cm_abc_threshold_b': 50.0}, 'thresholds'),
                 ({'cm_abc_threshold_a': 80.0, 'cm_abc_threshold_b': 100.0}, 'thresholds'),
                 ({'cm_abc_period_months': 0}, 'ABC Period .* between 1 and 120')]
        for vals, words in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, words):
                Settings.create(vals)
        # stored by an import or a script: the night runs with the default thresholds, and
        # says why in the log
        for raw in ('99', 'eighty'):
            with self.subTest(stored=raw):
                self.env['ir.config_parameter'].sudo().set_param(
                    'customer_maintenance.abc_threshold_a', raw)
                with self.assertLogs('odoo.addons.customer_maintenance', 'WARNING') as logs:
                    config = segmentation_config(self.env)
                self.assertEqual((config['cm_abc_threshold_a'], config['cm_abc_threshold_b']),
                                 (80.0, 95.0))
                self.assertIn('threshold', logs.output[0])
                self.classify()
                self.assertTrue(self.customer_a.abc_class)

    def test_settings_round_trip(self):
        tier = self.env['customer.tier'].create({'name': 'Gold', 'code': 'GOLD'})
        settings = self.env['res.config.settings'].create({
            'cm_abc_threshold_a': 70.0, 'cm_abc_threshold_b': 90.0, 'cm_abc_auto_tier': False,
            'cm_claim_duration_days': 30, 'cm_abc_period_months': 6,
            'cm_abc_tier_a_id': tier.id})
        settings.execute()
        values = segmentation_config(self.env)
        self.assertEqual(
            (values['cm_abc_threshold_a'], values['cm_abc_threshold_b'],
             values['cm_abc_auto_tier'], values['cm_claim_duration_days'],
             values['cm_abc_period_months'], values['cm_abc_tier_a_id']),
            (70.0, 90.0, False, 30, 6, tier.id))
        params = self.env['ir.config_parameter'].sudo()
        # the 11.0 parameter keys
        self.assertEqual(params.get_param('customer_maintenance.abc_auto_tier'), 'False')
        self.assertEqual(params.get_param('customer_maintenance.claim_duration_days'), '30')
        self.assertEqual(params.get_param('customer_maintenance.abc_tier_a_id'), str(tier.id))
        fresh = self.env['res.config.settings'].create({})
        self.assertFalse(fresh.cm_abc_auto_tier)
        self.assertEqual(fresh.cm_abc_threshold_a, 70.0)
        settings = self.env['res.config.settings'].create({'cm_abc_auto_tier': True})
        settings.execute()
        self.assertTrue(segmentation_config(self.env)[
            'cm_abc_auto_tier'])

    def test_default_tiers_without_parameters(self):
        values = segmentation_config(self.env)
        self.assertEqual((values['cm_abc_tier_a_id'], values['cm_abc_tier_b_id'],
                          values['cm_abc_tier_c_id']),
                         (self.tier_key.id, self.tier_imp.id, self.tier_ord.id))
        self.assertEqual(self.env['res.config.settings'].create({}).cm_abc_tier_a_id,
                         self.tier_key)

    def test_account_manager_cannot_change_segmentation(self):
        self.classify()
        as_am = self.customer_a.with_user(self.manager_a)
        for vals in ({'customer_tier_id': self.tier_ord.id}, {'is_key_account': False},
                     {'tier_locked': True}, {'abc_class': 'C'}, {'credit_rating_override': True}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, 'supervisor'):
                as_am.write(vals)
        self.assertEqual(self.customer_a.customer_tier_id, self.tier_key)
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.manager_a).create({
                'name': 'Sneaky key account', 'is_company': True, 'is_key_account': True})
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.manager_a).action_classify_now()
        with self.assertRaises(AccessError):
            self.env['customer.tier'].with_user(self.manager_a).create({'name': 'X', 'code': 'X'})
        # the account manager maintains loyalty, credit, team
        as_am.write({'loyalty_type': 'loyal', 'credit_rating': 'AA',
                     'customer_team_ids': [Command.link(self.manager_b.id)]})
        self.assertTrue(self.customer_a.credit_rating_override)
        self.assertEqual(self.contact_a.loyalty_type, 'loyal')
        self.assertEqual(self.contact_a.credit_rating, 'AA')
        # supervisor and admin can
        for user, tier in ((self.supervisor, self.tier_ord), (self.admin, self.tier_imp)):
            with self.subTest(user=user.login):
                self.customer_a.with_user(user).write({'customer_tier_id': tier.id})
                self.assertEqual(self.customer_a.customer_tier_id, tier)
                self.assertEqual(self.contact_a.customer_tier_id, tier)
        action = self.Partner.with_user(self.supervisor).action_classify_now()
        self.assertEqual(action['tag'], 'display_notification')
        self.assertIn('ABC classification done', action['params']['message'])
        self.assertEqual(action['params']['next']['res_model'], 'res.partner')

    def test_classify_now_counts(self):
        action = self.Partner.with_user(self.supervisor).action_classify_now()
        counts = dict(self.Partner._read_group(
            [('parent_id', '=', False), ('abc_class', '!=', False)], ['abc_class'], ['__count']))
        self.assertIn('A: %d, B: %d, C: %d' % (counts['A'], counts['B'], counts['C']),
                      action['params']['message'])

    def test_account_manager_creates_contact_of_key_account(self):
        self.classify()
        contact = self.Partner.with_user(self.manager_a).create({
            'name': 'New buyer', 'parent_id': self.customer_a.id, 'type': 'contact'})
        self.assertEqual(contact.abc_class, 'A')
        self.assertTrue(contact.is_key_account)
        self.assertEqual(contact.customer_tier_id, self.tier_key)

    def test_team_warning(self):
        self.classify()
        at_risk = [('has_team_warning', '=', True)]
        self.assertTrue(self.customer_a.has_team_warning)
        self.assertIn(self.customer_a, self.Partner.search(at_risk))
        self.assertIn(self.contact_a, self.Partner.search(at_risk))
        self.assertNotIn(self.customer_b, self.Partner.search(at_risk))
        self.customer_a.write({'customer_team_ids': [Command.link(self.manager_b.id)]})
        self.assertIn('sponsor', self.customer_a.team_warning)
        self.assertIn(self.customer_a, self.Partner.search(at_risk))
        self.customer_a.write({'executive_sponsor_id': self.supervisor.id})
        self.assertFalse(self.customer_a.has_team_warning)
        self.assertNotIn(self.customer_a, self.Partner.search(at_risk))
        self.assertIn(self.customer_a, self.Partner.search([('has_team_warning', '=', False)]))
        self.assertIn(self.customer_a, self.Partner.search([('has_team_warning', '!=', True)]))

    def test_loyalty_proposed_from_orders(self):
        for month in range(1, 7):
            self._confirmed_order(self.customer_b, '2030-%02d-05' % month,
                                  [(self.product, 1, 10.0)])
        ctx = {'cm_today': TODAY}
        cases = [(self.customer_b, 'loyal'), (self.customer_c, 'none'),
                 (self.contact_a, 'none'), (self.supervisor.partner_id, False)]
        for partner, expected in cases:
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.with_context(**ctx).loyalty_type_proposed, expected)

    def test_pipeline_becomes_customer_on_first_order(self):
        prospect = self.Partner.create({'name': 'Prospect', 'is_company': True,
                                        'pipeline_stage': 'target'})
        buyer = self.Partner.create({'name': 'Buyer', 'parent_id': prospect.id})
        self.assertEqual((prospect.customer_rank, buyer.customer_rank), (0, 0))
        self._confirmed_order(buyer, IN_PERIOD, [(self.product, 1, 10.0)])
        self.assertEqual(prospect.pipeline_stage, 'customer')
        # 18.0 raises customer_rank only for posted invoices: the module does at confirmation
        self.assertEqual((prospect.customer_rank, buyer.customer_rank), (1, 1))
        action = self.env.ref('customer_maintenance.res_partner_action_customers')
        self.assertIn(prospect, self.Partner.search(safe_eval(action.domain)))

    def test_views_render_for_account_manager_and_supervisor(self):
        views = [('base.view_partner_form', 'form'), ('base.view_partner_tree', 'list'),
                 ('base.view_res_partner_filter', 'search'),
                 ('customer_maintenance.res_partner_view_kanban_claims', 'kanban'),
                 ('customer_maintenance.customer_abc_analysis_view_graph', 'graph'),
                 ('customer_maintenance.customer_abc_analysis_view_pivot', 'pivot'),
                 ('customer_maintenance.customer_abc_analysis_view_list', 'list')]
        for user in (self.manager_a, self.supervisor, self.admin):
            for xmlid, view_type in views:
                with self.subTest(user=user.login, view=xmlid):
                    arch = self.Partner.with_user(user).get_view(
                        self.env.ref(xmlid).id, view_type)['arch']
                    self.assertTrue(arch)
        form = self.Partner.with_user(self.manager_a).get_view(view_type='form')['arch']
        self.assertIn('customer_maintenance', form)
        self.assertIn('is_cm_supervisor', form)
        self.assertNotIn('action_classify_now', form)
        form = self.Partner.with_user(self.supervisor).get_view(view_type='form')['arch']
        self.assertIn('action_classify_now', form)
        self.assertIn('abc_history_ids', form)

    def test_is_cm_supervisor(self):
        cases = [(self.manager_a, False), (self.supervisor, True), (self.admin, True)]
        for user, expected in cases:
            with self.subTest(user=user.login):
                self.assertEqual(self.customer_a.with_user(user).is_cm_supervisor, expected)

    def test_filter_fields_indexed(self):
        """The partner list filtered by tier/class/key account/credit/pipeline stays fast at
        200k partners: each column has an index."""
        self.env.cr.execute("""
            SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'""")
        defs = ' '.join(row[0] for row in self.env.cr.fetchall())
        for column in ('customer_tier_id', 'abc_class', 'is_key_account', 'credit_rating',
                       'pipeline_stage', 'loyalty_type', 'claim_user_id'):
            with self.subTest(column=column):
                self.assertIn('(%s)' % column, defs)
