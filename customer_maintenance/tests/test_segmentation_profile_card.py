# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The segmentation figures on the customer profile card (客戶資料卡): the tier and its
maintenance policy, loyalty, purchase purposes, key account and why it is at risk, the pipeline
stage of a prospect, the ABC class with its sales in the company currency, its day and period,
the credit rating; as account manager, supervisor and admin, in English and zh_TW, in the PDF."""
from odoo import Command

from .profile_card_case import ProfileCardCase


class TestSegmentationProfileCard(ProfileCardCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env['res.partner']
        cls.wang = cls.env.ref('customer_maintenance.user_am_wang')
        # the ABC period the card prints is the setting's
        Settings = cls.env['res.config.settings']
        cls.env['ir.config_parameter'].set_param(
            Settings._fields['cm_abc_period_months'].config_parameter, '12')
        cls.tier = cls.env['customer.tier'].create({
            'name': '策略客戶', 'code': 'CMT_SEG_CARD', 'call_interval_days': 14,
            'care_call_interval_days': 0, 'visit_interval_days': 60, 'birthday_greeting': True,
            'annual_gift_budget': 12000, 'min_team_size': 3, 'requires_sponsor': True,
            'description': '<p>每季由主管陪同拜訪</p>'})
        purposes = cls.env['customer.purchase.purpose'].create(
            [{'name': 'CMT Fleet'}, {'name': 'CMT Plant Upkeep'}])
        cls.steel = Partner.create({
            'name': '高雄鋼鐵廠', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'customer_tier_id': cls.tier.id,
            'loyalty_type': 'loyal', 'purchase_purpose_ids': [Command.set(purposes.ids)]})
        # a rating chosen by hand (the nightly proposal then keeps off it), and what the
        # nightly classification writes (figures of a big database, not of the demo)
        cls.steel.write({'credit_rating': 'AA'})
        cls.steel.write({'abc_class': 'A', 'abc_sales_amount': 1191400.0, 'abc_rank': 1,
                         'abc_share': 42.5, 'abc_date': '2026-09-30', 'is_key_account': True})
        cls.buyer = Partner.create({'name': '採購主任 林', 'parent_id': cls.steel.id,
                                    'type': 'contact'})
        # a prospect of the manager without email; classified without sales in the period
        cls.prospect = Partner.create({
            'name': '台南機械行', 'is_company': True, 'user_id': cls.wang.id,
            'pipeline_stage': 'target'})
        cls.prospect.write({'abc_date': '2026-09-30'})

    def _rows(self, rows):
        return {row['label']: row['value'] for row in rows}

    def test_values(self):
        cases = [('account manager', self.manager_a), ('supervisor', self.supervisor),
                 ('admin', self.admin)]
        # the plain customer is A's too: an account manager prints only the cards of the
        # customers he works (issue 20)
        self.customer_b.user_id = self.manager_a
        for role, user in cases:
            with self.subTest(role=role):
                values = self._values(self.steel | self.buyer | self.customer_b, user=user)
                for partner in (self.steel, self.buyer):  # a contact prints its company's
                    card = values['cards'][partner.id]
                    characteristics = self._rows(card['characteristics'])
                    self.assertEqual(characteristics['Customer Tier'], '策略客戶')
                    self.assertEqual(characteristics['Loyalty'], 'Loyal')
                    self.assertEqual(characteristics['Purchase Purposes'],
                                     'CMT Fleet, CMT Plant Upkeep')
                    self.assertEqual(characteristics['Key Account'], '✔')
                    self.assertIn('requires at least 3', characteristics['Key Account at Risk'])
                    self.assertIn('no executive sponsor', characteristics['Key Account at Risk'])
                    labels = [row['label'] for row in card['characteristics']]
                    self.assertEqual(labels.index('Key Account at Risk'),
                                     labels.index('Key Account') + 1)
                    self.assertNotIn('Pipeline Stage', characteristics)  # a real customer
                    business = [(row['label'], row['value'].replace('\xa0', ' '))
                                for row in card['business']]
                    self.assertEqual(business[:8], [
                        ('ABC Class', 'A'), ('ABC Sales', '$ 1,191,400.00'),
                        ('ABC Rank', '1'), ('Cumulative Share (%)', '42.50'),
                        ('Classified On', '09/30/2026'),
                        ('ABC Period (months)', '12 (09/30/2025 – 09/30/2026)'),
                        ('Credit Rating', 'AA'), ('Credit Rating Set by Hand', '✔')])
                    self.assertEqual(card['tier_name'], '策略客戶')
                    self.assertEqual(
                        [(row['label'], row['value'].replace('\xa0', ' '))
                         for row in card['tier_policy']],
                        [('Business Call Every (days)', '14'), ('Visit Every (days)', '60'),
                         ('Birthday Greeting', '✔'), ('Annual Gift Budget', '$ 12,000.00'),
                         ('Minimum Team Size', '3'), ('Requires Executive Sponsor', '✔')])
                    self.assertIn('每季由主管陪同拜訪', card['tier_plan'])
                # not classified, no tier, no rating: nothing of it on the card
                plain = values['cards'][self.customer_b.id]
                self.assertFalse(plain['tier_policy'] or plain['tier_plan'])
                self.assertEqual(plain['business'], [])
                self.assertEqual(plain['characteristics'], [])

    def test_html(self):
        for role, user in (('account manager', self.manager_a), ('supervisor', self.supervisor),
                           ('admin', self.admin)):
            with self.subTest(role=role):
                text = self._text(self._html(self.steel, user=user))
                for snippet in ('Customer Tier 策略客戶', 'Loyalty Loyal',
                                'Purchase Purposes CMT Fleet, CMT Plant Upkeep',
                                'Key Account ✔ Key Account at Risk The team of this key '
                                'account has 1 people; tier 策略客戶 requires at least 3.',
                                'Maintenance Policy : 策略客戶',
                                'Business Call Every (days) 14', 'Visit Every (days) 60',
                                'Annual Gift Budget $ 12,000.00', 'Minimum Team Size 3',
                                'Requires Executive Sponsor ✔', '每季由主管陪同拜訪',
                                'ABC Class A ABC Sales $ 1,191,400.00 ABC Rank 1 '
                                'Cumulative Share (%) 42.50 Classified On 09/30/2026 '
                                'ABC Period (months) 12 (09/30/2025 – 09/30/2026) '
                                'Credit Rating AA Credit Rating Set by Hand ✔ '
                                'Sales, last 12 months'):
                    with self.subTest(role=role, snippet=snippet):
                        self.assertIn(snippet, text)
                self.assertNotIn('1191400', text)
                self.assertNotIn('Care Call Every', text)  # 0 = never: not a policy line

    def test_html_without_classification(self):
        html = self._html(self.customer_b, user=self.manager_b)
        text = self._text(html)
        for absent in ('ABC Class', 'ABC Sales', 'Classified On', 'Credit Rating',
                       'Key Account', 'Maintenance Policy', 'Loyalty'):
            with self.subTest(absent=absent):
                self.assertNotIn(absent, text)
        self.assertNotIn('cm_tier_policy', html)
        self.assertIn('No characteristics recorded.', text)

    def test_manager_without_email_prints_prospect(self):
        """The demo manager wang has no email address: printing his prospect's card works;
        the stage says it is not yet a customer; classified without sales: no class, no
        amount."""
        self.assertFalse(self.wang.email)
        text = self._text(self._html(self.prospect, user=self.wang))
        self.assertIn('台南機械行', text)
        self.assertIn('Pipeline Stage Target', text)
        self.assertIn('Classified On 09/30/2026 ABC Period (months) 12 '
                      '(09/30/2025 – 09/30/2026)', text)
        for absent in ('ABC Class', 'ABC Sales', 'ABC Rank'):
            with self.subTest(absent=absent):
                self.assertNotIn(absent, text)

    def test_html_in_traditional_chinese(self):
        """zh_TW: field and value labels from i18n/zh_TW.po, dates and amounts in the zh_TW
        formats. (The new heading "Maintenance Policy" is translated by `make i18n` from
        i18n_fragments/card.zh_TW.po and not asserted here.)"""
        for role, user in (('account manager', self.manager_a), ('supervisor', self.supervisor)):
            with self.subTest(role=role):
                text = self._text(self._html(self.steel, user=user, lang='zh_TW'))
                for snippet in ('客戶分級 策略客戶', '忠誠度 忠誠客戶', '購買用途 CMT Fleet',
                                '大客戶 ✔ 有風險的大客戶 此大客戶的團隊有 1 人；分級 策略客戶 要求至少 3 人。',
                                '此大客戶沒有高層負責人。',
                                '業務電話間隔（天） 14', '年度禮品預算 $ 12,000.00',
                                '需要高層負責人 ✔',
                                'ABC 類別 A ABC 銷售額 $ 1,191,400.00 ABC 排名 1 '
                                '累計佔比（%） 42.50 分類日期 2026年09月30日 '
                                'ABC 期間（月） 12 (2025年09月30日 – 2026年09月30日) '
                                '信用等級 AA 手動設定信用等級 ✔'):
                    with self.subTest(role=role, snippet=snippet):
                        self.assertIn(self._norm(snippet), text)
                self.assertNotIn('Loyal', text)

    def test_pdf(self):
        text = self._pdf_text(self.steel | self.prospect)
        for snippet in ('高雄鋼鐵廠', 'ABC Class', 'ABC Sales', '1,191,400.00',
                        'Classified On', '09/30/2026', 'ABC Period (months)',
                        '12 (09/30/2025 – 09/30/2026)', 'Credit Rating', 'AA',
                        'Key Account', 'requires at least 3', 'no executive sponsor',
                        'Maintenance Policy', '策略客戶',
                        '12,000.00', 'Loyal', 'CMT Fleet, CMT Plant Upkeep', '台南機械行',
                        'Pipeline Stage', 'Target'):
            with self.subTest(snippet=snippet):
                self.assertIn(snippet, text)
        self.assertNotIn('1191400', text)

