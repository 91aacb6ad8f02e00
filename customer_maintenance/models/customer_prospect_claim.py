# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..queries.segmentation import fill_partner_claims
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .res_config_settings_segmentation import segmentation_config

_logger = logging.getLogger(__name__)

CLAIM_STATES = [
    ('active', 'Active'),
    ('released', 'Released'),
    ('expired', 'Expired'),
    ('converted', 'Converted'),
]
ACTIVE_INDEX = 'customer_prospect_claim_one_active_uniq'
EXPIRY_BATCH_SIZE = 500


class CustomerProspectClaim(models.Model):
    """A manager's claim on a prospect (潛在客戶認購申報): at most one active claim per prospect,
    guaranteed by a partial unique index (two managers clicking at the same moment cannot both
    win)."""
    _name = 'customer.prospect.claim'
    _description = 'Prospect Claim'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date_claim desc, id desc'
    _rec_name = 'partner_id'

    partner_id = fields.Many2one(
        'res.partner', string='Prospect', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], tracking=True)
    user_id = fields.Many2one(
        'res.users', string='Claimed By', required=True, index=True,
        default=lambda self: self.env.user, tracking=True)
    date_claim = fields.Date(string='Claim Date', required=True,
                             default=lambda self: cm_today(self.env))
    date_expiry = fields.Date(string='Expiry Date', required=True,
                              default=lambda self: self._default_date_expiry(), tracking=True)
    state = fields.Selection(CLAIM_STATES, required=True, default='active', index=True,
                             tracking=True)
    note = fields.Text(string='Plan', help='What the manager plans to win this prospect.')
    company_id = fields.Many2one('res.company', index=True,
                                 default=lambda self: self.env.company)

    _sql_constraints = [
        ('date_check', 'CHECK (date_expiry >= date_claim)',
         'The expiry date of a claim cannot be before its claim date.'),
    ]

    @api.model
    def _duration_days(self):
        return segmentation_config(self.env)['cm_claim_duration_days']

    @api.model
    def _default_date_expiry(self):
        start = fields.Date.to_date(self.env.context.get('default_date_claim')) \
            or cm_today(self.env)
        return start + datetime.timedelta(days=self._duration_days())

    def init(self):
        self.env.cr.execute(SQL(
            "CREATE UNIQUE INDEX IF NOT EXISTS %s ON customer_prospect_claim (partner_id) "
            "WHERE state = 'active'", SQL.identifier(ACTIVE_INDEX)))
        # the partner's stored claim columns, from the active claims, in one statement
        self.env['res.partner']._cm_create_claim_columns()
        self.env.cr.execute(fill_partner_claims())

    # ------------------------------------------------------------------ checks
    @api.model
    def _check_no_active_claim(self, partner_ids, exclude_ids=()):
        """Raise a clear ValidationError when one of the prospects already has an active claim."""
        if not partner_ids:
            return
        domain = [('partner_id', 'in', list(partner_ids)), ('state', '=', 'active')]
        if exclude_ids:
            domain.append(('id', 'not in', list(exclude_ids)))
        held = self.sudo().search(domain, limit=1)
        if held:
            raise ValidationError(self._conflict_message(held))

    @api.model
    def _conflict_message(self, held):
        return _('%s is already claimed by %s until %s. Ask them to release the claim, or wait '
                 'until it expires.', held.partner_id.display_name, held.user_id.name,
                 held.date_expiry)

    @api.constrains('date_claim', 'date_expiry')
    def _check_dates(self):
        for claim in self:
            self._check_dates_values(claim.partner_id, claim.date_claim, claim.date_expiry)

    @api.model
    def _check_dates_values(self, partner, date_claim, date_expiry):
        # checked before the INSERT/UPDATE too: the SQL CHECK would fire first otherwise
        date_claim, date_expiry = fields.Date.to_date(date_claim), fields.Date.to_date(date_expiry)
        if date_claim and date_expiry and date_expiry < date_claim:
            raise ValidationError(_(
                'The claim on %s cannot expire (%s) before it was made (%s).',
                partner.display_name, date_expiry, date_claim))

    @api.constrains('partner_id', 'state')
    def _check_prospect(self):
        # the claim button refuses customers; an import or an RPC call must not slip past it
        for claim in self:
            refusal = claim.state == 'active' and claim.partner_id._cm_not_claimable()
            if refusal:
                raise ValidationError(refusal)

    @api.constrains('partner_id', 'state')
    def _check_single_active(self):
        for claim in self.filtered(lambda c: c.state == 'active'):
            self._check_no_active_claim([claim.partner_id.id], exclude_ids=[claim.id])

    def _map_integrity_error(self, partner_ids):
        held = self.sudo().search([('partner_id', 'in', list(partner_ids)),
                                   ('state', '=', 'active')], limit=1)
        if held:
            return ValidationError(self._conflict_message(held))
        return ValidationError(_('This prospect already has an active claim.'))

    @staticmethod
    def _is_active_index_error(error):
        return getattr(error.diag, 'constraint_name', None) == ACTIVE_INDEX

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env['res.partner']
        for vals in vals_list:
            if vals.get('partner_id'):
                partner = Partner.browse(vals['partner_id']).commercial_partner_id
                vals['partner_id'] = partner.id
                if vals.get('state', 'active') == 'active':
                    self._check_no_active_claim([partner.id])
                self._check_dates_values(partner, vals.get('date_claim'),
                                         vals.get('date_expiry'))
        try:
            with self.env.cr.savepoint():
                return super().create(vals_list)
        except psycopg2.IntegrityError as error:
            if not self._is_active_index_error(error):
                raise
            raise self._map_integrity_error(
                [vals.get('partner_id') for vals in vals_list]) from None

    def write(self, vals):
        if 'partner_id' in vals and vals['partner_id']:
            vals = dict(vals, partner_id=self.env['res.partner'].browse(
                vals['partner_id']).commercial_partner_id.id)
        if 'date_claim' in vals or 'date_expiry' in vals:
            for claim in self:
                self._check_dates_values(claim.partner_id, vals.get('date_claim', claim.date_claim),
                                         vals.get('date_expiry', claim.date_expiry))
        if vals.get('state') == 'active' or ('partner_id' in vals and 'state' not in vals):
            partner_ids = [vals['partner_id']] if vals.get('partner_id') else \
                self.filtered(lambda c: vals.get('state') == 'active' or c.state == 'active'
                              ).partner_id.ids
            self._check_no_active_claim(partner_ids, exclude_ids=self.ids)
        try:
            with self.env.cr.savepoint():
                res = super().write(vals)
                # 18.0 writes at flush: make the index speak now, inside the savepoint
                self.flush_recordset()
                return res
        except psycopg2.IntegrityError as error:
            if not self._is_active_index_error(error):
                raise
            raise self._map_integrity_error(self.partner_id.ids) from None

    # ------------------------------------------------------------------ actions
    def action_release(self):
        """Give the prospect back: only the claimer or a supervisor may."""
        return self._release_as(self.env.user)

    def _release_as(self, user):
        is_supervisor = user.has_group('customer_maintenance.group_manager')
        for claim in self:
            if claim.state != 'active':
                raise UserError(_('Only an active claim can be released (the claim on %s is %s).',
                                  claim.partner_id.display_name, claim.state))
            if claim.user_id != user and not is_supervisor:
                raise UserError(_('Only %s or a supervisor can release the claim on %s.',
                                  claim.user_id.name, claim.partner_id.display_name))
        self.sudo().write({'state': 'released'})
        return True

    def action_renew(self):
        """Extend an active claim, or take an expired one up again, for the claim duration
        from today (the claimer or a supervisor)."""
        return self._renew_as(self.env.user)

    def _renew_as(self, user):
        is_supervisor = user.has_group('customer_maintenance.group_manager')
        day = cm_today(self.env)
        for claim in self:
            if claim.state not in ('active', 'expired'):
                raise UserError(_(
                    'Only an active or expired claim can be renewed (the claim on %(partner)s '
                    'is %(state)s).', partner=claim.partner_id.display_name,
                    state=dict(self._fields['state']._description_selection(self.env))[
                        claim.state]))
            if claim.user_id != user and not is_supervisor:
                raise UserError(_('Only %(user)s or a supervisor can renew the claim on '
                                  '%(partner)s.', user=claim.user_id.name,
                                  partner=claim.partner_id.display_name))
            expiry = max(claim.date_expiry, day + datetime.timedelta(days=self._duration_days()))
            claim.sudo().write({'state': 'active', 'date_expiry': expiry})
            claim.sudo().activity_ids.filtered(
                lambda a: a.activity_type_id == self._expired_activity_type()).action_feedback(
                feedback=_('Claim renewed until %s.', expiry))
        return True

    # ------------------------------------------------------------------ expiry
    @api.model
    @single_run('expire_prospect_claims')
    def cron_expire_prospect_claims(self, today=None, batch_size=EXPIRY_BATCH_SIZE,
                                    automatic=False):
        """Expire active claims whose expiry date has passed; tell each claimer (an activity).
        Returns the number of claims expired."""
        day = cm_today(self.env, today)
        claims = self.sudo().search([('state', '=', 'active'), ('date_expiry', '<', day)])
        expired = []

        def expire(claim_ids):
            batch = self.sudo().browse(claim_ids)
            batch.write({'state': 'expired'})
            batch._notify_expired(day)
            expired.append(len(batch))

        run_batches(self.env, 'expire_prospect_claims', claims.ids, expire,
                    batch_size=batch_size, automatic=automatic)
        _logger.info('customer_maintenance: %d prospect claims expired', sum(expired))
        return sum(expired)

    @api.model
    def _expired_activity_type(self):
        return self.env.ref('customer_maintenance.mail_activity_type_claim_expired',
                            raise_if_not_found=False) \
            or self.env.ref('mail.mail_activity_data_todo')

    def _notify_expired(self, day):
        activity_type = self._expired_activity_type()
        model_id = self.env['ir.model']._get_id(self._name)
        for claim in self:
            claim.message_post(body=_('The claim on %s expired on %s.',
                                      claim.partner_id.display_name, claim.date_expiry))
        self.env['mail.activity'].create([{
            'res_model_id': model_id, 'res_id': claim.id, 'user_id': claim.user_id.id,
            'activity_type_id': activity_type.id,
            'summary': _('Claim on %s expired', claim.partner_id.display_name),
            'note': _('Your claim expired: claim the prospect again if you are still '
                      'working on it, or leave it to others.'),
            'date_deadline': day,
        } for claim in self])
