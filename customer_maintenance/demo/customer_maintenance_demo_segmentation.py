# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo segmentation: the classification run on the world, key-account teams (all but one at
risk-free), loyalty/purpose/credit by hand on some customers and from real posted invoices on
others, the pipeline with active, expiring, expired and converted claims."""
import datetime
import logging

from odoo import Command, api, models

_logger = logging.getLogger(__name__)

PURPOSES = ['Resale 轉售', 'Own Fleet 自有車隊', 'Plant Maintenance 設備保養', 'Construction 工程施工']
LOYALTIES = ['loyal', 'loyal', 'switcher', 'none']
CREDITS = ['AAA', 'AA', 'A', 'AA', 'B', 'C']
MANUAL_COUNT = 12        # the first buyers get loyalty, credit and purpose set by hand
INVOICED_COUNT = 8       # the next ones get posted invoices: their rating comes from them
# (days before today the invoice is dated, days it is due after, paid?, quantity) per invoiced
# customer: from all paid or not yet due (AAA) to mostly overdue (C)
INVOICE_PATTERNS = [
    [(200, 30, True, 10), (120, 30, True, 10), (20, 30, False, 10)],    # AAA
    [(250, 30, True, 20), (100, 30, True, 20), (60, 30, False, 1)],     # AA
    [(300, 30, True, 10), (150, 30, True, 10), (60, 30, False, 2)],     # A
    [(180, 30, True, 10), (90, 30, False, 4), (15, 60, False, 10)],     # B
    [(180, 30, False, 10), (90, 30, False, 10), (30, 60, False, 5)],    # C
]


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        res = super()._demo_after_world(plan, world, today)
        self._demo_segmentation(plan, world, today)
        return res

    @api.model
    def _demo_segmentation(self, plan, world, today):
        """Deterministic: everything follows the plan's order (refs)."""
        by_ref = world['partners']
        managers = world['managers']
        buyers = [c for c in plan['companies'] if c['pattern_orders']]
        self._demo_pipeline_and_claims(plan, by_ref, managers, today)
        self._demo_attitude_and_credit(buyers, by_ref, today)
        self._demo_invoices(buyers[MANUAL_COUNT:MANUAL_COUNT + INVOICED_COUNT], by_ref,
                            world['products'], today)
        Partner = self.env['res.partner']
        result = Partner.cron_classify_customers(today=today)
        Partner.cron_update_credit_ratings(today=today)
        self._demo_key_account_teams(by_ref, managers)
        _logger.info('customer_maintenance demo: classification %s', result)
        return True

    @api.model
    def _demo_key_account_teams(self, by_ref, managers):
        """Every key account but the last gets a full team and a sponsor; the last stays at
        risk (Key Accounts at Risk is never empty in the demo)."""
        supervisor = self.env.ref('customer_maintenance.user_supervisor')
        keys = self.env['res.partner'].search(
            [('id', 'in', [p.id for p in by_ref.values()]), ('is_key_account', '=', True)],
            order='ref')
        for partner in keys[:-1]:
            colleague = managers[(managers.index(partner.user_id) + 1) % len(managers)] \
                if partner.user_id in managers else managers[0]
            partner.write({'customer_team_ids': [Command.set([colleague.id])],
                           'executive_sponsor_id': supervisor.id})
        return keys

    @api.model
    def _demo_attitude_and_credit(self, buyers, by_ref, today):
        Purpose = self.env['customer.purchase.purpose']
        purposes = [Purpose.search([('name', '=', name)], limit=1) or Purpose.create({'name': name})
                    for name in PURPOSES]
        for index, company in enumerate(buyers[:MANUAL_COUNT]):
            by_ref[company['ref']].write({
                'loyalty_type': LOYALTIES[index % len(LOYALTIES)],
                'credit_rating': CREDITS[index % len(CREDITS)],
                'purchase_purpose_ids': [Command.set([purposes[index % len(purposes)].id])],
            })
        # the rest get their purpose from their kind: dealers resell
        for company in buyers[MANUAL_COUNT:]:
            purpose = purposes[0] if company['kind'] == 'dealer' else purposes[2]
            by_ref[company['ref']].write({'purchase_purpose_ids': [Command.set([purpose.id])]})

    @api.model
    def _demo_invoices(self, companies, by_ref, products, today):
        """Posted customer invoices, some paid, some overdue: the credit proposals and the
        credit cron have real figures to work on."""
        journal = self.env['account.journal'].search(
            [('type', '=', 'sale'), ('company_id', '=', self.env.company.id)], limit=1)
        if not journal:
            _logger.warning('customer_maintenance demo: no sale journal, no demo invoices')
            return self.env['account.move']
        product = next(iter(products.values()))
        vals_list, paid_flags = [], []
        for index, company in enumerate(companies):
            for days_ago, due_days, paid, qty in INVOICE_PATTERNS[index % len(INVOICE_PATTERNS)]:
                date = today - datetime.timedelta(days=days_ago)
                vals_list.append({
                    'move_type': 'out_invoice', 'partner_id': by_ref[company['ref']].id,
                    'journal_id': journal.id, 'invoice_date': date,
                    'invoice_date_due': date + datetime.timedelta(days=due_days),
                    'invoice_line_ids': [Command.create({
                        'product_id': product.id, 'quantity': qty,
                        'price_unit': product.list_price})],
                })
                paid_flags.append(paid)
        invoices = self.env['account.move'].create(vals_list)
        invoices.action_post()
        for invoice, paid in zip(invoices, paid_flags):
            if not paid:
                continue
            self.env['account.payment.register'].with_context(
                active_model='account.move', active_ids=invoice.ids).create({
                    'payment_date': invoice.invoice_date_due})._create_payments()
        return invoices

    @api.model
    def _demo_pipeline_and_claims(self, plan, by_ref, managers, today):
        """Stages of the prospects; an active claim (chen), one expiring within a week
        (wang), an expired one (lin), and a claim converted by the first order of a customer
        won within the year (its claimer is its account manager)."""
        Claim = self.env['customer.prospect.claim']
        days = datetime.timedelta
        pipeline = [c for c in plan['companies'] if c.get('pipeline')]
        stages = ['suspect', 'prospect', 'target']
        for index, company in enumerate(pipeline):
            by_ref[company['ref']].write({'pipeline_stage': company['pipeline'] if index < 4
                                          else stages[index % len(stages)]})
        prospects = [by_ref[c['ref']] for c in pipeline]
        claimable = [p for p in prospects if p.pipeline_stage in ('prospect', 'target')]
        if claimable:
            Claim.create({
                'partner_id': claimable[0].id, 'user_id': managers[0].id,
                'date_claim': today, 'date_expiry': today + days(90),
                'note': 'Visit the plant manager; offer a trial drum of hydraulic oil.'})
        if len(claimable) > 1:
            Claim.create({
                'partner_id': claimable[1].id, 'user_id': managers[2].id,
                'date_claim': today - days(85), 'date_expiry': today + days(5),
                'note': 'Quote sent for gear oil; call back before the claim lapses.'})
        suspects = [p for p in prospects if p not in claimable[:2]]
        if suspects:
            Claim.create({
                'partner_id': suspects[0].id, 'user_id': managers[1].id, 'state': 'expired',
                'date_claim': today - days(150), 'date_expiry': today - days(60),
                'note': 'Met at the trade fair; no answer since.'})
        won = [c for c in plan['companies'] if c.get('won_within_year')]
        for company in won[:1]:
            partner = by_ref[company['ref']]
            first = company['pattern_orders'][0][0]
            Claim.create({
                'partner_id': partner.id, 'user_id': partner.user_id.id, 'state': 'converted',
                'date_claim': first - days(45), 'date_expiry': first + days(45),
                'note': 'Won with a trial order of engine oil.'})
        for company in won:
            by_ref[company['ref']].write({'pipeline_stage': 'customer'})
