# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import split_every

from .cron_lock import single_run

_logger = logging.getLogger(__name__)

CLAIM_STATES = [
    ('active', 'Active'),
    ('released', 'Released'),
    ('expired', 'Expired'),
    ('converted', 'Converted'),
]
ACTIVE_INDEX = 'customer_prospect_claim_one_active_uniq'


class CustomerProspectClaim(models.Model):
    """A manager's claim on a prospect (潛在客戶認購申報): at most one active claim per prospect."""
    _name = 'customer.prospect.claim'
    _description = 'Prospect Claim'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date_claim desc, id desc'
    _rec_name = 'partner_id'

    partner_id = fields.Many2one(
        'res.partner', string='Prospect', required=True, index=True, ondelete='cascade',
        domain=[('parent_id', '=', False)], track_visibility='onchange')
    user_id = fields.Many2one(
        'res.users', string='Claimed By', required=True, index=True,
        default=lambda self: self.env.user, track_visibility='onchange')
    date_claim = fields.Date(string='Claim Date', required=True,
                             default=fields.Date.context_today)
    date_expiry = fields.Date(string='Expiry Date', required=True,
                              default=lambda self: self._default_date_expiry(),
                              track_visibility='onchange')
    state = fields.Selection(CLAIM_STATES, required=True, default='active', index=True,
                             track_visibility='onchange')
    note = fields.Text(string='Plan', help='What the manager plans to win this prospect.')
    company_id = fields.Many2one('res.company', default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ('date_check', 'CHECK (date_expiry >= date_claim)',
         'The expiry date of a claim cannot be before its claim date.'),
    ]

    @api.model
    def _default_date_expiry(self):
        days = self.env['res.config.settings'].cm_get_param(
            'customer_maintenance.claim_duration_days', int, 90)
        start = fields.Date.from_string(
            self.env.context.get('default_date_claim') or fields.Date.context_today(self))
        return fields.Date.to_string(start + datetime.timedelta(days=days))

    @api.model_cr
    def init(self):
        # the database guard: two managers clicking at the same moment cannot both win
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS %s ON customer_prospect_claim (partner_id)
             WHERE state = 'active'""" % ACTIVE_INDEX)

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
                 'until it expires.') % (held.partner_id.display_name, held.user_id.name,
                                         held.date_expiry)

    @api.constrains('date_claim', 'date_expiry')
    def _check_dates(self):
        for claim in self:
            self._check_dates_values(claim.partner_id, claim.date_claim, claim.date_expiry)

    @api.model
    def _check_dates_values(self, partner, date_claim, date_expiry):
        # checked before the INSERT/UPDATE too: the SQL CHECK would fire first otherwise
        if date_claim and date_expiry and date_expiry < date_claim:
            raise ValidationError(_(
                'The claim on %s cannot expire (%s) before it was made (%s).')
                % (partner.display_name, date_expiry, date_claim))

    @api.constrains('partner_id')
    def _check_prospect(self):
        # the claim button refuses customers; an import or an RPC call must not slip past it
        for claim in self:
            if claim.state == 'active' and claim.partner_id.pipeline_stage == 'customer':
                raise ValidationError(_('%s is already a customer: only prospects can be claimed.')
                                      % claim.partner_id.display_name)

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

    # ------------------------------------------------------------------ CRUD
    @api.model
    def create(self, vals):
        if vals.get('partner_id'):
            partner = self.env['res.partner'].browse(vals['partner_id']).commercial_partner_id
            vals['partner_id'] = partner.id
            if vals.get('state', 'active') == 'active':
                self._check_no_active_claim([partner.id])
            self._check_dates_values(partner, vals.get('date_claim'), vals.get('date_expiry'))
        try:
            with self.env.cr.savepoint():
                return super(CustomerProspectClaim, self).create(vals)
        except psycopg2.IntegrityError as error:
            if ACTIVE_INDEX not in str(error):
                raise
            raise self._map_integrity_error([vals.get('partner_id')])

    @api.multi
    def write(self, vals):
        if 'date_claim' in vals or 'date_expiry' in vals:
            for claim in self:
                self._check_dates_values(claim.partner_id, vals.get('date_claim', claim.date_claim),
                                         vals.get('date_expiry', claim.date_expiry))
        if vals.get('state') == 'active' or ('partner_id' in vals and 'state' not in vals):
            partner_ids = [vals['partner_id']] if vals.get('partner_id') else \
                self.filtered(lambda c: vals.get('state') == 'active' or c.state == 'active'
                              ).mapped('partner_id').ids
            self._check_no_active_claim(partner_ids, exclude_ids=self.ids)
        try:
            with self.env.cr.savepoint():
                return super(CustomerProspectClaim, self).write(vals)
        except psycopg2.IntegrityError as error:
            if ACTIVE_INDEX not in str(error):
                raise
            raise self._map_integrity_error(self.mapped('partner_id').ids)

    # ------------------------------------------------------------------ actions
    @api.multi
    def action_release(self):
        """Give the prospect back: only the claimer or a supervisor may."""
        return self._release_as(self.env.user)

    @api.multi
    def _release_as(self, user):
        is_supervisor = user.has_group('customer_maintenance.group_manager')
        for claim in self:
            if claim.state != 'active':
                raise UserError(_('Only an active claim can be released (the claim on %s is %s).')
                                % (claim.partner_id.display_name, claim.state))
            if claim.user_id != user and not is_supervisor:
                raise UserError(_('Only %s or a supervisor can release the claim on %s.')
                                % (claim.user_id.name, claim.partner_id.display_name))
        self.write({'state': 'released'})
        return True

    @api.model
    @single_run('expire_prospect_claims')
    def cron_expire_prospect_claims(self, today=None, batch_size=500):
        """Expire active claims whose expiry date has passed; tell each claimer (an activity)."""
        today = today or self.env.context.get('cm_today') or fields.Date.context_today(self)
        claims = self.sudo().search([('state', '=', 'active'), ('date_expiry', '<', today)])
        commit = self.env.context.get('cm_cron_commit')
        expired = 0
        for batch_ids in split_every(batch_size, claims.ids):
            batch = self.sudo().browse(batch_ids)
            try:
                with self.env.cr.savepoint():
                    batch.write({'state': 'expired'})
                    batch._notify_expired()
                expired += len(batch)
            except Exception:
                # one bad claim must not keep the batch's others active: retry one by one
                for claim in batch:
                    try:
                        with self.env.cr.savepoint():
                            claim.write({'state': 'expired'})
                            claim._notify_expired()
                        expired += 1
                    except Exception:
                        _logger.exception('customer_maintenance: expiring claim %s failed; '
                                          'skipped', claim.id)
            if commit:
                self.env.cr.commit()
        _logger.info('customer_maintenance: %d prospect claims expired', expired)
        return expired

    @api.multi
    def _notify_expired(self):
        activity_type = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        model = self.env['ir.model']._get(self._name)
        for claim in self:
            claim.message_post(body=_('The claim on %s expired on %s.')
                               % (claim.partner_id.display_name, claim.date_expiry))
            self.env['mail.activity'].create({
                'res_model_id': model.id, 'res_id': claim.id, 'user_id': claim.user_id.id,
                'activity_type_id': activity_type and activity_type.id,
                'summary': _('Claim on %s expired') % claim.partner_id.display_name,
                'note': _('Your claim expired: claim the prospect again if you are still '
                          'working on it, or leave it to others.'),
                'date_deadline': fields.Date.context_today(self),
            })
