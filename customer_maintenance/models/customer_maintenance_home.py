# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
""""My Maintenance": the account manager's home, one card per kind of work due."""
import datetime

from odoo import _, api, fields, models

HOME_CARDS = [
    ('contacts', 'Planned Contacts'),
    ('replenishments', 'Replenishments Due'),
    ('greetings', 'Birthdays and Festivals'),
    ('claims', 'Claims Expiring'),
]


class CustomerMaintenanceHome(models.Model):
    """A card of the "My Maintenance" dashboard: counts the current user's work of one kind
    (computed for the user and today on every read) and opens it filtered in one click."""
    _name = 'customer.maintenance.home'
    _description = 'My Maintenance Card'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help='What the card lists, shown under its title.')
    code = fields.Selection(HOME_CARDS, required=True,
                            help='Which work the card counts and opens.')
    sequence = fields.Integer(default=10)
    item_count = fields.Integer(string='To Do', compute='_compute_counts',
                                help='Your records of this kind due in the card\'s window.')
    overdue_count = fields.Integer(string='Overdue', compute='_compute_counts',
                                   help='Of those, the ones already past their date.')

    _sql_constraints = [('code_uniq', 'unique (code)', 'There is already a card of this kind.')]

    # ------------------------------------------------------------------ windows
    @api.model
    def _home_today(self):
        """Today as a date: the `cm_today` context key (tests) or the user's day."""
        today = self.env.context.get('cm_today') or fields.Date.context_today(self)
        return fields.Date.from_string(today) if isinstance(today, str) else today

    @api.model
    def _card_model(self, code):
        return {'contacts': 'customer.relationship.event',
                'greetings': 'customer.relationship.event',
                'replenishments': 'customer.consumption.cycle',
                'claims': 'customer.prospect.claim'}[code]

    @api.model
    def _card_domains(self, code):
        """(domain of the card's records, domain of the overdue ones among them)."""
        today = self._home_today()
        uid = self.env.uid

        def day(delta):
            return fields.Date.to_string(today + datetime.timedelta(days=delta))

        if code == 'contacts':
            # until Sunday, like My Contacts' "Until End of This Week" filter
            end_of_week = (6 - today.weekday())
            return ([('user_id', '=', uid), ('state', '=', 'planned'), ('date', '<=', day(end_of_week))],
                    [('date', '<', day(0))])
        if code == 'greetings':
            return ([('user_id', '=', uid), ('state', '=', 'planned'),
                     ('plan_item', 'in', ('festival', 'birthday', 'anniversary')),
                     ('date', '<=', day(14))],
                    [('date', '<', day(0))])
        if code == 'replenishments':
            return ([('user_id', '=', uid), ('next_due_date', '!=', False),
                     ('next_due_date', '<=', day(7))],
                    [('next_due_date', '<', day(0))])
        if code == 'claims':
            return ([('user_id', '=', uid), ('state', '=', 'active'), ('date_expiry', '<=', day(7))],
                    [('date_expiry', '<', day(0))])
        return ([('id', '=', 0)], [])

    @api.multi
    def _compute_counts(self):
        for card in self:
            Model = self.env[self._card_model(card.code)]
            domain, overdue = self._card_domains(card.code)
            card.item_count = Model.search_count(domain)
            card.overdue_count = Model.search_count(domain + overdue) if overdue else 0

    # ------------------------------------------------------------------ buttons
    @api.multi
    def action_open(self):
        """Open the card's records, filtered as counted."""
        self.ensure_one()
        domain = self._card_domains(self.code)[0]
        if self.code == 'contacts':
            # My Contacts itself (search filters: mine, planned, until end of week)
            action = self.env.ref('customer_maintenance.customer_relationship_event_action_my').read()[0]
            return action
        xmlid = {
            'greetings': 'customer_maintenance.customer_relationship_event_action',
            'replenishments': 'customer_maintenance.customer_consumption_cycle_action',
            'claims': 'customer_maintenance.customer_prospect_claim_action',
        }[self.code]
        action = self.env.ref(xmlid).read()[0]
        action.update(name=self.name, domain=domain, context={})
        if self.code == 'greetings':
            action['views'] = [(self.env.ref(
                'customer_maintenance.customer_relationship_event_view_tree_my').id, 'tree')] + [
                view for view in action['views'] if view[1] != 'tree']
        return action
