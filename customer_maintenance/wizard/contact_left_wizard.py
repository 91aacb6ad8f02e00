# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools.sender import company_sender
from ..tools.today import today as cm_today


class CustomerContactLeftWizard(models.TransientModel):
    """A key person left the customer (人事變動): keep the relationship, meet the successor."""
    _name = 'customer.contact.left.wizard'
    _description = 'Contact Left the Customer'

    contact_id = fields.Many2one('res.partner', string='Contact', required=True,
                                 domain=[('parent_id', '!=', False)])
    partner_id = fields.Many2one(related='contact_id.parent_id', string='Customer')
    left_date = fields.Date(string='Left On', required=True,
                            default=lambda self: cm_today(self.env))
    reason = fields.Text(required=True, help='Why the person left and where they went.')
    successor_id = fields.Many2one(
        'res.partner', string='Successor',
        help='Who takes over at the customer, if known: the new contact to meet.')
    archive = fields.Boolean(
        default=True, help='Archive the contact; untick to keep them visible as a former contact.')
    meeting_date = fields.Date(string='Meet the Successor On', required=True,
                               default=lambda self: cm_today(self.env))
    warning = fields.Char(compute='_compute_warning')

    @api.depends('contact_id')
    def _compute_warning(self):
        for wizard in self:
            wizard.warning = wizard._only_contact_warning()

    def _only_contact_warning(self):
        customer = self.contact_id.parent_id
        if not customer:
            return False
        others = customer.child_ids.filtered(
            lambda c: c != self.contact_id and c.type == 'contact' and not c.is_former_contact)
        if others:
            return False
        if self._is_key_account(customer):
            return _('%(contact)s was the only contact of the key account %(customer)s: find '
                     'and meet the successor now.',
                     contact=self.contact_id.name, customer=customer.name)
        return _('%(contact)s was the only contact of %(customer)s.',
                 contact=self.contact_id.name, customer=customer.name)

    @api.model
    def _is_key_account(self, customer):
        tier = customer.customer_tier_id
        key = self.env.ref('customer_maintenance.customer_tier_key', raise_if_not_found=False)
        return bool(tier) and (tier == key or tier.requires_sponsor)

    def _check_input(self):
        contact, customer = self.contact_id, self.contact_id.parent_id
        if not customer:
            raise UserError(_('%s is not a contact person of a customer.', contact.name))
        if contact.is_former_contact:
            raise UserError(_('%s is already recorded as having left.', contact.name))
        if not (self.reason or '').strip():
            raise UserError(_('Say why the person left.'))
        if self.successor_id and self.successor_id.commercial_partner_id != customer:
            raise UserError(_('The successor must be a contact of %s.', customer.name))
        if self.successor_id == contact:
            raise UserError(_('The successor cannot be the person who left.'))
        if self.meeting_date < self.left_date:
            raise UserError(_('Meet the successor on or after the day the contact left.'))
        user = self.env.user
        if customer.user_id != user and not user.has_group('customer_maintenance.group_manager'):
            raise UserError(_('Only the account manager of %s or a supervisor can record that '
                              'one of its contacts left.', customer.name))

    def action_confirm(self):
        self.ensure_one()
        self._check_input()
        contact, customer = self.contact_id, self.contact_id.parent_id
        user = self.env.user
        warning = self._only_contact_warning()
        contact.write({
            'is_former_contact': True, 'contact_left_date': self.left_date,
            'contact_left_reason': self.reason.strip(),
        })
        description = _('%(contact)s left on %(date)s: %(reason)s', contact=contact.name,
                        date=format_date(self.env, self.left_date), reason=self.reason.strip())
        if warning:
            description += '\n' + warning
        event = self.env['customer.relationship.event'].create({
            'name': _('Meet the successor of %s', contact.name),
            'partner_id': customer.id, 'contact_id': self.successor_id.id,
            'user_id': customer.user_id.id or user.id, 'kind': 'personnel',
            'channel': 'visit', 'date': self.meeting_date, 'description': description,
        })
        customer.message_post(
            body=description, author_id=user.partner_id.id,
            email_from=user.partner_id.email_formatted or company_sender(
                self.env, author=user.partner_id, company=self.env.company))
        if self.archive:
            contact.write({'active': False})
        return {
            'type': 'ir.actions.act_window', 'res_model': event._name, 'res_id': event.id,
            'view_mode': 'form', 'target': 'current',
        }
