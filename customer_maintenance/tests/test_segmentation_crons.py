# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The segmentation crons under faults: twice changes nothing, a broken record does not stop
the run, one run at a time, the scheduled actions call the methods the 18.0 way.

The cursor's commit is replaced by a counter: a test never commits, and the count proves that
an automatic (ir.cron) run commits per batch while a test or button run never does."""
import contextlib
import datetime
from unittest.mock import patch

from ..models import res_partner_segmentation
from ..tools.job_lock import job_lock
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2026, 3, 2)
BROKEN = 'injected fault'
CRONS = [
    ('customer_maintenance.ir_cron_classify_customers', 'res.partner',
     'cron_classify_customers', 'classify_customers'),
    ('customer_maintenance.ir_cron_update_credit_ratings', 'res.partner',
     'cron_update_credit_ratings', 'update_credit_ratings'),
    ('customer_maintenance.ir_cron_expire_prospect_claims', 'customer.prospect.claim',
     'cron_expire_prospect_claims', 'expire_prospect_claims'),
]


class TestSegmentationCrons(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.claims = env['customer.prospect.claim']
        for i in range(3):
            prospect = env['res.partner'].create({'name': 'Fault prospect %d' % i,
                                                  'is_company': True})
            cls.claims |= env['customer.prospect.claim'].create({
                'partner_id': prospect.id, 'user_id': cls.manager_a.id,
                'date_claim': '2025-10-01', 'date_expiry': '2026-01-01'})
        cls._confirmed_order(cls.customer_a, '2026-01-10', [(cls.product, 10, 100.0)])
        cls._confirmed_order(cls.customer_b, '2026-01-10', [(cls.product, 1, 100.0)])

    @contextlib.contextmanager
    def _commits(self):
        """Count the commits of the test cursor instead of doing them."""
        counter = []
        with patch.object(self.env.cr, 'commit', lambda: counter.append(1)), \
                patch.object(type(self.env['ir.cron']), '_notify_progress',
                             lambda *args, **kwargs: None):
            yield counter

    def _snapshot(self):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("""
            SELECT (SELECT count(*) FROM mail_activity),
                   (SELECT count(*) FROM customer_abc_history),
                   (SELECT count(*) FROM customer_prospect_claim WHERE state = 'active'),
                   (SELECT string_agg(concat(id, ':', credit_rating, abc_class, abc_rank,
                                             customer_tier_id, is_key_account, claim_user_id),
                                      ',' ORDER BY id) FROM res_partner)""")
        return cr.fetchone()

    def _runs(self):
        env = self.env
        return [
            ('classify_customers',
             lambda: env['res.partner'].cron_classify_customers(today=TODAY)),
            ('update_credit_ratings',
             lambda: env['res.partner'].cron_update_credit_ratings(today=TODAY)),
            ('expire_prospect_claims',
             lambda: env['customer.prospect.claim'].cron_expire_prospect_claims(today=TODAY)),
        ]

    def test_every_cron_idempotent_and_never_commits_in_tests(self):
        with self._commits() as commits:
            for name, run in self._runs():
                with self.subTest(cron=name):
                    run()
                    self.env.invalidate_all()
                    before = self._snapshot()
                    run()
                    self.env.invalidate_all()
                    self.assertEqual(self._snapshot(), before, '%s is not idempotent' % name)
        self.assertFalse(commits, 'a cron committed inside a test')

    def test_scheduled_actions(self):
        """Same XML ids and methods as 11.0, code `model.cron_<verb>(automatic=True)`, and
        each method runs only once at a time (@single_run)."""
        for xmlid, model, method, job in CRONS:
            with self.subTest(cron=xmlid):
                cron = self.env.ref(xmlid)
                self.assertEqual(cron.model_id.model, model)
                self.assertEqual(cron.code.strip(), 'model.%s(automatic=True)' % method)
                self.assertEqual((cron.interval_number, cron.interval_type), (1, 'days'))
                with job_lock(self.env, job) as locked:
                    self.assertTrue(locked)
                    self.assertFalse(getattr(self.env[model], method)(today=TODAY),
                                     'a second run at the same time does nothing')

    def test_claim_expiry_skips_broken_claim(self):
        broken = self.claims[1]
        Claim = self.env['customer.prospect.claim']
        original = type(Claim)._notify_expired

        def notify(claims, day):
            if broken in claims:
                raise ValueError(BROKEN)
            return original(claims, day)
        with self._commits() as commits, patch.object(type(Claim), '_notify_expired', notify), \
                self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches',
                                level='ERROR') as logs:
            expired = Claim.cron_expire_prospect_claims(today=TODAY)
        self.assertTrue(any(BROKEN in line for line in logs.output))
        self.assertFalse(commits)
        self.assertEqual(self.claims.mapped('state'), ['expired', 'active', 'expired'])
        self.assertGreaterEqual(expired, 2)
        self.assertFalse(broken.activity_ids, 'the broken claim kept nothing of its batch')
        # an automatic run commits per batch and completes once the fault is gone
        with self._commits() as commits:
            Claim.cron_expire_prospect_claims(today=TODAY, batch_size=1, automatic=True)
        self.assertTrue(commits)
        self.assertEqual(broken.state, 'expired')
        self.assertTrue(broken.activity_ids)

    def test_credit_ratings_skip_broken_partner(self):
        c1, c2, c3 = self.env['res.partner'].create([
            {'name': 'Credit %d' % i, 'is_company': True} for i in range(3)])
        stats = {c1.id: (1000.0, 0.0), c2.id: (1000.0, 900.0), c3.id: (1000.0, 900.0)}
        original = res_partner_segmentation.segmentation_rules.propose_credit

        def propose(invoiced, overdue, _partner_stats=stats):
            if (invoiced, overdue) == stats[c2.id] and propose.fail_c2:
                raise ValueError(BROKEN)
            return original(invoiced, overdue)
        propose.fail_c2 = True
        stats[c2.id] = (1000.0, 901.0)  # only c2 is broken
        Partner = self.env['res.partner']
        with patch.object(res_partner_segmentation.segmentation_rules, 'propose_credit',
                          propose), \
                patch.object(type(Partner), '_credit_stats', lambda model, today: stats), \
                self._commits() as commits, \
                self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches',
                                level='ERROR') as logs:
            updated = Partner.cron_update_credit_ratings(today=TODAY)
        self.assertTrue(any(BROKEN in line for line in logs.output))
        self.assertFalse(commits)
        self.assertEqual((c1.credit_rating, c2.credit_rating, c3.credit_rating),
                         ('AAA', False, 'C'))
        self.assertEqual(updated, 2)

    def test_classification_is_one_statement_in_a_savepoint(self):
        """A failing statement leaves nothing half written and says why."""
        before = self._snapshot()
        with patch.object(res_partner_segmentation.abc_classification, 'insert_history',
                          side_effect=ValueError(BROKEN)), self.assertRaisesRegex(
                ValueError, BROKEN):
            self.env['res.partner'].cron_classify_customers(today=TODAY)
        self.assertEqual(self._snapshot(), before)
