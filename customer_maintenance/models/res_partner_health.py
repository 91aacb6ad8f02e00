# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..queries import customer_health
from ..services import health
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .customer_health_history import HEALTH_LABELS

_logger = logging.getLogger(__name__)

LOST_FIELDS = ['health_lost_' + factor for factor in health.FACTORS]
HEALTH_WRITTEN_FIELDS = ['health_score', 'health_label', 'health_date', 'health_at_risk_date'] \
    + LOST_FIELDS
OVERRIDE_FIELDS = ['health_override_label', 'health_override_reason', 'health_override_until']


def _lost_field(string, help_text):
    # a float8 column (no digits): the nightly statement compares it with what it computes
    return fields.Float(string=string, readonly=True, help=help_text)


class ResPartner(models.Model):
    """The customer health score (0-100) and its reasons, nightly, in one SQL statement
    (queries/customer_health.py, its formula in services/health.py); a supervisor's override
    of the label, with its reason, until a date."""
    _inherit = 'res.partner'

    health_score = fields.Integer(string='Health Score', readonly=True, aggregator='avg',
                                  help='100 minus the points the factors below lose.')
    health_label = fields.Selection(HEALTH_LABELS, string='Scored Health', readonly=True,
                                    index=True)
    health_date = fields.Date(string='Scored On', readonly=True,
                              help='The day the score was measured from.')
    health_lost_recency = _lost_field(
        'Lost: Due and Lapsed Cycles',
        "Of the customer's cycles, the lapsed count whole and the overdue half.")
    health_lost_trend = _lost_field(
        'Lost: Order Trend', 'The drop of the sales of the last 6 months against the 6 before.')
    health_lost_contacts = _lost_field(
        'Lost: Missed Contacts',
        'The contacts the tier asks for over the last 90 days not made on time.')
    health_lost_receivables = _lost_field(
        'Lost: Overdue Receivables', 'The share of the open invoices past due.')
    health_lost_anomalies = _lost_field(
        'Lost: Consumption Anomalies',
        'The share of the cycles with a rising or falling consumption.')
    health_override_label = fields.Selection(
        HEALTH_LABELS, string='Health Set By Supervisor', tracking=True,
        help='Replaces the scored health until the date below.')
    health_override_reason = fields.Char(string='Reason of the Override', tracking=True)
    health_override_until = fields.Date(string='Override Until', tracking=True)
    health_status = fields.Selection(
        HEALTH_LABELS, string='Health', compute='_compute_health_status',
        search='_search_health_status',
        help='The supervisor\'s override while it lasts, else the scored health.')
    health_history_ids = fields.One2many('customer.health.history', 'partner_id',
                                         string='Health by Month', readonly=True)

    # ---------------------------------------------------------------- the label in force
    def _override_active(self, today):
        return bool(self.health_override_label and self.health_override_until
                    and self.health_override_until >= today)

    @api.depends('health_label', 'health_override_label', 'health_override_until')
    @api.depends_context('cm_today', 'tz')
    def _compute_health_status(self):
        today = cm_today(self.env)
        for partner in self:
            partner.health_status = (partner.health_override_label
                                     if partner._override_active(today)
                                     else partner.health_label) or False

    def _search_health_status(self, operator, value):
        if operator not in ('=', '!=', 'in', 'not in'):
            raise ValidationError(_('Health can only be searched as one or several labels.'))
        values = [value] if operator in ('=', '!=') else list(value)
        today = cm_today(self.env)
        overridden = ['&', ('health_override_label', '!=', False),
                      ('health_override_until', '>=', today)]
        domain = ['|', '&', *overridden, ('health_override_label', 'in', values),
                  '&', '!', *overridden, ('health_label', 'in', values)]
        return domain if operator in ('=', 'in') else ['!', *domain]

    # ---------------------------------------------------------------- bad input, rights
    @api.constrains('health_score')
    def _check_health_score(self):
        for partner in self:
            if not 0 <= partner.health_score <= 100:
                raise ValidationError(_(
                    '%(customer)s: a health score goes from 0 to 100 (got %(score)s).',
                    customer=partner.display_name, score=partner.health_score))

    @api.constrains(*OVERRIDE_FIELDS)
    def _check_health_override(self):
        for partner in self:
            if partner.health_override_label and not (
                    (partner.health_override_reason or '').strip()
                    and partner.health_override_until):
                raise ValidationError(_(
                    '%s: say why you set the health by hand and until when (a reason and a '
                    'date): the score takes over again after that date.',
                    partner.display_name))

    @api.model
    def _check_job_field_rights(self, vals):
        super()._check_job_field_rights(vals)
        self._check_health_rights(vals)

    @api.model
    def _check_health_rights(self, vals):
        written = set(HEALTH_WRITTEN_FIELDS + OVERRIDE_FIELDS).intersection(vals)
        if written and not self.env.is_superuser() \
                and not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_(
                'Only a supervisor can set the health of a customer by hand (fields: %s).',
                ', '.join(sorted(written))))

    # ---------------------------------------------------------------- the nightly job
    @api.model
    @single_run('score_customer_health')
    def cron_score_customer_health(self, today=None, automatic=False):
        """Score every customer in one SQL statement; write only the changed ones and the
        month's history row; then plan the win-back calls of the customers turned at risk
        (res_partner_win_back.py). Idempotent."""
        day = cm_today(self.env, today)
        weights = self.env['res.config.settings']._cm_health_weights()
        self.env.flush_all()
        query = customer_health.score_customers(
            today=day, trend_start=day - relativedelta(months=2 * health.TREND_MONTHS),
            trend_middle=day - relativedelta(months=health.TREND_MONTHS), weights=weights,
            uid=self.env.uid)
        with self.env.cr.savepoint():
            updated, history = self.env.execute_query(query)[0]
        self.invalidate_model(HEALTH_WRITTEN_FIELDS + ['health_history_ids'])
        self.env['customer.health.history'].invalidate_model()
        self._plan_win_back_calls(day, automatic=automatic)
        _logger.info('customer_maintenance: health of %s: %d customers updated, %d history '
                     'rows', day, updated, history)
        if automatic:
            self.env['ir.cron']._notify_progress(done=updated, remaining=0)
        return {'updated': updated, 'history': history}
