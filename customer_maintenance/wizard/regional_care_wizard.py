# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _tomorrow(model):
    today = fields.Date.from_string(fields.Date.context_today(model))
    return fields.Date.to_string(today + datetime.timedelta(days=1))


class CustomerRegionalCareWizard(models.TransientModel):
    """A typhoon, an earthquake, an epidemic: call every customer of the region the next day."""
    _name = 'customer.regional.care.wizard'
    _description = 'Regional Care Calls'

    state_ids = fields.Many2many('res.country.state', string='Regions', required=True)
    description = fields.Char(required=True, help='What happened, e.g. "Typhoon Mangkhut".')
    date = fields.Date(required=True, default=_tomorrow,
                       help='Day of the calls; by default tomorrow.')
    customer_count = fields.Integer(compute='_compute_customer_count', string='Customers')

    @api.model
    def _customer_domain(self, states):
        return [('state_id', 'in', states.ids), ('parent_id', '=', False),
                ('customer', '=', True), ('user_id', '!=', False)]

    @api.depends('state_ids')
    def _compute_customer_count(self):
        for wizard in self:
            wizard.customer_count = self.env['res.partner'].search_count(
                self._customer_domain(wizard.state_ids)) if wizard.state_ids else 0

    @api.multi
    def _plan_key(self, partner_id):
        digest = hashlib.sha1(' '.join(self.description.lower().split()).encode('utf-8'))
        return 'regional:%s:%s:%s' % (partner_id, self.date, digest.hexdigest()[:16])

    @api.multi
    def action_create_events(self):
        """One 'regional' care call per customer of the regions for its account manager;
        running it again for the same description and date creates nothing new."""
        self.ensure_one()
        if not self.state_ids:
            raise UserError(_('Choose at least one region.'))
        if not (self.description or '').strip():
            raise UserError(_('Describe what happened in the region.'))
        partners = self.env['res.partner'].search(self._customer_domain(self.state_ids))
        Event = self.env['customer.relationship.event']
        keys = {partner.id: self._plan_key(partner.id) for partner in partners}
        existing = set(Event.sudo().search([('plan_key', 'in', list(keys.values()))]).mapped('plan_key'))
        events = Event
        for partner in partners:
            if keys[partner.id] in existing:
                continue
            events |= Event.create({
                'name': _('Care call: %s') % self.description.strip(),
                'partner_id': partner.id, 'user_id': partner.user_id.id, 'kind': 'regional',
                'channel': 'care_call', 'date': self.date, 'plan_item': 'regional',
                'plan_key': keys[partner.id], 'description': self.description.strip(),
            })
        action = self.env.ref('customer_maintenance.customer_relationship_event_action').read()[0]
        action['domain'] = [('plan_key', 'in', list(keys.values()))]
        action['context'] = {}
        # the count of what was done goes in the title of the list it opens
        action['name'] = _('Regional Care: %s (%d care calls planned, %d already planned)') % (
            self.description.strip(), len(events), len(existing))
        return action
