# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from odoo import api, fields, models

from ..services.demo_plan import build_plan

_logger = logging.getLogger(__name__)

PURPOSES = ['Resale 轉售', 'Own Fleet 自有車隊', 'Plant Maintenance 設備保養', 'Construction 工程施工']


class CustomerMaintenanceDemoSegmentation(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def generate_demo(self, seed=42, today=None):
        res = super(CustomerMaintenanceDemoSegmentation, self).generate_demo(seed=seed, today=today)
        self._demo_segmentation(seed=seed, today=today)
        return res

    @api.model
    def _demo_segmentation(self, seed=42, today=None):
        """Classify the demo customers and give the key accounts teams, the prospects stages
        and one claim. Deterministic: everything follows the plan's order (refs)."""
        today = fields.Date.from_string(today) if today else datetime.date.today()
        plan = build_plan(seed=seed, today=today)
        Partner = self.env['res.partner'].with_context(tracking_disable=True)
        refs = [company['ref'] for company in plan['companies']]
        by_ref = {p.ref: p for p in Partner.search([('ref', 'in', refs), ('parent_id', '=', False)])}
        Partner.cron_classify_customers(today=fields.Date.to_string(today))
        managers = [self.env.ref(xmlid) for xmlid in (
            'customer_maintenance.user_am_chen', 'customer_maintenance.user_am_lin',
            'customer_maintenance.user_am_wang')]
        supervisor = self.env.ref('customer_maintenance.user_supervisor')
        Purpose = self.env['customer.purchase.purpose']
        purposes = [Purpose.search([('name', '=', name)], limit=1) or Purpose.create({'name': name})
                    for name in PURPOSES]
        keys = Partner.search([('ref', 'in', refs), ('is_key_account', '=', True)], order='ref')
        # every key account but the last gets a full team; the last stays "at risk"
        for index, partner in enumerate(keys[:-1]):
            colleague = managers[(managers.index(partner.user_id) + 1) % 3] \
                if partner.user_id in managers else managers[0]
            partner.write({'customer_team_ids': [(6, 0, [colleague.id])],
                           'executive_sponsor_id': supervisor.id})
        loyalties = ['loyal', 'loyal', 'switcher', 'none']
        credits = ['AAA', 'AA', 'A', 'AA', 'B', 'C']
        with_orders = [company for company in plan['companies'] if company['pattern_orders']]
        for index, company in enumerate(with_orders[:12]):
            partner = by_ref.get(company['ref'])
            if partner:
                partner.write({
                    'loyalty_type': loyalties[index % len(loyalties)],
                    'credit_rating': credits[index % len(credits)],
                    'purchase_purpose_ids': [(6, 0, [purposes[index % len(purposes)].id])],
                })
        pipeline = [company for company in plan['companies'] if company.get('pipeline')]
        stages = ['suspect', 'prospect', 'target']
        for index, company in enumerate(pipeline):
            partner = by_ref.get(company['ref'])
            if partner:
                partner.write({'pipeline_stage': company['pipeline'] if index < 4
                               else stages[index % len(stages)]})
        claimed = next((by_ref[c['ref']] for c in pipeline
                        if c['pipeline'] == 'prospect' and c['ref'] in by_ref), None)
        if claimed:
            self.env['customer.prospect.claim'].create({
                'partner_id': claimed.id, 'user_id': managers[0].id,
                'date_claim': fields.Date.to_string(today),
                'date_expiry': fields.Date.to_string(today + datetime.timedelta(days=90)),
                'note': 'Visit the plant manager; offer a trial drum of hydraulic oil.',
            })
        _logger.info('customer_maintenance demo: %d key accounts, %d pipeline partners',
                     len(keys), len(pipeline))
        return True
