# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Browser tours of customer health (static/tests/tours/customer_maintenance_health_tours.js),
run by `make test-ui`: the supervisor's dashboard in the Dashboards app, loaded without
error in English and zh_TW; the customers to win back opening on all his companies'."""
import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..tools.today import today as cm_today


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiHealth(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhang = cls.env.ref('customer_maintenance.user_supervisor')
        cls.chen = cls.env.ref('customer_maintenance.user_am_chen')
        partner = cls.env['res.partner'].create({
            'name': 'CM Tour Customer to Win Back', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.chen.id})
        product = cls.env['product.product'].create({'name': 'CM Tour Oil'})
        today = cm_today(cls.env)
        cls.env['customer.consumption.cycle'].create({
            'partner_id': partner.id, 'product_id': product.id,
            'next_due_date': today - datetime.timedelta(days=90),
            'lapse_date': today - datetime.timedelta(days=20)})
        cls.env['res.partner'].cron_score_customer_health()

    def test_dashboard_in_english(self):
        self.zhang.lang = 'en_US'
        dashboard = self.env.ref('customer_maintenance.spreadsheet_dashboard_customer_maintenance')
        self.assertIn(self.env.ref('customer_maintenance.group_manager'), dashboard.group_ids)
        self.start_tour('/odoo', 'customer_maintenance_health_dashboard', login='zhang')

    def test_dashboard_in_zh_tw(self):
        self.env['res.lang']._activate_lang('zh_TW')
        self.zhang.lang = 'zh_TW'
        self.start_tour('/odoo', 'customer_maintenance_health_dashboard_zh_tw', login='zhang')

    def test_supervisor_opens_customers_to_win_back(self):
        self.zhang.write({'lang': 'en_US', 'groups_id': [Command.link(
            self.env.ref('customer_maintenance.group_manager').id)]})
        self.start_tour('/odoo', 'customer_maintenance_win_back_list', login='zhang')
