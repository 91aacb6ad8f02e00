# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The access matrix of the segmentation models: model × role × operation, allowed or refused.

Roles: account manager A (the customer's manager), account manager B (a colleague), a team
member of A's customer, the supervisor, the admin, a plain internal user without the module's
groups, a portal user. Each operation runs for real inside a savepoint that is rolled back."""
from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import CustomerMaintenanceCase

ROLES = ('manager_a', 'manager_b', 'team', 'supervisor', 'admin', 'internal', 'portal')
OPERATIONS = ('read', 'create', 'write', 'unlink')
ALL = 'rcwu'
PROFILES = {
    # configuration: everyone of the module reads, only supervisors change
    'config': {'manager_a': 'r', 'manager_b': 'r', 'team': 'r', 'supervisor': ALL, 'admin': ALL},
    # a claim: like a customer's record, but any manager may claim a free prospect
    'claim': {'manager_a': 'rcw', 'manager_b': 'c', 'team': 'rcw', 'supervisor': ALL,
              'admin': ALL},
    # written by the classification cron only; supervisors may clean up
    'history': {'manager_a': 'r', 'team': 'r', 'supervisor': 'ru', 'admin': 'ru'},
}
MODELS = [
    ('customer.purchase.purpose', 'config', {'color': 3}),
    ('customer.prospect.claim', 'claim', {'note': 'Changed'}),
    ('customer.abc.history', 'history', {'new_class': 'B'}),
]


class TestSegmentationAccess(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.team_member = Users.create({
            'name': 'Team Member', 'login': 'cm_seg_team', 'email': 'team@example.com',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        cls.internal = Users.create({
            'name': 'Plain Employee', 'login': 'cm_seg_internal',
            'groups_id': [Command.set([cls.env.ref('base.group_user').id])]})
        cls.portal = Users.create({
            'name': 'Portal User', 'login': 'cm_seg_portal',
            'groups_id': [Command.set([cls.env.ref('base.group_portal').id])]})
        cls.customer_a.write({'customer_team_ids': [Command.set([cls.team_member.id])]})
        cls.prospect_a = cls.env['res.partner'].create({
            'name': 'Prospect of A', 'is_company': True, 'user_id': cls.manager_a.id,
            'customer_team_ids': [Command.set([cls.team_member.id])]})
        cls.users = {'manager_a': cls.manager_a, 'manager_b': cls.manager_b,
                     'team': cls.team_member, 'supervisor': cls.supervisor, 'admin': cls.admin,
                     'internal': cls.internal, 'portal': cls.portal}
        env = cls.env
        cls.records = {
            'customer.purchase.purpose': env['customer.purchase.purpose'].create(
                {'name': 'Access purpose'}),
            'customer.prospect.claim': env['customer.prospect.claim'].create({
                'partner_id': cls.prospect_a.id, 'user_id': cls.manager_a.id,
                'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'}),
            'customer.abc.history': env['customer.abc.history'].create({
                'partner_id': cls.customer_a.id, 'old_class': 'C', 'new_class': 'A',
                'date': '2026-03-01'}),
        }
        cls.seq = 0

    def _create_vals(self, model):
        self.seq += 1
        name = 'Access %s %d' % (model, self.seq)
        if model == 'customer.prospect.claim':
            prospect = self.env['res.partner'].create({'name': name, 'is_company': True})
            return {'partner_id': prospect.id, 'date_claim': '2026-03-01',
                    'date_expiry': '2026-06-01'}
        if model == 'customer.abc.history':
            return {'partner_id': self.customer_a.id, 'new_class': 'B', 'date': '2026-03-02'}
        return {'name': name}

    def _run(self, model, operation, user, write_vals):
        Model = self.env[model].with_user(user)
        record = self.records[model]
        if operation == 'read':
            Model.browse(record.id).read(['display_name'])
            return bool(Model.search_count([('id', '=', record.id)]))
        if operation == 'create':
            Model.create(self._create_vals(model))
        elif operation == 'write':
            Model.browse(record.id).write(write_vals)
        else:
            Model.browse(record.id).unlink()
        return True

    def _allowed(self, model, operation, user, write_vals):
        self.env.flush_all()
        self.env.cr.execute('SAVEPOINT segmentation_access')
        try:
            result = self._run(model, operation, user, write_vals)
            self.env.flush_all()
            return result
        except (AccessError, UserError):
            return False
        finally:
            self.env.clear()
            self.env.cr.execute('ROLLBACK TO SAVEPOINT segmentation_access')

    def test_access_matrix(self):
        failures = []
        for model, profile, write_vals in MODELS:
            rights = PROFILES[profile]
            for role in ROLES:
                for operation in OPERATIONS:
                    expected = operation[0] in rights.get(role, '')
                    got = self._allowed(model, operation, self.users[role], write_vals)
                    if got != expected:
                        failures.append('%s %s %s: expected %s, got %s' % (
                            model, role, operation, 'allowed' if expected else 'refused',
                            'allowed' if got else 'refused'))
        self.assertFalse(failures, '\n'.join(failures))

    def test_every_segmentation_model_in_matrix(self):
        ours = {'customer.purchase.purpose', 'customer.prospect.claim', 'customer.abc.history'}
        for name in ours:
            with self.subTest(model=name):
                self.assertIn(name, {m[0] for m in MODELS})
                self.assertTrue(self.env['ir.model.access'].search_count(
                    [('model_id.model', '=', name)]))

    def test_no_rule_on_partner(self):
        """No restrictive rule on res.partner: B and a plain employee open A's customer with
        every field of the views they get."""
        rules = self.env['ir.rule'].search([('model_id.model', '=', 'res.partner')]).filtered(
            lambda r: r.get_external_id().get(r.id, '').startswith('customer_maintenance.'))
        self.assertFalse(rules)
        self.env['res.partner'].cron_classify_customers()
        for user in (self.manager_b, self.internal):
            Partner = self.env['res.partner'].with_user(user)
            for view_type in ('form', 'list', 'kanban'):
                with self.subTest(user=user.login, view=view_type):
                    fields = list(Partner.get_views([(False, view_type)])['models'][
                        'res.partner']['fields'])
                    data = Partner.browse(self.customer_a.id).read(fields)
                    self.assertEqual(data[0]['id'], self.customer_a.id)

    def test_plain_employee_sees_no_segmentation_page(self):
        form = self.env['res.partner'].with_user(self.internal).get_view(
            view_type='form')['arch']
        self.assertNotIn('action_claim_prospect', form)
        self.assertNotIn('abc_history_ids', form)

    def test_team_member_loses_access_when_removed(self):
        claim = self.records['customer.prospect.claim']
        Claim = self.env['customer.prospect.claim'].with_user(self.team_member)
        self.assertTrue(Claim.search_count([('id', '=', claim.id)]))
        self.prospect_a.write({'customer_team_ids': [Command.clear()]})
        self.assertFalse(Claim.search_count([('id', '=', claim.id)]))

    def test_history_multi_company(self):
        other = self.env['res.company'].create({'name': 'Access Other Co'})
        history = self.records['customer.abc.history']
        history.company_id = other
        History = self.env['customer.abc.history'].with_user(self.supervisor)
        self.assertFalse(History.search_count([('id', '=', history.id)]))
        self.supervisor.write({'company_ids': [Command.link(other.id)]})
        self.assertTrue(History.with_context(
            allowed_company_ids=[self.env.company.id, other.id]).search_count(
            [('id', '=', history.id)]))

    def test_menus_by_role(self):
        Menu = self.env['ir.ui.menu']
        supervisor_only = ['customer_abc_analysis_menu', 'customer_abc_history_menu',
                           'res_partner_menu_classify_now', 'customer_purchase_purpose_menu']
        everyone = ['res_partner_menu_key_accounts_at_risk', 'res_partner_menu_claims_board',
                    'customer_prospect_claim_menu']
        for user, visible in ((self.manager_a, everyone), (self.supervisor,
                                                           everyone + supervisor_only)):
            shown = Menu.with_user(user)._visible_menu_ids()
            for name in everyone + supervisor_only:
                with self.subTest(user=user.login, menu=name):
                    menu = self.env.ref('customer_maintenance.' + name)
                    self.assertEqual(menu.id in shown, name in visible)
