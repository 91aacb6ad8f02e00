# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The access matrix: every model of customer_maintenance × role × operation.

One declarative table (`PROFILES` and `MODELS` below) says what each role may do with each
model. The models are enumerated from the registry (every model the module defines, wizards and
SQL reports included, abstract ones excepted): a model missing from the table fails the test, so
a new model cannot slip in unchecked. Each cell runs for real on a record of the model created by
the superuser: `has_access` (access rights and record rules) AND the ORM call itself (read a
field, write a field, create, unlink, flushed), in a savepoint rolled back after the cell.
"""
import logging
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError

from ..tools.today import today as cm_today
from .common import RolesCase

_logger = logging.getLogger(__name__)

OPERATIONS = ('read', 'write', 'create', 'unlink')

# role -> (user, which record it acts on): 'a' = a record of account manager A's customer (for
# a wizard: the acting user's own draft), 'b' = one of manager B's customer (a wizard: B's
# draft), 'foreign' = a record of a company the user does not work in
ROLES = {
    'internal': ('internal', 'a'),        # an employee without the module's groups
    'portal': ('portal', 'a'),
    'own': ('manager_a', 'a'),            # account manager A, his own customer's record
    'team': ('team', 'a'),                # a member of the customer team of A's customer
    'other': ('manager_a', 'b'),          # account manager A, another manager's record
    'supervisor': ('supervisor', 'a'),
    'foreign': ('supervisor', 'foreign'),  # the supervisor, another company's record
    'admin': ('admin', 'a'),
}

# What a role may do, one character per operation in the order read, write, create, unlink:
# the operation's letter = allowed; '-' = refused by the access rights (ir.model.access);
# '#' = refused by a record rule (not the role's customer, draft or company). A role left out
# of a profile may do nothing ('----'); 'foreign' only exists for the models bound to a company.
PROFILES = {
    # configuration: the module's users read it, supervisors change it
    'config': {'own': 'r---', 'team': 'r---', 'other': 'r---', 'supervisor': 'rwcu',
               'admin': 'rwcu'},
    # configuration of a company (gifts): the same, in the companies one works in only
    'config_company': {'own': 'r---', 'team': 'r---', 'other': 'r---', 'supervisor': 'rwcu',
                       'foreign': '####', 'admin': 'rwcu'},
    # tags picked while editing a contact: managers add them, supervisors clean up
    'tag': {'own': 'rwc-', 'team': 'rwc-', 'other': 'rwc-', 'supervisor': 'rwcu',
            'admin': 'rwcu'},
    # records of a customer (events, ledgers): its manager and team work them, other managers
    # see nothing, nobody but a supervisor deletes (the KPIs count them)
    'customer': {'own': 'rwc-', 'team': 'rwc-', 'other': '###-', 'supervisor': 'rwcu',
                 'foreign': '####', 'admin': 'rwcu'},
    # a claim: like a customer's record, but any manager may claim a free prospect
    'claim': {'own': 'rwc-', 'team': 'rwc-', 'other': '##c-', 'supervisor': 'rwcu',
              'foreign': '####', 'admin': 'rwcu'},
    # written by the classification only; supervisors may clean up
    'history': {'own': 'r---', 'team': 'r---', 'other': '#---', 'supervisor': 'r--u',
                'foreign': '#--#', 'admin': 'r--u'},
    # learned by the nightly job; managers add what they know (the known interval, a note)
    'cycle': {'own': 'rw--', 'team': 'rw--', 'other': '##--', 'supervisor': 'rwcu',
              'foreign': '####', 'admin': 'rwcu'},
    # the supervisors' reports (SQL or written by the nightly job): read only
    'report': {'supervisor': 'r---', 'admin': 'r---'},
    'report_company': {'supervisor': 'r---', 'foreign': '#---', 'admin': 'r---'},
    # the cards of My Maintenance: shipped as data, supervisors may rename them
    'home': {'own': 'r---', 'team': 'r---', 'other': 'r---', 'supervisor': 'rw--',
             'admin': 'rw--'},
    # incentive statements: a manager reads his own, a supervisor those of his companies and
    # only as long as they are open may change them (the job writes the lines, never a user)
    'statement': {'own': 'r---', 'team': '#---', 'other': '#---', 'supervisor': 'rw--',
                  'foreign': '##--', 'admin': 'rw--'},
    'statement_line': {'own': 'r---', 'team': '#---', 'other': '#---', 'supervisor': 'r---',
                       'foreign': '#---', 'admin': 'r---'},
    # supervisors' wizards; a draft is its user's own
    'supervisor_wizard': {'supervisor': 'rwcu', 'admin': 'rwcu'},
    'supervisor_wizard_kept': {'supervisor': 'rwc-', 'admin': 'rwc-'},
    # account managers' wizards; another user's draft is not theirs to read or change
    'user_wizard': {'own': 'rwc-', 'team': 'rwc-', 'other': '##c-', 'supervisor': 'rwc-',
                    'admin': 'rwc-'},
}

# model -> (profile, a field read and written, the value written)
MODELS = {
    'customer.tier': ('config', 'sequence', 99),
    'customer.festival': ('config', 'sequence', 99),
    'customer.purchase.purpose': ('config', 'color', 3),
    'customer.gift': ('config_company', 'story', 'Changed'),
    'customer.hobby': ('tag', 'color', 3),
    'customer.maintenance.home': ('home', 'name', 'Changed'),
    'customer.relationship.event': ('customer', 'outcome', 'Changed'),
    'customer.promotion.support': ('customer', 'description', 'Changed'),
    'customer.value.service': ('customer', 'outcome', 'Changed'),
    'customer.agreement': ('customer', 'terms', 'Changed'),
    'customer.prospect.claim': ('claim', 'note', 'Changed'),
    'customer.abc.history': ('history', 'new_class', 'B'),
    'customer.rfm.history': ('history', 'new_segment', 'lost'),
    'customer.health.history': ('history', 'score', 50),
    'customer.consumption.cycle': ('cycle', 'note', 'Changed'),
    'customer.manager.kpi.snapshot': ('report_company', 'customers_kept', 9),
    'customer.manager.kpi.report': ('report_company', 'customers_kept', 9),
    'customer.consumption.forecast': ('report_company', 'expected_qty', 9.0),
    'customer.route.report': ('report_company', 'km', 9.0),
    'customer.route.handover.report': ('report_company', 'own_km', 9.0),
    'customer.handover.wizard': ('supervisor_wizard', 'note', 'Changed'),
    'customer.incentive.plan': ('config_company', 'name', 'Changed'),
    'customer.handover.log': ('report_company', 'date', '2026-01-02'),
    'customer.incentive.statement': ('statement', 'customers_won', 9),
    'customer.incentive.statement.line': ('statement_line', 'note', 'Changed'),
    'customer.incentive.correction.wizard': ('supervisor_wizard', 'reason', 'Changed'),
    'customer.regional.care.wizard': ('supervisor_wizard_kept', 'description', 'Changed'),
    'customer.relationship.event.done.wizard': ('user_wizard', 'outcome', 'Changed'),
    'customer.contact.left.wizard': ('user_wizard', 'reason', 'Changed'),
}
# records computed from others (SQL views): read from the registry, never created
COMPUTED = {'customer.manager.kpi.report', 'customer.consumption.forecast',
            'customer.route.report', 'customer.route.handover.report'}
# bound to the companies of their account manager (no company or customer of their own)
MANAGER_COMPANY_MODELS = {'customer.manager.kpi.snapshot', 'customer.manager.kpi.report'}


def expected(model, role):
    """The 4-character code of `role` on `model`, from the table."""
    return PROFILES[MODELS[model][0]].get(role, '----')


def module_models(registry):
    """Every model customer_maintenance defines (its own `_name`), abstract ones excepted."""
    return {name for name, model in registry.items()
            if model._original_module == 'customer_maintenance' and not model._abstract}


class TestAccessMatrix(RolesCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # another company, where the supervisor does not work
        cls.foreign_company = env['res.company'].create({'name': 'Matrix Other Company'})
        cls.manager_foreign = env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Matrix Manager Elsewhere', 'login': 'cm_matrix_foreign',
            'company_id': cls.foreign_company.id,
            'company_ids': [Command.set(cls.foreign_company.ids)],
            'groups_id': [Command.set([env.ref('customer_maintenance.group_user').id])]})
        cls.customer_foreign = env['res.partner'].create({
            'name': 'Customer of the other company', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id, 'company_id': cls.foreign_company.id})
        cls.state = env['res.country.state'].search([], limit=1)
        cls.month = cm_today(env).replace(day=1)
        cls.seq = 0
        cls.records = {}
        for model in MODELS:
            if model in COMPUTED or env[model]._transient:
                continue
            for side in cls._sides(model):
                if model == 'customer.maintenance.home':
                    # one card per kind of work: the shipped card is the record
                    cls.records[model, side] = env.ref(
                        'customer_maintenance.customer_maintenance_home_contacts')
                    continue
                cls.records[model, side] = env[model].create(cls._vals(model, side))
        # the SQL reports' rows, from the records above
        env.flush_all()
        cycles = {side: cls.records['customer.consumption.cycle', side]
                  for side in ('a', 'b', 'foreign')}
        Forecast = env['customer.consumption.forecast']
        for side, cycle in cycles.items():
            cls.records['customer.consumption.forecast', side] = Forecast.search(
                [('cycle_id', '=', cycle.id)], limit=1)
        Report = env['customer.manager.kpi.report']
        for side, user in (('a', cls.manager_a), ('b', cls.manager_b),
                           ('foreign', cls.manager_foreign)):
            cls.records['customer.manager.kpi.report', side] = Report.search(
                [('user_id', '=', user.id), ('date', '=', cls.month)], limit=1)
        cls._route_report_records()

    @classmethod
    def _route_report_records(cls):
        """The route reports' rows: the events above made visits (routed at once, today's
        week) at located customers."""
        env = cls.env
        customers = {'a': cls.customer_a, 'b': cls.customer_b, 'foreign': cls.customer_foreign}
        for side, customer in customers.items():
            customer.write({'partner_latitude': 31.2, 'partner_longitude': 121.4})
            event = cls.records['customer.relationship.event', side]
            event.write({'channel': 'visit', 'date': cm_today(env)})
        env.flush_all()
        for side, customer in customers.items():
            event = cls.records['customer.relationship.event', side]
            cls.records['customer.route.report', side] = env['customer.route.report'].search(
                [('user_id', '=', event.user_id.id), ('company_id', '=', event.company_id.id)],
                limit=1)
            cls.records['customer.route.handover.report', side] = env[
                'customer.route.handover.report'].search(
                [('partner_id', '=', customer.id)], limit=1)

    @classmethod
    def _sides(cls, model):
        return ('a', 'b', 'foreign') if 'foreign' in PROFILES[MODELS[model][0]] else ('a', 'b')

    # ---------------------------------------------------------------- the records
    @classmethod
    def _vals(cls, model, side):
        """Values of a new record of `model` on `side` (fresh names, codes, prospects and
        products each call: a create cell must not clash with the fixture)."""
        cls.seq += 1
        env, n = cls.env, cls.seq
        name = 'Matrix %s %d' % (model, n)
        foreign = side == 'foreign'
        company = cls.foreign_company if foreign else env.company
        customer = {'a': cls.customer_a, 'b': cls.customer_b,
                    'foreign': cls.customer_foreign}[side]
        manager = cls.manager_b if side == 'b' else cls.manager_a
        if model == 'customer.tier':
            return {'name': name, 'code': 'MX%d' % n}
        if model == 'customer.festival':
            return {'name': name, 'calendar': 'solar', 'month': 5, 'day': 5}
        if model in ('customer.purchase.purpose', 'customer.hobby'):
            return {'name': name}
        if model == 'customer.gift':
            return {'name': name, 'value': 10, 'company_id': company.id}
        if model == 'customer.maintenance.home':
            return {'name': name, 'code': 'contacts'}
        if model in ('customer.relationship.event', 'customer.promotion.support',
                     'customer.value.service'):
            return {'name': name, 'partner_id': customer.id, 'company_id': company.id}
        if model == 'customer.agreement':
            return {'name': name, 'partner_id': customer.id, 'company_id': company.id,
                    'date_start': '2026-01-01', 'date_end': '2026-12-31'}
        if model == 'customer.prospect.claim':
            prospect = env['res.partner'].create({
                'name': 'Prospect %s' % name, 'is_company': True, 'user_id': manager.id,
                'pipeline_stage': 'prospect', 'company_id': foreign and company.id,
                'customer_team_ids': [Command.set(cls.team.ids if side == 'a' else [])]})
            return {'partner_id': prospect.id, 'company_id': company.id,
                    'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'}
        if model == 'customer.abc.history':
            return {'partner_id': customer.id, 'old_class': 'C', 'new_class': 'A',
                    'date': '2026-03-01', 'company_id': company.id}
        if model == 'customer.health.history':
            return {'partner_id': customer.id, 'month': '2026-03-01', 'score': 35,
                    'label': 'at_risk', 'company_id': company.id}
        if model == 'customer.rfm.history':
            return {'partner_id': customer.id, 'old_segment': 'loyal', 'new_segment': 'at_risk',
                    'is_slipping': True, 'date': '2026-03-01', 'company_id': company.id}
        if model == 'customer.consumption.cycle':
            product = env['product.product'].create({'name': 'Product %s' % name})
            return {'partner_id': customer.id, 'product_id': product.id, 'state': 'active',
                    'avg_qty': 5.0, 'avg_interval_days': 30.0, 'last_qty': 5.0,
                    'next_due_date': cm_today(env) + timedelta(days=10)}
        if model == 'customer.manager.kpi.snapshot':
            user = cls.manager_foreign if foreign else manager
            return {'user_id': user.id, 'date': cls.month, 'customers_kept': 1}
        if model == 'customer.incentive.plan':
            return {'name': name, 'company_id': company.id,
                    'date_from': '%d-01-01' % (1000 + n), 'date_to': '%d-12-31' % (1000 + n)}
        if model == 'customer.handover.log':
            other = cls.manager_a if manager == cls.manager_b else cls.manager_b
            return {'partner_id': customer.id, 'date': '2026-01-01', 'from_user_id': manager.id,
                    'to_user_id': other.id}
        if model == 'customer.incentive.statement':
            user = cls.manager_foreign if foreign else manager
            return {'user_id': user.id, 'company_id': company.id,
                    'month': '%d-01-01' % (1900 + n)}
        if model == 'customer.incentive.statement.line':
            return {'statement_id': cls.records['customer.incentive.statement', side].id,
                    'partner_id': customer.id, 'rule': 'correction', 'amount': 10}
        if model == 'customer.incentive.correction.wizard':
            return {'statement_id': cls.records['customer.incentive.statement', side].id,
                    'amount': 10, 'reason': 'Late order'}
        if model == 'customer.handover.wizard':
            return {'from_user_id': cls.manager_a.id, 'to_user_id': cls.manager_b.id,
                    'partner_ids': [Command.set(customer.ids)]}
        if model == 'customer.regional.care.wizard':
            return {'description': 'Typhoon %d' % n, 'state_ids': [Command.set(cls.state.ids)]}
        if model == 'customer.relationship.event.done.wizard':
            return {'event_id': cls.records['customer.relationship.event', side].id,
                    'outcome': 'Talked'}
        if model == 'customer.contact.left.wizard':
            contact = cls.contact_b if side == 'b' else cls.contact_a
            return {'contact_id': contact.id, 'reason': 'Moved away'}
        # the SQL reports are never created: their rows come from the records above
        return {}

    def _record(self, model, side, user):
        """The record a cell acts on. A wizard's 'a' record is the acting user's own draft, its
        'b' record a draft of account manager B (created as superuser in their name)."""
        if self.env[model]._transient:
            owner = self.manager_b if side == 'b' else user
            return self.env[model].with_user(owner).sudo().create(self._vals(model, side))
        return self.records[model, side]

    # ---------------------------------------------------------------- one cell
    def _cell(self, model, role, operation):
        """What happens when `role` does `operation` on `model`: (has_access, the ORM call
        went through, the record is found by search) — search only for read."""
        _profile, field, value = MODELS[model]
        user_key, side = ROLES[role]
        user = self.users[user_key]
        # every cell is rolled back, whatever it did: the next one starts from the fixture
        savepoint = self.env.cr.savepoint()
        try:
            record = self._record(model, side, user)
            Model = self.env[model].with_user(user)
            target = Model if operation == 'create' else Model.browse(record.id)
            allowed = target.has_access(operation)
            try:
                if operation == 'read':
                    target.read([field])
                elif operation == 'write':
                    target.write({field: value})
                elif operation == 'create':
                    Model.create(self._vals(model, side))
                else:
                    target.unlink()
                self.env.flush_all()
                done = True
            except AccessError:
                done = False
            found = None
            if operation == 'read':
                try:
                    found = bool(Model.search_count([('id', '=', record.id)]))
                except AccessError:
                    found = None
        finally:
            savepoint.close(rollback=True)
        return allowed, done, found

    @staticmethod
    def _expectation(code, operation):
        """(has_access, ORM call goes through, found by search) for one character of the table."""
        if code == '-':
            return False, False, None
        if code == '#':
            # for a new record, has_access('create') asks the model only; the rule refuses the
            # record once created
            return operation == 'create', False, (False if operation == 'read' else None)
        return True, True, (True if operation == 'read' else None)

    # ---------------------------------------------------------------- the matrix
    def test_access_matrix(self):
        cells = 0
        for model in sorted(MODELS):
            for role in ROLES:
                if role == 'foreign' and 'foreign' not in PROFILES[MODELS[model][0]]:
                    continue
                code = expected(model, role)
                for index, operation in enumerate(OPERATIONS):
                    cells += 1
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            self._cell(model, role, operation),
                            self._expectation(code[index], operation))
        company_bound = sum('foreign' in PROFILES[profile] for profile, *_ in MODELS.values())
        self.assertEqual(cells, len(MODELS) * (len(ROLES) - 1) * 4 + company_bound * 4)
        print('access matrix: %d cells checked (%d models x %d roles x %d operations, the '
              'other-company role on the %d models bound to a company)'
              % (cells, len(MODELS), len(ROLES) - 1, len(OPERATIONS), company_bound))
        _logger.info('access matrix: %d cells checked', cells)

    def test_every_model_in_table(self):
        """A model of the module missing from the table (or a table row for a model that is
        gone) fails here: a new model cannot slip past the matrix."""
        ours = module_models(self.env.registry)
        self.assertGreaterEqual(len(ours), 20)
        self.assertEqual(sorted(ours - set(MODELS)), [], 'models missing from the table')
        self.assertEqual(sorted(set(MODELS) - ours), [], 'table rows of no model of the module')
        for model in MODELS:
            with self.subTest(model=model):
                self.assertIn(MODELS[model][0], PROFILES)
                self.assertIn(MODELS[model][1], self.env[model]._fields)
                for role, code in PROFILES[MODELS[model][0]].items():
                    self.assertIn(role, ROLES)
                    self.assertEqual(len(code), 4)

    def test_company_bound_models(self):
        """A model with a company of its own, a customer (whose company it follows) or an
        account manager as its subject (the KPIs: his companies) is in a profile with the
        other-company role and has a global multi-company rule; the others have neither.
        Wizards are drafts of their user (no company rule needed)."""
        Rule = self.env['ir.rule']
        for model in MODELS:
            Model = self.env[model]
            has_company = ('company_id' in Model._fields or 'partner_id' in Model._fields
                           or model in MANAGER_COMPANY_MODELS)
            bound = 'foreign' in PROFILES[MODELS[model][0]]
            with self.subTest(model=model):
                rules = Rule.search([('model_id.model', '=', model), ('global', '=', True)])
                self.assertEqual(bool(rules), bound)
                if not Model._transient:
                    self.assertEqual(has_company, bound)

    def test_kpis_follow_the_managers_companies(self):
        """A supervisor evaluates the account managers of the companies he works in: those of
        another company appear once that company is active in his switcher."""
        models = ('customer.manager.kpi.report', 'customer.manager.kpi.snapshot')
        main, both = self.env.company.ids, [self.env.company.id, self.foreign_company.id]
        cases = [('not his company', None, False), ('his, not active', main, False),
                 ('his and active', both, True)]
        for label, active, seen in cases:
            if active:
                self.supervisor.company_ids = [Command.link(self.foreign_company.id)]
            for model in models:
                with self.subTest(label, model=model):
                    Model = self.env[model].with_user(self.supervisor)
                    if active:
                        Model = Model.with_context(allowed_company_ids=active)
                    managers = Model.search([]).user_id
                    self.assertIn(self.manager_a, managers)
                    self.assertEqual(self.manager_foreign in managers, seen)

    def test_drafts_are_their_users(self):
        """A wizard is its user's draft: another supervisor can neither read nor change a
        supervisor's hand-over before it is confirmed."""
        other = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Matrix Supervisor 2', 'login': 'cm_matrix_sup2',
            'groups_id': [Command.set([self.env.ref('customer_maintenance.group_manager').id])]})
        for model in ('customer.handover.wizard', 'customer.regional.care.wizard'):
            with self.subTest(model=model):
                draft = self._record(model, 'a', self.supervisor)
                theirs = draft.with_user(other)
                self.assertFalse(theirs.has_access('read'))
                with self.assertRaises(AccessError):
                    theirs.read([MODELS[model][1]])
                with self.assertRaises(AccessError):
                    theirs.write({MODELS[model][1]: 'Changed'})
                self.assertEqual(draft.with_user(self.supervisor).read(['create_uid'])[0][
                    'create_uid'][0], self.supervisor.id)

    def test_team_member_loses_access_when_removed(self):
        """The team clause of the record rules follows the customer team: a member taken off
        the team no longer sees the customer's records."""
        models = [model for model, (profile, *_rest) in MODELS.items()
                  if not self.env[model]._transient
                  and PROFILES[profile].get('team', '----')[0] == 'r'
                  and PROFILES[profile].get('other', '----')[0] == '#']
        self.assertGreaterEqual(len(models), 7)
        records = {model: self.records[model, 'a'] for model in models}
        for model, record in records.items():
            with self.subTest(model=model, team='member'):
                self.assertEqual(self.env[model].with_user(self.team).search_count(
                    [('id', '=', record.id)]), 1)
        prospect = self.records['customer.prospect.claim', 'a'].partner_id
        (self.customer_a | prospect).write({'customer_team_ids': [Command.clear()]})
        for model, record in records.items():
            with self.subTest(model=model, team='removed'):
                Model = self.env[model].with_user(self.team)
                self.assertEqual(Model.search_count([('id', '=', record.id)]), 0)
                self.assertFalse(Model.browse(record.id).has_access('read'))
