# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Issue 25 §4: confirming a sale order updates the customer's cycles of its products at once
and cancels the replenishment call it answers; the nightly job agrees with it whichever ran
last; the cost of a confirmation does not grow with the database."""
import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command
from odoo.tools import SQL

from ..queries.consumption import LEARNED_COLUMNS
from ..services import consumption as estimation
from .consumption_common import D, ConsumptionCase

FIELDS = [name for name in LEARNED_COLUMNS if name != 'user_id'] + ['user_id']


class TestCyclesLearnedAtConfirmation(ConsumptionCase):

    def _order(self, partner, day, lines, user=None):
        """Confirmed on `day` at 09:00 UTC, as a user does it that day (not moved after)."""
        order = self.env['sale.order'].create({
            'partner_id': partner.id, 'user_id': (user or self.env.user).id,
            'order_line': [Command.create({'product_id': product.id, 'product_uom_qty': qty,
                                           'price_unit': 1.0}) for product, qty in lines]})
        with freeze_time('%s 09:00:00' % day):
            order.with_user(user or self.env.user).action_confirm()
        return order

    def _orders(self, partner, product, start, gaps, qtys):
        day, history = start, []
        for index, qty in enumerate(qtys):
            self._order(partner, day, [(product, qty)])
            history.append((day, qty))
            if index < len(gaps):
                day += datetime.timedelta(days=gaps[index])
        return history

    def _nightly(self, day):
        """The nightly job as ir.cron runs it: the scheduler's user, no browser context."""
        with freeze_time('%s 12:00:00' % day):
            self.env(user=SUPERUSER_ID, context={})[
                'customer.consumption.cycle'].cron_learn_consumption_cycles()

    def _figures(self, cycle):
        cycle.invalidate_recordset()
        return cycle.read(FIELDS)[0]

    def test_confirmation_learns_and_the_night_agrees(self):
        # every confirmation learns the cycle at once, equal to the oracle of its history
        history = []
        for day, qty in zip([D(2026, 1, 5) + datetime.timedelta(days=30 * i) for i in range(5)],
                            [10, 12, 10, 8, 10]):
            self._order(self.contact_a, day, [(self.oil, qty)], user=self.manager_a)
            history.append((day, qty))
            cycle = self._cycle()
            with self.subTest(day=day):
                expected = estimation.estimate_cycle(history, 1.5)
                self.assertEqual(len(cycle), 1)   # the company's cycle, ordered by its contact
                self.assertEqual(cycle.order_count, len(history))
                self.assertEqual(cycle.last_order_date, day)
                self.assertEqual(cycle.last_qty, qty)
                self.assertEqual(cycle.next_due_date, expected['next_due_date'] or False)
                self.assertEqual(cycle.lapse_date, expected['lapse_date'] or False)
                self.assertEqual(cycle.state, expected['state'])
        self.assertEqual(cycle.next_due_date, D(2026, 6, 4))   # 05-05 + 30 x (10 / 10)
        # the night after: the job changes nothing of it
        confirmed = self._figures(cycle)
        self._nightly(D(2026, 5, 5))
        self.assertEqual(self._figures(cycle), confirmed)
        # the other way round: the night learned last, a confirmation comes after, the next
        # night again agrees (the statement restricted to the order's cycles writes nothing)
        self._order(self.customer_a, D(2026, 6, 1), [(self.oil, 20)])
        confirmed = self._figures(cycle)
        self.assertEqual(confirmed['last_order_date'], D(2026, 6, 1))
        self.assertEqual(confirmed['next_due_date'], D(2026, 7, 31))   # 06-01 + 30 x 2
        self._nightly(D(2026, 6, 1))
        self.assertEqual(self._figures(cycle), confirmed)
        Cycle = self.env(user=SUPERUSER_ID, context={'cm_today': D(2026, 6, 1)})[
            'customer.consumption.cycle']
        self.assertEqual(Cycle._learn_consumption_cycles(pairs=[(self.customer_a.id,
                                                                   self.oil.id)]), 0)
        # the manager's known interval is kept by both
        cycle.with_user(self.manager_a).write({'manual_interval_days': 20})
        self._order(self.customer_a, D(2026, 6, 10), [(self.oil, 10)])
        self.assertEqual(cycle.next_due_date, D(2026, 6, 30))
        confirmed = self._figures(cycle)
        self._nightly(D(2026, 6, 10))
        self.assertEqual(self._figures(cycle), confirmed)

    def test_other_cycles_untouched(self):
        self._orders(self.customer_b, self.grease, D(2026, 1, 5), [20, 20], [3, 3, 3])
        self._orders(self.customer_a, self.grease, D(2026, 1, 5), [20, 20], [3, 3, 3])
        other = self._cycle(self.customer_b, self.grease)
        before = self._figures(other)
        # a quotation (not confirmed) and a section line learn nothing
        quotation = self.env['sale.order'].create({
            'partner_id': self.customer_a.id,
            'order_line': [Command.create({'product_id': self.oil.id, 'product_uom_qty': 5}),
                           Command.create({'display_type': 'line_section', 'name': 'Oils'})]})
        self.assertFalse(self._cycle())
        with freeze_time('2026-02-20 09:00:00'):
            quotation.action_confirm()
        self.assertEqual(self._cycle().order_count, 1)
        self.assertEqual(self._figures(other), before)
        self.assertEqual(self._cycle(self.customer_a, self.grease).order_count, 3)

    def test_answered_call_cancelled_with_its_reason(self):
        self.env['res.lang']._activate_lang('zh_TW')
        self.manager_b.lang = 'zh_TW'
        self._orders(self.customer_a, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)   # due 06-05
        self._orders(self.customer_a, self.grease, D(2026, 2, 5), [30] * 3, [4] * 4)
        self._orders(self.customer_b, self.oil, D(2026, 2, 5), [30] * 3, [10] * 4)
        self._nightly(D(2026, 6, 1))
        oil_call, grease_call, call_b = (
            self.Event.search([('consumption_cycle_id', '=', self._cycle(p, q).id)])
            for p, q in ((self.customer_a, self.oil), (self.customer_a, self.grease),
                         (self.customer_b, self.oil)))
        self.assertEqual([c.state for c in (oil_call, grease_call, call_b)], ['planned'] * 3)
        self.assertEqual(oil_call.consumption_due_date, D(2026, 6, 5))
        # customer A orders oil on 06-02: its oil call goes in the same transaction, with
        # why; its grease call and B's call stay
        order = self._order(self.customer_a, D(2026, 6, 2), [(self.oil, 10)],
                            user=self.manager_a)
        self.assertEqual(oil_call.state, 'cancelled')
        self.assertEqual(oil_call.outcome, (
            'Cancelled when the order %s was confirmed: the customer ordered again, the next '
            'due date is 07/02/2026 and its call is planned before it.' % order.name))
        self.assertFalse(oil_call.activity_ids)
        self.assertEqual((grease_call.state, call_b.state), ('planned', 'planned'))
        # in the language of the call's account manager
        order_b = self._order(self.customer_b, D(2026, 6, 2), [(self.oil, 10)])
        self.assertEqual(call_b.state, 'cancelled')
        self.assertIn(order_b.name, call_b.outcome)
        self.assertNotIn('Cancelled when', call_b.outcome)
        # the night after neither touches the cancelled call nor plans a call too early;
        # the new due date gets its call when it comes near
        self._nightly(D(2026, 6, 2))
        self.assertEqual(self.Event.search_count(
            [('consumption_cycle_id', '=', self._cycle().id), ('state', '=', 'planned')]), 0)
        self.assertIn(order.name, oil_call.outcome)
        self._nightly(D(2026, 6, 26))
        new = self.Event.search([('consumption_cycle_id', '=', self._cycle().id),
                                 ('state', '=', 'planned')])
        self.assertEqual((new.consumption_due_date, new.date), (D(2026, 7, 2), D(2026, 6, 26)))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env['customer.relationship.event']


class TestConfirmationCost(ConsumptionCase):
    """Confirming an order of 10 lines costs the same queries whatever the database holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env['product.product'].create([
            {'name': 'Cost product %d' % i, 'type': 'consu'} for i in range(10)])
        cls.customers = cls.env['res.partner'].create([{
            'name': 'Cost customer %d' % i, 'is_company': True, 'customer_rank': 1,
            'user_id': cls.manager_a.id} for i in range(4)])

    def _ten_lines(self, customer, day):
        order = self.env['sale.order'].create({
            'partner_id': customer.id,
            'order_line': [Command.create({'product_id': product.id, 'product_uom_qty': 5,
                                           'price_unit': 2.0}) for product in self.products]})
        with freeze_time('%s 09:00:00' % day):
            order.action_confirm()
        return order

    def _history(self, customer):
        """Three months of orders, the nightly's calls planned before the measured one."""
        for day in ('2026-03-02', '2026-04-01', '2026-05-01'):
            self._ten_lines(customer, day)

    def _measure(self, customer):
        """(queries of the whole confirmation, queries of the cycle learning in it)."""
        order = self.env['sale.order'].create({
            'partner_id': customer.id,
            'order_line': [Command.create({'product_id': product.id, 'product_uom_qty': 5,
                                           'price_unit': 2.0}) for product in self.products]})
        self.env.flush_all()
        Cycle = type(self.env['customer.consumption.cycle'])
        original = Cycle._learn_from_confirmed_orders
        counts = []

        def counted(model, orders):
            before = self.env.cr.sql_log_count
            result = original(model, orders)
            counts.append(self.env.cr.sql_log_count - before)
            return result
        cr = self.env.cr
        with patch.object(Cycle, '_learn_from_confirmed_orders', counted), \
                freeze_time('2026-05-31 09:00:00'):
            before = cr.sql_log_count
            order.action_confirm()
            self.env.flush_all()
            total = cr.sql_log_count - before
        self.assertEqual(self.env['customer.consumption.cycle'].search_count(
            [('partner_id', '=', customer.id), ('last_order_date', '=', D(2026, 5, 31))]), 10)
        return total, counts[0]

    def _grow(self, count):
        """`count` more customers with an order of the ten lines each, written by SQL (as
        a large database holds them), and fresh planner statistics."""
        template = self.env['sale.order'].search(
            [('partner_id', '=', self.customers[0].id)], limit=1)
        self.env.flush_all()
        cr = self.env.cr

        def clone(table, source_where, overrides, extra_from=SQL('')):
            cr.execute(SQL("SELECT column_name FROM information_schema.columns "
                           "WHERE table_name = %s AND column_name <> 'id'", table))
            columns = [row[0] for row in cr.fetchall()]
            cr.execute(SQL('INSERT INTO %s (%s) SELECT %s FROM %s t %s WHERE %s RETURNING id',
                           SQL.identifier(table),
                           SQL(', ').join(SQL.identifier(c) for c in columns),
                           SQL(', ').join(overrides.get(c, SQL('t.%s', SQL.identifier(c)))
                                          for c in columns),
                           SQL.identifier(table), extra_from, source_where))
            return [row[0] for row in cr.fetchall()]
        partners = clone('res_partner', SQL('t.id = %s', self.customers[0].id),
                         {'name': SQL("'Bulk customer ' || g")},
                         SQL(', generate_series(1, %s) g', count))
        cr.execute(SQL('UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)',
                       partners))
        orders = clone('sale_order', SQL('t.id = %s', template.id),
                       {'name': SQL("'BULK/' || p.ord"), 'partner_id': SQL('p.pid'),
                        'partner_invoice_id': SQL('p.pid'), 'partner_shipping_id': SQL('p.pid')},
                       SQL(', unnest(%s::int[]) WITH ORDINALITY p(pid, ord)', partners))
        clone('sale_order_line', SQL('t.order_id = %s', template.id),
              {'order_id': SQL('o.oid')}, SQL(', unnest(%s::int[]) o(oid)', orders))
        cr.execute(SQL('ANALYZE res_partner, sale_order, sale_order_line'))
        self.env.invalidate_all()
        return len(orders)

    def test_queries_of_a_ten_line_confirmation(self):
        for customer in self.customers:
            self._history(customer)
        # a planned replenishment call for each customer's first product (cancelled by the
        # measured confirmation, at both sizes)
        self.env(user=SUPERUSER_ID, context={'cm_today': D(2026, 5, 28)})[
            'customer.consumption.cycle'].cron_learn_consumption_cycles()
        self._measure(self.customers[0])               # warm the caches
        small = self._measure(self.customers[1])
        lines_before = self.env['sale.order.line'].search_count([])
        self.assertEqual(self._grow(3000), 3000)
        self.assertGreaterEqual(self.env['sale.order.line'].search_count([]),
                                lines_before + 30000)
        self._measure(self.customers[2])               # the caches again
        large = self._measure(self.customers[3])
        self.assertEqual(small, large)
        # the learning itself: the upsert and the calls' query (a few), then the cancelling
        # of the 10 calls the order answers (each with its line in the chatter)
        self.assertLessEqual(large[1], 50, large)
        calls = self.env['customer.relationship.event'].search(
            [('partner_id', 'in', self.customers.ids), ('state', '=', 'cancelled')])
        self.assertEqual(len(calls), 40)   # answered by the four measured orders
