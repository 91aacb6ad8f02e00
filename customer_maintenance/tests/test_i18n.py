# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""zh_TW and zh_CN are part of done: every term of the module (fields, selections, views,
data, Python messages) has a translation in both shipped .po files, and the languages loaded
by `make test` show them in the ORM."""
import os

import polib

from odoo.tools.translate import TranslationModuleReader

from .common import CustomerMaintenanceCase

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n')


class TestTranslations(CustomerMaintenanceCase):

    def test_every_term_translated(self):
        terms = {source for _module, _type, _name, _res_id, source, _value, _comments
                 in TranslationModuleReader(self.env.cr, ['customer_maintenance'])
                 if source and source.strip()}
        self.assertGreater(len(terms), 50)
        for lang in ('zh_TW', 'zh_CN'):
            with self.subTest(lang=lang):
                translated = {entry.msgid for entry in polib.pofile(os.path.join(I18N, lang + '.po'))
                              if entry.msgstr and 'fuzzy' not in entry.flags}
                missing = sorted(terms - translated)
                self.assertFalse(missing, '%s: %d terms without translation (run make i18n), '
                                          'e.g. %s' % (lang, len(missing), missing[:5]))

    def test_loaded_in_the_orm(self):
        installed = set(self.env['res.lang'].search([]).mapped('code'))
        self.assertTrue({'zh_TW', 'zh_CN'} <= installed, installed)
        key = self.env.ref('customer_maintenance.customer_tier_key')
        menu = self.env.ref('customer_maintenance.menu_root')
        cases = [
            ('zh_TW', key, 'name', '大客戶'),
            ('zh_CN', key, 'name', '大客户'),
            ('zh_TW', menu, 'name', '客戶維護'),
            ('zh_CN', menu, 'name', '客户维护'),
        ]
        for lang, record, field, expected in cases:
            with self.subTest(lang=lang, record=record, field=field):
                self.assertEqual(record.with_context(lang=lang)[field], expected)
        field = self.env['ir.model.fields']._get('res.partner', 'customer_tier_id')
        self.assertEqual(field.with_context(lang='zh_TW').field_description, '客戶分級')
        self.assertEqual(field.with_context(lang='zh_CN').field_description, '客户分级')
