# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL floors of the nightly jobs, and what is compared after each job.

A floor executes the module's own set-based query functions (customer_maintenance/queries/,
imported, never copied) directly, for all customers in one transaction: no ORM, no batches, no
job lock, no cron. Where the module's job does more than its query (activities, followers,
replenishment calls, planned events), the floor does the minimum set-based equivalent in SQL
built here with odoo.tools.SQL. Every floor function takes (env, params) where `params` was
prepared before the clock starts (settings, ids of records of reference data).

`CAPTURES[job]`: the stored result of the job as queries (one per table concerned); the floor
run copies what they return into bench_floor_<name> tables before it is rolled back, and after
the module's job bench.py compares the module's rows with them (EXCEPT ALL both ways: equal
multisets, or the bench fails).
"""
import datetime

from odoo.tools import SQL

from odoo.addons.customer_maintenance.models.relationship_event import (
    ACTIVITY_TYPES, PERIODIC_ITEMS)
from odoo.addons.customer_maintenance.queries import (
    abc_classification, consumption, customer_health, incentive_statement, management_kpi,
    relationship_planning, rfm_segmentation)
from odoo.addons.customer_maintenance.services import planning

import cm_bench_collections

NOW = SQL("now() AT TIME ZONE 'UTC'")


# ------------------------------------------------------------------------------------ ABC
def abc_params(env, today):
    Partner = env['res.partner']
    config, day, date_from = Partner._abc_period(today)
    return dict(today=day, date_from=date_from, date_to=day + datetime.timedelta(days=1),
                threshold_a=config['cm_abc_threshold_a'],
                threshold_b=config['cm_abc_threshold_b'],
                auto_tier=config['cm_abc_auto_tier'], tier_a=config['cm_abc_tier_a_id'] or None,
                tier_b=config['cm_abc_tier_b_id'] or None,
                tier_c=config['cm_abc_tier_c_id'] or None, uid=env.uid)


def abc_floor(env, params):
    """The module's whole classification statement (queries/abc_classification.py)."""
    env.cr.execute(abc_classification.classify_customers(**params))
    return env.cr.fetchone()[0]


# ------------------------------------------------------------------------------------ RFM
def rfm_params(env, today):
    _config, day, date_from = env['res.partner']._abc_period(today)
    return dict(today=day, date_from=date_from, date_to=day + datetime.timedelta(days=1),
                uid=env.uid)


def rfm_floor(env, params):
    """The module's whole segmentation statement (queries/rfm_segmentation.py)."""
    env.cr.execute(rfm_segmentation.segment_customers(**params))
    return env.cr.fetchone()[0]


# --------------------------------------------------------------------------------- health
def health_params(env, today):
    from dateutil.relativedelta import relativedelta
    return dict(today=today, trend_start=today - relativedelta(months=12),
                trend_middle=today - relativedelta(months=6),
                weights=env['res.config.settings']._cm_health_weights(), uid=env.uid)


def health_floor(env, params):
    """The module's whole scoring statement (queries/customer_health.py)."""
    env.cr.execute(customer_health.score_customers(**params))
    return env.cr.fetchone()[0]


# ----------------------------------------------------------------------------- cycles
def _xmlid(env, xmlid):
    return env['ir.model.data']._xmlid_to_res_id(xmlid)


def cycles_params(env, today):
    Cycle = env['customer.consumption.cycle']
    months, factor, lead = Cycle._consumption_settings()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    date_from = datetime.date(year, month + 1, min(today.day, 28))
    tz = Cycle._tz()
    return dict(
        today=today, lead=lead, tz=tz, factor=factor,
        date_from=Cycle._utc(date_from, tz),
        date_to=Cycle._utc(today + datetime.timedelta(days=1), tz),
        cycle_model=env['ir.model']._get_id('customer.consumption.cycle'),
        event_model=env['ir.model']._get_id('customer.relationship.event'),
        anomaly_type=_xmlid(env, 'customer_maintenance.mail_activity_type_consumption_anomaly'),
        call_type=_xmlid(env, ACTIVITY_TYPES['call']),
        company=env.company.id, uid=env.uid)


def _followers(env, model):
    """The account managers follow the records they got an activity on (mail.activity's
    create subscribes them, with the model's default subtypes: the external ones for a
    partner without internal user): the rows of mail_activity just inserted."""
    subtypes, _internal, external = env['mail.message.subtype'].default_subtypes(model)
    return SQL("""
        WITH new AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT DISTINCT a.res_model, a.res_id, u.partner_id
              FROM mail_activity a JOIN res_users u ON u.id = a.user_id
             WHERE a.res_model = %(model)s AND a.create_date = now() AT TIME ZONE 'UTC'
            ON CONFLICT DO NOTHING
            RETURNING id, partner_id)
        INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id,
                                                             mail_message_subtype_id)
        SELECT new.id, s.id
          FROM new JOIN res_partner p ON p.id = new.partner_id
          JOIN mail_message_subtype s
            ON s.id = ANY(CASE WHEN p.partner_share THEN %(external)s::int[]
                               ELSE %(internal)s::int[] END)""",
               model=model, internal=subtypes.ids, external=external.ids)


def _user_tz(user_id):
    """The time zone of the activity's user, which mail.activity stores (user_tz)."""
    return SQL("""(SELECT up.tz FROM res_users u JOIN res_partner up ON up.id = u.partner_id
                    WHERE u.id = %s)""", user_id)


def event_activities(model, activity_type, uid):
    """The INSERT of the activities of the events of the CTE `ev` (id, name, user_id, date)
    that have a user, as mail.activity's create writes them."""
    return SQL("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id,
                                   user_id, user_tz, date_deadline, summary,
                                   create_uid, create_date, write_uid, write_date)
        SELECT %(model)s, 'customer.relationship.event', ev.id, ev.name, %(type)s, ev.user_id,
               %(user_tz)s, ev.date, ev.name, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM ev WHERE ev.user_id IS NOT NULL""",
               model=model, type=activity_type, uid=uid, user_tz=_user_tz(SQL('ev.user_id')))


def cycles_floor(env, params):
    """The module's upsert (queries/consumption.learn_cycles), then one INSERT ... SELECT each
    for the anomaly activities (queries/consumption.anomalies_to_notify) and the replenishment
    calls with their activities (queries/consumption.replenishments_to_plan), the followers,
    and the anomaly_notified flags."""
    cr, p = env.cr, params
    cr.execute(consumption.learn_cycles(p['date_from'], p['date_to'], p['tz'], p['factor']))
    learned = cr.rowcount
    # on a first night the table's statistics say it is empty: without this, the INSERT ...
    # SELECT below joins the 380k new cycles by nested loops (> 7 minutes at 200k customers)
    cr.execute(SQL('ANALYZE customer_consumption_cycle'))
    cr.execute(SQL("""
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id,
                                   user_id, user_tz, date_deadline, summary, note,
                                   create_uid, create_date, write_uid, write_date)
        SELECT %(model)s, 'customer.consumption.cycle', c.id,
               cp.complete_name || ' / ' || pd.name, %(type)s, COALESCE(c.user_id, %(uid)s),
               %(user_tz)s,
               %(today)s::date,
               CASE c.anomaly WHEN 'rising' THEN 'Consumption rising: ask the customer why'
                    ELSE 'Consumption falling: ask the customer why' END,
               '<p>' || cp.complete_name || ' / ' || pd.name || ': recent consumption is '
                     || to_char(COALESCE(c.anomaly_ratio, 0), 'FM999990.00')
                     || '× the usual rate.</p>',
               %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM customer_consumption_cycle c
          JOIN res_partner cp ON cp.id = c.partner_id
          JOIN (%(products)s) pd ON pd.id = c.product_id
         WHERE c.id IN (%(todo)s)""", model=p['cycle_model'], type=p['anomaly_type'],
                   uid=p['uid'], today=p['today'], products=_product_names(),
                   todo=consumption.anomalies_to_notify(),
                   user_tz=_user_tz(SQL('COALESCE(c.user_id, %s)', p['uid']))))
    anomalies = cr.rowcount
    cr.execute(SQL("""
        UPDATE customer_consumption_cycle SET anomaly_notified = anomaly
         WHERE anomaly <> 'none' AND anomaly IS DISTINCT FROM anomaly_notified"""))
    cr.execute(_followers(env, 'customer.consumption.cycle'))
    cr.execute(SQL("""
        WITH ev AS (
            INSERT INTO customer_relationship_event (name, partner_id, user_id, kind, channel,
                state, date, consumption_cycle_id, consumption_due_date, company_id, cost,
                gift_value, create_uid, create_date, write_uid, write_date)
            SELECT 'Replenishment call: ' || pd.name || ' (due '
                       || to_char(c.next_due_date, 'MM/DD/YYYY') || ')',
                   c.partner_id, c.user_id, 'periodic', 'call', 'planned',
                   GREATEST(%(today)s::date, c.next_due_date - %(lead)s), c.id, c.next_due_date,
                   COALESCE(cp.company_id, %(company)s), 0, 0,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM customer_consumption_cycle c
              JOIN res_partner cp ON cp.id = c.partner_id
              JOIN (%(products)s) pd ON pd.id = c.product_id
             WHERE c.id IN (%(todo)s)
            RETURNING id, name, user_id, date)
        %(activities)s""",
                   today=p['today'], lead=p['lead'], company=p['company'], uid=p['uid'],
                   products=_product_names(),
                   activities=event_activities(p['event_model'], p['call_type'], p['uid']),
                   todo=consumption.replenishments_to_plan(p['today'], p['lead'])))
    cr.execute(_followers(env, 'customer.relationship.event'))
    return {'learned': learned, 'anomalies': anomalies}


def _product_names():
    """Product display names as Odoo shows them in English: '[code] name'."""
    return SQL("""
        SELECT pp.id, CASE WHEN pp.default_code IS NOT NULL
                           THEN '[' || pp.default_code || '] ' ELSE '' END
                      || (pt.name ->> 'en_US') AS name
          FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id""")


# ------------------------------------------------------------------------------- plan
def plan_params(env, today):
    Event = env['customer.relationship.event']
    settings = Event._planner_settings()
    last_day = today + datetime.timedelta(days=settings['horizon'])
    festivals = Event._planner_festival_occurrences(today, last_day)
    types = Event._activity_type_ids()
    return dict(
        today=today, last_day=last_day,
        festivals=[(f.id, f.name, f.channel, year, occasion, greet)
                   for f, year, occasion, greet in festivals],
        model=env['ir.model']._get_id('customer.relationship.event'),
        types={channel: types.get(channel) or types[None]
               for channel in ('call', 'care_call', 'visit', 'message', 'gift', 'meeting')},
        default_type=types[None], uid=env.uid)


def _activity_type(types, default, column):
    """The activity type of each channel, as a CASE over `column` (values as parameters)."""
    cases = SQL(' ').join(SQL('WHEN %s THEN %s', channel, type_id)
                          for channel, type_id in sorted(types.items()))
    return SQL('CASE %s %s ELSE %s END', column, cases, default)


def plan_floor(env, params):
    """The module's query of due contacts (queries/relationship_planning.due_periodic) for
    every eligible customer at once, written with its activities and followers in one
    statement, then the festival greetings of the horizon (festival_greetings) the same way.
    No load levelling: a contact is planned on its due date (today for a first contact)."""
    cr, p = env.cr, params
    # one statement for all customers at once sorts and hashes 200k customers' events: more
    # work_mem than the default 4 MB keeps that in memory (the due query once probed an
    # unhashed set for every contact with the default: > 7 minutes); the cron's batches of
    # 2000 customers stay within the default
    cr.execute(SQL("SET LOCAL work_mem = '512MB'"))
    cr.execute(relationship_planning.eligible_customers())
    ids = [row[0] for row in cr.fetchall()]
    labels = SQL("CASE d.item WHEN 'call' THEN 'Business call' WHEN 'care_call' THEN 'Care call' "
                 "ELSE 'Visit' END")
    due = relationship_planning.due_periodic(
        ids, PERIODIC_ITEMS, p['today'], p['last_day'], planning.CARE_CALL_JITTER_PERCENT,
        planning.SAME_WEEK_DAYS)
    activity_type = _activity_type(p['types'], p['default_type'], SQL('ev.channel'))
    cr.execute(SQL("""
        WITH ev AS (
            INSERT INTO customer_relationship_event (name, partner_id, user_id, company_id,
                kind, channel, date, state, plan_item, plan_key, tier_id, cost, gift_value,
                create_uid, create_date, write_uid, write_date)
            SELECT %(labels)s || ': ' || cp.name, d.partner_id, d.user_id, d.company_id,
                   'periodic', d.item, GREATEST(%(today)s::date, COALESCE(d.due_date,
                   %(today)s::date)), 'planned', d.item, d.item || ':' || d.partner_id,
                   d.tier_id, 0, 0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                   now() AT TIME ZONE 'UTC'
              FROM (%(due)s) d JOIN res_partner cp ON cp.id = d.partner_id
            RETURNING id, name, user_id, date, channel)
        INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id,
                                   user_id, user_tz, date_deadline, summary,
                                   create_uid, create_date, write_uid, write_date)
        SELECT %(model)s, 'customer.relationship.event', ev.id, ev.name, %(type)s, ev.user_id,
               %(user_tz)s, ev.date, ev.name, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM ev WHERE ev.user_id IS NOT NULL""",
                   labels=labels, today=p['today'], uid=p['uid'], due=due, model=p['model'],
                   type=activity_type, user_tz=_user_tz(SQL('ev.user_id'))))
    periodic = cr.rowcount
    greetings = 0
    if p['festivals']:
        fid, names, channels, years, occasions, greets = zip(*p['festivals'])
        query = relationship_planning.festival_greetings(ids, fid, years, occasions, greets)
        cr.execute(SQL("""
            WITH fest AS (
                SELECT * FROM unnest(%(fid)s::int[], %(names)s::varchar[], %(channels)s::varchar[])
                       AS f(id, name, channel)
            ), ev AS (
                INSERT INTO customer_relationship_event (name, partner_id, user_id, company_id,
                    kind, channel, date, state, plan_item, plan_key, tier_id, festival_id,
                    occasion_date, cost, gift_value, create_uid, create_date, write_uid,
                    write_date)
                SELECT fest.name || ' greeting: ' || g.name, g.partner_id, g.user_id,
                       g.company_id, 'periodic', fest.channel, g.greet, 'planned', 'festival',
                       'festival:' || g.festival_id || ':' || g.year || ':' || g.partner_id,
                       g.tier_id, g.festival_id, g.occasion, 0, 0, %(uid)s,
                       now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM (%(query)s) g JOIN fest ON fest.id = g.festival_id
                RETURNING id, name, user_id, date, channel)
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                                       activity_type_id, user_id, user_tz, date_deadline, summary,
                                       create_uid, create_date, write_uid, write_date)
            SELECT %(model)s, 'customer.relationship.event', ev.id, ev.name, %(type)s,
                   ev.user_id, %(user_tz)s, ev.date, ev.name, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                   now() AT TIME ZONE 'UTC'
              FROM ev WHERE ev.user_id IS NOT NULL""",
                       fid=list(fid), names=list(names), channels=list(channels), uid=p['uid'],
                       query=query, model=p['model'], type=activity_type,
                       user_tz=_user_tz(SQL('ev.user_id'))))
        greetings = cr.rowcount
    cr.execute(_followers(env, 'customer.relationship.event'))
    return {'periodic': periodic, 'greetings': greetings}


# -------------------------------------------------------------------------------- kpi
def kpi_params(env, today):
    from odoo.addons.customer_maintenance.models.res_config_settings_management import (
        management_param)
    return dict(lost_months=management_param(env, 'kpi_lost_months'),
                horizon=management_kpi.kpi_horizon(today), today=today, uid=env.uid)


def kpi_floor(env, params):
    """The module's snapshot upsert (queries/management_kpi.kpi_snapshot_upsert) for all
    managers in one statement."""
    env.cr.execute(management_kpi.kpi_snapshot_upsert(
        params['lost_months'], params['horizon'], params['today'], params['uid']))
    return env.cr.fetchone()[0]


# ------------------------------------------------------------------------- incentives
def incentive_params(env, today):
    """The months the job computes (the one before and the current one) and the plan of
    every company (created once, committed before the clock starts)."""
    from odoo.addons.customer_maintenance.models.res_config_settings_management import (
        management_param)
    Plan = env['customer.incentive.plan']
    for company in env['res.company'].search([]):
        if not Plan.search_count([('company_id', '=', company.id)]):
            Plan.create({'name': 'Bench plan', 'company_id': company.id,
                         'date_from': '2000-01-01', 'existing_rate': 2, 'new_rate': 6,
                         'new_months': 12, 'lost_rate': 50, 'drop_threshold': 20,
                         'drop_rate': 10, 'new_customer_target': 2,
                         'new_customer_bonus': 1000})
    current = today.replace(day=1)
    previous = (current - datetime.timedelta(days=1)).replace(day=1)
    return dict(months=(previous, current), uid=env.uid,
                lost_months=management_param(env, 'kpi_lost_months'))


def incentive_floor(env, params):
    """The module's statement upsert (queries/incentive_statement.statement_upsert) for all
    managers, one statement per month."""
    lines = 0
    for month in params['months']:
        env.cr.execute(incentive_statement.statement_upsert(
            month, params['lost_months'], params['uid']))
        lines += env.cr.fetchone()[0]
    return lines


# ----------------------------------------------------------------------- what is compared
KPI_COLUMNS = SQL(', ').join(SQL.identifier(name) for name in management_kpi.FIGURES)
LEARNED = SQL(', ').join(SQL.identifier(name) for name in consumption.LEARNED_COLUMNS)


# the subtypes a follower f gets (mail.followers' subtype_ids)
_SUBTYPES = SQL("""(SELECT count(*) FROM mail_followers_mail_message_subtype_rel r
                     WHERE r.mail_followers_id = f.id)""")
# an event e's followers and their subtypes, aggregated once for all events (a correlated
# subquery per event and follower took > 25 min at 200k): join as `fol`, read its columns
_EVENT_FOLLOWERS_JOIN = SQL("""
    LEFT JOIN (SELECT f.res_id, count(*) AS followers,
                      COALESCE(sum(st.subtypes), 0) AS follower_subtypes
                 FROM mail_followers f
                 LEFT JOIN (SELECT mail_followers_id, count(*) AS subtypes
                              FROM mail_followers_mail_message_subtype_rel
                             GROUP BY mail_followers_id) st ON st.mail_followers_id = f.id
                WHERE f.res_model = 'customer.relationship.event'
                GROUP BY f.res_id) fol ON fol.res_id = e.id""")
_EVENT_FOLLOWERS = SQL("""COALESCE(max(fol.followers), 0) AS followers,
    COALESCE(max(fol.follower_subtypes), 0) AS follower_subtypes""")


def captures(job, params):
    """{name: query} of the job's stored result; the same queries read the floor's result
    (before its rollback) and the module's (after its job)."""
    if job == 'abc':
        return {
            'abc_partner': SQL("""
                SELECT id, abc_class, abc_sales_amount, abc_rank, abc_share, abc_date,
                       is_key_account, customer_tier_id FROM res_partner"""),
            'abc_history': SQL("""SELECT partner_id, old_class, new_class, date, company_id
                                    FROM customer_abc_history"""),
        }
    if job in ('cycles', 'cycles_next'):
        # by (customer, product): a rolled-back floor used up ids of the sequences
        return {
            'cycle': SQL("""SELECT partner_id, product_id, %s, anomaly_notified,
                                   manual_interval_days
                              FROM customer_consumption_cycle""", LEARNED),
            'cycle_activity': SQL("""
                SELECT c.partner_id, c.product_id, a.activity_type_id, a.user_id, a.user_tz,
                       a.date_deadline, a.summary, a.note IS NOT NULL AS has_note
                  FROM mail_activity a
                  JOIN customer_consumption_cycle c ON c.id = a.res_id
                 WHERE a.res_model = 'customer.consumption.cycle'"""),
            'cycle_follower': SQL("""
                SELECT c.partner_id, c.product_id, f.partner_id AS follower,
                       %s AS subtypes
                  FROM mail_followers f
                  JOIN customer_consumption_cycle c ON c.id = f.res_id
                 WHERE f.res_model = 'customer.consumption.cycle'""", _SUBTYPES),
            'replenishment': SQL("""
                SELECT c.partner_id AS cycle_partner, c.product_id, e.consumption_due_date,
                       e.partner_id, e.user_id, e.company_id, e.date, e.name, e.state, e.kind,
                       e.channel,
                       count(a.id) AS activities, min(a.user_tz) AS activity_tz, %s
                  FROM customer_relationship_event e
                  JOIN customer_consumption_cycle c ON c.id = e.consumption_cycle_id
                  LEFT JOIN mail_activity a ON a.res_model = 'customer.relationship.event'
                                           AND a.res_id = e.id
                  %s
                 GROUP BY e.id, c.partner_id, c.product_id""",
                _EVENT_FOLLOWERS, _EVENT_FOLLOWERS_JOIN),
        }
    if job == 'plan':
        return {
            # dates apart: the module levels them (working days), the floor does not
            'plan_event': SQL("""
                SELECT e.partner_id, e.plan_item, e.festival_id, e.name, e.user_id,
                       e.company_id, e.tier_id, e.channel, e.kind, e.plan_key,
                       count(a.id) AS activities, min(a.activity_type_id) AS activity_type,
                       bool_and(a.date_deadline = e.date) AS activity_on_date,
                       min(a.user_tz) AS activity_tz, %s
                  FROM customer_relationship_event e
                  LEFT JOIN mail_activity a ON a.res_model = 'customer.relationship.event'
                                           AND a.res_id = e.id
                  %s
                 WHERE e.state = 'planned' AND e.plan_item IS NOT NULL
                 GROUP BY e.id""", _EVENT_FOLLOWERS, _EVENT_FOLLOWERS_JOIN),
            'plan_date': SQL("""
                SELECT e.partner_id, e.plan_item, e.date FROM customer_relationship_event e
                 WHERE e.state = 'planned' AND e.plan_item IS NOT NULL"""),
        }
    if job == 'collections':
        return cm_bench_collections.captures(_EVENT_FOLLOWERS, _EVENT_FOLLOWERS_JOIN)
    if job == 'rfm':
        return {
            'rfm_partner': SQL("""
                SELECT id, rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, rfm_date
                  FROM res_partner"""),
            'rfm_history': SQL("""SELECT partner_id, old_segment, new_segment, is_slipping,
                                          date, company_id FROM customer_rfm_history"""),
        }
    if job == 'health':
        return {
            'health_partner': SQL("""
                SELECT id, health_score, health_label, health_date, health_lost_recency,
                       health_lost_trend, health_lost_contacts, health_lost_receivables,
                       health_lost_anomalies FROM res_partner"""),
            'health_history': SQL("""SELECT partner_id, month, score, label, company_id
                                       FROM customer_health_history"""),
        }
    if job == 'incentives':
        return {
            'incentive_statement': SQL("""
                SELECT user_id, company_id, month, state, customers_won, plan_id,
                       new_customer_target, bonus FROM customer_incentive_statement"""),
            'incentive_line': SQL("""
                SELECT s.user_id, s.company_id, s.month, l.partner_id, l.plan_id, l.rule,
                       l.sales, l.rate, l.commission, l.base, l.deduction, l.amount
                  FROM customer_incentive_statement_line l
                  JOIN customer_incentive_statement s ON s.id = l.statement_id"""),
        }
    if job == 'kpi_refresh':
        return {'kpi': SQL("SELECT user_id, date, %s FROM customer_manager_kpi_snapshot",
                           KPI_COLUMNS)}
    raise KeyError(job)


# capture compared by a rule of its own instead of equality
RULES = {'plan_date'}


def check_plan_dates(cr, params):
    """The module's planned dates against the floor's (which are the due dates): every
    contact within the horizon on a working day (Monday-Friday: the bench company's calendar,
    no public holidays), a contact with a history not before its due date, nothing planned
    the floor did not plan; what the floor planned and the module did not must be a contact
    the module leaves to a later night: a first contact whose staggered day
    (services/planning.stagger_date) is past the horizon, or one with no working day left
    between its due date and the horizon's end."""
    closed = SQL("""EXISTS (SELECT 1 FROM customer_relationship_event e
                             WHERE e.partner_id = f.partner_id AND e.channel = f.plan_item
                               AND (e.state = 'done'
                                    OR (e.state = 'cancelled' AND e.plan_item IS NOT NULL)))""")
    next_work = SQL("f.date + CASE extract(isodow FROM f.date) WHEN 6 THEN 2 "
                    "WHEN 7 THEN 1 ELSE 0 END")
    cr.execute(SQL("""
        WITH m AS (SELECT * FROM bench_module_plan_date),
             f AS (SELECT * FROM bench_floor_plan_date)
        SELECT count(*) FILTER (WHERE f.partner_id IS NULL) AS extra_in_module,
               count(*) FILTER (WHERE m.partner_id IS NULL AND %(closed)s
                                  AND %(next_work)s <= %(last_day)s::date) AS missing_in_module,
               count(*) FILTER (WHERE m.partner_id IS NULL AND (NOT %(closed)s
                                   OR %(next_work)s > %(last_day)s::date)) AS later_night,
               count(*) FILTER (WHERE m.date < %(today)s::date OR m.date > %(last_day)s::date
                                   OR extract(isodow FROM m.date) IN (6, 7)) AS off_horizon,
               count(*) FILTER (WHERE m.date < f.date AND f.date > %(today)s::date)
                   AS before_due,
               count(*) AS rows
          FROM m FULL JOIN f ON f.partner_id = m.partner_id AND f.plan_item = m.plan_item
         WHERE m.plan_item IN ('call', 'care_call', 'visit')
            OR f.plan_item IN ('call', 'care_call', 'visit')""",
                   today=params['today'], last_day=params['last_day'], closed=closed,
                   next_work=next_work))
    names = ('extra_in_module', 'missing_in_module', 'later_night', 'off_horizon',
             'before_due', 'rows')
    return dict(zip(names, cr.fetchone()))


PARAMS = {'abc': abc_params, 'cycles': cycles_params, 'cycles_next': cycles_params,
          'plan': plan_params, 'kpi_refresh': kpi_params,
          'collections': cm_bench_collections.params, 'rfm': rfm_params,
          'health': health_params, 'incentives': incentive_params}
FLOORS = {'abc': abc_floor, 'cycles': cycles_floor, 'cycles_next': cycles_floor,
          'plan': plan_floor, 'kpi_refresh': kpi_floor,
          'collections': lambda env, p: cm_bench_collections.floor(env, p, event_activities,
                                                                   _followers),
          'rfm': rfm_floor, 'health': health_floor, 'incentives': incentive_floor}
