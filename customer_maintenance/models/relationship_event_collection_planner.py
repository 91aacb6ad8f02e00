# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The nightly job `ir_cron_plan_collection_calls` (收款): every customer owing overdue money
gets a collection call from its account manager, most urgent first, inside the managers'
daily call capacity and the companies' working days (the relationship planner's levelling,
services/planning.level_load, with the calls already planned counted); the open calls of
customers that paid are cancelled with why, in the manager's language.

Idempotent: a customer with a planned collection call gets no second one (and a partial
unique index guards it); after a done call the next one waits for the promised date (or
services.collections.RETRY_DAYS). Batched, one bad customer logged and skipped, job-locked.
"""
import datetime
import logging
from collections import defaultdict

from odoo import _lt, api, models

from ..queries import collections as queries
from ..queries import relationship_planning as planning_queries
from ..services import collections as rules
from ..services import planning
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.today import today as cm_today
from .relationship_planner import PLANNER_CONTEXT

_logger = logging.getLogger(__name__)

JOB = 'plan_collection_calls'
BATCH_SIZE = 2000
# the days after today a collection call may be moved to when the managers' days are full
LEVELLING_DAYS = 14
PAID_OUTCOME = _lt('Cancelled by the nightly job: the customer owes nothing overdue any more '
                   '(the invoices are paid or credited).')


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    @api.model
    @single_run(JOB)
    def cron_plan_collection_calls(self, automatic=False):
        """Scheduled action: cancel the collection calls of customers that paid, plan those
        due; returns how many were planned."""
        return self._plan_collection_calls(automatic=automatic)

    @api.model
    def _plan_collection_calls(self, today=None, automatic=False):
        today = cm_today(self.env, today)
        self._cancel_paid_collection_calls(today, automatic=automatic)
        self.env.flush_all()
        rows = self.env.execute_query_dict(queries.due_collections(
            today, rules.RETRY_DAYS, rules.TOLERANCE))
        for rank, row in enumerate(rows):
            row['rank'] = rank
        by_partner = {row['partner_id']: row for row in rows}
        settings = self._planner_settings()
        context = {'today': today, 'last_day': today + datetime.timedelta(days=LEVELLING_DAYS),
                   'capacity': settings['capacity'], 'non_working': {}, 'load': {},
                   'names': {}, 'bulk_memo': {}, 'planned': 0}

        def plan(batch):
            context['planned'] += self._plan_collection_batch(
                [by_partner[partner_id] for partner_id in batch], context)
        _done, failed = run_batches(self.env, JOB, list(by_partner), plan,
                                    batch_size=BATCH_SIZE, automatic=automatic)
        _logger.info('%s %s: %d collection calls planned, %d customers skipped', JOB, today,
                     context['planned'], len(failed))
        return context['planned']

    @api.model
    def _plan_collection_batch(self, rows, context):
        """Level and create the calls of `rows` (most urgent first); flag the broken promises
        they follow. Returns how many calls were planned."""
        today, last_day = context['today'], context['last_day']
        self._load_collection_capacity(rows, context)
        dues = [dict(row, item='collection', interval=1, due_date=today) for row in rows]
        non_working = {company_id: self._non_working_days(company_id, context)
                       for company_id in {row['company_id'] for row in rows}}
        days = planning.level_load(dues, context['load'], context['capacity'], non_working,
                                   today, last_day)
        vals_list = [self._prepare_collection_call_vals(row, days[row['partner_id'],
                                                                   'collection'], context)
                     for row in rows if (row['partner_id'], 'collection') in days]
        broken = self.sudo().browse([row['broken_call_id'] for row in rows
                                     if row['broken_call_id']])
        broken.filtered(lambda call: not call.promise_broken).write({'promise_broken': True})
        if vals_list:
            self.sudo().with_context(**PLANNER_CONTEXT)._create_planned_events(
                vals_list, context['bulk_memo']).invalidate_recordset()
        return len(vals_list)

    @api.model
    def _load_collection_capacity(self, rows, context):
        """What the managers' days already hold (calls of every kind), read once a night per
        manager and then kept up to date by the levelling."""
        load = context['load']
        user_ids = {row['user_id'] for row in rows} - context.setdefault('load_users', set())
        if not user_ids:
            return
        channels = [channel for channel, kind in planning.CAPACITY_OF_CHANNEL.items()
                    if kind == 'call']
        for user_id, day, count in self.env.execute_query(planning_queries.planned_load(
                user_ids, channels, context['today'], context['last_day'])):
            load[(user_id, 'call', day)] = count
        context['load_users'] |= user_ids

    @api.model
    def _prepare_collection_call_vals(self, row, day, context):
        """The values of the collection call of `row` (queries.due_collections) on `day`,
        named in its account manager's language."""
        lang = row['lang'] or self.env.lang
        names = context['names']
        if lang not in names:
            names[lang] = self.with_context(lang=lang).env._('Collection call: %s')
        return {
            'name': names[lang] % row['name'],
            'partner_id': row['partner_id'], 'user_id': row['user_id'],
            'company_id': row['company_id'], 'kind': 'collection', 'channel': 'collection',
            'date': day, 'state': 'planned', 'plan_item': 'collection',
            'collection_amount': float(row['amount']), 'collection_due_date': row['oldest_due'],
        }

    @api.model
    def _cancel_paid_collection_calls(self, today, automatic=False):
        """Cancel the planned collection calls of customers that owe nothing overdue, with why
        as their outcome in their manager's language; returns how many."""
        self.env.flush_all()
        ids = [row[0] for row in self.env.execute_query(queries.paid_collection_calls(today))]
        if not ids:
            return 0
        # not tracking_disable: the chatter of the call shows that the job cancelled it
        Event = self.sudo()

        def cancel(batch):
            groups = defaultdict(list)
            for event in Event.browse(batch):
                groups[event.user_id.lang or self.env.lang].append(event.id)
            for lang, event_ids in groups.items():
                outcome = Event.with_context(lang=lang).env._(PAID_OUTCOME)
                Event.browse(event_ids).write({'state': 'cancelled', 'outcome': outcome})
        done, failed = run_batches(self.env, JOB + ' (paid)', ids, cancel,
                                   batch_size=BATCH_SIZE, automatic=automatic)
        return done - len(failed)
