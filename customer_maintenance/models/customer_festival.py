# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..services import lunar
from ..tools.today import today as cm_today
from .relationship_event import EVENT_CHANNELS

CALENDARS = [('solar', 'Solar (Gregorian)'), ('lunar', 'Lunar (Chinese)')]


class CustomerFestival(models.Model):
    """A yearly festival for which customers get a greeting, on the solar or the lunar calendar."""
    _name = 'customer.festival'
    _description = 'Festival'
    _order = 'sequence, calendar, month, day, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    calendar = fields.Selection(CALENDARS, required=True, default='solar')
    month = fields.Integer(required=True, default=1,
                           help='Month 1-12 (lunar month for a lunar festival).')
    day = fields.Integer(
        required=True, default=1,
        help='Day of the month. For a lunar festival 1-30: a day 30 in a lunar month that has '
             'only 29 days that year falls on day 29.')
    lead_days = fields.Integer(
        default=7, help='How many days before the festival the greeting is planned.')
    channel = fields.Selection(EVENT_CHANNELS, required=True, default='message',
                               help='How the greeting is made: message, gift, visit…')
    mail_template_id = fields.Many2one(
        'mail.template', string='Greeting Template',
        domain=[('model', '=', 'customer.relationship.event')])
    active = fields.Boolean(default=True)
    tier_ids = fields.Many2many(
        'customer.tier', 'customer_tier_festival_rel', 'festival_id', 'tier_id', string='Tiers',
        help='Customers of these tiers get a greeting for this festival.')
    next_date = fields.Date(compute='_compute_next_date', string='Next Date',
                            help='Solar date of the next occurrence, from today.')

    @api.constrains('calendar', 'month', 'day', 'lead_days')
    def _check_date(self):
        for festival in self:
            festival._check_month_day(festival.calendar, festival.month, festival.day,
                                      festival.name)
            if festival.lead_days < 0 or festival.lead_days > 365:
                raise ValidationError(_('Festival "%s": the lead time must be 0 to 365 days.',
                                        festival.name))

    @api.model
    def _check_month_day(self, calendar, month, day, label):
        """Refuse impossible month/day pairs; shared with contacts' birthdays."""
        if not 1 <= (month or 0) <= 12:
            raise ValidationError(_('%(label)s: the month must be 1 to 12; got %(month)s.',
                                    label=label, month=month))
        if calendar == 'lunar':
            if not 1 <= (day or 0) <= 30:
                raise ValidationError(_('%(label)s: a lunar day must be 1 to 30; got %(day)s.',
                                        label=label, day=day))
        else:
            try:
                datetime.date(2000, month, day)  # a leap year: Feb 29 allowed
            except (TypeError, ValueError):
                raise ValidationError(_(
                    '%(label)s: %(month)s/%(day)s is not a date of the solar calendar.',
                    label=label, month=month, day=day)) from None

    def date_in_year(self, year):
        """Solar date (YYYY-MM-DD) of this festival in (lunar or solar) year `year`."""
        self.ensure_one()
        try:
            date = lunar.occurrence(self.calendar, int(year), self.month, self.day)
        except ValueError as error:
            raise UserError(_('Festival "%(festival)s": no date in year %(year)s (%(error)s).',
                              festival=self.name, year=year, error=error)) from None
        # a machine value (XML-RPC callers of 11.0 parse it): ISO text, not the user's format
        return date.isoformat()

    def _occurrences_between(self, start, stop):
        """[(year, date)] of this festival between two dates (inclusive)."""
        self.ensure_one()
        return lunar.occurrences_between(self.calendar, self.month, self.day, start, stop)

    def _compute_next_date(self):
        today = cm_today(self.env)
        for festival in self:
            found = []
            if festival.month and festival.day:
                try:
                    found = festival._occurrences_between(
                        today, today + datetime.timedelta(days=400))
                except ValueError:
                    found = []
            festival.next_date = found[0][1] if found else False
