# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Issue 25 §3: win-back. A customer whose health turns at risk gets one win-back call for
its account manager, planned in the day's capacity; a key account at risk tells its
executive sponsor; the weekly digest lists it; the customers to win back are one list that
opens on what its reader works on."""
import ast
import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command

from .common import CustomerMaintenanceCase

TODAY = datetime.date(2026, 9, 15)   # a Tuesday
D = datetime.timedelta


class TestWinBack(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        cls.sponsor = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Sponsor', 'login': 'cm_win_back_sponsor', 'email': 'sponsor@example.com',
            'groups_id': [Command.set(cls.env.ref('customer_maintenance.group_user').ids)]})
        cls.env['ir.config_parameter'].set_param('customer_maintenance.calls_per_day', '1')
        # A's day is full today: one call already planned
        cls.Event.create({'name': 'Call already planned', 'partner_id': cls.customer_b.id,
                          'user_id': cls.manager_a.id, 'channel': 'call', 'date': TODAY})

    def _at_risk(self, partner):
        """No order in the last 6 months, an invoice overdue, a cycle lapsed: 75 points."""
        order = self.env['sale.order'].create({
            'partner_id': partner.id,
            'order_line': [Command.create({'product_id': self.product.id, 'product_uom_qty': 1,
                                           'price_unit': 500.0, 'tax_id': [Command.clear()]})]})
        order.action_confirm()
        order.write({'date_order': TODAY - relativedelta(months=8)})
        move = self.env['account.move'].create({
            'move_type': 'out_invoice', 'partner_id': partner.id,
            'invoice_date': TODAY - D(days=40), 'invoice_date_due': TODAY - D(days=10),
            'invoice_line_ids': [Command.create({'name': 'Oil', 'quantity': 1,
                                                 'price_unit': 200.0,
                                                 'tax_ids': [Command.clear()]})]})
        move.action_post()
        product = self.env['product.product'].create({'name': 'Win-back oil %s' % partner.id})
        self.env['customer.consumption.cycle'].create({
            'partner_id': partner.id, 'product_id': product.id,
            'next_due_date': TODAY - D(days=70), 'lapse_date': TODAY - D(days=10)})

    def _score(self, day=TODAY):
        return self.env['res.partner'].cron_score_customer_health(today=day)

    def _win_backs(self, partner):
        return self.Event.search([('partner_id', '=', partner.id),
                                  ('plan_item', '=', 'win_back')])

    def test_win_back_call_in_the_days_capacity(self):
        self._at_risk(self.customer_a)
        self._score()
        self.assertEqual((self.customer_a.health_label, self.customer_a.health_at_risk_date),
                         ('at_risk', TODAY))
        call = self._win_backs(self.customer_a)
        self.assertEqual(len(call), 1)
        self.assertEqual((call.user_id, call.channel, call.state, call.kind),
                         (self.manager_a, 'call', 'planned', 'periodic'))
        self.assertEqual(call.name, 'Win-back call: Customer of A')
        # A's capacity of one call a day is taken today: the next working day
        self.assertEqual(call.date, TODAY + D(days=1))
        self.assertEqual(call.activity_ids.user_id, self.manager_a)
        # the nights after: no second call while at risk, even once this one is done
        self._score(TODAY + D(days=1))
        self.assertEqual(self._win_backs(self.customer_a), call)
        call._mark_done('Visited: a competitor is cheaper, we will send an offer.')
        self._score(TODAY + D(days=2))
        self.assertEqual(self._win_backs(self.customer_a), call)
        self.assertEqual(self.customer_a.health_at_risk_date, TODAY)
        # not a key account: nobody else is told
        self.assertFalse(self.env['mail.message'].search(
            [('model', '=', 'res.partner'), ('res_id', '=', self.customer_a.id),
             ('partner_ids', '!=', False)]))

    def test_key_account_tells_its_sponsor(self):
        self.env['res.lang']._activate_lang('zh_TW')
        self.sponsor.lang = 'zh_TW'
        self.customer_b.write({'is_key_account': True, 'executive_sponsor_id': self.sponsor.id})
        self._at_risk(self.customer_b)
        self._score()
        self.assertEqual(len(self._win_backs(self.customer_b)), 1)
        message = self.env['mail.message'].search(
            [('model', '=', 'res.partner'), ('res_id', '=', self.customer_b.id),
             ('partner_ids', 'in', self.sponsor.partner_id.ids)])
        self.assertEqual(len(message), 1)
        self.assertIn('Customer of B', message.body)
        self.assertIn('25/100', message.body)
        self.assertNotIn('key account', message.body)   # in the sponsor's language
        self._score(TODAY + D(days=1))
        self.assertEqual(self.env['mail.message'].search_count(
            [('model', '=', 'res.partner'), ('res_id', '=', self.customer_b.id),
             ('partner_ids', 'in', self.sponsor.partner_id.ids)]), 1)

    def test_override_and_turn_again(self):
        self._at_risk(self.customer_a)
        self.customer_a.with_user(self.supervisor).write({
            'health_override_label': 'watch', 'health_override_reason': 'New buyer, on trial',
            'health_override_until': TODAY + D(days=10)})
        self._score()
        self.assertFalse(self._win_backs(self.customer_a))
        # the override expired: the call comes
        self._score(TODAY + D(days=11))
        self.assertEqual(len(self._win_backs(self.customer_a)), 1)

    def test_digest_and_one_list_for_each_reader(self):
        self._at_risk(self.customer_a)
        self._at_risk(self.customer_b)
        self._score()
        Digest = self.env['customer.review.digest']
        start, end = TODAY - D(days=TODAY.weekday()), TODAY - D(days=TODAY.weekday() - 7)
        block = Digest._digest_manager_block(self.manager_a, start, end,
                                             Digest._digest_context(start, end))
        section = next(s for s in block['sections'] if 'turned at risk' in s['title'])
        self.assertEqual([item['name'] for item in section['items']], ['Customer of A (25/100)'])
        # the list: the account manager opens it on his customers, the supervisor on all
        action = self.env['ir.actions.act_window']._for_xml_id(
            'customer_maintenance.res_partner_action_win_back')
        menu = self.env.ref('customer_maintenance.customer_consumption_cycle_menu_lapsed')
        self.assertEqual((menu.name, menu.action.id), ('Customers to Win Back', action['id']))
        for user, expected in ((self.manager_a, self.customer_a),
                               (self.supervisor, self.customer_a | self.customer_b)):
            with self.subTest(user=user.login):
                Partner = self.env['res.partner'].with_user(user).with_context(cm_today=TODAY)
                arch = Partner.get_views([(False, 'search')])['views']['search']['arch']
                mine = 'name="cm_win_back_mine"' in arch
                self.assertEqual(mine, user == self.manager_a)
                domain = ast.literal_eval(action['domain'])
                if mine:
                    domain = domain + [('user_id', '=', user.id)]
                found = Partner.search(domain + [('id', 'in', (self.customer_a
                                                               | self.customer_b).ids)])
                self.assertEqual(found, expected)
        # My Maintenance counts customers, not cycles
        card = self.env.ref('customer_maintenance.customer_maintenance_home_lapsed')
        self.assertEqual(card.with_user(self.manager_a).with_context(cm_today=TODAY).item_count,
                         1)
