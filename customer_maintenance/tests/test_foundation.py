# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..queries.arrays import array
from ..tools.cron_batches import run_batches
from ..tools.job_lock import job_lock
from ..tools.today import today, today_tz, with_today
from .common import CustomerMaintenanceCase


class TestFoundation(CustomerMaintenanceCase):

    def test_module_installed_as_18(self):
        module = self.env['ir.module.module'].search([('name', '=', 'customer_maintenance')])
        self.assertEqual(module.state, 'installed')
        self.assertTrue(module.latest_version.startswith('18.0.'), module.latest_version)
        pending = self.env['ir.module.module'].search(
            [('state', 'in', ('to install', 'to upgrade', 'to remove'))])
        self.assertFalse(pending, 'modules left pending: %s' % pending.mapped('name'))

    def test_groups_imply(self):
        group_user = self.env.ref('customer_maintenance.group_user')
        group_manager = self.env.ref('customer_maintenance.group_manager')
        self.assertIn(group_user, group_manager.implied_ids)
        for xmlid in ('base.group_user', 'base.group_partner_manager',
                      'sales_team.group_sale_salesman'):
            with self.subTest(implied=xmlid):
                self.assertIn(self.env.ref(xmlid), group_user.implied_ids)
        cases = [
            (self.manager_a, 'customer_maintenance.group_user', True),
            (self.manager_a, 'customer_maintenance.group_manager', False),
            (self.supervisor, 'customer_maintenance.group_user', True),
            (self.supervisor, 'sales_team.group_sale_salesman_all_leads', True),
            (self.admin, 'customer_maintenance.group_manager', True),
            (self.env.ref('customer_maintenance.user_supervisor'), 'customer_maintenance.group_manager', True),
            (self.env.ref('customer_maintenance.user_am_chen'), 'customer_maintenance.group_user', True),
            (self.env.ref('customer_maintenance.user_am_chen'), 'customer_maintenance.group_manager', False),
        ]
        for user, group, expected in cases:
            with self.subTest(user=user.login, group=group):
                self.assertEqual(user.has_group(group), expected)

    def test_menu_visible_by_role(self):
        root = self.env.ref('customer_maintenance.menu_root')
        config = self.env.ref('customer_maintenance.menu_configuration')
        Menu = self.env['ir.ui.menu']
        visible_am = Menu.with_user(self.manager_a)._visible_menu_ids()
        visible_sup = Menu.with_user(self.supervisor)._visible_menu_ids()
        self.assertIn(root.id, visible_am)
        self.assertIn(root.id, visible_sup)
        self.assertIn(config.id, visible_sup)
        self.assertNotIn(config.id, visible_am)
        plain = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain', 'login': 'cm_plain',
            'groups_id': [Command.set([self.env.ref('base.group_user').id])]})
        self.assertNotIn(root.id, Menu.with_user(plain)._visible_menu_ids())

    def test_account_manager_cannot_change_groups(self):
        with self.assertRaises(AccessError):
            self.env.ref('customer_maintenance.group_manager').with_user(self.manager_a).write(
                {'users': [Command.link(self.manager_a.id)]})

    def test_demo_manager_without_email(self):
        # a login without an email address is common; the demo keeps one such manager
        wang = self.env.ref('customer_maintenance.user_am_wang')
        self.assertFalse(wang.email)
        self.assertTrue(wang.has_group('customer_maintenance.group_user'))


class TestTiers(CustomerMaintenanceCase):

    def test_default_tiers(self):
        key = self.env.ref('customer_maintenance.customer_tier_key')
        self.assertEqual(key.code, 'KEY')
        self.assertGreaterEqual(key.min_team_size, 2)
        self.assertTrue(key.requires_sponsor)
        self.assertEqual(self.env['customer.tier'].search([]).mapped('code')[:3],
                         ['KEY', 'IMP', 'ORD'])

    def test_bad_policy_refused(self):
        Tier = self.env['customer.tier'].with_user(self.supervisor)
        cases = [
            ('call_interval_days', -1, 'Business Call Every'),
            ('care_call_interval_days', -7, 'Care Call Every'),
            ('visit_interval_days', -30, 'Visit Every'),
            ('min_team_size', -1, 'minimum team size'),
            ('annual_gift_budget', -5.0, 'gift budget'),
        ]
        for field, value, message in cases:
            with self.subTest(field=field):
                with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                    Tier.create({'name': 'Bad', 'code': 'BAD_%s' % field, field: value})
                self.assertFalse(Tier.search([('code', '=', 'BAD_%s' % field)]))

    def test_code_unique(self):
        with self.assertRaises(Exception), self.env.cr.savepoint(), \
                self.assertLogs('odoo.sql_db', level='ERROR'):
            self.env['customer.tier'].create({'name': 'Dup', 'code': 'KEY'})

    def test_only_supervisor_configures_tiers(self):
        key = self.env.ref('customer_maintenance.customer_tier_key')
        self.assertEqual(key.with_user(self.manager_a).name, key.name)
        with self.assertRaises(AccessError):
            key.with_user(self.manager_a).write({'call_interval_days': 1})
        key.with_user(self.supervisor).write({'call_interval_days': 7})
        self.assertEqual(key.call_interval_days, 7)

    def test_partner_count_and_action(self):
        tier = self.env.ref('customer_maintenance.customer_tier_important')
        before = tier.partner_count
        self.customer_a.customer_tier_id = tier
        tier.invalidate_recordset(['partner_count'])
        self.assertEqual(tier.partner_count, before + 1)
        action = tier.action_view_partners()
        self.assertIn(self.customer_a, self.env['res.partner'].search(action['domain']))

    def test_team_synced_to_contacts(self):
        self.customer_a.write({'customer_team_ids': [Command.link(self.manager_b.id)],
                               'executive_sponsor_id': self.supervisor.id})
        self.assertEqual(self.contact_a.customer_team_ids, self.manager_b)
        self.assertEqual(self.contact_a.executive_sponsor_id, self.supervisor)


class TestTools(CustomerMaintenanceCase):

    def test_today(self):
        self.assertEqual(today(self.env, '2026-03-04'), datetime.date(2026, 3, 4))
        env = with_today(self.env, datetime.date(2025, 1, 2))
        self.assertEqual(today(env), datetime.date(2025, 1, 2))
        self.assertIsInstance(today(self.env), datetime.date)

    def test_run_batches_skips_one_bad_record(self):
        seen = []

        def process(ids):
            if 3 in ids:
                raise ValueError('bad record 3')
            seen.extend(ids)

        with self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches', 'WARNING'):
            done, failed = run_batches(self.env, 'test', range(1, 8), process, batch_size=3)
        self.assertEqual(done, 7)
        self.assertEqual(failed, [3])
        self.assertEqual(sorted(seen), [1, 2, 4, 5, 6, 7])

    def test_single_run_commits_an_automatic_run_before_releasing(self):
        from unittest.mock import patch

        from ..tools.job_lock import single_run

        class Job:
            env = self.env  # the superuser: the scheduler (tools/caller.py)
            _name = 'res.partner'

            @single_run('test_commit_job')
            def cron_job(self, automatic=False):
                return 'ran'

        commits = []
        with patch.object(self.env.cr, 'commit', lambda: commits.append(1)):
            self.assertEqual(Job().cron_job(), 'ran')
            self.assertFalse(commits, 'a run from a test or a button commits nothing')
            # a cron run commits once the lock is taken (a snapshot that sees the run of
            # the process that held it before) and at its end
            self.assertEqual(Job().cron_job(automatic=True), 'ran')
            self.assertEqual(commits, [1, 1])
            with job_lock(self.env, 'test_commit_job'):
                self.assertFalse(Job().cron_job(automatic=True))
            self.assertEqual(commits, [1, 1], 'a skipped run commits nothing')

    def test_job_lock_is_exclusive(self):
        with job_lock(self.env, 'test_job') as first:
            self.assertTrue(first)
            with job_lock(self.env, 'test_job') as second:
                self.assertFalse(second)
        with job_lock(self.env, 'test_job') as again:
            self.assertTrue(again)


class TestArrayLiterals(CustomerMaintenanceCase):
    """queries/arrays.py: the values a job passes as one array literal come back from
    PostgreSQL as they were, whatever they hold."""

    def test_round_trip(self):
        cases = [
            ('varchar', ['plain', '', 'NULL', None, 'a,b', '{x}', 'say "hi"', 'back\\slash',
                         "it's", ' spaced ', '客戶的維護與管理', 'line\nbreak']),
            ('int', [1, None, -7, 2147483647]),
            ('date', [datetime.date(2026, 2, 28), None, datetime.date(1999, 12, 31)]),
            ('double precision', [0.0, 1.5, None, -2.25]),
            ('timestamp', [datetime.datetime(2026, 12, 2, 9, 30), None]),
            ('boolean', [True, False, None]),
            ('text', []),
        ]
        for pg_type, values in cases:
            with self.subTest(pg_type=pg_type):
                self.env.cr.execute(SQL('SELECT x FROM unnest(%s) WITH ORDINALITY AS u(x, n) '
                                        'ORDER BY n', array(values, pg_type)))
                self.assertEqual([row[0] for row in self.env.cr.fetchall()], values)


class TestTodayTimeZone(CustomerMaintenanceCase):
    """The day of a nightly job: the cron worker runs it as __system__, a user without a time
    zone, so the day is the company's (its working calendar's time zone), not UTC's; a user's
    own time zone and `cm_today` come first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = 'Asia/Taipei'
        cls.company_la = cls.env['res.company'].create({'name': 'CM Los Angeles'})
        cls.company_la.resource_calendar_id.tz = 'America/Los_Angeles'
        cls.root = cls.env['res.users'].browse(SUPERUSER_ID)
        (cls.root | cls.manager_a).write({'tz': False})
        cls.manager_b.tz = 'UTC'
        cls.supervisor.tz = 'Asia/Tokyo'

    def test_today_of_each_user_and_company(self):
        D = datetime.date
        # 16:30 UTC on Sunday 03-01 is 00:30 on Monday 03-02 in Taipei and Tokyo, 08:30 on
        # 03-01 in Los Angeles; 15:59 UTC is still 03-01 everywhere
        cases = [
            ('16:30', '__system__, company in Taipei', self.root, {}, 'Asia/Taipei',
             D(2026, 3, 2)),
            ('15:59', '__system__, a minute before midnight', self.root, {}, 'Asia/Taipei',
             D(2026, 3, 1)),
            ('16:30', '__system__, company in Los Angeles', self.root,
             {'allowed_company_ids': [self.company_la.id]}, 'America/Los_Angeles',
             D(2026, 3, 1)),
            ('16:30', 'manager without time zone', self.manager_a, {}, 'Asia/Taipei',
             D(2026, 3, 2)),
            ('16:30', "manager in UTC: the user's zone first", self.manager_b, {}, 'UTC',
             D(2026, 3, 1)),
            ('16:30', 'supervisor in Tokyo', self.supervisor, {}, 'Asia/Tokyo', D(2026, 3, 2)),
            ('16:30', "the context's zone first (as Odoo's context_today)", self.manager_b,
             {'tz': 'Asia/Taipei'}, 'Asia/Taipei', D(2026, 3, 2)),
            ('16:30', 'an unknown zone skipped', self.root, {'tz': 'Mars/Olympus'},
             'Asia/Taipei', D(2026, 3, 2)),
            ('16:30', 'cm_today first', self.manager_b, {'cm_today': '2025-01-02'}, 'UTC',
             D(2025, 1, 2)),
        ]
        for clock, label, user, context, zone, expected in cases:
            with self.subTest(label), freeze_time('2026-03-01 %s:00' % clock):
                env = self.env(user=user, context=dict(self.env.context, **context))
                self.assertEqual(today_tz(env), zone)
                self.assertEqual(today(env), expected)

    def test_nightly_jobs_count_the_companys_day(self):
        """At 00:30 on Monday 2026-03-02 in Taipei, as the cron worker runs the jobs."""
        D = datetime.date
        env = self.env(user=SUPERUSER_ID)
        self._confirmed_order(self.customer_a, '2026-02-01', [(self.product, 10, 1.0)])
        late = self._confirmed_order(self.customer_a, '2026-02-01', [(self.product, 10, 1.0)])
        late.date_order = '2026-03-01 16:10:00'  # 00:10 on 03-02 in Taipei
        with freeze_time('2026-03-01 16:30:00'):
            # the weekly digest: the week that ended last night, Sunday 03-01
            self.assertEqual(env['customer.review.digest']._week(),
                             (D(2026, 2, 23), D(2026, 3, 2)))
            # the consumption cycle table: an order's day is the company's day too
            Cycle = env['customer.consumption.cycle']
            Cycle._learn_consumption_cycles()
            cycle = Cycle.search([('partner_id', '=', self.customer_a.id),
                                  ('product_id', '=', self.product.id)])
            self.assertEqual((cycle.first_order_date, cycle.last_order_date),
                             (D(2026, 2, 1), D(2026, 3, 2)))
            # a record dated by default (promotion support logged by a job or a script)
            promotion = env['customer.promotion.support'].create(
                {'name': 'Night promotion', 'partner_id': self.customer_a.id})
            self.assertEqual(promotion.date, D(2026, 3, 2))


class TestNotification(CustomerMaintenanceCase):

    def test_notification_action(self):
        from ..tools.notify import notification
        nxt = {'type': 'ir.actions.act_window', 'res_model': 'res.partner'}
        action = notification('Done', '3 customers classified', next_action=nxt)
        self.assertEqual(action['tag'], 'display_notification')
        self.assertEqual(action['params']['message'], '3 customers classified')
        self.assertEqual(action['params']['next'], nxt)
        self.assertNotIn('next', notification('Done', 'x')['params'])
