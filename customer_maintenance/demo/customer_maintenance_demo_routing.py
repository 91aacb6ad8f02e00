# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Demo of the visit routes: the demo customers at real places of their cities (a few km
around the city centre), a few left to locate, each demo manager starting from the city most
of his customers are in; then the week's routes planned."""
import datetime
import hashlib
import logging
from collections import Counter

from odoo import api, models

from ..services import routing

_logger = logging.getLogger(__name__)

# city centres (latitude, longitude) of the demo plan's cities (services/demo_plan.py)
CITY_CENTRES = {
    'Guangzhou': (23.1291, 113.2644), 'Shenzhen': (22.5431, 114.0579),
    'Foshan': (23.0215, 113.1214), 'Dongguan': (23.0207, 113.7518),
    'Nanjing': (32.0603, 118.7969), 'Suzhou': (31.2990, 120.5853),
    'Wuxi': (31.4912, 120.3119), 'Hangzhou': (30.2741, 120.1551),
    'Ningbo': (29.8683, 121.5440), 'Wenzhou': (27.9943, 120.6994),
    'Jinan': (36.6512, 117.1201), 'Qingdao': (36.0671, 120.3826),
    'Yantai': (37.4638, 121.4479), 'Shanghai': (31.2304, 121.4737),
    'Shijiazhuang': (38.0428, 114.5149), 'Tangshan': (39.6305, 118.1802),
    'Chengdu': (30.5728, 104.0668), 'Mianyang': (31.4675, 104.6796),
    'Xiamen': (24.4798, 118.0894), 'Fuzhou': (26.0745, 119.2965),
}
# about 6 km around the centre
SPREAD_DEGREES = 0.06
# every this many-th customer is left without coordinates, to locate
TO_LOCATE_EVERY = 12
# visits planned by hand this week for each demo manager, at his customers of his home area
DEMO_WEEK_VISITS = 12
HOME_AREA_KM = 100


def demo_point(city, key):
    """A fixed point near the centre of `city` for `key` (the same on every install)."""
    lat, lon = CITY_CENTRES[city]
    digest = hashlib.md5(key.encode('utf-8')).digest()
    return (round(lat + (digest[0] / 255.0 - 0.5) * 2 * SPREAD_DEGREES, 6),
            round(lon + (digest[1] / 255.0 - 0.5) * 2 * SPREAD_DEGREES, 6))


class CustomerMaintenanceDemo(models.AbstractModel):
    _inherit = 'customer.maintenance.demo'

    @api.model
    def _demo_after_world(self, plan, world, today):
        self._demo_locations(plan, world)
        res = super()._demo_after_world(plan, world, today)
        self._demo_week_visits(world, today)
        stats = self.env['customer.relationship.event']._plan_routes(
            today, user_ids=[manager.id for manager in world['managers']])
        _logger.info('customer_maintenance demo: routes %s', stats)
        return res

    @api.model
    def _demo_locations(self, plan, world):
        cities = Counter()
        for index, company in enumerate(plan['companies']):
            partner = world['partners'][company['ref']]
            if company['city'] not in CITY_CENTRES:
                continue
            cities[(partner.user_id.id, company['city'])] += 1
            if index % TO_LOCATE_EVERY == TO_LOCATE_EVERY - 1:
                continue
            lat, lon = demo_point(company['city'], company['ref'])
            partner.write({'partner_latitude': lat, 'partner_longitude': lon})
        for manager in world['managers']:
            mine = [(count, city) for (user_id, city), count in cities.items()
                    if user_id == manager.id]
            if mine:
                city = max(mine)[1]
                lat, lon = CITY_CENTRES[city]
                manager.partner_id.sudo().write({'partner_latitude': lat,
                                                 'partner_longitude': lon})

    @api.model
    def _demo_week_visits(self, world, today):
        """Visits of the coming week at the customers near each manager's start point, due
        on the days in the order of their names (not of the road), for the route to order."""
        Event = self.env['customer.relationship.event']
        # the next five days from Monday to Friday
        days = [day for day in (today + datetime.timedelta(days=n) for n in range(7))
                if day.weekday() < 5]
        vals_list = []
        for manager in world['managers']:
            home = Event._route_start_point(manager)
            if not home:
                continue
            mine = [partner for partner in world['partners'].values()
                    if partner.user_id == manager and not partner.parent_id]
            near = [partner for partner in mine if not partner.route_to_locate
                    and routing.great_circle_km(home, (partner.partner_latitude,
                                                       partner.partner_longitude))
                    <= HOME_AREA_KM]
            # and one to locate of the same area: placed by its city or state
            states = {partner.state_id for partner in near}
            near += [partner for partner in mine
                     if partner.route_to_locate and partner.state_id in states][:1]
            near = sorted(near, key=lambda partner: partner.name)[:DEMO_WEEK_VISITS]
            for index, partner in enumerate(near):
                vals_list.append({
                    'name': manager.with_context(lang=manager.lang).env._(
                        'Visit: %s', partner.name),
                    'partner_id': partner.id, 'user_id': manager.id, 'channel': 'visit',
                    'kind': 'periodic',
                    'date': days[index % len(days)]})
        Event.create(vals_list)
