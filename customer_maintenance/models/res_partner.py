# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.abc import check_thresholds
from ..services.segmentation_rules import propose_credit, propose_loyalty
from .cron_lock import single_run

_logger = logging.getLogger(__name__)

ABC_CLASSES = [('A', 'A'), ('B', 'B'), ('C', 'C')]
LOYALTY_TYPES = [
    ('loyal', 'Loyal'),                 # 忠誠客戶
    ('switcher', 'Brand Switcher'),     # 品牌轉移客戶
    ('none', 'No Brand Loyalty'),       # 無品牌忠誠客戶
]
CREDIT_RATINGS = [('AAA', 'AAA'), ('AA', 'AA'), ('A', 'A'), ('B', 'B'), ('C', 'C')]
PIPELINE_STAGES = [
    ('suspect', 'Suspect'),     # 擬似客戶
    ('prospect', 'Prospect'),   # 潛在客戶
    ('target', 'Target'),       # 目標客戶
    ('customer', 'Customer'),   # 現實客戶
]
# fields only a supervisor may change (the classification itself writes them by SQL)
SUPERVISOR_FIELDS = frozenset([
    'customer_tier_id', 'tier_locked', 'abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share',
    'abc_date', 'is_key_account', 'is_key_account_override', 'credit_rating_override',
])
# managed on the commercial partner; contacts show their company's values
SEGMENTATION_COMMERCIAL_FIELDS = [
    'customer_tier_id', 'tier_locked', 'abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share',
    'abc_date', 'is_key_account', 'is_key_account_override', 'loyalty_type',
    'purchase_purpose_ids', 'credit_rating', 'credit_rating_override', 'pipeline_stage',
]

# One statement: sales per commercial partner and company -> rank -> class -> UPDATE only the
# rows whose values change (companies and their contacts) -> history rows for class changes.
CLASSIFY_SQL = """
WITH sales AS (
    SELECT COALESCE(cp.company_id, o.company_id) AS company_key,
           cp.id AS partner_id,
           SUM(CASE WHEN pl.currency_id = rc.currency_id OR pl.currency_id IS NULL
                    THEN o.amount_untaxed
                    ELSE o.amount_untaxed
                         * COALESCE((SELECT r.rate FROM res_currency_rate r
                                      WHERE r.currency_id = rc.currency_id
                                        AND r.name <= o.confirmation_date
                                        AND (r.company_id IS NULL OR r.company_id = o.company_id)
                                      ORDER BY r.name DESC LIMIT 1), 1.0)
                         / COALESCE((SELECT r.rate FROM res_currency_rate r
                                      WHERE r.currency_id = pl.currency_id
                                        AND r.name <= o.confirmation_date
                                        AND (r.company_id IS NULL OR r.company_id = o.company_id)
                                      ORDER BY r.name DESC LIMIT 1), 1.0)
               END) AS amount
      FROM sale_order o
      JOIN res_partner p ON p.id = o.partner_id
      JOIN res_partner cp ON cp.id = p.commercial_partner_id
      JOIN res_company rc ON rc.id = o.company_id
      LEFT JOIN product_pricelist pl ON pl.id = o.pricelist_id
     WHERE o.state IN ('sale', 'done')
       AND o.confirmation_date >= %(date_from)s AND o.confirmation_date < %(date_to)s
       AND (cp.company_id IS NULL OR cp.company_id = o.company_id)
     GROUP BY 1, 2
), ranked AS (
    SELECT company_key, partner_id, amount,
           row_number() OVER w AS rank,
           SUM(amount) OVER w AS cumulative,
           SUM(amount) FILTER (WHERE amount > 0) OVER (PARTITION BY company_key) AS total
      FROM sales
    WINDOW w AS (PARTITION BY company_key ORDER BY amount DESC, partner_id
                 ROWS UNBOUNDED PRECEDING)
), classed AS (
    SELECT DISTINCT ON (partner_id) partner_id, company_key,
           CASE WHEN amount <= 0 OR total IS NULL OR total <= 0 THEN 'C'
                WHEN (cumulative - amount) * 100 < %(threshold_a)s * total THEN 'A'
                WHEN (cumulative - amount) * 100 < %(threshold_b)s * total THEN 'B'
                ELSE 'C' END AS abc_class,
           round(amount, 2)::float8 AS amount, rank::int AS rank,
           CASE WHEN amount > 0 AND total > 0 THEN round(cumulative * 100 / total, 2)::float8
                ELSE 100.0::float8 END AS share
      FROM ranked
     ORDER BY partner_id, 3, amount DESC
), target AS (
    SELECT partner_id, company_key, abc_class, amount, rank, share FROM classed
    UNION ALL
    SELECT p.id, p.company_id, NULL, NULL, NULL, NULL
      FROM res_partner p
     WHERE p.abc_class IS NOT NULL AND p.id = p.commercial_partner_id
       AND NOT EXISTS (SELECT 1 FROM classed c WHERE c.partner_id = p.id)
), computed AS (
    SELECT t.*, cp.abc_class AS old_class,
           CASE WHEN cp.is_key_account_override THEN cp.is_key_account
                ELSE COALESCE(t.abc_class = 'A', FALSE) END AS key_account,
           CASE WHEN %(auto_tier)s AND NOT COALESCE(cp.tier_locked, FALSE)
                     AND t.abc_class IS NOT NULL
                THEN COALESCE(CASE t.abc_class WHEN 'A' THEN %(tier_a)s
                                               WHEN 'B' THEN %(tier_b)s
                                               ELSE %(tier_c)s END, cp.customer_tier_id)
                ELSE cp.customer_tier_id END AS tier_id
      FROM target t
      JOIN res_partner cp ON cp.id = t.partner_id
), updated AS (
    UPDATE res_partner p
       SET abc_class = c.abc_class, abc_sales_amount = c.amount, abc_rank = c.rank,
           abc_share = c.share, abc_date = %(today)s, is_key_account = c.key_account,
           customer_tier_id = c.tier_id
      FROM computed c
     WHERE p.commercial_partner_id = c.partner_id
       AND (p.abc_class, p.abc_sales_amount, p.abc_rank, p.abc_share, p.is_key_account,
            p.customer_tier_id)
           IS DISTINCT FROM (c.abc_class, c.amount, c.rank, c.share, c.key_account, c.tier_id)
    RETURNING p.id, p.id = c.partner_id AS is_commercial, c.old_class, c.abc_class AS new_class,
              c.company_key
), history AS (
    INSERT INTO customer_abc_history
           (partner_id, old_class, new_class, date, company_id,
            create_uid, create_date, write_uid, write_date)
    SELECT id, old_class, new_class, %(today)s, company_key,
           %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
      FROM updated
     WHERE is_commercial AND old_class IS DISTINCT FROM new_class
    RETURNING id
)
SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM history)
"""

TEAM_RISK_SQL = """
SELECT p.id
  FROM res_partner p
  JOIN customer_tier t ON t.id = COALESCE(p.customer_tier_id, %(tier_a)s)
 WHERE p.is_key_account AND p.id = p.commercial_partner_id
   AND ((t.requires_sponsor AND p.executive_sponsor_id IS NULL)
        OR (CASE WHEN p.user_id IS NULL THEN 0 ELSE 1 END
            + (SELECT count(*) FROM res_partner_customer_team_rel r
                WHERE r.partner_id = p.id AND r.user_id IS DISTINCT FROM p.user_id))
           < t.min_team_size)
"""


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # ---------------------------------------------------------------- tier
    customer_tier_id = fields.Many2one(
        'customer.tier', string='Customer Tier', index=True, ondelete='restrict',
        track_visibility='onchange',
        help='The grade (客戶分級) that sets how this customer is maintained. Proposed from the '
             'ABC class when "Auto-assign tier from ABC" is on, unless the tier is locked.')
    tier_locked = fields.Boolean(
        string='Tier Locked', track_visibility='onchange',
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
    abc_rank = fields.Integer(string='ABC Rank', readonly=True, group_operator='min',
                              help='Position of this customer by sales over the ABC period: 1 sells the most.')
    abc_share = fields.Float(string='Cumulative Share (%)', readonly=True, digits=(16, 2),
                             group_operator='max',
                             help='Share of sales of this customer and all ranked before it.')
    abc_date = fields.Date(string='Classified On', readonly=True,
                           help='Day of the last ABC classification (nightly, or Classify Now).')
    abc_history_ids = fields.One2many('customer.abc.history', 'partner_id',
                                      string='ABC History', readonly=True)
    is_key_account = fields.Boolean(
        string='Key Account', index=True, track_visibility='onchange',
        help='Key account (大客戶): proposed for class A customers. A supervisor can override it; '
             'the override then stays.')
    is_key_account_override = fields.Boolean(
        string='Key Account Set by Hand',
        help='A supervisor decided whether this is a key account: the classification keeps it.')

    # ---------------------------------------------------------------- loyalty / purpose
    loyalty_type = fields.Selection(
        LOYALTY_TYPES, string='Loyalty', track_visibility='onchange',
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
        CREDIT_RATINGS, string='Credit Rating', index=True, track_visibility='onchange',
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

    # ---------------------------------------------------------------- team
    customer_team_ids = fields.Many2many(
        'res.users', 'res_partner_customer_team_rel', 'partner_id', 'user_id',
        string='Customer Team', track_visibility='onchange',
        help='Other people who know this customer besides the account manager (營銷團隊): no '
             'customer may depend on one person.')
    executive_sponsor_id = fields.Many2one(
        'res.users', string='Executive Sponsor', index=True, track_visibility='onchange',
        help='Department head or executive who knows this key account.')
    team_warning = fields.Char(compute='_compute_team_warning', search='_search_team_warning',
                               string='Team Warning')
    has_team_warning = fields.Boolean(compute='_compute_team_warning',
                                      search='_search_team_warning',
                                      string='Key Account at Risk')

    # ---------------------------------------------------------------- pipeline / claims
    pipeline_stage = fields.Selection(
        PIPELINE_STAGES, string='Pipeline Stage', index=True, track_visibility='onchange',
        help='Suspect (擬似客戶) → prospect (潛在客戶) → target (目標客戶) → customer (現實客戶); '
             'becomes Customer at the first confirmed sale order.')
    prospect_claim_ids = fields.One2many('customer.prospect.claim', 'partner_id',
                                         string='Prospect Claims')
    claim_user_id = fields.Many2one(
        'res.users', string='Claimed By', compute='_compute_claim', store=True, index=True,
        help='The account manager holding the active claim on this prospect (潛在客戶認購).')
    claim_date_expiry = fields.Date(string='Claim Expires', compute='_compute_claim', store=True,
                                    help='After this day the claim lapses and others may claim the prospect.')
    prospect_claim_count = fields.Integer(compute='_compute_prospect_claim_count',
                                          string='Claims')

    @api.model
    def _commercial_fields(self):
        return super(ResPartner, self)._commercial_fields() + SEGMENTATION_COMMERCIAL_FIELDS

    # ---------------------------------------------------------------- computes
    @api.depends('prospect_claim_ids.state', 'prospect_claim_ids.user_id',
                 'prospect_claim_ids.date_expiry')
    def _compute_claim(self):
        for partner in self:
            active = partner.prospect_claim_ids.filtered(lambda c: c.state == 'active')[:1]
            partner.claim_user_id = active.user_id
            partner.claim_date_expiry = active.date_expiry

    def _compute_prospect_claim_count(self):
        data = self.env['customer.prospect.claim'].read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])
        counts = {row['partner_id'][0]: row['partner_id_count'] for row in data}
        for partner in self:
            partner.prospect_claim_count = counts.get(partner.id, 0)

    def _abc_period(self, today=None):
        config = self.env['res.config.settings'].cm_segmentation_config()
        today = fields.Date.from_string(
            today or self.env.context.get('cm_today') or fields.Date.context_today(self))
        date_from = today - relativedelta(months=config['cm_abc_period_months'])
        return config, today, date_from

    def _compute_loyalty_type_proposed(self):
        partners = self.filtered('id')
        config, today, date_from = partners._abc_period()
        stats = {}
        if partners:
            self.env.cr.execute("""
                SELECT p.commercial_partner_id, count(DISTINCT date_trunc('month', o.confirmation_date)),
                       max(o.confirmation_date)
                  FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
                 WHERE p.commercial_partner_id IN %s AND o.state IN ('sale', 'done')
                   AND o.confirmation_date >= %s AND o.confirmation_date < %s
                 GROUP BY 1""", (tuple(partners.mapped('commercial_partner_id').ids),
                                  fields.Date.to_string(date_from),
                                  fields.Date.to_string(today + datetime.timedelta(days=1))))
            for partner_id, months, last in self.env.cr.fetchall():
                last = fields.Datetime.from_string(last).date() if isinstance(last, str) else last.date()
                since = (today.year - last.year) * 12 + today.month - last.month
                stats[partner_id] = propose_loyalty(months, config['cm_abc_period_months'], since)
        for partner in self:
            partner.loyalty_type_proposed = stats.get(partner.commercial_partner_id.id) or False

    @api.model
    def _credit_stats(self, today, partner_ids=None):
        """{commercial partner id: (invoiced, overdue)} over the last 12 months of invoices."""
        if 'account.invoice' not in self.env:
            return {}
        query = """
            SELECT commercial_partner_id, SUM(amount_total_company_signed),
                   SUM(CASE WHEN state = 'open' AND date_due < %s
                            THEN residual_company_signed ELSE 0 END)
              FROM account_invoice
             WHERE type = 'out_invoice' AND state IN ('open', 'paid')
               AND date_invoice >= %s {extra}
             GROUP BY 1"""
        params = [today, fields.Date.to_string(fields.Date.from_string(today)
                                               - relativedelta(months=12))]
        extra = ''
        if partner_ids is not None:
            extra = 'AND commercial_partner_id IN %s'
            params.append(tuple(partner_ids) or (0,))
        self.env.cr.execute(query.format(extra=extra), params)
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def _compute_credit_rating_proposed(self):
        partners = self.filtered('id')
        today = self.env.context.get('cm_today') or fields.Date.context_today(self)
        stats = self._credit_stats(today, partners.mapped('commercial_partner_id').ids) \
            if partners else {}
        for partner in self:
            invoiced, overdue = stats.get(partner.commercial_partner_id.id, (0.0, 0.0))
            partner.credit_rating_proposed = propose_credit(invoiced, overdue) or False

    def _team_risk_tier_a(self):
        config = self.env['res.config.settings'].cm_segmentation_config()
        return config.get('cm_abc_tier_a_id') or None

    @api.depends('is_key_account', 'customer_tier_id', 'user_id', 'customer_team_ids',
                 'executive_sponsor_id')
    def _compute_team_warning(self):
        tier_a = self.env['customer.tier'].browse(self._team_risk_tier_a() or [])
        for partner in self:
            warnings = []
            tier = partner.commercial_partner_id.customer_tier_id or tier_a
            company = partner.commercial_partner_id
            if company.is_key_account and tier:
                team = (company.user_id | company.customer_team_ids)
                if len(team) < tier.min_team_size:
                    warnings.append(_('The team of this key account has %d people; tier %s '
                                      'requires at least %d.')
                                    % (len(team), tier.name, tier.min_team_size))
                if tier.requires_sponsor and not company.executive_sponsor_id:
                    warnings.append(_('This key account has no executive sponsor.'))
            partner.team_warning = ' '.join(warnings) or False
            partner.has_team_warning = bool(warnings)

    def _search_team_warning(self, operator, value):
        self.env.cr.execute(TEAM_RISK_SQL, {'tier_a': self._team_risk_tier_a()})
        ids = [row[0] for row in self.env.cr.fetchall()]
        if operator not in ('=', '!='):
            raise UserError(_('Unsupported search on the team warning: %s') % operator)
        positive = bool(value) if operator == '=' else not value
        return [('commercial_partner_id', 'in' if positive else 'not in', ids)]

    # ---------------------------------------------------------------- protection
    @api.multi
    def _commercial_sync_from_company(self):
        # contacts copy their company's segmentation: not a manual change of it
        return super(ResPartner, self.with_context(cm_segmentation_sync=True)
                     )._commercial_sync_from_company()

    @api.multi
    def _commercial_sync_to_children(self):
        return super(ResPartner, self.with_context(cm_segmentation_sync=True)
                     )._commercial_sync_to_children()

    @api.multi
    def write(self, vals):
        self._check_segmentation_rights(vals)
        if 'is_key_account' in vals and 'is_key_account_override' not in vals \
                and not self.env.context.get('cm_segmentation_sync'):
            vals = dict(vals, is_key_account_override=True)
        if 'credit_rating' in vals and 'credit_rating_override' not in vals \
                and not self.env.context.get('cm_segmentation_sync'):
            vals = dict(vals, credit_rating_override=bool(vals['credit_rating']))
        return super(ResPartner, self).write(vals)

    @api.model
    def create(self, vals):
        self._check_segmentation_rights({k: v for k, v in vals.items() if v})
        return super(ResPartner, self).create(vals)

    @api.model
    def _check_segmentation_rights(self, vals):
        protected = SUPERVISOR_FIELDS.intersection(vals)
        if protected and not self.env.user._is_superuser() \
                and not self.env.user.has_group('customer_maintenance.group_manager') \
                and not self.env.context.get('cm_segmentation_sync'):
            raise AccessError(_(
                'Only a supervisor can change the tier, the ABC class or the key-account flag of '
                'a customer (fields: %s).') % ', '.join(sorted(protected)))

    # ---------------------------------------------------------------- classification
    @api.model
    @single_run('classify_customers')
    def cron_classify_customers(self, today=None):
        """Classify all commercial partners ABC (Pareto) in one SQL statement; write only
        changed partners, record class changes in customer.abc.history. Idempotent."""
        config, today, date_from = self._abc_period(today)
        if check_thresholds(config['cm_abc_threshold_a'], config['cm_abc_threshold_b']):
            raise UserError(_('The ABC thresholds in the settings are invalid: they must satisfy '
                              '0 < A < B < 100 (got A = %s, B = %s).')
                            % (config['cm_abc_threshold_a'], config['cm_abc_threshold_b']))
        tiers = self.env['customer.tier'].sudo().with_context(active_test=False)
        params = {
            'date_from': fields.Date.to_string(date_from),
            'date_to': fields.Date.to_string(today + datetime.timedelta(days=1)),
            'threshold_a': config['cm_abc_threshold_a'],
            'threshold_b': config['cm_abc_threshold_b'],
            'auto_tier': bool(config['cm_abc_auto_tier']),
            'tier_a': tiers.browse(config['cm_abc_tier_a_id']).exists().id or None,
            'tier_b': tiers.browse(config['cm_abc_tier_b_id']).exists().id or None,
            'tier_c': tiers.browse(config['cm_abc_tier_c_id']).exists().id or None,
            'today': fields.Date.to_string(today),
            'uid': self.env.uid,
        }
        with self.env.cr.savepoint():
            self.env.cr.execute(CLASSIFY_SQL, params)
            updated, changes = self.env.cr.fetchone()
        self.invalidate_cache(['abc_class', 'abc_sales_amount', 'abc_rank', 'abc_share',
                               'abc_date', 'is_key_account', 'customer_tier_id',
                               'abc_history_ids'])
        _logger.info('customer_maintenance: ABC classification of %s: %d partners updated, '
                     '%d class changes', params['today'], updated, changes)
        if self.env.context.get('cm_cron_commit'):
            self.env.cr.commit()
        return {'updated': updated, 'changes': changes}

    @api.model
    def action_classify_now(self):
        """Button for supervisors: run the ABC classification now."""
        if not self.env.user.has_group('customer_maintenance.group_manager'):
            raise AccessError(_('Only a supervisor can run the ABC classification.'))
        result = self.sudo().cron_classify_customers()
        _logger.info('customer_maintenance: classification run by %s: %s',
                     self.env.user.login, result)
        return self._classify_result_action(result)

    @api.model
    def _classify_result_action(self, result):
        """The dialog telling the supervisor what the classification did (counts)."""
        groups = self.sudo().read_group(
            [('parent_id', '=', False), ('abc_class', '!=', False)], ['abc_class'], ['abc_class'])
        by_class = {group['abc_class']: group['abc_class_count'] for group in groups}
        message = _('ABC classification done: %(total)d customers classified (A: %(a)d, '
                    'B: %(b)d, C: %(c)d); %(updated)d updated, %(changes)d changed class.') % {
            'total': sum(by_class.values()), 'a': by_class.get('A', 0),
            'b': by_class.get('B', 0), 'c': by_class.get('C', 0),
            'updated': result['updated'], 'changes': result['changes']}
        return self.env['customer.maintenance.result'].show(_('Classification done'), message)

    @api.model
    @single_run('update_credit_ratings')
    def cron_update_credit_ratings(self, today=None):
        """Set the proposed credit rating on customers whose rating is not set by hand."""
        today = today or self.env.context.get('cm_today') or fields.Date.context_today(self)
        stats = self._credit_stats(today)
        by_rating = {}
        for partner_id, (invoiced, overdue) in stats.items():
            try:
                rating = propose_credit(invoiced, overdue)
            except Exception:
                # one partner's odd figures must not stop the ratings of all the others
                _logger.exception('customer_maintenance: credit rating of res.partner %s '
                                  'failed; skipped', partner_id)
                continue
            if rating:
                by_rating.setdefault(rating, []).append(partner_id)
        updated = 0
        for rating, ids in by_rating.items():
            self.env.cr.execute("""
                UPDATE res_partner SET credit_rating = %s
                 WHERE commercial_partner_id IN %s AND NOT COALESCE(credit_rating_override, FALSE)
                   AND credit_rating IS DISTINCT FROM %s""", (rating, tuple(ids), rating))
            updated += self.env.cr.rowcount
        self.invalidate_cache(['credit_rating'])
        _logger.info('customer_maintenance: credit ratings updated on %d partners', updated)
        return updated

    # ---------------------------------------------------------------- claims
    @api.multi
    def action_claim_prospect(self):
        """Claim this prospect for the current user (潛在客戶認購)."""
        Claim = self.env['customer.prospect.claim']
        for partner in self.mapped('commercial_partner_id'):
            if partner.pipeline_stage == 'customer':
                raise UserError(_('%s is already a customer: only prospects can be claimed.')
                                % partner.display_name)
            # the claimer may not see the partner's other claims: create as superuser, but
            # in the claimer's name (record rules are checked by the claim constraints)
            Claim.sudo().create({'partner_id': partner.id, 'user_id': self.env.uid,
                                 'company_id': self.env.user.company_id.id})
            if not partner.pipeline_stage or partner.pipeline_stage == 'suspect':
                # claiming registers the prospect (the claimer need not manage it yet)
                partner.sudo().write({'pipeline_stage': 'prospect'})
        return True

    @api.multi
    def action_release_claim(self):
        """Release the active claim on this prospect (the claimer or a supervisor)."""
        claims = self.env['customer.prospect.claim'].sudo().search([
            ('partner_id', 'in', self.mapped('commercial_partner_id').ids),
            ('state', '=', 'active')])
        if not claims:
            raise UserError(_('There is no active claim to release.'))
        claims._release_as(self.env.user)
        return True

    @api.multi
    def action_view_prospect_claims(self):
        self.ensure_one()
        action = self.env.ref('customer_maintenance.customer_prospect_claim_action').read()[0]
        action['domain'] = [('partner_id', '=', self.commercial_partner_id.id)]
        action['context'] = {'default_partner_id': self.commercial_partner_id.id}
        return action

    @api.multi
    def _cm_mark_customer(self):
        """First confirmed order: the prospect becomes a customer, its active claim converts
        and the claimer becomes its account manager."""
        partners = self.mapped('commercial_partner_id').sudo()
        claims = self.env['customer.prospect.claim'].sudo().search([
            ('partner_id', 'in', partners.ids), ('state', '=', 'active')])
        for claim in claims:
            claim.write({'state': 'converted'})
            claim.partner_id.write({'user_id': claim.user_id.id})
        to_mark = partners.filtered(lambda p: p.pipeline_stage != 'customer')
        if to_mark:
            to_mark.write({'pipeline_stage': 'customer'})
        return True
