# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The one "today" of the module.

Every job, compute and report asks `today(env)` instead of `date.today()` or SQL's
CURRENT_DATE, so that a test (or a supervisor replaying a night) can set the day with
`env(context={'cm_today': date})` and get the same answer from Python and from SQL.
"""
import datetime

from odoo import fields

CONTEXT_KEY = 'cm_today'


def today(env, value=None):
    """`value` when given (a date or 'YYYY-MM-DD'), else the context's `cm_today`, else the
    user's today in the user's time zone."""
    value = value or env.context.get(CONTEXT_KEY)
    if value:
        return fields.Date.to_date(value)
    return fields.Date.context_today(env.user)


def with_today(env, value):
    """An environment whose `today(env)` is `value`."""
    day = fields.Date.to_date(value)
    assert isinstance(day, datetime.date)
    return env(context=dict(env.context, **{CONTEXT_KEY: day}))
