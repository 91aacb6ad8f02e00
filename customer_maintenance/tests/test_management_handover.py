# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import UserError

from .common import CustomerMaintenanceCase


class TestCustomerHandover(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestCustomerHandover, cls).setUpClass()
        cls.customer_a2 = cls.env['res.partner'].create({
            'name': 'Second Customer of A', 'is_company': True, 'customer': True,
            'user_id': cls.manager_a.id})
        cls.contact_a.user_id = cls.manager_a
        Event = cls.env['customer.relationship.event']
        cls.event_planned = Event.create({
            'name': 'Visit', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
            'date': '2030-01-10', 'state': 'planned'})
        cls.event_done = Event.create({
            'name': 'Past call', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
            'date': '2024-01-10', 'state': 'done'})
        cls.event_other = Event.create({
            'name': 'Supervisor visit', 'partner_id': cls.customer_a.id,
            'user_id': cls.supervisor.id, 'date': '2030-01-11', 'state': 'planned'})
        cls.event_b = Event.create({
            'name': 'B call', 'partner_id': cls.customer_b.id, 'user_id': cls.manager_b.id,
            'date': '2030-01-12', 'state': 'planned'})
        cls.promo_planned = cls.env['customer.promotion.support'].create({
            'name': 'POP', 'partner_id': cls.customer_a.id, 'user_id': cls.manager_a.id,
            'date': '2030-02-01'})
        todo = cls.env.ref('mail.mail_activity_data_todo')

        def activity(record, user):
            return cls.env['mail.activity'].create({
                'res_model_id': cls.env['ir.model']._get(record._name).id,
                'res_id': record.id, 'activity_type_id': todo.id, 'summary': 'Follow up',
                'user_id': user.id, 'date_deadline': '2030-01-01'})
        cls.activity_partner = activity(cls.customer_a, cls.manager_a)
        cls.activity_event = activity(cls.event_planned, cls.manager_a)
        cls.activity_b = activity(cls.customer_b, cls.manager_b)
        cls.Wizard = cls.env['customer.handover.wizard']

    def _wizard(self, user, **vals):
        vals.setdefault('from_user_id', self.manager_a.id)
        vals.setdefault('to_user_id', self.manager_b.id)
        return self.Wizard.sudo(user).create(vals)

    def test_handover_moves_kpi_snapshot_at_once(self):
        """KPIs count customers for their current manager: after the hand-over the report
        shows the sales under the successor without waiting for the nightly refresh."""
        self._confirmed_order(self.customer_a2, '2024-03-05', [(self.product, 2, 150)])
        Sales = self.env['customer.manager.kpi.snapshot']
        Sales.cron_refresh_manager_kpi()

        def revenue(user):
            rows = Sales.search([('user_id', '=', user.id), ('date', '=', '2024-03-01')])
            return sum(rows.mapped('revenue_total'))
        self.assertEqual((revenue(self.manager_a), revenue(self.manager_b)), (300, 0))
        self._wizard(self.supervisor, partner_ids=[(6, 0, self.customer_a2.ids)]).action_handover()
        Sales.invalidate_cache()
        self.assertEqual((revenue(self.manager_a), revenue(self.manager_b)), (0, 300))

    def test_handover_moves_everything(self):
        wizard = self._wizard(self.supervisor, note='Chen leaves; Lin takes over.')
        wizard._onchange_from_user_id()
        self.assertEqual(wizard.partner_ids, self.customer_a | self.customer_a2)
        action = wizard.action_handover()
        self.assertEqual(self.customer_a.user_id, self.manager_b)
        self.assertEqual(self.customer_a2.user_id, self.manager_b)
        self.assertEqual(self.contact_a.user_id, self.manager_b)
        self.assertEqual(self.event_planned.user_id, self.manager_b)
        self.assertEqual(self.event_done.user_id, self.manager_a)  # history stays
        self.assertEqual(self.event_other.user_id, self.supervisor)
        self.assertEqual(self.promo_planned.user_id, self.manager_b)
        self.assertEqual(self.activity_partner.user_id, self.manager_b)
        self.assertEqual(self.activity_event.user_id, self.manager_b)
        self.assertEqual(self.activity_b.user_id, self.manager_b)  # untouched: was B's already
        self.assertEqual(self.event_b.user_id, self.manager_b)
        for partner in self.customer_a | self.customer_a2:
            self.assertIn('Chen leaves', partner.message_ids[0].body)
            self.assertIn(self.manager_b.name, partner.message_ids[0].body)
        # the dialog says what moved; its button prints the successor's profile cards
        result = self.env[action['res_model']].browse(action['res_id'])
        self.assertIn('2 customers', result.message)
        action = result.action_open_records()
        self.assertEqual(action['type'], 'ir.actions.report')
        self.assertEqual(action['report_name'], 'customer_maintenance.report_profile_card')
        self.assertEqual(sorted(action['context']['active_ids']),
                         sorted((self.customer_a | self.customer_a2).ids))
        self.assertFalse(self.env['customer.prospect.claim'].search(
            [('user_id', '=', self.manager_a.id), ('state', '=', 'active'),
             ('partner_id', 'in', (self.customer_a | self.customer_a2).ids)]))

    def test_handover_selected_customers_only(self):
        wizard = self._wizard(self.supervisor, partner_ids=[(6, 0, [self.customer_a2.id])])
        wizard.action_handover()
        self.assertEqual(self.customer_a2.user_id, self.manager_b)
        self.assertEqual(self.customer_a.user_id, self.manager_a)
        self.assertEqual(self.event_planned.user_id, self.manager_a)
        self.assertEqual(self.activity_partner.user_id, self.manager_a)

    def test_handover_team_membership(self):
        self.customer_a.customer_team_ids = [(6, 0, [self.manager_a.id, self.supervisor.id])]
        colleague = self.env['res.partner'].create({
            'name': "Supervisor's key account", 'is_company': True, 'customer': True,
            'user_id': self.supervisor.id, 'customer_team_ids': [(6, 0, self.manager_a.ids)]})
        self._wizard(self.supervisor).action_handover()
        self.assertEqual(set(self.customer_a.customer_team_ids.ids),
                         {self.manager_b.id, self.supervisor.id})
        # the whole book is handed over: A's seat in a colleague's team goes to B as well
        self.assertEqual(colleague.customer_team_ids, self.manager_b)
        self.assertEqual(colleague.user_id, self.supervisor)

    def test_handover_part_keeps_other_seats(self):
        colleague = self.env['res.partner'].create({
            'name': "Supervisor's key account", 'is_company': True, 'customer': True,
            'user_id': self.supervisor.id, 'customer_team_ids': [(6, 0, self.manager_a.ids)]})
        self._wizard(self.supervisor, partner_ids=[(6, 0, self.customer_a2.ids)]).action_handover()
        self.assertEqual(colleague.customer_team_ids, self.manager_a)

    def test_handover_moves_replenishment_calls_and_claims(self):
        cycle = self.env['customer.consumption.cycle'].create({
            'partner_id': self.customer_a.id, 'product_id': self.product.id,
            'order_count': 3, 'avg_interval_days': 30, 'state': 'active',
            'last_order_date': '2029-12-01', 'next_due_date': '2029-12-31'})
        self.assertEqual(cycle.user_id, self.manager_a)
        self.env['customer.consumption.cycle']._plan_replenishment_reminders('2029-12-26')
        reminder = self.env['customer.relationship.event'].search(
            [('consumption_cycle_id', '=', cycle.id)])
        self.assertEqual((len(reminder), reminder.user_id), (1, self.manager_a))
        prospect = self.env['res.partner'].create({
            'name': 'Prospect of A', 'is_company': True, 'user_id': self.manager_a.id,
            'pipeline_stage': 'prospect'})
        claim = self.env['customer.prospect.claim'].create({
            'partner_id': prospect.id, 'user_id': self.manager_a.id,
            'date_claim': '2029-12-01', 'date_expiry': '2030-03-01'})
        self._wizard(self.supervisor).action_handover()
        self.assertEqual(reminder.user_id, self.manager_b)
        self.assertEqual(reminder.activity_ids.mapped('user_id'), self.manager_b)
        self.assertEqual(cycle.user_id, self.manager_b)
        self.assertEqual((claim.user_id, claim.state), (self.manager_b, 'active'))

    def test_handover_refuses_bad_input(self):
        with self.assertRaises(UserError):
            self._wizard(self.supervisor, to_user_id=self.manager_a.id).action_handover()
        self.manager_b.active = False
        with self.assertRaises(UserError):
            self._wizard(self.supervisor).action_handover()
        self.manager_b.active = True
        with self.assertRaises(UserError):  # an account manager cannot hand over
            self._wizard(self.manager_a).action_handover()
        self.assertEqual(self.customer_a.user_id, self.manager_a)
        self.assertEqual(self.event_planned.user_id, self.manager_a)
        self.assertEqual(self.activity_partner.user_id, self.manager_a)

    def test_default_from_selected_partners(self):
        wizard = self.Wizard.sudo(self.supervisor).with_context(
            active_model='res.partner', active_ids=[self.customer_a.id]).new({})
        defaults = wizard.default_get(['from_user_id', 'partner_ids'])
        self.assertEqual(defaults['from_user_id'], self.manager_a.id)
        self.assertEqual(defaults['partner_ids'], [(6, 0, [self.customer_a.id])])
