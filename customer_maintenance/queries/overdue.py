# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Overdue (逾期) in SQL: the condition of `services/overdue.py`, for the set-based queries."""
from odoo.tools import SQL

from ..services.overdue import OPEN_STATE


def overdue_event(alias, today):
    """The condition "the relationship event `alias` is overdue on `today`" (a parameter:
    never CURRENT_DATE, see tools/today.py)."""
    return SQL('(%s = %s AND %s < %s)', SQL.identifier(alias, 'state'), OPEN_STATE,
               SQL.identifier(alias, 'date'), today)
