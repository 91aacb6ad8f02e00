# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""KPIs per account manager: the nightly snapshot and the report, against a hand-computed
fixture (see the comments), the pure-Python oracle on generated histories, idempotence, the
refresh of only the managers concerned, and who may see them."""
import datetime
import random

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..queries import management_kpi
from ..queries.management_kpi import CONTACT_FIGURES, FIGURES, LIVE_FIGURES, SALES_FIGURES
from ..services.manager_kpi import contact_figures, maintenance_cost, sales_figures
from .common import CustomerMaintenanceCase

D = datetime.date
TODAY = '2025-06-15'  # the report's current month is June 2025; earlier months are past


class TestManagerKpi(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, cm_today=TODAY))
        cls.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.kpi_lost_months', '6')
        Partner = cls.env['res.partner']
        cls.customer_x = Partner.create({'name': 'KPI X', 'is_company': True,
                                         'user_id': cls.manager_a.id})
        cls.customer_y = Partner.create({'name': 'KPI Y', 'is_company': True,
                                         'user_id': cls.manager_a.id})
        p = cls.product
        # customer_a: first order Jan 2024, again Mar 2024 (through its contact person)
        cls._confirmed_order(cls.customer_a, '2024-01-15', [(p, 10, 100)])
        cls._confirmed_order(cls.contact_a, '2024-03-10', [(p, 5, 100)])
        # X: one order, Feb 2024
        cls._confirmed_order(cls.customer_x, '2024-02-05', [(p, 2, 100)])
        # Y: Jan 2023, then back after 13 months in Feb 2024 (an existing customer's revenue)
        cls._confirmed_order(cls.customer_y, '2023-01-20', [(p, 3, 100)])
        cls._confirmed_order(cls.customer_y, '2024-02-20', [(p, 4, 100)])
        # a quotation does not count
        cls.env['sale.order'].create({'partner_id': cls.customer_x.id, 'order_line': [
            Command.create({'product_id': p.id, 'product_uom_qty': 9, 'price_unit': 999})]})
        # B's customer: won in May 2025, ordered again this month (no gap: kept whatever
        # the lost-after setting)
        cls._confirmed_order(cls.customer_b, '2025-05-05', [(p, 1, 70)])
        cls._confirmed_order(cls.customer_b, '2025-06-02', [(p, 1, 30)])
        # contacts in Feb 2024: the planned (overdue: before today) and the done ones count,
        # the cancelled one does not; the contact's own cost of the done call (50)
        Event = cls.env['customer.relationship.event']
        for state, cost in (('planned', 0), ('done', 50), ('cancelled', 99)):
            Event.create({'name': 'Call %s' % state, 'partner_id': cls.customer_a.id,
                          'user_id': cls.manager_a.id, 'date': '2024-02-10', 'state': state,
                          'cost': cost})
        # gifts: the given one counts (70), the planned and the cancelled ones do not
        gift = cls.env['customer.gift'].create({'name': 'Tea', 'value': 70})
        for state in ('done', 'planned', 'cancelled'):
            Event.create({'name': 'Gift %s' % state, 'partner_id': cls.customer_a.id,
                          'user_id': cls.manager_a.id, 'date': '2024-02-11', 'state': state,
                          'channel': 'gift', 'gift_id': gift.id, 'cost': 0})
        Promotion = cls.env['customer.promotion.support']
        Promotion.create({'name': 'POP', 'partner_id': cls.customer_a.id,
                          'date': '2024-02-12', 'cost': 100})
        Promotion.create({'name': 'Cancelled', 'partner_id': cls.customer_a.id,
                          'date': '2024-02-12', 'cost': 1000, 'state': 'cancelled'})
        # a service of the contact person counts for its company's manager
        cls.env['customer.value.service'].create({
            'name': 'Training', 'partner_id': cls.contact_a.id, 'date': '2024-02-20',
            'cost': 30})
        cls.Snapshot = cls.env['customer.manager.kpi.snapshot']
        cls.Report = cls.env['customer.manager.kpi.report']
        cls.Snapshot.cron_refresh_manager_kpi()

    def _row(self, month, user=None):
        self.Report.invalidate_model()
        rows = self.Report.search([('user_id', '=', (user or self.manager_a).id),
                                   ('date', '=', month)])
        self.assertLessEqual(len(rows), 1)
        return rows

    def _kept_lost(self, month):
        row = self._row(month)
        return (row.customers_kept, row.customers_lost) if row else (0, 0)

    def _snapshot_rows(self, users):
        self.Snapshot.invalidate_model()
        return {(r['user_id'][0], r['date']): r for r in self.Snapshot.search(
            [('user_id', 'in', users.ids)], order='id').read(
            ['user_id', 'date', *FIGURES, 'write_date'])}

    def _tamper(self, user, month):
        """Mark a snapshot row by hand: a refresh of `user` would set it right again."""
        self.env.cr.execute(SQL(
            "UPDATE customer_manager_kpi_snapshot SET revenue_total = -1 "
            "WHERE user_id = %s AND date = %s RETURNING id", user.id, month))
        self.assertTrue(self.env.cr.fetchall())
        self.Snapshot.invalidate_model()

    # ------------------------------------------------------------ the figures
    def test_every_figure_of_a_month(self):
        """February 2024 of manager A, figure by figure, counted by hand."""
        expected = {
            'customers_kept': 2,        # customer_a (won in January), Y (back after 13 months)
            'customers_lost': 0,
            'customers_new': 1,         # X
            'revenue_existing': 400,    # Y, a customer since Jan 2023
            'revenue_new': 200,         # X
            'revenue_total': 600,
            'contacts_planned': 4,      # the planned and done call and gift
            'contacts_done': 2,         # the done call and gift
            'contacts_overdue': 2,      # the planned call and gift, before today
            'event_cost': 50,           # the done call (the cancelled 99 does not count)
            'gift_cost': 70,            # the gift given
            'promotion_cost': 100,      # not the cancelled 1000
            'service_cost': 30,         # the contact person's training
            'maintenance_cost': 250,    # 50 + 70 + 100 + 30
        }
        self.assertEqual(set(expected), set(FIGURES))
        row = self._row('2024-02-01')
        for name, value in expected.items():
            with self.subTest(figure=name):
                self.assertEqual(row[name], value)
        self.assertEqual(row.team_id, self.manager_a.sale_team_id)

    def test_new_customers_and_revenue(self):
        cases = [
            # month, customers_new, revenue_new, revenue_existing, revenue_total
            ('2023-01-01', 1, 300, 0, 300),   # Y
            ('2024-01-01', 1, 1000, 0, 1000),  # customer_a
            ('2024-02-01', 1, 200, 400, 600),  # X won; Y a customer since Jan 2023
            ('2024-03-01', 0, 500, 0, 500),   # customer_a, won less than 12 months ago
        ]
        for month, new, revenue_new, existing, total in cases:
            with self.subTest(month):
                row = self._row(month)
                self.assertEqual((row.customers_new, row.revenue_new, row.revenue_existing,
                                  row.revenue_total), (new, revenue_new, existing, total))
        self.assertEqual(self._row('2025-05-01', self.manager_b).customers_new, 1)

    def test_kept_and_lost(self):
        # lost = bought in the previous 12 months, not in the last 6
        cases = [
            ('2023-01-01', (0, 0)),  # Y new
            ('2023-03-01', (1, 0)),  # Y kept
            ('2023-07-01', (0, 1)),  # Y lost (6 months without)
            ('2024-01-01', (0, 0)),  # Y over 12 months: gone; customer_a new
            ('2024-02-01', (2, 0)),  # a, Y (X new)
            ('2024-03-01', (3, 0)),  # a, X, Y
            ('2024-08-01', (1, 2)),  # a kept; X, Y lost
            ('2024-09-01', (0, 3)),
            ('2025-01-01', (0, 3)),
            ('2025-02-01', (0, 1)),  # a, last order Mar 2024
            ('2025-03-01', (0, 0)),
        ]
        for month, expected in cases:
            with self.subTest(month):
                self.assertEqual(self._kept_lost(month), expected)
        self.assertEqual((self._row('2025-06-01', self.manager_b).customers_kept), 1)

    def test_lost_months_setting(self):
        self.env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.kpi_lost_months', '3')
        self.Snapshot._refresh()
        for month, expected in (('2024-04-01', (3, 0)),   # a, X, Y
                                ('2024-05-01', (1, 2)),   # a kept until May; X, Y lost
                                ('2024-06-01', (0, 3))):
            with self.subTest(month):
                self.assertEqual(self._kept_lost(month), expected)

    def test_settings_change_refreshes_only_the_managers_concerned(self):
        self.assertEqual(self._kept_lost('2024-05-01'), (3, 0))  # 6 months: all kept
        # B's customer orders every month until now: no window changes B's figures
        self._tamper(self.manager_b, '2025-05-01')
        # the administrator changes the setting (supervisors have no access to Settings)
        self.env['res.config.settings'].with_user(self.admin).create(
            {'cm_kpi_lost_months': 3}).execute()
        self.assertEqual(self._kept_lost('2024-05-01'), (1, 2))
        self.assertEqual(self._row('2025-05-01', self.manager_b).revenue_total, -1)
        # the lost-after setting unchanged: nothing refreshed
        self._tamper(self.manager_a, '2024-02-01')
        self.env['res.config.settings'].with_user(self.admin).create(
            {'cm_kpi_lost_months': 3, 'cm_agreement_reminder_days': 20}).execute()
        self.assertEqual(self._row('2024-02-01').revenue_total, -1)

    def test_handover_refreshes_only_the_two_managers(self):
        manager_c = self.manager_b.copy({'name': 'Account Manager C', 'login': 'cm_test_am_c'})
        customer_c = self.env['res.partner'].create({'name': 'Customer of C',
                                                     'is_company': True,
                                                     'user_id': manager_c.id})
        self._confirmed_order(customer_c, '2024-02-03', [(self.product, 1, 50)])
        self.Snapshot.cron_refresh_manager_kpi()
        self._tamper(manager_c, '2024-02-01')
        self.assertEqual(self._row('2024-02-01').customers_new, 1)  # X
        self.env['customer.handover.wizard'].with_user(self.supervisor).create({
            'from_user_id': self.manager_a.id, 'to_user_id': self.manager_b.id,
            'partner_ids': [Command.set(self.customer_x.ids)]}).action_handover()
        # X's figures moved from A to B at once, C's row was not touched
        self.assertEqual(self._row('2024-02-01').customers_new, 0)
        row_b = self._row('2024-02-01', self.manager_b)
        self.assertEqual((row_b.customers_new, row_b.revenue_new), (1, 200))
        self.assertEqual(self._row('2024-02-01', manager_c).revenue_total, -1)

    # ------------------------------------------------------------ snapshot and report
    def test_past_months_from_the_snapshot_this_month_live(self):
        self.assertEqual(self._row('2024-04-01').revenue_total, 0)
        self._confirmed_order(self.customer_x, '2024-04-08', [(self.product, 1, 300)])
        Promotion = self.env['customer.promotion.support']
        Promotion.create({'name': 'April', 'partner_id': self.customer_x.id,
                          'date': '2024-04-09', 'cost': 5})
        today = Promotion.create({'name': 'Today', 'partner_id': self.customer_x.id,
                                  'date': TODAY, 'cost': 20})
        Event = self.env['customer.relationship.event']
        Event.create({'name': 'Visit', 'partner_id': self.customer_x.id,
                      'user_id': self.manager_a.id, 'date': '2024-04-09', 'state': 'done',
                      'channel': 'visit', 'cost': 8})
        call = Event.create({'name': 'Call today', 'partner_id': self.customer_x.id,
                             'user_id': self.manager_a.id, 'date': TODAY, 'state': 'done',
                             'channel': 'call', 'cost': 12})
        # planned this month: before today overdue, from today on not
        Event.create([{'name': 'Call %s' % day, 'partner_id': self.customer_x.id,
                       'user_id': self.manager_a.id, 'date': day, 'channel': 'call'}
                      for day in ('2025-06-10', TODAY, '2025-06-20')])
        # a past month waits for the refresh, revenue, contacts and costs alike
        row = self._row('2024-04-01')
        self.assertEqual((row.revenue_total, row.promotion_cost, row.contacts_done,
                          row.event_cost), (0, 0, 0, 0))
        # this month's contacts and costs are live
        row = self._row('2025-06-01')
        self.assertEqual((row.promotion_cost, row.contacts_planned, row.contacts_done,
                          row.contacts_overdue, row.event_cost, row.maintenance_cost),
                         (20, 4, 1, 1, 12, 32))
        today.state = 'cancelled'
        call.state = 'cancelled'
        row = self._row('2025-06-01')
        self.assertEqual((row.promotion_cost, row.contacts_done, row.maintenance_cost),
                         (0, 0, 0))

        self.assertEqual(self.Snapshot.cron_refresh_manager_kpi(), self.Snapshot.search_count([]))
        row = self._row('2024-04-01')
        self.assertEqual((row.revenue_total, row.revenue_new, row.promotion_cost,
                          row.contacts_done, row.event_cost, row.maintenance_cost),
                         (300, 300, 5, 1, 8, 13))

    def test_refresh_idempotent_in_place(self):
        everyone = self.env['res.users'].search([])
        before = self._snapshot_rows(everyone)
        self.assertTrue(before)
        self.Snapshot.cron_refresh_manager_kpi()
        # same data: same rows, same ids, nothing written (write_date kept)
        self.assertEqual(self._snapshot_rows(everyone), before)
        # a changed month is updated in place, a month without figures any more removed
        row = self.Snapshot.search([('user_id', '=', self.manager_a.id),
                                    ('date', '=', '2024-02-01')])
        self.env.cr.execute(SQL("UPDATE customer_manager_kpi_snapshot SET revenue_total = -1, "
                                "service_cost = 7, contacts_done = 9, gift_cost = 1 "
                                "WHERE id = %s", row.id))
        stale = self.Snapshot.create({'user_id': self.manager_b.id, 'date': '2001-01-01'})
        self.Snapshot.cron_refresh_manager_kpi()
        self.Snapshot.invalidate_model()
        self.assertEqual((row.exists().revenue_total, row.service_cost, row.contacts_done,
                          row.gift_cost), (600, 30, 2, 70))
        self.assertFalse(stale.exists())

    def test_upgrade_keeps_the_snapshot_install_fills_it(self):
        """Odoo calls init() at every -u: with a snapshot there, nothing is refreshed (the
        nightly cron does it); on an empty snapshot (a new install) the figures are there at
        once."""
        everyone = self.env['res.users'].search([])
        self._tamper(self.manager_a, '2024-02-01')  # a refresh would set it back to 600
        before = self._snapshot_rows(everyone)
        self.Snapshot.init()
        self.assertEqual(self._snapshot_rows(everyone), before)
        self.assertEqual(self._row('2024-02-01').revenue_total, -1)
        self.env.cr.execute(SQL('DELETE FROM customer_manager_kpi_snapshot'))
        self.Snapshot.invalidate_model()
        self.Snapshot.init()
        row = self._row('2024-02-01')
        self.assertEqual((row.revenue_total, row.customers_new, row.maintenance_cost),
                         (600, 1, 250))
        self.assertEqual(self._row('2025-05-01', self.manager_b).revenue_new, 70)

    def test_report_equals_the_live_figures(self):
        """After a refresh, the report shows what the figures computed now are, month by
        month and figure by figure."""
        horizon = management_kpi.kpi_horizon(D(2025, 6, 15))
        self.env.flush_all()
        self.env.cr.execute(management_kpi.kpi_snapshot(6, horizon, D(2025, 6, 15)))
        names = [desc[0] for desc in self.env.cr.description]
        live = {(r[0], r[1]): dict(zip(names, r)) for r in self.env.cr.fetchall()}
        report = {(r.user_id.id, r.date): r for r in self.Report.search([])}
        self.assertEqual(set(report), set(live))
        for key, row in live.items():
            for name in FIGURES:
                with self.subTest(key=key, figure=name):
                    self.assertAlmostEqual(report[key][name], row[name], places=2)

    def test_sales_figures_against_the_oracle(self):
        """The SQL of the snapshot against services/manager_kpi.py on generated histories."""
        Users = self.env['res.users'].with_context(no_reset_password=True)
        group = self.env.ref('customer_maintenance.group_user')
        managers = Users.create([{'name': 'Oracle %d' % i, 'login': 'cm_test_oracle_%d' % i,
                                  'groups_id': [Command.set(group.ids)]} for i in range(2)])
        rnd = random.Random(7)
        customers = self.env['res.partner'].create([{
            'name': 'Oracle customer %d' % i, 'is_company': True,
            'user_id': managers[i % 2].id} for i in range(8)])
        orders = []
        for customer in customers:
            day = D(2023, 1, 1) + datetime.timedelta(days=rnd.randint(0, 200))
            while day < D(2025, 6, 15):
                price = rnd.choice((10, 25, 40))
                self._confirmed_order(customer, day, [(self.product, 1, price)])
                orders.append((customer.id, customer.user_id.id, day, float(price)))
                day += datetime.timedelta(days=rnd.choice((20, 45, 120, 250, 400)))
        horizon = D(2025, 7, 1)
        self.env.flush_all()
        for months in (1, 3, 6, 12):
            with self.subTest(lost_months=months):
                self.env.cr.execute(management_kpi.kpi_sales(months, horizon, managers.ids))
                got = {(r[0], r[1]): (r[2], r[3], r[4], round(r[5], 2), round(r[6], 2),
                                      round(r[7], 2)) for r in self.env.cr.fetchall()}
                expected = {key: value[:3] + tuple(round(v, 2) for v in value[3:])
                            for key, value in sales_figures(orders, months, horizon).items()}
                self.assertEqual(got, expected)
        self.assertGreater(len(orders), 20)

    def test_contact_figures_against_the_oracle(self):
        """The contacts' SQL against services/manager_kpi.py on generated events, for the
        snapshot (every month) and the report's live range (from a month on)."""
        Users = self.env['res.users'].with_context(no_reset_password=True)
        group = self.env.ref('customer_maintenance.group_user')
        managers = Users.create([{'name': 'Contacts %d' % i, 'login': 'cm_test_contacts_%d' % i,
                                  'groups_id': [Command.set(group.ids)]} for i in range(2)])
        rnd = random.Random(11)
        gift = self.env['customer.gift'].create({'name': 'Oracle gift', 'value': 15})
        vals, events = [], []
        for i in range(60):
            user = managers[i % 2]
            day = D(2024, 11, 1) + datetime.timedelta(days=rnd.randint(0, 300))
            state = rnd.choice(('planned', 'done', 'done', 'cancelled'))
            cost = float(rnd.choice((0, 5, 12.5)))
            with_gift = rnd.random() < 0.3
            vals.append({'name': 'Oracle %d' % i, 'partner_id': self.customer_a.id,
                         'user_id': user.id, 'date': day, 'state': state, 'cost': cost,
                         'channel': 'gift' if with_gift else 'call',
                         'gift_id': gift.id if with_gift else False})
            events.append((user.id, day, state, cost, 15.0 if with_gift else 0.0))
        self.env['customer.relationship.event'].create(vals)
        self.env.flush_all()
        for today in (D(2025, 3, 15), D(2025, 6, 15), D(2025, 9, 1)):
            for since in (None, today.replace(day=1)):
                with self.subTest(today=today, since=since):
                    self.env.cr.execute(management_kpi.kpi_contacts(today, since, managers.ids))
                    got = {(r[0], r[1]): (r[2], r[3], r[4], round(r[5], 2), round(r[6], 2))
                           for r in self.env.cr.fetchall()}
                    expected = {key: value[:3] + tuple(round(v, 2) for v in value[3:])
                                for key, value in contact_figures(
                                    [e for e in events if not since or e[1] >= since],
                                    today).items()}
                    self.assertEqual(got, expected)
        # the snapshot's maintenance cost is the sum of its parts
        self.Snapshot._refresh(managers.ids)
        rows = self.Snapshot.search([('user_id', 'in', managers.ids)])
        self.assertTrue(rows)
        for row in rows:
            with self.subTest(row=(row.user_id.name, row.date)):
                self.assertAlmostEqual(row.maintenance_cost, maintenance_cost(
                    row.event_cost, row.gift_cost, row.promotion_cost, row.service_cost))

    def test_report_reads_only_the_snapshot_and_this_months_ledgers(self):
        """Fast whatever the history: no sale order and no past ledger line in the plan."""
        self.env.cr.execute(SQL('EXPLAIN %s', management_kpi.kpi_report(D(2025, 6, 1),
                                                                         D(2025, 6, 15))))
        plan = '\n'.join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn('sale_order', plan)
        self.assertIn('customer_manager_kpi_snapshot', plan)

    # ------------------------------------------------------------ who may
    def test_refresh_by_supervisors_only(self):
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.manager_a).action_refresh()
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.manager_a).search([])
        for label, user, amount in (('supervisor', self.supervisor, 80),
                                    ('admin', self.admin, 20)):
            with self.subTest(label):
                self._confirmed_order(self.customer_y, '2024-05-03', [(self.product, 1, amount)])
                action = self.Snapshot.with_user(user).action_refresh()
                self.assertEqual(action['res_model'], 'customer.manager.kpi.report')
        self.assertEqual(self._row('2024-05-01').revenue_existing, 100)

    def test_supervisor_reads_report(self):
        for user in (self.supervisor, self.admin):
            with self.subTest(user.name):
                rows = self.Report.with_user(user)._read_group(
                    [('user_id', '=', self.manager_a.id), ('date', '>=', '2024-01-01'),
                     ('date', '<', '2024-04-01')],
                    ['user_id'], ['customers_new:sum', 'revenue_total:sum'])
                self.assertEqual(rows, [(self.manager_a, 2, 2100)])

    def test_account_manager_has_no_kpi_report(self):
        with self.assertRaises(AccessError):
            self.Report.with_user(self.manager_a).search([])
        menu = self.env.ref('customer_maintenance.customer_manager_kpi_refresh_menu')
        self.assertNotIn(menu, self.env['ir.ui.menu'].with_user(self.manager_a).search(
            [('id', '=', menu.id)]))

    def test_cron_record(self):
        cron = self.env.ref('customer_maintenance.ir_cron_refresh_manager_kpi')
        self.assertEqual(cron.model_id.model, 'customer.manager.kpi.snapshot')
        self.assertEqual(cron.code, 'model.cron_refresh_manager_kpi(automatic=True)')
        self.assertEqual(set(SALES_FIGURES) | set(LIVE_FIGURES), set(FIGURES))
        self.assertEqual(set(CONTACT_FIGURES) | {'promotion_cost', 'service_cost',
                                                 'maintenance_cost'}, set(LIVE_FIGURES))
