# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..queries import incentive_statement
from ..services.incentive import target_met
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .res_config_settings_management import management_param

_logger = logging.getLogger(__name__)

JOB = 'compute_incentive_statements'


class CustomerIncentiveStatement(models.Model):
    """The monthly incentive statement (提成結算單) of an account manager in a company: one
    line per customer with the plan's rule and its amount, the new-customer target and its
    bonus. The nightly job recomputes the open months' draft statements; once the month is
    over the supervisor confirms it, and from then on nothing recomputes or edits it: a
    correction is a new line saying who and why."""
    _name = 'customer.incentive.statement'
    _description = 'Incentive Statement'
    _order = 'month desc, user_id'
    _rec_names_search = ['user_id']

    name = fields.Char(compute='_compute_name')
    user_id = fields.Many2one('res.users', string='Account Manager', required=True,
                              readonly=True, index=True)
    company_id = fields.Many2one('res.company', required=True, readonly=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related='company_id.currency_id')
    month = fields.Date(required=True, readonly=True, index=True,
                        help='The first day of the month.')
    state = fields.Selection([('draft', 'Not Confirmed'), ('confirmed', 'Confirmed')],
                             default='draft',
                             required=True, readonly=True)
    plan_id = fields.Many2one('customer.incentive.plan', string='Incentive Plan', readonly=True,
                              help="The company-wide plan of the month (target and bonus).")
    customers_won = fields.Integer(string='New Customers Won', readonly=True)
    new_customer_target = fields.Integer(string='New-Customer Target', readonly=True)
    is_target_met = fields.Boolean(string='Target Met', compute='_compute_is_target_met')
    bonus = fields.Monetary(string='Target Bonus', readonly=True)
    line_ids = fields.One2many('customer.incentive.statement.line', 'statement_id',
                               string='Lines', readonly=True)
    commission_total = fields.Monetary(string='Commission', compute='_compute_totals')
    deduction_total = fields.Monetary(string='Deductions', compute='_compute_totals')
    correction_total = fields.Monetary(string='Corrections', compute='_compute_totals')
    total = fields.Monetary(compute='_compute_totals')
    confirmed_uid = fields.Many2one('res.users', string='Confirmed By', readonly=True)
    confirmed_date = fields.Datetime(string='Confirmed On', readonly=True)

    _sql_constraints = [
        ('user_company_month_uniq', 'unique(user_id, company_id, month)',
         'One incentive statement per account manager, company and month.'),
    ]

    @api.depends('user_id', 'month')
    def _compute_name(self):
        for statement in self:
            statement.name = '%s %s' % (statement.user_id.name or '',
                                        statement.month and statement.month.strftime('%Y-%m')
                                        or '')

    @api.depends('customers_won', 'new_customer_target')
    def _compute_is_target_met(self):
        for statement in self:
            statement.is_target_met = target_met(statement.customers_won,
                                                 statement.new_customer_target)

    @api.depends('line_ids.commission', 'line_ids.deduction', 'line_ids.amount', 'bonus')
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            corrections = lines.filtered(lambda line: line.rule == 'correction')
            statement.commission_total = sum((lines - corrections).mapped('commission'))
            statement.deduction_total = sum((lines - corrections).mapped('deduction'))
            statement.correction_total = sum(corrections.mapped('amount'))
            statement.total = sum(lines.mapped('amount')) + statement.bonus

    # ------------------------------------------------------------ locking
    def _check_open(self):
        confirmed = self.filtered(lambda statement: statement.state == 'confirmed')
        if confirmed:
            raise UserError(_('The incentive statement %s is confirmed: it can no longer be '
                              'changed. Add a correction instead.', confirmed[0].name))

    def write(self, vals):
        self._check_open()
        return super().write(vals)

    def unlink(self):
        self._check_open()
        return super().unlink()

    def action_confirm(self):
        """Supervisor: confirm the statements of months that are over; they are locked."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can confirm incentive statements.'))
        self._check_open()
        current = cm_today(self.env).replace(day=1)
        running = self.filtered(lambda statement: statement.month >= current)
        if running:
            raise UserError(_('The month of %s is not over: confirm its statement once the '
                              'month has ended.', running[0].name))
        self.sudo().write({'state': 'confirmed', 'confirmed_uid': self.env.uid,
                           'confirmed_date': fields.Datetime.now()})
        return True

    def action_correction(self):
        """Supervisor: open the correction wizard on this statement."""
        self.ensure_one()
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can correct an incentive statement.'))
        action = self.env['ir.actions.act_window']._for_xml_id(
            'customer_maintenance.customer_incentive_correction_wizard_action')
        action['context'] = {'default_statement_id': self.id}
        return action

    # ------------------------------------------------------------ the nightly job
    @api.model
    @single_run(JOB)
    def cron_compute_incentive_statements(self, automatic=False, batch_size=1000):
        """Scheduled action: recompute the draft statements of the month before and of the
        current month, `batch_size` managers per statement (idempotent: same data, same rows,
        nothing written; confirmed statements and corrections are never touched). Returns the
        number of fresh lines."""
        current = cm_today(self.env).replace(day=1)
        lines = 0
        for month in (current - relativedelta(months=1), current):
            self.env.flush_all()
            self.env.cr.execute(incentive_statement.statement_managers(month))
            user_ids = sorted(row[0] for row in self.env.cr.fetchall())

            def compute(ids, month=month):
                nonlocal lines
                lines += self._compute_month(month, ids)

            run_batches(self.env, JOB, user_ids, compute, batch_size=batch_size,
                        automatic=automatic)
        return lines

    @api.model
    def action_compute_now(self):
        """Menu of the supervisors: compute the open months' statements now (after a new
        plan, or a correction of orders), then open them."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can compute the incentive statements.'))
        if self.sudo().cron_compute_incentive_statements() is False:
            raise UserError(_('The incentive statements are being computed by another '
                              'process right now; open them again in a minute.'))
        return self.env['ir.actions.act_window']._for_xml_id(
            'customer_maintenance.customer_incentive_statement_action')

    @api.model
    def _compute_month(self, month, user_ids=None):
        """Bring the draft statements of `month` of `user_ids` to the data as it is now, in
        one statement; returns the number of fresh lines."""
        self.env.flush_all()
        self.env.cr.execute(incentive_statement.statement_upsert(
            month, management_param(self.env, 'kpi_lost_months'), self.env.uid, user_ids))
        fresh, written, deleted, statements = self.env.cr.fetchone()
        self.invalidate_model()
        self.env['customer.incentive.statement.line'].invalidate_model()
        _logger.info('%s %s: %d lines (%d written, %d removed), %d statements written', JOB,
                     month, fresh, written, deleted, statements)
        return fresh
