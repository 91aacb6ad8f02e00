# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import re
import unicodedata

from odoo import Command

from .common import CustomerMaintenanceCase
from .profile_card_case import pdf_text

REPORT = 'customer_maintenance.report_profile_card'


class TestProfileCard(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env['res.lang']._activate_lang('en_US')
        Partner = cls.env['res.partner']
        cls.env.company.write({'name': 'CM Lubricants Co', 'phone': '+886 2 1234 5678'})
        cls.rich = Partner.create({
            'name': '台北永豐潤滑油行', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'street': '中山北路二段 100 號', 'city': '台北市',
            'phone': '+886 2 2555 0100', 'ref': 'CMT001'})
        cls.shandong = Partner.create({
            'name': '濟南機械廠', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'country_id': cls.env.ref('base.cn').id,
            'state_id': cls.env.ref('base.state_cn_SD').id, 'city': 'Jinan',
            'street': '解放路355號', 'zip': '250001'})
        cls.tier = cls.env['customer.tier'].create({
            'name': '鑽石客戶', 'code': 'CMT_DIAMOND', 'annual_gift_budget': 5000})
        cls.rich.write({'customer_tier_id': cls.tier.id,
                        'customer_team_ids': [Command.set([cls.manager_b.id])],
                        'executive_sponsor_id': cls.supervisor.id})
        # relationship: hobbies, preferences, a lunar birthday, a former contact, gifts
        hobby = cls.env['customer.hobby'].create({'name': '高爾夫球'})
        cls.rich.founding_date = '1990-01-15'
        cls.wang = Partner.create({
            'name': '王大明', 'parent_id': cls.rich.id, 'type': 'contact',
            'function': '採購經理', 'email': 'wang@example.com',
            'birthday_calendar': 'lunar', 'birthday_month': 8, 'birthday_day': 15,
            'hobby_ids': [Command.set(hobby.ids)], 'contact_preferences': '晚上九點後來電'})
        Partner.create({'name': '李已離職', 'parent_id': cls.rich.id, 'type': 'contact',
                        'function': '廠長', 'is_former_contact': True,
                        'contact_left_date': '2026-05-31',
                        'contact_left_reason': '轉往台中分公司'})
        Partner.create({'name': '李已封存', 'parent_id': cls.rich.id, 'type': 'contact',
                        'active': False})
        Partner.create({'name': '送貨地址', 'parent_id': cls.rich.id, 'type': 'delivery'})
        cls.empty = Partner.create({'name': 'Empty Customer Ltd', 'is_company': True})
        cls._confirmed_order(cls.rich, '2026-09-01', [(cls.product, 10, 120)])
        cls._confirmed_order(cls.rich, '2025-09-01', [(cls.product, 5, 100)])
        cls._confirmed_order(cls.rich, '2026-10-05', [(cls.product, 1, 99999)])  # after today
        cls._confirmed_order(cls.shandong, '2026-06-15', [(cls.product, 1000, 1191.4)])
        cls.env['customer.promotion.support'].create({
            'name': 'POP 海報', 'partner_id': cls.rich.id, 'date': '2026-08-01', 'cost': 50})
        cls.env['customer.promotion.support'].create({
            'name': '取消的活動', 'partner_id': cls.rich.id, 'date': '2026-08-01',
            'state': 'cancelled'})
        cls.env['customer.value.service'].create({
            'name': '油品檢測', 'partner_id': cls.rich.id, 'date': '2026-08-15', 'hours': 3})
        cls.env['customer.agreement'].create({
            'name': '長期供貨合約', 'partner_id': cls.rich.id, 'state': 'active',
            'date_start': '2026-01-01', 'date_end': '2027-12-31'})
        gift = cls.env['customer.gift'].create({'name': '阿里山高山茶', 'value': 800,
                                                 'story': '客戶老家在嘉義'})
        Event = cls.env['customer.relationship.event']
        for vals in ({'name': '中秋節拜訪', 'date': '2026-09-20', 'state': 'done',
                      'outcome': '客戶很滿意', 'gift_id': gift.id, 'channel': 'visit',
                      'contact_id': cls.wang.id},
                     {'name': '逾期電話', 'date': '2026-09-25'},
                     {'name': '下月拜訪', 'date': '2026-10-20', 'channel': 'visit'},
                     {'name': '取消的電話', 'date': '2026-09-10', 'state': 'cancelled'},
                     {'name': '明年拜訪', 'date': '2027-03-01'},
                     {'name': '去年的禮', 'date': '2025-08-01', 'state': 'done',
                      'gift_id': gift.id}):
            Event.create(dict(vals, partner_id=cls.rich.id, user_id=cls.manager_a.id))
        cls.env['customer.agreement'].create({
            'name': '過期合約', 'partner_id': cls.rich.id, 'state': 'expired',
            'date_start': '2020-01-01', 'date_end': '2021-12-31'})

    def _values(self, partners, user=None):
        Report = self.env['report.' + REPORT].with_context(cm_today='2026-10-01', lang='en_US')
        if user:
            Report = Report.with_user(user)
        return Report._get_report_values(partners.ids)

    def _html(self, partners, user=None, lang='en_US'):
        Report = self.env['ir.actions.report'].with_context(cm_today='2026-10-01', lang=lang)
        if user:
            Report = Report.with_user(user)
        return Report._render_qweb_html(REPORT, partners.ids)[0].decode()

    def test_values(self):
        values = self._values(self.rich | self.empty)
        self.assertEqual(values['docs'], self.rich | self.empty)
        card = values['cards'][self.rich.id]
        sales = card['sales']
        self.assertEqual(sales['last_12'], 1200)  # not the order dated after today
        self.assertEqual(sales['previous_12'], 500)
        self.assertAlmostEqual(sales['trend'], 140.0)
        self.assertEqual(sales['quarters'], [0.0, 0.0, 0.0, 1200.0])
        self.assertEqual([c['name'] for c in card['contacts']], ['王大明'])
        self.assertEqual(card['contacts'][0]['function'], '採購經理')
        characteristics = {row['label']: row['value'] for row in card['characteristics']}
        self.assertEqual(characteristics, {
            'Customer Tier': '鑽石客戶', 'Customer Team': self.manager_b.name,
            'Executive Sponsor': self.supervisor.name, 'Founding Date': '01/15/1990'})
        self.assertEqual([(row['label'], row['value'].replace('\xa0', ' '))
                          for row in card['business']], [('Gifts This Year', '$ 800.00')])
        # relationship: the contact's birthday, hobbies and preferences
        self.assertEqual(card['contacts'][0]['extra'], [
            {'label': 'Birthday', 'value': 'Lunar (Chinese) 8/15'},
            {'label': 'Hobbies', 'value': '高爾夫球'},
            {'label': 'Contact Preferences', 'value': '晚上九點後來電'}])
        self.assertEqual(card['former_contacts'], [{'name': '李已離職', 'function': '廠長',
                                                    'left': '05/31/2026',
                                                    'reason': '轉往台中分公司'}])
        # recent (not cancelled, not after today), planned (the next 90 days)
        self.assertEqual([(e['date'], e['name'], e['state'], e['overdue'])
                          for e in card['events']],
                         [('09/25/2026', '逾期電話', 'Planned', True),
                          ('09/20/2026', '中秋節拜訪', 'Done', False)])
        self.assertEqual(card['events'][1]['contact'], '王大明')
        self.assertEqual([(e['date'], e['name']) for e in card['planned_events']],
                         [('10/20/2026', '下月拜訪')])
        # gifts of the last 12 months with their story; amounts formatted
        self.assertEqual([(g['date'], g['name'], g['story']) for g in card['gifts']],
                         [('09/20/2026', '阿里山高山茶', '客戶老家在嘉義')])
        self.assertEqual([g['value'].replace('\xa0', ' ') for g in card['gifts']],
                         ['$ 800.00'])
        self.assertEqual((card['gift_total'].replace('\xa0', ' '),
                          card['gift_budget'].replace('\xa0', ' ')),
                         ('$ 800.00', '$ 5,000.00'))
        self.assertEqual(card['promotions'].mapped('name'), ['POP 海報'])
        self.assertEqual(card['services'].mapped('name'), ['油品檢測'])
        self.assertEqual(card['agreements'].mapped('name'), ['長期供貨合約'])
        self.assertEqual(len(card['orders']), 2)
        empty = values['cards'][self.empty.id]
        self.assertEqual(empty['sales']['last_12'], 0)
        self.assertIsNone(empty['sales']['trend'])
        for key in ('contacts', 'orders', 'characteristics', 'business', 'promotions',
                    'services', 'agreements', 'events', 'planned_events', 'gifts',
                    'former_contacts', 'gift_total'):
            with self.subTest(empty=key):
                self.assertFalse(empty[key])

    def test_display_formats_as_odoo(self):
        """Values of the labelled rows are formatted (issue §5: no raw float 1191400.0)."""
        Report = self.env['report.' + REPORT]
        # a float of 7 digits (a latitude: within -90..90 since the visit routes check it)
        self.shandong.partner_latitude = 36.6512
        cases = [
            ('partner_latitude', '36.6512000'),
            ('customer_tier_id', ''),
            ('is_company', '✔'),
            ('country_id', 'China'),
        ]
        for fname, expected in cases:
            with self.subTest(field=fname):
                self.assertEqual(Report._display(self.shandong, fname), expected)
        order = self.env['sale.order'].search([('partner_id', '=', self.shandong.id)])
        self.assertEqual(Report._display(order, 'amount_untaxed').replace('\xa0', ' '),
                         '$ 1,191,400.00')

    def test_html_has_all_parts(self):
        html = self._html(self.rich | self.empty)
        for text in ('台北永豐潤滑油行', 'Empty Customer Ltd', '王大明', '採購經理', 'POP 海報',
                     '油品檢測', '長期供貨合約', '鑽石客戶', 'CMT001', self.manager_b.name,
                     '1. Basic Data', '2. Characteristics', '3. Business Status',
                     '4. Transaction Status', '140.0',
                     # relationship
                     'Lunar (Chinese) 8/15', '高爾夫球', '晚上九點後來電', '01/15/1990',
                     'Former Contacts', '李已離職', '05/31/2026', '轉往台中分公司',
                     'Relationship Events (last 6 months)', '中秋節拜訪', '客戶很滿意',
                     '逾期電話', '(overdue)', 'Planned Contacts (next 90 days)', '下月拜訪',
                     'Gifts Given (last 12 months)', '阿里山高山茶', '客戶老家在嘉義',
                     '5,000.00'):
            with self.subTest(text=text):
                self.assertIn(text, html)
        for text in ('李已封存', '送貨地址', '取消的活動', '過期合約', '取消的電話', '明年拜訪',
                     '去年的禮', '2026-09-20'):
            with self.subTest(absent=text):
                self.assertNotIn(text, html)
        self.assertEqual(html.count('Customer Profile Card</span>:'), 2)
        # the company header and footer of web.external_layout, once per card
        self.assertEqual(html.count('<span itemprop="name">CM Lubricants Co</span>'), 2)
        self.assertEqual(html.count('class="footer o_company_%s_layout' % self.env.company.id), 2)
        # no address: no row (the contact widget would print the name as a placeholder)
        empty_card = html[html.index('Empty Customer Ltd</span></h2>'):]
        self.assertNotIn('>Address<', empty_card)

    def test_address_and_amounts_formatted(self):
        """Issue §5: the address printed with Odoo's contact widget (separators kept) and the
        amounts with the monetary format."""
        html = self._html(self.shandong)
        card = html[html.index('1. Basic Data'):]
        address = re.search(r'itemprop="streetAddress"[^>]*>(.*?)</span>', card, re.S).group(1)
        lines = [line.strip() for line in address.split('<br/>') if line.strip()]
        self.assertEqual(lines, ['China, 250001', '山东省 Jinan 解放路355號'])
        self.assertNotIn('China山', html)
        text = unicodedata.normalize('NFKC', re.sub(r'<[^>]+>', ' ', html)).replace('\xa0', ' ')
        self.assertIn('1,191,400.00', text)
        self.assertNotIn('1191400.0', text)

    def test_print_as_each_role(self):
        for user in (self.manager_a, self.supervisor, self.admin):
            with self.subTest(user=user.login):
                html = self._html(self.rich, user=user)
                self.assertIn('台北永豐潤滑油行', html)
                self.assertIn('POP 海報', html)
        # B is in the rich customer's team: B prints its card; not the ledgers of others
        html = self._html(self.rich, user=self.manager_b)
        self.assertIn('長期供貨合約', html)

    def test_print_in_user_language(self):
        self.env['res.lang']._activate_lang('zh_TW')
        cases = [('en_US', '10/01/2026'), ('zh_TW', '2026年10月01日')]
        for lang, printed in cases:
            with self.subTest(lang=lang):
                html = self._html(self.rich, user=self.manager_a, lang=lang)
                self.assertIn('>%s</span>' % printed, html)

    def test_action_and_button(self):
        report = self.env.ref('customer_maintenance.action_report_profile_card')
        self.assertEqual(report.report_name, REPORT)
        self.assertEqual(report.model, 'res.partner')
        self.assertEqual(report.binding_model_id.model, 'res.partner')
        self.assertIn(self.env.ref('customer_maintenance.group_user'), report.groups_id)
        # cards are printed by the customers' manager, team and supervisors (issue 20)
        self.empty.user_id = self.manager_a
        action = (self.rich | self.empty).with_user(self.manager_a).action_print_profile_card()
        self.assertEqual(action['type'], 'ir.actions.report')
        self.assertEqual(action['report_name'], REPORT)
        self.assertEqual(action['context']['active_ids'], (self.rich | self.empty).ids)

    def test_real_pdf(self):
        partners = self.rich | self.shandong | self.empty
        text, pages = pdf_text(self, partners, cm_today='2026-10-01')
        # pdftotext maps some CJK glyphs to Kangxi radicals (⾏ for 行): NFKC folds them back
        text = unicodedata.normalize('NFKC', text).replace('\xa0', ' ')
        # (長 prints as the radical ⻑, which NFKC does not fold)
        for snippet in ('台北永豐潤滑油行', '王大明', '採購經理', '油品檢測', '濟南機械廠',
                        'Empty Customer Ltd', '鑽石客戶', '期供貨合約', '1,191,400.00',
                        'Lunar (Chinese) 8/15', '高爾夫球', '晚上九點後來電', 'Former Contacts',
                        '李已離職', '轉往台中分公司', '中秋節拜訪', '客戶很滿意', '下月拜訪',
                        '阿里山高山茶', '客戶老家在嘉義', '09/20/2026', '5,000.00'):
            with self.subTest(snippet=snippet):
                self.assertIn(snippet, text)
        self.assertNotIn('1191400.0', text)
        self.assertLess(text.index('台北永豐潤滑油行'), text.index('Empty Customer Ltd'))
        # the address keeps its separators (the table puts the label between the lines)
        self.assertRegex(text, r'China, 250001\s+(Address\s+)?山东省 Jinan 解放路355號')
        self.assertNotIn('China山', text)
        # the footer (page numbers) on every page; the company header is laid out for the
        # stylesheets, which wkhtmltopdf cannot load without a server: without them it is cut
        # off at the top of the page. tests/test_ui_profile_card.py checks it with a server.
        self.assertGreaterEqual(pages, 3)
        self.assertEqual(len(re.findall(r'Page \d+ / \d+', text)), pages)
