# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging
from collections import Counter

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..queries import consumption as queries
from ..services import consumption as estimation
from ..tools.activities import create_activities
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.settings import settings
from ..tools.today import today as cm_today
from ..tools.today import today_tz

_logger = logging.getLogger(__name__)

ANOMALIES = [('none', 'Normal'), ('rising', 'Rising'), ('falling', 'Falling')]
# cycles per batch of the nightly work (anomaly activities, replenishment calls): each batch
# commits and reports progress; 80k calls a night at 200k customers
BATCH_SIZE = 1000
MANAGER_FIELDS = ('manual_interval_days', 'note')


class CustomerConsumptionCycle(models.Model):
    """How often a customer reorders a product and when it will need it again (客戶用油周期表)."""
    _name = 'customer.consumption.cycle'
    _description = 'Consumption Cycle'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'next_due_date, partner_id, product_id'

    # no index of its own: the unique (partner_id, product_id) index serves partner look-ups,
    # and each index costs time on the nightly upsert of every cycle
    partner_id = fields.Many2one(
        'res.partner', string='Customer', required=True, ondelete='cascade',
        readonly=True, domain=[('parent_id', '=', False)])
    product_id = fields.Many2one(
        'product.product', string='Product', required=True, index=True, ondelete='cascade',
        readonly=True)
    product_uom_id = fields.Many2one(related='product_id.uom_id', string='Unit of Measure')
    user_id = fields.Many2one(
        'res.users', string='Account Manager', related='partner_id.user_id', store=True,
        index=True)
    company_id = fields.Many2one(related='partner_id.company_id')
    order_count = fields.Integer(
        readonly=True, help='Days with an order (same-day orders count once).')
    first_order_date = fields.Date(readonly=True)
    last_order_date = fields.Date(readonly=True)
    last_qty = fields.Float(string='Last Quantity', readonly=True, digits=(16, 3))
    avg_qty = fields.Float(string='Usual Quantity', readonly=True, digits=(16, 3),
                           help='Median quantity per order, in the product unit of measure.')
    avg_interval_days = fields.Float(
        string='Usual Interval (days)', readonly=True, digits=(16, 1),
        help='Median number of days between two orders.')
    interval_stddev_days = fields.Float(string='Interval Spread (days)', readonly=True,
                                        digits=(16, 1))
    daily_rate = fields.Float(string='Daily Consumption', readonly=True, digits=(16, 3),
                              help='Median quantity used per day, in the product unit of measure.')
    next_due_date = fields.Date(readonly=True, index=True, tracking=True,
                                help='When the customer should need to reorder.')
    lapse_date = fields.Date(
        readonly=True, index=True,
        help='From this day the customer, overdue by more than two of its intervals, is no '
             'longer due a replenishment: it is a lapsed customer to win back.')
    anomaly = fields.Selection(ANOMALIES, required=True, default='none', readonly=True,
                               tracking=True)
    anomaly_ratio = fields.Float(readonly=True, digits=(16, 2),
                                 help='Recent consumption rate divided by the long-run rate.')
    anomaly_notified = fields.Selection(
        ANOMALIES, required=True, default='none', readonly=True, copy=False,
        help='The anomaly the account manager was last asked about.')
    state = fields.Selection([('learning', 'Learning'), ('active', 'Active')], required=True,
                             default='learning', readonly=True)
    manual_interval_days = fields.Integer(
        string='Known Interval (days)', tracking=True,
        help='The cycle the customer told you; it overrides the learned interval.')
    note = fields.Text()
    days_to_due = fields.Integer(compute='_compute_today_values', search='_search_days_to_due')
    is_overdue = fields.Boolean(string='Overdue', compute='_compute_today_values',
                                search='_search_is_overdue')
    is_lapsed = fields.Boolean(
        string='Lapsed', compute='_compute_today_values', search='_search_is_lapsed',
        help='Overdue by more than two of its intervals: a lapsed customer to win back, not a '
             'replenishment any more.')
    estimated_stock_qty = fields.Float(
        string='Estimated Stock Left', compute='_compute_today_values', digits=(16, 3),
        help='Last quantity minus what the customer used since, at the usual rate.')

    _sql_constraints = [
        ('partner_product_uniq', 'unique (partner_id, product_id)',
         'There is already a consumption cycle for this customer and product.'),
    ]

    # ------------------------------------------------------------------ today-dependent values
    @api.depends('next_due_date', 'lapse_date', 'last_order_date', 'last_qty', 'daily_rate')
    @api.depends_context('cm_today', 'tz')
    def _compute_today_values(self):
        today = cm_today(self.env)
        for cycle in self:
            due = cycle.next_due_date
            cycle.days_to_due = (due - today).days if due else 0
            cycle.is_overdue = bool(due and due < today)
            cycle.is_lapsed = bool(cycle.lapse_date and cycle.lapse_date <= today)
            cycle.estimated_stock_qty = estimation.estimated_stock(
                cycle.last_order_date, cycle.last_qty, cycle.daily_rate, today)

    def _search_days_to_due(self, operator, value):
        if operator not in ('<', '<=', '>', '>=', '=', '!=') or isinstance(value, bool) \
                or not isinstance(value, int):
            raise ValidationError(_('Days to due can only be compared with a whole number.'))
        return [('next_due_date', operator, cm_today(self.env) + datetime.timedelta(days=value))]

    def _search_is_overdue(self, operator, value):
        if operator not in ('=', '!='):
            raise ValidationError(_('Overdue can only be searched as true or false.'))
        today = cm_today(self.env)
        if (operator == '=') == bool(value):
            return [('next_due_date', '<', today)]
        return ['|', ('next_due_date', '=', False), ('next_due_date', '>=', today)]

    def _search_is_lapsed(self, operator, value):
        if operator not in ('=', '!='):
            raise ValidationError(_('Lapsed can only be searched as true or false.'))
        today = cm_today(self.env)
        if (operator == '=') == bool(value):
            return [('lapse_date', '<=', today)]
        return ['|', ('lapse_date', '=', False), ('lapse_date', '>', today)]

    @api.depends('partner_id', 'product_id')
    def _compute_display_name(self):
        for cycle in self:
            cycle.display_name = '%s / %s' % (cycle.partner_id.display_name or '',
                                               cycle.product_id.display_name or '')

    # ------------------------------------------------------------------ created by hand
    @api.model_create_multi
    def create(self, vals_list):
        # the nightly job writes its cycles by SQL (upsert); a cycle added by hand or imported
        # for a customer and product that have one gets a message, not the database's error
        # (after the access check: a user who may not create learns nothing of the others)
        self.browse().check_access('create')
        keys = [key for key in ((vals.get('partner_id'), vals.get('product_id'))
                                for vals in vals_list) if all(key)]
        # one query for the whole import, not one per new cycle
        taken = {(cycle.partner_id.id, cycle.product_id.id) for cycle in self.sudo().search_fetch(
            [('partner_id', 'in', [p for p, _q in keys]),
             ('product_id', 'in', [q for _p, q in keys])], ['partner_id', 'product_id'])
        } if keys else set()
        counts = Counter(keys)
        for partner_id, product_id in keys:
            if counts[(partner_id, product_id)] > 1 or (partner_id, product_id) in taken:
                raise ValidationError(_(
                    '%(customer)s already has a consumption cycle for %(product)s: open that '
                    'one instead of adding another.',
                    customer=self.env['res.partner'].browse(partner_id).display_name,
                    product=self.env['product.product'].browse(product_id).display_name))
        return super().create(vals_list)

    @api.constrains('partner_id')
    def _check_partner_is_customer(self):
        # the nightly job learns the cycles of the customer (orders of its contacts included):
        # a cycle on a contact person would never be learned, beside the customer's own
        for cycle in self.sudo():
            if cycle.partner_id.parent_id:
                raise ValidationError(_(
                    '%(record)s: the customer must be a company or an individual customer, not '
                    'a contact person (%(contact)s). Choose %(company)s instead.',
                    record=cycle.display_name, contact=cycle.partner_id.display_name,
                    company=cycle.partner_id.commercial_partner_id.display_name))

    # ------------------------------------------------------------------ manager input
    @api.constrains('manual_interval_days')
    def _check_manual_interval_days(self):
        for cycle in self:
            if cycle.manual_interval_days < 0 or cycle.manual_interval_days > 3650:
                raise ValidationError(_(
                    'The known interval of %s must be between 0 (use the learned one) and 3650 '
                    'days.', cycle.display_name))

    def write(self, vals):
        # the learned figures belong to the nightly job; an account manager adds what they know
        learned = {name for name in vals
                   if name not in MANAGER_FIELDS and not name.startswith(('message_', 'activity_'))}
        if learned and not self.env.su \
                and not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_(
                'Only the known interval and the note of a consumption cycle can be changed; '
                'the other figures are learned from the orders (fields: %s).',
                ', '.join(sorted(learned))))
        res = super().write(vals)
        if 'manual_interval_days' in vals and 'next_due_date' not in vals:
            # the due date follows the manager's interval at once, not at the next night
            for cycle in self.sudo():
                interval = cycle.manual_interval_days or cycle.avg_interval_days
                due = estimation.next_due_date(cycle.last_order_date, interval,
                                               cycle.last_qty, cycle.avg_qty)
                dates = {'next_due_date': due or False,
                         'lapse_date': estimation.lapse_date(due, interval) or False}
                if (cycle.next_due_date, cycle.lapse_date) != tuple(dates.values()):
                    super(CustomerConsumptionCycle, cycle).write(dates)
        return res

    # ------------------------------------------------------------------ settings
    @api.model
    def _consumption_settings(self):
        """(look-back months, anomaly factor, reminder lead days) from the settings."""
        values = settings(self.env, 'consumption_lookback_months', 'consumption_anomaly_factor',
                          'reminder_lead_days')
        return (values['consumption_lookback_months'], values['consumption_anomaly_factor'],
                values['reminder_lead_days'])

    @api.model
    def _tz(self):
        """The time zone of "today" (tools/today.py): an order's day is taken in it too."""
        return today_tz(self.env)

    @api.model
    def _utc(self, day, tz):
        """Local midnight of `day` in `tz` as a naive UTC datetime (how date_order is stored)."""
        local = pytz.timezone(tz).localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------ the nightly job
    @api.model
    @single_run('learn_consumption_cycles')
    def cron_learn_consumption_cycles(self, automatic=False):
        """Scheduled action: learn every cycle from the orders, then the work it brings
        (anomaly activities, replenishment calls)."""
        today = cm_today(self.env)
        self._learn_consumption_cycles(today)
        self._cron_consumption_followups(today, automatic=automatic)
        return True

    @api.model
    def _cron_consumption_followups(self, today, automatic=False):
        """What the learned cycles ask the account managers to do (extended by capabilities
        that plan work from the cycles)."""
        self._notify_consumption_anomalies(today, automatic=automatic)

    @api.model
    def _learn_consumption_cycles(self, today=None):
        """Learn all cycles in one SQL statement; returns the number of rows written."""
        self.check_access('create')
        today = cm_today(self.env, today)
        months, factor, _lead = self._consumption_settings()
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        date_from = datetime.date(year, month + 1, min(today.day, 28))
        tz = self._tz()
        self.env.flush_all()  # orders and cycles written by the ORM in this transaction
        self.env.cr.execute(queries.learn_cycles(
            self._utc(date_from, tz), self._utc(today + datetime.timedelta(days=1), tz), tz,
            factor))
        count = self.env.cr.rowcount
        self.invalidate_model()
        # on a first night (or after a large import) the statistics still say the table is
        # (nearly) empty, and the night's next statements join the new cycles by nested
        # loops: 40 s instead of 0.4 s for the anomaly flags of 20k customers
        estimate = self.env.execute_query(queries.table_estimate())[0][0]
        if count > 1000 and count > 0.2 * estimate:
            self.env.cr.execute(queries.analyze_cycles())
        _logger.info('consumption cycles: %d learned or changed (look-back from %s)',
                     count, date_from)
        return count

    # ------------------------------------------------------------------ anomalies
    @api.model
    def _notify_consumption_anomalies(self, today=None, automatic=False):
        """One activity for the account manager per new anomaly: ask the customer why.

        Batched: per batch one create() of the activities (Odoo subscribes each account
        manager to its cycles, as 11.0 did) and one write of `anomaly_notified`; a failing
        batch is retried record by record, and a bad record is logged and skipped."""
        today = cm_today(self.env, today)
        self.env.flush_all()
        self.env.cr.execute(queries.anomalies_to_notify())
        ids = [row[0] for row in self.env.cr.fetchall()]
        cycles = self.sudo()
        done, failed = run_batches(
            self.env, 'consumption anomalies', ids,
            lambda batch: cycles.browse(batch)._create_anomaly_activities(today),
            batch_size=BATCH_SIZE, automatic=automatic)
        _logger.info('consumption cycles: %d anomaly activities, %d skipped',
                     done - len(failed), len(failed))
        return done - len(failed)

    def _prepare_anomaly_activity_vals(self, today, model_id, activity_type):
        """The activity of one cycle's anomaly, in its account manager's language; the note
        is plain text made HTML by escaping (not by the Html field's sanitizer): a "<b>" in a
        customer's name stays text."""
        self.ensure_one()
        user = self.user_id or self.env.user
        env = self.with_context(lang=user.lang or self.env.lang).env
        summary = (env._('Consumption rising: ask the customer why') if self.anomaly == 'rising'
                   else env._('Consumption falling: ask the customer why'))
        text = env._('%s: recent consumption is %.2f× the usual rate.',
                     self.display_name, self.anomaly_ratio or 0.0)
        return {
            'res_model_id': model_id,
            'res_id': self.id,
            'activity_type_id': activity_type.id,
            'user_id': user.id,
            'date_deadline': today,
            'summary': summary,
        }, Markup('<p>%s</p>') % text

    def _create_anomaly_activities(self, today):
        model_id = self.env['ir.model']._get_id(self._name)
        activity_type = self.env.ref('customer_maintenance.mail_activity_type_consumption_anomaly')
        prepared = [cycle._prepare_anomaly_activity_vals(today, model_id, activity_type)
                    for cycle in self]
        # nobody is notified at night: created set-based (tools/activities.py), the notes
        # already escaped HTML (not through the Html field's sanitizer)
        create_activities(self.sudo(), [
            (vals['res_id'], cycle.display_name, vals['summary'], str(note),
             vals['date_deadline'], vals['user_id'], vals['activity_type_id'])
            for cycle, (vals, note) in zip(self, prepared)])
        for anomaly in ('rising', 'falling'):
            self.filtered(lambda c, a=anomaly: c.anomaly == a).write({'anomaly_notified': anomaly})
