# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo step of the management capability: customers won and lost within the year (so that
every figure of the KPI report shows), the business-maintenance ledgers, a supervisor's
review marks. The KPI snapshot is taken last (demo/customer_manager_kpi_demo.xml)."""
import datetime
import logging

from odoo import api, models

from ..models.res_config_settings_management import management_param

_logger = logging.getLogger(__name__)

# (days from today, support type, subject, cost, state): the first customers by ABC rank
DEMO_PROMOTIONS = [
    (-150, 'signage_pop', 'Shop signage and POP posters 門市招牌與POP海報', 1800.0, 'done'),
    (-95, 'customer_trip', 'Dealer trip to the blending plant 經銷商參訪調油廠', 6500.0, 'done'),
    (-60, 'promotion_event', 'Spring maintenance week 春季保養週促銷', 2400.0, 'done'),
    (-30, 'coop_advertising', 'Co-op advertising in the trade magazine 合作刊登行業雜誌廣告',
     3000.0, 'done'),
    (14, 'customer_meeting', 'Customer meeting for the new grease range 新潤滑脂產品說明會',
     1200.0, 'planned'),
]
# (days from today, service type, subject, hours, cost, outcome)
DEMO_SERVICES = [
    (-120, 'technical_consulting', 'Oil analysis of the hydraulic presses 液壓機油品檢測', 4.0,
     300.0, 'Two presses needed an oil change; replaced at the next delivery.'),
    (-75, 'training', 'Lubrication training for mechanics 技師潤滑培訓', 3.0, 200.0,
     'Eight mechanics trained; they now log the grease intervals.'),
    (-40, 'usage_optimisation', 'Lubricant consolidation plan 用油整合方案', 6.0, 0.0,
     'From nine products down to five; the customer saves about 8% a year.'),
    (-10, 'market_information', 'Base-oil price outlook 基礎油價格走勢說明', 1.0, 0.0,
     'Customer brought the next order forward before the price rise.'),
]
# KPI customers per demo manager: (name, ref, order days before today). "Won" ones bought
# for the first time within the year; "lost" ones stopped buying 8 months ago (lost after the
# default 6 months without orders).
DEMO_KPI_COMPANIES = [
    ('Hengtai Machinery 恆泰機械', 'KPI-WON', (75, 12)),
    ('Dafeng Transport 大豐運輸', 'KPI-LOST', (400, 320, 245)),
]


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        # before the segmentation's classification, so that it ranks these customers too
        self._demo_kpi_customers(world, today)
        res = super()._demo_after_world(plan, world, today)
        self._demo_management(world, today)
        return res

    @api.model
    def _demo_kpi_customers(self, world, today):
        """A customer won and a customer lost within the year for every demo manager."""
        product = world['products'][sorted(world['products'])[0]]
        Partner = self.env['res.partner']
        order_vals, dates = [], []
        for index, manager in enumerate(world['managers']):
            for name, ref, days in DEMO_KPI_COMPANIES:
                partner = Partner.create({
                    'name': '%s %d' % (name, index + 1), 'ref': '%s-%d' % (ref, index + 1),
                    'is_company': True, 'customer_rank': 1, 'user_id': manager.id,
                    'country_id': self.env.ref('base.cn').id})
                world['partners'][partner.ref] = partner
                for offset in days:
                    day = today - datetime.timedelta(days=offset + 7 * index)
                    order_vals.append(self._prepare_demo_order_vals(
                        partner, day, [(product.default_code, 20 + 10 * index)],
                        world['products']))
                    dates.append(day)
        orders = self.env['sale.order'].create(order_vals)
        orders.action_confirm()
        self._demo_move_orders_to(orders, dates)
        world['orders'] |= orders
        return orders

    @api.model
    def _demo_management_customers(self, world):
        """The demo customers, key accounts and best ranked first (ties by reference)."""
        customers = self.env['res.partner'].browse(p.id for p in world['partners'].values())
        customers = customers.filtered(lambda p: p.user_id and p.customer_rank > 0)
        return customers.sorted(lambda p: (not p.is_key_account, p.abc_rank or 10 ** 9, p.ref))

    @api.model
    def _demo_management(self, world, today):
        """Ledgers (promotion support, value services, agreements — one ending within the
        reminder window) and a supervisor's review marks on a few customers."""
        customers = self._demo_management_customers(world)
        if not customers:
            return False

        def day(offset):
            return today + datetime.timedelta(days=offset)

        def customer(index):
            return customers[index % len(customers)]

        self.env['customer.promotion.support'].create([{
            'name': name, 'partner_id': customer(index).id, 'date': day(offset),
            'support_type': kind, 'cost': cost, 'state': state,
            'user_id': customer(index).user_id.id,
        } for index, (offset, kind, name, cost, state) in enumerate(DEMO_PROMOTIONS)])
        self.env['customer.value.service'].create([{
            'name': name, 'partner_id': customer(index).id, 'date': day(offset),
            'service_type': kind, 'hours': hours, 'cost': cost, 'outcome': outcome,
        } for index, (offset, kind, name, hours, cost, outcome) in enumerate(DEMO_SERVICES)])
        Agreement = self.env['customer.agreement']
        reminder_days = management_param(self.env, 'agreement_reminder_days')
        Agreement.create([{  # ends within the reminder window: the manager is reminded
            'name': 'Long-term supply 2-year contract 兩年期長期供貨合約',
            'partner_id': customer(0).id, 'agreement_type': 'long_term_supply',
            'date_start': day(-710), 'date_end': day(min(20, max(reminder_days - 1, 0))),
            'state': 'active',
            'terms': 'Fixed prices for hydraulic and gear oil; monthly delivery.',
        }, {
            'name': 'Key customer club 大客戶俱樂部', 'partner_id': customer(1).id,
            'agreement_type': 'membership', 'date_start': day(-300), 'state': 'active',
            'terms': 'Annual meeting, priority delivery, invitation to the plant open day.',
        }, {
            'name': 'Supply guarantee for the peak season 旺季供貨保證',
            'partner_id': customer(2).id, 'agreement_type': 'supply_guarantee',
            'date_start': day(10), 'date_end': day(190), 'state': 'draft',
        }])
        Agreement.cron_agreement_renewal(today=today)
        # the supervisor's weekly review of the first profile cards
        for index, note in enumerate([
                'Team too small for a key account: add Lin as second contact.',
                'Consumption falling since spring: visit with the technical team.',
                False]):
            customer(index).write({'last_review_date': day(-7 * (index + 1)),
                                   'review_note': note})
        _logger.info('customer_maintenance demo: management ledgers and review marks')
        return True
