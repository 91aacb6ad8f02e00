# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Issue 25 §1: RFM segments. The nightly SQL (queries/rfm_segmentation.py) against its
pure-Python oracle (services/rfm.py) on generated, seeded histories (two companies, shared
customers, contacts buying for their company, quotations, cancelled orders and orders
outside the period); the moves between segments kept and filtered; twice changes nothing."""
import datetime
import random

from dateutil.relativedelta import relativedelta

from odoo import Command

from ..services import rfm
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 12, 31)
PERIOD_MONTHS = 12


class TestRfmSegments(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company1 = cls.env.company
        cls.company2 = cls.env['res.company'].create({'name': 'RFM Lubricants Europe'})
        cls.env.user.write({'company_ids': [Command.link(cls.company2.id)]})
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.abc_period_months', str(PERIOD_MONTHS))

    def _order(self, partner, day, amount, company, state='sale'):
        order = self.env['sale.order'].with_company(company).create({
            'partner_id': partner.id, 'company_id': company.id,
            'order_line': [Command.create({'product_id': self.product.id,
                                           'product_uom_qty': 1, 'price_unit': amount,
                                           'tax_id': [Command.clear()]})]})
        if state != 'draft':
            order.action_confirm()
            order.write({'date_order': '%s 09:00:00' % day})
        if state == 'cancel':
            order._action_cancel()
        return order

    def _history(self, seed, count=40):
        rng = random.Random(seed)
        Partner = self.env['res.partner']
        partners = Partner
        date_from = TODAY - relativedelta(months=PERIOD_MONTHS)
        for index in range(count):
            company = rng.choice([self.company1, self.company2, False])
            partner = Partner.create({'name': 'RFM %d-%d' % (seed, index), 'is_company': True,
                                      'company_id': company and company.id})
            partners |= partner
            buyers = [partner, Partner.create({'name': 'Buyer %d-%d' % (seed, index),
                                               'parent_id': partner.id})]
            for _order in range(rng.choice([0, 1, 1, 2, 3, 5, 8])):
                day = date_from + datetime.timedelta(days=rng.randint(-30, 370))
                state = rng.choices(['sale', 'draft', 'cancel'], [18, 1, 1])[0]
                self._order(rng.choice(buyers), day, round(rng.uniform(10, 9000), 2),
                            company or rng.choice([self.company1, self.company2]), state)
        return partners

    def _oracle_rows(self, partners):
        """(company, commercial partner, last day, orders, amount), with the ORM."""
        date_from = TODAY - relativedelta(months=PERIOD_MONTHS)
        orders = self.env['sale.order'].search([
            ('partner_id', 'child_of', partners.ids), ('state', '=', 'sale'),
            ('date_order', '>=', date_from), ('date_order', '<', TODAY + datetime.timedelta(1))])
        figures = {}
        for order in orders:
            commercial = order.partner_id.commercial_partner_id
            if commercial.company_id and commercial.company_id != order.company_id:
                continue
            key = ((commercial.company_id or order.company_id).id, commercial.id)
            last, count, amount = figures.get(key, (datetime.date.min, 0, 0.0))
            figures[key] = (max(last, order.date_order.date()), count + 1,
                            amount + order.amount_untaxed / (order.currency_rate or 1.0))
        return [(company, partner, last, count, round(amount, 2))
                for (company, partner), (last, count, amount) in figures.items()]

    def _segment(self):
        return self.env['res.partner'].cron_segment_customers_rfm(today=TODAY)

    def test_sql_equals_oracle(self):
        partners = self.env['res.partner']
        for seed in (7, 19):
            # the second history adds to the first: the quintiles rank them together
            partners |= self._history(seed)
            self._segment()
            expected = rfm.segment_companies(self._oracle_rows(partners))
            self.assertGreater(len(expected), 25 if seed == 7 else 50)
            self.assertGreaterEqual(len({v[4] for v in expected.values()}), 5, expected)
            for partner in partners:
                with self.subTest(seed=seed, partner=partner.name):
                    if partner.id not in expected:
                        self.assertFalse(partner.rfm_segment)
                        continue
                    _company, r, f, m, segment = expected[partner.id]
                    self.assertEqual((partner.rfm_recency, partner.rfm_frequency,
                                      partner.rfm_monetary, partner.rfm_segment),
                                     (r, f, m, segment))
                    self.assertEqual(partner.rfm_date, TODAY)

    def test_scores_and_segments_of_the_rule(self):
        """The rule itself: quintiles with ties sharing a score, the first matching segment."""
        self.assertEqual(rfm.scores({1: 10, 2: 20, 3: 20, 4: 30, 5: 40}),
                         {1: 1, 2: 2, 3: 2, 4: 4, 5: 5})
        self.assertEqual(rfm.scores({1: 5}), {1: 1})
        cases = [((5, 5, 5), 'champions'), ((5, 5, 3), 'loyal'), ((3, 3, 1), 'loyal'),
                 ((1, 5, 1), 'cant_lose'), ((2, 3, 1), 'at_risk'), ((2, 1, 5), 'at_risk'),
                 ((5, 1, 1), 'new'), ((3, 2, 2), 'potential'), ((2, 2, 2), 'hibernating'),
                 ((1, 1, 1), 'lost')]
        for scores, segment in cases:
            with self.subTest(scores=scores):
                self.assertEqual(rfm.segment(*scores), segment)
        self.assertEqual({segment for _s, segment in cases}, set(rfm.SEGMENTS))

    def test_moves_kept_twice_changes_nothing(self):
        Partner = self.env['res.partner']
        regular, fading = Partner.create([
            {'name': 'RFM regular', 'is_company': True, 'user_id': self.manager_a.id},
            {'name': 'RFM fading', 'is_company': True, 'user_id': self.manager_b.id}])
        others = Partner.create([{'name': 'RFM other %d' % i, 'is_company': True}
                                 for i in range(8)])
        for index, other in enumerate(others):
            self._order(other, TODAY - datetime.timedelta(days=40 * index + 5), 100 * index + 50,
                        self.company1)
        for month in range(1, 11):
            day = TODAY - relativedelta(months=month)
            self._order(regular, day, 900.0, self.company1)
            self._order(fading, day - relativedelta(months=1), 800.0, self.company1)
        first = self._segment()
        self.assertEqual(regular.rfm_segment, 'champions')
        self.assertEqual(self._segment(), {'updated': 0, 'moves': 0})
        History = self.env['customer.rfm.history']
        self.assertEqual(History.search([('partner_id', '=', regular.id)]).new_segment,
                         'champions')
        self.assertGreaterEqual(first['moves'], 10)
        # fading stops ordering: in the next year it slides down, the move is kept
        later = TODAY + relativedelta(months=6)
        for index, other in enumerate(others):
            self._order(other, later - datetime.timedelta(days=20 * index + 3), 100, self.company1)
        self._order(regular, later - datetime.timedelta(days=2), 900.0, self.company1)
        self.env['res.partner'].cron_segment_customers_rfm(today=later)
        self.assertIn(fading.rfm_segment, ('at_risk', 'cant_lose'))
        move = History.search([('partner_id', '=', fading.id), ('date', '=', later)])
        self.assertEqual((move.old_segment, move.new_segment, move.is_slipping),
                         (History.search([('partner_id', '=', fading.id),
                                          ('date', '=', TODAY)]).new_segment,
                          fading.rfm_segment, True))
        # filterable: the supervisors' "slipping away" list, and account manager B sees the
        # move of his customer, A does not
        self.assertIn(move, History.search([('is_slipping', '=', True)]))
        self.assertIn(move, History.with_user(self.manager_b).search([]))
        self.assertNotIn(move, History.with_user(self.manager_a).search([]))
        action = self.env.ref('customer_maintenance.customer_rfm_history_action')
        self.assertIn("'search_default_slipping': 1", action.context)
        # a customer without orders in the period any more loses its segment
        self.env['res.partner'].cron_segment_customers_rfm(today=later + relativedelta(years=2))
        self.assertFalse(regular.rfm_segment)
        self.assertEqual(History.search([('partner_id', '=', regular.id)], limit=1).old_segment,
                         'champions')

    def test_segment_names_translated_and_one_statement(self):
        def statements():
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self._segment()
            return self.env.cr.sql_log_count - before
        self._order(self.customer_a, TODAY - datetime.timedelta(days=3), 100.0, self.company1)
        self._segment()                              # the settings, read and cached
        one = statements()
        for index in range(20):
            partner = self.env['res.partner'].create({'name': 'RFM count %d' % index,
                                                      'is_company': True})
            self._order(partner, TODAY - datetime.timedelta(days=index), 10.0 * index,
                        self.company1)
        # the same statements for 21 customers as for 1: the statement in its savepoint,
        # the settings, the lock
        self.assertEqual(statements(), one)
        self.assertLessEqual(one, 12)
        field = self.env['ir.model.fields']._get('res.partner', 'rfm_segment')
        labels = {sel.value: sel for sel in field.selection_ids}
        self.assertEqual(set(labels), set(rfm.SEGMENTS))
        self.assertEqual(labels['at_risk'].with_context(lang='zh_TW').name, '有流失風險')
        self.assertEqual(labels['champions'].with_context(lang='zh_CN').name, '冠军客户')
        cron = self.env.ref('customer_maintenance.ir_cron_segment_customers_rfm')
        self.assertEqual(cron.code.strip(), 'model.cron_segment_customers_rfm(automatic=True)')
        self.assertEqual(cron.user_id, self.env.ref('base.user_root'))
