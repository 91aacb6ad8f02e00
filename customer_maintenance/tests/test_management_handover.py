# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import CustomerMaintenanceCase

REPORT = 'customer_maintenance.report_profile_card'


class TestCustomerHandover(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a2 = cls.env['res.partner'].create({
            'name': 'Second Customer of A', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id})
        cls.contact_a.user_id = cls.manager_a
        Promotion = cls.env['customer.promotion.support']
        cls.promo_planned = Promotion.create({
            'name': 'POP', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
            'date': '2030-02-01'})
        cls.promo_done = Promotion.create({
            'name': 'Old POP', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
            'date': '2024-02-01', 'state': 'done'})
        cls.agreement = cls.env['customer.agreement'].create({
            'name': 'Supply', 'partner_id': cls.customer_a.id, 'date_start': '2029-01-01'})
        todo = cls.env.ref('mail.mail_activity_data_todo')

        def activity(record, user):
            return cls.env['mail.activity'].create({
                'res_model_id': cls.env['ir.model']._get_id(record._name),
                'res_id': record.id, 'activity_type_id': todo.id, 'summary': 'Follow up',
                'user_id': user.id, 'date_deadline': '2030-01-01'})
        cls.activity_partner = activity(cls.customer_a, cls.manager_a)
        cls.activity_promo = activity(cls.promo_planned, cls.manager_a)
        cls.activity_agreement = activity(cls.agreement, cls.manager_a)
        cls.activity_other = activity(cls.customer_a, cls.supervisor)
        cls.activity_b = activity(cls.customer_b, cls.manager_b)
        cls.Wizard = cls.env['customer.handover.wizard']

    def _wizard(self, user, **vals):
        vals.setdefault('from_user_id', self.manager_a.id)
        vals.setdefault('to_user_id', self.manager_b.id)
        return self.Wizard.with_user(user).create(vals)

    def test_handover_moves_everything(self):
        wizard = self._wizard(self.supervisor, note='Chen leaves; Lin takes over.')
        wizard._onchange_from_user_id()
        self.assertEqual(wizard.partner_ids, self.customer_a | self.customer_a2)
        action = wizard.action_handover()
        cases = [
            ('customer', self.customer_a.user_id, self.manager_b),
            ('second customer', self.customer_a2.user_id, self.manager_b),
            ('contact', self.contact_a.user_id, self.manager_b),
            ('planned promotion', self.promo_planned.user_id, self.manager_b),
            ('promotion done: history stays', self.promo_done.user_id, self.manager_a),
            ('activity on the customer', self.activity_partner.user_id, self.manager_b),
            ('activity on a promotion', self.activity_promo.user_id, self.manager_b),
            ('activity on an agreement', self.activity_agreement.user_id, self.manager_b),
            ("the supervisor's own activity", self.activity_other.user_id, self.supervisor),
            ("B's activity untouched", self.activity_b.user_id, self.manager_b),
        ]
        for label, got, expected in cases:
            with self.subTest(label):
                self.assertEqual(got, expected)
        for partner in self.customer_a | self.customer_a2:
            message = partner.message_ids[0]
            self.assertIn('Chen leaves', message.body)
            self.assertIn(self.manager_b.name, message.body)
            self.assertEqual(message.author_id, self.supervisor.partner_id)
            self.assertEqual(message.subtype_id, self.env.ref('mail.mt_note'))
        # the notification says what moved; its next action prints the profile cards
        self.assertEqual(action['tag'], 'display_notification')
        text = action['params']['message']
        for words in ('2 customers', '1 contacts', '3 open activities',
                      '1 planned promotion supports', self.manager_a.name, self.manager_b.name):
            with self.subTest(words=words):
                self.assertIn(words, text)
        report = action['params']['next']
        self.assertEqual(report['type'], 'ir.actions.report')
        self.assertEqual(report['report_name'], REPORT)
        self.assertEqual(sorted(report['context']['active_ids']),
                         sorted((self.customer_a | self.customer_a2).ids))

    def test_successor_sees_ledgers_after_handover(self):
        Promotion = self.env['customer.promotion.support'].with_user(self.manager_b)
        self.assertFalse(Promotion.search([('partner_id', '=', self.customer_a.id)]))
        self._wizard(self.supervisor).action_handover()
        self.assertEqual(Promotion.search([('partner_id', '=', self.customer_a.id)]),
                         (self.promo_planned | self.promo_done).with_user(self.manager_b))
        self.assertFalse(self.env['customer.promotion.support'].with_user(self.manager_a).search(
            [('partner_id', '=', self.customer_a.id)]))

    def test_handover_selected_customers_only(self):
        wizard = self._wizard(self.supervisor, partner_ids=[Command.set([self.customer_a2.id])])
        wizard.action_handover()
        self.assertEqual(self.customer_a2.user_id, self.manager_b)
        self.assertEqual(self.customer_a.user_id, self.manager_a)
        self.assertEqual(self.promo_planned.user_id, self.manager_a)
        self.assertEqual(self.activity_partner.user_id, self.manager_a)

    def test_handover_team_membership(self):
        self.customer_a.customer_team_ids = [Command.set([self.manager_a.id, self.supervisor.id])]
        colleague = self.env['res.partner'].create({
            'name': "Supervisor's key account", 'is_company': True, 'customer_rank': 1,
            'user_id': self.supervisor.id, 'customer_team_ids': [Command.set(self.manager_a.ids)]})
        self._wizard(self.supervisor).action_handover()
        self.assertEqual(set(self.customer_a.customer_team_ids.ids),
                         {self.manager_b.id, self.supervisor.id})
        # the whole book is handed over: A's seat in a colleague's team goes to B as well
        self.assertEqual(colleague.customer_team_ids, self.manager_b)
        self.assertEqual(colleague.user_id, self.supervisor)

    def test_handover_part_keeps_other_seats(self):
        colleague = self.env['res.partner'].create({
            'name': "Supervisor's key account", 'is_company': True, 'customer_rank': 1,
            'user_id': self.supervisor.id, 'customer_team_ids': [Command.set(self.manager_a.ids)]})
        self._wizard(self.supervisor,
                     partner_ids=[Command.set(self.customer_a2.ids)]).action_handover()
        self.assertEqual(colleague.customer_team_ids, self.manager_a)

    def test_handover_by_admin(self):
        self._wizard(self.admin).action_handover()
        self.assertEqual(self.customer_a.user_id, self.manager_b)

    def test_supervisor_without_email(self):
        """A supervisor who logs in with a name only hands over like anybody else."""
        self.supervisor.email = False
        self._wizard(self.supervisor, note='No email').action_handover()
        self.assertEqual(self.customer_a.user_id, self.manager_b)
        self.assertIn('No email', self.customer_a.message_ids[0].body)

    def test_note_is_text_not_markup(self):
        self._wizard(self.supervisor, note='<b>bold</b> & co').action_handover()
        body = self.customer_a.message_ids[0].body
        self.assertIn('&lt;b&gt;bold&lt;/b&gt; &amp; co', body)

    def test_handover_refuses_bad_input(self):
        archived = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Archived Manager', 'login': 'cm_mgmt_archived',
            'groups_id': [Command.set([self.env.ref('customer_maintenance.group_user').id])]})
        archived.active = False
        lonely = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'No Customers', 'login': 'cm_mgmt_lonely',
            'groups_id': [Command.set([self.env.ref('customer_maintenance.group_user').id])]})
        cases = [
            ('to oneself', dict(to_user_id=self.manager_a.id), 'another account manager'),
            ('to an archived user', dict(to_user_id=archived.id), 'archived'),
            ('nobody to hand over', dict(from_user_id=lonely.id), 'no customers'),
        ]
        for label, vals, words in cases:
            with self.subTest(label), self.assertRaisesRegex(UserError, words), \
                    self.env.cr.savepoint():
                self._wizard(self.supervisor, **vals).action_handover()
        # an account manager cannot hand over (no access to the wizard, nor the check)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._wizard(self.manager_a).action_handover()
        wizard = self._wizard(self.supervisor)
        with self.assertRaisesRegex(UserError, 'supervisor'), self.env.cr.savepoint():
            wizard.with_user(self.manager_a).sudo(False)._check_input()
        self.assertEqual(self.customer_a.user_id, self.manager_a)
        self.assertEqual(self.promo_planned.user_id, self.manager_a)
        self.assertEqual(self.activity_partner.user_id, self.manager_a)
        self.assertFalse(self.customer_a.message_ids.filtered(
            lambda m: 'handed over' in (m.body or '')))

    def test_default_from_selected_partners(self):
        Wizard = self.Wizard.with_user(self.supervisor)
        defaults = Wizard.with_context(
            active_model='res.partner', active_ids=[self.customer_a.id]).default_get(
                ['from_user_id', 'partner_ids'])
        self.assertEqual(defaults['from_user_id'], self.manager_a.id)
        self.assertEqual(defaults['partner_ids'], [Command.set([self.customer_a.id])])
        defaults = Wizard.with_context(active_model='res.users',
                                       active_id=self.manager_b.id).default_get(['from_user_id'])
        self.assertEqual(defaults['from_user_id'], self.manager_b.id)

    def test_extension_points(self):
        """A capability plugs its records in: they move and are counted in the notification,
        and it is told when everything moved."""
        cls = type(self.Wizard)
        original = cls._handover_records
        done = []

        def records(wizard, partners, old, new):
            return original(wizard, partners, old, new) + [(7, '%(count)s planned calls')]

        def finished(wizard, partners, old, new):
            done.append((partners, old, new))
        with patch.object(cls, '_handover_records', records), \
                patch.object(cls, '_handover_done', finished):
            action = self._wizard(self.supervisor).action_handover()
        self.assertIn('7 planned calls', action['params']['message'])
        self.assertEqual(len(done), 1)
        self.assertEqual(done[0][1:], (self.manager_a, self.manager_b))
        self.assertIn('customer.promotion.support', self.Wizard._handover_activity_models())

    def test_binding_for_supervisors(self):
        action = self.env.ref('customer_maintenance.customer_handover_wizard_action_partner')
        self.assertEqual(action.binding_model_id.model, 'res.partner')
        self.assertEqual(action.groups_id, self.env.ref('customer_maintenance.group_manager'))
        menu = self.env.ref('customer_maintenance.customer_handover_wizard_menu')
        Menu = self.env['ir.ui.menu']
        self.assertIn(menu.id, Menu.with_user(self.supervisor)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.manager_a)._visible_menu_ids())
