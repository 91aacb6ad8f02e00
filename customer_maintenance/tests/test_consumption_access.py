# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Who may do what with the consumption cycles and the demand forecast, and bad input refused
with a clear message and nothing written (11.0 test_trust_access_matrix.py and
test_trust_bad_input.py, consumption parts)."""
from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from .consumption_common import D, TODAY, ConsumptionCase

ROLES = ('manager_a', 'manager_b', 'team', 'supervisor', 'admin', 'internal', 'portal')
OPERATIONS = ('read', 'create', 'write', 'unlink')
ALL = 'rcwu'
# learned by the cron; managers add what they know (note, known interval)
CYCLE = {'manager_a': 'rw', 'team': 'rw', 'supervisor': ALL, 'admin': ALL}
# SQL-backed report for supervisors
REPORT = {'supervisor': 'r', 'admin': 'r'}


class TestConsumptionAccessMatrix(ConsumptionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.team_member = Users.create({
            'name': 'Team Member', 'login': 'cm_cons_team', 'email': 'team@example.com',
            'groups_id': [Command.set([cls.env.ref('customer_maintenance.group_user').id])]})
        cls.internal = Users.create({
            'name': 'Plain Employee', 'login': 'cm_cons_internal',
            'groups_id': [Command.set([cls.env.ref('base.group_user').id])]})
        cls.portal = Users.create({
            'name': 'Portal User', 'login': 'cm_cons_portal',
            'groups_id': [Command.set([cls.env.ref('base.group_portal').id])]})
        cls.customer_a.customer_team_ids = cls.team_member
        cls.users = {'manager_a': cls.manager_a, 'manager_b': cls.manager_b,
                     'team': cls.team_member, 'supervisor': cls.supervisor, 'admin': cls.admin,
                     'internal': cls.internal, 'portal': cls.portal}
        cls.cycle = cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id})
        cls.seq = 0

    def _run(self, model, operation, user):
        Model = self.env[model].with_user(user)
        if model == 'customer.consumption.forecast':
            if operation == 'read':
                Model.search_read([], ['id'], limit=1)
            else:
                Model.check_access(operation)
            return True
        record = Model.browse(self.cycle.id)
        if operation == 'read':
            record.read(['display_name', 'next_due_date'])
            return bool(Model.search_count([('id', '=', record.id)]))
        if operation == 'create':
            self.seq += 1
            product = self.env['product.product'].create({'name': 'Matrix %d' % self.seq})
            Model.create({'partner_id': self.customer_a.id, 'product_id': product.id})
        elif operation == 'write':
            record.write({'note': 'Changed'})
        else:
            record.unlink()
        return True

    def _allowed(self, model, operation, user):
        self.env.flush_all()
        self.env.cr.execute('SAVEPOINT cm_consumption_matrix')
        try:
            result = self._run(model, operation, user)
            self.env.flush_all()
            return result
        except AccessError:
            return False
        finally:
            self.env.invalidate_all(flush=False)
            self.env.cr.execute('ROLLBACK TO SAVEPOINT cm_consumption_matrix')

    def test_access_matrix(self):
        failures, checks = [], 0
        for model, rights in (('customer.consumption.cycle', CYCLE),
                              ('customer.consumption.forecast', REPORT)):
            for role in ROLES:
                for operation in OPERATIONS:
                    expected = operation[0] in rights.get(role, '')
                    got = self._allowed(model, operation, self.users[role])
                    checks += 1
                    if got != expected:
                        failures.append('%s %s %s: expected %s' % (
                            model, role, operation, 'allowed' if expected else 'refused'))
        self.assertFalse(failures, '\n'.join(failures))
        self.assertEqual(checks, 2 * len(ROLES) * len(OPERATIONS))

    def test_team_member_loses_access_when_removed(self):
        Cycle = self.env['customer.consumption.cycle'].with_user(self.team_member)
        self.assertTrue(Cycle.search_count([('id', '=', self.cycle.id)]))
        self.customer_a.customer_team_ids = [Command.clear()]
        self.assertFalse(Cycle.search_count([('id', '=', self.cycle.id)]))


class TestConsumptionBadInput(ConsumptionCase):
    """Each bad input: refused with a message naming what to fix, nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirmed_order(cls.customer_a, D(2026, 4, 1), [(cls.oil, 10, 1.0)])
        cls._confirmed_order(cls.customer_a, D(2026, 5, 1), [(cls.oil, 10, 1.0)])
        cls.env['customer.consumption.cycle']._learn_consumption_cycles(TODAY)

    def _cycle_values(self):
        cycle = self._cycle()
        cycle.invalidate_recordset()
        return cycle.read(['manual_interval_days', 'next_due_date', 'lapse_date', 'note',
                           'avg_interval_days'])

    def _params(self):
        params = self.env['ir.config_parameter'].sudo().search(
            [('key', '=like', 'customer_maintenance.consumption%')])
        return sorted((p.key, p.value) for p in params)

    def _settings(self, vals):
        return lambda: self.env['res.config.settings'].create(vals).execute()

    def _set_param(self, key, value):
        return lambda: self.env['ir.config_parameter'].set_param(key, value) \
            or self.Cycle._learn_consumption_cycles(TODAY)

    def test_bad_input_refused(self):
        cycle = self._cycle()
        manager = cycle.with_user(self.manager_a)
        cases = [
            ('negative known interval', ValidationError,
             lambda: manager.write({'manual_interval_days': -5}), '3650'),
            ('known interval of 20 years', ValidationError,
             lambda: manager.write({'manual_interval_days': 7300}), '3650'),
            ('a learned figure by a manager', AccessError,
             lambda: manager.write({'next_due_date': '2030-01-01', 'note': 'x'}),
             'next_due_date'),
            ('days to due compared with text', ValidationError,
             lambda: self.Cycle.with_context(cm_today=TODAY).search(
                 [('days_to_due', '<=', 'soon')]), 'whole number'),
            ('overdue searched with a list', ValidationError,
             lambda: self.Cycle.search([('is_overdue', 'in', [True])]), 'true or false'),
            ('lapsed searched with a list', ValidationError,
             lambda: self.Cycle.search([('is_lapsed', 'in', [True])]), 'true or false'),
            ('lapsed consumer searched with text', ValidationError,
             lambda: self.env['res.partner'].search([('consumption_lapsed', '=', 'yes')]),
             'true or false'),
            ('settings: consumption look-back 0', ValidationError,
             self._settings({'consumption_lookback_months': 0}), 'look-back'),
            ('settings: anomaly factor 1', ValidationError,
             self._settings({'consumption_anomaly_factor': 1.0}), 'factor'),
            ('settings: negative reminder lead', ValidationError,
             self._settings({'reminder_lead_days': -1}), 'lead'),
            ('parameter: anomaly factor 0.5', ValidationError, self._set_param(
                'customer_maintenance.consumption_anomaly_factor', '0.5'), 'anomaly factor'),
            ('parameter: look-back not a number', ValidationError, self._set_param(
                'customer_maintenance.consumption_lookback_months', 'two years'), 'look-back'),
            ('parameter: negative lead', ValidationError, self._set_param(
                'customer_maintenance.consumption_reminder_lead_days', '-3'), 'lead'),
        ]
        for label, error, call, words in cases:
            with self.subTest(case=label):
                before = (self._cycle_values(), self._params())
                with self.assertRaises(error) as caught, self.env.cr.savepoint():
                    call()
                self.assertIn(words, str(caught.exception))
                self.env.registry.clear_cache()  # get_param's cache saw the rolled back value
                self.assertEqual((self._cycle_values(), self._params()), before)
