# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Which customers get a collection call (收款) tonight, most urgent first, in pure Python.

The oracle of `queries/collections.due_collections`; tests/test_collections_oracle.py checks
both against each other on generated histories.

A customer owes overdue money when it has posted customer invoices, not (fully) paid, whose
due date is before today: its *amount overdue* is the sum of their residuals (company
currency) and its *urgency* the sum of residual × days overdue of each invoice, so that much
money owed for long comes first; on equal urgency key accounts come first, then the lower
partner id. A customer gets a call when it owes overdue money, has an active account manager,
has no collection call still planned, and its last done collection call (if any) is old
enough: the day after the date promised when the customer promised to pay, `retry_days` after
the call otherwise. A promise is *broken* when its date is past and what the customer owes
overdue now is more than what it owed when the call was planned less the amount promised.
"""
import datetime
from collections import namedtuple

# days after a collection call without a promise (paid by the customer's word, disputed)
# before the next one, when invoices are still overdue
RETRY_DAYS = 7
# cents: what a sum of monetary residuals may differ by
TOLERANCE = 0.005

DueCollection = namedtuple(
    'DueCollection', 'partner_id amount oldest_due urgency is_key_account broken_call_id')


def overdue_of(invoices, today):
    """{partner_id: (amount, oldest due date, urgency)} of the overdue `invoices` (dicts with
    partner_id, move_type, state, payment_state, date_due, residual)."""
    result = {}
    for invoice in invoices:
        if (invoice['move_type'] != 'out_invoice' or invoice['state'] != 'posted'
                or invoice['payment_state'] not in ('not_paid', 'partial')
                or not invoice['date_due'] or invoice['date_due'] >= today
                or invoice['residual'] <= 0):
            continue
        amount, oldest, urgency = result.get(invoice['partner_id'], (0.0, None, 0.0))
        days = (today - invoice['date_due']).days
        result[invoice['partner_id']] = (
            amount + invoice['residual'],
            min(oldest, invoice['date_due']) if oldest else invoice['date_due'],
            urgency + invoice['residual'] * days)
    return result


def due_collections(customers, invoices, calls, today, retry_days=RETRY_DAYS):
    """The customers to call tonight, most urgent first: [DueCollection].

    `customers`: {partner_id: is_key_account} of the customers with an active account
    manager; `calls`: the collection calls, dicts with id, partner_id, state, date,
    promise_date, promise_amount, amount (owed overdue when planned)."""
    overdue = overdue_of(invoices, today)
    result = []
    for partner_id, (amount, oldest, urgency) in overdue.items():
        if partner_id not in customers:
            continue
        mine = [call for call in calls if call['partner_id'] == partner_id]
        if any(call['state'] == 'planned' for call in mine):
            continue
        done = sorted((call for call in mine if call['state'] == 'done'),
                      key=lambda call: (call['date'], call['id']))
        broken = None
        if done:
            last = done[-1]
            if last['promise_date']:
                due = last['promise_date'] + datetime.timedelta(days=1)
                if is_broken(last, amount, today):
                    broken = last['id']
            else:
                due = last['date'] + datetime.timedelta(days=retry_days)
            if due > today:
                continue
        result.append(DueCollection(partner_id, amount, oldest, urgency,
                                    customers[partner_id], broken))
    result.sort(key=lambda due: (-round(due.urgency, 2), not due.is_key_account,
                                 due.partner_id))
    return result


def is_broken(call, owed_now, today):
    """True when the promise of `call` is past and not kept (see the module's docstring)."""
    return bool(call['promise_date'] and call['promise_date'] < today
                and owed_now > (call['amount'] or 0.0) - (call['promise_amount'] or 0.0)
                + TOLERANCE)
