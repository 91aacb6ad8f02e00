# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The planner behind `ir_cron_plan_relationship_events` (contact rules, 聯系溝通制度).

Per batch of customers, one query (queries/relationship_planning.py) finds what is due; the
load is levelled in Python (services/planning.py: staggered first contacts, the managers'
daily capacity, the companies' working days); the events and their activities are inserted
set-based per batch (relationship_event_bulk.py). Idempotent: a customer with an open event
of an item gets no second one, and the plan_key unique index guards the rest.
"""
import datetime
import logging
from collections import defaultdict

from odoo import api, models

from ..queries import relationship_planning as queries
from ..services import lunar, planning
from ..tools.cron_batches import run_batches
from ..tools.job_lock import single_run
from ..tools.settings import settings
from ..tools.today import today as cm_today
from .relationship_event import PERIODIC_ITEMS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# planned events after which the event table is first analyzed during a night (see below)
ANALYZE_FIRST = 5000
JOB = 'plan_relationship_events'
# context of the planner's creates: no chatter log, no e-mail per assigned activity
PLANNER_CONTEXT = {'mail_create_nolog': True, 'tracking_disable': True,
                   'mail_activity_quick_update': True, 'mail_notrack': True}


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    @api.model
    @single_run(JOB)
    def cron_plan_relationship_events(self, automatic=False):
        """Scheduled action: plan the tiers' calls, care calls, visits and greetings."""
        return self._plan_relationship_events(automatic=automatic)

    @api.model
    def _planner_settings(self):
        values = settings(self.env, 'cm_planning_horizon_days', 'cm_birthday_lead_days',
                          'cm_calls_per_day', 'cm_visits_per_day')
        return {
            'horizon': values['cm_planning_horizon_days'],
            'birthday_lead': values['cm_birthday_lead_days'],
            'capacity': {'call': values['cm_calls_per_day'],
                         'visit': values['cm_visits_per_day']},
        }

    @api.model
    def _plan_relationship_events(self, today=None, automatic=False):
        """Plan everything due up to `today` + horizon; returns {item: events created}."""
        today = cm_today(self.env, today)
        settings = self._planner_settings()
        last_day = today + datetime.timedelta(days=settings['horizon'])
        self.env.flush_all()
        partner_ids = [row[0] for row in self.env.execute_query(queries.eligible_customers())]
        stats = defaultdict(int)
        context = self._planner_context(today, last_day, settings)

        analyze_at = [ANALYZE_FIRST]

        def process(batch):
            for item, count in self._planner_batch(batch, context).items():
                stats[item] += count
            # the batches' lookups of open events are planned on the statistics of the
            # planned events; on a first night they say there are none, and PostgreSQL then
            # scans all of them for every customer (20 min instead of 2 at 200k customers):
            # refreshed each time the night has doubled what it planned
            if sum(stats.values()) >= analyze_at[0]:
                self.env.cr.execute(queries.analyze_events())
                analyze_at[0] *= 2

        done, failed = run_batches(self.env, JOB, partner_ids, process,
                                   batch_size=BATCH_SIZE, automatic=automatic)
        _logger.info('%s %s: %d customers, planned %s, %d failed', JOB, today, done,
                     dict(stats), len(failed))
        return dict(stats)

    @api.model
    def _planner_context(self, today, last_day, settings):
        """What every batch needs: dates, settings, the days off of each company, the
        festival occurrences and yearly dates whose greeting falls in the horizon."""
        return {'today': today, 'last_day': last_day, 'settings': settings,
                'non_working': {}, 'labels': {}, 'user_env': {},
                'load': {}, 'load_users': set(), 'bulk_memo': {},
                'festivals': self._planner_festival_occurrences(today, last_day),
                'dates': self._planner_date_combinations(
                    today, last_day, settings['birthday_lead'])}

    @api.model
    def _planner_env(self, user_id, context):
        """The environment in the language of the event's account manager: the name of a
        planned event is what he reads in his list and calendar, not the language of the
        user running the cron (__system__, English)."""
        envs = context['user_env']
        if user_id not in envs:
            user = self.env['res.users'].sudo().browse(user_id)
            envs[user_id] = self.with_context(lang=user.lang or self.env.lang).env
        return envs[user_id]

    @api.model
    def _planner_label(self, user_id, item, context):
        """The translated label of a periodic `item` for the manager, once per language."""
        env = self._planner_env(user_id, context)
        labels = context['labels'].setdefault(env.lang, {})
        if not labels:
            labels.update(call=env._('Business call'), care_call=env._('Care call'),
                          visit=env._('Visit'))
        return labels[item]

    @api.model
    def _planner_batch(self, partner_ids, context):
        """Plan the periodic contacts and the greetings of a batch of customers."""
        vals_list = self._planner_periodic_vals(partner_ids, context)
        vals_list += self._planner_greeting_vals(partner_ids, context)
        return self._planner_create(vals_list, context['bulk_memo'])

    # --- greetings -----------------------------------------------------------------------

    @api.model
    def _planner_festival_occurrences(self, today, last_day):
        """[(festival, year, occurrence date, greeting date)] greeted in the horizon."""
        festivals = self.env['customer.festival'].sudo().search([('tier_ids', '!=', False)])
        result = []
        for festival in festivals:
            stop = last_day + datetime.timedelta(days=festival.lead_days)
            for year, date in festival._occurrences_between(today, stop):
                greet = planning.greeting_date(date, festival.lead_days, today)
                if greet <= last_day:
                    result.append((festival, year, date, greet))
        return result

    @api.model
    def _planner_date_combinations(self, today, last_day, lead_days):
        """Columns (calendar, month, day, year, occurrence, greeting) of every yearly date
        whose greeting falls in the horizon: at most 2 x 366, whatever the contacts."""
        stop = last_day + datetime.timedelta(days=lead_days)
        columns = ([], [], [], [], [], [])
        for calendar in ('solar', 'lunar'):
            for month in range(1, 13):
                for day in range(1, 31 if calendar == 'lunar' else 32):
                    if calendar == 'solar':
                        try:
                            datetime.date(2000, month, day)
                        except ValueError:
                            continue
                    for year, date in lunar.occurrences_between(calendar, month, day,
                                                                today, stop):
                        greet = planning.greeting_date(date, lead_days, today)
                        if greet > last_day:
                            continue
                        for column, value in zip(columns,
                                                 (calendar, month, day, year, date, greet)):
                            column.append(value)
        return columns

    @api.model
    def _planner_greeting_vals(self, partner_ids, context):
        """Festival, birthday and anniversary greetings of the batch, one per occurrence,
        moved off days off to the working day before."""
        today = context['today']
        vals_list = []

        def day_of(row):
            off = self._non_working_days(row['company_id'], context)
            return planning.greeting_work_day(row['greet'], row['occasion'], today, off)

        def common(row, item, kind, channel):
            return {'partner_id': row['partner_id'], 'user_id': row['user_id'],
                    'company_id': row['company_id'], 'tier_id': row['tier_id'],
                    'kind': kind, 'channel': channel, 'date': day_of(row), 'state': 'planned',
                    'plan_item': item, 'occasion_date': row['occasion']}
        festivals = context['festivals']
        if festivals:
            by_id = {festival.id: festival for festival, _y, _o, _g in festivals}
            rows = self.env.execute_query_dict(queries.festival_greetings(
                partner_ids, [f.id for f, _y, _o, _g in festivals],
                [y for _f, y, _o, _g in festivals], [o for _f, _y, o, _g in festivals],
                [g for _f, _y, _o, g in festivals]))
            for row in rows:
                festival = by_id[row['festival_id']]
                vals = common(row, 'festival', 'periodic', festival.channel)
                env = self._planner_env(row['user_id'], context)
                vals.update(name=env._('%(festival)s greeting: %(customer)s',
                                       festival=festival.with_context(lang=env.lang).name,
                                       customer=row['name']),
                            festival_id=festival.id,
                            plan_key='festival:%s:%s:%s' % (festival.id, row['year'],
                                                            row['partner_id']))
                vals_list.append(vals)
        dates = context['dates']
        if dates[0]:
            for row in self.env.execute_query_dict(
                    queries.birthday_greetings(partner_ids, *dates)):
                vals = common(row, 'birthday', 'personal', 'message')
                env = self._planner_env(row['user_id'], context)
                vals.update(name=env._('Birthday greeting: %s', row['name']),
                            contact_id=row['contact_id'],
                            plan_key='birthday:%s:%s' % (row['contact_id'], row['year']))
                vals_list.append(vals)
            for row in self.env.execute_query_dict(
                    queries.anniversary_greetings(partner_ids, *dates)):
                vals = common(row, 'anniversary', 'business', 'message')
                env = self._planner_env(row['user_id'], context)
                vals.update(name=env._('Anniversary greeting: %s', row['name']),
                            plan_key='anniversary:%s:%s' % (row['partner_id'], row['year']))
                vals_list.append(vals)
        return vals_list

    @api.model
    def _planner_create(self, vals_list, memo=None):
        """Create the planned events (with their activities) in one insert: {item: count}."""
        if not vals_list:
            return {}
        events = self.sudo().with_context(**PLANNER_CONTEXT)._create_planned_events(
            vals_list, memo)
        counts = defaultdict(int)
        for vals in vals_list:
            counts[vals['plan_item']] += 1
        events.invalidate_recordset()
        return counts

    @api.model
    def _non_working_days(self, company_id, context):
        """Days off of the company between today and the last day: outside its working
        calendar's attendances and its public holidays (global resource.calendar.leaves)."""
        cache = context['non_working']
        if company_id not in cache:
            today, last_day = context['today'], context['last_day']
            company = self.env['res.company'].browse(company_id).sudo()
            calendar = company.resource_calendar_id
            days = {today + datetime.timedelta(days=n)
                    for n in range((last_day - today).days + 1)}
            if calendar:
                start = datetime.datetime.combine(today, datetime.time.min)
                stop = datetime.datetime.combine(last_day, datetime.time.max)
                unusual = calendar._get_unusual_days(start, stop, company)
                cache[company_id] = {day for day in days
                                     if unusual.get(day.isoformat(), True)}
            else:  # no calendar: Monday to Friday
                cache[company_id] = {day for day in days if day.weekday() >= 5}
        return cache[company_id]

    @api.model
    def _planner_periodic_vals(self, partner_ids, context):
        """Business calls, care calls, visits of the batch, levelled."""
        today, last_day = context['today'], context['last_day']
        rows = self.env.execute_query_dict(queries.due_periodic(
            partner_ids, PERIODIC_ITEMS, today, last_day,
            planning.CARE_CALL_JITTER_PERCENT, planning.SAME_WEEK_DAYS))
        if not rows:
            return []
        # what the managers' days hold: read once a night per manager, then kept up to date
        # by the levelling itself (re-reading it per batch read all planned events each time);
        # a batch that fails after levelling leaves its count in, which only plans less
        load, loaded = context['load'], context['load_users']
        user_ids = {row['user_id'] for row in rows} - loaded
        if user_ids:
            for kind in ('call', 'visit'):
                channels = [c for c, k in planning.CAPACITY_OF_CHANNEL.items() if k == kind]
                for user_id, day, count in self.env.execute_query(
                        queries.planned_load(user_ids, channels, today, last_day)):
                    load[(user_id, kind, day)] = count
            loaded |= user_ids
        non_working = {company_id: self._non_working_days(company_id, context)
                       for company_id in {row['company_id'] for row in rows}}
        days = planning.level_load(rows, load, context['settings']['capacity'], non_working,
                                   today, last_day)
        vals_list = []
        for row in rows:
            day = days.get((row['partner_id'], row['item']))
            if not day:
                continue
            vals_list.append({
                'name': '%s: %s' % (self._planner_label(row['user_id'], row['item'], context),
                                    row['name']),
                'partner_id': row['partner_id'], 'user_id': row['user_id'],
                'company_id': row['company_id'], 'kind': 'periodic', 'channel': row['item'],
                'date': day, 'state': 'planned', 'plan_item': row['item'],
                'plan_key': '%s:%s' % (row['item'], row['partner_id']),
                'tier_id': row['tier_id'],
            })
        return vals_list
