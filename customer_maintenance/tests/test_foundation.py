# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from odoo.exceptions import AccessError

from ..services.demo_plan import build_plan
from .common import CustomerMaintenanceCase


class TestFoundation(CustomerMaintenanceCase):

    def test_module_installed(self):
        module = self.env['ir.module.module'].search([('name', '=', 'customer_maintenance')])
        self.assertEqual(module.state, 'installed')
        self.assertEqual(module.latest_version, '11.0.1.0.0')
        # the pruned bridge modules must not linger "to install" (the cron worker would skip us)
        pending = self.env['ir.module.module'].search(
            [('state', 'in', ('to install', 'to upgrade', 'to remove'))])
        self.assertFalse(pending, 'modules left pending: %s' % pending.mapped('name'))

    def test_groups_imply(self):
        group_user = self.env.ref('customer_maintenance.group_user')
        group_manager = self.env.ref('customer_maintenance.group_manager')
        self.assertIn(group_user, group_manager.implied_ids)
        self.assertIn(self.env.ref('base.group_user'), group_user.implied_ids)
        self.assertIn(self.env.ref('sales_team.group_sale_salesman'), group_user.implied_ids)
        self.assertTrue(self.manager_a.has_group('sales_team.group_sale_salesman'))
        self.assertFalse(self.manager_a.has_group('customer_maintenance.group_manager'))
        self.assertTrue(self.supervisor.has_group('customer_maintenance.group_user'))
        self.assertTrue(self.admin.has_group('customer_maintenance.group_manager'))
        supervisor = self.env.ref('customer_maintenance.user_supervisor')
        self.assertTrue(supervisor.has_group('customer_maintenance.group_manager'))
        chen = self.env.ref('customer_maintenance.user_am_chen')
        self.assertTrue(chen.has_group('customer_maintenance.group_user'))
        self.assertFalse(chen.has_group('customer_maintenance.group_manager'))

    def test_menu_visible_by_role(self):
        root = self.env.ref('customer_maintenance.menu_root')
        config = self.env.ref('customer_maintenance.menu_configuration')
        Menu = self.env['ir.ui.menu']
        visible_am = Menu.sudo(self.manager_a)._visible_menu_ids()
        visible_sup = Menu.sudo(self.supervisor)._visible_menu_ids()
        self.assertIn(root.id, visible_am)
        self.assertIn(root.id, visible_sup)
        self.assertNotIn(config.id, visible_am)
        # sections without entries stay hidden; configuration is for supervisors only
        self.assertEqual(config.groups_id, self.env.ref('customer_maintenance.group_manager'))
        plain = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain', 'login': 'cm_plain', 'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        self.assertNotIn(root.id, Menu.sudo(plain)._visible_menu_ids())

    def test_account_manager_cannot_change_groups(self):
        with self.assertRaises(AccessError):
            self.env.ref('customer_maintenance.group_manager').sudo(self.manager_a).write(
                {'users': [(4, self.manager_a.id)]})


class TestDemoData(CustomerMaintenanceCase):

    def test_plan_is_deterministic(self):
        today = datetime.date(2026, 6, 1)
        self.assertEqual(build_plan(7, today), build_plan(7, today))
        self.assertNotEqual(build_plan(7, today)['companies'], build_plan(8, today)['companies'])

    def test_plan_distribution(self):
        plan = build_plan(42, datetime.date(2026, 6, 1))
        prices = {code: price for code, _en, _zh, price in plan['products']}
        buyers = [c for c in plan['companies'] if c['pattern_orders']]
        self.assertGreaterEqual(len(buyers), 55)
        sales = sorted((sum(prices[code] * qty for _d, lines in c['pattern_orders'] for code, qty in lines)
                        for c in buyers), reverse=True)
        # a real long tail: the top fifth of customers holds most of the sales, but not all
        top_share = sum(sales[:len(sales) // 5]) / sum(sales)
        self.assertGreater(top_share, 0.5)
        self.assertLess(top_share, 0.95)
        first = min(d for c in buyers for d, _l in c['pattern_orders'])
        self.assertLessEqual(first, datetime.date(2025, 1, 1))  # about 18 months of history
        self.assertEqual(len(plan['products']), 12)
        self.assertGreaterEqual(len({c['state_code'] for c in plan['companies']}), 5)

    def test_demo_loaded(self):
        chen = self.env.ref('customer_maintenance.user_am_chen')
        customers = self.env['res.partner'].search([('ref', '=like', 'CM%'), ('is_company', '=', True)])
        self.assertGreaterEqual(len(customers), 60)
        self.assertTrue(customers.filtered(lambda p: p.user_id == chen))
        self.assertTrue(all(c.child_ids for c in customers))
        orders = self.env['sale.order'].search([('partner_id', 'in', customers.ids)])
        self.assertGreater(len(orders), 500)
        self.assertEqual(set(orders.mapped('state')), {'sale'})
        oldest = min(orders.mapped('confirmation_date'))
        self.assertLess(oldest, str(datetime.date.today() - datetime.timedelta(days=450)))
