# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from .common import CustomerMaintenanceCase


class TestWeeklyReviewDigest(CustomerMaintenanceCase):
    """Digest of the week of Monday 2024-02-05 for a fixture of manager A."""

    WEEK = '2024-02-05'

    @classmethod
    def setUpClass(cls):
        super(TestWeeklyReviewDigest, cls).setUpClass()
        Event = cls.env['customer.relationship.event']

        def event(name, day, state, user=None):
            return Event.create({'name': name, 'partner_id': cls.customer_a.id,
                                 'user_id': (user or cls.manager_a).id, 'date': day,
                                 'state': state})
        cls.overdue_old = event('Old visit left open', '2024-01-15', 'planned')
        cls.in_week_planned = event('Call left open', '2024-02-06', 'planned')
        event('Visit done', '2024-02-07', 'done')
        event('Cancelled call', '2024-02-08', 'cancelled')
        event('Done the week before', '2024-02-01', 'done')
        event('Next week', '2024-02-12', 'planned')
        event('B planned', '2024-02-06', 'planned', user=cls.manager_b)
        cls.Digest = cls.env['customer.review.digest']
        cls.cron = cls.env.ref('customer_maintenance.ir_cron_weekly_review_digest')

    def _block(self, values, user):
        blocks = [m for m in values['managers'] if m['name'] == user.name]
        self.assertEqual(len(blocks), 1)
        return blocks[0]

    def test_week_bounds(self):
        values = self.Digest._digest_values(self.WEEK)
        self.assertEqual((values['week_start'], values['week_end']), ('2024-02-05', '2024-02-11'))
        start, _end = self.Digest.with_context(cm_today='2024-02-14')._week()
        self.assertEqual(str(start), '2024-02-05')  # by default the week before

    def test_digest_values(self):
        values = self.Digest._digest_values(self.WEEK)
        block_a = self._block(values, self.manager_a)
        self.assertEqual(block_a['planned'], 2)  # planned + done in the week, not cancelled
        self.assertEqual(block_a['done'], 1)
        self.assertEqual(block_a['overdue_count'], 2)  # still planned before the week's end
        self.assertEqual([i['name'] for i in block_a['overdue']],
                         ['Old visit left open', 'Call left open'])
        self.assertIn('model=customer.relationship.event', block_a['overdue'][0]['url'])
        self.assertIn('id=%d' % self.overdue_old.id, block_a['overdue'][0]['url'])
        block_b = self._block(values, self.manager_b)
        self.assertEqual((block_b['planned'], block_b['done'], block_b['overdue_count']), (1, 0, 1))
        # sections of features not installed are absent, present when they are
        features = values['features']
        self.assertEqual('at_risk' in block_a, features['team_warning'])
        self.assertEqual('claims_expiring' in block_a, features['claims'])
        self.assertEqual('overdue_cycles' in block_a, features['cycles'])
        self.assertEqual('abc_changes' in block_a, features['abc_history'])

    def test_email_per_supervisor(self):
        mails = self.Digest.cron_weekly_review_digest(week_start=self.WEEK)
        mine = mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids)
        self.assertEqual(len(mine), 1)
        self.assertIn('2024-02-05', mine.subject)
        body = mine.body_html
        self.assertIn('Account Manager A', body)
        self.assertIn('Account Manager B', body)
        self.assertIn('Old visit left open', body)
        self.assertIn('/web#id=%d&amp;model=customer.relationship.event' % self.overdue_old.id,
                      body)
        # account managers do not get the supervisors' digest
        self.assertFalse(mails.filtered(lambda m: self.manager_a.partner_id in m.recipient_ids))

    def test_cron_record(self):
        self.assertEqual(self.cron.model_id.model, 'customer.review.digest')
        self.assertEqual(self.cron.interval_type, 'weeks')
        self.assertEqual(self.cron.numbercall, -1)
