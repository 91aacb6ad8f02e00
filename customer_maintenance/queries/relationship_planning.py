# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The SQL of the relationship planner (`cron_plan_relationship_events`).

Each function returns an `odoo.tools.SQL`; today, the horizon and every setting are
parameters (never CURRENT_DATE). `services/planning.py` is the oracle the tests compare
`due_periodic` with; the leveling of the load is done in Python on these rows.
"""
from odoo.tools import SQL

from .arrays import array


def eligible_customers(partner_ids=None):
    """Ids of the customers the planner works for: active companies/individuals that are
    customers (customer_rank > 0), with an active account manager and an active tier."""
    where = (SQL('TRUE') if partner_ids is None
             else SQL('p.id = ANY(%s)', array(partner_ids, 'int')))
    return SQL("""
        SELECT p.id
          FROM res_partner p
          JOIN customer_tier t ON t.id = p.customer_tier_id AND t.active
          JOIN res_users u ON u.id = p.user_id AND u.active
         WHERE p.active AND p.customer_rank > 0 AND p.parent_id IS NULL AND %(where)s
         ORDER BY p.id""", where=where)


def jitter(key, interval, percent):
    """The care-call jitter of services/planning.jitter_days: integer arithmetic on the first
    32 bits of the MD5 of `key` (SQL expressions), within ±`percent`% of `interval`."""
    bound = SQL('(%(interval)s * %(percent)s / 100)', interval=interval, percent=percent)
    return SQL("""(((('x' || substr(md5(%(key)s), 1, 8))::bit(32)::bigint
                   * (2 * %(bound)s + 1)) >> 32) - %(bound)s)::int""", key=key, bound=bound)


def due_periodic(partner_ids, items, today, last_day, jitter_percent, window):
    """Business calls, care calls, visits due for `partner_ids` up to `last_day`.

    One row per customer and item without an open (planned) event of that item:
    (partner_id, name, item, user_id, company_id, tier_id, interval, last_date, due_date), where
    last_date is the last done (or planned-then-cancelled) contact of the item's channel and
    due_date = last_date + interval (± jitter for care calls), NULL for a customer never
    contacted. A planned call not planned by the planner (by hand, a replenishment call)
    within `window` days of the due business call stands in for it (no row).

    The open events and those planned calls are looked up per customer (NOT EXISTS on the
    customer's events): scanning all planned events for every batch grew with the table.
    """
    base = SQL('GREATEST(%(today)s::date, COALESCE(due.due_date, %(today)s::date))',
               today=today)
    return SQL("""
        WITH cust AS (
            SELECT p.id AS partner_id, p.name, p.user_id,
                   COALESCE(p.company_id, u.company_id) AS company_id,
                   t.id AS tier_id, t.call_interval_days, t.care_call_interval_days,
                   t.visit_interval_days
              FROM res_partner p
              JOIN customer_tier t ON t.id = p.customer_tier_id AND t.active
              JOIN res_users u ON u.id = p.user_id AND u.active
             WHERE p.active AND p.customer_rank > 0 AND p.parent_id IS NULL
               AND p.id = ANY(%(ids)s)
        ), items AS (
            SELECT c.*, i.item,
                   CASE i.item WHEN 'call' THEN c.call_interval_days
                               WHEN 'care_call' THEN c.care_call_interval_days
                               ELSE c.visit_interval_days END AS interval
              FROM cust c
             CROSS JOIN unnest(%(items)s::varchar[]) AS i(item)
        ), closed AS (
            SELECT e.partner_id, e.channel AS item, max(e.date) AS last_date
              FROM customer_relationship_event e
             WHERE e.partner_id = ANY(%(ids)s) AND e.channel = ANY(%(items)s)
               AND (e.state = 'done' OR (e.state = 'cancelled' AND e.plan_item IS NOT NULL))
             GROUP BY e.partner_id, e.channel
        ), due AS (
            SELECT it.partner_id, it.name, it.item, it.user_id, it.company_id, it.tier_id,
                   it.interval, cl.last_date,
                   CASE WHEN cl.last_date IS NULL THEN NULL
                        WHEN it.item = 'care_call' THEN cl.last_date + it.interval + %(jitter)s
                        ELSE cl.last_date + it.interval END AS due_date
              FROM items it
              LEFT JOIN closed cl ON cl.partner_id = it.partner_id AND cl.item = it.item
             WHERE it.interval > 0
               AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                                WHERE e.partner_id = it.partner_id AND e.state = 'planned'
                                  AND e.plan_item = it.item)
        )
        SELECT due.partner_id, due.name, due.item, due.user_id, due.company_id, due.tier_id,
               due.interval, due.last_date, due.due_date
          FROM due
         WHERE %(base)s <= %(last_day)s
           AND NOT (due.item = 'call' AND EXISTS (
               SELECT 1 FROM customer_relationship_event e
                WHERE e.partner_id = due.partner_id AND e.channel = 'call'
                  AND e.date BETWEEN %(base)s - %(window)s AND %(base)s + %(window)s
                  AND e.state = 'planned' AND e.plan_item IS NULL))
         ORDER BY due.partner_id, due.item""",
               ids=array(partner_ids, 'int'), items=list(items), today=today, last_day=last_day,
               window=window, base=base,
               jitter=jitter(SQL("it.partner_id || ':' || to_char(cl.last_date, 'YYYY-MM-DD')"),
                             SQL('it.interval'), jitter_percent))


def planned_load(user_ids, channels, start, stop):
    """(user_id, date, count) of the planned events of `channels` of these users between
    `start` and `stop`: what their days already hold."""
    return SQL("""
        SELECT e.user_id, e.date, count(*)
          FROM customer_relationship_event e
         WHERE e.state = 'planned' AND e.user_id = ANY(%(users)s)
           AND e.channel = ANY(%(channels)s) AND e.date BETWEEN %(start)s AND %(stop)s
         GROUP BY e.user_id, e.date""",
               users=list(user_ids), channels=list(channels), start=start, stop=stop)


def _eligible_join():
    return SQL("""
          FROM res_partner p
          JOIN customer_tier t ON t.id = p.customer_tier_id AND t.active
          JOIN res_users u ON u.id = p.user_id AND u.active""")


def _eligible_where(partner_ids):
    return SQL('p.active AND p.customer_rank > 0 AND p.parent_id IS NULL AND p.id = ANY(%s)',
               array(partner_ids, 'int'))


# The greetings' NOT EXISTS look among the customer's events of the item (a greeting is
# planned on its customer, its key names its item): with the key alone, PostgreSQL could use
# no index (the unique one on plan_key is partial) and every batch read the whole event
# table (4M rows at 200k customers).
def festival_greetings(partner_ids, festival_ids, years, occasions, greet_dates):
    """Festival greetings due: one row per customer of a tier greeting the festival and per
    occurrence (festival_ids[i], years[i], occasions[i], greet_dates[i]) not yet planned."""
    return SQL("""
        SELECT p.id AS partner_id, p.name, p.user_id,
               COALESCE(p.company_id, u.company_id) AS company_id, t.id AS tier_id,
               v.festival_id, v.year, v.occasion, v.greet
        %(join)s
          JOIN customer_tier_festival_rel r ON r.tier_id = t.id
          JOIN unnest(%(festivals)s, %(years)s, %(occasions)s, %(greets)s)
               AS v(festival_id, year, occasion, greet)
            ON v.festival_id = r.festival_id
         WHERE %(where)s
           AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                            WHERE e.partner_id = p.id AND e.plan_item = 'festival'
                              AND e.plan_key = 'festival:' || v.festival_id || ':' || v.year
                                               || ':' || p.id)
         ORDER BY p.id, v.greet""",
               join=_eligible_join(), where=_eligible_where(partner_ids),
               festivals=array(festival_ids, 'int'), years=array(years, 'int'),
               occasions=array(occasions, 'date'), greets=array(greet_dates, 'date'))


def birthday_greetings(partner_ids, calendars, months, days, years, occasions, greet_dates):
    """Birthday greetings due for the current contacts (not former ones) of customers whose
    tier greets birthdays: the contact's (solar or lunar) month/day matched against the
    yearly dates whose greeting falls in the horizon."""
    return SQL("""
        SELECT p.id AS partner_id, c.id AS contact_id, c.name, p.user_id,
               COALESCE(p.company_id, u.company_id) AS company_id, t.id AS tier_id,
               v.year, v.occasion, v.greet
        %(join)s
          JOIN res_partner c ON c.parent_id = p.id AND c.active
                            AND NOT COALESCE(c.is_former_contact, false)
          JOIN unnest(%(cal)s, %(month)s, %(day)s, %(year)s, %(occ)s, %(greet)s)
               AS v(cal, month, day, year, occasion, greet)
            ON v.cal = COALESCE(c.birthday_calendar, 'solar')
           AND v.month = c.birthday_month AND v.day = c.birthday_day
         WHERE %(where)s AND t.birthday_greeting
           AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                            WHERE e.partner_id = p.id AND e.plan_item = 'birthday'
                              AND e.plan_key = 'birthday:' || c.id || ':' || v.year)
         ORDER BY c.id""",
               join=_eligible_join(), where=_eligible_where(partner_ids),
               **_yearly_dates(calendars, months, days, years, occasions, greet_dates))


def anniversary_greetings(partner_ids, calendars, months, days, years, occasions, greet_dates):
    """Founding anniversaries due (solar dates) of customers whose tier greets birthdays."""
    return SQL("""
        SELECT p.id AS partner_id, p.name, p.user_id,
               COALESCE(p.company_id, u.company_id) AS company_id, t.id AS tier_id,
               v.year, v.occasion, v.greet
        %(join)s
          JOIN unnest(%(cal)s, %(month)s, %(day)s, %(year)s, %(occ)s, %(greet)s)
               AS v(cal, month, day, year, occasion, greet)
            ON v.cal = 'solar' AND v.month = extract(month FROM p.founding_date)
           AND v.day = extract(day FROM p.founding_date)
           AND v.year > extract(year FROM p.founding_date)
         WHERE %(where)s AND t.birthday_greeting AND p.founding_date IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM customer_relationship_event e
                            WHERE e.partner_id = p.id AND e.plan_item = 'anniversary'
                              AND e.plan_key = 'anniversary:' || p.id || ':' || v.year)
         ORDER BY p.id""",
               join=_eligible_join(), where=_eligible_where(partner_ids),
               **_yearly_dates(calendars, months, days, years, occasions, greet_dates))


def _yearly_dates(calendars, months, days, years, occasions, greet_dates):
    """The parameters of the yearly dates' unnest (birthdays, anniversaries)."""
    return dict(cal=array(calendars, 'varchar'), month=array(months, 'int'),
                day=array(days, 'int'), year=array(years, 'int'),
                occ=array(occasions, 'date'), greet=array(greet_dates, 'date'))


def analyze_events():
    """Fresh planner statistics for the event table (its state, item and customer columns)."""
    return SQL('ANALYZE customer_relationship_event (state, plan_item, partner_id, channel)')
