# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from odoo import api, fields, models


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def generate_demo(self, seed=42, today=None):
        res = super(CustomerMaintenanceDemo, self).generate_demo(seed=seed, today=today)
        day = fields.Date.from_string(today) if today else datetime.date.today()
        # the demo orders follow steady, rising, falling, irregular and lapsed patterns: learn
        # them now so that the table, its calendar and the forecast show every state
        self._demo_first_orders(day)
        Cycle = self.env['customer.consumption.cycle']
        Cycle._learn_consumption_cycles(day)
        Cycle._plan_replenishment_reminders(day)
        Cycle._notify_consumption_anomalies(day)
        return res

    @api.model
    def _demo_first_orders(self, day):
        """A few customers trying a product for the first time: cycles still 'learning'."""
        partners = self.env['res.partner'].search(
            [('ref', 'in', ['CM001', 'CM002', 'CM003']), ('is_company', '=', True)])
        product = self.env['product.product'].search([('default_code', '=', 'GS-EP2-15')],
                                                     limit=1)
        if not product:
            return
        order_ids = []
        for partner in partners:
            if self.env['sale.order.line'].search_count([
                    ('order_partner_id', '=', partner.id), ('product_id', '=', product.id)]):
                continue
            order = self.env['sale.order'].with_context(tracking_disable=True).create({
                'partner_id': partner.id, 'user_id': partner.user_id.id,
                'order_line': [(0, 0, {
                    'product_id': product.id, 'name': product.name, 'product_uom_qty': 3,
                    'product_uom': product.uom_id.id, 'price_unit': product.list_price})]})
            order.action_confirm()
            order_ids.append(order.id)
        if order_ids:
            first = fields.Date.to_string(day - datetime.timedelta(days=12)) + ' 09:00:00'
            self.env['sale.order'].browse(order_ids).write(
                {'confirmation_date': first, 'date_order': first})
