# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
""""My Maintenance": the account manager's home, one card per kind of work due.

Each capability adds its cards: a `code` (selection_add), its entry in `_card_specs` (model
and window action) and its domains in `_card_domains`, and a card record in its data.
"""
from datetime import timedelta

from odoo import api, fields, models

from ..tools.today import today as cm_today
from ..tools.caller import window_action


class CustomerMaintenanceHome(models.Model):
    """A card of the "My Maintenance" dashboard: counts the current user's work of one kind
    (computed for the user and today on every read) and opens it filtered in one click."""
    _name = 'customer.maintenance.home'
    _description = 'My Maintenance Card'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help='What the card lists, shown under its title.')
    code = fields.Selection([('contacts', 'Planned Contacts'),
                             ('greetings', 'Birthdays and Festivals'),
                             ('claims', 'Claims Expiring')], required=True,
                            help='Which work the card counts and opens.')
    sequence = fields.Integer(default=10)
    item_count = fields.Integer(string='To Do', compute='_compute_counts',
                                help='Your records of this kind due in the card\'s window.')
    overdue_count = fields.Integer(string='Overdue', compute='_compute_counts',
                                   help='Of those, the ones already past their date.')

    _sql_constraints = [('code_uniq', 'unique (code)', 'There is already a card of this kind.')]

    @api.model
    def _card_specs(self):
        """code -> (model of the card's records, XML id of the window action opening them)."""
        return {'contacts': ('customer.relationship.event',
                             'customer_maintenance.customer_relationship_event_action_my'),
                'greetings': ('customer.relationship.event',
                              'customer_maintenance.customer_relationship_event_action'),
                'claims': ('customer.prospect.claim',
                           'customer_maintenance.customer_prospect_claim_action')}

    @api.model
    def _card_domains(self, code):
        """(domain of the card's records, domain of the overdue ones among them), for the
        current user and today."""
        day = cm_today(self.env)
        if code == 'contacts':
            # today's and this week's (until Sunday, like My Contacts' "This Week" filter),
            # the overdue ones included
            return ([('user_id', '=', self.env.uid), ('state', '=', 'planned'),
                     ('date', '<=', day + timedelta(days=6 - day.weekday()))],
                    [('date', '<', day)])
        if code == 'greetings':
            return ([('user_id', '=', self.env.uid), ('state', '=', 'planned'),
                     ('plan_item', 'in', ('festival', 'birthday', 'anniversary')),
                     ('date', '<=', day + timedelta(days=14))],
                    [('date', '<', day)])
        if code == 'claims':
            return ([('user_id', '=', self.env.uid), ('state', '=', 'active'),
                     ('date_expiry', '<=', day + timedelta(days=7))],
                    [('date_expiry', '<', day)])
        return ([('id', '=', 0)], [])

    @api.depends_context('uid', 'cm_today', 'allowed_company_ids')
    def _compute_counts(self):
        specs = self._card_specs()
        for card in self:
            model = specs.get(card.code, (None,))[0]
            if not model or model not in self.env:
                card.item_count = card.overdue_count = 0
                continue
            domain, overdue = self._card_domains(card.code)
            Model = self.env[model]
            card.item_count = Model.search_count(domain)
            card.overdue_count = Model.search_count(domain + overdue) if overdue else 0

    def action_open(self):
        """Open the card's records, filtered as counted."""
        self.ensure_one()
        action = window_action(self, self._card_specs()[self.code][1])
        action.update(name=self.name, domain=self._card_domains(self.code)[0], context={})
        if self.code in ('contacts', 'greetings'):
            # the account manager's list of contacts (oldest first, overdue in red, Done)
            my_list = self.env.ref('customer_maintenance.customer_relationship_event_view_list_my')
            action['views'] = [(my_list.id, 'list')] + [
                view for view in action['views'] if view[1] != 'list']
        return action
