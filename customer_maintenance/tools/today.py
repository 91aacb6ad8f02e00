# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The one "today" of the module.

Every job, compute and report asks `today(env)` instead of `date.today()` or SQL's
CURRENT_DATE, so that a test (or a supervisor replaying a night) can set the day with
`env(context={'cm_today': date})` and get the same answer from Python and from SQL.

Without `cm_today`, the day is the one of a clock in `today_tz(env)`: the user's time zone,
and for a user without one (the nightly jobs run as __system__) the company's, so that a job
at 00:30 in Taipei counts the new day there, not the day before in UTC.
"""
import datetime

import pytz

from odoo import fields

CONTEXT_KEY = 'cm_today'


def today_tz(env):
    """The time zone of `today(env)`, also the one an order's day is taken in: the context's
    or the user's (as Odoo's `context_today`), else the time zone of the company's working
    calendar (the company's working days are counted in it too), else UTC. A name pytz does
    not know is skipped."""
    candidates = (env.context.get('tz'), env.user.tz,
                  env.company.sudo().resource_calendar_id.tz)
    return next((tz for tz in candidates if tz in pytz.all_timezones_set), 'UTC')


def today(env, value=None):
    """`value` when given (a date or 'YYYY-MM-DD'), else the context's `cm_today`, else the
    date of now in `today_tz(env)`."""
    value = value or env.context.get(CONTEXT_KEY)
    if value:
        return fields.Date.to_date(value)
    now = pytz.utc.localize(fields.Datetime.now())
    return now.astimezone(pytz.timezone(today_tz(env))).date()


def with_today(env, value):
    """An environment whose `today(env)` is `value`."""
    day = fields.Date.to_date(value)
    assert isinstance(day, datetime.date)
    return env(context=dict(env.context, **{CONTEXT_KEY: day}))
