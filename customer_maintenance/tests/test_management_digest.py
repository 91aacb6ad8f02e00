# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The supervisor's review marks on customers and the weekly review digest."""
import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError

from .common import CustomerMaintenanceCase

D = datetime.date
WEEK = '2024-02-05'  # Monday; the week ends on Sunday 2024-02-11


class TestReviewMarks(CustomerMaintenanceCase):

    def test_supervisor_and_admin_mark_reviewed(self):
        for label, user, customer in (('supervisor', self.supervisor, self.customer_a),
                                      ('admin', self.admin, self.customer_b)):
            with self.subTest(label):
                customer.review_note = 'Visit with the technical team.'
                customer.with_user(user).with_context(cm_today='2024-02-09') \
                    .action_mark_reviewed()
                self.assertEqual(customer.last_review_date, D(2024, 2, 9))
                message = customer.message_ids[:1]
                self.assertIn('Profile card reviewed by %s.' % user.name, message.body)
                self.assertIn('Visit with the technical team.', message.body)
                self.assertEqual(message.author_id, user.partner_id)
                self.assertEqual(message.subtype_id, self.env.ref('mail.mt_note'))

    def test_account_manager_cannot_mark_reviewed(self):
        before = len(self.customer_a.message_ids)
        with self.assertRaisesRegex(AccessError, 'Only a supervisor'):
            self.customer_a.with_user(self.manager_a).action_mark_reviewed()
        self.assertFalse(self.customer_a.last_review_date)
        self.assertEqual(len(self.customer_a.message_ids), before)

    def test_supervisor_without_email(self):
        """A supervisor who logs in with a name only can record a review."""
        nameonly = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Supervisor No Mail', 'login': 'cm_test_sup_nomail',
            'groups_id': [Command.set([self.env.ref('customer_maintenance.group_manager').id])]})
        customers = self.customer_a | self.customer_b
        customers.with_user(nameonly).with_context(cm_today='2024-03-01').action_mark_reviewed()
        self.assertEqual(customers.mapped('last_review_date'), [D(2024, 3, 1)] * 2)

    def test_mark_reviewed_from_the_list(self):
        action = self.env.ref('customer_maintenance.res_partner_action_mark_reviewed')
        self.assertEqual(action.binding_model_id.model, 'res.partner')
        self.assertEqual(action.groups_id, self.env.ref('customer_maintenance.group_manager'))
        action.with_user(self.supervisor).with_context(
            active_model='res.partner', active_ids=[self.customer_a.id, self.customer_b.id],
            cm_today='2024-03-04').run()
        self.assertEqual((self.customer_a | self.customer_b).mapped('last_review_date'),
                         [D(2024, 3, 4)] * 2)

    def test_review_fields_not_copied(self):
        self.customer_a.with_context(cm_today='2024-03-04').action_mark_reviewed()
        self.customer_a.review_note = 'noted'
        copy = self.customer_a.copy()
        self.assertFalse(copy.last_review_date or copy.review_note)


class TestWeeklyReviewDigest(CustomerMaintenanceCase):
    """Digest of the week of Monday 2024-02-05 for a fixture of managers A and B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        p = cls.product
        Partner = cls.env['res.partner']
        # customer_a is won in the week (its first order, through its contact person)
        cls._confirmed_order(cls.contact_a, '2024-02-06', [(p, 1, 100)])
        # customer_b ordered before: an order in the week does not make it new
        cls._confirmed_order(cls.customer_b, '2023-06-01', [(p, 1, 100)])
        cls._confirmed_order(cls.customer_b, '2024-02-07', [(p, 1, 100)])
        # won the week before / after: not in this week's digest
        before = Partner.create({'name': 'Won before', 'is_company': True,
                                 'user_id': cls.manager_a.id})
        cls._confirmed_order(before, '2024-02-04', [(p, 1, 100)])
        after = Partner.create({'name': 'Won after', 'is_company': True,
                                'user_id': cls.manager_a.id})
        cls._confirmed_order(after, '2024-02-12', [(p, 1, 100)])
        Agreement = cls.env['customer.agreement']
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.agreement_reminder_days', '30')
        # ending by 2024-03-12 (end of week + 30 days): listed
        cls.ending = Agreement.create({
            'name': 'Supply 2024', 'partner_id': cls.customer_b.id, 'state': 'active',
            'date_start': '2023-03-01', 'date_end': '2024-03-01'})
        Agreement.create({'name': 'Far', 'partner_id': cls.customer_b.id, 'state': 'active',
                          'date_start': '2023-03-01', 'date_end': '2024-06-01'})
        Agreement.create({'name': 'Cancelled', 'partner_id': cls.customer_b.id,
                          'state': 'cancelled', 'date_start': '2023-03-01',
                          'date_end': '2024-02-20'})
        Agreement.create({'name': 'Open-ended', 'partner_id': cls.customer_a.id,
                          'state': 'active', 'date_start': '2023-03-01'})
        # segmentation: a class change of A's customer in the week (and one the week before)
        History = cls.env['customer.abc.history']
        History.create({'partner_id': cls.customer_a.id, 'old_class': 'C', 'new_class': 'A',
                        'date': '2024-02-07'})
        History.create({'partner_id': cls.customer_a.id, 'old_class': 'B', 'new_class': 'C',
                        'date': '2024-02-01'})
        # a key account of B's with nobody but B and no sponsor: at risk
        cls.customer_b.write({
            'is_key_account': True, 'customer_team_ids': [Command.clear()],
            'customer_tier_id': cls.env.ref('customer_maintenance.customer_tier_key').id})
        # B's claim expires within a week of the week's end; one later does not
        prospects = Partner.create([{'name': 'Prospect claimed by B', 'is_company': True},
                                    {'name': 'Prospect claimed later', 'is_company': True}])
        cls.claim = cls.env['customer.prospect.claim'].create({
            'partner_id': prospects[0].id, 'user_id': cls.manager_b.id,
            'date_claim': '2023-11-20', 'date_expiry': '2024-02-15'})
        cls.env['customer.prospect.claim'].create({
            'partner_id': prospects[1].id, 'user_id': cls.manager_b.id,
            'date_claim': '2023-11-20', 'date_expiry': '2024-02-25'})
        # relationship: A's contacts; in the week a done call, a call still planned (overdue
        # at the week's end) and a cancelled one; a call overdue since January; one after
        Event = cls.env['customer.relationship.event']
        for name, day, state in (('Call done', '2024-02-06', 'done'),
                                 ('Call late', '2024-02-08', 'planned'),
                                 ('Call cancelled', '2024-02-07', 'cancelled'),
                                 ('Call January', '2024-01-20', 'planned'),
                                 ('Call later', '2024-02-20', 'planned')):
            Event.create({'name': name, 'partner_id': cls.customer_a.id, 'date': day,
                          'user_id': cls.manager_a.id, 'state': state})
        cls.Digest = cls.env['customer.review.digest']

    def _block(self, values, user):
        blocks = [m for m in values['managers'] if m['name'] == user.name]
        self.assertEqual(len(blocks), 1, user.name)
        return blocks[0]

    def _sections(self, block):
        return {s['title']: [i['name'] for i in s['items']] for s in block['sections']}

    def test_week_bounds(self):
        values = self.Digest.with_context(lang='en_US')._digest_values(WEEK)
        self.assertEqual((values['week_start'], values['week_end']), ('02/05/2024', '02/11/2024'))
        for today in ('2024-02-12', '2024-02-14', '2024-02-18'):
            with self.subTest(today):
                start, end = self.Digest.with_context(cm_today=today)._week()
                self.assertEqual((start, end), (D(2024, 2, 5), D(2024, 2, 12)))

    def test_digest_values(self):
        values = self.Digest._digest_values(WEEK)
        block_a = self._block(values, self.manager_a)
        self.assertEqual(self._sections(block_a), {
            'Overdue contacts:': ['Customer of A: Call January (01/20/2024)',
                                  'Customer of A: Call late (02/08/2024)'],
            'Customers that changed ABC class:': ['Customer of A: C → A'],
            'New customers (first order in the week):': ['Customer of A']})
        self.assertEqual([(f['label'], f['value']) for f in block_a['figures']],
                         [('Contacts planned', 2), ('done', 1), ('overdue', 2)])
        overdue, *others = block_a['sections']
        self.assertIn('/odoo/customer.relationship.event/', overdue['items'][0]['url'])
        self.assertEqual(overdue['count'], 2)
        for section in others:
            self.assertIn('/odoo/res.partner/%d' % self.customer_a.id, section['items'][0]['url'])
        block_b = self._block(values, self.manager_b)
        self.assertEqual(block_b['figures'], [])  # no contacts: no line of zeros
        self.assertEqual(self._sections(block_b), {
            'Key accounts at risk (team warning):': ['Customer of B'],
            'Prospect claims expiring:': [self.claim.display_name],
            'Agreements ending by 03/12/2024:': ['Customer of B: Supply 2024 (03/01/2024)']})
        urls = [section['items'][0]['url'] for section in block_b['sections']]
        self.assertIn('/odoo/customer.agreement/%d' % self.ending.id, urls[-1])
        self.assertIn('/odoo/customer.prospect.claim/%d' % self.claim.id, urls[1])
        # managers with nothing to show have no block
        self.assertNotIn(self.supervisor.name, [m['name'] for m in values['managers']])

    def test_digest_values_as_each_role(self):
        """The digest summarises every manager whoever computes it (the cron runs as root)."""
        expected = self.Digest._digest_values(WEEK)
        for user in (self.manager_a, self.supervisor, self.admin):
            with self.subTest(user.name):
                self.assertEqual(self.Digest.with_user(user)._digest_values(WEEK), expected)

    def test_email_per_supervisor(self):
        mails = self.Digest.cron_weekly_review_digest(week_start=WEEK)
        mine = mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.subject,
                         'Weekly review of the account managers, 02/05/2024 – 02/11/2024')
        body = mine.body_html
        for text in ('Dear Supervisor,', 'Account Manager A', 'Account Manager B',
                     'Key accounts at risk (team warning):', 'Customer of A: C → A',
                     'New customers (first order in the week):', 'Customer of A',
                     'Customer of B: Supply 2024 (03/01/2024)',
                     'Contacts planned: <strong>2</strong>', 'Overdue contacts:',
                     'Customer of A: Call late (02/08/2024)',
                     '/odoo/res.partner/%d' % self.customer_a.id):
            self.assertIn(text, body)
        for raw in ('{{', '${', 't-out', 't-foreach', '% for'):
            self.assertNotIn(raw, body + mine.subject)
        self.assertNotIn('Won before', body)
        self.assertNotIn('Won after', body)
        # account managers do not get the supervisors' digest
        self.assertFalse(mails.filtered(lambda m: self.manager_a.partner_id in m.recipient_ids))
        # the admin is a supervisor too
        self.assertTrue(mails.filtered(lambda m: self.admin.partner_id in m.recipient_ids))

    def test_email_in_the_supervisors_language(self):
        self.supervisor.lang = 'zh_TW'
        mails = self.Digest.cron_weekly_review_digest(week_start=WEEK)
        mine = mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids)
        self.assertEqual(mine.subject, '客戶經理每週審查，2024年02月05日 – 2024年02月11日')
        self.assertIn('新客戶', mine.body_html)
        self.assertIn('逾期', mine.body_html)
        self.assertIn('Supervisor 您好', mine.body_html)

    def test_dates_in_the_readers_date_format(self):
        """Every date of the digest the supervisor reads (subject, week, overdue contacts,
        agreements) in the date format of the supervisor's language, none as ISO text."""
        cases = [
            # language, the week's first and last day, an overdue contact, the agreements'
            # section title and line
            ('en_US', '02/05/2024', '02/11/2024', 'Customer of A: Call January (01/20/2024)',
             'Agreements ending by 03/12/2024:', 'Customer of B: Supply 2024 (03/01/2024)'),
            ('zh_TW', '2024年02月05日', '2024年02月11日',
             'Customer of A: Call January (2024年01月20日)', '2024年03月12日 前到期的協議：',
             'Customer of B: Supply 2024 (2024年03月01日)'),
            ('zh_CN', '2024年02月05日', '2024年02月11日',
             'Customer of A: Call January (2024年01月20日)', '2024年03月12日 前到期的协议：',
             'Customer of B: Supply 2024 (2024年03月01日)'),
        ]
        params = self.env['ir.config_parameter'].sudo()
        for lang, first, last, overdue, ending, agreement in cases:
            with self.subTest(lang=lang):
                self.supervisor.lang = lang
                params.set_param('customer_maintenance.review_digest_sent', False)  # resend
                mails = self.Digest.cron_weekly_review_digest(week_start=WEEK)
                mine = mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids)
                self.assertEqual(len(mine), 1)
                self.assertTrue(mine.subject.endswith('%s – %s' % (first, last)), mine.subject)
                for text in (first, last, overdue, ending, agreement):
                    self.assertIn(text, mine.body_html)
                for iso in ('2024-02-05', '2024-02-11', '2024-01-20', '2024-03-12',
                            '2024-03-01'):
                    self.assertNotIn(iso, mine.subject + mine.body_html)

    def test_cron_idempotent(self):
        first = self.Digest.cron_weekly_review_digest(week_start=WEEK)
        self.assertTrue(first)
        self.assertFalse(self.Digest.cron_weekly_review_digest(week_start=WEEK))
        # another week is sent again
        self.assertTrue(self.Digest.cron_weekly_review_digest(week_start='2024-02-12'))

    def test_broken_supervisor_logged_and_skipped(self):
        template = self.env.ref('customer_maintenance.mail_template_weekly_review_digest')
        original = type(template).send_mail

        def send_mail(tmpl, res_id, *args, **kwargs):
            if res_id == self.supervisor.id:
                raise ValueError('broken on purpose')
            return original(tmpl, res_id, *args, **kwargs)
        with patch.object(type(template), 'send_mail', send_mail), \
                self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches',
                                level='ERROR') as logs:
            mails = self.Digest.cron_weekly_review_digest(week_start=WEEK)
        self.assertTrue(any('failed and is skipped' in line for line in logs.output))
        self.assertFalse(mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids))
        self.assertTrue(mails.filtered(lambda m: self.admin.partner_id in m.recipient_ids))
        # the next run sends the one that failed, and only that one
        again = self.Digest.cron_weekly_review_digest(week_start=WEEK)
        self.assertEqual(again.recipient_ids, self.supervisor.partner_id)

    def test_cron_record(self):
        cron = self.env.ref('customer_maintenance.ir_cron_weekly_review_digest')
        self.assertEqual(cron.model_id.model, 'customer.review.digest')
        self.assertEqual(cron.interval_type, 'weeks')
        self.assertEqual(cron.code, 'model.cron_weekly_review_digest(automatic=True)')
