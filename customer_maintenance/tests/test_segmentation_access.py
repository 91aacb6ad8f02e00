# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Access around the segmentation beyond the matrix (test_access_matrix.py): no rule on
res.partner, so colleagues and plain employees still open every customer; the segmentation
page and menus by role; ABC history of another company until the supervisor works in it."""
from odoo import Command

from .common import CustomerMaintenanceCase


class TestSegmentationAccess(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Plain Employee', 'login': 'cm_seg_internal',
            'groups_id': [Command.set([cls.env.ref('base.group_user').id])]})
        cls.history = cls.env['customer.abc.history'].create({
            'partner_id': cls.customer_a.id, 'old_class': 'C', 'new_class': 'A',
            'date': '2026-03-01'})

    def test_no_rule_on_partner(self):
        """No restrictive rule on res.partner: B and a plain employee open A's customer with
        every field of the views they get."""
        rules = self.env['ir.rule'].search([('model_id.model', '=', 'res.partner')]).filtered(
            lambda r: r.get_external_id().get(r.id, '').startswith('customer_maintenance.'))
        self.assertFalse(rules)
        self.env['res.partner'].cron_classify_customers()
        for user in (self.manager_b, self.internal):
            Partner = self.env['res.partner'].with_user(user)
            for view_type in ('form', 'list', 'kanban'):
                with self.subTest(user=user.login, view=view_type):
                    fields = list(Partner.get_views([(False, view_type)])['models'][
                        'res.partner']['fields'])
                    data = Partner.browse(self.customer_a.id).read(fields)
                    self.assertEqual(data[0]['id'], self.customer_a.id)

    def test_plain_employee_sees_no_segmentation_page(self):
        form = self.env['res.partner'].with_user(self.internal).get_view(
            view_type='form')['arch']
        self.assertNotIn('action_claim_prospect', form)
        self.assertNotIn('abc_history_ids', form)

    def test_history_multi_company(self):
        other = self.env['res.company'].create({'name': 'Access Other Co'})
        history = self.history
        history.company_id = other
        History = self.env['customer.abc.history'].with_user(self.supervisor)
        self.assertFalse(History.search_count([('id', '=', history.id)]))
        self.supervisor.write({'company_ids': [Command.link(other.id)]})
        self.assertTrue(History.with_context(
            allowed_company_ids=[self.env.company.id, other.id]).search_count(
            [('id', '=', history.id)]))

    def test_menus_by_role(self):
        Menu = self.env['ir.ui.menu']
        supervisor_only = ['customer_abc_analysis_menu', 'customer_abc_history_menu',
                           'res_partner_menu_classify_now', 'customer_purchase_purpose_menu']
        everyone = ['res_partner_menu_key_accounts_at_risk', 'res_partner_menu_claims_board',
                    'customer_prospect_claim_menu']
        for user, visible in ((self.manager_a, everyone), (self.supervisor,
                                                           everyone + supervisor_only)):
            shown = Menu.with_user(user)._visible_menu_ids()
            for name in everyone + supervisor_only:
                with self.subTest(user=user.login, menu=name):
                    menu = self.env.ref('customer_maintenance.' + name)
                    self.assertEqual(menu.id in shown, name in visible)
