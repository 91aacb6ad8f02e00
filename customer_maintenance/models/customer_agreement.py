# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .res_config_settings_management import management_param

_logger = logging.getLogger(__name__)

JOB = 'agreement_renewal'

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

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], tracking=True)
    user_id = fields.Many2one(related='partner_id.commercial_partner_id.user_id',
                              string='Account Manager')
    agreement_type = fields.Selection(AGREEMENT_TYPES, string='Type of Agreement', required=True,
                                      default='long_term_supply', tracking=True)
    date_start = fields.Date(string='Start', required=True,
                             default=lambda self: cm_today(self.env), tracking=True)
    date_end = fields.Date(string='End', index=True, tracking=True,
                           help='Leave empty for an agreement without end.')
    terms = fields.Text()
    state = fields.Selection(
        [('draft', 'Draft'), ('active', 'Active'), ('expired', 'Expired'),
         ('cancelled', 'Cancelled')],
        required=True, default='draft', index=True, tracking=True)
    renewal_reminder_date = fields.Date(
        readonly=True, copy=False,
        help='When the renewal reminder was given to the account manager (given once).')
    company_id = fields.Many2one('res.company', index=True, default=lambda self: self.env.company)

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for rec in self.sudo():
            if rec.date_end and rec.date_start and rec.date_end < rec.date_start:
                raise ValidationError(_(
                    'The agreement "%s" ends before it starts: set an end date on or after the '
                    'start date.', rec.name))

    def action_activate(self):
        self.write({'state': 'active'})

    def action_cancel(self):
        self.write({'state': 'cancelled'})

    def action_draft(self):
        self.write({'state': 'draft', 'renewal_reminder_date': False})

    @api.model
    def _renewal_activity_vals(self, agreement):
        """The renewal reminder (an activity of the day) for the customer's account manager,
        in the manager's language and date format (the cron runs as __system__)."""
        user = agreement.partner_id.commercial_partner_id.user_id or self.env.user
        env = self.with_context(lang=user.lang or self.env.lang).env
        return {
            'res_model_id': self.env['ir.model']._get_id(self._name),
            'res_id': agreement.id,
            'activity_type_id': self.env.ref(
                'customer_maintenance.mail_activity_type_agreement_renewal').id,
            'summary': env._('Renew agreement %s', agreement.name),
            'note': env._(
                'The agreement with %(customer)s ends on %(end)s: talk about its renewal.',
                customer=agreement.partner_id.display_name,
                end=format_date(env, agreement.date_end)),
            'date_deadline': agreement.date_end,
            'user_id': user.id,
        }

    @api.model
    @single_run(JOB)
    def cron_agreement_renewal(self, today=None, automatic=False, batch_size=200):
        """Daily: remind the manager N days before an agreement ends (once), expire ended ones.
        Returns the number of reminders given. Idempotent: a reminded agreement keeps its
        `renewal_reminder_date` and is not reminded again."""
        day = cm_today(self.env, today)
        days = management_param(self.env, 'agreement_reminder_days')
        expired = self.search([('state', '=', 'active'), ('date_end', '<', day)])
        expired.write({'state': 'expired'})
        due = self.search([('state', '=', 'active'), ('date_end', '>=', day),
                           ('date_end', '<=', day + timedelta(days=days)),
                           ('renewal_reminder_date', '=', False)])

        def remind(ids):
            agreements = self.browse(ids)
            # one create() per batch: Odoo's own activity creation (notifications, counters)
            self.env['mail.activity'].sudo().create(
                [self._renewal_activity_vals(agreement) for agreement in agreements])
            agreements.write({'renewal_reminder_date': day})

        done, failed = run_batches(self.env, JOB, due.ids, remind, batch_size=batch_size,
                                   automatic=automatic)
        _logger.info('%s: %d reminders, %d failed, %d expired', JOB, done - len(failed),
                     len(failed), len(expired))
        return done - len(failed)
