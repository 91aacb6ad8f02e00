# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The demo world (demo/, services/demo_plan.py) and its segmentation, as installed."""
import datetime

from ..services.demo_plan import build_plan
from ..tools.today import today as cm_today
from .common import CustomerMaintenanceCase


class TestSegmentationDemo(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env['res.partner'].search(
            [('ref', '=like', 'CM%'), ('is_company', '=', True)])
        cls.buyers = cls.customers.filtered(lambda p: p.sale_order_ids)

    def test_plan_is_deterministic(self):
        today = datetime.date(2026, 6, 1)
        self.assertEqual(build_plan(7, today), build_plan(7, today))
        self.assertNotEqual(build_plan(7, today)['companies'], build_plan(8, today)['companies'])

    def test_plan_distribution(self):
        today = datetime.date(2026, 6, 1)
        plan = build_plan(42, today)
        prices = {code: price for code, _en, _zh, price in plan['products']}
        buyers = [c for c in plan['companies'] if c['pattern_orders']]
        self.assertGreaterEqual(len(buyers), 55)
        sales = sorted((sum(prices[code] * qty for _d, lines in c['pattern_orders']
                            for code, qty in lines) for c in buyers), reverse=True)
        # a real long tail: the top fifth of customers holds most of the sales, but not all
        top_share = sum(sales[:len(sales) // 5]) / sum(sales)
        self.assertGreater(top_share, 0.5)
        self.assertLess(top_share, 0.95)
        first = min(d for c in buyers for d, _l in c['pattern_orders'])
        self.assertLessEqual(first, datetime.date(2025, 1, 1))  # about 18 months of history
        self.assertEqual(len(plan['products']), 12)
        self.assertGreaterEqual(len({c['state_code'] for c in plan['companies']}), 5)
        # customers won within the year: their first order is less than a year old
        won = [c for c in plan['companies'] if c['won_within_year']]
        self.assertGreaterEqual(len(won), 4)
        for company in won:
            self.assertGreater(company['pattern_orders'][0][0],
                               today - datetime.timedelta(days=365))

    def test_demo_loaded(self):
        chen = self.env.ref('customer_maintenance.user_am_chen')
        self.assertGreaterEqual(len(self.customers), 60)
        self.assertTrue(self.customers.filtered(lambda p: p.user_id == chen))
        self.assertTrue(all(c.child_ids for c in self.customers))
        china = self.env.ref('base.cn')
        self.assertEqual(self.customers.country_id, china)
        self.assertGreaterEqual(len(self.customers.state_id), 5)
        orders = self.env['sale.order'].search([('partner_id', 'in', self.customers.ids)])
        self.assertGreater(len(orders), 500)
        self.assertEqual(set(orders.mapped('state')), {'sale'})
        # confirmed on their planned days, not all at install time
        days = {order.date_order.date() for order in orders}
        self.assertGreater(len(days), 200)
        today = cm_today(self.env)
        self.assertLess(min(days), today - datetime.timedelta(days=450))
        self.assertTrue(all(order.date_order.hour == 9 for order in orders))
        # every buyer counts as a customer (18.0 raises customer_rank only for invoices)
        self.assertTrue(all(p.customer_rank > 0 for p in self.buyers))
        self.assertGreaterEqual(len(self.buyers), 55)

    def test_customers_won_within_the_year(self):
        today = cm_today(self.env)
        firsts = {}
        for order in self.env['sale.order'].search([('partner_id', 'in', self.buyers.ids)]):
            day = order.date_order.date()
            firsts[order.partner_id] = min(firsts.get(order.partner_id, day), day)
        won = [p for p, day in firsts.items() if day > today - datetime.timedelta(days=365)]
        self.assertGreaterEqual(len(won), 4)
        self.assertTrue(all(p.pipeline_stage == 'customer' for p in won))
        converted = self.env['customer.prospect.claim'].search(
            [('state', '=', 'converted'), ('partner_id', 'in', [p.id for p in won])])
        self.assertEqual(len(converted), 1)
        self.assertEqual(converted.partner_id.user_id, converted.user_id)

    def test_demo_classified(self):
        classes = set(self.buyers.mapped('abc_class'))
        self.assertEqual(classes, {'A', 'B', 'C'})
        keys = self.customers.filtered('is_key_account')
        self.assertTrue(keys)
        self.assertEqual(keys, self.customers.filtered(lambda p: p.abc_class == 'A'))
        self.assertEqual(keys.customer_tier_id, self.env.ref(
            'customer_maintenance.customer_tier_key'))
        self.assertTrue(self.buyers.filtered(lambda p: p.abc_class == 'C').customer_tier_id
                        == self.env.ref('customer_maintenance.customer_tier_ordinary'))
        # class A holds at least 80% of the sales
        total = sum(self.buyers.mapped('abc_sales_amount'))
        self.assertGreaterEqual(sum(keys.mapped('abc_sales_amount')) * 100, 80 * total)
        self.assertTrue(self.env['customer.abc.history'].search_count(
            [('partner_id', 'in', self.buyers.ids)]))
        # one key account stays at risk, the others have their team and sponsor
        at_risk = self.env['res.partner'].search([('has_team_warning', '=', True),
                                                  ('id', 'in', keys.ids)])
        self.assertEqual(len(at_risk), 1)
        self.assertTrue(all(k.executive_sponsor_id for k in keys - at_risk))

    def test_demo_attitude_credit_and_claims(self):
        self.assertEqual(len(self.customers.filtered('loyalty_type')), 12)
        self.assertEqual(len(set(self.customers.mapped('loyalty_type')) - {False}), 3)
        by_hand = self.customers.filtered('credit_rating_override')
        self.assertEqual(len(by_hand), 12)
        from_invoices = self.customers.filtered(
            lambda p: p.credit_rating and not p.credit_rating_override)
        self.assertGreaterEqual(len(from_invoices), 6)
        self.assertGreater(len(set(from_invoices.mapped('credit_rating'))), 1)
        invoices = self.env['account.move'].search([
            ('partner_id', 'in', from_invoices.ids), ('state', '=', 'posted')])
        self.assertTrue(invoices.filtered(lambda m: m.payment_state in ('paid', 'in_payment')))
        self.assertTrue(invoices.filtered(lambda m: m.payment_state == 'not_paid'))
        self.assertTrue(all(p.purchase_purpose_ids for p in self.buyers))
        stages = set(self.customers.mapped('pipeline_stage'))
        self.assertTrue({'suspect', 'prospect', 'customer'} <= stages)
        claims = self.env['customer.prospect.claim'].search(
            [('partner_id', 'in', self.customers.ids)])
        self.assertEqual(set(claims.mapped('state')), {'active', 'expired', 'converted'})
        active = claims.filtered(lambda c: c.state == 'active')
        self.assertEqual(len(active), 2)
        self.assertEqual(active.partner_id.claim_user_id, active.user_id)
        self.assertTrue(self.env['res.partner'].with_user(
            self.env.ref('customer_maintenance.user_am_chen')).search(
            [('claim_user_id', '=', self.env.ref('customer_maintenance.user_am_chen').id)]))
