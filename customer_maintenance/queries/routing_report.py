# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The supervisor's view of the routes (區域主管分析客戶交易卡，調整客戶經理銷售路線):
kilometres, visits a day and km a visit per manager and month, and the customers that lie far
off their manager's road but near another manager's start point (hand-over candidates)."""
from odoo.tools import SQL

from .routing import VISIT_CHANNELS

EARTH_RADIUS_KM = 6371.0088
# a customer farther than this from its manager's start point, and more than twice as far as
# from another manager's, is a candidate to hand over
FAR_KM = 100


def routed_visits():
    """The condition of a visit `e` that was put on a route and not cancelled."""
    return SQL("e.channel = ANY(%(channels)s) AND e.state != 'cancelled' AND e.route_sequence > 0",
               channels=list(VISIT_CHANNELS))


def located(alias):
    return SQL("(COALESCE(%(lat)s, 0) != 0 OR COALESCE(%(lon)s, 0) != 0)",
               lat=SQL.identifier(alias, 'partner_latitude'),
               lon=SQL.identifier(alias, 'partner_longitude'))


def road_km(lat1, lon1, lat2, lon2, road_factor):
    """Great-circle distance (haversine, as services/routing.py) x the road factor."""
    return SQL("""(2 * %(radius)s * asin(least(1.0, sqrt(
                power(sin(radians(%(lat2)s - %(lat1)s) / 2), 2)
              + cos(radians(%(lat1)s)) * cos(radians(%(lat2)s))
              * power(sin(radians(%(lon2)s - %(lon1)s) / 2), 2)))) * %(factor)s)""",
               radius=EARTH_RADIUS_KM, lat1=lat1, lon1=lon1, lat2=lat2, lon2=lon2,
               factor=road_factor)


def visits():
    """The condition of a visit `e` planned or done (a visit too far to fit a day is not
    routed, yet it is the first to hand over)."""
    return SQL("e.channel = ANY(%(channels)s) AND e.state != 'cancelled'",
               channels=list(VISIT_CHANNELS))


def month_report():
    """One row per manager, company and month of the visits routed."""
    return SQL("""
        SELECT (e.user_id::bigint * 1000000 + COALESCE(e.company_id, 0) * 10000
                + EXTRACT(YEAR FROM e.date)::int * 12 + EXTRACT(MONTH FROM e.date)::int) AS id,
               e.user_id, e.company_id, date_trunc('month', e.date)::date AS date,
               COUNT(*) AS visit_count, COUNT(DISTINCT e.date) AS day_count,
               COUNT(DISTINCT e.partner_id) AS customer_count,
               COUNT(DISTINCT p.state_id) AS area_count,
               SUM(e.route_leg_km + COALESCE(e.route_back_km, 0)) AS km,
               COUNT(*)::float / COUNT(DISTINCT e.date) AS visits_per_day,
               SUM(e.route_leg_km + COALESCE(e.route_back_km, 0)) / COUNT(*) AS km_per_visit
          FROM customer_relationship_event e
          JOIN res_partner p ON p.id = e.partner_id
         WHERE %(routed)s AND e.user_id IS NOT NULL
         GROUP BY e.user_id, e.company_id, date_trunc('month', e.date),
                  EXTRACT(YEAR FROM e.date), EXTRACT(MONTH FROM e.date)""",
               routed=routed_visits())


def start_points():
    """Each internal user's start point: his own address when located, else his company's."""
    return SQL("""
        SELECT u.id AS user_id,
               CASE WHEN %(own)s THEN up.partner_latitude ELSE cp.partner_latitude END AS lat,
               CASE WHEN %(own)s THEN up.partner_longitude ELSE cp.partner_longitude END AS lon
          FROM res_users u
          JOIN res_partner up ON up.id = u.partner_id
          JOIN res_company c ON c.id = u.company_id
          JOIN res_partner cp ON cp.id = c.partner_id
         WHERE u.active AND NOT u.share AND (%(own)s OR %(company)s)""",
               own=located('up'), company=located('cp'))


def handover_report(road_factor):
    """One row per customer and manager of the visits: the road from the manager's
    start point, and the nearest start point of another manager who routes visits."""
    return SQL("""
        WITH starts AS (%(starts)s),
             visited AS (SELECT DISTINCT e.partner_id, e.user_id
                           FROM customer_relationship_event e
                          WHERE %(visits)s AND e.user_id IS NOT NULL),
             routers AS (SELECT s.* FROM starts s
                          WHERE s.user_id IN (SELECT user_id FROM visited))
        SELECT (v.partner_id::bigint * 100000 + v.user_id) AS id,
               v.partner_id, v.user_id, p.state_id, p.company_id,
               %(own_km)s AS own_km, n.user_id AS nearest_user_id, n.km AS nearest_km,
               COALESCE(%(own_km)s > %(far)s AND n.km * 2 < %(own_km)s, FALSE)
                   AS is_handover_candidate
          FROM visited v
          JOIN res_partner p ON p.id = v.partner_id
          LEFT JOIN starts s ON s.user_id = v.user_id
          LEFT JOIN LATERAL (
                SELECT o.user_id, %(other_km)s AS km FROM routers o
                 WHERE o.user_id != v.user_id ORDER BY 2, 1 LIMIT 1) n ON TRUE
         WHERE %(located)s""",
               starts=start_points(), visits=visits(), located=located('p'),
               own_km=road_km(SQL('s.lat'), SQL('s.lon'), SQL('p.partner_latitude'),
                              SQL('p.partner_longitude'), road_factor),
               other_km=road_km(SQL('o.lat'), SQL('o.lon'), SQL('p.partner_latitude'),
                                SQL('p.partner_longitude'), road_factor),
               far=FAR_KM)
