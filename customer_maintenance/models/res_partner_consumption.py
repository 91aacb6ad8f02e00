# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.today import today as cm_today
from ..tools.caller import window_action


class ResPartner(models.Model):
    """The consumption cycles of a customer (客戶用油周期表), and whether it has lapsed: a
    customer that stopped reordering a product for more than two of its intervals is no
    longer a replenishment to call about but a customer to win back."""
    _inherit = 'res.partner'

    consumption_cycle_ids = fields.One2many(
        'customer.consumption.cycle', 'partner_id', string='Consumption Cycles',
        groups='customer_maintenance.group_user')
    consumption_cycle_count = fields.Integer(
        string='Consumption Cycle Count', compute='_compute_consumption_cycle_count',
        groups='customer_maintenance.group_user')
    consumption_lapsed = fields.Boolean(
        string='Lapsed Consumer', compute='_compute_consumption_lapsed',
        search='_search_consumption_lapsed', groups='customer_maintenance.group_user',
        help='This customer stopped reordering at least one product for more than two of its '
             'usual intervals: win it back.')

    def _compute_consumption_cycle_count(self):
        # cycles belong to the commercial partner: contacts show their company's
        counts = dict(self.env['customer.consumption.cycle']._read_group(
            [('partner_id', 'in', self.commercial_partner_id.ids)], ['partner_id'], ['__count']))
        for partner in self:
            partner.consumption_cycle_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends_context('cm_today', 'tz')
    def _compute_consumption_lapsed(self):
        lapsed = self.env['customer.consumption.cycle'].search(
            [('partner_id', 'in', self.commercial_partner_id.ids), ('is_lapsed', '=', True)]
        ).partner_id
        for partner in self:
            partner.consumption_lapsed = partner.commercial_partner_id in lapsed

    def _search_consumption_lapsed(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise ValidationError(_('Lapsed Consumer can only be searched as true or false.'))
        domain = [('consumption_cycle_ids.lapse_date', '<=', cm_today(self.env))]
        return domain if (operator == '=') == value else ['!'] + domain

    def action_view_consumption_cycles(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.customer_consumption_cycle_action')
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'search_default_group_partner': 0}
        return action
