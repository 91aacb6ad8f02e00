# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.today import today as cm_today
from ..tools.caller import window_action
from .customer_festival import CALENDARS


class ResPartner(models.Model):
    """What relationship maintenance needs on customers and their contacts: birthdays (solar
    or lunar month and day, not a full solar birth date: see readme), the founding date for
    anniversaries, who left, and the events."""
    _inherit = 'res.partner'

    birthday_calendar = fields.Selection(
        CALENDARS, string='Birthday Calendar', default='solar',
        help='Many people keep their birthday by the lunar calendar: the greeting then follows '
             'the lunar date, which moves in the solar calendar every year. A lunar day 30 in a '
             '29-day month falls on day 29.')
    birthday_month = fields.Integer(string='Birthday Month', index='btree_not_null',
                                    help='1-12; with the day, plans the birthday greeting.')
    birthday_day = fields.Integer(string='Birthday Day',
                                  help='1-31; with the month, plans the birthday greeting.')
    birth_year = fields.Integer(string='Birth Year',
                                help='Optional; the greeting needs only month and day.')
    founding_date = fields.Date(
        string='Founding Date',
        help='When the customer was founded or opened, for anniversary greetings.')
    is_former_contact = fields.Boolean(
        string='Former Contact', help='This person left the customer (人事變動).')
    contact_left_date = fields.Date(string='Left On',
                                    help='Day the person left the customer (人事變動).')
    contact_left_reason = fields.Text(
        string='Why They Left',
        help='Why the person left and where they went: they may become a customer elsewhere.')
    hobby_ids = fields.Many2many(
        'customer.hobby', 'res_partner_customer_hobby_rel', 'partner_id', 'hobby_id',
        string='Hobbies', help='What the person likes: topics for a call, ideas for a gift.')
    contact_preferences = fields.Text(
        string='Contact Preferences',
        help='How this person likes to be contacted, e.g. "prefers calls after 9 pm", '
             '"no calls on Mondays". Shown on every planned contact.')
    # an amount in the company's currency (the partner's currency_id of account): printed
    # and shown with its symbol, not as a bare number
    gift_spend_this_year = fields.Monetary(
        compute='_compute_gift_spend', string='Gifts This Year', currency_field='currency_id',
        help='Value of the gifts given to this customer this year (done events).')
    gift_budget_exceeded = fields.Boolean(
        compute='_compute_gift_spend', string='Over Gift Budget',
        help="The gifts of this year cost more than the tier's annual gift budget.")
    relationship_event_count = fields.Integer(compute='_compute_relationship_event_count',
                                              string='Relationship Events')

    @api.constrains('birthday_calendar', 'birthday_month', 'birthday_day', 'birth_year')
    def _check_birthday(self):
        Festival = self.env['customer.festival']
        today = cm_today(self.env)
        for partner in self:
            if not partner.birthday_month and not partner.birthday_day:
                if partner.birth_year:
                    raise ValidationError(_(
                        '%s: a birth year needs the birthday month and day.',
                        partner.display_name))
                continue
            label = _('Birthday of %s', partner.display_name)
            Festival._check_month_day(partner.birthday_calendar or 'solar',
                                      partner.birthday_month, partner.birthday_day, label)
            if partner.birth_year and not 1900 <= partner.birth_year <= today.year:
                raise ValidationError(_(
                    '%(label)s: the birth year must be between 1900 and %(year)s.',
                    label=label, year=today.year))

    @api.depends_context('cm_today')
    def _compute_gift_spend(self):
        year = cm_today(self.env).year
        commercial = self.filtered(lambda p: not p.parent_id and p.id)
        spend = commercial.sudo()._gift_spend(year) if commercial else {}
        for partner in self:
            partner.gift_spend_this_year = spend.get(partner.id, 0.0)
            tier = partner.customer_tier_id
            partner.gift_budget_exceeded = bool(tier) and \
                partner.gift_spend_this_year > tier.annual_gift_budget

    def _gift_spend(self, year):
        """{customer id: value of the gifts given in `year`} over done events, one query."""
        rows = self.env['customer.relationship.event']._read_group(
            [('partner_id', 'in', self.ids), ('state', '=', 'done'), ('gift_id', '!=', False),
             ('date', '>=', '%04d-01-01' % year), ('date', '<=', '%04d-12-31' % year)],
            ['partner_id'], ['gift_value:sum'])
        return {partner.id: value for partner, value in rows}

    def action_contact_left(self):
        """Open the "contact left" wizard for this contact person."""
        self.ensure_one()
        self.env['customer.contact.left.wizard'].check_access('create')
        return {
            'type': 'ir.actions.act_window',
            'name': _('Contact Left'),
            'res_model': 'customer.contact.left.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_contact_id': self.id},
        }

    def _compute_relationship_event_count(self):
        # one grouped query for the customers, one for the contacts (events where they are
        # the contact person)
        Event = self.env['customer.relationship.event']
        commercial = self.filtered(lambda p: not p.parent_id and p.id)
        contacts = (self - commercial).filtered('id')
        counts = {}
        if commercial:
            counts.update({partner.id: count for partner, count in Event._read_group(
                [('partner_id', 'in', commercial.ids)], ['partner_id'], ['__count'])})
        if contacts:
            counts.update({partner.id: count for partner, count in Event._read_group(
                [('contact_id', 'in', contacts.ids)], ['contact_id'], ['__count'])})
        for partner in self:
            partner.relationship_event_count = counts.get(partner.id, 0)

    def action_view_relationship_events(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.customer_relationship_event_action')
        if self.parent_id:
            action['domain'] = [('contact_id', '=', self.id)]
            action['context'] = {'default_partner_id': self.commercial_partner_id.id,
                                 'default_contact_id': self.id}
        else:
            action['domain'] = [('partner_id', '=', self.id)]
            action['context'] = {'default_partner_id': self.id}
        return action
