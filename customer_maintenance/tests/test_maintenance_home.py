# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""My Maintenance (the account manager's home) and the count dialogs of long operations."""
from odoo.exceptions import AccessError

from .common import CustomerMaintenanceCase

TODAY = '2026-03-04'  # a Wednesday: the week ends on Sunday 2026-03-08


class TestMaintenanceHome(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestMaintenanceHome, cls).setUpClass()
        Event = cls.env['customer.relationship.event']

        def event(name, date, user, **vals):
            vals.update(name=name, date=date, user_id=user.id, partner_id=cls.customer_a.id,
                        kind=vals.get('kind', 'business'), channel=vals.get('channel', 'call'))
            return Event.create(vals)

        cls.overdue = event('Overdue call', '2026-03-02', cls.manager_a)
        cls.today_call = event('Call today', TODAY, cls.manager_a)
        cls.next_week = event('Next week', '2026-03-12', cls.manager_a)
        cls.done = event('Done call', '2026-03-03', cls.manager_a)
        cls.done.state = 'done'
        cls.other = event('Call of B', TODAY, cls.manager_b)
        cls.birthday = event('Birthday', '2026-03-14', cls.manager_a, plan_item='birthday',
                             kind='personal', channel='message')
        cls.far_festival = event('Far festival', '2026-03-25', cls.manager_a,
                                 plan_item='festival', kind='personal', channel='message')
        Cycle = cls.env['customer.consumption.cycle']
        product2 = cls.product.copy({'name': 'Second product'})
        product3 = cls.product.copy({'name': 'Third product'})
        cls.cycle_due = Cycle.create({'partner_id': cls.customer_a.id, 'product_id': cls.product.id,
                                      'next_due_date': '2026-03-09'})
        cls.cycle_late = Cycle.create({'partner_id': cls.customer_a.id, 'product_id': product2.id,
                                       'next_due_date': '2026-02-20'})
        cls.cycle_far = Cycle.create({'partner_id': cls.customer_a.id, 'product_id': product3.id,
                                      'next_due_date': '2026-04-20'})
        prospect = cls.env['res.partner'].create({
            'name': 'Prospect P', 'is_company': True, 'pipeline_stage': 'prospect'})
        cls.claim = cls.env['customer.prospect.claim'].create({
            'partner_id': prospect.id, 'user_id': cls.manager_a.id,
            'date_claim': '2026-01-10', 'date_expiry': '2026-03-07'})
        cls.Home = cls.env['customer.maintenance.home']

    def _cards(self, user):
        cards = self.Home.sudo(user).with_context(cm_today=TODAY).search([])
        return {card.code: card for card in cards}

    def test_cards_count_the_managers_work(self):
        cards = self._cards(self.manager_a)
        self.assertEqual(sorted(cards), ['claims', 'contacts', 'greetings', 'replenishments'])
        # overdue + today; not next week's, not the done one, not B's
        self.assertEqual(cards['contacts'].item_count, 2)
        self.assertEqual(cards['contacts'].overdue_count, 1)
        self.assertEqual(cards['greetings'].item_count, 1)  # birthday in 10 days, not in 21
        self.assertEqual(cards['greetings'].overdue_count, 0)
        self.assertEqual(cards['replenishments'].item_count, 2)
        self.assertEqual(cards['replenishments'].overdue_count, 1)
        self.assertEqual(cards['claims'].item_count, 1)
        self.assertEqual(cards['claims'].overdue_count, 0)

    def test_cards_of_another_manager(self):
        cards = self._cards(self.manager_b)
        self.assertEqual(cards['contacts'].item_count, 1)
        self.assertEqual(cards['contacts'].overdue_count, 0)
        for code in ('greetings', 'replenishments', 'claims'):
            self.assertEqual(cards[code].item_count, 0, code)

    def test_open_card_shows_what_it_counts(self):
        cards = self._cards(self.manager_a)
        for code, expected in (('greetings', self.birthday),
                               ('replenishments', self.cycle_due | self.cycle_late),
                               ('claims', self.claim)):
            action = cards[code].action_open()
            records = self.env[action['res_model']].sudo(self.manager_a).search(action['domain'])
            self.assertEqual(records, expected, code)
        action = cards['contacts'].action_open()
        self.assertEqual(action['id'], self.env.ref(
            'customer_maintenance.customer_relationship_event_action_my').id)
        self.assertIn('search_default_my_events', action['context'])

    def test_account_manager_cannot_edit_cards(self):
        card = self._cards(self.manager_a)['contacts']
        with self.assertRaises(AccessError):
            card.write({'name': 'Mine'})

    def test_classify_now_reports_counts(self):
        action = self.env['res.partner'].sudo(self.supervisor).action_classify_now()
        self.assertEqual(action['res_model'], 'customer.maintenance.result')
        self.assertEqual(action['target'], 'new')
        result = self.env['customer.maintenance.result'].browse(action['res_id'])
        self.assertIn('customers classified', result.message)
        classified = self.env['res.partner'].search_count(
            [('parent_id', '=', False), ('abc_class', '!=', False)])
        self.assertIn('%d customers classified' % classified, result.message)
        # no records attached: the Open button just closes
        self.assertEqual(result.action_open_records()['type'], 'ir.actions.act_window_close')

    def test_result_dialog_opens_records(self):
        action = self.env['customer.maintenance.result'].show(
            'Done', '2 things', records=self.cycle_due | self.cycle_late)
        result = self.env['customer.maintenance.result'].browse(action['res_id'])
        opened = result.action_open_records()
        self.assertEqual(opened['res_model'], 'customer.consumption.cycle')
        self.assertEqual(opened['domain'], [('id', 'in', (self.cycle_due | self.cycle_late).ids)])

    def test_regional_care_title_counts(self):
        state = self.env['res.country.state'].search([], limit=1)
        self.customer_a.state_id = state
        self.customer_b.state_id = state
        Wizard = self.env['customer.regional.care.wizard'].sudo(self.supervisor)
        vals = {'state_ids': [(6, 0, state.ids)], 'description': 'Typhoon', 'date': TODAY}
        action = Wizard.create(vals).action_create_events()
        planned = self.env['customer.relationship.event'].search_count(action['domain'])
        self.assertGreaterEqual(planned, 2)
        self.assertIn('%d care calls planned, 0 already planned' % planned, action['name'])
        again = Wizard.create(vals).action_create_events()
        self.assertIn('0 care calls planned, %d already planned' % planned, again['name'])
