# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Bad input across the module: each is refused with a clear message and writes nothing.

Table-driven: (label, what it touches, the bad call, words the message must contain). The
call runs in a savepoint; the snapshot of what it touches (a record count, field values or
settings) must be the same before and after. CSV imports go through `load()` (what
`base_import.import` calls): they do not raise but return error messages, and import nothing.
"""
import logging

from odoo.exceptions import UserError, ValidationError

from .common import CustomerMaintenanceCase

_logger = logging.getLogger(__name__)

TIER_FIELDS = ['name', 'code', 'call_interval_days']
EVENT_FIELDS = ['name', 'partner_id/id', 'date', 'state', 'cost']


class TestTrustBadInput(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestTrustBadInput, cls).setUpClass()
        env = cls.env
        Users = env['res.users'].with_context(no_reset_password=True)
        cls.archived_manager = Users.create({
            'name': 'Archived Manager', 'login': 'cm_trust_archived',
            'groups_id': [(6, 0, [env.ref('customer_maintenance.group_user').id])]})
        cls.archived_manager.active = False
        cls.customer_a.write({'pipeline_stage': 'customer'})
        cls.prospect = env['res.partner'].create({
            'name': 'Trust Prospect', 'is_company': True, 'pipeline_stage': 'prospect'})
        cls.claim = env['customer.prospect.claim'].create({
            'partner_id': cls.prospect.id, 'user_id': cls.manager_a.id,
            'date_claim': '2026-03-01', 'date_expiry': '2026-06-01'})
        cls.event = env['customer.relationship.event'].create({
            'name': 'Trust call', 'partner_id': cls.customer_a.id,
            'user_id': cls.manager_a.id, 'date': '2026-03-01'})
        cls.cycle = env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_a.id, 'product_id': cls.product.id})
        cls.agreement = env['customer.agreement'].create({
            'name': 'Trust agreement', 'partner_id': cls.customer_a.id,
            'date_start': '2026-01-01', 'date_end': '2026-12-31'})
        cls.tier = env['customer.tier'].create({'name': 'Trust tier', 'code': 'TRUST'})
        cls.state = env['res.country.state'].search([], limit=1)

    # ---------------------------------------------------------------- snapshots
    def _count(self, model):
        return lambda: self.env[model].with_context(active_test=False).search_count([])

    def _values(self, record, *names):
        return lambda: record.invalidate_cache() or record.read(list(names))

    def _params(self):
        params = self.env['ir.config_parameter'].sudo()
        return lambda: sorted(params.search([('key', 'like', 'customer_maintenance.')]).mapped(
            lambda p: (p.key, p.value)))

    # ---------------------------------------------------------------- the bad calls
    def _create(self, model, vals, user=None):
        Model = self.env[model].sudo(user) if user else self.env[model]
        return lambda: Model.create(vals)

    def _settings(self, vals):
        return lambda: self.env['res.config.settings'].create(vals).execute()

    def _done_wizard(self, vals):
        def run():
            wizard = self.env['customer.relationship.event.done.wizard'].create(
                dict({'event_id': self.event.id, 'outcome': 'Talked', 'date': '2026-03-01'},
                     **vals))
            wizard.action_confirm()
        return run

    def _handover(self, from_user, to_user, as_user=None):
        def run():
            Wizard = self.env['customer.handover.wizard'].sudo(as_user or self.supervisor)
            Wizard.create({'from_user_id': from_user.id, 'to_user_id': to_user.id,
                           'partner_ids': [(6, 0, [self.customer_a.id])]}).action_handover()
        return run

    def _regional(self, vals):
        def run():
            self.env['customer.regional.care.wizard'].create(dict(
                {'description': 'Typhoon', 'state_ids': [(6, 0, self.state.ids)]},
                **vals)).action_create_events()
        return run

    def _load(self, model, fields, rows):
        def run():
            result = self.env[model].load(fields, rows)
            messages = [m for m in result['messages'] if m.get('type') == 'error']
            if messages or not result['ids']:
                # what the import dialog shows the user
                raise ValidationError('; '.join(m['message'] for m in messages)
                                      or 'nothing imported')
        return run

    def _cases(self):
        tier, event, cycle = self.tier, self.event, self.cycle
        tiers, festivals = self._count('customer.tier'), self._count('customer.festival')
        events, claims = self._count('customer.relationship.event'), \
            self._count('customer.prospect.claim')
        params = self._params()
        a, b = self.customer_a, self.customer_b
        return [
            # tiers: intervals and budgets
            ('tier: negative call interval', tiers, self._create(
                'customer.tier', {'name': 'T1', 'code': 'T1', 'call_interval_days': -1}), 'days'),
            ('tier: negative care call interval', tiers, self._create(
                'customer.tier', {'name': 'T2', 'code': 'T2', 'care_call_interval_days': -30}),
             'days'),
            ('tier: negative visit interval', tiers, self._create(
                'customer.tier', {'name': 'T3', 'code': 'T3', 'visit_interval_days': -7}), 'days'),
            ('tier: negative team size', tiers, self._create(
                'customer.tier', {'name': 'T4', 'code': 'T4', 'min_team_size': -1}), 'team size'),
            ('tier: negative gift budget', tiers, self._create(
                'customer.tier', {'name': 'T5', 'code': 'T5', 'annual_gift_budget': -100}),
             'gift budget'),
            ('tier: interval made negative', self._values(tier, 'visit_interval_days'),
             lambda: tier.write({'visit_interval_days': -1}), 'days'),
            # festivals and birthdays: solar and lunar dates
            ('festival: month 13', festivals, self._create(
                'customer.festival', {'name': 'F1', 'calendar': 'solar', 'month': 13, 'day': 1}),
             'month'),
            ('festival: lunar day 31', festivals, self._create(
                'customer.festival', {'name': 'F2', 'calendar': 'lunar', 'month': 8, 'day': 31}),
             'lunar day'),
            ('festival: solar 30 February', festivals, self._create(
                'customer.festival', {'name': 'F3', 'calendar': 'solar', 'month': 2, 'day': 30}),
             'solar calendar'),
            ('festival: lead time 400 days', festivals, self._create(
                'customer.festival', {'name': 'F4', 'month': 1, 'day': 1, 'lead_days': 400}),
             'lead time'),
            ('festival: negative lead time', festivals, self._create(
                'customer.festival', {'name': 'F5', 'month': 1, 'day': 1, 'lead_days': -1}),
             'lead time'),
            ('contact: birthday 31 April', self._values(self.contact_a, 'birthday_month'),
             lambda: self.contact_a.write({'birthday_month': 4, 'birthday_day': 31}),
             'solar calendar'),
            ('contact: lunar birthday day 30 of month 13', self._values(
                self.contact_a, 'birthday_month'),
             lambda: self.contact_a.write({'birthday_calendar': 'lunar', 'birthday_month': 13,
                                           'birthday_day': 30}), 'month'),
            ('contact: birth year without birthday', self._values(self.contact_a, 'birth_year'),
             lambda: self.contact_a.write({'birth_year': 1980}), 'birth year'),
            ('contact: birth year 1850', self._values(self.contact_a, 'birth_year'),
             lambda: self.contact_a.write({'birthday_month': 5, 'birthday_day': 5,
                                           'birth_year': 1850}), 'birth year'),
            # gifts and events: amounts, contacts
            ('gift: negative value', self._count('customer.gift'), self._create(
                'customer.gift', {'name': 'Bad gift', 'value': -5}), 'negative'),
            ('event: negative cost', events, self._create(
                'customer.relationship.event', {'name': 'E1', 'partner_id': a.id, 'cost': -1}),
             'negative'),
            ('event: negative gift value', events, self._create(
                'customer.relationship.event', {'name': 'E2', 'partner_id': a.id,
                                                'gift_value': -10}), 'negative'),
            ('event: contact of another customer', events, self._create(
                'customer.relationship.event', {'name': 'E3', 'partner_id': b.id,
                                                'contact_id': self.contact_a.id}),
             'not a contact'),
            ('event: contact person as the customer', events, self._create(
                'customer.relationship.event', {'name': 'E4', 'partner_id': self.contact_a.id}),
             'contact person'),
            ('done wizard: empty outcome', self._values(event, 'state'),
             self._done_wizard({'outcome': '   '}), 'outcome'),
            ('done wizard: negative cost', self._values(event, 'state'),
             self._done_wizard({'cost': -3}), 'negative'),
            ('done wizard: follow-up before the contact', events,
             self._done_wizard({'followup': True, 'followup_name': 'Again',
                                'followup_date': '2026-02-01'}), 'follow-up'),
            # claims
            ('claim: on a customer (button)', claims,
             lambda: a.sudo(self.manager_a).action_claim_prospect(), 'already a customer'),
            ('claim: on a customer (import/RPC)', claims, self._create(
                'customer.prospect.claim', {'partner_id': a.id, 'user_id': self.manager_b.id}),
             'already a customer'),
            ('claim: second active claim', claims, self._create(
                'customer.prospect.claim', {'partner_id': self.prospect.id,
                                            'user_id': self.manager_b.id}),
             'already claimed'),
            ('claim: expiry before claim', claims, self._create(
                'customer.prospect.claim', {'partner_id': b.id, 'date_claim': '2026-05-01',
                                            'date_expiry': '2026-04-01'}), 'expire'),
            ('claim: expiry moved before claim', self._values(self.claim, 'date_expiry'),
             lambda: self.claim.write({'date_expiry': '2026-01-01'}), 'expire'),
            # ledgers
            ('promotion: negative cost', self._count('customer.promotion.support'),
             self._create('customer.promotion.support', {'name': 'P', 'partner_id': a.id,
                                                         'cost': -50}), 'negative'),
            ('service: negative cost', self._count('customer.value.service'), self._create(
                'customer.value.service', {'name': 'S', 'partner_id': a.id, 'cost': -1}),
             'negative'),
            ('service: negative hours', self._count('customer.value.service'), self._create(
                'customer.value.service', {'name': 'S', 'partner_id': a.id, 'hours': -2}),
             'negative'),
            ('agreement: end before start', self._count('customer.agreement'), self._create(
                'customer.agreement', {'name': 'AG', 'partner_id': a.id,
                                       'date_start': '2026-05-01', 'date_end': '2026-04-30'}),
             'ends before it starts'),
            ('agreement: end moved before start', self._values(self.agreement, 'date_end'),
             lambda: self.agreement.write({'date_end': '2025-12-31'}), 'ends before it starts'),
            # consumption cycles: the manager's known interval
            ('cycle: negative known interval', self._values(cycle, 'manual_interval_days'),
             lambda: cycle.sudo(self.manager_a).write({'manual_interval_days': -5}), '3650'),
            ('cycle: known interval of 20 years', self._values(cycle, 'manual_interval_days'),
             lambda: cycle.sudo(self.manager_a).write({'manual_interval_days': 7300}), '3650'),
            # hand-over and regional care
            ('hand-over: to oneself', self._values(a, 'user_id'),
             self._handover(self.manager_a, self.manager_a), 'another account manager'),
            ('hand-over: to an archived user', self._values(a, 'user_id'),
             self._handover(self.manager_a, self.archived_manager), 'archived'),
            ('hand-over: by an account manager', self._values(a, 'user_id'),
             self._handover(self.manager_a, self.manager_b, as_user=self.manager_a),
             'supervisor'),
            ('regional care: no region', events, self._regional({'state_ids': [(5,)]}),
             'region'),
            ('regional care: blank description', events, self._regional({'description': '  '}),
             'describe'),
            # settings: thresholds and windows
            ('settings: ABC thresholds out of order', params, self._settings(
                {'cm_abc_threshold_a': 90, 'cm_abc_threshold_b': 80}), 'threshold'),
            ('settings: ABC threshold over 100', params, self._settings(
                {'cm_abc_threshold_a': 80, 'cm_abc_threshold_b': 120}), 'threshold'),
            ('settings: ABC period 0 months', params, self._settings(
                {'cm_abc_period_months': 0}), 'period'),
            ('settings: claim of 0 days', params, self._settings(
                {'cm_claim_duration_days': 0}), 'claim'),
            ('settings: consumption look-back 0', params, self._settings(
                {'consumption_lookback_months': 0}), 'look-back'),
            ('settings: anomaly factor 1', params, self._settings(
                {'consumption_anomaly_factor': 1.0}), 'factor'),
            ('settings: negative reminder lead', params, self._settings(
                {'reminder_lead_days': -1}), 'lead'),
            ('settings: planning horizon 400 days', params, self._settings(
                {'cm_planning_horizon_days': 400}), 'horizon'),
            ('settings: birthday lead 90 days', params, self._settings(
                {'cm_birthday_lead_days': 90}), 'birthday'),
            ('settings: customer lost after 0 months', params, self._settings(
                {'cm_kpi_lost_months': 0}), 'lost'),
            ('settings: negative promotion window', params, self._settings(
                {'cm_promotion_effect_months': -3}), 'promotion'),
            ('settings: negative agreement reminder', params, self._settings(
                {'cm_agreement_reminder_days': -30}), 'reminder'),
            # CSV imports (load, as base_import does)
            ('import tiers: negative interval', tiers, self._load(
                'customer.tier', TIER_FIELDS, [['Imported', 'IMP1', '-10']]), 'days'),
            ('import tiers: no name', tiers, self._load(
                'customer.tier', TIER_FIELDS, [['', 'IMP2', '10']]), 'name'),
            ('import tiers: duplicate code', tiers, self._load(
                'customer.tier', TIER_FIELDS, [['Dup', 'TRUST', '10']]), 'already exists'),
            ('import tiers: interval not a number', tiers, self._load(
                'customer.tier', TIER_FIELDS, [['Text', 'IMP3', 'monthly']]), 'monthly'),
            ('import events: unknown customer', events, self._load(
                'customer.relationship.event', EVENT_FIELDS,
                [['Call', 'base.no_such_partner', '2026-03-01', 'planned', '0']]),
             'no_such_partner'),
            ('import events: bad date', events, self._load(
                'customer.relationship.event', EVENT_FIELDS,
                [['Call', '__trust__.customer_a', '31/02/2026', 'planned', '0']]),
             '31/02/2026'),
            ('import events: unknown state', events, self._load(
                'customer.relationship.event', EVENT_FIELDS,
                [['Call', '__trust__.customer_a', '2026-03-01', 'lost', '0']]), 'lost'),
            ('import events: negative cost', events, self._load(
                'customer.relationship.event', EVENT_FIELDS,
                [['Call', '__trust__.customer_a', '2026-03-01', 'planned', '-9']]),
             'negative'),
        ]

    def test_bad_inputs(self):
        """Every bad input raises a clear ValidationError/UserError and writes nothing."""
        # the imports refer to customer A by its external id
        self.env['ir.model.data'].create({
            'module': '__trust__', 'name': 'customer_a', 'model': 'res.partner',
            'res_id': self.customer_a.id})
        failures = []
        cases = self._cases()
        for label, snapshot, call, words in cases:
            before = snapshot()
            message = None
            try:
                with self.env.cr.savepoint():
                    call()
            except (ValidationError, UserError) as error:
                message = error.name if hasattr(error, 'name') else str(error)
            except Exception as error:  # a crash is not a clear message: report it
                failures.append('%s: %s: %s' % (label, type(error).__name__, error))
                continue
            self.env.clear()
            after = snapshot()
            if message is None:
                failures.append('%s: accepted' % label)
            elif words.lower() not in message.lower():
                failures.append('%s: unclear message %r (expected %r)' % (label, message, words))
            if before != after:
                failures.append('%s: wrote %r -> %r' % (label, before, after))
        print('bad inputs: %d tried, %d refused cleanly' % (len(cases), len(cases) - len(failures)))
        _logger.info('bad inputs: %d tried, %d failures', len(cases), len(failures))
        self.assertFalse(failures, '\n'.join(failures))
        self.assertGreaterEqual(len(cases), 30)
        labels = [case[0] for case in cases]
        self.assertEqual(len(labels), len(set(labels)), 'each bad input is distinct')
