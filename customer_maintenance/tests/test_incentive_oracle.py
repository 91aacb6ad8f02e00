# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL of the incentive statements (queries/incentive_statement.py) against its
pure-Python oracle (services/incentive.py) on generated, seeded histories: two companies in
two currencies (orders in a third one), customers kept, new, lost and dropped, a tier plan
beside the company-wide one, the company-wide plan changed mid-year, hand-overs (one or two)
in the middle of a month, contacts buying for their company, cancelled orders."""
import datetime
import random

from dateutil.relativedelta import relativedelta

from odoo import Command

from ..queries.incentive_statement import statement_rows
from ..services.incentive import statement_lines
from .common import CustomerMaintenanceCase

FIRST = datetime.date(2028, 6, 1)
MONTHS = [datetime.date(2030, month, 1) for month in range(3, 11)]
LOST_MONTHS = 3


class TestIncentiveOracle(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.kpi_lost_months', str(LOST_MONTHS))
        eur, usd = env.ref('base.EUR'), env.ref('base.USD')
        (eur | usd).write({'active': True})
        cls.company1 = env.company
        cls.company2 = env['res.company'].create({
            'name': 'Incentive Oracle Europe', 'currency_id': eur.id})
        env.user.write({'company_ids': [Command.link(cls.company2.id)]})
        foreign = (eur | usd | env.ref('base.CNY')) - cls.company1.currency_id
        foreign.write({'active': True})
        Rate = env['res.currency.rate']
        cls.pricelists = {}
        for company in (cls.company1, cls.company2):
            others = foreign - company.currency_id
            for currency in others:
                for month in range(30):
                    Rate.create({'currency_id': currency.id, 'company_id': company.id,
                                 'name': FIRST + relativedelta(months=month),
                                 'rate': 0.6 + 0.11 * (currency.id % 5) + month * 0.01})
            cls.pricelists[company] = [env['product.pricelist'].create({
                'name': 'Incentive %s %s' % (company.name, currency.name),
                'currency_id': currency.id, 'company_id': company.id,
            }) for currency in others[:1] | company.currency_id]
        group_user = env.ref('customer_maintenance.group_user')
        cls.manager_c = env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Account Manager C', 'login': 'cm_inc_oracle_c',
            'company_ids': [Command.set((cls.company1 | cls.company2).ids)],
            'groups_id': [Command.set([group_user.id])]})
        cls.managers = cls.manager_a | cls.manager_b | cls.manager_c
        cls.tier = env['customer.tier'].create({'name': 'Oracle Key', 'code': 'ORACLE_KEY'})
        # the demo's plan runs from two years ago: these tests bring their own
        env['customer.incentive.plan'].search([]).active = False
        Plan = env['customer.incentive.plan']
        common = {'new_customer_target': 1, 'new_customer_bonus': 500}
        cls.plans = Plan.create([
            dict(common, name='C1 first half', company_id=cls.company1.id,
                 date_from='2030-01-01', date_to='2030-06-30', existing_rate=2,
                 new_rate=6, new_months=6, lost_rate=50, drop_threshold=20, drop_rate=10),
            dict(common, name='C1 second half', company_id=cls.company1.id,
                 date_from='2030-07-01', existing_rate=3, new_rate=8, new_months=4,
                 lost_rate=40, drop_threshold=10, drop_rate=15),
            dict(common, name='C1 key accounts', company_id=cls.company1.id,
                 tier_id=cls.tier.id, date_from='2029-01-01', existing_rate=1.5, new_rate=5,
                 new_months=12, lost_rate=100, drop_threshold=0, drop_rate=20),
            dict(common, name='C2', company_id=cls.company2.id, date_from='2029-01-01',
                 existing_rate=2.5, new_rate=7, new_months=9, lost_rate=30,
                 drop_threshold=25, drop_rate=5),
        ])

    def _order(self, partner, day, price, company):
        order = self.env['sale.order'].with_company(company).create({
            'partner_id': partner.id, 'company_id': company.id,
            'pricelist_id': random.Random(day.toordinal()).choice(self.pricelists[company]).id,
            'order_line': [Command.create({
                'product_id': self.product.id, 'product_uom_qty': 1, 'price_unit': price,
                'tax_id': [Command.clear()]})]})
        order.action_confirm()
        order.write({'date_order': '%s 09:00:00' % day})
        return order

    def _history(self, seed):
        """Customers with bursts of orders (so that some drop and some lapse), some handed
        over once or twice in the evaluated months. Returns the customers and their
        hand-overs for the oracle."""
        rng = random.Random(seed)
        Partner = self.env['res.partner']
        customers = Partner
        managers = list(self.managers)
        span = (MONTHS[-1] + relativedelta(months=1) - FIRST).days
        for index in range(26):
            company = rng.choice([self.company1, self.company2, None])
            partner = Partner.create({
                'name': 'Incentive Oracle %d-%d' % (seed, index), 'is_company': True,
                'customer_rank': 1, 'user_id': rng.choice(managers).id,
                'company_id': company and company.id,
                'customer_tier_id': self.tier.id if rng.random() < 0.3 else False})
            customers |= partner
            buyers = [partner]
            if rng.random() < 0.3:
                buyers.append(Partner.create({'name': 'Buyer %s' % partner.name,
                                              'parent_id': partner.id}))
            start = rng.randint(0, span - 30)
            end = min(span, start + rng.randint(60, 900))
            for _burst in range(rng.randint(1, 7)):
                day = FIRST + datetime.timedelta(days=rng.randint(start, end - 1))
                order = self._order(rng.choice(buyers), day, round(rng.uniform(10, 3000), 2),
                                    company or rng.choice([self.company1, self.company2]))
                if rng.random() < 0.08:
                    order.action_cancel()
            if rng.random() < 0.4:
                self._hand_over(rng, partner, managers)
        return customers

    def _hand_over(self, rng, partner, managers):
        """One or two hand-overs ending with the partner's manager now."""
        chain = [m for m in managers if m != partner.user_id]
        rng.shuffle(chain)
        chain = chain[:rng.randint(1, 2)] + [partner.user_id]
        days = sorted(MONTHS[0] + datetime.timedelta(days=rng.randint(1, 230))
                      for _i in range(len(chain) - 1))
        for day, old, new in zip(days, chain, chain[1:]):
            self.env['customer.handover.log'].create({
                'partner_id': partner.id, 'date': day, 'from_user_id': old.id,
                'to_user_id': new.id})

    def _oracle_inputs(self, customers):
        orders = self.env['sale.order'].search([('partner_id', 'child_of', customers.ids),
                                                ('state', '=', 'sale')])
        rows = [(order.partner_id.commercial_partner_id.id, order.company_id.id,
                 order.date_order.date(),
                 order.currency_id._convert(order.amount_untaxed, order.company_id.currency_id,
                                            order.company_id, order.date_order.date(),
                                            round=False))
                for order in orders]
        partners = {c.id: (c.user_id.id, c.customer_tier_id.id or None) for c in customers}
        handovers = {}
        for log in self.env['customer.handover.log'].search(
                [('partner_id', 'in', customers.ids)]):
            handovers.setdefault(log.partner_id.id, []).append(
                (log.date, log.id, log.from_user_id.id))
        plans = [{'id': p.id, 'company': p.company_id.id, 'tier': p.tier_id.id or None,
                  'date_from': p.date_from, 'date_to': p.date_to or None,
                  **{name: p[name] for name in ('existing_rate', 'new_rate', 'new_months',
                                                'lost_rate', 'drop_threshold', 'drop_rate')}}
                 for p in self.plans]
        return rows, partners, handovers, plans

    def _sql(self, month, customers):
        self.env.flush_all()
        self.env.cr.execute(statement_rows(month, LOST_MONTHS))
        lines, won = {}, {}
        for kind, user, company, partner, *figures in self.env.cr.fetchall():
            if kind == 'won' and user in self.managers.ids:
                won[user, company] = partner
            elif kind == 'line' and partner in customers.ids:
                rule, plan, *amounts = figures
                lines[user, company, partner] = (rule, plan) + tuple(map(float, amounts))
        return lines, won

    def _assert_same(self, got, expected, month):
        self.assertEqual(sorted(got), sorted(expected), month)
        for key, (rule, plan, *amounts) in expected.items():
            with self.subTest(month=month, key=key):
                self.assertEqual(got[key][:2], (rule, plan))
                for value, wanted in zip(got[key][2:], amounts):
                    self.assertAlmostEqual(value, wanted, delta=0.011)

    def test_statement_equals_oracle(self):
        rules = set()
        handed_over = 0
        customers = self.env['res.partner']
        for seed in (24, 2027):
            with self.subTest(seed=seed):
                # the customers of the seeds before stay: the managers' wins count them too
                customers |= self._history(seed)
                inputs = self._oracle_inputs(customers)
                for month in MONTHS:
                    expected, expected_won = statement_lines(*inputs, month, LOST_MONTHS)
                    expected_won = {key: count for key, count in expected_won.items()
                                    if key[0] in self.managers.ids}
                    got, got_won = self._sql(month, customers)
                    self._assert_same(got, expected, month)
                    self.assertEqual(got_won, expected_won, month)
                    rules |= {value[0] for value in expected.values()}
                    by_customer = {}
                    for user, _company, partner in expected:
                        by_customer.setdefault(partner, set()).add(user)
                    handed_over += sum(len(users) > 1 for users in by_customer.values())
        # the histories exercise every rule and split months between two managers
        self.assertEqual(rules, {'kept', 'new', 'lost', 'dropped'})
        self.assertGreater(handed_over, 0)
