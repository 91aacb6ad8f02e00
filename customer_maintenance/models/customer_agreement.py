# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import split_every

from .cron_lock import single_run

_logger = logging.getLogger(__name__)

# Stable business ties (穩定業務關係) of the lecture.
AGREEMENT_TYPES = [
    ('long_term_supply', 'Long-term Supply Contract'),
    ('membership', 'Membership / Club'),
    ('technical_service', 'Technical-service Commitment'),
    ('supply_guarantee', 'Supply Guarantee'),
]


class CustomerAgreement(models.Model):
    """A long-term tie with a customer; the manager is reminded before it ends."""
    _name = 'customer.agreement'
    _description = 'Customer Agreement'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date_end, id'

    name = fields.Char(required=True, track_visibility='onchange')
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], track_visibility='onchange')
    agreement_type = fields.Selection(AGREEMENT_TYPES, string='Type of Agreement', required=True,
                                      default='long_term_supply', track_visibility='onchange')
    date_start = fields.Date(string='Start', required=True, default=fields.Date.context_today,
                             track_visibility='onchange')
    date_end = fields.Date(string='End', index=True, track_visibility='onchange',
                           help='Leave empty for an agreement without end.')
    terms = fields.Text()
    state = fields.Selection(
        [('draft', 'Draft'), ('active', 'Active'), ('expired', 'Expired'),
         ('cancelled', 'Cancelled')],
        required=True, default='draft', index=True, track_visibility='onchange')
    renewal_reminder_date = fields.Date(
        readonly=True, copy=False,
        help='When the renewal reminder was given to the account manager (given once).')
    company_id = fields.Many2one('res.company', default=lambda self: self.env.user.company_id)

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for rec in self.sudo():
            if rec.date_end and rec.date_start and rec.date_end < rec.date_start:
                raise ValidationError(_(
                    'The agreement "%s" ends before it starts: set an end date on or after the '
                    'start date.') % rec.name)

    @api.multi
    def action_activate(self):
        self.write({'state': 'active'})

    @api.multi
    def action_cancel(self):
        self.write({'state': 'cancelled'})

    @api.multi
    def action_draft(self):
        self.write({'state': 'draft', 'renewal_reminder_date': False})

    @api.model
    def _renewal_activity_vals(self, agreement):
        user = agreement.partner_id.commercial_partner_id.user_id or self.env.user
        return {
            'res_model_id': self.env['ir.model']._get(self._name).id,
            'res_id': agreement.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'summary': _('Renew agreement %s') % agreement.name,
            'note': _('The agreement with %s ends on %s: talk about its renewal.') % (
                agreement.partner_id.display_name, agreement.date_end),
            'date_deadline': agreement.date_end,
            'user_id': user.id,
        }

    @api.model
    @single_run('agreement_renewal')
    def cron_agreement_renewal(self, today=None):
        """Daily: remind the manager N days before an agreement ends (once), expire ended ones."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        days = self.env['res.config.settings'].cm_get_param(
            'customer_maintenance.agreement_reminder_days', int, 30)
        limit = fields.Date.to_string(today + timedelta(days=days))
        today_s = fields.Date.to_string(today)
        in_cron = self.env.context.get('cm_cron_commit')
        expired = self.search([('state', '=', 'active'), ('date_end', '<', today_s)])
        expired.write({'state': 'expired'})
        due = self.search([('state', '=', 'active'), ('date_end', '>=', today_s),
                           ('date_end', '<=', limit), ('renewal_reminder_date', '=', False)])
        Activity = self.env['mail.activity'].sudo()
        done = 0
        for batch_ids in split_every(200, due.ids):
            for agreement in self.browse(batch_ids):
                try:
                    with self.env.cr.savepoint():
                        Activity.create(self._renewal_activity_vals(agreement))
                        agreement.renewal_reminder_date = today_s
                        done += 1
                except Exception:
                    _logger.exception('Renewal reminder failed for customer.agreement %s',
                                      agreement.id)
                    if not in_cron:
                        raise
            if in_cron:
                self.env.cr.commit()
        _logger.info('Agreement renewal: %d reminders, %d expired', done, len(expired))
        return done
