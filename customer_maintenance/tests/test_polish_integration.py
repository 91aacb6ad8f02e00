# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Where the features meet: replenishment calls vs. the planner, tier festivals, demo ledgers."""
import datetime
from unittest.mock import patch

from lxml import etree

from ..services import planning
from .common import CustomerMaintenanceCase

D = datetime.date


class TestPolishIntegration(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestPolishIntegration, cls).setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        cls.tier = cls.env['customer.tier'].create({
            'name': 'Polish Tier', 'code': 'TST-POLISH', 'call_interval_days': 30,
            'care_call_interval_days': 0, 'visit_interval_days': 0})
        cls.customer_a.customer_tier_id = cls.tier
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '30')
        # last business call on 2026-01-01: the next is due on 2026-01-31
        cls.Event.create({'name': 'Call', 'partner_id': cls.customer_a.id, 'channel': 'call',
                          'state': 'done', 'date': '2026-01-01'})
        cls.cycle = cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id, 'order_count': 4,
            'avg_interval_days': 30, 'state': 'active', 'last_order_date': '2026-01-05'})

    def _business_calls(self):
        return self.Event.search([('partner_id', '=', self.customer_a.id),
                                  ('plan_item', '=', 'call'), ('state', '=', 'planned')])

    def _replenishment_call(self, due):
        self.cycle.write({'next_due_date': due})
        self.env['customer.consumption.cycle']._plan_replenishment_reminders(
            fields_date(due) - datetime.timedelta(days=7))
        call = self.Event.search([('consumption_cycle_id', '=', self.cycle.id),
                                  ('consumption_due_date', '=', due)])
        self.assertEqual((len(call), call.kind, call.channel, call.state),
                         (1, 'periodic', 'call', 'planned'))
        return call

    def test_covered_by_planned_call_rule(self):
        due = D(2026, 1, 31)
        self.assertFalse(planning.covered_by_planned_call(due, None))
        self.assertTrue(planning.covered_by_planned_call(due, [D(2026, 2, 6)]))
        self.assertTrue(planning.covered_by_planned_call(due, ['2026-01-25']))
        self.assertFalse(planning.covered_by_planned_call(due, [D(2026, 2, 7), D(2026, 1, 24)]))

    def test_replenishment_call_is_the_business_call_of_its_week(self):
        call = self._replenishment_call('2026-02-10')  # call planned on 2026-02-03
        self.assertEqual(call.date, '2026-02-03')
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertFalse(self._business_calls())  # due 01-31: the 02-03 call is that week's
        self.Event._plan_relationship_events(D(2026, 1, 31))
        self.assertFalse(self._business_calls())  # idempotent
        # the replenishment call is done: the next business call follows 30 days later
        call._mark_done('Ordered 10 drums.')
        self.Event._plan_relationship_events(D(2026, 2, 3))
        self.assertEqual(self._business_calls().date, '2026-03-05')

    def test_replenishment_call_weeks_away_does_not_replace(self):
        self._replenishment_call('2026-02-24')  # call planned on 2026-02-17
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertEqual(self._business_calls().date, '2026-01-31')

    def test_cancelled_replenishment_call_does_not_count(self):
        call = self._replenishment_call('2026-02-10')
        call.action_cancel()
        self.Event._plan_relationship_events(D(2026, 1, 25))
        self.assertEqual(self._business_calls().date, '2026-01-31')

    def test_tier_form_shows_festival_greetings(self):
        view = self.env['customer.tier'].fields_view_get(view_type='form')
        self.assertTrue(etree.fromstring(view['arch']).xpath(
            "//field[@name='greeting_festival_ids']"))
        # the embedded list of the festivals shows when each comes next
        sub = view['fields']['greeting_festival_ids']['views']['tree']['arch']
        self.assertIn('next_date', sub)
        tree = self.env['customer.tier'].fields_view_get(view_type='tree')['arch']
        self.assertIn('greeting_festival_ids', tree)
        search = self.env['customer.festival'].fields_view_get(view_type='search')['arch']
        self.assertIn('tier_ids', search)
        # the festival's tier link is the same relation, seen from the other side
        festival = self.env['customer.festival'].create({
            'name': 'Polish Day', 'calendar': 'lunar', 'month': 8, 'day': 15})
        self.tier.greeting_festival_ids = [(4, festival.id)]
        self.assertEqual(festival.tier_ids, self.tier)

    def test_demo_ledgers(self):
        Demo = self.env['customer.maintenance.demo']
        customers = self.customer_a | self.customer_b | self.env['res.partner'].create({
            'name': 'Third demo customer', 'is_company': True, 'customer': True,
            'user_id': self.manager_a.id})
        ledgers = ('customer.promotion.support', 'customer.value.service', 'customer.agreement')
        before = {m: self.env[m].search_count([]) for m in ledgers}
        with patch.object(type(Demo), '_demo_management_customers',
                          lambda self, seed, today: customers):
            Demo._demo_management(today='2026-06-01')
        after = {m: self.env[m].search_count([]) - before[m] for m in ledgers}
        self.assertEqual(after, {'customer.promotion.support': 5, 'customer.value.service': 4,
                                 'customer.agreement': 3})
        Agreement = self.env['customer.agreement']
        ending = Agreement.search([('partner_id', '=', self.customer_a.id),
                                   ('state', '=', 'active')])
        self.assertEqual(len(ending), 1)
        self.assertLessEqual(ending.date_end, '2026-07-01')
        self.assertEqual(ending.renewal_reminder_date, '2026-06-01')
        self.assertEqual(ending.activity_ids.user_id, self.manager_a)
        promos = self.env['customer.promotion.support'].search(
            [('partner_id', 'in', customers.ids)])
        self.assertEqual(promos.filtered(lambda p: p.partner_id == self.customer_b)
                         .mapped('user_id'), self.manager_b)
        self.assertEqual(customers.mapped('last_review_date'),
                         ['2026-05-25', '2026-05-18', '2026-05-11'])
        self.assertTrue(self.customer_a.review_note)


def fields_date(value):
    return datetime.datetime.strptime(value, '%Y-%m-%d').date()
