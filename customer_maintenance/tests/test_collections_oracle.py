# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL of the collection calls (queries/collections.due_collections) against its
pure-Python oracle (services/collections.py) on generated, seeded histories: invoices paid,
partly paid, overdue, not yet due, drafts and credit notes, contacts invoiced for their
company, key accounts, archived managers, and collection calls planned, done with a promise
(kept or not), paid or disputed, cancelled."""
import datetime
import random

from odoo import Command

from ..queries import collections as queries
from ..services import collections as rules
from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 9, 15)
D = datetime.timedelta


class TestCollectionsOracle(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group_user = cls.env.ref('customer_maintenance.group_user')
        cls.archived = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Oracle Archived Manager', 'login': 'cm_oracle_archived',
            'groups_id': [Command.set([group_user.id])]})
        cls.archived.active = False

    def _history(self, seed):
        """Customers, invoices and collection calls; returns the customers."""
        rng = random.Random(seed)
        Partner = self.env['res.partner']
        Event = self.env['customer.relationship.event'].sudo()
        customers = Partner
        for index in range(14):
            user = rng.choice([self.manager_a, self.manager_b, self.archived, None])
            customer = Partner.create({
                'name': 'Collections %d-%d' % (seed, index), 'is_company': True,
                'customer_rank': 1, 'user_id': user.id if user else False,
                'is_key_account': rng.random() < 0.3})
            customers |= customer
            buyers = [customer]
            if rng.random() < 0.3:
                buyers.append(Partner.create({'name': 'Buyer %d-%d' % (seed, index),
                                              'parent_id': customer.id}))
            for _invoice in range(rng.randint(0, 3)):
                # equal amounts and ages make ties of urgency
                due = TODAY + D(rng.choice([-60, -30, -30, -10, -1, 0, 5]))
                amount = rng.choice([100.0, 250.0, 300.0, 1234.56])
                move = self._invoice(rng.choice(buyers), due - D(30), due, amount,
                                     post=rng.random() < 0.9)
                if move.state == 'posted' and rng.random() < 0.3:
                    part = rng.choice([None, round(amount / 3, 2)])
                    self._pay(move, due - D(rng.randint(-5, 5)), part)
            if rng.random() < 0.15:
                self._invoice(customer, TODAY - D(50), TODAY - D(20), 80.0).action_reverse()
            self._calls(rng, Event, customer)
        return customers

    @staticmethod
    def _calls(rng, Event, customer):
        for _call in range(rng.randint(0, 3)):
            date = TODAY - D(rng.randint(0, 20))
            state = rng.choice(['planned', 'done', 'done', 'cancelled'])
            # planned by the job, or logged by hand
            vals = {'name': 'Collection call', 'partner_id': customer.id, 'kind': 'collection',
                    'channel': 'collection', 'date': date,
                    'plan_item': 'collection' if rng.random() < 0.8 else False,
                    'state': state, 'collection_amount': rng.choice([0.0, 300.0, 1000.0])}
            if state == 'planned' and vals['plan_item'] and Event.search_count(
                    [('partner_id', '=', customer.id), ('plan_item', '=', 'collection'),
                     ('state', '=', 'planned')]):
                continue  # the job's guard: one open call of its own per customer
            outcome = rng.choice(['paid', 'promise', 'disputed']) if state == 'done' else False
            vals['collection_outcome'] = outcome
            if outcome == 'promise':
                vals.update(promise_date=date + D(rng.randint(0, 15)),
                            promise_amount=rng.choice([100.0, 250.0, 900.0]))
            elif outcome == 'disputed':
                vals['dispute_reason'] = 'Wrong price'
            Event.create(vals)

    def _oracle(self, customers):
        eligible = {c.id: c.is_key_account for c in customers
                    if c.user_id and c.user_id.active}
        moves = self.env['account.move'].search(
            [('commercial_partner_id', 'in', customers.ids)])
        invoices = [{'partner_id': m.commercial_partner_id.id, 'move_type': m.move_type,
                     'state': m.state, 'payment_state': m.payment_state,
                     'date_due': m.invoice_date_due, 'residual': m.amount_residual_signed}
                    for m in moves]
        calls = [{'id': e.id, 'partner_id': e.partner_id.id, 'state': e.state, 'date': e.date,
                  'promise_date': e.promise_date or None, 'promise_amount': e.promise_amount,
                  'amount': e.collection_amount}
                 for e in self.env['customer.relationship.event'].search(
                     [('partner_id', 'in', customers.ids), ('kind', '=', 'collection')])]
        return rules.due_collections(eligible, invoices, calls, TODAY)

    def test_sql_equals_oracle(self):
        checked = broken = 0
        for seed in (1, 2, 3):
            with self.subTest(seed=seed):
                customers = self._history(seed)
                self.env.flush_all()
                rows = self.env.execute_query_dict(queries.due_collections(
                    TODAY, rules.RETRY_DAYS, rules.TOLERANCE, customers.ids))
                got = [(row['partner_id'], round(float(row['amount']), 2), row['oldest_due'],
                        round(float(row['urgency']), 2), row['is_key_account'],
                        row['broken_call_id']) for row in rows]
                expected = [(due.partner_id, round(due.amount, 2), due.oldest_due,
                             round(due.urgency, 2), due.is_key_account, due.broken_call_id)
                            for due in self._oracle(customers)]
                self.assertEqual(got, expected)
                checked += len(expected)
                broken += sum(1 for due in expected if due[-1])
        # the histories exercise the rule: customers to call, and broken promises among them
        self.assertGreaterEqual(checked, 8)
        self.assertGreaterEqual(broken, 1)
