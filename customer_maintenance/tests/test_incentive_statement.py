# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The monthly incentive statement as the users meet it: the nightly job's lines for kept,
new, dropped, lost and handed-over customers, the target and its bonus, twice changes nothing,
the supervisor's confirmation locks it, corrections say who and why, the hand-over wizard
logs its date, each manager reads his own statements, the PDF."""
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import CustomerMaintenanceCase

TODAY = datetime.date(2031, 2, 10)
JANUARY = datetime.date(2031, 1, 1)
FEBRUARY = datetime.date(2031, 2, 1)
REPORT = 'customer_maintenance.report_incentive_statement'


class TestIncentiveStatement(CustomerMaintenanceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, cm_today=TODAY))
        env = cls.env
        env['ir.config_parameter'].sudo().set_param(
            'customer_maintenance.kpi_lost_months', '3')
        # the demo's plan runs from two years ago: these tests bring their own
        env['customer.incentive.plan'].search([]).active = False
        cls.plan = env['customer.incentive.plan'].create({
            'name': 'Plan 2030', 'date_from': '2030-01-01', 'existing_rate': 2,
            'new_rate': 5, 'new_months': 6, 'lost_rate': 50, 'drop_threshold': 10,
            'drop_rate': 10, 'new_customer_target': 1, 'new_customer_bonus': 300})
        Partner = env['res.partner']
        cls.new_customer = Partner.create({'name': 'Won in January', 'is_company': True,
                                           'customer_rank': 1, 'user_id': cls.manager_a.id})
        cls.lost_customer = Partner.create({'name': 'Lapsed in January', 'is_company': True,
                                            'customer_rank': 1, 'user_id': cls.manager_b.id})
        cls.moved_customer = Partner.create({'name': 'Handed over', 'is_company': True,
                                             'customer_rank': 1, 'user_id': cls.manager_a.id})
        p = cls.product
        for partner, day, amount in (
                (cls.customer_a, '2030-01-15', 1000), (cls.customer_a, '2030-06-10', 500),
                (cls.customer_a, '2031-01-20', 800),
                (cls.new_customer, '2031-01-05', 2000),
                (cls.lost_customer, '2030-09-10', 1200), (cls.lost_customer, '2030-10-05', 600),
                (cls.moved_customer, '2029-05-01', 100), (cls.moved_customer, '2031-01-10', 400),
                (cls.moved_customer, '2031-01-20', 600)):
            cls._confirmed_order(partner, day, [(p, 1, amount)])
        # handed over from A to B on 16 January (the wizard logs the day it runs)
        wizard = env['customer.handover.wizard'].with_user(cls.supervisor).with_context(
            cm_today='2031-01-16').create({
                'from_user_id': cls.manager_a.id, 'to_user_id': cls.manager_b.id,
                'partner_ids': [Command.set(cls.moved_customer.ids)]})
        wizard.action_handover()
        cls.Statement = env['customer.incentive.statement']
        cls.Statement.cron_compute_incentive_statements()

    def _statement(self, user, month=JANUARY):
        return self.Statement.search([('user_id', '=', user.id), ('month', '=', month),
                                      ('company_id', '=', self.env.company.id)])

    def _lines(self, statement):
        return {line.partner_id: (line.rule, line.sales, line.commission, line.deduction,
                                  line.amount) for line in statement.line_ids}

    def test_handover_is_logged(self):
        log = self.env['customer.handover.log'].search(
            [('partner_id', '=', self.moved_customer.id)])
        self.assertEqual((log.date, log.from_user_id, log.to_user_id),
                         (datetime.date(2031, 1, 16), self.manager_a, self.manager_b))

    def test_statement_lines_and_totals(self):
        statement_a = self._statement(self.manager_a)
        self.assertEqual(self._lines(statement_a), {
            # 800 × 2 %; January 2030's 1000 dropped by 200 (> 10 %): 200 × 10 %
            self.customer_a: ('dropped', 800, 16, 20, -4),
            self.new_customer: ('new', 2000, 100, 0, 100),
            # the orders before the hand-over of 16 January
            self.moved_customer: ('kept', 400, 8, 0, 8),
        })
        self.assertEqual((statement_a.customers_won, statement_a.new_customer_target,
                          statement_a.is_target_met, statement_a.bonus),
                         (1, 1, True, 300))
        self.assertEqual((statement_a.commission_total, statement_a.deduction_total,
                          statement_a.total), (124, 20, 404))
        self.assertEqual(statement_a.plan_id, self.plan)
        statement_b = self._statement(self.manager_b)
        self.assertEqual(self._lines(statement_b), {
            # last order in October, lost after 3 months: 1800 / 12 × 50 %
            self.lost_customer: ('lost', 0, 0, 75, -75),
            self.moved_customer: ('kept', 600, 12, 0, 12),
        })
        self.assertEqual((statement_b.is_target_met, statement_b.bonus, statement_b.total),
                         (False, 0, -63))
        self.assertEqual(statement_b.currency_id, self.env.company.currency_id)

    def _rows(self):
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT 's', id, write_date, customers_won FROM customer_incentive_statement
            UNION ALL SELECT 'l', id, write_date, amount FROM customer_incentive_statement_line
            ORDER BY 1, 2""")
        return self.env.cr.fetchall()

    def test_twice_changes_nothing(self):
        before = self._rows()
        self.assertTrue(self.Statement.cron_compute_incentive_statements())
        self.assertEqual(self._rows(), before)

    def test_supervisor_computes_now(self):
        """The supervisors' menu runs the job at once: a new order shows without waiting for
        the night."""
        self._confirmed_order(self.new_customer, '2031-02-03', [(self.product, 1, 1000)])
        action = self.Statement.with_user(self.supervisor).action_compute_now()
        self.assertEqual(action['res_model'], 'customer.incentive.statement')
        february_a = self._statement(self.manager_a, FEBRUARY)
        self.assertEqual(self._lines(february_a), {self.new_customer: ('new', 1000, 50, 0, 50)})
        with self.assertRaises(AccessError):
            self.Statement.with_user(self.manager_a).action_compute_now()

    def test_confirm_locks_and_corrections(self):
        january_a = self._statement(self.manager_a)
        with self.assertRaises(AccessError):
            january_a.with_user(self.manager_a).action_confirm()
        february_a = self._statement(self.manager_a, FEBRUARY) or self.Statement.create({
            'user_id': self.manager_a.id, 'month': FEBRUARY})
        with self.assertRaisesRegex(UserError, 'not over'):
            february_a.with_user(self.supervisor).action_confirm()
        Wizard = self.env['customer.incentive.correction.wizard'].with_user(self.supervisor)
        with self.assertRaisesRegex(UserError, 'still open'):
            Wizard.create({'statement_id': january_a.id, 'amount': 10,
                           'reason': 'Too early'}).action_apply()
        january_a.with_user(self.supervisor).action_confirm()
        self.assertEqual((january_a.state, january_a.confirmed_uid),
                         ('confirmed', self.supervisor))
        # a late January order and a rerun: the confirmed statement does not move
        before = self._lines(january_a)
        self._confirmed_order(self.customer_a, '2031-01-28', [(self.product, 1, 5000)])
        self.Statement.cron_compute_incentive_statements()
        january_a.invalidate_recordset()
        self.assertEqual(self._lines(january_a), before)
        with self.assertRaisesRegex(UserError, 'confirmed'):
            january_a.with_user(self.supervisor).write({'customers_won': 5})
        with self.assertRaises(AccessError):
            january_a.line_ids[0].with_user(self.supervisor).write({'amount': 1})
        # the correction: a new line with who and why
        Wizard.create({'statement_id': january_a.id, 'partner_id': self.customer_a.id,
                       'amount': 100, 'reason': 'Late order of 28 January'}).action_apply()
        correction = january_a.line_ids.filtered(lambda line: line.rule == 'correction')
        self.assertEqual((correction.amount, correction.note, correction.create_uid),
                         (100, 'Late order of 28 January', self.supervisor))
        self.assertEqual((january_a.correction_total, january_a.total), (100, 504))
        # and the next run keeps it
        self.Statement.cron_compute_incentive_statements()
        self.assertIn(correction, january_a.line_ids)

    def test_each_manager_reads_his_own(self):
        statement_a, statement_b = self._statement(self.manager_a), self._statement(
            self.manager_b)
        Statement = self.Statement.with_user(self.manager_a)
        self.assertEqual(Statement.search([('month', '=', JANUARY)]), statement_a)
        Line = self.env['customer.incentive.statement.line'].with_user(self.manager_a)
        self.assertEqual(Line.search([('month', '=', JANUARY)]), statement_a.line_ids)
        with self.assertRaises(AccessError):
            statement_b.with_user(self.manager_a).read(['total'])
        seen = self.Statement.with_user(self.supervisor).search([('month', '=', JANUARY)])
        self.assertLessEqual(statement_a | statement_b, seen)
        self.assertEqual(self.env['customer.incentive.plan'].with_user(self.manager_a).search(
            [('id', '=', self.plan.id)]), self.plan)

    def test_pdf(self):
        statement = self._statement(self.manager_a)
        Report = self.env['ir.actions.report'].with_user(self.manager_a)
        html = Report._render_qweb_html(REPORT, statement.ids)[0].decode()
        for text in ('Incentive Statement', 'Account Manager A', '2031-01', 'Won in January',
                     'New customer', 'Dropped customer', 'target met'):
            self.assertIn(text, html)
        self.env['ir.config_parameter'].sudo().set_param('report.url', 'http://127.0.0.1:9')
        pdf, fmt = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            REPORT, statement.ids)
        self.assertEqual(fmt, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
