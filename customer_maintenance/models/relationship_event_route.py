# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The visits of an account manager on days and in an order that saves the road.

Every night `cron_plan_routes` puts each manager's planned visits of the coming week on his
working days and orders each day (services/routing.py, Google OR-Tools), within each visit's
window, the daily capacity and the working day's length. During the day, a visit moved, added
or done re-orders the rest of its day (the days stay). Done visits and visits fixed by hand
(a date changed by the user) are never moved to another day.
"""
import datetime
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..queries import routing as queries
from ..services import routing
from ..tools.cron_batches import run_batches
from ..tools.caller import report_action
from ..tools.job_lock import single_run
from ..tools.settings import settings
from ..tools.today import today as cm_today

_logger = logging.getLogger(__name__)

JOB = 'plan_routes'
BATCH_SIZE = 20
WEEK_DAYS = 7
# the context of the route's own writes: they do not re-plan, nor fix the visit by hand
ROUTING_CONTEXT = 'cm_routing'
ROUTE_FIELDS = ('route_sequence', 'route_leg_km', 'route_total_km', 'route_eta',
                'route_placed')
TRIGGER_FIELDS = {'date', 'state', 'user_id', 'partner_id', 'channel', 'route_fixed'}


class CustomerRelationshipEvent(models.Model):
    _inherit = 'customer.relationship.event'

    route_sequence = fields.Integer(
        string='Route Order', readonly=True, copy=False,
        help='Place of the visit in its day route; 0 = not routed.')
    route_routed = fields.Boolean(
        string='On the Route', compute='_compute_route_routed', store=True,
        help='The visit has its place in a day route (a visit that fits no day has none).')
    route_leg_km = fields.Float(
        string='Distance (km)', digits=(16, 1), readonly=True, copy=False,
        help='Road distance from the previous stop of the day (or the start point).')
    route_total_km = fields.Float(
        string='Running Total (km)', digits=(16, 1), readonly=True, copy=False,
        help='Road distance driven this day up to this visit.')
    route_back_km = fields.Float(
        string='Back to Start (km)', digits=(16, 1), readonly=True, copy=False,
        help='After the last visit of the day: the road distance back to the start point.')
    route_eta = fields.Float(
        string='Estimated Arrival', readonly=True, copy=False,
        help='Hour of arrival estimated from the start of the day, the driving speed and the '
             'visits before.')
    route_placed = fields.Selection(
        [('exact', 'Located'), ('city', 'By City'), ('state', 'By State'),
         ('none', 'Not Located')], string='Place on the Route', readonly=True, copy=False,
        help="How the route found the customer: its own coordinates, the centre of its city's "
             "or state's customers, or not at all (locate it).")
    route_fixed = fields.Boolean(
        string='Fixed by Hand', copy=False,
        help='The route planner keeps this visit on its day (set when you change its date).')
    route_window_start = fields.Date(
        string='Visit From', copy=False,
        help='The route may move the visit to this day at the earliest.')
    route_window_end = fields.Date(
        string='Visit Until', copy=False,
        help='The route may move the visit to this day at the latest.')

    @api.depends('route_sequence')
    def _compute_route_routed(self):
        for event in self:
            event.route_routed = bool(event.route_sequence)

    @api.constrains('route_window_start', 'route_window_end')
    def _check_route_window(self):
        for event in self:
            if event.route_window_start and event.route_window_end \
                    and event.route_window_end < event.route_window_start:
                raise ValidationError(_(
                    'Visit "%(event)s": its window ends (%(end)s) before it begins (%(start)s). '
                    'Set "Visit Until" on or after "Visit From".',
                    event=event.name, end=event.route_window_end,
                    start=event.route_window_start))

    # --- the nightly plan ----------------------------------------------------------------

    @api.model
    @single_run(JOB)
    def cron_plan_routes(self, automatic=False):
        """Scheduled action: the coming week's visits of every manager on days and in order."""
        return self._plan_routes(automatic=automatic)

    @api.model
    def _plan_routes(self, today=None, automatic=False, user_ids=None):
        """Plan the week of `user_ids` (default: every manager with a visit in it); returns
        {'managers': count, 'moved': visits put on another day, 'dropped': visits that fit
        no day of their window}."""
        today = cm_today(self.env, today)
        last_day = today + datetime.timedelta(days=WEEK_DAYS - 1)
        self.env.flush_all()
        if user_ids is None:
            user_ids = [row[0] for row in self.env.execute_query(
                queries.managers_with_visits(today, last_day))]
        stats = {'managers': 0, 'moved': 0, 'dropped': 0}
        settings = self._route_settings()

        def process(batch):
            for user_id in batch:
                moved, dropped = self._route_plan_user(user_id, today, last_day, today,
                                                       settings, keep_days=False)
                stats['managers'] += 1
                stats['moved'] += moved
                stats['dropped'] += dropped

        _done, failed = run_batches(self.env, JOB, user_ids, process, batch_size=BATCH_SIZE,
                                    automatic=automatic)
        _logger.info('%s %s: %s, %d failed', JOB, today, stats, len(failed))
        return stats

    @api.model
    def action_plan_my_route(self):
        """Button of My Route: plan the week of the user's own visits now (through the ORM:
        only the visits he may write)."""
        self.check_access('write')
        self._plan_routes(user_ids=[self.env.uid])
        return {'type': 'ir.actions.client', 'tag': 'soft_reload'}

    @api.model
    def action_print_day_sheet(self):
        """Button of My Route: the day sheet of the user's visits of today (those he may
        read), the route then the customers' profile cards."""
        visits = self.search([('user_id', '=', self.env.uid), ('date', '=', cm_today(self.env)),
                              ('channel', 'in', queries.VISIT_CHANNELS),
                              ('state', '!=', 'cancelled')])
        if not visits:
            raise UserError(_('You have no visit today: there is no day sheet to print.'))
        return report_action(visits, 'customer_maintenance.action_report_route_day_sheet')

    @api.model
    def _route_settings(self):
        """The route settings, each within its bounds (tools/settings.py)."""
        values = settings(self.env, 'cm_route_speed_kmh', 'cm_route_road_factor',
                          'cm_route_day_hours', 'cm_route_day_start',
                          'cm_route_window_early_days', 'cm_route_window_late_days',
                          'cm_visits_per_day')
        return {
            'speed': values['cm_route_speed_kmh'],
            'road_factor': values['cm_route_road_factor'],
            'day_minutes': values['cm_route_day_hours'] * 60,
            'day_start': values['cm_route_day_start'],
            'early': values['cm_route_window_early_days'],
            'late': values['cm_route_window_late_days'],
            # 0 = no limit
            'capacity': values['cm_visits_per_day'] or 1000,
        }

    @api.model
    def _route_start_point(self, user):
        """The manager's own address when it has coordinates, else his company's."""
        for partner in (user.partner_id, user.company_id.partner_id):
            if partner.partner_latitude or partner.partner_longitude:
                return (partner.partner_latitude, partner.partner_longitude)
        return None

    @api.model
    def _route_days(self, user, first_day, last_day, today, rows, keep_days):
        """The days of the route: the working days of the user's company (all the days of
        the visits when only their order changes)."""
        if keep_days:
            return sorted({row['date'] for row in rows})
        context = {'non_working': {}, 'today': first_day, 'last_day': last_day}
        off = self._non_working_days(user.company_id.id, context)
        return [first_day + datetime.timedelta(days=n)
                for n in range((last_day - first_day).days + 1)
                if first_day + datetime.timedelta(days=n) not in off]

    @api.model
    def _route_allowed_days(self, row, days, today, settings, keep_days):
        """Indices of the days a visit may ride on."""
        if keep_days or row['route_fixed']:
            return [i for i, day in enumerate(days) if day == row['date']]
        start = row['route_window_start'] or row['date'] - datetime.timedelta(
            days=settings['early'])
        end = row['route_window_end'] or row['date'] + datetime.timedelta(days=settings['late'])
        start = max(start, today)
        return [i for i, day in enumerate(days) if start <= day <= end]

    @api.model
    def _route_plan_user(self, user_id, first_day, last_day, today, settings, keep_days):
        """Solve and write one manager's days; returns (visits moved, visits dropped)."""
        user = self.env['res.users'].sudo().browse(user_id)
        rows = self.env.execute_query_dict(queries.week_visits([user_id], first_day, last_day))
        if not rows:
            return 0, 0
        days = self._route_days(user, first_day, last_day, today, rows, keep_days)
        home = self._route_start_point(user) or self._route_centre(rows)
        visits = []
        for row in rows:
            point = (row['lat'], row['lon']) if row['lat'] is not None else home
            visits.append({'id': row['id'], 'point': point, 'minutes': row['minutes'],
                           'days': self._route_allowed_days(row, days, today, settings,
                                                            keep_days)})
        day_starts, capacities, minutes, behind = self._route_day_state(
            user_id, days, today, home, settings)
        problem = routing.WeekProblem(home, visits, capacities, minutes,
                                      speed_kmh=settings['speed'],
                                      road_factor=settings['road_factor'],
                                      day_starts=day_starts)
        result = routing.solve_week(problem)
        moved = self._route_write(problem, result, days, rows, settings, behind)
        return moved, len(result['dropped'])

    @api.model
    def _route_centre(self, rows):
        points = [(row['lat'], row['lon']) for row in rows if row['lat'] is not None]
        if not points:
            return (0.0, 0.0)
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))

    @api.model
    def _route_day_state(self, user_id, days, today, home, settings):
        """Start point, visits left, minutes left and what is behind (visits, km) of each
        day: today goes on from the last visit done today, the visits done counted against
        the capacity and numbered before the rest."""
        starts = [home] * len(days)
        capacities = [settings['capacity']] * len(days)
        minutes = [settings['day_minutes']] * len(days)
        behind = [(0, 0.0, settings['day_start'])] * len(days)
        if today in days:
            done = self.sudo().search(
                [('user_id', '=', user_id), ('date', '=', today), ('state', '=', 'done'),
                 ('channel', 'in', queries.VISIT_CHANNELS)],
                order='route_sequence desc, write_date desc, id desc')
            index = days.index(today)
            capacities[index] = max(capacities[index] - len(done), 0)
            partner = done[:1].partner_id
            if done:
                # the rest of the day starts when the last visit done ends; the way back is
                # now the one from the rest of the day's last visit
                done.filtered('route_back_km').with_context(**{ROUTING_CONTEXT: True}).write(
                    {'route_back_km': 0.0})
                duration = partner.customer_tier_id.visit_duration_minutes \
                    or queries.DEFAULT_VISIT_MINUTES
                last_eta = done[:1].route_eta or settings['day_start']
                behind[index] = (len(done), max(done.mapped('route_total_km')),
                                 last_eta + duration / 60.0)
            if partner.partner_latitude or partner.partner_longitude:
                starts[index] = (partner.partner_latitude, partner.partner_longitude)
        return starts, capacities, minutes, behind

    @api.model
    def _route_write(self, problem, result, days, rows, settings, behind):
        """Write each visit's day, order, distances and arrival where they change; the window
        of a visit routed for the first time is kept, so that it does not drift with it."""
        by_id = {row['id']: row for row in rows}
        moved = 0
        events = self.sudo().with_context(**{ROUTING_CONTEXT: True})
        for index, route in enumerate(result['routes']):
            day_legs, back = routing.legs(problem, route, index)
            done_count, total, start_hour = behind[index]
            for sequence, (visit_id, km, clock) in enumerate(day_legs, start=done_count + 1):
                row = by_id[visit_id]
                total += km
                vals = {'route_sequence': sequence, 'route_leg_km': round(km, 1),
                        'route_total_km': round(total, 1),
                        'route_back_km': round(back, 1) if visit_id == route[-1] else 0.0,
                        'route_eta': round(start_hour + clock / 60.0, 2),
                        'route_placed': row['placed']}
                if not row['route_window_start'] and not row['route_fixed']:
                    vals['route_window_start'] = row['date'] - datetime.timedelta(
                        days=settings['early'])
                if not row['route_window_end'] and not row['route_fixed']:
                    vals['route_window_end'] = row['date'] + datetime.timedelta(
                        days=settings['late'])
                if row['date'] != days[index]:
                    vals['date'] = days[index]
                    moved += 1
                event = events.browse(visit_id)
                changed = {key: value for key, value in vals.items() if event[key] != value}
                if changed:
                    event.write(changed)
        for visit_id in result['dropped']:
            event = events.browse(visit_id)
            if event.route_sequence:
                event.write({'route_sequence': 0, 'route_leg_km': 0.0, 'route_total_km': 0.0,
                             'route_back_km': 0.0, 'route_eta': 0.0,
                             'route_placed': by_id[visit_id]['placed']})
        return moved

    # --- the rest of the day, when a visit moves, is added or is done -------------------

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        if not self.env.context.get(ROUTING_CONTEXT):
            events._route_replan(events._route_days_touched())
        return events

    def write(self, vals):
        if self.env.context.get(ROUTING_CONTEXT) or not TRIGGER_FIELDS & set(vals):
            return super().write(vals)
        if 'date' in vals and 'route_fixed' not in vals and 'state' not in vals \
                and any(event.channel in queries.VISIT_CHANNELS for event in self):
            # a date changed by hand: the route keeps the visit on that day
            vals = dict(vals, route_fixed=True)
        before = self._route_days_touched()
        res = super().write(vals)
        self._route_replan(before | self._route_days_touched())
        return res

    def _route_days_touched(self):
        """{(user id, day)} of these events that are visits of the coming week."""
        today = cm_today(self.env)
        last_day = today + datetime.timedelta(days=WEEK_DAYS - 1)
        return {(event.user_id.id, event.date) for event in self
                if event.channel in queries.VISIT_CHANNELS and event.user_id
                and event.date and today <= event.date <= last_day}

    @api.model
    def _route_replan(self, touched):
        """Re-order the planned visits of each (user, day), keeping their days."""
        if not touched:
            return
        today = cm_today(self.env)
        settings = self._route_settings()
        self.env.flush_all()
        for user_id, day in sorted(touched):
            self._route_plan_user(user_id, day, day, today, settings, keep_days=True)
