# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Segmentation of customers (客戶分類): ABC class and key accounts (大客戶), loyalty, purchase
purpose, credit rating, and the protection of what only supervisors decide."""
import datetime
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..queries import abc_classification, segmentation as segmentation_sql
from ..services import segmentation_rules
from ..tools.caller import window_action
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.notify import notification
from ..tools.today import today as cm_today
from .res_config_settings_segmentation import segmentation_config

_logger = logging.getLogger(__name__)

ABC_CLASSES = [('A', 'A'), ('B', 'B'), ('C', 'C')]
LOYALTY_TYPES = [
    ('loyal', 'Loyal'),                 # 忠誠客戶
    ('switcher', 'Brand Switcher'),     # 品牌轉移客戶
    ('none', 'No Brand Loyalty'),       # 無品牌忠誠客戶
]
CREDIT_RATINGS = [('AAA', 'AAA'), ('AA', 'AA'), ('A', 'A'), ('B', 'B'), ('C', 'C')]
# fields only a supervisor may change (the classification itself writes them by SQL);
# customer_tier_id is defined by the team capability (res_partner_team.py)
SUPERVISOR_FIELDS = frozenset([
    'customer_tier_id', 'tier_locked', 'abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share',
    'abc_date', 'is_key_account', 'is_key_account_override', 'credit_rating_override',
])
# managed on the commercial partner; contacts show their company's values
SEGMENTATION_COMMERCIAL_FIELDS = [
    'tier_locked', 'abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share',
    'abc_date', 'is_key_account', 'is_key_account_override', 'loyalty_type',
    'purchase_purpose_ids', 'credit_rating', 'credit_rating_override', 'pipeline_stage',
]
# what the classification writes by SQL (to invalidate afterwards)
ABC_WRITTEN_FIELDS = ['abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share', 'abc_date',
                      'is_key_account', 'customer_tier_id']
CREDIT_BATCH_SIZE = 1000
CREDIT_MONTHS = 12


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # ---------------------------------------------------------------- tier
    tier_locked = fields.Boolean(
        string='Tier Locked', tracking=True,
        help='Keep the tier chosen by hand: the ABC classification never changes it.')

    # ---------------------------------------------------------------- ABC
    abc_class = fields.Selection(
        ABC_CLASSES, string='ABC Class', readonly=True, index=True,
        help='A: the customers that together make the first ~80% of sales over the period; '
             'B: the next ~15%; C: the rest. Empty: no sales in the period. Contacts show '
             'their company\'s class.')
    abc_sales_amount = fields.Float(
        string='ABC Sales', readonly=True, digits=(16, 2),
        help='Untaxed amount of confirmed sale orders over the ABC period, in company currency.')
    abc_rank = fields.Integer(
        string='ABC Rank', readonly=True, aggregator='min',
        help='Position of this customer by sales over the ABC period: 1 sells the most.')
    abc_share = fields.Float(
        string='Cumulative Share (%)', readonly=True, digits=(16, 2), aggregator='max',
        help='Share of sales of this customer and all ranked before it.')
    abc_date = fields.Date(
        string='Classified On', readonly=True,
        help='Day of the last ABC classification (nightly, or Classify Now).')
    abc_history_ids = fields.One2many('customer.abc.history', 'partner_id',
                                      string='ABC History', readonly=True)
    is_key_account = fields.Boolean(
        string='Key Account', index=True, tracking=True,
        help='Key account (大客戶): proposed for class A customers. A supervisor can override it; '
             'the override then stays.')
    is_key_account_override = fields.Boolean(
        string='Key Account Set by Hand',
        help='A supervisor decided whether this is a key account: the classification keeps it.')

    # ---------------------------------------------------------------- loyalty / purpose
    loyalty_type = fields.Selection(
        LOYALTY_TYPES, string='Loyalty', index=True, tracking=True,
        help='Attitude to our brand, set by the account manager: loyal (忠誠客戶), brand switcher '
             '(品牌轉移客戶) or no brand loyalty (無品牌忠誠客戶).')
    loyalty_type_proposed = fields.Selection(
        LOYALTY_TYPES, string='Proposed Loyalty', compute='_compute_loyalty_type_proposed',
        help='From buying behaviour over the ABC period: loyal = orders in at least half of '
             'the months and in the last 3 months; brand switcher = orders in at least a quarter '
             'of the months; no brand loyalty = fewer. Empty: no orders in the period.')
    purchase_purpose_ids = fields.Many2many(
        'customer.purchase.purpose', 'res_partner_purchase_purpose_rel', 'partner_id',
        'purpose_id', string='Purchase Purposes', help='What the customer buys for (用途).')

    # ---------------------------------------------------------------- credit
    credit_rating = fields.Selection(
        CREDIT_RATINGS, string='Credit Rating', index=True, tracking=True,
        help='Credit rating (信用等級): grow trade with high ratings, shrink it with low ones. '
             'Updated from the proposal unless "Credit Rating Set by Hand" is on.')
    credit_rating_proposed = fields.Selection(
        CREDIT_RATINGS, string='Proposed Credit Rating', compute='_compute_credit_rating_proposed',
        help='From the overdue ratio of the customer\'s posted invoices (residual past due date / '
             'invoiced over the last 12 months): 0% AAA, up to 5% AA, 15% A, 30% B, above C. '
             'Empty: no invoices.')
    credit_rating_override = fields.Boolean(
        string='Credit Rating Set by Hand',
        help='Keep the rating chosen by hand instead of the proposal.')

    # ---------------------------------------------------------------- key accounts at risk
    team_warning = fields.Char(compute='_compute_team_warning', string='Team Warning')
    has_team_warning = fields.Boolean(compute='_compute_team_warning',
                                      search='_search_has_team_warning',
                                      string='Key Account at Risk')

    # ---------------------------------------------------------------- who is looking
    is_cm_supervisor = fields.Boolean(
        compute='_compute_is_cm_supervisor', string='Current User Is Supervisor',
        help='Technical: the views make the supervisor-only fields read-only for others.')

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + SEGMENTATION_COMMERCIAL_FIELDS

    # ---------------------------------------------------------------- computes
    @api.depends_context('uid')
    def _compute_is_cm_supervisor(self):
        value = self.env.user.has_group('customer_maintenance.group_manager')
        for partner in self:
            partner.is_cm_supervisor = value

    def _abc_period(self, today=None):
        config = segmentation_config(self.env)
        day = cm_today(self.env, today)
        date_from = day - relativedelta(months=config['cm_abc_period_months'])
        return config, day, date_from

    @api.depends_context('cm_today')
    def _compute_loyalty_type_proposed(self):
        partners = self.filtered('id')
        stats = {}
        if partners:
            config, day, date_from = partners._abc_period()
            self.env['sale.order'].flush_model(['date_order', 'state', 'partner_id'])
            rows = self.env.execute_query(segmentation_sql.order_months(
                partners.commercial_partner_id.ids, date_from,
                day + datetime.timedelta(days=1)))
            for partner_id, months, last in rows:
                since = (day.year - last.year) * 12 + day.month - last.month
                stats[partner_id] = segmentation_rules.propose_loyalty(
                    months, config['cm_abc_period_months'], since)
        for partner in self:
            partner.loyalty_type_proposed = stats.get(partner.commercial_partner_id.id) or False

    @api.model
    def _credit_stats(self, today, partner_ids=None):
        """{commercial partner id: (invoiced, overdue)} over the last 12 months of posted
        customer invoices (account.move)."""
        day = cm_today(self.env, today)
        self.env['account.move'].flush_model([
            'move_type', 'state', 'invoice_date', 'invoice_date_due', 'amount_total_signed',
            'amount_residual_signed', 'payment_state', 'commercial_partner_id'])
        rows = self.env.execute_query(segmentation_sql.credit_stats(
            day, day - relativedelta(months=CREDIT_MONTHS), partner_ids))
        return {partner_id: (float(invoiced or 0.0), float(overdue or 0.0))
                for partner_id, invoiced, overdue in rows}

    @api.depends_context('cm_today')
    def _compute_credit_rating_proposed(self):
        partners = self.filtered('id')
        stats = self._credit_stats(None, partners.commercial_partner_id.ids) if partners else {}
        for partner in self:
            invoiced, overdue = stats.get(partner.commercial_partner_id.id, (0.0, 0.0))
            partner.credit_rating_proposed = segmentation_rules.propose_credit(
                invoiced, overdue) or False

    def _team_risk_tier_a(self):
        return segmentation_config(self.env)['cm_abc_tier_a_id']

    @api.depends('is_key_account', 'customer_tier_id', 'user_id', 'customer_team_ids',
                 'executive_sponsor_id')
    def _compute_team_warning(self):
        tier_a = self.env['customer.tier'].browse(self._team_risk_tier_a() or [])
        for partner in self:
            warnings = []
            company = partner.commercial_partner_id
            tier = company.customer_tier_id or tier_a
            if company.is_key_account and tier:
                team = company.user_id | company.customer_team_ids
                if len(team) < tier.min_team_size:
                    warnings.append(_('The team of this key account has %d people; tier %s '
                                      'requires at least %d.',
                                      len(team), tier.name, tier.min_team_size))
                if tier.requires_sponsor and not company.executive_sponsor_id:
                    warnings.append(_('This key account has no executive sponsor.'))
            partner.team_warning = ' '.join(warnings) or False
            partner.has_team_warning = bool(warnings)

    def _search_has_team_warning(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_('Unsupported search on the team warning: %s', operator))
        self.flush_model(['is_key_account', 'customer_tier_id', 'user_id', 'customer_team_ids',
                          'executive_sponsor_id', 'commercial_partner_id'])
        self.env['customer.tier'].flush_model(['min_team_size', 'requires_sponsor'])
        ids = [row[0] for row in self.env.execute_query(
            segmentation_sql.key_accounts_at_risk(self._team_risk_tier_a() or None))]
        positive = bool(value) if operator == '=' else not value
        return [('commercial_partner_id', 'in' if positive else 'not in', ids)]

    # ---------------------------------------------------------------- protection
    def _commercial_sync_from_company(self):
        # contacts copy their company's segmentation: not a manual change of it
        return super(ResPartner, self.with_context(cm_segmentation_sync=True)
                     )._commercial_sync_from_company()

    def _commercial_sync_to_children(self, fields_to_sync=None):
        return super(ResPartner, self.with_context(cm_segmentation_sync=True)
                     )._commercial_sync_to_children(fields_to_sync)

    def write(self, vals):
        self._check_segmentation_rights(vals)
        if not self.env.context.get('cm_segmentation_sync'):
            if 'is_key_account' in vals and 'is_key_account_override' not in vals:
                vals = dict(vals, is_key_account_override=True)
            if 'credit_rating' in vals and 'credit_rating_override' not in vals:
                vals = dict(vals, credit_rating_override=bool(vals['credit_rating']))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_segmentation_rights({key: value for key, value in vals.items() if value})
        return super().create(vals_list)

    @api.model
    def _check_segmentation_rights(self, vals):
        protected = SUPERVISOR_FIELDS.intersection(vals)
        if protected and not self.env.is_superuser() \
                and not self.env.context.get('cm_segmentation_sync') \
                and not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_(
                'Only a supervisor can change the tier, the ABC class or the key-account flag of '
                'a customer (fields: %s).', ', '.join(sorted(protected))))

    # ---------------------------------------------------------------- classification
    @api.model
    @single_run('classify_customers')
    def cron_classify_customers(self, today=None, automatic=False):
        """Classify all commercial partners ABC (Pareto) in one SQL statement; write only
        changed partners, record class changes in customer.abc.history. Idempotent."""
        config, day, date_from = self._abc_period(today)
        # the statement reads orders and partners that the ORM may not have written yet
        self.env.flush_all()
        query = abc_classification.classify_customers(
            today=day, date_from=date_from, date_to=day + datetime.timedelta(days=1),
            threshold_a=config['cm_abc_threshold_a'], threshold_b=config['cm_abc_threshold_b'],
            auto_tier=config['cm_abc_auto_tier'], tier_a=config['cm_abc_tier_a_id'] or None,
            tier_b=config['cm_abc_tier_b_id'] or None, tier_c=config['cm_abc_tier_c_id'] or None,
            uid=self.env.uid)
        with self.env.cr.savepoint():
            updated, changes = self.env.execute_query(query)[0]
        self.invalidate_model(ABC_WRITTEN_FIELDS + ['abc_history_ids'])
        self.env['customer.abc.history'].invalidate_model()
        _logger.info('customer_maintenance: ABC classification of %s: %d partners updated, '
                     '%d class changes', day, updated, changes)
        if automatic:
            self.env['ir.cron']._notify_progress(done=updated, remaining=0)
        return {'updated': updated, 'changes': changes}

    @api.model
    def action_classify_now(self):
        """Button for supervisors: run the ABC classification now and tell what it did."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can run the ABC classification.'))
        result = self.sudo().cron_classify_customers()
        if result is False:
            return notification(
                _('Classification running'),
                _('The ABC classification is already running; try again in a minute.'),
                kind='warning')
        _logger.info('customer_maintenance: classification run by %s: %s',
                     self.env.user.login, result)
        by_class = dict(self.sudo()._read_group(
            [('parent_id', '=', False), ('abc_class', '!=', False)], ['abc_class'], ['__count']))
        message = _('ABC classification done: %(total)d customers classified (A: %(a)d, '
                    'B: %(b)d, C: %(c)d); %(updated)d updated, %(changes)d changed class.',
                    total=sum(by_class.values()), a=by_class.get('A', 0),
                    b=by_class.get('B', 0), c=by_class.get('C', 0),
                    updated=result['updated'], changes=result['changes'])
        return notification(
            _('Classification done'), message,
            next_action=window_action(self, 'customer_maintenance.customer_abc_analysis_action'))

    # ---------------------------------------------------------------- credit
    @api.model
    @single_run('update_credit_ratings')
    def cron_update_credit_ratings(self, today=None, automatic=False):
        """Set the proposed credit rating on customers whose rating is not set by hand;
        returns the number of partners (companies and contacts) whose rating changed."""
        stats = self._credit_stats(today)
        self.flush_model(['credit_rating', 'credit_rating_override', 'commercial_partner_id'])
        updated = []

        def rate(partner_ids):
            by_rating = {}
            for partner_id in partner_ids:
                invoiced, overdue = stats[partner_id]
                rating = segmentation_rules.propose_credit(invoiced, overdue)
                if rating:
                    by_rating.setdefault(rating, []).append(partner_id)
            count = 0
            for rating, ids in by_rating.items():
                self.env.cr.execute(segmentation_sql.set_credit_rating(rating, ids))
                count += self.env.cr.rowcount
            updated.append(count)

        _done, failed = run_batches(self.env, 'update_credit_ratings', sorted(stats), rate,
                                    batch_size=CREDIT_BATCH_SIZE, automatic=automatic)
        self.invalidate_model(['credit_rating'])
        # a failing batch raised before appending its count: only kept writes are counted
        _logger.info('customer_maintenance: credit ratings updated on %d partners, %d skipped',
                     sum(updated), len(failed))
        return sum(updated)
