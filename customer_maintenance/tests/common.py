# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Shared fixture: two account managers, a supervisor and the admin, a customer each.

Capability tests subclass `CustomerMaintenanceCase`; the fixture is built once per class and
rolled back after it (TransactionCase). Act as a role with `self.env(user=self.manager_a)` or
`record.with_user(self.manager_a)`.
"""
from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged('post_install', '-at_install')
class CustomerMaintenanceCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        group_user = cls.env.ref('customer_maintenance.group_user')
        group_manager = cls.env.ref('customer_maintenance.group_manager')
        cls.manager_a = Users.create({
            'name': 'Account Manager A', 'login': 'cm_test_am_a', 'email': 'am_a@example.com',
            'groups_id': [Command.set([group_user.id])]})
        cls.manager_b = Users.create({
            'name': 'Account Manager B', 'login': 'cm_test_am_b', 'email': 'am_b@example.com',
            'groups_id': [Command.set([group_user.id])]})
        cls.supervisor = Users.create({
            'name': 'Supervisor', 'login': 'cm_test_supervisor', 'email': 'sup@example.com',
            'groups_id': [Command.set([group_manager.id])]})
        cls.admin = cls.env.ref('base.user_admin')
        Partner = cls.env['res.partner']
        cls.customer_a = Partner.create({
            'name': 'Customer of A', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id})
        cls.contact_a = Partner.create({
            'name': 'Contact of A', 'parent_id': cls.customer_a.id, 'type': 'contact'})
        cls.customer_b = Partner.create({
            'name': 'Customer of B', 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_b.id})
        cls.product = cls.env['product.product'].create({
            'name': 'Test Oil 200 L', 'type': 'consu', 'list_price': 100.0})

    @classmethod
    def _confirmed_order(cls, partner, day, lines, company=None):
        """A confirmed sale order dated `day` (date or 'YYYY-MM-DD', 09:00 UTC);
        lines = [(product, qty, price)]."""
        vals = {
            'partner_id': partner.id,
            'order_line': [Command.create({
                'product_id': product.id, 'product_uom_qty': qty, 'price_unit': price,
            }) for product, qty, price in lines],
        }
        if company:
            vals['company_id'] = company.id
        order = cls.env['sale.order'].create(vals)
        order.action_confirm()
        # confirmation sets date_order to now: move it to the day the test needs
        order.write({'date_order': '%s 09:00:00' % day})
        return order


class RolesCase(CustomerMaintenanceCase):
    """The roles of the access matrices besides the common fixture: a member of the customer
    team of A's customer, an employee without the module's groups, a portal user; `users`
    names each role's user; B's customer has a contact too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Users = env['res.users'].with_context(no_reset_password=True)
        group_user = env.ref('customer_maintenance.group_user')
        cls.team = Users.create({
            'name': 'Matrix Team Member', 'login': 'cm_matrix_team', 'email': 'tm@example.com',
            'groups_id': [Command.set([group_user.id])]})
        cls.internal = Users.create({
            'name': 'Matrix Employee', 'login': 'cm_matrix_internal',
            'groups_id': [Command.set([env.ref('base.group_user').id])]})
        cls.portal = Users.create({
            'name': 'Matrix Portal', 'login': 'cm_matrix_portal',
            'groups_id': [Command.set([env.ref('base.group_portal').id])]})
        cls.users = {'internal': cls.internal, 'portal': cls.portal, 'team': cls.team,
                     'manager_a': cls.manager_a, 'manager_b': cls.manager_b,
                     'supervisor': cls.supervisor, 'admin': cls.admin}
        cls.customer_a.customer_team_ids = [Command.set([cls.team.id])]
        cls.contact_b = env['res.partner'].create({
            'name': 'Contact of B', 'parent_id': cls.customer_b.id, 'type': 'contact'})
