# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Issue 25 §2: the customer health score. The nightly SQL (queries/customer_health.py)
against its pure-Python oracle (services/health.py) on generated, seeded histories (cycles
due, overdue, lapsed and anomalous; orders of both half-years; the policy's contacts made,
missed and cancelled; invoices open, overdue and paid), with the default weights and others;
the monthly history; the supervisor's override; the weights' settings."""
import datetime
import random

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from ..services import health
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2026, 9, 15)
D = datetime.timedelta


class TestCustomerHealth(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.products = cls.env['product.product'].create([
            {'name': 'Health product %d' % i, 'type': 'consu'} for i in range(4)])
        # what the generated orders sell: its cycle, learned at each confirmation, is one
        # more cycle of the customer (both the SQL and the oracle read it)
        cls.order_product = cls.env['product.product'].create({'name': 'Health order product',
                                                               'type': 'consu'})

    # ---------------------------------------------------------------- generated histories
    def _order(self, partner, day, amount):
        order = self.env['sale.order'].create({
            'partner_id': partner.id,
            'order_line': [Command.create({'product_id': self.order_product.id,
                                           'product_uom_qty': 1, 'price_unit': amount,
                                           'tax_id': [Command.clear()]})]})
        order.action_confirm()
        order.write({'date_order': '%s 09:00:00' % day})

    def _invoice(self, partner, due, amount, paid=False):
        move = self.env['account.move'].create({
            'move_type': 'out_invoice', 'partner_id': partner.id,
            'invoice_date': due - D(days=30), 'invoice_date_due': due,
            'invoice_line_ids': [Command.create({'name': 'Oil', 'quantity': 1,
                                                 'price_unit': amount,
                                                 'tax_ids': [Command.clear()]})]})
        move.action_post()
        if paid:
            self.env['account.payment.register'].with_context(
                active_model='account.move', active_ids=move.ids).create({})._create_payments()

    def _customer(self, rng, name):
        partner = self.Partner.create({'name': name, 'is_company': True, 'customer_rank': 1,
                                       'user_id': self.manager_a.id})
        for product in rng.sample(list(self.products), rng.randint(0, 4)):
            due = TODAY + D(days=rng.randint(-90, 30))
            lapse = due + D(days=rng.randint(-5, 60)) if rng.random() < 0.9 else False
            self.env['customer.consumption.cycle'].create({
                'partner_id': partner.id, 'product_id': product.id,
                'next_due_date': due, 'lapse_date': lapse, 'avg_interval_days': 30.0,
                'anomaly': rng.choice(['none', 'none', 'rising', 'falling'])})
        for _order in range(rng.randint(0, 6)):
            self._order(partner, TODAY - D(days=rng.randint(0, 420)),
                        round(rng.uniform(50, 5000), 2))
        for item in rng.sample(['call', 'care_call', 'visit', 'festival'], rng.randint(0, 4)):
            state = rng.choice(['planned', 'done', 'done', 'cancelled'])
            self.env['customer.relationship.event'].create({
                'name': 'Health %s' % item, 'partner_id': partner.id, 'plan_item': item,
                'channel': 'visit' if item == 'visit' else 'call', 'state': state,
                'date': TODAY - D(days=rng.randint(-10, 120))})
        for _invoice in range(rng.randint(0, 3)):
            self._invoice(partner, TODAY + D(days=rng.randint(-60, 30)),
                          round(rng.uniform(100, 3000), 2), paid=rng.random() < 0.3)
        return partner

    def _figures(self, partner):
        """The oracle's figures of `partner`, read with the ORM (not with the SQL)."""
        cycles = self.env['customer.consumption.cycle'].search(
            [('partner_id', '=', partner.id), ('next_due_date', '!=', False)])
        lapsed = cycles.filtered(lambda c: c.lapse_date and c.lapse_date <= TODAY)
        overdue = cycles.filtered(lambda c: c.next_due_date < TODAY) - lapsed
        orders = self.env['sale.order'].search([
            ('partner_id', 'child_of', partner.id), ('state', '=', 'sale'),
            ('date_order', '>=', TODAY - relativedelta(months=12)),
            ('date_order', '<', TODAY + D(days=1))])
        middle = datetime.datetime.combine(TODAY - relativedelta(months=6), datetime.time())
        amount = {True: 0.0, False: 0.0}
        for order in orders:
            amount[order.date_order >= middle] += order.amount_untaxed / (order.currency_rate
                                                                          or 1.0)
        events = self.env['customer.relationship.event'].search([
            ('partner_id', 'child_of', partner.id), ('plan_item', '!=', False),
            ('state', '!=', 'cancelled'), ('date', '>=', TODAY - D(days=health.CONTACT_DAYS)),
            ('date', '<', TODAY)])
        invoices = self.env['account.move'].search([
            ('commercial_partner_id', '=', partner.id), ('move_type', '=', 'out_invoice'),
            ('state', '=', 'posted'), ('amount_residual_signed', '>', 0)])
        return {
            'cycles': len(cycles), 'lapsed': len(lapsed), 'overdue': len(overdue),
            'anomalies': len(cycles.filtered(lambda c: c.anomaly != 'none')),
            'recent': amount[True], 'before': amount[False],
            'contacts': len(events), 'missed': len(events.filtered(lambda e: e.state == 'planned')),
            'residual': sum(invoices.mapped('amount_residual_signed')),
            'overdue_residual': sum(invoices.filtered(
                lambda m: m.invoice_date_due < TODAY).mapped('amount_residual_signed')),
        }

    def _score(self, day=TODAY):
        return self.Partner.cron_score_customer_health(today=day)

    def _compare(self, seed, weights):
        self.env['res.config.settings'].create({
            'cm_health_weight_' + factor: weight for factor, weight in weights.items()
        }).execute()
        rng = random.Random(seed)
        partners = [self._customer(rng, 'Health %d-%d' % (seed, i)) for i in range(24)]
        self._score()
        labels = set()
        for partner in partners:
            expected, label, lost = health.score(self._figures(partner), weights)
            labels.add(label)
            with self.subTest(seed=seed, partner=partner.name):
                self.assertEqual((partner.health_score, partner.health_label),
                                 (expected, label))
                for factor in health.FACTORS:
                    self.assertAlmostEqual(partner['health_lost_' + factor], lost[factor],
                                           places=6)
                self.assertEqual(partner.health_date, TODAY)
        self.assertEqual(labels, {'healthy', 'watch', 'at_risk'})

    def test_sql_equals_oracle_default_weights(self):
        self._compare(3, health.DEFAULT_WEIGHTS)

    def test_sql_equals_oracle_other_weights(self):
        self._compare(17, {'recency': 50, 'trend': 0, 'contacts': 20, 'receivables': 20,
                           'anomalies': 10})

    # ---------------------------------------------------------------- the formula, by hand
    def test_breakdown_of_one_customer(self):
        partner = self.Partner.create({'name': 'Health by hand', 'is_company': True,
                                       'customer_rank': 1, 'user_id': self.manager_a.id})
        Cycle = self.env['customer.consumption.cycle']
        for index, (due, lapse, anomaly) in enumerate([
                (TODAY - D(days=40), TODAY - D(days=1), 'none'),       # lapsed
                (TODAY - D(days=3), TODAY + D(days=50), 'falling'),    # overdue
                (TODAY + D(days=9), TODAY + D(days=70), 'none'),       # due later
                (TODAY + D(days=20), TODAY + D(days=80), 'none')]):
            Cycle.create({'partner_id': partner.id, 'product_id': self.products[index].id,
                          'next_due_date': due, 'lapse_date': lapse, 'anomaly': anomaly})
        self._order(partner, TODAY - relativedelta(months=9), 1000.0)
        self._order(partner, TODAY - relativedelta(months=2), 400.0)
        self._invoice(partner, TODAY - D(days=5), 300.0)
        self._invoice(partner, TODAY + D(days=25), 100.0)
        Cycle.search([('product_id', '=', self.order_product.id)]).unlink()
        self._score()
        # recency 35 x 1.5/4, trend 25 x 0.6, contacts 0, receivables 15 x 0.75, anomalies
        # 10 x 1/4: 13.125 + 15 + 11.25 + 2.5 = 41.875 lost
        self.assertAlmostEqual(partner.health_lost_recency, 13.125)
        self.assertAlmostEqual(partner.health_lost_trend, 15.0)
        self.assertAlmostEqual(partner.health_lost_contacts, 0.0)
        self.assertAlmostEqual(partner.health_lost_receivables, 11.25)
        self.assertAlmostEqual(partner.health_lost_anomalies, 2.5)
        self.assertEqual((partner.health_score, partner.health_label), (58, 'watch'))
        # twice changes nothing; the month's row is kept, the next month gets its own
        self.assertEqual(self._score(), {'updated': 0, 'history': 0})
        History = self.env['customer.health.history']
        rows = History.search([('partner_id', '=', partner.id)])
        self.assertEqual((rows.month, rows.score, rows.label),
                         (TODAY.replace(day=1), 58, 'watch'))
        self._score(TODAY + relativedelta(months=1))
        rows = History.search([('partner_id', '=', partner.id)])
        self.assertEqual(rows.mapped('month'), [TODAY.replace(day=1) + relativedelta(months=1),
                                                TODAY.replace(day=1)])
        # a month later every cycle is overdue and both invoices are: 35 x 2.5/4 + 15 + 15
        # + 2.5 = 54.375 lost
        self.assertEqual((rows[0].score, rows[0].label), (46, 'at_risk'))
        # the account manager sees his customer's history, B does not
        self.assertEqual(History.with_user(self.manager_a).search(
            [('partner_id', '=', partner.id)]), rows)
        self.assertFalse(History.with_user(self.manager_b).search(
            [('partner_id', '=', partner.id)]))

    # ---------------------------------------------------------------- override, settings
    def test_supervisor_override_until_it_expires(self):
        partner = self.customer_a
        self._order(partner, TODAY - relativedelta(months=8), 1000.0)
        self._invoice(partner, TODAY - D(days=10), 200.0)
        self.env['customer.consumption.cycle'].create({
            'partner_id': partner.id, 'product_id': self.products[1].id,
            'next_due_date': TODAY - D(days=70), 'lapse_date': TODAY - D(days=10)})
        self._score()
        # no sales in the last 6 months (25), its invoice overdue (15), its cycle lapsed (35)
        self.assertEqual((partner.health_score, partner.health_label), (25, 'at_risk'))
        with self.assertRaises(AccessError):
            partner.with_user(self.manager_a).write({
                'health_override_label': 'healthy', 'health_override_reason': 'Moved plant',
                'health_override_until': TODAY + D(days=30)})
        with self.assertRaises(ValidationError):
            partner.with_user(self.supervisor).write({'health_override_label': 'healthy'})
        partner.with_user(self.supervisor).write({
            'health_override_label': 'healthy',
            'health_override_reason': 'Orders through its new parent company until October',
            'health_override_until': TODAY + D(days=30)})
        at = partner.with_context(cm_today=TODAY)
        self.assertEqual(at.health_status, 'healthy')
        self.assertIn(partner, self.Partner.with_context(cm_today=TODAY).search(
            [('health_status', '=', 'healthy')]))
        later = partner.with_context(cm_today=TODAY + D(days=31))
        self.assertEqual(later.health_status, 'at_risk')
        self.assertIn(partner, self.Partner.with_context(cm_today=TODAY + D(days=31)).search(
            [('health_status', 'in', ['at_risk'])]))
        self.assertNotIn(partner, self.Partner.with_context(cm_today=TODAY).search(
            [('health_status', '=', 'at_risk')]))
        # the score stays the score
        self.assertEqual(partner.health_label, 'at_risk')

    def test_weights_in_settings(self):
        settings = self.env['res.config.settings'].create({
            'cm_health_weight_recency': 60, 'cm_health_weight_trend': 0,
            'cm_health_weight_contacts': 20, 'cm_health_weight_receivables': 10,
            'cm_health_weight_anomalies': 10})
        settings.execute()
        self.assertEqual(self.env['res.config.settings']._cm_health_weights(),
                         {'recency': 60, 'trend': 0, 'contacts': 20, 'receivables': 10,
                          'anomalies': 10})
        self.assertEqual(self.env['res.config.settings'].create({}).cm_health_weight_trend, 0)
        with self.assertRaises(ValidationError):
            self.env['res.config.settings'].create({'cm_health_weight_recency': 61})
        # a weight stored by a script as text: read as its default (25), the five then add
        # up to 125: the night goes on with the default weights, and says so
        self.env['ir.config_parameter'].set_param(
            'customer_maintenance.health_weight_trend', 'many')
        with self.assertLogs('odoo.addons.customer_maintenance', level='WARNING') as logs:
            self.assertEqual(self.env['res.config.settings']._cm_health_weights(),
                             health.DEFAULT_WEIGHTS)
            self._score()
        self.assertTrue(any('do not add up to 100' in line for line in logs.output), logs.output)
        cron = self.env.ref('customer_maintenance.ir_cron_score_customer_health')
        self.assertEqual(cron.code.strip(), 'model.cron_score_customer_health(automatic=True)')

    def test_graph_views(self):
        """A picture where a list was the only one: the cycles, the forecast, the health."""
        cases = [('customer_consumption_cycle_action', 'customer.consumption.cycle'),
                 ('customer_consumption_forecast_action', 'customer.consumption.forecast'),
                 ('customer_health_history_action', 'customer.health.history')]
        for xmlid, model in cases:
            with self.subTest(model=model):
                action = self.env['ir.actions.act_window']._for_xml_id(
                    'customer_maintenance.' + xmlid)
                self.assertIn('graph', action['view_mode'].split(','))
                views = self.env[model].with_user(self.supervisor).get_views(
                    [(False, 'graph')])
                self.assertIn('<graph', views['views']['graph']['arch'])
        partner = self.customer_a
        self._order(partner, TODAY - relativedelta(months=8), 1000.0)
        self._score()
        self._score(TODAY + relativedelta(months=1))
        # the line of the graph: the average score per month
        groups = self.env['customer.health.history'].with_user(self.supervisor)._read_group(
            [('partner_id', '=', partner.id)], ['month:month'], ['score:avg'])
        self.assertEqual(len(groups), 2)
        self.assertEqual([score for _month, score in groups], [partner.health_score] * 2)
