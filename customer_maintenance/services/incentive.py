# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Pure-Python oracle of the monthly incentive statement (queries/incentive_statement.py),
straight from the incentive plan's formula, customer by customer.

For a month M, a company and a customer of that company (its orders there):
- the plan is the company's plan valid on M's first day for the customer's tier, else the
  company's plan without a tier; without a plan the customer earns and costs nothing;
- *new* when its first order is within the plan's N months (first order month > M - N), else
  *kept*: the month's sales earn the new-customer or the existing-customer rate;
- *lost* in M when its last order month is exactly M - L (L: the KPIs' lost-after months,
  the same definition as the KPI report): deducted its average monthly sales of the 12 months
  before M × the lost rate, from whoever held it on M's first day;
- *dropped* when kept at the end of M (an order in the last L months), not new, and its sales
  of M are below those of M one year before by more than the threshold (%): deducted the drop
  × the drop rate, from whoever holds it at the end of M;
- a hand-over splits the month at its date: an order counts for the manager who held the
  customer on its day (the successor from the hand-over day on).
The holder of a customer on a day is the leaving manager of the first hand-over after that
day, else its account manager now.
"""
import datetime

from .manager_kpi import add_months, month_of

ONE_DAY = datetime.timedelta(days=1)


def holder(current, handovers, day):
    """current: the account manager now; handovers: [(day, id, from_user)] of the customer."""
    later = [(hday, hid, old) for hday, hid, old in handovers if hday > day]
    return min(later)[2] if later else current


def plan_for(plans, company, tier, month):
    """The plan of `company` valid on `month` (its first day) for `tier`, else without tier."""
    valid = [plan for plan in plans if plan['company'] == company
             and plan['date_from'] <= month
             and (plan['date_to'] is None or plan['date_to'] >= month)]
    own = [plan for plan in valid if tier is not None and plan['tier'] == tier]
    general = [plan for plan in valid if plan['tier'] is None]
    return (own or general or [None])[0]


def _monthly(orders_of_customer):
    months = {}
    for day, amount in orders_of_customer:
        months[month_of(day)] = months.get(month_of(day), 0.0) + amount
    return months


def statement_lines(orders, customers, handovers, plans, month, lost_months):
    """orders: [(customer, company, day, amount)]; customers: {customer: (account manager,
    tier)}; handovers: {customer: [(day, id, from_user)]}; plans: [dict(id, company, tier,
    date_from, date_to, existing_rate, new_rate, new_months, lost_rate, drop_threshold,
    drop_rate)] (rates in %); month: its first day.

    Returns ({(manager, company, customer): (rule, plan id, sales, rate, commission, base,
    deduction)}, {(manager, company): customers won in the month})."""
    end = add_months(month, 1)
    by_key = {}
    for customer, company, day, amount in orders:
        if day < end and customers.get(customer, (None,))[0]:
            by_key.setdefault((customer, company), []).append((day, amount))
    lines, won = {}, {}
    for (customer, company), history in by_key.items():
        current, tier = customers[customer]
        moves = handovers.get(customer, [])
        first = min(day for day, _amount in history)
        if first >= month:
            key = (holder(current, moves, first), company)
            won[key] = won.get(key, 0) + 1
        plan = plan_for(plans, company, tier, month)
        if not plan:
            continue
        months = _monthly(history)
        last = max(months)
        is_new = add_months(month_of(first), plan['new_months']) > month
        rate = plan['new_rate'] if is_new else plan['existing_rate']
        rows = {}
        for day, amount in history:
            if day >= month:
                user = holder(current, moves, day)
                rows[user] = rows.get(user, 0.0) + amount
        deduction = None
        if last == add_months(month, -lost_months):
            year = sum(months.get(add_months(month, -k), 0.0) for k in range(1, 13))
            base = year / 12
            deduction = ('lost', holder(current, moves, month), base,
                         base * plan['lost_rate'] / 100)
        elif not is_new and last > add_months(month, -lost_months):
            before = months.get(add_months(month, -12), 0.0)
            drop = before - months.get(month, 0.0)
            if before > 0 and drop > before * plan['drop_threshold'] / 100:
                deduction = ('dropped', holder(current, moves, end - ONE_DAY), drop,
                             drop * plan['drop_rate'] / 100)
        users = set(rows) | ({deduction[1]} if deduction else set())
        for user in users:
            sales = rows.get(user, 0.0)
            mine = deduction if deduction and deduction[1] == user else None
            rule = mine[0] if mine else ('new' if is_new else 'kept')
            lines[user, company, customer] = (
                rule, plan['id'], sales, rate, round(sales * rate / 100, 2),
                round(mine[2], 2) if mine else 0.0, round(mine[3], 2) if mine else 0.0)
    return lines, won


def target_met(won, target):
    """The month's new-customer target is met when it is set and reached."""
    return bool(target) and won >= target
