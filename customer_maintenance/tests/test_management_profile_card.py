# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import os
import shutil
import subprocess
import tempfile
import unicodedata
import unittest

from odoo.tools import config

from .common import CustomerMaintenanceCase

REPORT = 'customer_maintenance.report_profile_card'


class TestProfileCard(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestProfileCard, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.rich = Partner.create({
            'name': '台北永豐潤滑油行', 'is_company': True, 'customer': True,
            'user_id': cls.manager_a.id, 'street': '中山北路二段 100 號', 'city': '台北市',
            'phone': '+886 2 2555 0100', 'ref': 'CMT001'})
        cls.tier = cls.env['customer.tier'].create({
            'name': '鑽石客戶', 'code': 'CMT_DIAMOND', 'annual_gift_budget': 5000})
        cls.rich.write({'customer_tier_id': cls.tier.id, 'abc_class': 'A',
                        'abc_sales_amount': 1200, 'loyalty_type': 'loyal',
                        'customer_team_ids': [(6, 0, [cls.manager_b.id])],
                        'executive_sponsor_id': cls.supervisor.id, 'credit_rating': 'AA'})
        hobby = cls.env['customer.hobby'].create({'name': '高爾夫球'})
        Partner.create({'name': '王大明', 'parent_id': cls.rich.id, 'type': 'contact',
                        'function': '採購經理', 'email': 'wang@example.com',
                        'birthday_calendar': 'lunar', 'birthday_month': 8, 'birthday_day': 15,
                        'hobby_ids': [(6, 0, hobby.ids)],
                        'contact_preferences': '晚上九點後來電'})
        Partner.create({'name': '李已離職', 'parent_id': cls.rich.id, 'type': 'contact',
                        'is_former_contact': True})
        cls.oil = cls.env['product.product'].create({'name': '齒輪油 20 L', 'type': 'consu'})
        cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.rich.id, 'product_id': cls.oil.id, 'order_count': 4,
            'avg_interval_days': 30, 'avg_qty': 6, 'state': 'active',
            'last_order_date': '2026-08-20', 'next_due_date': '2026-09-19'})
        gift = cls.env['customer.gift'].create({'name': '阿里山高山茶', 'value': 800,
                                                 'story': '客戶老家在嘉義'})
        cls.empty = Partner.create({'name': 'Empty Customer Ltd', 'is_company': True})
        cls._confirmed_order(cls.rich, '2026-09-01', [(cls.product, 10, 120)])
        cls._confirmed_order(cls.rich, '2025-09-01', [(cls.product, 5, 100)])
        cls.env['customer.relationship.event'].create({
            'name': '中秋節拜訪', 'partner_id': cls.rich.id, 'user_id': cls.manager_a.id,
            'date': '2026-09-20', 'state': 'done', 'outcome': '客戶很滿意',
            'gift_id': gift.id, 'channel': 'visit'})
        cls.env['customer.relationship.event'].create({
            'name': '下月拜訪', 'partner_id': cls.rich.id, 'user_id': cls.manager_a.id,
            'date': '2026-10-20', 'state': 'planned'})
        cls.env['customer.promotion.support'].create({
            'name': 'POP 海報', 'partner_id': cls.rich.id, 'date': '2026-08-01', 'cost': 50})
        cls.env['customer.value.service'].create({
            'name': '油品檢測', 'partner_id': cls.rich.id, 'date': '2026-08-15', 'hours': 3})
        cls.env['customer.agreement'].create({
            'name': '長期供貨合約', 'partner_id': cls.rich.id, 'state': 'active',
            'date_start': '2026-01-01', 'date_end': '2027-12-31'})

    def _values(self, partners):
        return self.env['report.' + REPORT].with_context(cm_today='2026-10-01') \
            .get_report_values(partners.ids)

    def test_values(self):
        values = self._values(self.rich | self.empty)
        card = values['cards'][self.rich.id]
        self.assertEqual(card['sales']['last_12'], 1200)
        self.assertEqual(card['sales']['previous_12'], 500)
        self.assertAlmostEqual(card['sales']['trend'], 140.0)
        self.assertEqual(len(card['contacts']), 1)  # not the former contact
        contact = card['contacts'][0]
        self.assertEqual(contact['function'], '採購經理')
        self.assertIn('8/15', contact['birthday'])
        self.assertIn('Lunar', contact['birthday'])
        extra = ' '.join('%s' % row['value'] for row in contact['extra'])
        self.assertIn('高爾夫球', extra)
        self.assertIn('晚上九點後來電', extra)
        characteristics = {row['label']: row['value'] for row in card['characteristics']}
        self.assertIn('鑽石客戶', characteristics.values())
        self.assertIn(self.manager_b.name, characteristics.values())
        self.assertIn(self.supervisor.name, characteristics.values())
        business = {row['label']: row['value'] for row in card['business']}
        self.assertIn('A', business.values())
        self.assertIn(1200, business.values())
        self.assertEqual(len(card['cycles']), 1)
        self.assertEqual(card['cycles'][0]['product'], '齒輪油 20 L')
        self.assertEqual(card['cycles'][0]['interval'], 30)
        self.assertTrue(card['cycles'][0]['overdue'])  # due 2026-09-19, today 2026-10-01
        self.assertEqual(len(card['events']), 1)  # not the one planned after today
        self.assertEqual(card['gifts'].mapped('gift_id.name'), ['阿里山高山茶'])
        self.assertEqual((card['gift_total'], card['gift_budget']), (800, 5000))
        self.assertEqual(len(card['promotions']), 1)
        self.assertEqual(len(card['services']), 1)
        self.assertEqual(len(card['agreements']), 1)
        empty = values['cards'][self.empty.id]
        self.assertEqual(empty['sales']['last_12'], 0)
        self.assertIsNone(empty['sales']['trend'])
        self.assertFalse(empty['contacts'] or empty['orders'] or empty['events'])
        self.assertFalse(empty['characteristics'] or empty['cycles'] or empty['gifts'])

    def test_html_has_all_parts(self):
        report = self.env['ir.actions.report']._get_report_from_name(REPORT)
        html = report.with_context(cm_today='2026-10-01').render_qweb_html(
            (self.rich | self.empty).ids)[0].decode('utf-8')
        for text in ('台北永豐潤滑油行', 'Empty Customer Ltd', '王大明', '採購經理', '中秋節拜訪',
                     '客戶很滿意', 'POP 海報', '油品檢測', '長期供貨合約', '鑽石客戶', '齒輪油 20 L',
                     '2026-09-19', '(overdue)', '高爾夫球', '晚上九點後來電', '阿里山高山茶',
                     '客戶老家在嘉義'):
            self.assertIn(text, html)
        self.assertNotIn('李已離職', html)
        self.assertNotIn('下月拜訪', html)
        self.assertEqual(html.count('Customer Profile Card'), 2)

    @unittest.skipUnless(shutil.which('pdftotext'), 'pdftotext (poppler-utils) is missing')
    def test_real_pdf(self):
        report = self.env.ref('customer_maintenance.action_report_profile_card')
        self.assertEqual(report.report_name, REPORT)
        self.assertEqual(report.model, 'res.partner')
        tmp = tempfile.mkdtemp()
        # Odoo 11 renders HTML instead of PDF under test unless a report directory is set.
        saved = config.options.get('test_report_directory')
        config.options['test_report_directory'] = tmp
        # no Odoo HTTP server runs under the tests: let wkhtmltopdf fail fast on the stylesheets
        self.env['ir.config_parameter'].sudo().set_param('report.url', 'http://127.0.0.1:9')
        try:
            # one PDF for both: printing for many partners at once is how cards are carried
            partners = self.rich | self.empty
            pdf, fmt = report.with_context(cm_today='2026-10-01').render_qweb_pdf(partners.ids)
            self.assertEqual(fmt, 'pdf')
            self.assertTrue(pdf.startswith(b'%PDF'))
            path = os.path.join(tmp, 'cards.pdf')
            with open(path, 'wb') as f:
                f.write(pdf)
            text = subprocess.check_output(['pdftotext', '-enc', 'UTF-8', path, '-']).decode()
            # pdftotext maps some CJK glyphs to Kangxi radicals (⾏ for 行): NFKC folds them back
            text = unicodedata.normalize('NFKC', text)
            for snippet in ('台北永豐潤滑油行', '王大明', '採購經理', '中秋節拜訪', '油品檢測',
                            'Empty Customer Ltd', '鑽石客戶', '齒輪油', '2026-09-19',
                            '阿里山高山茶'):
                self.assertIn(snippet, text)
            self.assertLess(text.index('台北永豐潤滑油行'), text.index('Empty Customer Ltd'))
            # the ABC class of the rich customer, in its labelled row
            self.assertRegex(text, r'ABC Class\s+A\b')
        finally:
            config.options['test_report_directory'] = saved
            shutil.rmtree(tmp, ignore_errors=True)

    def test_print_as_account_manager(self):
        report = self.env.ref('customer_maintenance.action_report_profile_card')
        html = report.sudo(self.manager_a).render_qweb_html(self.rich.ids)[0]
        self.assertIn('台北永豐潤滑油行', html.decode('utf-8'))
