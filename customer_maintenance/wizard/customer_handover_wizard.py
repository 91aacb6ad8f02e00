# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Ledgers and records whose open activities follow the customers to the successor.
ACTIVITY_MODELS = ['res.partner', 'customer.relationship.event', 'customer.promotion.support',
                   'customer.value.service', 'customer.agreement']


class CustomerHandoverWizard(models.TransientModel):
    """Hand the customers of a leaving account manager over to a successor, in one go."""
    _name = 'customer.handover.wizard'
    _description = 'Customer Hand-over'

    from_user_id = fields.Many2one('res.users', string='From Account Manager', required=True)
    to_user_id = fields.Many2one('res.users', string='To Account Manager', required=True,
                                 domain=[('share', '=', False)])
    partner_ids = fields.Many2many(
        'res.partner', string='Customers',
        help='Leave empty to hand over all customers of the leaving account manager.')
    note = fields.Text(help='Posted on every customer handed over.')

    @api.model
    def default_get(self, fields_list):
        res = super(CustomerHandoverWizard, self).default_get(fields_list)
        ctx = self.env.context
        if ctx.get('active_model') == 'res.partner' and ctx.get('active_ids'):
            partners = self.env['res.partner'].browse(ctx['active_ids'])
            res.setdefault('partner_ids', [(6, 0, partners.ids)])
            users = partners.mapped('user_id')
            if len(users) == 1:
                res.setdefault('from_user_id', users.id)
        elif ctx.get('active_model') == 'res.users' and ctx.get('active_id'):
            res.setdefault('from_user_id', ctx['active_id'])
        return res

    @api.onchange('from_user_id')
    def _onchange_from_user_id(self):
        if self.from_user_id and not self.env.context.get('active_model') == 'res.partner':
            self.partner_ids = self._customers_of(self.from_user_id)

    @api.model
    def _customers_of(self, user):
        return self.env['res.partner'].search(
            [('user_id', '=', user.id), ('parent_id', '=', False)])

    @api.multi
    def _check_input(self):
        self.ensure_one()
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise UserError(_('Only a supervisor can hand customers over.'))
        if self.from_user_id == self.to_user_id:
            raise UserError(_('The successor must be another account manager than %s.')
                            % self.from_user_id.name)
        if not self.to_user_id.active:
            raise UserError(_('%s is archived: choose an active successor.') % self.to_user_id.name)
        partners = self.partner_ids or self._customers_of(self.from_user_id)
        if not partners:
            raise UserError(_('%s has no customers to hand over.') % self.from_user_id.name)
        return partners

    @api.multi
    def action_handover(self):
        """Move customers, planned events and promotion support, claims, team seats and open
        activities; post a note; return the successor's profile cards of the moved customers."""
        partners = self._check_input()
        old, new = self.from_user_id, self.to_user_id
        author = self.env.user.partner_id
        # The supervisor was checked above; the moves need rights a supervisor need not hold
        # (editing partners, other people's activities).
        env = self.sudo().env
        partners = partners.sudo()
        whole_book = not (self._customers_of(old) - partners)
        # contacts of the customers follow their company
        everyone = env['res.partner'].with_context(active_test=False).search(
            [('id', 'child_of', partners.ids)])
        everyone.filtered(lambda p: p.user_id == old).write({'user_id': new.id})
        partners.write({'user_id': new.id})

        # planned events, the consumption cycles' replenishment calls included
        env['customer.relationship.event'].search([
            ('partner_id', 'in', partners.ids), ('state', '=', 'planned'),
            ('user_id', '=', old.id)]).write({'user_id': new.id})

        env['customer.promotion.support'].search([
            ('partner_id', 'in', partners.ids), ('state', '=', 'planned'),
            ('user_id', '=', old.id)]).write({'user_id': new.id})

        env['customer.prospect.claim'].search([
            ('partner_id', 'in', partners.ids), ('user_id', '=', old.id),
            ('state', '=', 'active')]).write({'user_id': new.id})

        # team seats: on the customers handed over; when the leaving manager hands over the
        # whole book, also his seats in colleagues' customer teams
        if whole_book:
            seats = env['res.partner'].with_context(active_test=False).search(
                [('customer_team_ids', 'in', old.ids)])
        else:
            seats = partners.filtered(lambda p: old in p.customer_team_ids)
        for partner in seats:
            commands = [(3, old.id)]
            if new not in partner.customer_team_ids:
                commands.append((4, new.id))
            partner.customer_team_ids = commands

        self.sudo()._move_activities(everyone, old, new)
        # KPIs count customers, their sales and costs for the current manager: the supervisor
        # who hands over sees the book under its new manager now, not after the night
        env['customer.manager.kpi.snapshot']._refresh()

        body = _('Customer handed over from %s to %s.') % (old.name, new.name)
        if self.note:
            body += '<br/>' + self.note
        for partner in partners:
            partner.message_post(body=body, subtype='mail.mt_note', author_id=author.id)
        return self.env.ref('customer_maintenance.action_report_profile_card').report_action(partners)

    @api.multi
    def _move_activities(self, partners, old, new):
        Activity = self.env['mail.activity']
        for model in ACTIVITY_MODELS:
            if model not in self.env.registry:
                continue
            if model == 'res.partner':
                res_ids = partners.ids
            else:
                res_ids = self.env[model].with_context(active_test=False).search(
                    [('partner_id', 'in', partners.ids)]).ids
            if res_ids:
                Activity.search([('res_model', '=', model), ('res_id', 'in', res_ids),
                                 ('user_id', '=', old.id)]).write({'user_id': new.id})
