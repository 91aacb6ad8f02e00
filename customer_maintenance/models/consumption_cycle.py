# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import html_escape, split_every

from ..services import consumption as estimation
from .cron_lock import single_run

_logger = logging.getLogger(__name__)

ANOMALIES = [('none', 'Normal'), ('rising', 'Rising'), ('falling', 'Falling')]
LOOKBACK_KEY = 'customer_maintenance.consumption_lookback_months'
FACTOR_KEY = 'customer_maintenance.consumption_anomaly_factor'
LEAD_KEY = 'customer_maintenance.consumption_reminder_lead_days'
BATCH_SIZE = 200

# The stored figures learned from the orders, in the column order of the SQL below.
LEARNED_COLUMNS = (
    'user_id', 'order_count', 'first_order_date', 'last_order_date', 'last_qty', 'avg_qty',
    'avg_interval_days', 'interval_stddev_days', 'daily_rate', 'next_due_date', 'anomaly',
    'anomaly_ratio', 'state',
)

# One pass over the confirmed order lines: per commercial partner × product × day (merged),
# lag() for the gaps, medians (percentile_cont) for the robust figures, then an upsert that
# writes only the rows whose figures changed. The math is documented in services/consumption.py.

# The next due date of an existing row: the manager's known interval (only on existing rows)
# overrides the learned one; same formula as services/consumption.py next_due_date.
DUE_EXPR = """CASE WHEN c.manual_interval_days > 0 THEN EXCLUDED.last_order_date + floor(
           c.manual_interval_days * COALESCE(LEAST(%(size_max)s, GREATEST(%(size_min)s,
               EXCLUDED.last_qty / NULLIF(EXCLUDED.avg_qty, 0))), 1.0) + 0.5)::int
           ELSE EXCLUDED.next_due_date END"""

LEARN_QUERY = """
WITH days AS (
    SELECT p.commercial_partner_id AS partner_id, l.product_id,
           o.confirmation_date::date AS day,
           SUM(l.product_uom_qty / lu.factor * pu.factor)::float8 AS qty
      FROM sale_order_line l
      JOIN sale_order o ON o.id = l.order_id
      JOIN res_partner p ON p.id = o.partner_id
      JOIN product_product pp ON pp.id = l.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_uom lu ON lu.id = l.product_uom
      JOIN product_uom pu ON pu.id = pt.uom_id
     WHERE o.state IN ('sale', 'done')
       AND o.confirmation_date >= %(date_from)s
       AND o.confirmation_date < %(date_to)s
       AND l.product_uom_qty > 0
       AND p.commercial_partner_id IS NOT NULL
     GROUP BY 1, 2, 3
), seq AS (
    SELECT partner_id, product_id, day, qty,
           day - lag(day) OVER w AS gap,
           lag(qty) OVER w AS prev_qty,
           count(*) OVER (PARTITION BY partner_id, product_id)
               - row_number() OVER w + 1 AS rn_desc
      FROM days
    WINDOW w AS (PARTITION BY partner_id, product_id ORDER BY day)
), stats AS (
    SELECT partner_id, product_id,
           count(*) AS order_count,
           min(day) AS first_day,
           max(day) AS last_day,
           max(qty) FILTER (WHERE rn_desc = 1) AS last_qty,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) AS avg_qty,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS avg_interval,
           stddev_pop(gap)::float8 AS interval_stddev,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap) AS daily_rate,
           sum(prev_qty) FILTER (WHERE rn_desc <= 2)
               / NULLIF(sum(gap) FILTER (WHERE rn_desc <= 2), 0) AS recent_rate,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY prev_qty / gap)
               FILTER (WHERE rn_desc > 2) AS long_rate,
           count(gap) FILTER (WHERE rn_desc > 2) AS earlier_count
      FROM seq
     GROUP BY partner_id, product_id
), learned AS (
    SELECT s.*, rp.user_id,
           CASE WHEN s.earlier_count >= %(min_earlier)s
                     AND s.recent_rate > 0 AND s.long_rate > 0
                THEN round((s.recent_rate / s.long_rate)::numeric, 4)::float8 END AS ratio
      FROM stats s
      JOIN res_partner rp ON rp.id = s.partner_id
)
INSERT INTO customer_consumption_cycle AS c (
    partner_id, product_id, user_id, order_count, first_order_date, last_order_date, last_qty,
    avg_qty, avg_interval_days, interval_stddev_days, daily_rate, next_due_date, anomaly,
    anomaly_ratio, state, anomaly_notified, create_uid, create_date, write_uid, write_date)
SELECT partner_id, product_id, user_id, order_count, first_day, last_day, last_qty,
       avg_qty, avg_interval, interval_stddev, daily_rate,
       CASE WHEN avg_interval > 0 THEN last_day + floor(
           avg_interval * COALESCE(LEAST(%(size_max)s, GREATEST(%(size_min)s,
                                   last_qty / NULLIF(avg_qty, 0))), 1.0) + 0.5)::int
       END,
       CASE WHEN ratio >= %(factor)s THEN 'rising'
            WHEN ratio <= 1.0 / %(factor)s THEN 'falling'
            ELSE 'none' END,
       ratio,
       CASE WHEN order_count >= %(min_active)s THEN 'active' ELSE 'learning' END,
       -- no create_uid/write_uid: the system learned the row (write_date says when), and a
       -- NULL skips two foreign-key checks per row on the first, full insert
       'none', NULL, now() AT TIME ZONE 'UTC', NULL, now() AT TIME ZONE 'UTC'
  FROM learned
    ON CONFLICT (partner_id, product_id) DO UPDATE SET
       user_id = EXCLUDED.user_id, order_count = EXCLUDED.order_count,
       first_order_date = EXCLUDED.first_order_date, last_order_date = EXCLUDED.last_order_date,
       last_qty = EXCLUDED.last_qty, avg_qty = EXCLUDED.avg_qty,
       avg_interval_days = EXCLUDED.avg_interval_days,
       interval_stddev_days = EXCLUDED.interval_stddev_days, daily_rate = EXCLUDED.daily_rate,
       next_due_date = {due_expr}, anomaly = EXCLUDED.anomaly,
       anomaly_ratio = EXCLUDED.anomaly_ratio, state = EXCLUDED.state,
       -- anomaly gone: the next one will be asked about again
       anomaly_notified = CASE WHEN EXCLUDED.anomaly = 'none' THEN 'none'
                               ELSE c.anomaly_notified END,
       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
 WHERE (c.user_id, c.order_count, c.first_order_date, c.last_order_date, c.last_qty, c.avg_qty,
        c.avg_interval_days, c.interval_stddev_days, c.daily_rate, c.next_due_date, c.anomaly,
        c.anomaly_ratio, c.state)
       IS DISTINCT FROM
       (EXCLUDED.user_id, EXCLUDED.order_count, EXCLUDED.first_order_date,
        EXCLUDED.last_order_date, EXCLUDED.last_qty, EXCLUDED.avg_qty,
        EXCLUDED.avg_interval_days, EXCLUDED.interval_stddev_days, EXCLUDED.daily_rate,
        {due_expr}, EXCLUDED.anomaly, EXCLUDED.anomaly_ratio, EXCLUDED.state)
""".replace('{due_expr}', DUE_EXPR)


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
    product_uom_id = fields.Many2one(related='product_id.uom_id', string='Unit of Measure',
                                     readonly=True)
    user_id = fields.Many2one(
        'res.users', string='Account Manager', related='partner_id.user_id', store=True,
        readonly=True, index=True)
    company_id = fields.Many2one(related='partner_id.company_id', readonly=True)
    order_count = fields.Integer(readonly=True, help='Days with an order (same-day orders count once).')
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
    next_due_date = fields.Date(readonly=True, index=True, track_visibility='onchange',
                                help='When the customer should need to reorder.')
    anomaly = fields.Selection(ANOMALIES, required=True, default='none', readonly=True,
                               track_visibility='onchange')
    anomaly_ratio = fields.Float(readonly=True, digits=(16, 2),
                                 help='Recent consumption rate divided by the long-run rate.')
    anomaly_notified = fields.Selection(
        ANOMALIES, required=True, default='none', readonly=True, copy=False,
        help='The anomaly the account manager was last asked about.')
    state = fields.Selection([('learning', 'Learning'), ('active', 'Active')], required=True,
                             default='learning', readonly=True)
    manual_interval_days = fields.Integer(
        string='Known Interval (days)', track_visibility='onchange',
        help='The cycle the customer told you; it overrides the learned interval.')
    note = fields.Text()
    days_to_due = fields.Integer(compute='_compute_today_values', search='_search_days_to_due')
    is_overdue = fields.Boolean(string='Overdue', compute='_compute_today_values',
                                search='_search_is_overdue')
    estimated_stock_qty = fields.Float(
        string='Estimated Stock Left', compute='_compute_today_values', digits=(16, 3),
        help='Last quantity minus what the customer used since, at the usual rate.')

    _sql_constraints = [
        ('partner_product_uniq', 'unique (partner_id, product_id)',
         'There is already a consumption cycle for this customer and product.'),
    ]

    # ------------------------------------------------------------------ today-dependent values
    @api.model
    def _today(self):
        """Today as a date: the `cm_today` context key (tests, simulations) or the user's day."""
        today = self.env.context.get('cm_today') or fields.Date.context_today(self)
        return fields.Date.from_string(today) if isinstance(today, str) else today

    @api.multi
    @api.depends('next_due_date', 'last_order_date', 'last_qty', 'daily_rate')
    def _compute_today_values(self):
        today = self._today()
        for cycle in self:
            due = fields.Date.from_string(cycle.next_due_date)
            cycle.days_to_due = (due - today).days if due else 0
            cycle.is_overdue = bool(due and due < today)
            last = fields.Date.from_string(cycle.last_order_date)
            if last and cycle.daily_rate:
                used = cycle.daily_rate * max(0, (today - last).days)
                cycle.estimated_stock_qty = max(0.0, cycle.last_qty - used)
            else:
                cycle.estimated_stock_qty = 0.0

    @api.model
    def _search_days_to_due(self, operator, value):
        if operator not in ('<', '<=', '>', '>=', '=', '!=') or not isinstance(value, int):
            raise ValidationError(_('Days to due can only be compared with a whole number.'))
        day = fields.Date.to_string(self._today() + datetime.timedelta(days=value))
        return [('next_due_date', operator, day)]

    @api.model
    def _search_is_overdue(self, operator, value):
        today = fields.Date.to_string(self._today())
        overdue = (operator == '=') == bool(value)
        if overdue:
            return [('next_due_date', '<', today)]
        return ['|', ('next_due_date', '=', False), ('next_due_date', '>=', today)]

    # ------------------------------------------------------------------ manager input
    @api.constrains('manual_interval_days')
    def _check_manual_interval_days(self):
        for cycle in self:
            if cycle.manual_interval_days < 0 or cycle.manual_interval_days > 3650:
                raise ValidationError(_(
                    'The known interval of %s must be between 0 (use the learned one) and 3650 '
                    'days.') % cycle.display_name)

    @api.multi
    def write(self, vals):
        # the learned figures belong to the cron; an account manager adds what they know
        learned = set(vals) - set(self._manager_writable_fields())
        if learned and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_(
                'Only the known interval and the note of a consumption cycle can be changed; '
                'the other figures are learned from the orders (fields: %s).')
                % ', '.join(sorted(learned)))
        res = super(CustomerConsumptionCycle, self).write(vals)
        if 'manual_interval_days' in vals:
            # the due date follows the manager's interval at once, not at the next cron run
            for cycle in self.sudo():
                due = estimation.next_due_date(
                    fields.Date.from_string(cycle.last_order_date),
                    cycle.manual_interval_days or cycle.avg_interval_days,
                    cycle.last_qty, cycle.avg_qty)
                due = fields.Date.to_string(due) if due else False
                if due != cycle.next_due_date:
                    super(CustomerConsumptionCycle, cycle).write({'next_due_date': due})
        return res

    @api.model
    def _manager_writable_fields(self):
        return [name for name in self._fields
                if name in ('manual_interval_days', 'note')
                or name.startswith(('message_', 'activity_'))]

    @api.multi
    def name_get(self):
        return [(cycle.id, '%s / %s' % (cycle.partner_id.display_name,
                                         cycle.product_id.display_name)) for cycle in self]

    # ------------------------------------------------------------------ learning
    @api.model
    def _consumption_settings(self):
        settings = self.env['res.config.settings']
        months = settings.cm_get_param(LOOKBACK_KEY, int, 24)
        factor = settings.cm_get_param(FACTOR_KEY, float, 1.5)
        lead = settings.cm_get_param(LEAD_KEY, int, 7)
        if months <= 0 or factor <= 1.0 or lead < 0:
            raise ValidationError(_(
                'Consumption cycle settings are invalid: the look-back must be at least one '
                'month, the anomaly factor above 1 and the reminder lead time not negative.'))
        return months, factor, lead

    @api.model
    @single_run('learn_consumption_cycles')
    def cron_learn_consumption_cycles(self):
        """Scheduled action: learn every cycle from the orders, plan the calls, flag anomalies."""
        today = self._today()
        self._learn_consumption_cycles(today)
        self._plan_replenishment_reminders(today)
        self._notify_consumption_anomalies(today)
        return True

    @api.model
    def _learn_consumption_cycles(self, today):
        """Learn all cycles in one SQL statement; returns the number of rows written."""
        if isinstance(today, str):
            today = fields.Date.from_string(today)
        months, factor, _lead = self._consumption_settings()
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        date_from = datetime.date(year, month + 1, min(today.day, 28))
        self.check_access_rights('create')
        self.env.cr.execute(LEARN_QUERY, {
            'date_from': fields.Date.to_string(date_from),
            'date_to': fields.Date.to_string(today + datetime.timedelta(days=1)),
            'factor': factor, 'min_active': estimation.MIN_ACTIVE_ORDERS,
            'min_earlier': estimation.MIN_EARLIER_INTERVALS,
            'size_min': estimation.SIZE_FACTOR_MIN, 'size_max': estimation.SIZE_FACTOR_MAX,
        })
        count = self.env.cr.rowcount
        self.invalidate_cache()
        _logger.info('consumption cycles: %d learned or changed (look-back from %s)',
                     count, date_from)
        return count

    # ------------------------------------------------------------------ reminders and anomalies
    @api.model
    def _run_in_batches(self, ids, method, what):
        """Call method(records) per batch in a savepoint; a failing batch is retried record by
        record so that one bad record is logged with its id and skipped."""
        done = 0
        commit = self.env.context.get('cm_cron_commit')
        for batch in split_every(BATCH_SIZE, ids):
            records = self.browse(batch)
            try:
                with self.env.cr.savepoint():
                    method(records)
                done += len(records)
            except Exception:
                for record in records:
                    try:
                        with self.env.cr.savepoint():
                            method(record)
                        done += 1
                    except Exception:
                        _logger.exception('%s: consumption cycle %d skipped', what, record.id)
            if commit:
                self.env.cr.commit()
        return done

    @api.model
    def _plan_replenishment_reminders(self, today):
        """Plan one replenishment call per due occurrence, reminder_lead_days before it.

        Set-based: per batch one INSERT of the events (the unique index on cycle and due date
        keeps it idempotent) and one of their activities, as the relationship planner does.
        A batch that fails is retried record by record through the ORM, so that one bad
        record is logged with its id and skipped."""
        if isinstance(today, str):
            today = fields.Date.from_string(today)
        _months, _factor, lead = self._consumption_settings()
        # due within the lead time and not yet past: cycles overdue before they were ever
        # planned show in red instead of raising stale calls
        self.env.cr.execute("""
            SELECT c.id, c.partner_id, c.product_id, c.next_due_date,
                   COALESCE(c.user_id, p.user_id), p.company_id
              FROM customer_consumption_cycle c
              JOIN res_partner p ON p.id = c.partner_id
             WHERE c.next_due_date BETWEEN %(today)s AND %(today)s::date + %(lead)s
               AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                                WHERE e.consumption_cycle_id = c.id
                                  AND e.consumption_due_date = c.next_due_date)
             ORDER BY c.id""", {'today': fields.Date.to_string(today), 'lead': lead})
        rows = self.env.cr.fetchall()
        products = dict(self.env['product.product'].browse(
            list({row[2] for row in rows})).name_get())
        label = _('Replenishment call: %s (due %s)')
        default_company = self.env.user.company_id.id
        Event = self.env['customer.relationship.event'].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        commit = self.env.context.get('cm_cron_commit')
        done = 0
        for batch in split_every(BATCH_SIZE * 25, rows, list):
            columns = {'name': [], 'partner': [], 'user': [], 'date': [], 'cycle': [],
                       'due': [], 'company': []}
            for cycle_id, partner_id, product_id, due, user_id, company_id in batch:
                due_date = fields.Date.from_string(due)
                for key, value in (
                        ('name', label % (products[product_id], due)),
                        ('partner', partner_id), ('user', user_id), ('cycle', cycle_id),
                        ('date', fields.Date.to_string(
                            max(today, due_date - datetime.timedelta(days=lead)))),
                        ('due', due), ('company', company_id or default_company)):
                    columns[key].append(value)
            try:
                with self.env.cr.savepoint():
                    self.env.cr.execute("""
                        INSERT INTO customer_relationship_event
                               (name, partner_id, user_id, kind, channel, state, date,
                                consumption_cycle_id, consumption_due_date, company_id, cost,
                                gift_value, create_uid, create_date, write_uid, write_date)
                        SELECT n, pid, usr, 'periodic', 'call', 'planned', d, cyc, due, cmp,
                               0, 0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                               now() AT TIME ZONE 'UTC'
                          FROM unnest(%(name)s::varchar[], %(partner)s::int[], %(user)s::int[],
                                      %(date)s::date[], %(cycle)s::int[], %(due)s::date[],
                                      %(company)s::int[]) AS x(n, pid, usr, d, cyc, due, cmp)
                        ON CONFLICT DO NOTHING
                        RETURNING id""", dict(columns, uid=self.env.uid))
                    event_ids = [row[0] for row in self.env.cr.fetchall()]
                    Event._planner_create_activities(event_ids)
                done += len(event_ids)
            except Exception:
                _logger.exception('replenishment reminders: batch of cycles %s..%s failed, '
                                  'retried one by one', batch[0][0], batch[-1][0])

                def plan(cycles):
                    for cycle in cycles:
                        Event.create(cycle._prepare_replenishment_event_vals(today, lead))
                done += self.with_context(cm_cron_commit=False)._run_in_batches(
                    [row[0] for row in batch], plan, 'replenishment reminders')
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        Event.invalidate_cache()
        self.env['mail.activity'].invalidate_cache()
        _logger.info('consumption cycles: %d replenishment calls planned', done)
        return done

    @api.multi
    def _prepare_replenishment_event_vals(self, today, lead):
        self.ensure_one()
        due = fields.Date.from_string(self.next_due_date)
        day = max(today, due - datetime.timedelta(days=lead))
        return {
            'name': _('Replenishment call: %s (due %s)') % (
                self.product_id.display_name, self.next_due_date),
            'partner_id': self.partner_id.id,
            'user_id': self.user_id.id or False,
            'kind': 'periodic',
            'channel': 'call',
            'state': 'planned',
            'date': fields.Date.to_string(day),
            'consumption_cycle_id': self.id,
            'consumption_due_date': self.next_due_date,
            'company_id': self.partner_id.company_id.id or self.env.user.company_id.id,
        }

    @api.model
    def _notify_consumption_anomalies(self, today):
        """One activity for the account manager per new anomaly: ask the customer why.

        Set-based: per batch one INSERT of the activities, one of the account managers as
        followers of the cycles (with the default subtypes, as message_subscribe does) and
        one UPDATE of anomaly_notified. A batch that fails is retried record by record through
        the ORM, so that one bad record is logged with its id and skipped."""
        if isinstance(today, str):
            today = fields.Date.from_string(today)
        self.env.cr.execute("""
            SELECT c.id, c.anomaly, c.anomaly_ratio, c.product_id, p.display_name,
                   COALESCE(c.user_id, %(uid)s), u.partner_id, u.share
              FROM customer_consumption_cycle c
              JOIN res_partner p ON p.id = c.partner_id
              JOIN res_users u ON u.id = COALESCE(c.user_id, %(uid)s)
             WHERE c.anomaly <> 'none' AND c.anomaly <> c.anomaly_notified
             ORDER BY c.id""", {'uid': self.env.uid})
        rows = self.env.cr.fetchall()
        model = self.env['ir.model']._get(self._name)
        activity_type = self.env.ref('mail.mail_activity_data_call', raise_if_not_found=False)
        Activity = self.env['mail.activity'].sudo()
        products = dict(self.env['product.product'].browse(
            list({row[3] for row in rows})).name_get())
        summaries = {'rising': _('Consumption rising: ask the customer why'),
                     'falling': _('Consumption falling: ask the customer why')}
        note_label = _('%s: recent consumption is %.2f× the usual rate.')
        default, _internal, external = self.env['mail.message.subtype'].default_subtypes(
            self._name)
        commit = self.env.context.get('cm_cron_commit')
        deadline = fields.Date.to_string(today)
        done = 0
        notified_users = set()
        for batch in split_every(BATCH_SIZE * 25, rows, list):
            columns = {'cycle': [], 'name': [], 'summary': [], 'note': [], 'user': [],
                       'partner': [], 'subtypes': []}
            for cycle_id, anomaly, ratio, product_id, partner_name, user_id, user_partner, \
                    share in batch:
                name = '%s / %s' % (partner_name, products[product_id])
                for key, value in (
                        ('cycle', cycle_id), ('name', name),
                        ('summary', summaries.get(anomaly, summaries['falling'])),
                        # plain text made HTML by escaping, not by the Html field's
                        # sanitizer: that parses every note (7 s for 26k anomalies at 200k
                        # customers) and took a "<b>" in a customer's name for markup
                        ('note', '<p>%s</p>' % html_escape(note_label % (name, ratio or 0.0))),
                        ('user', user_id), ('partner', user_partner),
                        ('subtypes', '{%s}' % ','.join(
                            str(i) for i in (external if share else default).ids))):
                    columns[key].append(value)
            try:
                with self.env.cr.savepoint():
                    self.env.cr.execute("""
                        INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name,
                               summary, note, activity_type_id, date_deadline, user_id,
                               create_uid, create_date, write_uid, write_date)
                        SELECT cyc, %(model_id)s, %(model)s, n, s, nt, %(type)s, %(deadline)s,
                               usr, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                               now() AT TIME ZONE 'UTC'
                          FROM unnest(%(cycle)s::int[], %(name)s::varchar[],
                                      %(summary)s::varchar[], %(note)s::text[], %(user)s::int[])
                               AS x(cyc, n, s, nt, usr)""",
                        dict(columns, model_id=model.id, model=self._name, uid=self.env.uid,
                             deadline=deadline, type=activity_type and activity_type.id))
                    # the account manager follows the cycle, as message_subscribe would do
                    self.env.cr.execute("""
                        WITH f AS (
                            INSERT INTO mail_followers (res_model, res_id, partner_id)
                            SELECT DISTINCT %(model)s, cyc, pid
                              FROM unnest(%(cycle)s::int[], %(partner)s::int[]) AS x(cyc, pid)
                             WHERE pid IS NOT NULL
                            ON CONFLICT DO NOTHING
                            RETURNING id, res_id, partner_id
                        )
                        INSERT INTO mail_followers_mail_message_subtype_rel
                               (mail_followers_id, mail_message_subtype_id)
                        SELECT DISTINCT f.id, unnest(x.st::int[])
                          FROM f JOIN unnest(%(cycle)s::int[], %(partner)s::int[],
                                             %(subtypes)s::varchar[]) AS x(cyc, pid, st)
                            ON x.cyc = f.res_id AND x.pid = f.partner_id""",
                        dict(columns, model=self._name))
                    self.env.cr.execute(
                        "UPDATE customer_consumption_cycle SET anomaly_notified = anomaly "
                        "WHERE id = ANY(%s)", (columns['cycle'],))
                done += len(batch)
                notified_users.update(zip(columns['user'], columns['partner']))
            except Exception:
                _logger.exception('anomaly activities: batch of cycles %s..%s failed, '
                                  'retried one by one', batch[0][0], batch[-1][0])
                done += self.with_context(cm_cron_commit=False, cm_today=deadline)._run_in_batches(
                    [row[0] for row in batch], lambda cycles: cycles._notify_anomaly_orm(),
                    'anomaly activities')
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if deadline <= fields.Date.today():
            # the activity counter of each account manager's systray, once per user
            for _user_id, partner_id in notified_users:
                self.env['bus.bus'].sendone(
                    (self._cr.dbname, 'res.partner', partner_id),
                    {'type': 'activity_updated', 'activity_created': True})
        self.invalidate_cache(['anomaly_notified', 'activity_ids', 'message_follower_ids'])
        self.env['mail.activity'].invalidate_cache()
        _logger.info('consumption cycles: %d anomaly activities', done)
        return done

    @api.multi
    def _notify_anomaly_orm(self):
        """The ORM path for one batch of cycles (the fallback of a failing batch)."""
        today = fields.Date.to_string(self._today())
        model = self.env['ir.model']._get(self._name)
        activity_type = self.env.ref('mail.mail_activity_data_call', raise_if_not_found=False)
        Activity = self.env['mail.activity'].sudo()
        for cycle in self:
            Activity.create({
                'res_model_id': model.id, 'res_id': cycle.id,
                'activity_type_id': activity_type.id if activity_type else False,
                'user_id': cycle.user_id.id or self.env.uid,
                'date_deadline': today,
                'summary': (_('Consumption rising: ask the customer why')
                            if cycle.anomaly == 'rising' else
                            _('Consumption falling: ask the customer why')),
                'note': _('%s: recent consumption is %.2f× the usual rate.') % (
                    cycle.display_name, cycle.anomaly_ratio),
            })
        self.env.cr.execute(
            "UPDATE customer_consumption_cycle SET anomaly_notified = anomaly WHERE id IN %s",
            (tuple(self.ids),))
