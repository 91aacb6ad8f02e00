# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Browser tour of the incentives (static/tests/tours/customer_maintenance_incentive_tours.js),
run by `make test-ui`: a supervisor confirms last month's statement and corrects it."""
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..tools.today import today as cm_today


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiIncentive(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.zhang = env.ref('customer_maintenance.user_supervisor')
        cls.manager = env['res.users'].with_context(no_reset_password=True).create({
            'name': 'CM Tour Incentive Manager', 'login': 'cm_tour_incentive',
            'groups_id': [Command.set([env.ref('customer_maintenance.group_user').id])]})
        customer = env['res.partner'].create({
            'name': 'CM Tour Incentive Customer', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager.id})
        # today as the browser's server sees it: the real day (no cm_today in a tour)
        cls.month = cm_today(env).replace(day=1) - relativedelta(months=1)
        order = env['sale.order'].create({'partner_id': customer.id, 'order_line': [
            Command.create({'product_id': env.ref('product.product_product_4').id,
                            'product_uom_qty': 1, 'price_unit': 1000})]})
        order.action_confirm()
        order.date_order = '%s 09:00:00' % (cls.month + relativedelta(days=3))
        env['customer.incentive.statement'].cron_compute_incentive_statements()
        cls.statement = env['customer.incentive.statement'].search(
            [('user_id', '=', cls.manager.id)])

    def test_supervisor_confirms_and_corrects(self):
        self.assertEqual((self.statement.month, self.statement.state), (self.month, 'draft'))
        self.start_tour('/odoo', 'customer_maintenance_incentive_statement', login='zhang')
        self.statement.invalidate_recordset()
        self.assertEqual((self.statement.state, self.statement.confirmed_uid),
                         ('confirmed', self.zhang))
        correction = self.statement.line_ids.filtered(lambda line: line.rule == 'correction')
        self.assertEqual((correction.amount, correction.note, correction.create_uid),
                         (120, 'Order booked after the month closed', self.zhang))
