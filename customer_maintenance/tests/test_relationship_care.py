# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Gifts against the tier's budget, hobbies and preferences, regional care, contact left,
the partner's smart button, and who may do what (account manager, supervisor, admin)."""
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .test_relationship import RelationshipCase

D = datetime.date


class TestGiftsAndPreferences(RelationshipCase):

    def test_gift_budget(self):
        gift = self.env['customer.gift'].create({'name': 'Tea', 'value': 400, 'story': 'Fujian'})
        self.Event.create({'name': 'Visit', 'partner_id': self.customer_a.id, 'channel': 'visit',
                           'state': 'done', 'date': D(2026, 2, 1), 'gift_id': gift.id})
        self.assertEqual(self.customer_a._gift_spend(2026), {self.customer_a.id: 400.0})
        self.assertEqual(self.customer_a._gift_spend(2025), {})
        planned = self.Event.create({'name': 'Next', 'partner_id': self.customer_a.id,
                                     'date': D(2026, 5, 1), 'gift_id': gift.id,
                                     'gift_value': 90})
        self.assertFalse(planned.gift_over_budget)
        planned.gift_value = 150
        self.assertTrue(planned.gift_over_budget)
        self.assertIn('550', planned.gift_budget_message)
        customer = self.customer_a.with_context(cm_today=D(2026, 6, 1))
        self.assertEqual(customer.gift_spend_this_year, 400.0)
        self.assertFalse(customer.gift_budget_exceeded)
        planned._mark_done('Gave the tea', {'gift_value': 150})
        customer.invalidate_recordset()
        self.assertEqual(customer.gift_spend_this_year, 550.0)
        self.assertTrue(customer.gift_budget_exceeded)
        self.assertEqual(self.customer_a.with_context(
            cm_today=D(2027, 1, 5)).gift_spend_this_year, 0.0)

    def test_gift_with_story_and_bad_value(self):
        Gift = self.env['customer.gift'].with_user(self.supervisor)
        gift = Gift.create({'name': 'Oolong', 'value': 60, 'story': 'From the founder village'})
        event = self.Event.with_user(self.manager_a).create(
            {'name': 'Visit', 'partner_id': self.customer_a.id, 'gift_id': gift.id})
        self.assertEqual((event.gift_value, event.gift_story),
                         (60.0, 'From the founder village'))
        count = self.env['customer.gift'].search_count([])
        with self.assertRaisesRegex(Exception, 'negative'), self.env.cr.savepoint():
            Gift.create({'name': 'Bad', 'value': -5})
        self.assertEqual(self.env['customer.gift'].search_count([]), count)
        with self.assertRaises(AccessError):
            self.env['customer.gift'].with_user(self.manager_a).create({'name': 'Mine'})

    def test_hobbies_and_preferences_on_the_event(self):
        golf = self.env['customer.hobby'].with_user(self.manager_a).create({'name': 'Golf'})
        self.contact_a.with_user(self.manager_a).write({
            'hobby_ids': [Command.link(golf.id)], 'contact_preferences': 'Calls after 9 pm'})
        self.customer_a.contact_preferences = 'No calls on Mondays'
        event = self.Event.with_user(self.manager_a).create(
            {'name': 'Call', 'partner_id': self.customer_a.id, 'contact_id': self.contact_a.id})
        self.assertEqual((event.contact_preferences, event.customer_contact_preferences,
                          event.contact_hobby_ids),
                         ('Calls after 9 pm', 'No calls on Mondays', golf))
        with self.assertRaises(Exception), self.env.cr.savepoint():
            self.env['customer.hobby'].create({'name': 'Golf'})

    def test_smart_button_counts(self):
        self.Event.create([{'name': 'E%d' % i, 'partner_id': self.customer_a.id,
                            'contact_id': self.contact_a.id if i else False}
                           for i in range(3)])
        partner = self.customer_a.with_user(self.manager_a)
        self.assertEqual(partner.relationship_event_count, 3)
        self.assertEqual(self.contact_a.with_user(self.manager_a).relationship_event_count, 2)
        action = partner.action_view_relationship_events()
        self.assertEqual(self.env[action['res_model']].search(action['domain']),
                         self.Event.search([('partner_id', '=', self.customer_a.id)]))
        action = self.contact_a.action_view_relationship_events()
        self.assertEqual(action['context']['default_partner_id'], self.customer_a.id)


class TestRegionalAndPersonnel(RelationshipCase):

    def test_regional_care_no_duplicates(self):
        state = self.env['res.country.state'].search([], limit=1)
        self.customer_a.state_id = state
        Wizard = self.env['customer.regional.care.wizard'].with_user(self.supervisor)
        vals = {'state_ids': [Command.set(state.ids)], 'description': 'Typhoon Mangkhut',
                'date': D(2026, 9, 17)}
        result = Wizard.create(vals).action_create_events()
        self.assertEqual(result['tag'], 'display_notification')
        self.assertIn('1 care calls planned', result['params']['message'])
        events = self._events(kind='regional')
        self.assertEqual(len(events), 1)
        self.assertEqual((events.user_id, events.channel, events.date),
                         (self.manager_a, 'care_call', D(2026, 9, 17)))
        self.assertEqual(events.activity_ids.user_id, self.manager_a)
        Wizard.create(dict(vals, description='typhoon  mangkhut')).action_create_events()
        self.assertEqual(len(self._events(kind='regional')), 1)
        Wizard.create(dict(vals, date=D(2026, 9, 18))).action_create_events()
        self.assertEqual(len(self._events(kind='regional')), 2)
        default = Wizard.with_context(cm_today=D(2026, 9, 16)).default_get(['date'])['date']
        self.assertEqual(default, D(2026, 9, 17))
        for label, bad in (('blank description', {'description': ' '}),
                           ('no region', {'state_ids': [Command.clear()]})):
            with self.subTest(label), self.assertRaises(UserError), self.env.cr.savepoint():
                Wizard.create(dict(vals, date=D(2026, 9, 20), **bad)).action_create_events()
        self.assertEqual(len(self._events(kind='regional')), 2)
        with self.assertRaises(AccessError):
            self.env['customer.regional.care.wizard'].with_user(self.manager_a).create(vals)

    def test_contact_left_only_contact_of_key_account(self):
        self.customer_a.customer_tier_id = self.env.ref('customer_maintenance.customer_tier_key')
        Wizard = self.env['customer.contact.left.wizard'].with_user(self.manager_a)
        wizard = Wizard.create({'contact_id': self.contact_a.id, 'left_date': D(2026, 4, 1),
                                'meeting_date': D(2026, 4, 3), 'reason': 'Retired'})
        self.assertIn('key account', wizard.warning)
        action = wizard.action_confirm()
        event = self.Event.browse(action['res_id'])
        self.assertEqual((event.kind, event.user_id, event.date, event.partner_id),
                         ('personnel', self.manager_a, D(2026, 4, 3), self.customer_a))
        self.assertIn('Retired', event.description)
        # the date as the manager reads dates (en_US), not ISO text
        self.assertIn('left on 04/01/2026', event.description)
        self.assertFalse(self.contact_a.active)
        self.assertTrue(self.contact_a.is_former_contact)
        self.assertEqual(self.contact_a.contact_left_date, D(2026, 4, 1))
        self.assertIn('Retired', ''.join(str(m.body) for m in self.customer_a.message_ids))
        with self.assertRaises(UserError):
            Wizard.create({'contact_id': self.contact_a.id, 'reason': 'again'}).action_confirm()

    def test_contact_left_bad_input_writes_nothing(self):
        Wizard = self.env['customer.contact.left.wizard'].with_user(self.manager_a)
        other = self.env['res.partner'].create({'name': 'Other', 'parent_id': self.customer_b.id})
        cases = [
            ('meeting before leaving', {'left_date': D(2026, 4, 5),
                                        'meeting_date': D(2026, 4, 1)}, 'on or after'),
            ('successor of another customer', {'successor_id': other.id}, 'successor'),
            ('successor is the person', {'successor_id': self.contact_a.id}, 'successor'),
            ('blank reason', {'reason': '  '}, 'why the person left'),
        ]
        for label, vals, message in cases:
            with self.subTest(label):
                with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
                    Wizard.create(dict({'contact_id': self.contact_a.id, 'reason': 'x'},
                                       **vals)).action_confirm()
                self.assertTrue(self.contact_a.active)
                self.assertFalse(self.contact_a.is_former_contact)
                self.assertFalse(self._events(kind='personnel'))
        with self.assertRaisesRegex(UserError, 'Only the account manager'):
            self.env['customer.contact.left.wizard'].with_user(self.manager_b).create(
                {'contact_id': self.contact_a.id, 'reason': 'x'}).action_confirm()

    def test_contact_left_keep_as_former(self):
        successor = self.env['res.partner'].create(
            {'name': 'New buyer', 'parent_id': self.customer_a.id})
        wizard = self.env['customer.contact.left.wizard'].with_user(self.supervisor).create({
            'contact_id': self.contact_a.id, 'reason': 'Moved to a competitor',
            'successor_id': successor.id, 'archive': False})
        self.assertFalse(wizard.warning)
        event = self.Event.browse(wizard.action_confirm()['res_id'])
        self.assertEqual(event.contact_id, successor)
        self.assertTrue(self.contact_a.active)
        self.assertTrue(self.contact_a.is_former_contact)

    def test_contact_left_by_manager_without_email(self):
        wang = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Wang No-Mail', 'login': 'cm_test_wang_left', 'lang': 'en_US',
            'groups_id': [Command.set([self.env.ref('customer_maintenance.group_user').id])]})
        self.customer_a.user_id = wang
        self.env.company.email = 'office@company.example.com'
        wizard = self.env['customer.contact.left.wizard'].with_user(wang).create(
            {'contact_id': self.contact_a.id, 'reason': 'Retired'})
        wizard.action_confirm()
        message = self.customer_a.message_ids.filtered(lambda m: 'Retired' in str(m.body))
        self.assertIn('office@company.example.com', message.email_from)


class TestRelationshipAccess(RelationshipCase):
    """The relationship part of the access matrix: model x role x operation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_member = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Team Member', 'login': 'cm_test_rel_team', 'email': 'team@example.com',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        cls.internal = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain Employee', 'login': 'cm_test_rel_internal',
            'groups_id': [Command.set([cls.env.ref('base.group_user').id])]})
        cls.customer_a.customer_team_ids = [Command.set(cls.team_member.ids)]

    def _can(self, user, record, operation, vals=None):
        try:
            with self.env.cr.savepoint() as savepoint:
                rec = record.with_user(user)
                if operation == 'read':
                    rec.read(['name'])
                elif operation == 'write':
                    rec.write(vals)
                elif operation == 'unlink':
                    rec.unlink()
                elif operation == 'create':
                    rec.copy_data()  # raises if unreadable
                    record.with_user(user).create(vals)
                rec.env.flush_all()
                savepoint.rollback()
            return True
        except AccessError:
            return False

    def test_matrix(self):
        event_a = self.Event.create({'name': 'Of A', 'partner_id': self.customer_a.id})
        gift = self.env['customer.gift'].create({'name': 'Tea', 'value': 10})
        festival = self.env['customer.festival'].create({'name': 'F', 'month': 1, 'day': 2})
        hobby = self.env['customer.hobby'].create({'name': 'Chess'})
        roles = {'manager_a': self.manager_a, 'manager_b': self.manager_b,
                 'team': self.team_member, 'supervisor': self.supervisor, 'admin': self.admin,
                 'internal': self.internal}
        # record, values to write / create, allowed letters per role
        cases = [
            (event_a, {'name': 'Ev', 'partner_id': self.customer_a.id, 'outcome': 'x'},
             {'manager_a': 'rcw', 'team': 'rcw', 'supervisor': 'rcwu', 'admin': 'rcwu'}),
            (gift, {'name': 'G', 'story': 'x'},
             {'manager_a': 'r', 'manager_b': 'r', 'team': 'r', 'supervisor': 'rcwu',
              'admin': 'rcwu'}),
            (festival, {'name': 'F2', 'lead_days': 3, 'month': 1, 'day': 3},
             {'manager_a': 'r', 'manager_b': 'r', 'team': 'r', 'supervisor': 'rcwu',
              'admin': 'rcwu'}),
            (hobby, {'name': 'Go', 'color': 2},
             {'manager_a': 'rcw', 'manager_b': 'rcw', 'team': 'rcw', 'supervisor': 'rcwu',
              'admin': 'rcwu'}),
        ]
        letters = {'read': 'r', 'create': 'c', 'write': 'w', 'unlink': 'u'}
        for record, vals, allowed in cases:
            for role, user in roles.items():
                for operation, letter in letters.items():
                    with self.subTest(model=record._name, role=role, operation=operation):
                        write_vals = {k: v for k, v in vals.items() if k != 'partner_id'}
                        self.assertEqual(
                            self._can(user, record, operation,
                                      vals if operation == 'create' else write_vals),
                            letter in allowed.get(role, ''))

    def test_multi_company(self):
        company_2 = self.env['res.company'].create({'name': 'Second Company'})
        self.supervisor.write({'company_ids': [Command.link(company_2.id)]})
        event = self.Event.create({'name': 'In company 2', 'partner_id': self.customer_a.id,
                                   'company_id': company_2.id})
        Event = self.env['customer.relationship.event'].with_user(self.supervisor)
        self.assertFalse(Event.with_context(allowed_company_ids=[self.env.company.id]).search(
            [('id', '=', event.id)]))
        self.assertEqual(Event.with_context(
            allowed_company_ids=[self.env.company.id, company_2.id]).search(
                [('id', '=', event.id)]), event)
        with self.assertRaises(AccessError):
            event.with_user(self.manager_a).read(['name'])  # not in his companies

    def test_views_load(self):
        Partner = self.env['res.partner'].with_user(self.manager_a)
        arch = Partner.get_views([(False, 'form')])['views']['form']['arch']
        for name in ('birthday_calendar', 'action_contact_left', 'hobby_ids',
                     'relationship_event_count'):
            with self.subTest(name):
                self.assertIn(name, arch)
        for model in ('customer.festival', 'customer.gift', 'customer.regional.care.wizard',
                      'customer.contact.left.wizard'):
            with self.subTest(model):
                self.assertTrue(self.env[model].with_user(self.supervisor).get_views(
                    [(False, 'form')])['views']['form']['arch'])
        settings = self.env['res.config.settings'].with_user(self.admin).get_views(
            [(False, 'form')])['views']['form']['arch']
        self.assertIn('cm_calls_per_day', settings)


class TestRelationshipHandoverAndLanguages(RelationshipCase):

    def test_handover_moves_planned_events_and_activities(self):
        planned = self.Event.create({'name': 'Visit', 'partner_id': self.customer_a.id,
                                     'channel': 'visit', 'date': D(2030, 1, 5)})
        done = self.Event.create({'name': 'Old call', 'partner_id': self.customer_a.id,
                                  'state': 'done', 'date': D(2025, 1, 5)})
        wizard = self.env['customer.handover.wizard'].with_user(self.supervisor).create({
            'from_user_id': self.manager_a.id, 'to_user_id': self.manager_b.id})
        wizard._onchange_from_user_id()
        result = wizard.action_handover()
        self.assertEqual(planned.user_id, self.manager_b)
        self.assertEqual(planned.activity_ids.user_id, self.manager_b)
        self.assertEqual(done.user_id, self.manager_a)  # history stays
        self.assertIn('1 planned relationship events', str(result))

    def test_relationship_in_chinese(self):
        Event = self.env['customer.relationship.event'].with_user(self.manager_a)
        cases = [
            ('zh_TW', 'kind', 'periodic', '周期型'), ('zh_TW', 'kind', 'regional', '重大環境事件'),
            ('zh_TW', 'kind', 'favour', '幫忙式'), ('zh_CN', 'kind', 'periodic', '周期型'),
            ('zh_TW', 'state', 'planned', '計劃中'),
        ]
        for lang, field, key, expected in cases:
            with self.subTest(lang=lang, field=field, key=key):
                selection = dict(Event.with_context(lang=lang).fields_get(
                    [field])[field]['selection'])
                self.assertEqual(selection[key], expected)
        spring = self.env.ref('customer_maintenance.customer_festival_spring')
        self.assertEqual(spring.with_context(lang='zh_TW').name, '春節')
        menu = self.env.ref('customer_maintenance.customer_relationship_event_menu_my')
        self.assertTrue(menu.with_context(lang='zh_TW').name != 'My Contacts')
        with self.assertRaisesRegex(UserError, '郵件'), self.env.cr.savepoint():
            self.env.company.write({'email': False, 'alias_domain_id': False})
            self.manager_a.email = False
            self.Event.with_user(self.manager_a).with_context(lang='zh_TW').create(
                {'name': 'Call', 'partner_id': self.customer_a.id}).message_post(body='x')
