# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..queries.management import promotion_sales_effect
from .res_config_settings_management import management_param

# Promotion support (促銷支持): for dealers first, then for end customers, in the lecture's order.
SUPPORT_TYPES = [
    ('coop_advertising', 'Co-op Advertising'),
    ('signage_pop', 'Signage / POP'),
    ('display', 'Display'),
    ('merchandising', 'Merchandising Advice'),
    ('promotion_event', 'Promotion Event'),
    ('brochure', 'Brochures'),
    ('customer_trip', 'Customer Trip'),
    ('gift', 'Gifts'),
    ('sales_contest', 'Sales Contest'),
    ('customer_meeting', 'Customer Meeting'),
]


class CustomerPromotionSupport(models.Model):
    """Promotion support given to a customer, with its sales before and after."""
    _name = 'customer.promotion.support'
    _description = 'Promotion Support'
    _inherit = 'customer.partner.record.mixin'
    _order = 'date desc, id desc'

    user_id = fields.Many2one(
        'res.users', string='Responsible', index=True, default=lambda self: self.env.user,
        tracking=True)
    support_type = fields.Selection(SUPPORT_TYPES, string='Type of Support', required=True,
                                    default='promotion_event', tracking=True)
    description = fields.Text()
    currency_id = fields.Many2one(related='company_id.currency_id')
    cost = fields.Monetary(currency_field='currency_id', tracking=True)
    state = fields.Selection(
        [('planned', 'Planned'), ('done', 'Done'), ('cancelled', 'Cancelled')],
        required=True, default='planned', index=True, tracking=True)
    sales_before = fields.Monetary(
        compute='_compute_sales_effect', string='Sales Before', currency_field='currency_id',
        help="Untaxed amount of the customer's confirmed orders in the months before the "
             "support (number of months in the settings).")
    sales_after = fields.Monetary(
        compute='_compute_sales_effect', string='Sales After', currency_field='currency_id',
        help="Untaxed amount of the customer's confirmed orders from the support date on, "
             "for the same number of months.")
    sales_change = fields.Float(
        compute='_compute_sales_effect', string='Sales Change (%)',
        help='Change of sales after the support compared with before.')

    @api.constrains('cost')
    def _check_cost(self):
        # sudo: the check must not trip over record rules before create's own access check
        if any(rec.cost < 0 for rec in self.sudo()):
            raise ValidationError(_('The cost of a promotion support cannot be negative.'))

    @api.depends('partner_id', 'date')
    def _compute_sales_effect(self):
        months = management_param(self.env, 'promotion_effect_months')
        rows = [(rec.id, rec.partner_id.commercial_partner_id.id, rec.date)
                for rec in self if rec.id and rec.partner_id and rec.date]
        figures = {}
        if rows:
            # one query for all records: orders of the customer (and its contacts) around each date
            query = promotion_sales_effect(*zip(*rows), months=months)
            self.env['sale.order'].flush_model(
                ['state', 'partner_id', 'date_order', 'amount_untaxed', 'currency_rate'])
            self.env['res.partner'].flush_model(['commercial_partner_id'])
            figures = {rid: (before, after)
                       for rid, before, after in self.env.execute_query(query)}
        for rec in self:
            before, after = figures.get(rec.id, (0.0, 0.0))
            rec.sales_before = before
            rec.sales_after = after
            rec.sales_change = ((after - before) / before * 100.0) if before else 0.0

    def action_done(self):
        self.write({'state': 'done'})

    def action_cancel(self):
        self.write({'state': 'cancelled'})

    def action_plan(self):
        self.write({'state': 'planned'})
