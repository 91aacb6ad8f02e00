# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Relationship events (客情維護): the record, its activity, the Done wizard, views, menus."""
import datetime

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..tools.today import with_today
from .common import CustomerMaintenanceCase

D = datetime.date


class RelationshipCase(CustomerMaintenanceCase):
    """The relationship fixture: a tier with calls and care calls for customer A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event']
        cls.tier = cls.env['customer.tier'].create({
            'name': 'Test Tier', 'code': 'TST-REL', 'call_interval_days': 10,
            'care_call_interval_days': 20, 'visit_interval_days': 0, 'birthday_greeting': True,
            'annual_gift_budget': 500.0})
        cls.customer_a.customer_tier_id = cls.tier
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.planning_horizon_days', '30')

    def _events(self, partner=None, **domain):
        args = [('partner_id', '=', (partner or self.customer_a).id)]
        args += [(key, '=', value) for key, value in domain.items()]
        return self.Event.search(args)

    def _done_wizard(self, event, user, **vals):
        wizard = self.env['customer.relationship.event.done.wizard'].with_user(user).create(
            dict({'event_id': event.id, 'outcome': 'Talked about the new oil.'}, **vals))
        return wizard.action_confirm()


class TestRelationshipEvent(RelationshipCase):

    def test_event_of_own_customer_with_activity(self):
        Event = self.Event.with_user(self.manager_a)
        event = Event.create({'name': 'Visit', 'partner_id': self.customer_a.id,
                              'channel': 'visit', 'date': '2026-03-10'})
        self.assertEqual(event.user_id, self.manager_a)  # the customer's account manager
        self.assertEqual((event.state, event.kind), ('planned', 'periodic'))
        activity = event.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_relationship_visit'))
        self.assertEqual((activity.user_id, activity.date_deadline, activity.summary),
                         (self.manager_a, D(2026, 3, 10), 'Visit'))
        self.assertTrue(activity.active)
        # the activity follows the event
        event.write({'date': '2026-03-12', 'channel': 'call', 'user_id': self.manager_b.id})
        self.assertEqual(event.activity_ids, activity)
        self.assertEqual((activity.user_id, activity.date_deadline), (self.manager_b, D(2026, 3, 12)))
        self.assertEqual(activity.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_relationship_call'))
        event.write({'user_id': self.manager_a.id})
        # done: the activity is closed with the outcome, kept in the chatter
        self._done_wizard(event, self.manager_a, cost=12.5)
        self.assertEqual((event.state, event.cost), ('done', 12.5))
        self.assertFalse(event.activity_ids)
        self.assertIn('Talked about the new oil.', ''.join(
            event.message_ids.mapped(lambda m: str(m.body))))

    def test_events_created_in_batch_get_one_activity_each(self):
        events = self.Event.create([
            {'name': 'Call %d' % i, 'partner_id': self.customer_a.id, 'date': D(2026, 3, 1 + i)}
            for i in range(5)])
        self.assertEqual(len(events.activity_ids), 5)
        self.assertEqual(sorted(events.activity_ids.mapped('date_deadline')),
                         [D(2026, 3, 1 + i) for i in range(5)])
        events[:2].action_cancel()
        self.assertEqual(len(events.activity_ids), 3)
        with self.assertRaises(UserError):
            events[0].action_cancel()  # already closed

    def test_overdue(self):
        env = with_today(self.env, D(2026, 3, 10))
        events = env['customer.relationship.event'].create([
            {'name': name, 'partner_id': self.customer_a.id, 'date': day, 'state': state}
            for name, day, state in (('late', D(2026, 3, 9), 'planned'),
                                     ('today', D(2026, 3, 10), 'planned'),
                                     ('late but done', D(2026, 3, 1), 'done'))])
        cases = {'late': (True, 1), 'today': (False, 3), 'late but done': (False, 10)}
        for event in events:
            with self.subTest(event=event.name):
                self.assertEqual((event.is_overdue, event.color), cases[event.name])
        overdue = env['customer.relationship.event'].search(
            [('id', 'in', events.ids), ('is_overdue', '=', True)])
        self.assertEqual(overdue.mapped('name'), ['late'])
        not_overdue = env['customer.relationship.event'].search(
            [('id', 'in', events.ids), ('is_overdue', '=', False)])
        self.assertEqual(set(not_overdue.mapped('name')), {'today', 'late but done'})

    def test_done_wizard_with_followup(self):
        event = self.Event.with_user(self.manager_a).create(
            {'name': 'Call', 'partner_id': self.customer_a.id, 'contact_id': self.contact_a.id})
        gift = self.env['customer.gift'].create({'name': 'Tea', 'value': 80.0,
                                                 'story': 'From the hills of the founder.'})
        action = self._done_wizard(
            event, self.manager_a, date=D(2026, 3, 2), gift_id=gift.id, gift_value=80.0,
            followup=True, followup_date=D(2026, 3, 20), followup_channel='visit')
        followup = self.Event.browse(action['res_id'])
        self.assertEqual((event.state, event.gift_id, event.gift_value, event.date),
                         ('done', gift, 80.0, D(2026, 3, 2)))
        self.assertEqual(event.gift_story, 'From the hills of the founder.')
        self.assertEqual((followup.followup_of_id, followup.channel, followup.date,
                          followup.contact_id, followup.user_id, followup.state),
                         (event, 'visit', D(2026, 3, 20), self.contact_a, self.manager_a,
                          'planned'))
        self.assertEqual(followup.activity_ids.user_id, self.manager_a)

    def test_assignee_of_a_colleagues_customer(self):
        """A supervisor sends manager A to manager B's customer: A sees and closes that event
        and plans its follow-up there. Naming himself on a new event of B's customer does
        not open it to him, nor does a follow-up for another customer."""
        count = self.Event.search_count([])
        with self.assertRaises(AccessError):
            self.Event.with_user(self.manager_a).create({
                'name': 'Self-assigned', 'partner_id': self.customer_b.id,
                'user_id': self.manager_a.id})
        self.assertEqual(self.Event.search_count([]), count)
        sent = self.Event.with_user(self.supervisor).create({
            'name': 'Cover for B', 'partner_id': self.customer_b.id,
            'user_id': self.manager_a.id, 'date': D(2026, 3, 2)})
        self.assertEqual(self.Event.with_user(self.manager_a).search(
            [('partner_id', '=', self.customer_b.id)]), sent)
        action = self._done_wizard(sent, self.manager_a, date=D(2026, 3, 2), followup=True,
                                   followup_date=D(2026, 3, 9))
        followup = self.Event.browse(action['res_id'])
        self.assertEqual((sent.state, followup.partner_id, followup.user_id,
                          followup.followup_of_id), ('done', self.customer_b, self.manager_a,
                                                     sent))
        count = self.Event.search_count([])
        with self.assertRaises(ValidationError) as refused:
            self.Event.with_user(self.manager_a).create({
                'name': 'Elsewhere', 'partner_id': self.customer_a.id,
                'followup_of_id': sent.id})
        self.assertIn('a follow-up is for the same customer', str(refused.exception))
        self.assertEqual(self.Event.search_count([]), count)
        # nor can he move the event assigned to him, or one of his own, to a customer of
        # someone else; a supervisor can
        third = self.env['res.partner'].create({'name': 'Third customer', 'is_company': True,
                                                'customer_rank': 1,
                                                'user_id': self.supervisor.id})
        own = self.Event.with_user(self.manager_a).create({
            'name': 'Own', 'partner_id': self.customer_a.id})
        for event, target in ((followup, third), (own, self.customer_b)):
            with self.subTest(event=event.name):
                with self.assertRaises(AccessError) as refused:
                    event.with_user(self.manager_a).write({'partner_id': target.id})
                self.assertIn('is not a customer of yours', str(refused.exception))
                self.assertNotEqual(event.partner_id, target)
        own.with_user(self.supervisor).write({'partner_id': self.customer_b.id})
        self.assertEqual(own.partner_id, self.customer_b)

    def test_bad_input_writes_nothing(self):
        other = self.env['res.partner'].create({'name': 'Someone else'})
        event = self.Event.create({'name': 'Call', 'partner_id': self.customer_a.id,
                                   'date': D(2026, 3, 2)})
        count = self.Event.search_count([])
        cases = [
            ('negative cost', {'cost': -1}, 'negative'),
            ('negative gift value', {'gift_value': -10}, 'negative'),
            ('contact of another customer', {'contact_id': other.id}, 'not a contact person'),
            ('a contact as customer', {'partner_id': self.contact_a.id}, 'not a contact person'),
        ]
        for label, vals, message in cases:
            with self.subTest(label):
                with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                    self.Event.with_user(self.manager_a).create(
                        dict({'name': 'Bad', 'partner_id': self.customer_a.id}, **vals))
                self.assertEqual(self.Event.search_count([]), count)
        wizard_cases = [
            ('blank outcome', {'outcome': '   '}, 'outcome'),
            ('negative cost', {'cost': -3}, 'negative'),
            ('follow-up before done', {'followup': True, 'date': D(2026, 3, 2),
                                       'followup_date': D(2026, 3, 1)}, 'follow-up'),
        ]
        for label, vals, message in wizard_cases:
            with self.subTest(label):
                with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
                    self._done_wizard(event, self.manager_a, **vals)
                self.assertEqual(event.state, 'planned')
                self.assertEqual(len(event.activity_ids), 1)
                self.assertEqual(self.Event.search_count([]), count)

    def test_unique_plan_key_while_planned(self):
        vals = {'name': 'Call', 'partner_id': self.customer_a.id, 'channel': 'call',
                'plan_item': 'call', 'plan_key': 'call:%d' % self.customer_a.id}
        first = self.Event.create(vals)
        with self.assertRaises(psycopg2.IntegrityError):
            with mute_logger('odoo.sql_db'), self.env.cr.savepoint():
                self.Event.create(vals)
                self.env.flush_all()
        first.action_cancel()
        self.Event.create(vals)  # the next open one: allowed once the first is closed

    def test_views_load(self):
        for view_type in ('list', 'form', 'kanban', 'calendar', 'pivot', 'graph', 'search'):
            with self.subTest(view_type):
                views = self.Event.with_user(self.manager_a).get_views([(False, view_type)])
                self.assertIn(view_type, views['views'])
        wizard = self.env['customer.relationship.event.done.wizard'].with_user(self.manager_a)
        self.assertTrue(wizard.get_views([(False, 'form')])['views']['form']['arch'])

    def test_my_contacts_menu_first(self):
        menu = self.env.ref('customer_maintenance.customer_relationship_event_menu_my')
        self.assertEqual(menu.parent_id, self.env.ref('customer_maintenance.menu_relationship'))
        siblings = menu.parent_id.child_id.sorted('sequence')
        self.assertEqual(siblings[:1], menu)
        action = self.env['ir.actions.act_window']._for_xml_id(
            'customer_maintenance.customer_relationship_event_action_my')
        self.assertEqual(action['views'][0][1], 'list')
        self.assertIn('search_default_my_events', action['context'])


class TestManagerWithoutEmail(RelationshipCase):
    """Issue §5: an account manager whose user has no email address (a login name) works his
    whole day; notifications are sent from the company's address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wang = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Wang No-Mail', 'login': 'cm_test_wang', 'lang': 'en_US',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        assert not cls.wang.email
        cls.customer_w = cls.env['res.partner'].create({
            'name': 'Customer of Wang', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.wang.id, 'customer_tier_id': cls.tier.id})
        cls.contact_w = cls.env['res.partner'].create(
            {'name': 'Mr Zhao', 'parent_id': cls.customer_w.id})
        # wang is in the team of A's customer: his events there notify A
        cls.customer_a.customer_team_ids = [Command.link(cls.wang.id)]
        cls.env.company.email = 'office@company.example.com'

    def _day_of_wang(self):
        Event = self.env['customer.relationship.event'].with_user(self.wang)
        own = Event.create({'name': 'Care call', 'partner_id': self.customer_w.id,
                            'contact_id': self.contact_w.id, 'channel': 'care_call'})
        self.assertEqual(own.user_id, self.wang)
        own.write({'date': D(2026, 3, 5)})  # plan it
        self._done_wizard(own, self.wang, followup=True, date=D(2026, 3, 5),
                          followup_date=D(2026, 3, 9))
        followup = Event.search([('followup_of_id', '=', own.id)])
        followup.action_cancel()
        # an event for a team customer, assigned to its account manager: A is notified
        team = Event.create({'name': 'Visit for A', 'partner_id': self.customer_a.id,
                             'channel': 'visit'})
        self.assertEqual(team.user_id, self.manager_a)
        team.message_post(body='Customer asked for a price list.')
        return own, followup, team

    def test_every_step_without_email(self):
        own, followup, team = self._day_of_wang()
        self.assertEqual((own.state, followup.state, team.state),
                         ('done', 'cancelled', 'planned'))
        messages = (own | team).message_ids.filtered(lambda m: m.author_id == self.wang.partner_id)
        self.assertTrue(messages)
        for message in messages:
            with self.subTest(message=message.id):
                self.assertIn('office@company.example.com', message.email_from)
                self.assertIn('Wang No-Mail', message.email_from)
        assigned = self.env['mail.message'].search([
            ('model', '=', team._name), ('res_id', '=', team.id),
            ('partner_ids', 'in', self.manager_a.partner_id.ids)])
        self.assertTrue(assigned, 'A is told that the visit was assigned to him')

    def test_falls_back_to_catchall_alias(self):
        alias_domain = self.env['mail.alias.domain'].create(
            {'name': 'company.example.com', 'catchall_alias': 'catchall'})
        self.env.company.write({'email': False, 'alias_domain_id': alias_domain.id})
        own, _followup, _team = self._day_of_wang()
        messages = own.message_ids.filtered(lambda m: m.author_id == self.wang.partner_id)
        self.assertTrue(messages)
        self.assertTrue(all('catchall@company.example.com' in m.email_from for m in messages))

    def test_no_address_anywhere_says_what_to_fix(self):
        self.env.company.write({'email': False, 'alias_domain_id': False})
        event = self.env['customer.relationship.event'].with_user(self.wang).create(
            {'name': 'Call', 'partner_id': self.customer_w.id})
        with self.assertRaisesRegex(UserError, 'email of the company'):
            event.message_post(body='Hello')
