# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The method access matrix: every public method of the module's models × role × transport.

A method without a leading `_` is an entry point: any logged-in user can call it through
`/web/dataset/call_kw` (the web client) and XML-RPC's `execute_kw`, portal users included.
The methods are enumerated from the registry: every name a class of the module defines that
Odoo's `get_public_method` lets through (so `@api.private` and `init` are not entry points).
A public method missing from `METHODS` fails `test_every_public_method_in_table`.

Each cell calls the method for real, as the role, through one transport, in a savepoint
rolled back after it, and compares what happened with the table: it ran ('y'), or it was
refused with an AccessError ('a') or a UserError ('u') — and then no statement that writes
(INSERT, UPDATE, DELETE...) reached the database, from the ORM or from raw SQL.

The overrides of Odoo's ORM methods (`create`, `write`, `default_get`, the settings'
`get_values`/`set_values`) keep the rights of their model: the model access matrix
(test_access_matrix.py) checks them, and `ORM_METHODS` lists them so that they are not mistaken
for new entry points.
"""
import logging
import re
from contextlib import contextmanager
from unittest.mock import patch

import odoo
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.service.model import execute_cr, get_public_method
from odoo.tools import SQL

from ..tools.caller import is_scheduler
from ..tools.today import today as cm_today
from .common import RolesCase

_logger = logging.getLogger(__name__)

# the roles of the model matrix (tests/test_access_matrix.py), in the order of a row's code:
# role -> (user, the side of the fixture it acts on: 'a' = account manager A's customer,
# 'b' = account manager B's)
ROLES = {
    'portal': ('portal', 'a'),
    'internal': ('internal', 'a'),     # an employee without the module's groups
    'own': ('manager_a', 'a'),         # account manager A, his own customer
    'team': ('team', 'a'),             # a member of the customer team of A's customer
    'other': ('manager_a', 'b'),       # account manager A, another manager's customer
    'supervisor': ('supervisor', 'a'),
    'admin': ('admin', 'a'),
}
TRANSPORTS = ('call_kw', 'execute_kw')

# expected outcome per role, one character each in the order of ROLES: y = runs, a = refused
# with an AccessError, u = refused with a UserError (a rule of the method says who may)
PROFILES = {
    # the scheduled actions: the scheduler and the supervisors ("Run now") only
    'job': 'aaaaayy',
    # the supervisors' buttons
    'supervisor': 'aaaaayy',
    # a button that changes a customer's record: who may write it
    'record': 'aayyayy',
    # a button that opens a customer's records (a list, a wizard, a print): who may read it
    'record_read': 'aayyayy',
    # opens a list of the module's records (its rules filter what each one sees)
    'module_list': 'aayyyyy',
    # the claimer or a supervisor: a team member is told who may; another manager's claim is
    # not his to read
    'claimer': 'aayuayy',
    # the same from the prospect's page (which any user of the module may open): told who may
    'claimer_partner': 'aayuuyy',
    # any account manager may claim a free prospect
    'claim': 'aayyyyy',
    # a contact leaving: the customer's account manager or a supervisor; the team and other
    # managers are told who may
    'contact_left': 'aayuuyy',
    # the configuration, read by every user of the module
    'config_read': 'aayyyyy',
    # a supervisor's wizard
    'supervisor_wizard': 'aaaaayy',
    # a button on the user's own day: a user of the module with nothing that day is told so
    'own_day': 'aauuuuu',
}

# (model, method) -> (profile, the record it is called on (None: @api.model), args, kwargs).
# A record is a key of the fixture (`_target`); a wizard is the acting user's own draft.
METHODS = {
    # ---------------------------------------------------------------- the scheduled actions
    ('res.partner', 'cron_classify_customers'): ('job', None, (), {}),
    ('res.partner', 'cron_update_credit_ratings'): ('job', None, (), {}),
    ('customer.manager.kpi.snapshot', 'cron_refresh_manager_kpi'): ('job', None, (), {}),
    ('customer.relationship.event', 'cron_plan_relationship_events'): ('job', None, (), {}),
    ('customer.consumption.cycle', 'cron_learn_consumption_cycles'): ('job', None, (), {}),
    ('customer.prospect.claim', 'cron_expire_prospect_claims'): ('job', None, (), {}),
    ('customer.agreement', 'cron_agreement_renewal'): ('job', None, (), {}),
    ('customer.review.digest', 'cron_weekly_review_digest'): ('job', None, (), {}),
    ('customer.relationship.event', 'cron_plan_collection_calls'): ('job', None, (), {}),
    ('res.partner', 'cron_segment_customers_rfm'): ('job', None, (), {}),
    ('res.partner', 'cron_score_customer_health'): ('job', None, (), {}),
    # ---------------------------------------------------------------- supervisors' buttons
    ('res.partner', 'action_classify_now'): ('supervisor', None, (), {}),
    ('customer.manager.kpi.snapshot', 'action_refresh'): ('supervisor', None, (), {}),
    ('res.partner', 'action_mark_reviewed'): ('supervisor', 'customer', (), {}),
    ('customer.handover.wizard', 'action_handover'): ('supervisor_wizard', 'handover', (), {}),
    ('customer.regional.care.wizard', 'action_create_events'): (
        'supervisor_wizard', 'regional', (), {}),
    # ---------------------------------------------------------------- incentives
    ('customer.incentive.statement', 'cron_compute_incentive_statements'): (
        'job', None, (), {}),
    ('customer.incentive.statement', 'action_compute_now'): ('supervisor', None, (), {}),
    ('customer.incentive.statement', 'action_confirm'): ('supervisor', 'statement', (), {}),
    ('customer.incentive.statement', 'action_correction'): (
        'supervisor', 'confirmed', (), {}),
    ('customer.incentive.correction.wizard', 'action_apply'): (
        'supervisor_wizard', 'correction', (), {}),
    # ---------------------------------------------------------------- a customer's records
    ('customer.agreement', 'action_activate'): ('record', 'agreement', (), {}),
    ('customer.agreement', 'action_cancel'): ('record', 'agreement', (), {}),
    ('customer.agreement', 'action_draft'): ('record', 'agreement', (), {}),
    ('customer.promotion.support', 'action_plan'): ('record', 'promotion', (), {}),
    ('customer.promotion.support', 'action_done'): ('record', 'promotion', (), {}),
    ('customer.promotion.support', 'action_cancel'): ('record', 'promotion', (), {}),
    ('customer.relationship.event', 'action_cancel'): ('record', 'event', (), {}),
    ('customer.relationship.event', 'action_done'): ('record_read', 'event', (), {}),
    ('customer.relationship.event', 'action_send_greeting'): ('record_read', 'event', (), {}),
    ('customer.relationship.event.done.wizard', 'action_confirm'): ('record', 'done', (), {}),
    ('customer.consumption.cycle', 'action_view_replenishment_events'): (
        'record_read', 'cycle', (), {}),
    ('customer.prospect.claim', 'action_release'): ('claimer', 'claim', (), {}),
    ('customer.prospect.claim', 'action_renew'): ('claimer', 'claim', (), {}),
    ('res.partner', 'action_claim_prospect'): ('claim', 'prospect', (), {}),
    ('res.partner', 'action_release_claim'): ('claimer_partner', 'claimed', (), {}),
    ('res.partner', 'action_renew_claim'): ('claimer_partner', 'claimed', (), {}),
    ('res.partner', 'action_contact_left'): ('module_list', 'contact', (), {}),
    ('customer.contact.left.wizard', 'action_confirm'): ('contact_left', 'left', (), {}),
    # the customer's manager, team and the supervisors (issue 20 §3: the profile card)
    ('res.partner', 'action_print_profile_card'): ('record_read', 'customer', (), {}),
    # ---------------------------------------------------------------- lists of records
    ('res.partner', 'action_view_agreement'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_promotion_support'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_value_service'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_relationship_events'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_consumption_cycles'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_prospect_claims'): ('module_list', 'customer', (), {}),
    ('res.partner', 'action_view_collection_events'): ('module_list', 'customer', (), {}),
    ('product.template', 'action_view_consumption_cycles'): ('module_list', 'template', (), {}),
    ('customer.tier', 'action_view_partners'): ('config_read', 'tier', (), {}),
    ('customer.maintenance.home', 'action_open'): ('config_read', 'home', (), {}),
    ('customer.festival', 'date_in_year'): ('config_read', 'festival', (2027,), {}),
    # ---------------------------------------------------------------- visit routes
    ('customer.relationship.event', 'cron_plan_routes'): ('job', None, (), {}),
    ('customer.relationship.event', 'action_plan_my_route'): ('module_list', None, (), {}),
    ('customer.relationship.event', 'action_print_day_sheet'): ('own_day', None, (), {}),
}

# Odoo's ORM methods the module overrides: the rights of their model apply (model matrix)
ORM_METHODS = {'create', 'write', 'unlink', 'default_get', 'get_values', 'set_values'}

# a statement that writes, anywhere in it (a data-modifying CTE included)
WRITE = re.compile(r'\b(INSERT\s+INTO|UPDATE\s+"?\w+"?\s+(AS\s+\w+\s+)?SET|DELETE\s+FROM|'
                   r'TRUNCATE|ALTER\s+TABLE|CREATE\s+TABLE|DROP\s+TABLE)\b', re.IGNORECASE)


def module_public_methods(env):
    """{(model, method)} of every public method a class of customer_maintenance defines on
    a model of the registry (its own models and its extensions of Odoo's)."""
    found = set()
    for name in env.registry:
        Model = env[name]
        for klass in type(Model).mro():
            if not klass.__module__.startswith('odoo.addons.customer_maintenance.'):
                continue
            for attr, value in vars(klass).items():
                if attr.startswith('_') or not callable(value):
                    continue
                try:
                    get_public_method(Model, attr)
                except (AccessError, AttributeError):
                    continue
                found.add((name, attr))
    return found


class TestMethodAccessMatrix(RolesCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = cm_today(env)
        cls.today = today
        cls.fixture = {}
        for side, customer, manager in (('a', cls.customer_a, cls.manager_a),
                                        ('b', cls.customer_b, cls.manager_b)):
            team = cls.team.ids if side == 'a' else []
            prospect = env['res.partner'].create({
                'name': 'Free prospect %s' % side, 'is_company': True,
                'pipeline_stage': 'prospect', 'customer_team_ids': [Command.set(team)]})
            claimed = env['res.partner'].create({
                'name': 'Claimed prospect %s' % side, 'is_company': True,
                'pipeline_stage': 'prospect', 'user_id': manager.id,
                'customer_team_ids': [Command.set(team)]})
            product = env['product.product'].create({'name': 'Method matrix oil %s' % side})
            cls.fixture[side] = {
                'customer': customer,
                'contact': cls.contact_a if side == 'a' else cls.contact_b,
                'agreement': env['customer.agreement'].create({
                    'name': 'Agreement %s' % side, 'partner_id': customer.id,
                    'date_start': today, 'date_end': today.replace(year=today.year + 1)}),
                'promotion': env['customer.promotion.support'].create({
                    'name': 'Promotion %s' % side, 'partner_id': customer.id}),
                'event': env['customer.relationship.event'].create({
                    'name': 'Call %s' % side, 'partner_id': customer.id,
                    'user_id': manager.id, 'date': today}),
                'cycle': env['customer.consumption.cycle'].create({
                    'partner_id': customer.id, 'product_id': product.id, 'state': 'active',
                    'avg_qty': 5.0, 'avg_interval_days': 30.0, 'last_qty': 5.0}),
                'prospect': prospect,
                'claimed': claimed,
                'claim': env['customer.prospect.claim'].create({
                    'partner_id': claimed.id, 'user_id': manager.id}),
                'template': product.product_tmpl_id,
                'tier': env.ref('customer_maintenance.customer_tier_key'),
                'home': env.ref('customer_maintenance.customer_maintenance_home_contacts'),
                'festival': env.ref('customer_maintenance.customer_festival_spring'),
                # the manager's statements of months gone by: one open, one confirmed
                'statement': env['customer.incentive.statement'].create({
                    'user_id': manager.id, 'month': today.replace(day=1, year=today.year - 1)}),
                'confirmed': env['customer.incentive.statement'].create({
                    'user_id': manager.id, 'month': today.replace(day=1, year=today.year - 2),
                }),
            }
            cls.fixture[side]['confirmed'].action_confirm()
        cls.state = env['res.country.state'].search([], limit=1)

    # ---------------------------------------------------------------- the record of a cell
    def _target(self, key, side, user):
        """The record a cell calls its method on; a wizard is a draft of the acting user
        (created as superuser in his name: a portal user could not create it)."""
        records = self.fixture[side]
        drafts = {
            'done': lambda: ('customer.relationship.event.done.wizard', {
                'event_id': records['event'].id, 'outcome': 'Talked', 'date': self.today}),
            'left': lambda: ('customer.contact.left.wizard', {
                'contact_id': records['contact'].id, 'reason': 'Moved away'}),
            'handover': lambda: ('customer.handover.wizard', {
                'from_user_id': self.manager_a.id, 'to_user_id': self.manager_b.id,
                'partner_ids': [Command.set(records['customer'].ids)]}),
            'regional': lambda: ('customer.regional.care.wizard', {
                'description': 'Typhoon', 'state_ids': [Command.set(self.state.ids)]}),
            'correction': lambda: ('customer.incentive.correction.wizard', {
                'statement_id': records['confirmed'].id, 'amount': 10,
                'reason': 'Late order'}),
        }
        if key in drafts:
            model, vals = drafts[key]()
            return self.env[model].with_user(user).sudo().create(vals)
        return records[key]

    # ---------------------------------------------------------------- the transports
    @staticmethod
    def _args(ids, args):
        return ([ids] if ids is not None else []) + list(args)

    def _call_kw(self, user, model, method, ids, args, kwargs):
        """As the web client: `/web/dataset/call_kw` checks the name, then `api.call_kw`."""
        Model = self.env(user=user, context={'lang': user.lang or 'en_US'})[model]
        get_public_method(Model, method)
        return odoo.api.call_kw(Model, method, self._args(ids, args), kwargs)

    def _execute_kw(self, user, model, method, ids, args, kwargs):
        """As XML-RPC's `execute_kw` (odoo.service.model), on the test's cursor."""
        # the service commits a call that went through: here the cell's savepoint is undone
        with patch.object(self.env.cr, 'commit', lambda: None):
            return execute_cr(self.env.cr, user.id, model, method, *self._args(ids, args),
                              **kwargs)

    @contextmanager
    def _writes(self):
        """The statements that write, sent while the block runs."""
        cursor_class = type(self.env.cr)
        original = cursor_class.execute
        seen = []

        def execute(cursor, query, params=None, log_exceptions=True):
            text = query.code if isinstance(query, SQL) else str(query)
            if WRITE.search(text):
                seen.append(' '.join(text.split())[:160])
            return original(cursor, query, params, log_exceptions)

        with patch.object(cursor_class, 'execute', execute):
            yield seen

    # ---------------------------------------------------------------- one cell
    def _cell(self, model, method, role, transport):
        """('y' | 'a' | 'u', the writes sent) of one cell."""
        _profile, key, args, kwargs = METHODS[model, method]
        user_key, side = ROLES[role]
        user = self.users[user_key]
        savepoint = self.env.cr.savepoint()
        try:
            ids = self._target(key, side, user).ids if key else None
            # a request starts with nothing in the cache: every read is checked
            self.env.flush_all()
            self.env.invalidate_all()
            call = self._call_kw if transport == 'call_kw' else self._execute_kw
            with self._writes() as writes:
                try:
                    result = call(user, model, method, ids, args, kwargs)
                    self.env.flush_all()
                    outcome = 'y'
                    # a job that did not take its lock did nothing: not a run
                    self.assertIsNot(result, False, 'the job did not run')
                except AccessError:
                    outcome = 'a'
                except UserError:
                    outcome = 'u'
                if outcome != 'y':
                    self.env.flush_all()  # what the refused call left in the cache
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
        return outcome, writes

    # ---------------------------------------------------------------- the matrix
    def test_method_access_matrix(self):
        cells = refused = 0
        for (model, method), (profile, *_rest) in sorted(METHODS.items()):
            code = PROFILES[profile]
            for index, role in enumerate(ROLES):
                for transport in TRANSPORTS:
                    cells += 1
                    with self.subTest(model=model, method=method, role=role,
                                      transport=transport):
                        outcome, writes = self._cell(model, method, role, transport)
                        self.assertEqual(outcome, code[index])
                        if outcome != 'y':
                            refused += 1
                            self.assertEqual(writes, [], 'written before the refusal')
        self.assertEqual(cells, len(METHODS) * len(ROLES) * len(TRANSPORTS))
        print('method access matrix: %d cells checked (%d public methods x %d roles x %d '
              'transports), %d refusals with nothing written'
              % (cells, len(METHODS), len(ROLES), len(TRANSPORTS), refused))
        _logger.info('method access matrix: %d cells checked', cells)

    def test_every_public_method_in_table(self):
        """A public method of the module missing from the table (or a row of no method)
        fails here: a new entry point cannot slip past the matrix."""
        found = module_public_methods(self.env)
        entry_points = {cell for cell in found if cell[1] not in ORM_METHODS}
        self.assertGreaterEqual(len(entry_points), 40)
        self.assertEqual(sorted(entry_points - set(METHODS)), [], 'public methods missing from '
                         'the table: add a row to METHODS (or make the method private)')
        self.assertEqual(sorted(set(METHODS) - entry_points), [], 'rows of no public method')
        for model, method in found - entry_points:
            with self.subTest(model=model, method=method):
                # an override of Odoo's own method: Odoo's model defines it too
                self.assertTrue(any(
                    method in vars(klass) for klass in type(self.env[model]).mro()
                    if not klass.__module__.startswith('odoo.addons.customer_maintenance.')
                    and klass.__module__.startswith('odoo.')))
        for profile, *_rest in METHODS.values():
            self.assertEqual(len(PROFILES[profile]), len(ROLES))

    def test_the_scheduler_runs_every_job(self):
        """Each job runs as ir.cron calls it (its user, `cron_id` in the context) and as the
        superuser ("Run Manually" runs a cron as its user); a caller who names a cron in his
        context is not its scheduler unless he is the cron's user."""
        crons = self.env['ir.cron'].search([('ir_actions_server_id.code', 'ilike', 'model.cron_')])
        jobs = {(cron.model_id.model, cron.code.split('model.', 1)[1].split('(', 1)[0]): cron
                for cron in crons if cron.code.startswith('model.cron_')}
        self.assertEqual(set(jobs), {cell for cell, row in METHODS.items() if row[0] == 'job'})
        for (model, method), cron in sorted(jobs.items()):
            with self.subTest(model=model, method=method):
                self.assertEqual(cron.user_id, self.env.ref('base.user_root'))
                as_cron = self.env(user=cron.user_id, context={'cron_id': cron.id})
                self.assertTrue(is_scheduler(as_cron))
                with self.env.cr.savepoint(flush=True) as savepoint:
                    self.assertIsNot(getattr(as_cron[model], method)(), False)
                    savepoint.rollback()
                # a manager naming the cron in his context: refused, nothing done
                forged = self.env(user=self.manager_a, context={'cron_id': cron.id})
                self.assertFalse(is_scheduler(forged))
                with self.assertRaises(AccessError), self._writes() as writes:
                    getattr(forged[model], method)()
                self.assertEqual(writes, [])
        # a cron of the manager's own (set up by an administrator) runs as him
        cron = next(iter(jobs.values()))
        own = cron.copy({'user_id': self.manager_a.id, 'active': True})
        self.assertTrue(is_scheduler(self.env(user=self.manager_a,
                                              context={'cron_id': own.id})))
        own.active = False
        self.assertFalse(is_scheduler(self.env(user=self.manager_a,
                                               context={'cron_id': own.id})))
        self.assertFalse(is_scheduler(self.env(user=self.manager_a,
                                               context={'cron_id': str(own.id)})))
