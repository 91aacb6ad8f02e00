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
        # a real ABC change: customer A was C, a large order in the week makes it A
        cls.customer_a.abc_class = 'C'
        cls._confirmed_order(cls.customer_a, '2024-02-06', [(cls.product, 1000, 1000000)])
        cls.env['res.partner'].cron_classify_customers(today='2024-02-07')
        # a key account of B's with nobody but B and no sponsor: at risk
        key_tier = cls.env.ref('customer_maintenance.customer_tier_key')
        key_tier.write({'min_team_size': 2})
        cls.customer_b.write({'is_key_account': True, 'customer_tier_id': key_tier.id,
                              'customer_team_ids': [(5, 0, 0)]})
        cls.env['customer.consumption.cycle'].create({
            'partner_id': cls.customer_b.id, 'product_id': cls.product.id, 'order_count': 3,
            'avg_interval_days': 30, 'state': 'active', 'last_order_date': '2024-01-08',
            'next_due_date': '2024-02-07'})
        prospect = cls.env['res.partner'].create({'name': 'Prospect claimed by B',
                                                  'is_company': True})
        cls.env['customer.prospect.claim'].create({
            'partner_id': prospect.id, 'user_id': cls.manager_b.id,
            'date_claim': '2023-11-20', 'date_expiry': '2024-02-15'})
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
        self.assertEqual(self.customer_a.abc_class, 'A')
        self.assertEqual([i['name'] for i in block_a['abc_changes']], ['Customer of A: C → A'])
        self.assertIn('id=%d&model=res.partner' % self.customer_a.id,
                      block_a['abc_changes'][0]['url'])
        self.assertEqual([i['name'] for i in block_b['at_risk']], ['Customer of B'])
        self.assertNotIn('Customer of B', [i['name'] for i in block_a['at_risk']])
        self.assertEqual(len(block_b['overdue_cycles']), 1)
        self.assertIn('model=customer.consumption.cycle', block_b['overdue_cycles'][0]['url'])
        self.assertEqual([i['name'] for i in block_b['claims_expiring']],
                         [self.env['customer.prospect.claim'].search(
                             [('user_id', '=', self.manager_b.id)]).display_name])
        self.assertFalse(block_a['overdue_cycles'] or block_a['claims_expiring'])

    def test_email_per_supervisor(self):
        mails = self.Digest.cron_weekly_review_digest(week_start=self.WEEK)
        mine = mails.filtered(lambda m: self.supervisor.partner_id in m.recipient_ids)
        self.assertEqual(len(mine), 1)
        self.assertIn('2024-02-05', mine.subject)
        body = mine.body_html
        self.assertIn('Account Manager A', body)
        self.assertIn('Account Manager B', body)
        self.assertIn('Old visit left open', body)
        self.assertIn('Customer of A: C → A', body)
        self.assertIn('Key accounts at risk', body)
        self.assertIn('/web#id=%d&amp;model=res.partner' % self.customer_b.id, body)
        self.assertIn('/web#id=%d&amp;model=customer.relationship.event' % self.overdue_old.id,
                      body)
        # account managers do not get the supervisors' digest
        self.assertFalse(mails.filtered(lambda m: self.manager_a.partner_id in m.recipient_ids))

    def test_cron_record(self):
        self.assertEqual(self.cron.model_id.model, 'customer.review.digest')
        self.assertEqual(self.cron.interval_type, 'weeks')
        self.assertEqual(self.cron.numbercall, -1)
