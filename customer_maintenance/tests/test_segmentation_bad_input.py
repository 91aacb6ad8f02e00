# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bad input to the segmentation: each is refused with a clear message and writes nothing.

Table-driven: (label, snapshot of what it touches, the bad call, words the message must
contain). The call runs in a savepoint; the snapshot must be the same before and after."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CustomerMaintenanceCase


class TestSegmentationBadInput(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.customer_a.write({'pipeline_stage': 'customer'})
        cls.prospect = env['res.partner'].create({
            'name': 'Bad Input Prospect', 'is_company': True, 'pipeline_stage': 'prospect'})
        cls.claim = env['customer.prospect.claim'].create({
            'partner_id': cls.prospect.id, 'user_id': cls.manager_a.id,
            'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'})
        cls.released = env['customer.prospect.claim'].create({
            'partner_id': cls.customer_b.id, 'user_id': cls.manager_b.id, 'state': 'released',
            'date_claim': '2026-01-01', 'date_expiry': '2026-02-01'})
        env['customer.purchase.purpose'].create({'name': 'Resale (bad input)'})

    def _count(self, model):
        return lambda: self.env[model].with_context(active_test=False).search_count([])

    def _values(self, record, *names):
        return lambda: record.invalidate_recordset() or record.read(list(names))

    def _params(self):
        params = self.env['ir.config_parameter'].sudo()
        return lambda: sorted(params.search([('key', 'like', 'customer_maintenance.')]).mapped(
            lambda p: (p.key, p.value)))

    def _create(self, model, vals, user=None):
        Model = self.env[model].with_user(user) if user else self.env[model]
        return lambda: Model.create(vals)

    def _settings(self, vals):
        return lambda: self.env['res.config.settings'].create(vals).execute()

    def _cases(self):
        claims, params = self._count('customer.prospect.claim'), self._params()
        a, b = self.customer_a, self.customer_b
        partner_values = self._values(a, 'customer_tier_id', 'is_key_account', 'tier_locked',
                                      'abc_class', 'credit_rating_override')
        return [
            # claims
            ('claim: on a customer (button)', claims,
             lambda: a.with_user(self.manager_a).action_claim_prospect(), 'already a customer'),
            ('claim: on a customer (import/RPC)', claims, self._create(
                'customer.prospect.claim', {'partner_id': a.id, 'user_id': self.manager_b.id}),
             'already a customer'),
            ('claim: second active claim', claims, self._create(
                'customer.prospect.claim', {'partner_id': self.prospect.id,
                                            'user_id': self.manager_b.id}),
             'already claimed'),
            ('claim: second active claim (button)', claims,
             lambda: self.prospect.with_user(self.manager_b).action_claim_prospect(),
             'already claimed'),
            ('claim: expiry before claim', claims, self._create(
                'customer.prospect.claim', {'partner_id': b.id, 'date_claim': '2026-05-01',
                                            'date_expiry': '2026-04-01'}), 'expire'),
            ('claim: expiry moved before claim', self._values(self.claim, 'date_expiry'),
             lambda: self.claim.write({'date_expiry': '2026-01-01'}), 'expire'),
            ('claim: release by another manager', self._values(self.claim, 'state'),
             lambda: self.prospect.with_user(self.manager_b).action_release_claim(),
             'supervisor'),
            ('claim: release a released claim', self._values(self.released, 'state'),
             lambda: self.released.action_release(), 'active claim'),
            ('claim: renew a released claim', self._values(self.released, 'state'),
             lambda: self.released.action_renew(), 'renewed'),
            ('claim: release on a partner without claim', claims,
             lambda: b.action_release_claim(), 'no active claim'),
            # supervisor-only fields, as an account manager
            ('partner: tier by an account manager', partner_values,
             lambda: a.with_user(self.manager_a).write({'customer_tier_id': self.env.ref(
                 'customer_maintenance.customer_tier_key').id}), 'supervisor'),
            ('partner: key account by an account manager', partner_values,
             lambda: a.with_user(self.manager_a).write({'is_key_account': True}), 'supervisor'),
            ('partner: tier lock by an account manager', partner_values,
             lambda: a.with_user(self.manager_a).write({'tier_locked': True}), 'supervisor'),
            ('partner: ABC class by an account manager', partner_values,
             lambda: a.with_user(self.manager_a).write({'abc_class': 'A'}), 'supervisor'),
            ('partner: credit override by an account manager', partner_values,
             lambda: a.with_user(self.manager_a).write({'credit_rating_override': True}),
             'supervisor'),
            ('partner: classify now by an account manager', self._count('customer.abc.history'),
             lambda: self.env['res.partner'].with_user(self.manager_a).action_classify_now(),
             'supervisor'),
            ('partner: search team warning with a bad operator', self._count('res.partner'),
             lambda: self.env['res.partner'].search([('has_team_warning', 'in', [True])]),
             'unsupported'),
            # purposes
            ('purpose: duplicate name', self._count('customer.purchase.purpose'), self._create(
                'customer.purchase.purpose', {'name': 'Resale (bad input)'}), 'already exists'),
            # settings: thresholds and windows
            ('settings: ABC thresholds out of order', params, self._settings(
                {'cm_abc_threshold_a': 90, 'cm_abc_threshold_b': 80}), 'threshold'),
            ('settings: ABC threshold over 100', params, self._settings(
                {'cm_abc_threshold_a': 80, 'cm_abc_threshold_b': 120}), 'threshold'),
            ('settings: ABC threshold A zero', params, self._settings(
                {'cm_abc_threshold_a': 0, 'cm_abc_threshold_b': 90}), 'threshold'),
            ('settings: ABC period 0 months', params, self._settings(
                {'cm_abc_period_months': 0}), 'period'),
            ('settings: ABC period negative', params, self._settings(
                {'cm_abc_period_months': -3}), 'period'),
            ('settings: claim of 0 days', params, self._settings(
                {'cm_claim_duration_days': 0}), 'claim'),
        ]

    def test_bad_inputs(self):
        failures = []
        cases = self._cases()
        for label, snapshot, call, words in cases:
            before = snapshot()
            message = None
            try:
                with self.env.cr.savepoint():
                    call()
                    self.env.flush_all()
            except (ValidationError, UserError, AccessError) as error:
                message = str(error)
            except Exception as error:  # noqa: BLE001 - a crash is not a clear message
                failures.append('%s: %s: %s' % (label, type(error).__name__, error))
                continue
            finally:
                self.env.invalidate_all(flush=False)
            after = snapshot()
            if message is None:
                failures.append('%s: accepted' % label)
            elif words.lower() not in message.lower():
                failures.append('%s: unclear message %r (expected %r)' % (label, message, words))
            if before != after:
                failures.append('%s: wrote %r -> %r' % (label, before, after))
        self.assertFalse(failures, '\n'.join(failures))
        labels = [case[0] for case in cases]
        self.assertEqual(len(labels), len(set(labels)), 'each bad input is distinct')

    def test_bad_parameter_stops_the_cron_with_a_clear_message(self):
        params = self.env['ir.config_parameter'].sudo()
        cases = [('customer_maintenance.abc_threshold_a', '99', 'invalid'),
                 ('customer_maintenance.abc_threshold_b', 'ninety', 'must be a number'),
                 ('customer_maintenance.abc_period_months', '1.5', 'must be a number')]
        for key, value, words in cases:
            with self.subTest(key=key), self.env.cr.savepoint():
                params.set_param(key, value)
                before = self.env['customer.abc.history'].search_count([])
                with self.assertRaisesRegex(UserError, words):
                    self.env['res.partner'].cron_classify_customers()
                self.assertEqual(self.env['customer.abc.history'].search_count([]), before)
