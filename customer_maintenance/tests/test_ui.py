# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Browser tours (static/tests/tours/*.js) in headless Chromium: run by `make test-ui` with
Odoo's own test runner (classes tagged customer_maintenance_ui), NOT by `make test`:
pytest-odoo skips every HttpCase unless it starts an HTTP server (--odoo-http), so the
conftest.py at the root of the repository leaves test_ui*.py out of pytest.

A capability adds its tours in static/tests/tours/customer_maintenance_<capability>_tours.js
and an HttpCase class tagged 'customer_maintenance_ui' in tests/test_ui_<capability>.py."""
from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUi(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chen = cls.env.ref('customer_maintenance.user_am_chen')
        cls.lin = cls.env.ref('customer_maintenance.user_am_lin')
        cls.zhang = cls.env.ref('customer_maintenance.user_supervisor')
        Partner = cls.env['res.partner'].with_context(tracking_disable=True)
        cls.customer_chen = Partner.create({
            'name': 'CM Tour Customer of Chen', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.chen.id,
            'customer_tier_id': cls.env.ref('customer_maintenance.customer_tier_key').id,
            'customer_team_ids': [Command.set([cls.lin.id])]})
        cls.customer_lin = Partner.create({
            'name': 'CM Tour Customer of Lin', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.lin.id})

    def test_account_manager_opens_his_customer(self):
        self.start_tour('/odoo', 'customer_maintenance_account_manager_customers', login='chen')

    def test_supervisor_changes_tier_interval(self):
        tier = self.env.ref('customer_maintenance.customer_tier_ordinary')
        self.assertNotEqual(tier.call_interval_days, 45)
        self.start_tour('/odoo', 'customer_maintenance_supervisor_tier', login='zhang')
        tier.invalidate_recordset()
        self.assertEqual(tier.call_interval_days, 45)
        self.assertEqual(tier.write_uid, self.zhang)

    def test_admin_in_traditional_chinese(self):
        lang = self.env['res.lang']._lang_get('zh_TW')
        self.assertTrue(lang and lang.active,
                        'zh_TW is not active in this database: make test loads it '
                        '(scripts/load_languages.py)')
        self.env.ref('base.user_admin').lang = 'zh_TW'
        self.start_tour('/odoo', 'customer_maintenance_admin_zh_tw', login='admin')
