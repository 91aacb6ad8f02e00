# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# The three business-maintenance ledgers shown as smart buttons on the customer.
LEDGERS = {
    'promotion_support_count': 'customer.promotion.support',
    'value_service_count': 'customer.value.service',
    'agreement_count': 'customer.agreement',
}


class ResPartner(models.Model):
    """Supervisor's weekly review mark and the business-maintenance ledgers of a customer."""
    _inherit = 'res.partner'

    last_review_date = fields.Date(
        string='Last Review', readonly=True, copy=False, track_visibility='onchange',
        help='When a supervisor last reviewed this customer\'s profile card (weekly review).')
    review_note = fields.Text(string='Review Note', copy=False,
                              help='What the supervisor noted at the last review.')
    promotion_support_count = fields.Integer(compute='_compute_ledger_counts',
                                             string='Promotion Support')
    value_service_count = fields.Integer(compute='_compute_ledger_counts',
                                         string='Value-added Services')
    agreement_count = fields.Integer(compute='_compute_ledger_counts', string='Agreements')

    @api.multi
    def _compute_ledger_counts(self):
        ids = [pid for pid in self.ids if pid]
        for field_name, model in LEDGERS.items():
            counts = {}
            if ids:
                data = self.env[model].read_group(
                    [('partner_id', 'in', ids)], ['partner_id'], ['partner_id'])
                counts = {d['partner_id'][0]: d['partner_id_count'] for d in data}
            for partner in self:
                partner[field_name] = counts.get(partner.id, 0)

    @api.multi
    def action_mark_reviewed(self):
        """Supervisor: mark the customers reviewed today (weekly review of the profile card)."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can mark a customer as reviewed.'))
        today = self.env.context.get('cm_today') or fields.Date.context_today(self)
        # supervisors need not hold the partner-editing right to record their review
        self.sudo().write({'last_review_date': today})
        for partner in self.sudo():
            partner.message_post(
                author_id=self.env.user.partner_id.id,
                body=_('Profile card reviewed by %s.') % self.env.user.name
                                 + ((' ' + partner.review_note) if partner.review_note else ''))
        return True

    @api.multi
    def _action_ledger(self, model, xmlid):
        self.ensure_one()
        action = self.env.ref(xmlid).read()[0]
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action

    @api.multi
    def action_view_promotion_support(self):
        return self._action_ledger('customer.promotion.support',
                                   'customer_maintenance.customer_promotion_support_action')

    @api.multi
    def action_view_value_service(self):
        return self._action_ledger('customer.value.service',
                                   'customer_maintenance.customer_value_service_action')

    @api.multi
    def action_view_agreement(self):
        return self._action_ledger('customer.agreement',
                                   'customer_maintenance.customer_agreement_action')

    @api.multi
    def action_print_profile_card(self):
        return self.env.ref('customer_maintenance.action_report_profile_card').report_action(self)
