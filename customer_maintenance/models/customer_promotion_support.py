# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
        track_visibility='onchange')
    support_type = fields.Selection(SUPPORT_TYPES, string='Type of Support', required=True,
                                    default='promotion_event', track_visibility='onchange')
    description = fields.Text()
    cost = fields.Float(track_visibility='onchange')
    state = fields.Selection(
        [('planned', 'Planned'), ('done', 'Done'), ('cancelled', 'Cancelled')],
        required=True, default='planned', index=True, track_visibility='onchange')
    sales_before = fields.Float(
        compute='_compute_sales_effect', string='Sales Before',
        help='Untaxed amount of the customer\'s confirmed orders in the months before the '
             'support (number of months in the settings).')
    sales_after = fields.Float(
        compute='_compute_sales_effect', string='Sales After',
        help='Untaxed amount of the customer\'s confirmed orders from the support date on, '
             'for the same number of months.')
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
        months = self.env['res.config.settings'].cm_get_param(
            'customer_maintenance.promotion_effect_months', int, 3)
        rows = [(rec.id, rec.partner_id.commercial_partner_id.id, rec.date)
                for rec in self if rec.id and rec.partner_id and rec.date]
        figures = {}
        if rows:
            # One query for all records: orders of the customer (and its contacts) around each date.
            self.env.cr.execute("""
                WITH supp AS (
                    SELECT * FROM unnest(%s::int[], %s::int[], %s::date[]) AS s(id, partner_id, day)
                )
                SELECT supp.id,
                       COALESCE(SUM(so.amount_untaxed) FILTER (
                           WHERE so.confirmation_date >= supp.day - %s * interval '1 month'
                             AND so.confirmation_date < supp.day), 0),
                       COALESCE(SUM(so.amount_untaxed) FILTER (
                           WHERE so.confirmation_date >= supp.day
                             AND so.confirmation_date < supp.day + %s * interval '1 month'), 0)
                  FROM supp
                  LEFT JOIN res_partner p ON p.commercial_partner_id = supp.partner_id
                  LEFT JOIN sale_order so ON so.partner_id = p.id AND so.state IN ('sale', 'done')
                 GROUP BY supp.id
            """, ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
                  months, months))
            figures = {rid: (before, after) for rid, before, after in self.env.cr.fetchall()}
        for rec in self:
            before, after = figures.get(rec.id, (0.0, 0.0))
            rec.sales_before = before
            rec.sales_after = after
            rec.sales_change = ((after - before) / before * 100.0) if before else 0.0

    @api.multi
    def action_done(self):
        self.write({'state': 'done'})

    @api.multi
    def action_cancel(self):
        self.write({'state': 'cancelled'})

    @api.multi
    def action_plan(self):
        self.write({'state': 'planned'})
