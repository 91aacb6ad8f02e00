# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Shared fixture: an account manager, a second one, a supervisor, and a customer each.

Feature tests subclass `CustomerMaintenanceCase`; the fixture is built once per class and
rolled back after it (SavepointCase).
"""
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class CustomerMaintenanceCase(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(CustomerMaintenanceCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        group_user = cls.env.ref('customer_maintenance.group_user')
        group_manager = cls.env.ref('customer_maintenance.group_manager')
        cls.manager_a = Users.create({
            'name': 'Account Manager A', 'login': 'cm_test_am_a', 'email': 'am_a@example.com',
            'groups_id': [(6, 0, [group_user.id])]})
        cls.manager_b = Users.create({
            'name': 'Account Manager B', 'login': 'cm_test_am_b', 'email': 'am_b@example.com',
            'groups_id': [(6, 0, [group_user.id])]})
        cls.supervisor = Users.create({
            'name': 'Supervisor', 'login': 'cm_test_supervisor', 'email': 'sup@example.com',
            'groups_id': [(6, 0, [group_manager.id])]})
        cls.admin = cls.env.ref('base.user_root')
        Partner = cls.env['res.partner']
        cls.customer_a = Partner.create({
            'name': 'Customer of A', 'is_company': True, 'customer': True,
            'user_id': cls.manager_a.id})
        cls.contact_a = Partner.create({
            'name': 'Contact of A', 'parent_id': cls.customer_a.id, 'type': 'contact'})
        cls.customer_b = Partner.create({
            'name': 'Customer of B', 'is_company': True, 'customer': True,
            'user_id': cls.manager_b.id})
        cls.product = cls.env['product.product'].create({
            'name': 'Test Oil 200 L', 'type': 'consu', 'list_price': 100.0})

    @classmethod
    def _confirmed_order(cls, partner, day, lines, company=None):
        """A confirmed sale order dated `day` (YYYY-MM-DD); lines = [(product, qty, price)]."""
        vals = {
            'partner_id': partner.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': product.name, 'product_uom_qty': qty,
                'product_uom': product.uom_id.id, 'price_unit': price,
            }) for product, qty, price in lines],
        }
        if company:
            vals['company_id'] = company.id
        order = cls.env['sale.order'].create(vals)
        order.action_confirm()
        order.write({'confirmation_date': day + ' 09:00:00', 'date_order': day + ' 09:00:00'})
        return order
