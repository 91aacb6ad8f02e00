# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The demo world: companies, contacts and ~18 months of confirmed orders.

Demo code, not a feature: it runs once, from demo/customer_maintenance_demo.xml, on databases
installed with demo data. Each capability extends it:
- `_prepare_demo_company_vals` / `_prepare_demo_contact_vals` / `_prepare_demo_order_vals`
  to fill its own fields on the records of the world;
- `_demo_after_world(plan, world, today)` (call super first) to add its own records once the
  world exists (segmentation: classification, teams, claims, credit; ...).
"""
import datetime
import logging

from odoo import Command, api, models
from odoo.tools import SQL

from ..services.demo_plan import build_plan
from ..tools.today import today as cm_today

_logger = logging.getLogger(__name__)

DEMO_MANAGERS = ('customer_maintenance.user_am_chen', 'customer_maintenance.user_am_lin',
                 'customer_maintenance.user_am_wang')
ORDER_HOUR = 9  # UTC: the planned day stays the same day in Asia/Taipei and Asia/Shanghai


class CustomerMaintenanceDemo(models.AbstractModel):
    """Turns the deterministic demo plan (services/demo_plan.py) into records."""
    _name = 'customer.maintenance.demo'
    _description = 'Customer Maintenance demo data generator'

    @api.model
    def _generate_demo(self, seed=42, today=None):
        day = cm_today(self.env, today)
        plan = build_plan(seed=seed, today=day)
        # demo records need no chatter history; creating ~1400 orders with it is slow
        self = self.with_context(tracking_disable=True, mail_create_nolog=True,
                                 mail_notrack=True, mail_create_nosubscribe=True)
        world = self._demo_world(plan, day)
        self._demo_after_world(plan, world, day)
        return True

    @api.model
    def _demo_managers(self):
        return [self.env.ref(xmlid) for xmlid in DEMO_MANAGERS]

    @api.model
    def _demo_world(self, plan, today):
        """Create the companies, contacts and confirmed orders of the plan; returns
        {'partners': {ref: partner}, 'orders': sale.order, 'products': {code: product},
        'managers': [users]}."""
        states = self._demo_states(plan['provinces'])
        products = self._demo_products(plan['products'])
        managers = self._demo_managers()
        Partner = self.env['res.partner']
        companies = plan['companies']
        partners = Partner.create([self._prepare_demo_company_vals(company, states, managers)
                                   for company in companies])
        by_ref = {company['ref']: partner for company, partner in zip(companies, partners)}
        Partner.create([self._prepare_demo_contact_vals(contact, by_ref[company['ref']])
                        for company in companies for contact in company['contacts']])
        order_vals, dates = [], []
        for company in companies:
            for date, lines in company['pattern_orders']:
                order_vals.append(self._prepare_demo_order_vals(
                    by_ref[company['ref']], date, lines, products))
                dates.append(date)
        orders = self.env['sale.order'].create(order_vals)
        orders.action_confirm()
        self._demo_move_orders_to(orders, dates)
        _logger.info('customer_maintenance demo: %d customers, %d confirmed orders',
                     len(partners), len(orders))
        return {'partners': by_ref, 'orders': orders, 'products': products,
                'managers': managers}

    @api.model
    def _demo_move_orders_to(self, orders, dates):
        """Confirmation set date_order to now: move each order to its planned day (one
        statement, not one write per order)."""
        orders.flush_recordset()
        self.env.cr.execute(SQL("""
            UPDATE sale_order o SET date_order = v.day + make_interval(hours => %s)
              FROM unnest(%s::int[], %s::date[]) AS v(id, day)
             WHERE o.id = v.id""", ORDER_HOUR, orders.ids, list(dates)))
        orders.invalidate_recordset(['date_order'])

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
            by_code[code] = Product.search([('default_code', '=', code)], limit=1) \
                or Product.create(self._prepare_demo_product_vals(code, name_en, name_zh, price))
        return by_code

    @api.model
    def _prepare_demo_product_vals(self, code, name_en, name_zh, price):
        return {'name': '%s %s' % (name_zh, name_en), 'default_code': code, 'type': 'consu',
                'sale_ok': True, 'list_price': price, 'invoice_policy': 'order'}

    @api.model
    def _prepare_demo_company_vals(self, company, states, managers):
        manager = managers[company['manager']] if company['manager'] is not None else False
        return {
            'name': company['name'], 'ref': company['ref'], 'is_company': True,
            # prospects are not customers yet; buyers become customers at their first order
            'customer_rank': 1 if company['pattern_orders'] else 0,
            'user_id': manager and manager.id,
            'street': company['street'], 'city': company['city'],
            'state_id': states[company['state_code']].id,
            'country_id': self.env.ref('base.cn').id, 'phone': company['phone'],
            'comment': 'Dealer 經銷商' if company['kind'] == 'dealer'
            else 'Industrial end customer 工礦企業',
        }

    @api.model
    def _prepare_demo_contact_vals(self, contact, parent):
        return {
            'name': contact['name'], 'parent_id': parent.id, 'type': 'contact',
            'function': contact['function'], 'email': contact['email'],
        }

    @api.model
    def _prepare_demo_order_vals(self, partner, date, lines, products):
        return {
            'partner_id': partner.id, 'user_id': partner.user_id.id,
            'date_order': datetime.datetime.combine(date, datetime.time(ORDER_HOUR)),
            'order_line': [Command.create({
                'product_id': products[code].id, 'product_uom_qty': qty,
                'price_unit': products[code].list_price,
            }) for code, qty in lines],
        }

    @api.model
    def _demo_after_world(self, plan, world, today):
        """Extension point: each capability adds its records once the world exists."""
        return True
