# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo.exceptions import AccessError

from ..report.customer_manager_kpi_figures import FIGURES
from .common import CustomerMaintenanceCase


class TestManagerKpiReport(CustomerMaintenanceCase):
    """Figures of the KPI view against a hand-computed fixture (see the comments)."""

    @classmethod
    def setUpClass(cls):
        super(TestManagerKpiReport, cls).setUpClass()
        cls.env['ir.config_parameter'].sudo().set_param('customer_maintenance.kpi_lost_months', '6')
        Partner = cls.env['res.partner']
        cls.customer_x = Partner.create({'name': 'KPI X', 'is_company': True, 'customer': True,
                                         'user_id': cls.manager_a.id})
        cls.customer_y = Partner.create({'name': 'KPI Y', 'is_company': True, 'customer': True,
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
        cls.env['customer.promotion.support'].create({
            'name': 'POP', 'partner_id': cls.customer_a.id, 'date': '2024-02-12', 'cost': 100})
        cls.env['customer.promotion.support'].create({
            'name': 'Cancelled', 'partner_id': cls.customer_a.id, 'date': '2024-02-12',
            'cost': 1000, 'state': 'cancelled'})
        cls.env['customer.value.service'].create({
            'name': 'Training', 'partner_id': cls.customer_a.id, 'date': '2024-02-20', 'cost': 30})
        # these months are in the past: the report reads them from the nightly snapshot
        cls.env['customer.manager.kpi.snapshot'].cron_refresh_manager_kpi()

    def _row(self, month):
        rows = self.env['customer.manager.kpi.report'].search(
            [('user_id', '=', self.manager_a.id), ('date', '=', month)])
        self.assertLessEqual(len(rows), 1)
        return rows

    def _kept_lost(self, month):
        row = self._row(month)
        return (row.customers_kept, row.customers_lost) if row else (0, 0)

    def test_contacts_and_cost(self):
        row = self._row('2024-02-01')
        self.assertEqual((row.contacts_planned, row.contacts_done, row.contacts_overdue), (4, 2, 2))
        self.assertEqual(row.event_cost, 50)
        self.assertEqual(row.gift_cost, 70)
        self.assertEqual(row.promotion_cost, 100)
        self.assertEqual(row.service_cost, 30)
        self.assertEqual(row.maintenance_cost, 250)
        self.assertEqual(row.team_id, self.manager_a.sale_team_id)

    def test_new_customers_and_revenue(self):
        jan, feb, mar = self._row('2024-01-01'), self._row('2024-02-01'), self._row('2024-03-01')
        self.assertEqual(jan.customers_new, 1)           # customer_a
        self.assertEqual(jan.revenue_new, 1000)
        self.assertEqual(feb.customers_new, 1)           # X
        self.assertEqual(feb.revenue_new, 200)           # X, won this month
        self.assertEqual(feb.revenue_existing, 400)      # Y, a customer since Jan 2023
        self.assertEqual(feb.revenue_total, 600)
        self.assertEqual(mar.customers_new, 0)
        self.assertEqual(mar.revenue_new, 500)           # customer_a, won less than 12 months ago
        self.assertEqual(self._row('2023-01-01').customers_new, 1)  # Y

    def test_kept_and_lost(self):
        # lost = bought in the previous 12 months, not in the last 6
        self.assertEqual(self._kept_lost('2023-03-01'), (1, 0))  # Y kept
        self.assertEqual(self._kept_lost('2023-07-01'), (0, 1))  # Y lost (6 months without)
        self.assertEqual(self._kept_lost('2024-01-01'), (0, 0))  # Y over 12 months: gone; a new
        self.assertEqual(self._kept_lost('2024-02-01'), (2, 0))  # a, Y (X new)
        self.assertEqual(self._kept_lost('2024-03-01'), (3, 0))  # a, X, Y
        self.assertEqual(self._kept_lost('2024-08-01'), (1, 2))  # a kept; X, Y lost
        self.assertEqual(self._kept_lost('2024-09-01'), (0, 3))
        self.assertEqual(self._kept_lost('2025-01-01'), (0, 3))
        self.assertEqual(self._kept_lost('2025-02-01'), (0, 1))  # a, last order Mar 2024
        self.assertEqual(self._kept_lost('2025-03-01'), (0, 0))

    def test_lost_months_setting(self):
        self.env['ir.config_parameter'].sudo().set_param('customer_maintenance.kpi_lost_months', '3')
        self.env['customer.manager.kpi.snapshot']._refresh()
        self.assertEqual(self._kept_lost('2024-04-01'), (3, 0))  # a, X, Y
        self.assertEqual(self._kept_lost('2024-05-01'), (1, 2))  # a kept until May; X, Y lost
        self.assertEqual(self._kept_lost('2024-06-01'), (0, 3))

    def test_settings_change_refreshes_kept_and_lost(self):
        self.assertEqual(self._kept_lost('2024-05-01'), (3, 0))  # 6 months: all kept
        # the administrator changes the setting (supervisors have no access to Settings)
        self.env['res.config.settings'].create({'cm_kpi_lost_months': 3}).execute()
        self.assertEqual(self._kept_lost('2024-05-01'), (1, 2))

    def test_past_months_from_the_snapshot_this_month_live(self):
        Snapshot = self.env['customer.manager.kpi.snapshot']
        Event = self.env['customer.relationship.event']
        fields_ = ['user_id', 'date'] + list(FIGURES)
        self.assertEqual(self._row('2024-04-01').revenue_total, 0)
        self._confirmed_order(self.customer_x, '2024-04-08', [(self.product, 1, 300)])
        Event.create({
            'name': 'Visit', 'partner_id': self.customer_x.id, 'user_id': self.manager_a.id,
            'date': '2024-04-09', 'state': 'done', 'channel': 'visit'})
        # the view's "this month" is PostgreSQL's
        self.env.cr.execute("SELECT CURRENT_DATE::text")
        today = self.env.cr.fetchone()[0]
        this_month = today[:8] + '01'
        call = Event.create({
            'name': 'Call today', 'partner_id': self.customer_x.id, 'user_id': self.manager_a.id,
            'date': today, 'state': 'done', 'channel': 'call', 'cost': 20})
        # a past month waits for the refresh, contacts and revenue alike
        row = self._row('2024-04-01')
        self.assertEqual((row.contacts_done, row.revenue_total), (0, 0))
        # this month's contacts and costs are live
        row = self._row(this_month)
        self.assertEqual((row.contacts_done, row.event_cost, row.maintenance_cost), (1, 20, 20))
        call.state = 'cancelled'
        self.env['customer.manager.kpi.report'].invalidate_cache()
        self.assertEqual(self._row(this_month).contacts_done, 0)

        self.assertEqual(Snapshot.cron_refresh_manager_kpi(), Snapshot.search_count([]))
        self.env['customer.manager.kpi.report'].invalidate_cache()
        row = self._row('2024-04-01')
        self.assertEqual((row.revenue_total, row.revenue_new, row.contacts_done), (300, 300, 1))
        # idempotent: the same data gives the same rows, ids included, and nothing written
        again = Snapshot.search([], order='id').read(fields_ + ['write_date'])
        Snapshot.cron_refresh_manager_kpi()
        Snapshot.invalidate_cache()
        self.assertEqual(Snapshot.search([], order='id').read(fields_ + ['write_date']), again)
        # a changed month is updated in place, a month without figures any more removed
        row = Snapshot.search([('user_id', '=', self.manager_a.id), ('date', '=', '2024-04-01')])
        self.env.cr.execute("UPDATE customer_manager_kpi_snapshot SET revenue_total = -1, "
                            "contacts_done = 7 WHERE id = %s", [row.id])
        stale = Snapshot.create({'user_id': self.manager_b.id, 'date': '2001-01-01'})
        Snapshot.cron_refresh_manager_kpi()
        Snapshot.invalidate_cache()
        self.assertEqual((row.exists().revenue_total, row.contacts_done), (300, 1))
        self.assertFalse(stale.exists())

    def test_refresh_by_supervisors_only(self):
        Snapshot = self.env['customer.manager.kpi.snapshot']
        with self.assertRaises(AccessError):
            Snapshot.sudo(self.manager_a).action_refresh()
        with self.assertRaises(AccessError):
            Snapshot.sudo(self.manager_a).search([])
        self._confirmed_order(self.customer_y, '2024-05-03', [(self.product, 1, 80)])
        action = Snapshot.sudo(self.supervisor).action_refresh()
        self.assertEqual(action['res_model'], 'customer.manager.kpi.report')
        self.assertEqual(self._row('2024-05-01').revenue_existing, 80)

    def test_supervisor_reads_report(self):
        rows = self.env['customer.manager.kpi.report'].sudo(self.supervisor).read_group(
            [('user_id', '=', self.manager_a.id), ('date', '>=', '2024-01-01'),
             ('date', '<', '2024-04-01')],
            ['user_id', 'customers_new', 'revenue_total'], ['user_id'])
        self.assertEqual(rows[0]['customers_new'], 2)
        self.assertEqual(rows[0]['revenue_total'], 2100)

    def test_account_manager_has_no_kpi_report(self):
        with self.assertRaises(AccessError):
            self.env['customer.manager.kpi.report'].sudo(self.manager_a).search([])

    def test_settings_round_trip(self):
        settings = self.env['res.config.settings'].create({
            'cm_kpi_lost_months': 4, 'cm_promotion_effect_months': 2,
            'cm_agreement_reminder_days': 45})
        settings.execute()
        Params = self.env['ir.config_parameter'].sudo()
        self.assertEqual(Params.get_param('customer_maintenance.kpi_lost_months'), '4')
        self.assertEqual(Params.get_param('customer_maintenance.agreement_reminder_days'), '45')
        self.assertEqual(self.env['res.config.settings'].default_get(
            ['cm_promotion_effect_months'])['cm_promotion_effect_months'], 2)
