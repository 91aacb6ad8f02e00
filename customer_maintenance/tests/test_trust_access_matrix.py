# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The access matrix: every model of the module × role × operation, allowed or refused.

Roles: account manager A (the customer's manager), account manager B (a colleague), a team
member of A's customer, the supervisor, a plain internal user without the module's groups,
a portal user. Each operation runs for real (read, create, write, unlink) inside a savepoint
that is always rolled back, so one check never sees another's effect.
"""
import logging

from odoo.exceptions import AccessError, except_orm

from .common import CustomerMaintenanceCase

_logger = logging.getLogger(__name__)

ROLES = ('manager_a', 'manager_b', 'team', 'supervisor', 'internal', 'portal')
OPERATIONS = ('read', 'create', 'write', 'unlink')
NONE = ''
ALL = 'rcwu'

# Who may do what, per kind of model: letters r(ead) c(reate) w(rite) u(nlink) per role.
PROFILES = {
    # configuration: everyone of the module reads, only supervisors change
    'config': {'manager_a': 'r', 'manager_b': 'r', 'team': 'r', 'supervisor': ALL},
    # contact tags picked while editing a contact: managers add them, supervisors clean up
    'tag': {'manager_a': 'rcw', 'manager_b': 'rcw', 'team': 'rcw', 'supervisor': ALL},
    # records of A's customer: A and the team work them, B sees nothing, supervisors all
    'customer': {'manager_a': 'rcw', 'manager_b': NONE, 'team': 'rcw', 'supervisor': ALL},
    # a claim: like a customer's record, but any manager may claim a free prospect
    'claim': {'manager_a': 'rcw', 'manager_b': 'c', 'team': 'rcw', 'supervisor': ALL},
    # written by the classification cron only; supervisors may clean up
    'history': {'manager_a': 'r', 'manager_b': NONE, 'team': 'r', 'supervisor': 'ru'},
    # learned by the cron; managers add what they know (note, known interval)
    'cycle': {'manager_a': 'rw', 'manager_b': NONE, 'team': 'rw', 'supervisor': ALL},
    # SQL-view reports for supervisors
    'report': {'supervisor': 'r'},
    # the cards of My Maintenance: shipped as data, supervisors may rename them
    'home': {'manager_a': 'r', 'manager_b': 'r', 'team': 'r', 'supervisor': 'rw'},
}

# model, profile, values to write
MODELS = [
    ('customer.tier', 'config', {'sequence': 99}),
    ('customer.festival', 'config', {'sequence': 99}),
    ('customer.gift', 'config', {'story': 'Changed'}),
    ('customer.purchase.purpose', 'config', {'color': 3}),
    ('customer.hobby', 'tag', {'color': 3}),
    ('customer.relationship.event', 'customer', {'outcome': 'Changed'}),
    ('customer.prospect.claim', 'claim', {'note': 'Changed'}),
    ('customer.promotion.support', 'customer', {'description': 'Changed'}),
    ('customer.value.service', 'customer', {'outcome': 'Changed'}),
    ('customer.agreement', 'customer', {'terms': 'Changed'}),
    ('customer.abc.history', 'history', {'new_class': 'B'}),
    ('customer.consumption.cycle', 'cycle', {'note': 'Changed'}),
    ('customer.manager.kpi.report', 'report', {}),
    ('customer.manager.kpi.snapshot', 'report', {}),
    ('customer.consumption.forecast', 'report', {}),
    ('customer.maintenance.home', 'home', {'name': 'Changed'}),
]


class TestTrustAccessMatrix(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestTrustAccessMatrix, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.team_member = Users.create({
            'name': 'Team Member', 'login': 'cm_trust_team', 'email': 'team@example.com',
            'groups_id': [(6, 0, [cls.env.ref('customer_maintenance.group_user').id])]})
        cls.internal = Users.create({
            'name': 'Plain Employee', 'login': 'cm_trust_internal',
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])]})
        cls.portal = Users.create({
            'name': 'Portal User', 'login': 'cm_trust_portal',
            'groups_id': [(6, 0, [cls.env.ref('base.group_portal').id])]})
        cls.customer_a.write({'customer_team_ids': [(6, 0, [cls.team_member.id])]})
        Partner = cls.env['res.partner']
        cls.prospect_a = Partner.create({
            'name': 'Prospect of A', 'is_company': True, 'user_id': cls.manager_a.id,
            'customer_team_ids': [(6, 0, [cls.team_member.id])]})
        cls.users = {'manager_a': cls.manager_a, 'manager_b': cls.manager_b,
                     'team': cls.team_member, 'supervisor': cls.supervisor,
                     'internal': cls.internal, 'portal': cls.portal}
        env = cls.env
        cls.records = {
            'customer.tier': env['customer.tier'].create({'name': 'Trust tier', 'code': 'TRT'}),
            'customer.festival': env['customer.festival'].create({
                'name': 'Trust Day', 'calendar': 'solar', 'month': 3, 'day': 3}),
            'customer.gift': env['customer.gift'].create({'name': 'Trust tea', 'value': 10}),
            'customer.purchase.purpose': env['customer.purchase.purpose'].create(
                {'name': 'Trust purpose'}),
            'customer.hobby': env['customer.hobby'].create({'name': 'Trust hobby'}),
            'customer.maintenance.home': env.ref(
                'customer_maintenance.customer_maintenance_home_contacts'),
            'customer.relationship.event': env['customer.relationship.event'].create({
                'name': 'Call A', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
                'date': '2026-03-01'}),
            'customer.prospect.claim': env['customer.prospect.claim'].create({
                'partner_id': cls.prospect_a.id, 'user_id': cls.manager_a.id,
                'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'}),
            'customer.promotion.support': env['customer.promotion.support'].create({
                'name': 'Promo A', 'partner_id': cls.customer_a.id, 'cost': 10}),
            'customer.value.service': env['customer.value.service'].create({
                'name': 'Service A', 'partner_id': cls.customer_a.id, 'hours': 2}),
            'customer.agreement': env['customer.agreement'].create({
                'name': 'Agreement A', 'partner_id': cls.customer_a.id,
                'date_start': '2026-01-01', 'date_end': '2026-12-31'}),
            'customer.abc.history': env['customer.abc.history'].create({
                'partner_id': cls.customer_a.id, 'old_class': 'C', 'new_class': 'A',
                'date': '2026-03-01'}),
            'customer.consumption.cycle': env['customer.consumption.cycle'].create({
                'partner_id': cls.customer_a.id, 'product_id': cls.product.id}),
        }
        cls.seq = 0

    # ---------------------------------------------------------------- the operations
    def _create_vals(self, model):
        self.seq += 1
        name = 'Trust %s %d' % (model, self.seq)
        if model == 'customer.tier':
            return {'name': name, 'code': 'T%d' % self.seq}
        if model == 'customer.festival':
            return {'name': name, 'calendar': 'solar', 'month': 5, 'day': 5}
        if model in ('customer.gift', 'customer.purchase.purpose', 'customer.hobby'):
            return {'name': name}
        if model == 'customer.prospect.claim':
            prospect = self.env['res.partner'].create({'name': name, 'is_company': True})
            return {'partner_id': prospect.id, 'date_claim': '2026-03-01',
                    'date_expiry': '2026-06-01'}
        if model == 'customer.abc.history':
            return {'partner_id': self.customer_a.id, 'new_class': 'B', 'date': '2026-03-02'}
        if model == 'customer.consumption.cycle':
            product = self.env['product.product'].create({'name': name})
            return {'partner_id': self.customer_a.id, 'product_id': product.id}
        return {'name': name, 'partner_id': self.customer_a.id}

    def _run(self, model, operation, user, write_vals):
        """True when `user` may do `operation`, False when refused with an access error."""
        Model = self.env[model].sudo(user)
        record = self.records.get(model)
        if record is None:  # a report (SQL view, KPI snapshot): no record of its own to create
            if operation == 'read':
                Model.search_read([], ['id'], limit=1)
            else:
                Model.check_access_rights(operation)
            return True
        if operation == 'read':
            Model.browse(record.id).read([name for name in ('display_name',)])
            Model.search([('id', '=', record.id)])
            return bool(Model.search_count([('id', '=', record.id)]))
        if operation == 'create':
            vals = self._create_vals(model)  # as superuser: the prospect, the product
            Model.create(vals)
        elif operation == 'write':
            Model.browse(record.id).write(write_vals)
        else:
            Model.browse(record.id).unlink()
        return True

    def _allowed(self, model, operation, user, write_vals):
        self.env.cr.execute('SAVEPOINT trust_matrix')
        try:
            return self._run(model, operation, user, write_vals)
        except (AccessError, except_orm):
            return False
        finally:
            self.env.cr.execute('ROLLBACK TO SAVEPOINT trust_matrix')
            self.env.clear()

    # ---------------------------------------------------------------- the matrix
    def test_access_matrix(self):
        """Every model × role × operation: allowed exactly where the profile says."""
        failures = []
        checks = 0
        for model, profile, write_vals in MODELS:
            rights = PROFILES[profile]
            for role in ROLES:
                for operation in OPERATIONS:
                    expected = operation[0] in rights.get(role, NONE)
                    got = self._allowed(model, operation, self.users[role], write_vals)
                    checks += 1
                    if got != expected:
                        failures.append('%s %s %s: expected %s, got %s' % (
                            model, role, operation, 'allowed' if expected else 'refused',
                            'allowed' if got else 'refused'))
        print('access matrix: %d checks (%d models x %d roles x %d operations)'
              % (checks, len(MODELS), len(ROLES), len(OPERATIONS)))
        _logger.info('access matrix: %d checks, %d failures', checks, len(failures))
        self.assertFalse(failures, '\n'.join(failures))
        self.assertEqual(checks, len(MODELS) * len(ROLES) * len(OPERATIONS))

    def test_every_model_in_matrix(self):
        """A new model of the module cannot slip past the matrix."""
        names = {name for name, model in self.env.registry.items()
                 if model._original_module == 'customer_maintenance'
                 and not model._abstract and not model._transient}
        self.assertEqual(names - {m[0] for m in MODELS}, set())

    def test_no_rule_on_partner(self):
        """No restrictive rule on res.partner: B and a plain employee open A's customer."""
        rules = self.env['ir.rule'].search([
            ('model_id.model', '=', 'res.partner')]).filtered(
            lambda r: r.get_external_id().get(r.id, '').startswith('customer_maintenance.'))
        self.assertFalse(rules)
        for user in (self.manager_b, self.internal):
            Partner = self.env['res.partner'].sudo(user)
            for view_type in ('form', 'tree', 'kanban'):
                # what the web client reads when the user opens the customer
                fields = list(Partner.fields_view_get(view_type=view_type)['fields'])
                data = Partner.browse(self.customer_a.id).read(fields)
                self.assertEqual(data[0]['id'], self.customer_a.id)

    def test_team_member_loses_access_when_removed(self):
        """The team clause follows the team: removed from it, the member no longer sees it."""
        event = self.records['customer.relationship.event']
        self.assertTrue(event.sudo(self.team_member).search_count([('id', '=', event.id)]))
        self.customer_a.write({'customer_team_ids': [(5,)]})
        self.env.clear()
        self.assertFalse(event.sudo(self.team_member).search_count([('id', '=', event.id)]))

    def test_multi_company(self):
        """Records of another company are hidden, even from the supervisor."""
        other = self.env['res.company'].create({'name': 'Trust Other Co'})
        agreement = self.records['customer.agreement']
        agreement.company_id = other
        Agreement = self.env['customer.agreement'].sudo(self.supervisor)
        self.assertFalse(Agreement.search_count([('id', '=', agreement.id)]))
        self.supervisor.write({'company_ids': [(4, other.id)], 'company_id': other.id})
        self.env.clear()
        self.assertTrue(Agreement.search_count([('id', '=', agreement.id)]))
