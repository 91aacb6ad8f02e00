# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError, ValidationError

from .common import CustomerMaintenanceCase


class TestManagementLedgers(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super(TestManagementLedgers, cls).setUpClass()
        cls.Promotion = cls.env['customer.promotion.support']
        cls.Service = cls.env['customer.value.service']
        cls.Agreement = cls.env['customer.agreement']
        cls.promo_a = cls.Promotion.create({
            'name': 'POP material', 'partner_id': cls.customer_a.id, 'date': '2024-03-01',
            'support_type': 'signage_pop', 'cost': 120.0})
        cls.promo_b = cls.Promotion.create({
            'name': 'Dealer trip', 'partner_id': cls.customer_b.id, 'date': '2024-03-01',
            'support_type': 'customer_trip', 'cost': 900.0})
        cls.service_a = cls.Service.create({
            'name': 'Oil analysis', 'partner_id': cls.customer_a.id, 'date': '2024-02-01',
            'service_type': 'technical_consulting', 'hours': 4, 'cost': 80.0})
        cls.service_b = cls.Service.create({
            'name': 'Training', 'partner_id': cls.customer_b.id, 'date': '2024-02-01',
            'service_type': 'training', 'hours': 2})
        cls.agreement_a = cls.Agreement.create({
            'name': 'Supply 2024', 'partner_id': cls.customer_a.id, 'state': 'active',
            'agreement_type': 'long_term_supply', 'date_start': '2024-01-01',
            'date_end': '2024-03-20'})
        cls.agreement_b = cls.Agreement.create({
            'name': 'Club', 'partner_id': cls.customer_b.id, 'agreement_type': 'membership',
            'date_start': '2024-01-01'})

    def test_negative_cost_and_hours_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Promotion.create({'name': 'x', 'partner_id': self.customer_a.id, 'cost': -1})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Service.create({'name': 'x', 'partner_id': self.customer_a.id, 'cost': -5})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Service.create({'name': 'x', 'partner_id': self.customer_a.id, 'hours': -2})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.promo_a.write({'cost': -10})
        self.promo_a.invalidate_cache()
        self.assertEqual(self.promo_a.cost, 120.0)
        self.assertEqual(self.Promotion.search_count([('name', '=', 'x')]), 0)
        self.assertEqual(self.Service.search_count([('name', '=', 'x')]), 0)

    def test_end_before_start_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Agreement.create({'name': 'bad', 'partner_id': self.customer_a.id,
                                   'date_start': '2024-05-01', 'date_end': '2024-04-30'})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.agreement_a.write({'date_end': '2023-12-31'})
        self.agreement_a.invalidate_cache()
        self.assertEqual(self.agreement_a.date_end, '2024-03-20')
        self.assertFalse(self.Agreement.search([('name', '=', 'bad')]))

    def test_promotion_sales_before_after(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.promotion_effect_months', '3')
        self._confirmed_order(self.customer_b, '2023-11-30', [(self.product, 1, 5000)])  # outside
        self._confirmed_order(self.customer_b, '2024-01-10', [(self.product, 3, 100)])
        self._confirmed_order(self.customer_b, '2024-04-10', [(self.product, 7, 100)])
        self._confirmed_order(self.customer_b, '2024-06-02', [(self.product, 1, 9000)])  # outside
        self.promo_b.invalidate_cache()
        self.assertAlmostEqual(self.promo_b.sales_before, 300.0)
        self.assertAlmostEqual(self.promo_b.sales_after, 700.0)
        self.assertAlmostEqual(self.promo_b.sales_change, 400.0 / 3, places=2)
        self.assertEqual(self.promo_a.sales_before, 0.0)
        self.assertEqual(self.promo_a.sales_change, 0.0)

    def test_smart_button_counts(self):
        self.assertEqual(self.customer_a.promotion_support_count, 1)
        self.assertEqual(self.customer_a.value_service_count, 1)
        self.assertEqual(self.customer_a.agreement_count, 1)
        action = self.customer_a.action_view_agreement()
        self.assertEqual(action['domain'], [('partner_id', '=', self.customer_a.id)])

    def test_manager_sees_own_customers_ledgers(self):
        for model, own, other in ((self.Promotion, self.promo_a, self.promo_b),
                                  (self.Service, self.service_a, self.service_b),
                                  (self.Agreement, self.agreement_a, self.agreement_b)):
            as_a = model.sudo(self.manager_a)
            found = as_a.search([('id', 'in', (own | other).ids)])
            self.assertEqual(found, own.sudo(self.manager_a))
            with self.assertRaises(AccessError):
                as_a.browse(other.id).read(['name'])
            with self.assertRaises(AccessError):
                as_a.browse(other.id).write({'name': 'taken'})
            as_sup = model.sudo(self.supervisor)
            self.assertEqual(len(as_sup.search([('id', 'in', (own | other).ids)])), 2)
        # a manager records a ledger entry for their own customer, not for someone else's
        self.Service.sudo(self.manager_a).create({
            'name': 'Mine', 'partner_id': self.customer_a.id, 'hours': 1})
        with self.assertRaises(AccessError):
            self.Service.sudo(self.manager_a).create({
                'name': 'Theirs', 'partner_id': self.customer_b.id, 'hours': 1})
        with self.assertRaises(AccessError):
            self.promo_a.sudo(self.manager_a).unlink()

    def test_team_member_sees_customer_ledgers(self):
        # B sits in the team of A's customer: B sees and records its ledgers, not others'
        self.customer_a.customer_team_ids = [(4, self.manager_b.id)]
        for model, own in ((self.Promotion, self.promo_a), (self.Service, self.service_a),
                           (self.Agreement, self.agreement_a)):
            as_b = model.sudo(self.manager_b)
            self.assertEqual(as_b.search([('partner_id', '=', self.customer_a.id)]).ids, own.ids)
            self.assertTrue(as_b.browse(own.id).read(['name']))
        self.Service.sudo(self.manager_b).create({
            'name': 'Team help', 'partner_id': self.customer_a.id, 'hours': 1})
        self.customer_a.customer_team_ids = [(3, self.manager_b.id)]
        self.assertFalse(self.Service.sudo(self.manager_b).search(
            [('partner_id', '=', self.customer_a.id)]))

    def test_agreement_renewal_reminder_once(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.agreement_reminder_days', '30')
        Activity = self.env['mail.activity']
        domain = [('res_model', '=', 'customer.agreement'), ('res_id', '=', self.agreement_a.id)]
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-02-01'), 0)
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-01'), 1)
        activity = Activity.search(domain)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(activity.date_deadline, '2024-03-20')
        self.assertEqual(self.agreement_a.renewal_reminder_date, '2024-03-01')
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-02'), 0)
        self.assertEqual(len(Activity.search(domain)), 1)
        self.Agreement.cron_agreement_renewal(today='2024-03-21')
        self.assertEqual(self.agreement_a.state, 'expired')
        self.assertEqual(self.agreement_b.state, 'draft')

    def test_mark_reviewed(self):
        self.customer_a.review_note = 'Call the new buyer'
        partner = self.customer_a.sudo(self.supervisor).with_context(cm_today='2024-05-06')
        partner.action_mark_reviewed()
        self.assertIn('Call the new buyer', self.customer_a.message_ids[0].body)
        self.assertEqual(self.customer_a.message_ids[0].author_id, self.supervisor.partner_id)
        self.assertEqual(self.customer_a.last_review_date, '2024-05-06')
        with self.assertRaises(AccessError):
            self.customer_b.sudo(self.manager_a).action_mark_reviewed()
        self.assertFalse(self.customer_b.last_review_date)
