# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Browser tours of the management capability (static/tests/tours/
customer_maintenance_management_tours.js), run by `make test-ui` (not by pytest: see
tests/test_ui.py): a supervisor's analyses and an account manager's day."""
from odoo.tests import HttpCase, tagged

from ..tools.today import today as cm_today


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiManagement(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chen = cls.env.ref('customer_maintenance.user_am_chen')
        cls.zhang = cls.env.ref('customer_maintenance.user_supervisor')
        cls.customer = cls.env['res.partner'].create({
            'name': 'CM Tour Customer of the Day', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.chen.id})
        # today as the browser's server sees it: the real day (no cm_today in a tour)
        cls.call = cls.env['customer.relationship.event'].create({
            'name': 'CM Tour Call of the Day', 'partner_id': cls.customer.id,
            'user_id': cls.chen.id, 'date': cm_today(cls.env), 'channel': 'call'})

    def test_supervisor_analyses(self):
        self.assertTrue(self.env['customer.manager.kpi.report'].search_count(
            [('user_id', '=', self.chen.id)]), 'the demo has KPIs for chen')
        self.start_tour('/odoo', 'customer_maintenance_supervisor_analyses', login='zhang')

    def test_account_manager_day(self):
        self.assertEqual(self.call.state, 'planned')
        self.start_tour('/odoo', 'customer_maintenance_account_manager_day', login='chen')
        self.call.invalidate_recordset()
        self.assertEqual(self.call.state, 'done')
        self.assertEqual(self.call.outcome, 'Ordered two drums for next month.')
        self.assertEqual(self.call.write_uid, self.chen)
        # the contact's activity is closed with it
        self.assertFalse(self.call.activity_ids)
