# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..tools.sender import company_sender
from ..tools.today import today as cm_today
from ..tools.caller import report_action, window_action

# The three business-maintenance ledgers shown as smart buttons on the customer:
# count field -> (model, window action)
LEDGERS = {
    'promotion_support_count': ('customer.promotion.support',
                                'customer_maintenance.customer_promotion_support_action'),
    'value_service_count': ('customer.value.service',
                            'customer_maintenance.customer_value_service_action'),
    'agreement_count': ('customer.agreement', 'customer_maintenance.customer_agreement_action'),
}


class ResPartner(models.Model):
    """The supervisor's weekly review mark and the business-maintenance ledgers of a
    customer (業務維護)."""
    _inherit = 'res.partner'

    last_review_date = fields.Date(
        string='Last Review', readonly=True, copy=False, tracking=True,
        help='When a supervisor last reviewed this customer\'s profile card (weekly review).')
    review_note = fields.Text(string='Review Note', copy=False,
                              help='What the supervisor noted at the last review.')

    promotion_support_count = fields.Integer(
        compute='_compute_ledger_counts', string='Promotion Support',
        groups='customer_maintenance.group_user')
    value_service_count = fields.Integer(
        compute='_compute_ledger_counts', string='Value-added Services',
        groups='customer_maintenance.group_user')
    agreement_count = fields.Integer(
        compute='_compute_ledger_counts', string='Agreements',
        groups='customer_maintenance.group_user')

    @api.depends_context('uid', 'allowed_company_ids')
    def _compute_ledger_counts(self):
        """One grouped query per ledger (the records the user may see, under record rules)."""
        partners = self.filtered('id')
        for field_name, (model, _xmlid) in LEDGERS.items():
            counts = {}
            if partners:
                counts = dict(self.env[model]._read_group(
                    [('partner_id', 'in', partners.ids)], ['partner_id'], ['__count']))
            for partner in self:
                partner[field_name] = counts.get(partner, 0)

    def _action_ledger(self, field_name):
        self.ensure_one()
        action = window_action(self, LEDGERS[field_name][1])
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action

    def action_view_promotion_support(self):
        return self._action_ledger('promotion_support_count')

    def action_view_value_service(self):
        return self._action_ledger('value_service_count')

    def action_view_agreement(self):
        return self._action_ledger('agreement_count')

    def action_mark_reviewed(self):
        """Supervisor: mark the customers reviewed today (weekly review of the profile card),
        with a note in each customer's chatter."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can mark a customer as reviewed.'))
        author = self.env.user.partner_id
        # a supervisor who logs in with a name only: the note is sent as the company
        email_from = author.email_formatted or company_sender(self.env, author) \
            or self.env.company.name
        # supervisors need not hold the partner-editing right to record their review
        partners = self.sudo()
        partners.write({'last_review_date': cm_today(self.env)})
        for partner in partners:
            body = _('Profile card reviewed by %s.', self.env.user.name)
            if partner.review_note:
                body = '%s %s' % (body, partner.review_note)
            partner.message_post(body=body, subtype_xmlid='mail.mt_note',
                                 author_id=author.id, email_from=email_from)
        return True

    def action_print_profile_card(self):
        """The profile card (客戶資料卡) of the selected customers, one PDF."""
        return report_action(self, 'customer_maintenance.action_report_profile_card')
