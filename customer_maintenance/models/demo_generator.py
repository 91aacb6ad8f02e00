# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from odoo import api, fields, models

from ..services.demo_plan import build_plan

_logger = logging.getLogger(__name__)

DEMO_MANAGERS = ('customer_maintenance.user_am_chen', 'customer_maintenance.user_am_lin',
                 'customer_maintenance.user_am_wang')


class CustomerMaintenanceDemo(models.AbstractModel):
    """Turns the deterministic demo plan (services/demo_plan.py) into records.

    Called once from demo/customer_maintenance_demo.xml, so it only runs on databases
    installed with demo data. Features extend `_prepare_demo_*_vals` to fill their fields.
    """
    _name = 'customer.maintenance.demo'
    _description = 'Customer Maintenance demo data generator'

    @api.model
    def generate_demo(self, seed=42, today=None):
        today = fields.Date.from_string(today) if today else datetime.date.today()
        plan = build_plan(seed=seed, today=today)
        # demo records need no chatter history; creating ~1500 orders with it is slow
        self = self.with_context(tracking_disable=True, mail_create_nolog=True,
                                 mail_notrack=True, mail_create_nosubscribe=True)
        states = self._demo_states(plan['provinces'])
        products = self._demo_products(plan['products'])
        managers = [self.env.ref(xmlid) for xmlid in DEMO_MANAGERS]
        Partner = self.env['res.partner']
        partner_ids, order_ids, dates = [], [], []
        for company in plan['companies']:
            # ids, not growing recordsets: a recordset that grows with every create makes each
            # later field read prefetch all earlier orders (quadratic)
            partner = Partner.create(self._prepare_demo_company_vals(company, states, managers))
            for contact in company['contacts']:
                Partner.create(self._prepare_demo_contact_vals(contact, partner))
            for date, lines in company['pattern_orders']:
                order = self.env['sale.order'].create(
                    self._prepare_demo_order_vals(partner, date, lines, products))
                # one by one: sale's _action_confirm is not multi-record safe in 11.0
                order.action_confirm()
                order_ids.append(order.id)
                dates.append(date)
            partner_ids.append(partner.id)
        orders = self.env['sale.order'].browse(order_ids)
        # confirmation happened "now": move it to the planned day (one statement, not 1500 writes)
        self.env.cr.execute("""
            UPDATE sale_order o SET confirmation_date = v.day::timestamp + interval '9 hours',
                                    date_order = v.day::timestamp + interval '9 hours'
              FROM unnest(%s::int[], %s::date[]) AS v(id, day)
             WHERE o.id = v.id""", (orders.ids, [fields.Date.to_string(d) for d in dates]))
        orders.invalidate_cache(['confirmation_date', 'date_order'])
        _logger.info('customer_maintenance demo: %d customers, %d confirmed orders',
                     len(partner_ids), len(orders))
        return True

    @api.model
    def _demo_states(self, provinces):
        china = self.env.ref('base.cn')
        State = self.env['res.country.state']
        states = {}
        for code, name_en, name_zh, _cities in provinces:
            state = State.search([('country_id', '=', china.id), ('code', '=', code)], limit=1)
            states[code] = state or State.create({
                'country_id': china.id, 'code': code, 'name': '%s %s' % (name_zh, name_en)})
        return states

    @api.model
    def _demo_products(self, products):
        Product = self.env['product.product']
        by_code = {}
        for code, name_en, name_zh, price in products:
            by_code[code] = Product.search([('default_code', '=', code)], limit=1) or Product.create({
                'name': '%s %s' % (name_zh, name_en), 'default_code': code, 'type': 'consu',
                'sale_ok': True, 'list_price': price, 'invoice_policy': 'order'})
        return by_code

    @api.model
    def _prepare_demo_company_vals(self, company, states, managers):
        manager = managers[company['manager']] if company['manager'] is not None else False
        return {
            'name': company['name'], 'ref': company['ref'], 'is_company': True,
            'customer': True, 'user_id': manager and manager.id,
            'street': company['street'], 'city': company['city'],
            'state_id': states[company['state_code']].id,
            'country_id': self.env.ref('base.cn').id, 'phone': company['phone'],
            'comment': company['kind'] == 'dealer' and 'Dealer 經銷商' or 'Industrial end customer 工礦企業',
        }

    @api.model
    def _prepare_demo_contact_vals(self, contact, parent):
        return {
            'name': contact['name'], 'parent_id': parent.id, 'type': 'contact',
            'function': contact['function'], 'email': contact['email'], 'customer': True,
        }

    @api.model
    def _prepare_demo_order_vals(self, partner, date, lines, products):
        day = fields.Datetime.to_string(datetime.datetime.combine(date, datetime.time(9)))
        return {
            'partner_id': partner.id, 'user_id': partner.user_id.id, 'date_order': day,
            'order_line': [(0, 0, {
                'product_id': products[code].id, 'name': products[code].name,
                'product_uom_qty': qty, 'product_uom': products[code].uom_id.id,
                'price_unit': products[code].list_price,
            }) for code, qty in lines],
        }
