# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The consumption-cycle table (客戶用油周期表) on the customer profile card (客戶資料卡): per
product the learned interval, the usual quantity, the last order, the next due date and the
state (learning, active, overdue, lapsed, rising or falling consumption), the first due
first; only the cycles the reader may read; as account manager (also one without email),
supervisor and admin, in English and zh_TW, in the PDF."""
from odoo import Command
from odoo.exceptions import AccessError

from .profile_card_case import ProfileCardCase


class TestConsumptionProfileCard(ProfileCardCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env['res.partner']
        Product = cls.env['product.product']
        cls.wang = cls.env.ref('customer_maintenance.user_am_wang')
        cls.dealer = Partner.create({
            'name': '新竹潤滑油經銷商', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id})
        cls.owner = Partner.create({'name': '老闆 陳', 'parent_id': cls.dealer.id,
                                    'type': 'contact'})
        cls.quiet = Partner.create({'name': 'Quiet Buyer Ltd', 'is_company': True,
                                    'customer_rank': 1, 'user_id': cls.manager_a.id})
        cls.wang_customer = Partner.create({'name': '嘉義農機行', 'is_company': True,
                                            'customer_rank': 1, 'user_id': cls.wang.id})
        names = ('CMT Hydraulic 68', 'CMT Gear 220', 'CMT Cutting Fluid', 'CMT Grease EP2',
                 'CMT Turbine 32')
        cls.products = Product.create([{'name': name, 'type': 'consu'} for name in names])
        hydraulic, gear, cutting, grease, turbine = cls.products
        # what the nightly job learns (tests/test_consumption*.py test the learning itself)
        common = {'partner_id': cls.dealer.id, 'state': 'active', 'order_count': 6}
        cls.cycles = cls.env['customer.consumption.cycle'].create([
            dict(common, product_id=hydraulic.id, avg_interval_days=30.0, avg_qty=1200.0,
                 last_order_date='2026-09-10', next_due_date='2026-10-10',
                 lapse_date='2026-12-10'),
            # overdue, and the customer uses it faster than usual
            dict(common, product_id=gear.id, avg_interval_days=45.5, avg_qty=20.0,
                 last_order_date='2026-08-01', next_due_date='2026-09-15',
                 lapse_date='2026-11-01', anomaly='rising', anomaly_ratio=1.8),
            # overdue by more than two intervals: a customer to win back
            dict(common, product_id=cutting.id, avg_interval_days=30.0, avg_qty=5.0,
                 last_order_date='2026-03-01', next_due_date='2026-03-31',
                 lapse_date='2026-06-01'),
            # one order so far: no interval, no due date yet
            {'partner_id': cls.dealer.id, 'product_id': grease.id, 'state': 'learning',
             'order_count': 1, 'avg_qty': 2.5, 'last_order_date': '2026-09-20'},
            # the interval the customer told, and falling consumption
            dict(common, product_id=turbine.id, avg_interval_days=28.0, avg_qty=50.0,
                 manual_interval_days=20, last_order_date='2026-09-25',
                 next_due_date='2026-10-15', lapse_date='2026-12-01', anomaly='falling',
                 anomaly_ratio=0.4),
            {'partner_id': cls.wang_customer.id, 'product_id': hydraulic.id,
             'state': 'active', 'avg_interval_days': 60.0, 'avg_qty': 400.0,
             'last_order_date': '2026-08-20', 'next_due_date': '2026-10-19',
             'lapse_date': '2027-02-16'},
        ])
        cls.units = cls.env.ref('uom.product_uom_unit').with_context(lang='en_US').name

    # the table of the dealer, the first due first, learning (no due date) last
    def _expected_rows(self):
        u = self.units
        return [
            ('CMT Cutting Fluid', '30.0', '', '5.000 %s' % u, '03/01/2026', '03/31/2026',
             'Active · Lapsed'),
            ('CMT Gear 220', '45.5', '', '20.000 %s' % u, '08/01/2026', '09/15/2026',
             'Active · Overdue · Anomaly: Rising'),
            ('CMT Hydraulic 68', '30.0', '', '1,200.000 %s' % u, '09/10/2026', '10/10/2026',
             'Active'),
            ('CMT Turbine 32', '28.0', '20', '50.000 %s' % u, '09/25/2026', '10/15/2026',
             'Active · Anomaly: Falling'),
            ('CMT Grease EP2', '', '', '2.500 %s' % u, '09/20/2026', '', 'Learning'),
        ]

    def test_values(self):
        keys = ('product', 'interval', 'known_interval', 'qty', 'last_order', 'next_due',
                'status')
        cases = [('account manager', self.manager_a), ('supervisor', self.supervisor),
                 ('admin', self.admin)]
        for role, user in cases:
            values = self._values(self.dealer | self.owner | self.quiet, user=user)
            for partner in (self.dealer, self.owner):  # a contact prints its company's
                with self.subTest(role=role, partner=partner.name):
                    card = values['cards'][partner.id]
                    self.assertEqual([tuple(row[key] for key in keys) for row in card['cycles']],
                                     self._expected_rows())
                    self.assertEqual([row['late'] for row in card['cycles']],
                                     [True, True, False, False, False])
                    self.assertTrue(card['cycle_known_interval'])
                    self.assertEqual(card['cycle_labels'], {
                        'product_id': 'Product', 'avg_interval_days': 'Usual Interval (days)',
                        'manual_interval_days': 'Known Interval (days)',
                        'avg_qty': 'Usual Quantity', 'last_order_date': 'Last Order Date',
                        'next_due_date': 'Next Due Date', 'state': 'State'})
            with self.subTest(role=role, partner='without cycles'):
                quiet = values['cards'][self.quiet.id]
                self.assertEqual(quiet['cycles'], [])
                self.assertFalse(quiet['cycle_known_interval'])

    def test_html(self):
        header = ('Consumption Cycle Table Product Usual Interval (days) Known Interval (days) '
                  'Usual Quantity Last Order Date Next Due Date State')
        for role, user in (('account manager', self.manager_a), ('supervisor', self.supervisor),
                           ('admin', self.admin)):
            html = self._html(self.dealer, user=user)
            text = self._text(html)
            rows = [header] + [' '.join(cell for cell in row if cell)
                               for row in self._expected_rows()]
            for row in rows:
                with self.subTest(role=role, row=row):
                    self.assertIn(row, text)
            with self.subTest(role=role, check='order'):
                positions = [text.index(row[0]) for row in self._expected_rows()]
                self.assertEqual(positions, sorted(positions))
                # in the business status, before the transaction status
                self.assertLess(text.index('3. Business Status'),
                                text.index('Consumption Cycle Table'))
                self.assertLess(text.index('Consumption Cycle Table'),
                                text.index('4. Transaction Status'))
            with self.subTest(role=role, check='marks'):
                self.assertEqual(html.count('class="text-danger">Active · '), 2)
                self.assertIn('class="fw-bold">Active · Anomaly: Falling', html)
                self.assertNotIn('2026-09-15', text)  # dates in the reader's format

    def test_html_without_cycles(self):
        """No cycles: no heading, no empty table; nor the known-interval column when no
        manager recorded an interval."""
        html = self._html(self.quiet, user=self.manager_a)
        self.assertNotIn('Consumption Cycle Table', html)
        self.assertNotIn('name="cm_cycles"', html)
        self.assertNotIn('Usual Interval', html)
        wang_html = self._html(self.wang_customer, user=self.wang)
        self.assertIn('Consumption Cycle Table', wang_html)
        self.assertNotIn('Known Interval', wang_html)

    def test_only_readable_cycles(self):
        """Manager B neither manages the dealer nor is in its team: the card is refused
        (issue 20: report/customer_profile_card.py); once in the team, B prints the dealer's
        cycles. wang (no email address) prints his own customer's, not the dealer's."""
        self.assertFalse(self.wang.email)
        for label, user in (('B outside the team', self.manager_b),
                            ('wang, not his customer', self.wang)):
            with self.subTest(case=label), self.assertRaises(AccessError):
                self._values(self.dealer, user=user)
        cases = [
            ('wang, own customer', self.wang, self.wang_customer, ['CMT Hydraulic 68']),
        ]
        for label, user, partner, products in cases:
            with self.subTest(case=label):
                values = self._values(partner, user=user)
                self.assertEqual([row['product'] for row in values['cards'][partner.id]['cycles']],
                                 products)
                text = self._text(self._html(partner, user=user))
                self.assertIn(partner.name, text)
                self.assertEqual('Consumption Cycle Table' in text, bool(products))
                for product in self.products:
                    if product.name not in products:
                        self.assertNotIn(product.name, text)
        self.dealer.customer_team_ids = [Command.link(self.manager_b.id)]
        values = self._values(self.dealer, user=self.manager_b)
        self.assertEqual(len(values['cards'][self.dealer.id]['cycles']), 5)
        wang_row = self._values(self.wang_customer, user=self.wang)[
            'cards'][self.wang_customer.id]['cycles'][0]
        self.assertEqual((wang_row['interval'], wang_row['next_due'], wang_row['status']),
                         ('60.0', '10/19/2026', 'Active'))

    def test_html_in_traditional_chinese(self):
        """zh_TW: the column labels and states from i18n/zh_TW.po, the dates in the zh_TW
        format. (The heading "Consumption Cycle Table" of the card is a new term of its
        template, translated by `make i18n`: not asserted here.)"""
        for role, user in (('account manager', self.manager_a), ('supervisor', self.supervisor)):
            with self.subTest(role=role):
                text = self._text(self._html(self.dealer, user=user, lang='zh_TW'))
                for snippet in ('產品 平常間隔（天） 已知間隔（天） 平常數量 最後訂單日期 下次到期日 狀態',
                                'CMT Cutting Fluid 30.0 5.000',
                                '2026年03月01日 2026年03月31日 有效 · 已流失',
                                '2026年08月01日 2026年09月15日 有效 · 逾期 · 異常: 上升',
                                '1,200.000', '2026年09月10日 2026年10月10日 有效',
                                '有效 · 異常: 下降', '2026年09月20日 學習中'):
                    with self.subTest(role=role, snippet=snippet):
                        self.assertIn(self._norm(snippet), text)
                self.assertNotIn('Overdue', text)
                self.assertNotIn('10/10/2026', text)

    def test_pdf(self):
        text = self._pdf_text(self.dealer | self.quiet)
        # pdftotext reads a wrapped cell column by column ("CMT Cutting" ... "Fluid"):
        # snippets that fit in a cell's line
        for snippet in ('新竹潤滑油經銷商', 'Consumption Cycle Table', 'Usual Interval', 'Known',
                        'Cutting', 'Active · Lapsed', 'Gear', '45.5', '09/15/2026',
                        'Anomaly: Rising', '1,200.000', '10/10/2026', 'Turbine',
                        'Anomaly: Falling', 'Grease EP2', 'Learning', 'Quiet Buyer Ltd'):
            with self.subTest(snippet=snippet):
                self.assertIn(snippet, text)
        # the table is the dealer's: none on the page of the customer without cycles
        self.assertEqual(text.count('Consumption Cycle Table'), 1)
