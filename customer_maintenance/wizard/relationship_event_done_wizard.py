# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.relationship_event import EVENT_CHANNELS
from ..tools.today import today as cm_today


class CustomerRelationshipEventDoneWizard(models.TransientModel):
    """Close a planned contact: what happened, what it cost, and the follow-up in one step."""
    _name = 'customer.relationship.event.done.wizard'
    _description = 'Mark Relationship Event Done'

    event_id = fields.Many2one('customer.relationship.event', string='Event', required=True,
                               ondelete='cascade')
    outcome = fields.Text(required=True, help='What happened, what the customer said.')
    date = fields.Date(string='Done On', required=True,
                       default=lambda self: cm_today(self.env))
    cost = fields.Float()
    gift_id = fields.Many2one('customer.gift', string='Gift Given')
    gift_value = fields.Float()
    followup = fields.Boolean(string='Plan a Follow-up')
    followup_name = fields.Char(string='Follow-up Subject')
    followup_date = fields.Date(string='Follow-up Date')
    followup_channel = fields.Selection(EVENT_CHANNELS, string='Follow-up Channel',
                                        default='call')

    @api.onchange('gift_id')
    def _onchange_gift_id(self):
        if self.gift_id:
            self.gift_value = self.gift_id.value

    def action_confirm(self):
        self.ensure_one()
        event = self.event_id
        if not (self.outcome or '').strip():
            raise UserError(_('Write the outcome: what happened in this contact.'))
        if self.cost < 0 or self.gift_value < 0:
            raise UserError(_('Cost and gift value cannot be negative.'))
        if self.gift_value and not self.gift_id:
            # the event keeps the value only with its gift (and refuses one without)
            raise UserError(_('A gift value needs its gift: choose the gift given, or clear '
                              'the gift value.'))
        if self.followup and (not self.followup_date or self.followup_date < self.date):
            raise UserError(_('The follow-up needs a date on or after the day this contact '
                              'was done.'))
        vals = {'date': self.date, 'cost': self.cost}
        if self.gift_id:
            vals.update(gift_id=self.gift_id.id, gift_value=self.gift_value)
        event._mark_done(self.outcome.strip(), vals)
        if not self.followup:
            return {'type': 'ir.actions.act_window_close'}
        followup = self.env['customer.relationship.event'].create({
            'name': self.followup_name or _('Follow-up: %s', event.name),
            'partner_id': event.partner_id.id, 'contact_id': event.contact_id.id,
            'user_id': event.user_id.id, 'kind': event.kind, 'channel': self.followup_channel,
            'date': self.followup_date, 'followup_of_id': event.id,
            'description': self.outcome.strip(),
        })
        return {
            'type': 'ir.actions.act_window', 'res_model': followup._name, 'res_id': followup.id,
            'view_mode': 'form', 'target': 'current',
        }
