# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The visits a manager's week route is made of, each with the point it is driven to.

planned visits of the managers in the days -> their customers -> a customer without
coordinates is placed at the centre of the located customers of its city (same city name,
state and country), else of its state, else nowhere (the route then counts it at the start
point) -> one row per visit. `services/routing_places.py` is the same rule in Python; the tests
compare both on generated customers.
"""
from odoo.tools import SQL

VISIT_CHANNELS = ('visit', 'meeting')
DEFAULT_VISIT_MINUTES = 60


def located():
    """The condition of a partner `q` with coordinates (Odoo's 0, 0 means none)."""
    return SQL("(COALESCE(q.partner_latitude, 0) != 0 OR COALESCE(q.partner_longitude, 0) != 0)")


def planned_visits(user_ids, first_day, last_day):
    """The planned visits of the users between the two days, with their customer."""
    return SQL("""
        SELECT e.id, e.user_id, e.partner_id, e.company_id, e.date, e.route_fixed,
               e.route_window_start, e.route_window_end,
               COALESCE(t.visit_duration_minutes, %(minutes)s) AS minutes,
               p.partner_latitude AS lat, p.partner_longitude AS lon,
               lower(btrim(p.city)) AS city_key, p.state_id, p.country_id
          FROM customer_relationship_event e
          JOIN res_partner p ON p.id = e.partner_id
          LEFT JOIN customer_tier t ON t.id = p.customer_tier_id
         WHERE e.user_id = ANY(%(user_ids)s) AND e.state = 'planned'
           AND e.channel = ANY(%(channels)s)
           AND e.date BETWEEN %(first_day)s AND %(last_day)s""",
               minutes=DEFAULT_VISIT_MINUTES, user_ids=list(user_ids),
               channels=list(VISIT_CHANNELS), first_day=first_day, last_day=last_day)


def city_centres():
    """Centre of the located customers of each city of a visit's customer to place."""
    return SQL("""
        SELECT u.city_key, u.state_id, u.country_id,
               AVG(q.partner_latitude) AS lat, AVG(q.partner_longitude) AS lon
          FROM (SELECT DISTINCT city_key, state_id, country_id FROM visits
                 WHERE COALESCE(lat, 0) = 0 AND COALESCE(lon, 0) = 0
                   AND city_key != '') u
          JOIN res_partner q ON lower(btrim(q.city)) = u.city_key
           AND q.state_id IS NOT DISTINCT FROM u.state_id
           AND q.country_id IS NOT DISTINCT FROM u.country_id
         WHERE q.customer_rank > 0 AND %(located)s
         GROUP BY 1, 2, 3""", located=located())


def state_centres():
    """Centre of the located customers of each state of a visit's customer to place."""
    return SQL("""
        SELECT u.state_id, AVG(q.partner_latitude) AS lat, AVG(q.partner_longitude) AS lon
          FROM (SELECT DISTINCT state_id FROM visits
                 WHERE COALESCE(lat, 0) = 0 AND COALESCE(lon, 0) = 0
                   AND state_id IS NOT NULL) u
          JOIN res_partner q ON q.state_id = u.state_id
         WHERE q.customer_rank > 0 AND %(located)s
         GROUP BY 1""", located=located())


def week_visits(user_ids, first_day, last_day):
    """One row per planned visit: the visit's fields, its point (lat, lon) and how it was
    placed ('exact', 'city', 'state', or 'none' with no point)."""
    return SQL("""
        WITH visits AS (%(visits)s), city AS (%(city)s), state AS (%(state)s)
        SELECT v.id, v.user_id, v.partner_id, v.company_id, v.date, v.route_fixed,
               v.route_window_start, v.route_window_end, v.minutes,
               CASE WHEN COALESCE(v.lat, 0) != 0 OR COALESCE(v.lon, 0) != 0 THEN v.lat
                    ELSE COALESCE(c.lat, s.lat) END AS lat,
               CASE WHEN COALESCE(v.lat, 0) != 0 OR COALESCE(v.lon, 0) != 0 THEN v.lon
                    ELSE COALESCE(c.lon, s.lon) END AS lon,
               CASE WHEN COALESCE(v.lat, 0) != 0 OR COALESCE(v.lon, 0) != 0 THEN 'exact'
                    WHEN c.lat IS NOT NULL THEN 'city'
                    WHEN s.lat IS NOT NULL THEN 'state'
                    ELSE 'none' END AS placed
          FROM visits v
          LEFT JOIN city c ON c.city_key = v.city_key
           AND c.state_id IS NOT DISTINCT FROM v.state_id
           AND c.country_id IS NOT DISTINCT FROM v.country_id
          LEFT JOIN state s ON s.state_id = v.state_id
         ORDER BY v.user_id, v.date, v.id""",
               visits=planned_visits(user_ids, first_day, last_day),
               city=city_centres(), state=state_centres())


def managers_with_visits(first_day, last_day):
    """The users with a planned visit between the two days."""
    return SQL("""
        SELECT DISTINCT user_id FROM customer_relationship_event
         WHERE state = 'planned' AND user_id IS NOT NULL AND channel = ANY(%(channels)s)
           AND date BETWEEN %(first_day)s AND %(last_day)s
         ORDER BY user_id""", channels=list(VISIT_CHANNELS), first_day=first_day,
               last_day=last_day)
