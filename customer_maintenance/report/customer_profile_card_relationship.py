# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The relationship parts of the customer profile card (客戶資料卡), through the card's
extension points: birthdays, hobbies and preferences of the contact persons, the founding
date, recent and planned contacts, the gifts given with their story, and the former contacts
(人事變動). Dates and amounts are formatted here, as Odoo formats them."""
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, _lt, api, models
from odoo.tools.misc import format_amount, format_date

from ..tools.customer_rollup import customer_domain

RECENT_MONTHS = 6   # contacts shown: the last 6 months ...
PLANNED_DAYS = 90   # ... and the next 90 days
GIFT_MONTHS = 12    # gifts given in the last 12 months
HIDDEN_NOTES = {
    'events': _lt("Your access rights hide some or all of this customer's relationship "
                  "events: this list is not complete."),
    'planned_events': _lt("Your access rights hide some or all of this customer's planned "
                          "contacts: this list is not complete."),
    'gifts': _lt("Your access rights hide some or all of the gifts given to this customer: "
                 "this list is not complete."),
}


class ReportProfileCard(models.AbstractModel):
    _inherit = 'report.customer_maintenance.report_profile_card'

    # ------------------------------------------------------------ extension points
    @api.model
    def _characteristic_fields(self):
        return super()._characteristic_fields() + ['founding_date']

    @api.model
    def _business_fields(self):
        return super()._business_fields() + ['gift_spend_this_year']

    @api.model
    def _contact_fields(self):
        return super()._contact_fields() + ['hobby_ids', 'contact_preferences']

    @api.model
    def _card_contacts(self, partner):
        # former contacts (who left the customer) have their own section
        return super()._card_contacts(partner).filtered(lambda c: not c.is_former_contact)

    @api.model
    def _hidden_notes(self):
        return dict(super()._hidden_notes(), **HIDDEN_NOTES)

    # ------------------------------------------------------------ formatting
    @api.model
    def _birthday(self, contact):
        """'Lunar (Chinese) 8/15' or 'Solar (Gregorian) 03/02/1979': how the manager greets
        on the right day; '' when unknown."""
        if not (contact.birthday_month and contact.birthday_day):
            return ''
        calendar = self._display(contact, 'birthday_calendar')
        if contact.birth_year and contact.birthday_calendar != 'lunar':
            day = format_date(self.env, datetime.date(
                contact.birth_year, contact.birthday_month, contact.birthday_day))
        elif contact.birth_year:
            day = '%04d-%02d-%02d' % (contact.birth_year, contact.birthday_month,
                                      contact.birthday_day)
        else:
            day = '%d/%d' % (contact.birthday_month, contact.birthday_day)
        return ('%s %s' % (calendar, day)).strip()

    @api.model
    def _amount(self, value):
        return format_amount(self.env, value or 0.0, self.env.company.currency_id)

    @api.model
    def _event_row(self, event):
        return {'date': format_date(self.env, event.date), 'name': event.name,
                'contact': event.contact_id.name or '',
                'channel': self._display(event, 'channel'),
                'kind': self._display(event, 'kind'),
                'state': self._display(event, 'state'),
                'user': event.user_id.name or '',
                'outcome': event.outcome or event.description or '',
                'overdue': event.is_overdue}

    # ------------------------------------------------------------ the card
    @api.model
    def _card(self, partner, sales, today):
        card = super()._card(partner, sales, today)
        customer = partner.commercial_partner_id
        # the birthday first among the contact person's other rows
        for row, contact in zip(card['contacts'], self._card_contacts(partner)):
            birthday = self._birthday(contact)
            if birthday:
                row['extra'].insert(0, {'label': _('Birthday'), 'value': birthday})
        Event = self.env['customer.relationship.event'].with_context(cm_today=today)
        mine = customer_domain(customer)
        card['events'] = [self._event_row(e) for e in self._visible(
            card, 'events', Event,
            mine + [('state', '!=', 'cancelled'), ('date', '<=', today),
                    ('date', '>=', today - relativedelta(months=RECENT_MONTHS))],
            order='date desc, id desc', limit=30)]
        card['planned_events'] = [self._event_row(e) for e in self._visible(
            card, 'planned_events', Event,
            mine + [('state', '=', 'planned'), ('date', '>', today),
                    ('date', '<=', today + relativedelta(days=PLANNED_DAYS))],
            order='date, id', limit=20)]
        # gifts given are the done events that carry one (customer.gift is the catalogue)
        gifts = self._visible(
            card, 'gifts', Event,
            mine + [('gift_id', '!=', False), ('state', '=', 'done'), ('date', '<=', today),
                    ('date', '>', today - relativedelta(months=GIFT_MONTHS))],
            order='date desc, id desc', limit=20)
        card['gifts'] = [{'date': format_date(self.env, g.date), 'name': g.gift_id.name,
                          'value': self._amount(g.gift_value), 'story': g.gift_id.story or '',
                          'contact': g.contact_id.name or ''} for g in gifts]
        budget = customer.customer_tier_id.annual_gift_budget
        card['gift_total'] = self._amount(sum(gifts.mapped('gift_value'))) if gifts else ''
        card['gift_budget'] = self._amount(budget) if budget else ''
        formers = partner.child_ids.filtered(
            lambda c: c.type == 'contact' and c.active and c.is_former_contact)
        card['former_contacts'] = [{
            'name': c.name, 'function': c.function or '',
            'left': format_date(self.env, c.contact_left_date) if c.contact_left_date else '',
            'reason': c.contact_left_reason or ''} for c in formers]
        return card
