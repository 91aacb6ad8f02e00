# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Scheduled actions under faults: idempotent, a broken record is logged and skipped, and a
commit happens per batch only when the job runs as a cron (`cm_cron_commit`).

The cursor's commit is replaced by a counter in every test: a test never commits, and the
count proves the per-batch commits of a cron run.
"""
import contextlib
import logging
from unittest.mock import patch

from odoo import sql_db

from ..models import relationship_planner
from .common import CustomerMaintenanceCase

_logger = logging.getLogger(__name__)

TODAY = '2026-03-02'
BROKEN = 'injected fault'


class TestTrustCronFaults(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestTrustCronFaults, cls).setUpClass()
        env = cls.env
        tier = env.ref('customer_maintenance.customer_tier_key')
        cls.customers = env['res.partner']
        for i in range(3):
            cls.customers |= env['res.partner'].create({
                'name': 'Fault customer %d' % i, 'is_company': True, 'customer': True,
                'user_id': cls.manager_a.id, 'customer_tier_id': tier.id})
        cls.broken_customer = cls.customers[1]
        cls.claims = env['customer.prospect.claim']
        for i in range(3):
            prospect = env['res.partner'].create({'name': 'Fault prospect %d' % i,
                                                  'is_company': True})
            cls.claims |= env['customer.prospect.claim'].create({
                'partner_id': prospect.id, 'user_id': cls.manager_a.id,
                'date_claim': '2025-10-01', 'date_expiry': '2026-01-01'})
        cls.agreements = env['customer.agreement']
        for customer in cls.customers:
            cls.agreements |= env['customer.agreement'].create({
                'name': 'Fault agreement %s' % customer.name, 'partner_id': customer.id,
                'state': 'active', 'date_start': '2025-01-01', 'date_end': '2026-03-20'})
        cls.cycles = env['customer.consumption.cycle']
        for customer in cls.customers:
            cls.cycles |= env['customer.consumption.cycle'].create({
                'partner_id': customer.id, 'product_id': cls.product.id,
                'user_id': cls.manager_a.id, 'last_order_date': '2026-02-01',
                'avg_interval_days': 30, 'next_due_date': '2026-03-05', 'last_qty': 1,
                'avg_qty': 1, 'order_count': 4, 'state': 'active'})

    # ---------------------------------------------------------------- helpers
    @contextlib.contextmanager
    def _commits(self):
        """Count the commits instead of doing them (a test never commits)."""
        counter = []
        original = sql_db.Cursor.commit
        test_cr = self.env.cr

        def commit(cr):
            # other cursors (e.g. the decimal precision's own) commit as usual
            return counter.append(1) if cr is test_cr else original(cr)
        with patch.object(sql_db.Cursor, 'commit', commit):
            yield counter

    def _fail_for(self, model, method, bad_ids):
        """Patch model.method to raise for the records (or first argument ids) in bad_ids."""
        cls = type(self.env[model])
        original = getattr(cls, method)

        def broken(recs, *args, **kwargs):
            ids = set(recs.ids)
            for arg in args[:1]:
                if isinstance(arg, list):
                    ids |= set(arg)
            if ids & set(bad_ids):
                raise ValueError(BROKEN)
            return original(recs, *args, **kwargs)
        return patch.object(cls, method, broken)

    def _snapshot(self):
        """Everything the crons write, in counts and states."""
        cr = self.env.cr
        cr.execute("""
            SELECT (SELECT count(*) FROM customer_relationship_event),
                   (SELECT count(*) FROM mail_activity),
                   (SELECT count(*) FROM mail_mail),
                   (SELECT count(*) FROM customer_abc_history),
                   (SELECT count(*) FROM customer_prospect_claim WHERE state = 'active'),
                   (SELECT count(*) FROM customer_agreement WHERE state = 'active'),
                   (SELECT count(*) FROM customer_consumption_cycle),
                   (SELECT max(write_date) FROM customer_consumption_cycle),
                   (SELECT string_agg(concat(id, write_date), ',' ORDER BY id)
                      FROM customer_manager_kpi_snapshot),
                   (SELECT string_agg(concat(id, credit_rating, abc_class, customer_tier_id),
                                      ',' ORDER BY id) FROM res_partner)""")
        return cr.fetchone()

    def _crons(self):
        """(name, run once) of every cron of the module, with a fixed today."""
        env = self.env(context=dict(self.env.context, cm_today=TODAY))
        return [
            ('plan_relationship_events', lambda: env['customer.relationship.event']
             ._plan_relationship_events(TODAY)),
            ('learn_consumption_cycles', lambda: env['customer.consumption.cycle']
             .cron_learn_consumption_cycles()),
            ('classify_customers', lambda: env['res.partner'].cron_classify_customers(TODAY)),
            ('update_credit_ratings', lambda: env['res.partner']
             .cron_update_credit_ratings(TODAY)),
            ('expire_prospect_claims', lambda: env['customer.prospect.claim']
             .cron_expire_prospect_claims(TODAY)),
            ('agreement_renewal', lambda: env['customer.agreement'].cron_agreement_renewal(TODAY)),
            ('weekly_review_digest', lambda: env['customer.review.digest']
             .cron_weekly_review_digest('2026-02-23')),
            ('refresh_manager_kpi', lambda: env['customer.manager.kpi.snapshot']
             .cron_refresh_manager_kpi()),
        ]

    # ---------------------------------------------------------------- idempotence
    def test_every_cron_idempotent_and_never_commits_in_tests(self):
        """Run twice: the second run changes nothing; without cm_cron_commit, no commit."""
        crons = self._crons()
        with self._commits() as commits:
            for name, run in crons:
                run()
                self.env.clear()
                before = self._snapshot()
                run()
                self.env.clear()
                self.assertEqual(self._snapshot(), before, '%s is not idempotent' % name)
        self.assertFalse(commits, 'a cron committed inside a test')
        print('cron faults: %d crons idempotent' % len(crons))
        _logger.info('cron faults: %d crons idempotent', len(crons))

    def test_cron_actions_set_the_commit_key(self):
        """The scheduled actions run with cm_cron_commit (in their code or their method)."""
        crons = self.env['ir.cron'].with_context(active_test=False).search([
            ('model_id.model', 'like', 'customer.%')]) | self.env['ir.cron'].with_context(
            active_test=False).search([('code', 'like', 'cron_'), ('model_id.model', '=',
                                                                   'res.partner')])
        self.assertGreaterEqual(len(crons), 6)
        for cron in crons:
            self.assertIn('cron_', cron.code)
            if 'cm_cron_commit' not in cron.code:
                # the method sets the key itself, or does one set-based write (no batches)
                method = cron.code.split('cron_')[1].split('(')[0]
                self.assertIn(method, ('plan_relationship_events', 'update_credit_ratings',
                                       'refresh_manager_kpi'))

    # ---------------------------------------------------------------- broken records
    def _assert_skipped(self, logger_name, run):
        with self.assertLogs(logger_name, level='ERROR') as logs:
            result = run()
        self.assertTrue(any(BROKEN in line for line in logs.output), logs.output)
        return result

    def test_planner_skips_broken_batch(self):
        env = self.env(context=dict(self.env.context, cm_cron_commit=True))
        Event = env['customer.relationship.event']
        with patch.object(relationship_planner, 'BATCH_SIZE', 1), self._commits() as commits, \
                self._fail_for('customer.relationship.event', '_planner_periodic',
                               self.broken_customer.ids):
            self._assert_skipped('odoo.addons.customer_maintenance.models.relationship_planner',
                                 lambda: Event._plan_relationship_events(TODAY))
        self.assertTrue(commits, 'a cron run commits per batch')
        planned = Event.search([('partner_id', 'in', self.customers.ids),
                                ('plan_item', '=', 'call')]).mapped('partner_id')
        self.assertEqual(planned, self.customers - self.broken_customer)
        # outside a cron the error surfaces
        with self._commits() as commits, self._fail_for(
                'customer.relationship.event', '_planner_periodic', self.broken_customer.ids):
            with self.assertRaises(ValueError):
                self.env['customer.relationship.event']._plan_relationship_events(TODAY)
        self.assertFalse(commits)

    def test_replenishment_reminders_skip_broken_cycle(self):
        broken = self.cycles[1]
        Cycle = self.env['customer.consumption.cycle']
        # the set-based insert of a batch holding the broken cycle fails, so the batch is
        # retried record by record, where the broken cycle fails again and is skipped
        Event = type(self.env['customer.relationship.event'])
        create_activities = Event._planner_create_activities

        def failing_batch(events, event_ids):
            events.env.cr.execute(
                'SELECT 1 FROM customer_relationship_event WHERE id = ANY(%s)'
                ' AND consumption_cycle_id = %s', (list(event_ids), broken.id))
            if events.env.cr.fetchone():
                raise ValueError('broken batch')
            return create_activities(events, event_ids)

        with self._commits() as commits, \
                patch.object(Event, '_planner_create_activities', failing_batch), \
                self._fail_for('customer.consumption.cycle',
                               '_prepare_replenishment_event_vals', broken.ids):
            self._assert_skipped('odoo.addons.customer_maintenance.models.consumption_cycle',
                                 lambda: Cycle._plan_replenishment_reminders(TODAY))
        self.assertFalse(commits)
        calls = self.env['customer.relationship.event'].search([
            ('consumption_cycle_id', 'in', self.cycles.ids)])
        self.assertEqual(calls.mapped('consumption_cycle_id'), self.cycles - broken)
        with self._commits() as commits:
            Cycle.with_context(cm_cron_commit=True)._plan_replenishment_reminders(TODAY)
        self.assertTrue(commits)
        self.assertEqual(self.env['customer.relationship.event'].search_count([
            ('consumption_cycle_id', 'in', self.cycles.ids)]), 3, 'the next run completes')

    def test_claim_expiry_skips_broken_claim(self):
        broken = self.claims[1]
        Claim = self.env['customer.prospect.claim']
        with self._commits() as commits, self._fail_for(
                'customer.prospect.claim', '_notify_expired', broken.ids):
            self._assert_skipped('odoo.addons.customer_maintenance.models.customer_prospect_claim',
                                 lambda: Claim.cron_expire_prospect_claims(TODAY))
        self.assertFalse(commits)
        self.assertEqual(self.claims.mapped('state'), ['expired', 'active', 'expired'])
        with self._commits() as commits:
            Claim.with_context(cm_cron_commit=True).cron_expire_prospect_claims(TODAY,
                                                                                batch_size=1)
        self.assertTrue(commits)
        self.assertEqual(broken.state, 'expired')

    def test_agreement_renewal_skips_broken_agreement(self):
        broken = self.agreements[1]
        Agreement = self.env['customer.agreement'].with_context(cm_cron_commit=True)
        # _renewal_activity_vals(agreement): the agreement is an argument, not the recordset
        with self._commits() as commits, patch.object(
                type(self.env['customer.agreement']), '_renewal_activity_vals',
                self._raise_for_arg(broken)):
            self._assert_skipped('odoo.addons.customer_maintenance.models.customer_agreement',
                                 lambda: Agreement.cron_agreement_renewal(TODAY))
        self.assertTrue(commits)
        reminded = self.agreements.filtered('renewal_reminder_date')
        self.assertEqual(reminded, self.agreements - broken)
        with self._commits():
            Agreement.cron_agreement_renewal(TODAY)
        self.assertTrue(broken.renewal_reminder_date, 'the next run completes')

    def _raise_for_arg(self, bad):
        original = type(self.env['customer.agreement'])._renewal_activity_vals

        def broken(model, agreement):
            if agreement == bad:
                raise ValueError(BROKEN)
            return original(model, agreement)
        return broken

    def test_digest_skips_broken_supervisor(self):
        second = self.supervisor.copy({'login': 'cm_trust_sup2', 'email': 'sup2@example.com'})
        template = self.env.ref('customer_maintenance.mail_template_weekly_review_digest')
        original = type(template).send_mail

        def send_mail(tmpl, res_id, *args, **kwargs):
            if res_id == self.supervisor.id:
                raise ValueError(BROKEN)
            return original(tmpl, res_id, *args, **kwargs)
        Digest = self.env['customer.review.digest'].with_context(cm_cron_commit=True)
        with self._commits(), patch.object(type(template), 'send_mail', send_mail):
            self._assert_skipped(
                'odoo.addons.customer_maintenance.models.customer_review_digest',
                lambda: Digest.cron_weekly_review_digest('2026-02-23'))
        # the digest has content for the week only if managers had activity: the other
        # supervisors were still handled (no exception escaped)
        self.assertTrue(second.exists())

    def test_credit_ratings_skip_broken_partner(self):
        from ..models import res_partner
        original = res_partner.propose_credit
        calls = []

        def propose(invoiced, overdue):
            calls.append(1)
            if len(calls) == 1:
                raise ValueError(BROKEN)
            return original(invoiced, overdue)
        stats = {self.customers[0].id: (1000.0, 0.0), self.customers[1].id: (1000.0, 900.0),
                 self.customers[2].id: (1000.0, 900.0)}
        Partner = self.env['res.partner']
        with patch.object(res_partner, 'propose_credit', propose), \
                patch.object(type(Partner), '_credit_stats', lambda model, today: stats):
            self._assert_skipped('odoo.addons.customer_maintenance.models.res_partner',
                                 lambda: Partner.cron_update_credit_ratings(TODAY))
        self.assertEqual(len(calls), 3, 'the other partners were rated')
