# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from odoo import api, fields, models

from ..services.demo_plan import build_plan

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


class CustomerMaintenanceDemoManagement(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def generate_demo(self, seed=42, today=None):
        res = super(CustomerMaintenanceDemoManagement, self).generate_demo(seed=seed, today=today)
        self._demo_management(seed=seed, today=today)
        return res

    @api.model
    def _demo_management_customers(self, seed, today):
        """The demo customers, best ranked first (ties by reference): deterministic."""
        refs = [company['ref'] for company in build_plan(seed=seed, today=today)['companies']]
        customers = self.env['res.partner'].search(
            [('ref', 'in', refs), ('parent_id', '=', False), ('user_id', '!=', False)])
        return customers.sorted(lambda p: (not p.is_key_account, p.abc_rank or 10 ** 9, p.ref))

    @api.model
    def _demo_management(self, seed=42, today=None):
        """Ledgers (promotion support, value services, agreements — one ending within the
        reminder window) and a supervisor's review mark on a few customers."""
        today = fields.Date.from_string(today) if today else datetime.date.today()
        customers = self._demo_management_customers(seed, today)
        if not customers:
            return False
        self = self.with_context(tracking_disable=True, mail_create_nolog=True,
                                 mail_notrack=True, mail_create_nosubscribe=True)

        def day(offset):
            return fields.Date.to_string(today + datetime.timedelta(days=offset))

        def customer(index):
            return customers[index % len(customers)]

        Promotion = self.env['customer.promotion.support']
        for index, (offset, kind, name, cost, state) in enumerate(DEMO_PROMOTIONS):
            partner = customer(index)
            Promotion.create({'name': name, 'partner_id': partner.id, 'date': day(offset),
                              'support_type': kind, 'cost': cost, 'state': state,
                              'user_id': partner.user_id.id})
        Service = self.env['customer.value.service']
        for index, (offset, kind, name, hours, cost, outcome) in enumerate(DEMO_SERVICES):
            partner = customer(index)
            Service.create({'name': name, 'partner_id': partner.id, 'date': day(offset),
                            'service_type': kind, 'hours': hours, 'cost': cost,
                            'outcome': outcome})
        Agreement = self.env['customer.agreement']
        reminder_days = self.env['res.config.settings'].cm_get_param(
            'customer_maintenance.agreement_reminder_days', int, 30)
        Agreement.create({  # ends within the reminder window: the manager is reminded
            'name': 'Long-term supply 2-year contract 兩年期長期供貨合約',
            'partner_id': customer(0).id, 'agreement_type': 'long_term_supply',
            'date_start': day(-710), 'date_end': day(min(20, max(reminder_days - 1, 0))),
            'state': 'active', 'terms': 'Fixed prices for hydraulic and gear oil; monthly delivery.'})
        Agreement.create({
            'name': 'Key customer club 大客戶俱樂部', 'partner_id': customer(1).id,
            'agreement_type': 'membership', 'date_start': day(-300), 'state': 'active',
            'terms': 'Annual meeting, priority delivery, invitation to the plant open day.'})
        Agreement.create({
            'name': 'Supply guarantee for the peak season 旺季供貨保證',
            'partner_id': customer(2).id, 'agreement_type': 'supply_guarantee',
            'date_start': day(10), 'date_end': day(190), 'state': 'draft'})
        Agreement.cron_agreement_renewal(today=fields.Date.to_string(today))
        # the supervisor's weekly review of the first profile cards
        for index, note in enumerate([
                'Team too small for a key account: add Lin as second contact.',
                'Consumption falling since spring: visit with the technical team.',
                False]):
            customer(index).write({'last_review_date': day(-7 * (index + 1)),
                                   'review_note': note})
        return True
