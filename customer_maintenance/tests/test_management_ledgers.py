# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from .common import CustomerMaintenanceCase

D = datetime.date


class TestManagementLedgers(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        cases = [
            ('promotion cost', lambda: self.Promotion.create(
                {'name': 'x', 'partner_id': self.customer_a.id, 'cost': -1}), 'negative'),
            ('service cost', lambda: self.Service.create(
                {'name': 'x', 'partner_id': self.customer_a.id, 'cost': -5}), 'cost'),
            ('service hours', lambda: self.Service.create(
                {'name': 'x', 'partner_id': self.customer_a.id, 'hours': -2}), 'hours'),
            ('promotion cost written', lambda: self.promo_a.write({'cost': -10}), 'negative'),
        ]
        for label, call, words in cases:
            with self.subTest(label), self.assertRaisesRegex(ValidationError, words), \
                    self.env.cr.savepoint():
                call()
        self.promo_a.invalidate_recordset()
        self.assertEqual(self.promo_a.cost, 120.0)
        self.assertEqual(self.Promotion.search_count([('name', '=', 'x')]), 0)
        self.assertEqual(self.Service.search_count([('name', '=', 'x')]), 0)

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, 'ends before it starts'), \
                self.env.cr.savepoint():
            self.Agreement.create({'name': 'bad', 'partner_id': self.customer_a.id,
                                   'date_start': '2024-05-01', 'date_end': '2024-04-30'})
        with self.assertRaisesRegex(ValidationError, 'ends before it starts'), \
                self.env.cr.savepoint():
            self.agreement_a.write({'date_end': '2023-12-31'})
        self.agreement_a.invalidate_recordset()
        self.assertEqual(self.agreement_a.date_end, D(2024, 3, 20))
        self.assertFalse(self.Agreement.search([('name', '=', 'bad')]))

    def test_promotion_sales_before_after(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.promotion_effect_months', '3')
        self._confirmed_order(self.customer_b, '2023-11-30', [(self.product, 1, 5000)])  # outside
        self._confirmed_order(self.customer_b, '2024-01-10', [(self.product, 3, 100)])
        self._confirmed_order(self.customer_b, '2024-04-10', [(self.product, 7, 100)])
        self._confirmed_order(self.customer_b, '2024-06-02', [(self.product, 1, 9000)])  # outside
        # an order of a contact counts for its company; a quotation does not count
        contact_b = self.env['res.partner'].create({'name': 'Buyer of B',
                                                    'parent_id': self.customer_b.id})
        self._confirmed_order(contact_b, '2024-03-05', [(self.product, 1, 50)])
        self.env['sale.order'].create({'partner_id': self.customer_b.id, 'order_line': [
            Command.create({'product_id': self.product.id, 'product_uom_qty': 1,
                            'price_unit': 7777})]})
        self.promo_b.invalidate_recordset()
        self.assertAlmostEqual(self.promo_b.sales_before, 300.0)
        self.assertAlmostEqual(self.promo_b.sales_after, 750.0)
        self.assertAlmostEqual(self.promo_b.sales_change, 450.0 / 3, places=2)
        self.assertEqual(self.promo_a.sales_before, 0.0)
        self.assertEqual(self.promo_a.sales_change, 0.0)
        # a wider window (setting) takes the older order in
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.promotion_effect_months', '4')
        self.promo_b.invalidate_recordset()
        self.assertAlmostEqual(self.promo_b.sales_before, 5300.0)

    def test_smart_button_counts(self):
        cases = [(self.customer_a, 1, 1, 1), (self.customer_b, 1, 1, 1),
                 (self.contact_a, 0, 0, 0)]
        for partner, promos, services, agreements in cases:
            with self.subTest(partner=partner.name):
                self.assertEqual((partner.promotion_support_count, partner.value_service_count,
                                  partner.agreement_count), (promos, services, agreements))
        for method, model in (('action_view_promotion_support', 'customer.promotion.support'),
                              ('action_view_value_service', 'customer.value.service'),
                              ('action_view_agreement', 'customer.agreement')):
            with self.subTest(method=method):
                action = getattr(self.customer_a, method)()
                self.assertEqual(action['res_model'], model)
                self.assertEqual(action['domain'], [('partner_id', '=', self.customer_a.id)])
                self.assertEqual(action['context']['default_partner_id'], self.customer_a.id)
        # as account manager B: A's ledgers are not counted (record rules)
        self.assertEqual(self.customer_a.with_user(self.manager_b).agreement_count, 0)
        self.assertEqual(self.customer_b.with_user(self.manager_b).agreement_count, 1)

    def test_manager_sees_own_customers_ledgers(self):
        for model, own, other in ((self.Promotion, self.promo_a, self.promo_b),
                                  (self.Service, self.service_a, self.service_b),
                                  (self.Agreement, self.agreement_a, self.agreement_b)):
            with self.subTest(model=model._name):
                as_a = model.with_user(self.manager_a)
                found = as_a.search([('id', 'in', (own | other).ids)])
                self.assertEqual(found, own.with_user(self.manager_a))
                with self.assertRaises(AccessError):
                    as_a.browse(other.id).read(['name'])
                with self.assertRaises(AccessError):
                    as_a.browse(other.id).write({'name': 'taken'})
                for user in (self.supervisor, self.admin):
                    found = model.with_user(user).search([('id', 'in', (own | other).ids)])
                    self.assertEqual(len(found), 2)
        # a manager records a ledger entry for their own customer, not for someone else's
        self.Service.with_user(self.manager_a).create({
            'name': 'Mine', 'partner_id': self.customer_a.id, 'hours': 1})
        with self.assertRaises(AccessError):
            self.Service.with_user(self.manager_a).create({
                'name': 'Theirs', 'partner_id': self.customer_b.id, 'hours': 1})
        with self.assertRaises(AccessError):
            self.promo_a.with_user(self.manager_a).unlink()
        self.promo_b.with_user(self.supervisor).unlink()
        self.assertFalse(self.promo_b.exists())

    def test_team_member_sees_customer_ledgers(self):
        # B sits in the team of A's customer: B sees and records its ledgers, not others'
        self.customer_a.customer_team_ids = [Command.link(self.manager_b.id)]
        for model, own in ((self.Promotion, self.promo_a), (self.Service, self.service_a),
                           (self.Agreement, self.agreement_a)):
            with self.subTest(model=model._name):
                as_b = model.with_user(self.manager_b)
                self.assertEqual(as_b.search([('partner_id', '=', self.customer_a.id)]).ids,
                                 own.ids)
                self.assertTrue(as_b.browse(own.id).read(['name']))
        self.Service.with_user(self.manager_b).create({
            'name': 'Team help', 'partner_id': self.customer_a.id, 'hours': 1})
        self.customer_a.customer_team_ids = [Command.unlink(self.manager_b.id)]
        self.assertFalse(self.Service.with_user(self.manager_b).search(
            [('partner_id', '=', self.customer_a.id)]))

    def test_other_company_hidden(self):
        """Records of another company are hidden, even from the supervisor, until the
        supervisor works in that company too (company_ids, not the default company)."""
        other = self.env['res.company'].create({'name': 'Management Other Co'})
        self.agreement_a.company_id = other
        self.promo_a.company_id = other
        for model, record in ((self.Agreement, self.agreement_a), (self.Promotion, self.promo_a)):
            with self.subTest(model=model._name):
                self.assertFalse(model.with_user(self.supervisor).search_count(
                    [('id', '=', record.id)]))
        self.supervisor.write({'company_ids': [Command.link(other.id)]})
        for model, record in ((self.Agreement, self.agreement_a), (self.Promotion, self.promo_a)):
            with self.subTest(model=model._name, allowed=True):
                env = self.env(user=self.supervisor,
                               context={'allowed_company_ids': [self.env.company.id, other.id]})
                self.assertEqual(env[model._name].search_count([('id', '=', record.id)]), 1)

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
        self.assertEqual(activity.date_deadline, D(2024, 3, 20))
        self.assertTrue(activity.active)
        self.assertEqual(activity.activity_type_id, self.env.ref(
            'customer_maintenance.mail_activity_type_agreement_renewal'))
        self.assertIn('Supply 2024', activity.summary)
        self.assertEqual(self.agreement_a.activity_ids, activity)
        self.assertEqual(self.agreement_a.renewal_reminder_date, D(2024, 3, 1))
        # idempotent: twice changes nothing
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-02'), 0)
        self.assertEqual(len(Activity.search(domain)), 1)
        self.Agreement.cron_agreement_renewal(today='2024-03-21')
        self.assertEqual(self.agreement_a.state, 'expired')
        self.assertEqual(self.agreement_b.state, 'draft')
        # reset to draft forgets the reminder
        self.agreement_a.action_draft()
        self.assertFalse(self.agreement_a.renewal_reminder_date)

    def test_agreement_renewal_note_in_the_managers_language(self):
        """The reminder reads in its account manager's language and date format (the cron
        runs as __system__, in English)."""
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.agreement_reminder_days', '30')
        cases = [('en_US', 'Renew agreement Supply 2024',
                  'ends on 03/20/2024: talk about its renewal.'),
                 ('zh_TW', '續約協議 Supply 2024', '將於 2024年03月20日 到期：請洽談續約。'),
                 ('zh_CN', '续约协议 Supply 2024', '将于 2024年03月20日 到期：请洽谈续约。')]
        for lang, summary, note in cases:
            with self.subTest(lang=lang):
                self.manager_a.lang = lang
                self.agreement_a.action_draft()
                self.agreement_a.action_activate()
                self.agreement_a.activity_ids.unlink()
                self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-01'), 1)
                activity = self.agreement_a.activity_ids
                self.assertEqual(activity.summary, summary)
                self.assertIn(note, str(activity.note))
                self.assertNotIn('2024-03-20', str(activity.note))

    def test_agreement_renewal_today_from_context(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.agreement_reminder_days', '10')
        Agreement = self.Agreement.with_context(cm_today='2024-03-09')
        self.assertEqual(Agreement.cron_agreement_renewal(), 0)  # 11 days before the end
        Agreement = self.Agreement.with_context(cm_today='2024-03-10')
        self.assertEqual(Agreement.cron_agreement_renewal(), 1)

    def test_agreement_renewal_for_manager_without_email(self):
        """A manager who logs in with a name only gets the reminder like anybody else."""
        wang = self.env.ref('customer_maintenance.user_am_wang')
        self.customer_a.user_id = wang
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-01'), 1)
        self.assertEqual(self.agreement_a.activity_ids.user_id, wang)

    def test_agreement_renewal_skips_broken_agreement(self):
        """One bad agreement is logged and skipped; the next run completes it."""
        others = self.Agreement.create([{
            'name': 'Fault %d' % i, 'partner_id': self.customer_a.id, 'state': 'active',
            'date_start': '2024-01-01', 'date_end': '2024-03-25'} for i in range(2)])
        broken = others[0]
        cls = type(self.Agreement)
        original = cls._renewal_activity_vals

        def vals(model, agreement):
            if agreement == broken:
                raise ValueError('injected fault')
            return original(model, agreement)
        with patch.object(cls, '_renewal_activity_vals', vals), \
                self.assertLogs('odoo.addons.customer_maintenance.tools.cron_batches', 'ERROR'):
            self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-01'), 2)
        self.assertEqual((self.agreement_a | others).filtered('renewal_reminder_date'),
                         self.agreement_a | others[1])
        self.assertFalse(broken.activity_ids)
        self.assertEqual(self.Agreement.cron_agreement_renewal(today='2024-03-01'), 1)
        self.assertTrue(broken.renewal_reminder_date)
        self.assertEqual(len(broken.activity_ids), 1)

    def test_agreement_renewal_automatic_commits_per_batch(self):
        """Run by ir.cron (automatic=True): progress reported and committed per batch."""
        self.Agreement.create([{
            'name': 'Batch %d' % i, 'partner_id': self.customer_a.id, 'state': 'active',
            'date_start': '2024-01-01', 'date_end': '2024-03-25'} for i in range(4)])
        progress = []
        with patch.object(type(self.env['ir.cron']), '_notify_progress',
                          lambda self, done, remaining, deactivate=False:
                          progress.append((done, remaining))), \
                patch.object(self.env.cr, 'commit', lambda: None):
            self.assertEqual(self.Agreement.cron_agreement_renewal(
                today='2024-03-01', automatic=True, batch_size=2), 5)
        self.assertEqual(progress, [(2, 3), (4, 1), (5, 0)])

    def test_agreement_renewal_single_run(self):
        from ..tools.job_lock import job_lock
        with job_lock(self.env, 'agreement_renewal') as locked:
            self.assertTrue(locked)
            self.assertFalse(self.Agreement.cron_agreement_renewal(today='2024-03-01'))
        self.assertFalse(self.agreement_a.renewal_reminder_date)

    def test_cron_record(self):
        cron = self.env.ref('customer_maintenance.ir_cron_agreement_renewal')
        self.assertEqual(cron.code.strip(), 'model.cron_agreement_renewal(automatic=True)')
        self.assertEqual(cron.model_id.model, 'customer.agreement')
        self.assertTrue(cron.active)

    def test_settings_stored_as_parameters(self):
        params = self.env['ir.config_parameter'].sudo()
        settings = self.env['res.config.settings'].with_user(self.admin).create({
            'cm_kpi_lost_months': 4, 'cm_promotion_effect_months': 5,
            'cm_agreement_reminder_days': 45})
        settings.execute()
        for key, value in (('kpi_lost_months', '4'), ('promotion_effect_months', '5'),
                           ('agreement_reminder_days', '45')):
            with self.subTest(key=key):
                self.assertEqual(params.get_param('customer_maintenance.' + key), value)
        fresh = self.env['res.config.settings'].create({})
        self.assertEqual(fresh.cm_agreement_reminder_days, 45)

    def test_settings_bad_input_refused(self):
        params = self.env['ir.config_parameter'].sudo()

        def snapshot():
            return sorted(params.search([('key', '=like', 'customer_maintenance.%')]).mapped(
                lambda p: (p.key, p.value)))
        cases = [
            ({'cm_kpi_lost_months': 0}, 'Lost After .* between 1 and 12'),
            ({'cm_kpi_lost_months': 13}, 'Lost After .* between 1 and 12'),
            ({'cm_promotion_effect_months': -3}, 'Promotion .* between 1 and 24'),
            ({'cm_promotion_effect_months': 25}, 'Promotion .* between 1 and 24'),
            ({'cm_agreement_reminder_days': -30}, 'Reminder .* between 0 and 366'),
            ({'cm_agreement_reminder_days': 400}, 'Reminder .* between 0 and 366'),
        ]
        for vals, words in cases:
            with self.subTest(vals=vals):
                before = snapshot()
                with self.assertRaisesRegex(ValidationError, words), self.env.cr.savepoint():
                    self.env['res.config.settings'].create(vals).execute()
                self.assertEqual(snapshot(), before)

    def test_bad_stored_parameter_falls_back(self):
        from ..models.res_config_settings_management import management_param
        params = self.env['ir.config_parameter'].sudo()
        # not a number, or out of range: the default (tools/settings.py)
        cases = [('thirty', 30), ('-5', 30), ('9999', 30), ('12', 12)]
        for raw, expected in cases:
            with self.subTest(raw=raw):
                params.set_param('customer_maintenance.agreement_reminder_days', raw)
                self.assertEqual(management_param(self.env, 'agreement_reminder_days'), expected)

    def test_access_rights_by_role(self):
        """Access rows: account managers read/write/create but do not delete; supervisors and
        the admin do all; a plain employee nothing."""
        plain = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain', 'login': 'cm_mgmt_plain',
            'groups_id': [Command.set([self.env.ref('base.group_user').id])]})
        expected = {
            self.manager_a: {'read': True, 'write': True, 'create': True, 'unlink': False},
            self.supervisor: dict.fromkeys(('read', 'write', 'create', 'unlink'), True),
            self.admin: dict.fromkeys(('read', 'write', 'create', 'unlink'), True),
            plain: dict.fromkeys(('read', 'write', 'create', 'unlink'), False),
        }
        for model in ('customer.promotion.support', 'customer.value.service',
                      'customer.agreement'):
            for user, rights in expected.items():
                for operation, allowed in rights.items():
                    with self.subTest(model=model, user=user.login, operation=operation):
                        self.assertEqual(self.env[model].with_user(user).has_access(operation),
                                         allowed)
