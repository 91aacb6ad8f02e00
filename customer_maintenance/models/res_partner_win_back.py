# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..queries import relationship_planning, win_back
from ..services import planning
from ..tools.cron_batches import run_batches
from .relationship_planner import PLANNER_CONTEXT

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
# a win-back call finds its day within this many days of the turn, in the manager's capacity
WIN_BACK_WINDOW_DAYS = 7


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    plan_item = fields.Selection(selection_add=[('win_back', 'Win-back Call')],
                                 ondelete={'win_back': 'set null'})


class ResPartner(models.Model):
    """Win-back (客戶挽回): a customer whose health turns at risk gets a win-back call for its
    account manager, planned in his day's capacity as the other contacts
    (services/planning.level_load); a key account at risk also tells its executive sponsor."""
    _inherit = 'res.partner'

    health_at_risk_date = fields.Date(
        string='At Risk Since', readonly=True,
        help='The day the scored health turned at risk (empty when it is not).')

    is_to_win_back = fields.Boolean(
        string='To Win Back', compute='_compute_is_to_win_back', search='_search_is_to_win_back',
        groups='customer_maintenance.group_user',
        help='A customer to win back: it stopped reordering a product for more than two of '
             'its intervals (a lapsed consumer), or its health is at risk.')

    @api.depends_context('cm_today', 'tz')
    def _compute_is_to_win_back(self):
        to_win_back = self.search([('id', 'in', self.commercial_partner_id.ids),
                                   ('is_to_win_back', '=', True)]) if self.ids else self
        for partner in self:
            partner.is_to_win_back = partner.commercial_partner_id in to_win_back

    def _search_is_to_win_back(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise ValidationError(_('"To win back" can only be searched as true or false.'))
        domain = ['|', ('consumption_lapsed', '=', True), ('health_status', '=', 'at_risk')]
        return domain if (operator == '=') == value else ['!', *domain]

    @api.model
    def _plan_win_back_calls(self, today, automatic=False):
        """Plan the win-back calls due (queries/win_back.py); returns how many. Idempotent:
        one call per turn at risk (plan key), none while one is open."""
        self.env.flush_all()
        rows = self.env.execute_query_dict(win_back.win_backs_to_plan(today))
        if not rows:
            return 0
        Event = self.env['customer.relationship.event']
        last_day = today + datetime.timedelta(days=WIN_BACK_WINDOW_DAYS)
        context = {'today': today, 'last_day': last_day, 'non_working': {}, 'user_env': {}}
        capacity = Event._planner_settings()['capacity']
        load = {}
        channels = [c for c, k in planning.CAPACITY_OF_CHANNEL.items() if k == 'call']
        for user_id, day, count in self.env.execute_query(relationship_planning.planned_load(
                {row['user_id'] for row in rows}, channels, today, last_day)):
            load[(user_id, 'call', day)] = count
        memo = {}
        planned = []

        def plan(batch):
            ids = set(batch)
            batch_rows = [row for row in rows if row['partner_id'] in ids]
            non_working = {row['company_id']: Event._non_working_days(row['company_id'],
                                                                      context)
                           for row in batch_rows}
            days = planning.level_load(
                [dict(row, item='call', interval=WIN_BACK_WINDOW_DAYS, due_date=today)
                 for row in batch_rows], load, capacity, non_working, today, last_day)
            vals_list = [self._prepare_win_back_vals(row, days[row['partner_id'], 'call'],
                                                     context)
                         for row in batch_rows if (row['partner_id'], 'call') in days]
            Event.sudo().with_context(**PLANNER_CONTEXT)._create_planned_events(vals_list, memo)
            self._notify_win_back_sponsors([row for row in batch_rows if row['key_account']
                                            and row['sponsor_id']
                                            and (row['partner_id'], 'call') in days])
            planned.extend(vals['partner_id'] for vals in vals_list)
        _done, failed = run_batches(self.env, 'win-back calls', [r['partner_id'] for r in rows],
                                    plan, batch_size=BATCH_SIZE, automatic=automatic)
        _logger.info('customer health: %d win-back calls planned, %d skipped', len(planned),
                     len(failed))
        return len(planned)

    @api.model
    def _prepare_win_back_vals(self, row, day, context):
        """The win-back call of `row` on `day`, named in its account manager's language."""
        env = self.env['customer.relationship.event']._planner_env(row['user_id'], context)
        return {
            'name': env._('Win-back call: %s', row['name']),
            'description': env._('The health of this customer turned at risk: see the points '
                                 'lost on its Maintenance page, ask what changed and what '
                                 'would bring it back.'),
            'partner_id': row['partner_id'], 'user_id': row['user_id'],
            'company_id': row['company_id'], 'kind': 'periodic', 'channel': 'call',
            'date': day, 'state': 'planned', 'plan_item': 'win_back',
            'plan_key': row['plan_key'],
        }

    @api.model
    def _notify_win_back_sponsors(self, rows):
        """Tell the executive sponsor of each key account at risk, in his language, on the
        customer's chatter (he gets it in his inbox or by e-mail, as he chose)."""
        users = self.env['res.users'].sudo().browse({row['sponsor_id'] for row in rows})
        for row in rows:
            sponsor = users.browse(row['sponsor_id'])
            partner = self.sudo().browse(row['partner_id']).with_context(lang=sponsor.lang)
            body = Markup('<p>%s</p>') % partner.env._(
                'The key account %(customer)s is at risk (health %(score)s/100); its account '
                'manager has a win-back call planned.',
                customer=partner.name, score=partner.health_score)
            partner.message_notify(
                partner_ids=sponsor.partner_id.ids, body=body,
                subject=partner.env._('Key account at risk: %s', partner.name))
