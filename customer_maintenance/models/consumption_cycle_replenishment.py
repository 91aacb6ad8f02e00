# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import datetime
import logging
from collections import defaultdict

from odoo import _lt, api, fields, models
from odoo.tools.misc import format_date

from ..queries import consumption as queries
from ..tools.cron_batches import run_batches
from ..tools.today import today as cm_today
from ..tools.caller import window_action
from . import consumption_cycle

_logger = logging.getLogger(__name__)

# why the nightly job cancels an open replenishment call (queries.stale_replenishment_calls),
# written as the call's outcome in its account manager's language
STALE_OUTCOMES = {
    'lapsed': _lt('Cancelled by the nightly job: the cycle lapsed (overdue by more than two '
                  'intervals). The customer is to be won back: see Lapsed Customers.'),
    'moved': _lt('Cancelled by the nightly job: the due date of the cycle moved to %(due)s '
                 '(the customer ordered again, or its interval changed). The call for that '
                 'date is planned before it.'),
    'undue': _lt('Cancelled by the nightly job: the cycle has no due date any more (too few '
                 'orders left to learn it from).'),
}


class CustomerConsumptionCycle(models.Model):
    """Replenishment calls (補貨電話): one relationship event per due date of a cycle, planned
    `reminder lead` days before it. A cycle already overdue (learned late, or its due date
    moved into the past) gets one call today, shown overdue; a lapsed one (overdue by more
    than two intervals) gets none: it is a customer to win back. An open call whose due date
    is gone (the customer ordered again, the interval changed, the cycle lapsed) is cancelled
    the same night, so that it neither lingers overdue nor blocks the call of the new date."""
    _inherit = 'customer.consumption.cycle'

    replenishment_event_ids = fields.One2many(
        'customer.relationship.event', 'consumption_cycle_id', string='Replenishment Calls')
    replenishment_event_count = fields.Integer(
        string='Replenishment Call Count', compute='_compute_replenishment_event_count')

    def _compute_replenishment_event_count(self):
        counts = dict(self.env['customer.relationship.event']._read_group(
            [('consumption_cycle_id', 'in', self.ids)], ['consumption_cycle_id'], ['__count']))
        for cycle in self:
            cycle.replenishment_event_count = counts.get(cycle, 0)

    def action_view_replenishment_events(self):
        self.ensure_one()
        action = window_action(self, 'customer_maintenance.customer_relationship_event_action')
        action['domain'] = [('consumption_cycle_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.partner_id.id}
        return action

    @api.model
    def _cron_consumption_followups(self, today, automatic=False):
        super()._cron_consumption_followups(today, automatic=automatic)
        self._plan_replenishment_reminders(today, automatic=automatic)

    @api.model
    def _plan_replenishment_reminders(self, today=None, automatic=False):
        """Plan the replenishment calls due, after cancelling the open ones whose due date is
        gone; returns how many were planned. Idempotent: a cycle gets no call for a due date
        it already had one for, nor while a call of it is still planned."""
        today = cm_today(self.env, today)
        _months, _factor, lead = self._consumption_settings()
        self._cancel_stale_replenishment_calls(today, automatic=automatic)
        self.env.flush_all()
        self.env.cr.execute(queries.replenishments_to_plan(today, lead))
        ids = [row[0] for row in self.env.cr.fetchall()]
        Event = self.env['customer.relationship.event'].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            mail_activity_quick_update=True)
        cycles = self.sudo()

        names, memo = {}, {}

        def plan(batch):
            rows = {row['id']: row for row in self.env.execute_query_dict(
                queries.replenishment_call_values(batch))}
            Event._create_planned_events([
                cycle._prepare_replenishment_event_vals(rows[cycle.id], today, lead, names)
                for cycle in cycles.browse(batch)], memo)
        done, failed = run_batches(self.env, 'replenishment calls', ids, plan,
                                   batch_size=consumption_cycle.BATCH_SIZE, automatic=automatic)
        _logger.info('consumption cycles: %d replenishment calls planned, %d skipped',
                     done - len(failed), len(failed))
        return done - len(failed)

    @api.model
    def _cancel_stale_replenishment_calls(self, today, automatic=False):
        """Cancel the open calls whose due date is gone, each with why as its outcome;
        returns how many. Idempotent: a cancelled call is closed."""
        self.env.flush_all()
        self.env.cr.execute(queries.stale_replenishment_calls(today))
        rows = {event_id: (reason, due) for event_id, reason, due in self.env.cr.fetchall()}
        if not rows:
            return 0
        # not tracking_disable: the chatter of the call shows that the job cancelled it
        Event = self.env['customer.relationship.event'].sudo()

        def cancel(batch):
            groups = defaultdict(list)
            for event in Event.browse(batch):
                reason, due = rows[event.id]
                groups[event.user_id.lang or self.env.lang, reason, due].append(event.id)
            for (lang, reason, due), ids in groups.items():
                env = Event.with_context(lang=lang).env
                outcome = env._(STALE_OUTCOMES[reason]) % {
                    'due': due and format_date(env, due)}
                Event.browse(ids).write({'state': 'cancelled', 'outcome': outcome})
        done, failed = run_batches(self.env, 'stale replenishment calls', list(rows), cancel,
                                   batch_size=consumption_cycle.BATCH_SIZE, automatic=automatic)
        _logger.info('consumption cycles: %d stale replenishment calls cancelled, %d skipped',
                     done - len(failed), len(failed))
        return done - len(failed)

    def _prepare_replenishment_event_vals(self, row, today, lead, names=None):
        """The call of this cycle's next due date: `lead` days before it, today at the
        earliest; named in the account manager's language. `row`: the cycle's values from
        queries.replenishment_call_values. `names` (a dict kept over a night) holds the
        names already made, and the products' names: the calls of a night share a few
        languages, products and due dates, and formatting a date costs more than the rest."""
        self.ensure_one()
        due = row['due']
        lang = row['lang'] or self.env.lang
        names = {} if names is None else names
        key = (lang, row['product_id'], due)
        if key not in names:
            env = self.with_context(lang=lang).env
            product_key = (lang, row['product_id'])
            if product_key not in names:
                names[product_key] = env['product.product'].browse(
                    row['product_id']).display_name
            names[key] = env._('Replenishment call: %s (due %s)', names[product_key],
                               format_date(env, due))
        return {
            'name': names[key],
            'partner_id': row['partner_id'],
            'user_id': row['user_id'] or False,
            'kind': 'periodic',
            'channel': 'call',
            'state': 'planned',
            'date': max(today, due - datetime.timedelta(days=lead)),
            'consumption_cycle_id': self.id,
            'consumption_due_date': due,
            'company_id': row['company_id'] or self.env.company.id,
        }
