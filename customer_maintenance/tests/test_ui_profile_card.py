# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The profile card's PDF laid out as users get it: with the stylesheets, which wkhtmltopdf
fetches from an Odoo HTTP server. Run by `make test-ui` (an HttpCase: see tests/test_ui.py);
test_management_profile_card.test_real_pdf checks the content without a server."""
import os
import re
import shutil
import subprocess
import tempfile
from html import unescape

from odoo.tests import HttpCase, tagged

REPORT = 'customer_maintenance.report_profile_card'
# one word of pdftotext -bbox: <word xMin="" yMin="" xMax="" yMax="">text</word>
WORD = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', re.S)


@tagged('post_install', '-at_install', 'customer_maintenance_ui')
class TestUiProfileCardLayout(HttpCase):

    def _pdf_pages(self, partners):
        """The words of each page of the partners' cards: [[(text, top, bottom)]] in points."""
        # the stylesheets from this test's server (web.base.url is not where it listens)
        self.env['ir.config_parameter'].sudo().set_param('report.url', self.base_url())
        pdf, _fmt = self.env['ir.actions.report'].with_context(
            lang='en_US', force_report_rendering=True)._render_qweb_pdf(REPORT, partners.ids)
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, 'cards.pdf')
            with open(path, 'wb') as f:
                f.write(pdf)
            html = subprocess.check_output(
                ['pdftotext', '-bbox', '-enc', 'UTF-8', path, '-']).decode()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return [[(unescape(text), float(top), float(bottom))
                 for top, bottom, text in WORD.findall(page)] for page in PAGE.findall(html)]

    def test_company_header_above_the_card(self):
        self.assertTrue(shutil.which('pdftotext'), 'pdftotext (poppler-utils) is needed')
        self.assertTrue(shutil.which('wkhtmltopdf'), 'the patched wkhtmltopdf is needed')
        # words found nowhere else on the card
        self.env.company.write({'name': 'Hdrcompany', 'street': 'Hdrstreet 8'})
        partners = self.env['res.partner'].create([
            {'name': 'Cardtitleone Ltd', 'is_company': True, 'customer_rank': 1},
            {'name': 'Cardtitletwo Ltd', 'is_company': True, 'customer_rank': 1}])
        pages = self._pdf_pages(partners)
        self.assertEqual(len(pages), 2, 'one page per card')
        for page, title in zip(pages, ('Cardtitleone', 'Cardtitletwo')):
            with self.subTest(card=title):
                header = [(top, bottom) for text, top, bottom in page
                          if text in ('Hdrcompany', 'Hdrstreet')]
                self.assertEqual(len(header), 2, 'the company name and street in the header')
                title_top = min(top for text, top, _bottom in page if text == title)
                # on the page, and ended before the card's title starts (not printed over it)
                self.assertGreaterEqual(min(top for top, _bottom in header), 0)
                self.assertLess(max(bottom for _top, bottom in header), title_top)
