# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The prospect pipeline (擬似客戶 → 潛在客戶 → 目標客戶 → 現實客戶) and prospect claims
(潛在客戶認購申報) seen from the partner."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import sql

from ..tools.caller import window_action

PIPELINE_STAGES = [
    ('suspect', 'Suspect'),     # 擬似客戶
    ('prospect', 'Prospect'),   # 潛在客戶
    ('target', 'Target'),       # 目標客戶
    ('customer', 'Customer'),   # 現實客戶
]
# stored computed columns filled by one UPDATE at install/upgrade (fill_partner_claims), not
# by Odoo's per-record recompute of a new stored field (minutes at 500k partners)
CLAIM_COLUMNS = (('claim_user_id', 'int4'), ('claim_date_expiry', 'date'))


class ResPartner(models.Model):
    _inherit = 'res.partner'

    pipeline_stage = fields.Selection(
        PIPELINE_STAGES, string='Pipeline Stage', index=True, tracking=True,
        help='Suspect (擬似客戶) → prospect (潛在客戶) → target (目標客戶) → customer (現實客戶); '
             'becomes Customer at the first confirmed sale order.')
    prospect_claim_ids = fields.One2many('customer.prospect.claim', 'partner_id',
                                         string='Prospect Claims')
    claim_user_id = fields.Many2one(
        'res.users', string='Claimed By', compute='_compute_claim', store=True, index=True,
        help='The account manager holding the active claim on this prospect (潛在客戶認購).')
    claim_date_expiry = fields.Date(
        string='Claim Expires', compute='_compute_claim', store=True,
        help='After this day the claim lapses and others may claim the prospect.')
    prospect_claim_count = fields.Integer(compute='_compute_prospect_claim_count',
                                          string='Claims')

    def _auto_init(self):
        self._cm_create_claim_columns()
        return super()._auto_init()

    @api.model
    def _cm_create_claim_columns(self):
        """Create the stored claim columns before the ORM does (it would then recompute them
        record by record); customer.prospect.claim's init() fills them in one statement."""
        for name, column_type in CLAIM_COLUMNS:
            if not sql.column_exists(self.env.cr, 'res_partner', name):
                sql.create_column(self.env.cr, 'res_partner', name, column_type,
                                  self._fields[name].string)

    @api.depends('prospect_claim_ids.state', 'prospect_claim_ids.user_id',
                 'prospect_claim_ids.date_expiry')
    def _compute_claim(self):
        for partner in self:
            active = partner.prospect_claim_ids.filtered(lambda c: c.state == 'active')[:1]
            partner.claim_user_id = active.user_id
            partner.claim_date_expiry = active.date_expiry

    def _compute_prospect_claim_count(self):
        counts = dict(self.env['customer.prospect.claim']._read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['__count']))
        for partner in self:
            partner.prospect_claim_count = counts.get(partner, 0)

    # ---------------------------------------------------------------- claims
    def action_claim_prospect(self):
        """Claim this prospect for the current user (潛在客戶認購)."""
        Claim = self.env['customer.prospect.claim']
        # the claim is created as superuser below: only a user who may claim gets that far
        Claim.check_access('create')
        for partner in self.commercial_partner_id:
            refusal = partner._cm_not_claimable()
            if refusal:
                raise UserError(refusal)
            # the claimer may not see the partner's other claims: create as superuser, but
            # in the claimer's name (the claim constraints check what matters)
            Claim.sudo().create({'partner_id': partner.id, 'user_id': self.env.uid,
                                 'company_id': self.env.company.id})
            if not partner.pipeline_stage or partner.pipeline_stage == 'suspect':
                # claiming registers the prospect (the claimer need not manage it yet)
                partner.sudo().write({'pipeline_stage': 'prospect'})
        return True

    def _cm_not_claimable(self):
        """Why this partner cannot be claimed (False when it can): it is already a customer
        (現實客戶), by its pipeline stage, or, without a stage, because it already counts as a
        customer (customer_rank: posted invoices, a first confirmed order, entered as a
        customer; e.g. a customer from before the module was installed)."""
        self.ensure_one()
        if self.pipeline_stage == 'customer':
            return _('%s is already a customer: only prospects can be claimed.',
                     self.display_name)
        if not self.pipeline_stage and self.customer_rank > 0:
            return _('%s is already a customer (it has bought or was entered as a customer): '
                     'only prospects can be claimed. If it is not a customer yet, set its '
                     'pipeline stage to Prospect first.', self.display_name)
        return False

    def action_release_claim(self):
        """Release the active claim on this prospect (the claimer or a supervisor)."""
        self.env['customer.prospect.claim'].check_access('write')  # the claims are found as
        # superuser (the claimer may not see the prospect's other claims)
        claims = self.env['customer.prospect.claim'].sudo().search([
            ('partner_id', 'in', self.commercial_partner_id.ids), ('state', '=', 'active')])
        if not claims:
            raise UserError(_('There is no active claim to release.'))
        claims._release_as(self.env.user)
        return True

    def action_renew_claim(self):
        """Renew the claim of this prospect (the claimer or a supervisor)."""
        self.env['customer.prospect.claim'].check_access('write')  # as in action_release_claim
        claims = self.env['customer.prospect.claim'].sudo().search([
            ('partner_id', 'in', self.commercial_partner_id.ids), ('state', '=', 'active')])
        if not claims:
            raise UserError(_('There is no active claim to renew.'))
        claims._renew_as(self.env.user)
        return True

    def action_view_prospect_claims(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.customer_prospect_claim_action')
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'default_partner_id': self.commercial_partner_id.id}
        return action

    def _cm_mark_customer(self):
        """First confirmed order: the prospect becomes a customer, its active claim converts
        and the claimer becomes its account manager; the buyer and its company count as
        customers (customer_rank, which 18.0 raises only for posted invoices)."""
        partners = self.commercial_partner_id.sudo()
        claims = self.env['customer.prospect.claim'].sudo().search([
            ('partner_id', 'in', partners.ids), ('state', '=', 'active')])
        for claim in claims:
            claim.write({'state': 'converted'})
            claim.partner_id.write({'user_id': claim.user_id.id})
        to_mark = partners.filtered(lambda p: p.pipeline_stage != 'customer')
        if to_mark:
            to_mark.write({'pipeline_stage': 'customer'})
        (self | partners).sudo().filtered(lambda p: p.customer_rank < 1).write(
            {'customer_rank': 1})
        return True
