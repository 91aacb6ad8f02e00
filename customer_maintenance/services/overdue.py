# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Overdue (逾期): the one meaning of a late contact, in pure Python.

A relationship event (call, visit, greeting, gift, replenishment call...) is **overdue** when
it is still planned and its date is before today. "Today" is `tools/today.py`'s (the user's
calendar, else the company's); a contact due today is not overdue yet, a done or cancelled one
never is.

Replenishment calls (補貨電話) follow the same rule, on their own date. A call the nightly job
plans today for a customer already past its due date (a cycle learned late) is due today, not
overdue: "overdue" measures whether the account manager keeps to the plan (it is one of his
KPIs, 考核), and nobody has missed a call planned this morning. That the customer himself is
late is a fact of his consumption cycle (the cycle's Overdue flag, the Overdue Cycles menu and
the overdue count of the Replenishments Due card), shown there.

Everything that says "overdue" about an event uses this module: the event's `is_overdue`
(form ribbon, list decoration, kanban colour, "Overdue" filter) and the profile card through
it, the My Maintenance cards and the weekly digest through `overdue_domain`, the KPI SQL
through `queries/overdue.py` `overdue_event` and its oracle `services/manager_kpi.py` through
`is_overdue`. `tests/test_overdue.py` checks that they agree.
"""

OPEN_STATE = 'planned'


def is_overdue(state, day, today):
    """True when an event in `state` dated `day` is overdue on `today`."""
    return state == OPEN_STATE and bool(day) and day < today


def overdue_domain(today, negate=False):
    """The ORM domain of the events overdue on `today` (`negate`: of the others)."""
    if negate:
        return ['|', ('state', '!=', OPEN_STATE), ('date', '>=', today)]
    return [('state', '=', OPEN_STATE), ('date', '<', today)]
