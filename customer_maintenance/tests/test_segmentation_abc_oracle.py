# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL of the nightly ABC classification (queries/abc_classification.py) against its
pure-Python oracle (services/abc.py) on generated, seeded histories: several companies, order
currencies with their own rates, contacts buying for their company, customers shared by the
companies, zero and negative sales, orders outside the period and quotations."""
import datetime
import random

from dateutil.relativedelta import relativedelta

from odoo import Command

from ..services.abc import classify_companies
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 12, 31)
PERIOD_MONTHS = 12


class TestSegmentationAbcOracle(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company1 = env.company
        eur = env.ref('base.EUR')
        cny = env.ref('base.CNY')
        (eur | cny).write({'active': True})
        cls.company2 = env['res.company'].create({
            'name': 'Oracle Lubricants Europe', 'currency_id': eur.id})
        env.user.write({'company_ids': [Command.link(cls.company2.id)]})
        currencies = (eur | cny | env.ref('base.USD')) - cls.company1.currency_id
        # rates that change over the period, per company: the order keeps the rate of its day
        Rate = env['res.currency.rate']
        for company in (cls.company1, cls.company2):
            for currency in currencies | cls.company1.currency_id:
                if currency == company.currency_id:
                    continue
                for month in range(0, 24):
                    Rate.create({
                        'currency_id': currency.id, 'company_id': company.id,
                        'name': TODAY - relativedelta(months=month, day=1),
                        'rate': 0.5 + 0.37 * currency.id % 7 + month * 0.013})
        cls.pricelists = {}
        for company in (cls.company1, cls.company2):
            cls.pricelists[company] = [env['product.pricelist'].create({
                'name': 'Oracle %s %s' % (company.name, currency.name),
                'currency_id': currency.id, 'company_id': company.id,
            }) for currency in (currencies | company.currency_id)]

    def _history(self, seed):
        """Generate partners and orders; returns the commercial partners created."""
        rng = random.Random(seed)
        Partner = self.env['res.partner']
        partners = Partner
        date_from = TODAY - relativedelta(months=PERIOD_MONTHS)
        for index in range(24):
            kind = rng.choice(['company1', 'company2', 'shared', 'shared'])
            company = {'company1': self.company1, 'company2': self.company2}.get(kind)
            partner = Partner.create({
                'name': 'Oracle %d-%d' % (seed, index), 'is_company': True,
                'company_id': company.id if company else False})
            partners |= partner
            buyers = [partner]
            if rng.random() < 0.4:
                buyers.append(Partner.create({'name': 'Buyer of %s' % partner.name,
                                              'parent_id': partner.id}))
            for _order in range(rng.randint(0, 4)):
                order_company = company or rng.choice([self.company1, self.company2])
                day = date_from + datetime.timedelta(days=rng.randint(-40, 400))
                price = round(rng.uniform(1.0, 5000.0), 2)
                if rng.random() < 0.05:
                    price = 0.0
                elif rng.random() < 0.05:
                    price = -price
                lines = [(self.product, rng.randint(1, 20), price)]
                order = self._order(rng.choice(buyers), day, lines, order_company,
                                    rng.choice(self.pricelists[order_company]))
                if rng.random() < 0.1:
                    order.action_cancel()
        return partners

    def _order(self, partner, day, lines, company, pricelist):
        order = self.env['sale.order'].with_company(company).create({
            'partner_id': partner.id, 'company_id': company.id, 'pricelist_id': pricelist.id,
            'order_line': [Command.create({
                'product_id': product.id, 'product_uom_qty': qty, 'price_unit': price,
                'tax_id': [Command.clear()]}) for product, qty, price in lines]})
        order.action_confirm()
        order.write({'date_order': '%s 09:00:00' % day})
        return order

    def _oracle_rows(self, partners):
        """(company_key, commercial partner, amount in company currency) computed with the ORM
        and res.currency's own conversion, not with the SQL."""
        date_from = TODAY - relativedelta(months=PERIOD_MONTHS)
        orders = self.env['sale.order'].search([
            ('partner_id', 'child_of', partners.ids), ('state', '=', 'sale'),
            ('date_order', '>=', date_from), ('date_order', '<', TODAY + datetime.timedelta(1))])
        sums = {}
        for order in orders:
            commercial = order.partner_id.commercial_partner_id
            if commercial.company_id and commercial.company_id != order.company_id:
                continue
            key = ((commercial.company_id or order.company_id).id, commercial.id)
            amount = order.currency_id._convert(
                order.amount_untaxed, order.company_id.currency_id, order.company_id,
                order.date_order.date(), round=False)
            sums[key] = sums.get(key, 0.0) + amount
        return [(company_id, partner_id, amount) for (company_id, partner_id), amount
                in sums.items()]

    def _compare(self, seed, threshold_a, threshold_b):
        params = self.env['ir.config_parameter'].sudo()
        params.set_param('customer_maintenance.abc_threshold_a', str(threshold_a))
        params.set_param('customer_maintenance.abc_threshold_b', str(threshold_b))
        params.set_param('customer_maintenance.abc_period_months', str(PERIOD_MONTHS))
        partners = self._history(seed)
        self.env['res.partner'].cron_classify_customers(today=TODAY)
        expected = classify_companies(self._oracle_rows(partners), threshold_a, threshold_b)
        self.assertGreater(len(expected), 10, 'the generated history has sales')
        self.assertGreater(len({company for company, _res in expected.values()}), 1)
        self.assertEqual({res.abc_class for _company, res in expected.values()} >= {'A', 'B', 'C'},
                         True, expected)
        for partner in partners:
            with self.subTest(seed=seed, partner=partner.name):
                if partner.id not in expected:
                    self.assertFalse(partner.abc_class)
                    continue
                _company, res = expected[partner.id]
                self.assertEqual((partner.abc_class, partner.abc_rank), (res.abc_class, res.rank))
                self.assertAlmostEqual(partner.abc_sales_amount, res.amount, delta=0.006)
                self.assertAlmostEqual(partner.abc_share, res.share, delta=0.006)
                self.assertEqual(partner.is_key_account, res.abc_class == 'A')
                for contact in partner.child_ids:
                    self.assertEqual(contact.abc_class, res.abc_class)

    def test_sql_equals_oracle_default_thresholds(self):
        self._compare(seed=11, threshold_a=80.0, threshold_b=95.0)

    def test_sql_equals_oracle_other_thresholds(self):
        self._compare(seed=23, threshold_a=65.0, threshold_b=90.0)

    def test_currency_rate_of_the_order_is_used(self):
        """An order in another currency counts at its own rate (sale_order.currency_rate)."""
        partner = self.env['res.partner'].create({'name': 'Oracle FX', 'is_company': True})
        foreign = next(p for p in self.pricelists[self.company1]
                       if p.currency_id != self.company1.currency_id)
        order = self._order(partner, TODAY - datetime.timedelta(days=10),
                            [(self.product, 1, 1000.0)], self.company1, foreign)
        self.assertNotEqual(order.currency_rate, 1.0)
        self.env['res.partner'].cron_classify_customers(today=TODAY)
        self.assertAlmostEqual(partner.abc_sales_amount, 1000.0 / order.currency_rate, delta=0.006)
