# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Chinese translations (zh_TW primary, zh_CN): loaded end to end, and complete.

The .po files are loaded into the test transaction with `ir.translation.load_module_terms`
(Odoo 11), then a menu, a selection value and `_()` error messages are read in Chinese.
The last tests parse every .po of the module so that a new string without translation, a
fuzzy entry or a lost placeholder fails the suite instead of rotting silently.
"""
import os
import re

import polib

from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_path

from .common import CustomerMaintenanceCase

I18N_DIR = os.path.join(get_module_path('customer_maintenance'), 'i18n')
PY_FORMAT = re.compile(r'%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdfr%]')
HTML_TAG = re.compile(r'</?[a-zA-Z][^>]*>')


class TestI18nZh(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestI18nZh, cls).setUpClass()
        cls.env['ir.translation'].load_module_terms(['customer_maintenance'], ['zh_TW', 'zh_CN'])
        cls.env['ir.translation'].clear_caches()

    @classmethod
    def tearDownClass(cls):
        # the translations are rolled back with the class; the caches are per registry
        cls.env['ir.translation'].clear_caches()
        super(TestI18nZh, cls).tearDownClass()

    def test_languages_active(self):
        langs = self.env['res.lang'].search([('code', 'in', ('zh_TW', 'zh_CN'))])
        self.assertEqual(sorted(langs.mapped('code')), ['zh_CN', 'zh_TW'])

    def test_menu_in_chinese(self):
        menu = self.env.ref('customer_maintenance.menu_root')
        self.assertEqual(menu.with_context(lang='zh_TW').name, '客戶維護')
        self.assertEqual(menu.with_context(lang='zh_CN').name, '客户维护')
        self.assertEqual(menu.with_context(lang='en_US').name, 'Customer Maintenance')
        menus = self.env['ir.ui.menu'].sudo(self.manager_a).with_context(
            lang='zh_TW').load_menus(debug=False)
        root = [m for m in menus['children'] if m['id'] == menu.id]
        self.assertEqual(root[0]['name'], '客戶維護')

    def test_selection_in_chinese(self):
        Event = self.env['customer.relationship.event'].sudo(self.manager_a)
        kinds = dict(Event.with_context(lang='zh_TW').fields_get(['kind'])['kind']['selection'])
        self.assertEqual(kinds['periodic'], '周期型')
        self.assertEqual(kinds['regional'], '重大環境事件')
        self.assertEqual(kinds['favour'], '幫忙式')
        states = dict(Event.with_context(lang='zh_TW').fields_get(['state'])['state']['selection'])
        self.assertEqual(states['planned'], '計劃中')
        kinds_cn = dict(Event.with_context(lang='zh_CN').fields_get(['kind'])['kind']['selection'])
        self.assertEqual(kinds_cn['periodic'], '周期型')
        # field labels follow the language too
        label = self.env['res.partner'].with_context(lang='zh_TW').fields_get(
            ['credit_rating'])['credit_rating']['string']
        self.assertEqual(label, '信用等級')

    def test_tier_error_in_chinese(self):
        Tier = self.env['customer.tier'].sudo(self.supervisor)
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            Tier.with_context(lang='zh_TW').create({
                'name': 'Test Tier', 'code': 'T_I18N', 'annual_gift_budget': -1})
        self.assertEqual(ctx.exception.name, '分級「Test Tier」：年度禮品預算不可為負數。')
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            Tier.with_context(lang='zh_TW').create({
                'name': 'Test Tier', 'code': 'T_I18N', 'call_interval_days': -5})
        # the field label inside the message is translated as well
        self.assertIn('「業務電話間隔（天）」必須是 0 或以上的整數天數', ctx.exception.name)
        self.assertIn('-5', ctx.exception.name)
        self.assertFalse(self.env['customer.tier'].search([('code', '=', 'T_I18N')]))
        # simplified Chinese for the mainland, English without a language
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            Tier.with_context(lang='zh_CN').create({
                'name': 'Test Tier', 'code': 'T_I18N', 'annual_gift_budget': -1})
        self.assertEqual(ctx.exception.name, '分级“Test Tier”：年度礼品预算不可为负数。')
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            Tier.with_context(lang='en_US').create({
                'name': 'Test Tier', 'code': 'T_I18N', 'annual_gift_budget': -1})
        self.assertIn('annual gift budget cannot be negative', ctx.exception.name)

    def test_claim_conflict_in_chinese(self):
        prospect = self.env['res.partner'].create({
            'name': 'Prospect I18N', 'is_company': True, 'pipeline_stage': 'suspect'})
        prospect.sudo(self.manager_a).action_claim_prospect()
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            prospect.sudo(self.manager_b).with_context(lang='zh_TW').action_claim_prospect()
        msg = ctx.exception.name
        self.assertTrue(msg.startswith('Prospect I18N 已由 Account Manager A 認購，有效至 '), msg)
        self.assertIn('請對方釋放認購，或等待認購到期。', msg)
        # a customer cannot be claimed: UserError in Chinese
        customer = self.env['res.partner'].create({
            'name': 'Customer I18N', 'is_company': True, 'pipeline_stage': 'customer'})
        with self.assertRaises(UserError) as ctx:
            customer.sudo(self.manager_b).with_context(lang='zh_TW').action_claim_prospect()
        self.assertEqual(ctx.exception.name, 'Customer I18N 已經是客戶：只能認購潛在客戶。')

    # ------------------------------------------------------------- completeness of the files
    def _po_files(self):
        names = sorted(n for n in os.listdir(I18N_DIR) if n.endswith('.po'))
        self.assertIn('zh_TW.po', names)
        self.assertIn('zh_CN.po', names)
        return [(n, polib.pofile(os.path.join(I18N_DIR, n))) for n in names]

    def test_po_files_complete(self):
        pot = polib.pofile(os.path.join(I18N_DIR, 'customer_maintenance.pot'))
        template_ids = {e.msgid for e in pot if not e.obsolete}
        self.assertGreater(len(template_ids), 100)
        for name, po in self._po_files():
            live = [e for e in po if not e.obsolete]
            untranslated = [e.msgid for e in live if not e.msgstr.strip()]
            self.assertFalse(untranslated, '%s: untranslated %s' % (name, untranslated[:10]))
            fuzzy = [e.msgid for e in live if 'fuzzy' in e.flags]
            self.assertFalse(fuzzy, '%s: fuzzy %s' % (name, fuzzy[:10]))
            missing = template_ids - {e.msgid for e in live}
            self.assertFalse(missing, '%s: not merged from the .pot: %s' % (
                name, sorted(missing)[:10]))

    def test_po_placeholders_and_tags_kept(self):
        for name, po in self._po_files():
            for entry in po:
                if entry.obsolete:
                    continue
                if 'python-format' in entry.flags:
                    self.assertEqual(PY_FORMAT.findall(entry.msgid),
                                     PY_FORMAT.findall(entry.msgstr),
                                     '%s: placeholders of %r' % (name, entry.msgid))
                self.assertEqual(HTML_TAG.findall(entry.msgid), HTML_TAG.findall(entry.msgstr),
                                 '%s: HTML tags of %r' % (name, entry.msgid))

    def test_po_chinese_script(self):
        """zh_TW uses traditional characters, zh_CN simplified ones, for the key terms."""
        po = dict(self._po_files())
        tw = {e.msgid: e.msgstr for e in po['zh_TW.po']}
        cn = {e.msgid: e.msgstr for e in po['zh_CN.po']}
        self.assertEqual(tw['Account Manager'], '客戶經理')
        self.assertEqual(cn['Account Manager'], '客户经理')
        self.assertEqual(tw['Customer Profile Card'], '客戶資料卡')
        self.assertEqual(cn['Customer Profile Card'], '客户资料卡')
        self.assertEqual(tw['Consumption Cycle Table'], '消耗周期表')
        self.assertEqual(tw['Key Account'], '大客戶')
        self.assertEqual(tw['Prospect Claim'], '潛在客戶認購')
        self.assertEqual(tw['Supervisor'], '主管')
        for msgstr in cn.values():
            for traditional in ('戶', '經', '資', '維', '護', '認', '購'):
                self.assertNotIn(traditional, msgstr)
