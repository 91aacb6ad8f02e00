# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.notify import notification
from ..tools.today import today as cm_today
from ..tools.caller import window_action


class CustomerRegionalCareWizard(models.TransientModel):
    """A typhoon, an earthquake, an epidemic: call every customer of the region the next day."""
    _name = 'customer.regional.care.wizard'
    _description = 'Regional Care Calls'

    state_ids = fields.Many2many('res.country.state', string='Regions', required=True)
    description = fields.Char(required=True, help='What happened, e.g. "Typhoon Mangkhut".')
    date = fields.Date(required=True,
                       default=lambda self: cm_today(self.env) + datetime.timedelta(days=1),
                       help='Day of the calls; by default tomorrow.')
    customer_count = fields.Integer(compute='_compute_customer_count', string='Customers')

    @api.model
    def _customer_domain(self, states):
        return [('state_id', 'in', states.ids), ('parent_id', '=', False),
                ('customer_rank', '>', 0), ('user_id', '!=', False)]

    @api.depends('state_ids')
    def _compute_customer_count(self):
        for wizard in self:
            wizard.customer_count = self.env['res.partner'].search_count(
                self._customer_domain(wizard.state_ids)) if wizard.state_ids else 0

    def _plan_key(self, partner_id):
        digest = hashlib.sha1(' '.join(self.description.lower().split()).encode('utf-8'))
        return 'regional:%s:%s:%s' % (partner_id, self.date, digest.hexdigest()[:16])

    def action_create_events(self):
        """One 'regional' care call per customer of the regions for its account manager;
        running it again for the same description and date creates nothing new."""
        self.ensure_one()
        if not self.state_ids:
            raise UserError(_('Choose at least one region.'))
        description = (self.description or '').strip()
        if not description:
            raise UserError(_('Describe what happened in the region.'))
        partners = self.env['res.partner'].search(self._customer_domain(self.state_ids))
        Event = self.env['customer.relationship.event']
        keys = {partner.id: self._plan_key(partner.id) for partner in partners}
        existing = set(Event.sudo().search(
            [('plan_key', 'in', list(keys.values()))]).mapped('plan_key'))
        events = Event.create([{
            'name': _('Care call: %s', description),
            'partner_id': partner.id, 'user_id': partner.user_id.id, 'kind': 'regional',
            'channel': 'care_call', 'date': self.date, 'plan_item': 'regional',
            'plan_key': keys[partner.id], 'description': description,
        } for partner in partners if keys[partner.id] not in existing])
        action = window_action(self, 'customer_maintenance.customer_relationship_event_action')
        action.update(domain=[('plan_key', 'in', list(keys.values()))], context={},
                      name=_('Regional Care: %s', description))
        return notification(
            _('Regional Care: %s', description),
            _('%(planned)s care calls planned, %(existing)s already planned.',
              planned=len(events), existing=len(existing)),
            next_action=action)
