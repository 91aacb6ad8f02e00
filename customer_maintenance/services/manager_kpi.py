# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Pure-Python oracle of the account managers' KPIs (queries/management_kpi.py): the sales
figures month by month and customer by customer, the contact figures event by event,
straight from the definitions."""
import datetime

from .overdue import is_overdue


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_of(day):
    return datetime.date(day.year, day.month, 1)


def sales_figures(orders, lost_months, horizon):
    """orders: [(customer, manager, day, amount)]; horizon: the first day of the month after
    today. Returns {(manager, month): (kept, lost, new, revenue_existing, revenue_new,
    revenue_total)} for every month before the horizon with something to count.

    At the end of month m a customer is kept when its last order month L <= m satisfies
    m < L + N (and m is not the month of its first order: then it is new), lost when
    L + N <= m < L + 12."""
    by_customer = {}
    for customer, manager, day, amount in orders:
        months = by_customer.setdefault((customer, manager), {})
        month = month_of(day)
        months[month] = months.get(month, 0.0) + amount
    result = {}

    def row(manager, month):
        return result.setdefault((manager, month), [0, 0, 0, 0.0, 0.0, 0.0, False])

    for (_customer, manager), months in by_customer.items():
        first = min(months)
        month, last = first, None
        while month < horizon:
            if month in months:
                last = month
                figures = row(manager, month)
                figures[6] = True  # an order month is a row even when all else is 0
                figures[2] += month == first
                existing = month >= add_months(first, 12)
                figures[3 if existing else 4] += months[month]
                figures[5] += months[month]
            if month < add_months(last, lost_months) and not month == last == first:
                row(manager, month)[0] += 1
            elif add_months(last, lost_months) <= month < add_months(last, 12):
                row(manager, month)[1] += 1
            month = add_months(month, 1)
    return {key: tuple(values[:6]) for key, values in result.items()
            if values[0] or values[1] or values[6]}


def contact_figures(events, today):
    """events: [(responsible, day, state, cost, gift_value)]; today: a date. Returns
    {(responsible, month): (planned, done, overdue, event_cost, gift_cost)}: planned counts
    every event not cancelled, overdue the overdue ones (services/overdue.py); the contact's
    cost of the events not cancelled, the gift's value of the done ones."""
    result = {}
    for user, day, state, cost, gift_value in events:
        row = result.setdefault((user, month_of(day)), [0, 0, 0, 0.0, 0.0])
        if state != 'cancelled':
            row[0] += 1
            row[3] += cost or 0.0
        if state == 'done':
            row[1] += 1
            row[4] += gift_value or 0.0
        if is_overdue(state, day, today):
            row[2] += 1
    return {key: tuple(values) for key, values in result.items()}


def maintenance_cost(event_cost, gift_cost, promotion_cost, service_cost):
    """The maintenance cost of a manager's month: contacts, gifts given, promotion support
    and services."""
    return event_cost + gift_cost + promotion_cost + service_cost
