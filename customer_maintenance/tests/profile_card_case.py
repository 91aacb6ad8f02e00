# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Rendering the customer profile card in tests: its values, its HTML and the text of its
HTML or PDF as a reader sees it (tags dropped, entities and non-breaking spaces folded)."""
import html as html_lib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata

from .common import CustomerMaintenanceCase

REPORT = 'customer_maintenance.report_profile_card'
CARD_DAY = '2026-10-01'


class ProfileCardCase(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ('en_US', 'zh_TW'):
            cls.env['res.lang']._activate_lang(lang)

    def _values(self, partners, user=None, lang='en_US'):
        Report = self.env['report.' + REPORT].with_context(cm_today=CARD_DAY, lang=lang)
        if user:
            Report = Report.with_user(user)
        return Report._get_report_values(partners.ids)

    def _html(self, partners, user=None, lang='en_US'):
        # the card is one request: computed texts (a key account's warning) are in its
        # language, not the one of a card rendered before in this transaction
        self.env.invalidate_all()
        Report = self.env['ir.actions.report'].with_context(cm_today=CARD_DAY, lang=lang)
        if user:
            Report = Report.with_user(user)
        return Report._render_qweb_html(REPORT, partners.ids)[0].decode()

    @staticmethod
    def _text(markup):
        """What a reader reads: no tags, entities decoded, NFKC (pdftotext prints some CJK
        glyphs as Kangxi radicals, and the non-breaking space of amounts as a space), one
        space between words."""
        return ProfileCardCase._norm(html_lib.unescape(re.sub(r'<[^>]+>', ' ', markup)))

    @staticmethod
    def _norm(text):
        """`text` in NFKC with one space between words (expected texts are compared in the
        same form: "（天）" reads as "(天)")."""
        return re.sub(r'\s+', ' ', unicodedata.normalize('NFKC', text)).strip()

    def _pdf_text(self, partners, lang='en_US'):
        """The text of the real PDF (wkhtmltopdf, pdftotext), normalised like `_text`."""
        text, _pages = pdf_text(self, partners, cm_today=CARD_DAY, lang=lang)
        return self._norm(text)


def pdf_text(case, partners, cm_today, lang='en_US'):
    """(text, number of pages) of the real profile-card PDF of `partners`, printed with
    wkhtmltopdf and read back with pdftotext/pdfinfo, in the test `case`."""
    case.assertTrue(shutil.which('pdftotext'), 'pdftotext (poppler-utils) is needed')
    case.assertTrue(shutil.which('wkhtmltopdf'), 'the patched wkhtmltopdf is needed')
    # no Odoo HTTP server runs under the tests: let wkhtmltopdf fail fast on the stylesheets
    case.env['ir.config_parameter'].sudo().set_param('report.url', 'http://127.0.0.1:9')
    pdf, fmt = case.env['ir.actions.report'].with_context(
        cm_today=cm_today, lang=lang, force_report_rendering=True)._render_qweb_pdf(
            REPORT, partners.ids)
    case.assertEqual(fmt, 'pdf')
    case.assertTrue(pdf.startswith(b'%PDF'))
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, 'cards.pdf')
        with open(path, 'wb') as f:
            f.write(pdf)
        text = subprocess.check_output(['pdftotext', '-enc', 'UTF-8', path, '-']).decode()
        pages = int(re.search(r'Pages:\s+(\d+)', subprocess.check_output(
            ['pdfinfo', path]).decode()).group(1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return text, pages
