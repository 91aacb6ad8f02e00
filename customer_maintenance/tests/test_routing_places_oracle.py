# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""queries/routing.week_visits (SQL) against services/routing_places.place (Python) on
generated customers: located or not, in a few cities and states, some without city."""
import datetime
import random

from ..queries import routing as queries
from ..services import routing_places
from .common import CustomerMaintenanceCase

DAY = datetime.date(2026, 4, 6)


class TestRoutingPlacesOracle(CustomerMaintenanceCase):

    def test_sql_places_visits_as_the_oracle(self):
        env = self.env
        country = env.ref('base.aq')
        cities = ['Alpha', 'alpha ', 'Beta', 'Gamma', False]
        # every customer generated so far: without state, those of earlier seeds count too
        universe, hows = [], set()
        for seed in (1, 2, 3):
            rng = random.Random(seed)
            # each generation in states of its own and on a day of its own
            states = env['res.country.state'].create([
                {'name': 'Oracle State %d-%d' % (seed, i), 'code': 'O%d%d' % (seed, i),
                 'country_id': country.id} for i in range(3)])
            day = DAY + datetime.timedelta(days=seed)
            with self.subTest(seed=seed):
                customers = []
                for index in range(40):
                    located = rng.random() < 0.5
                    customers.append({
                        'name': 'Oracle %d-%d' % (seed, index), 'is_company': True,
                        'customer_rank': rng.choice([0, 1, 1, 1]),
                        'user_id': self.manager_a.id, 'city': rng.choice(cities),
                        'state_id': rng.choice(states.ids + [False]),
                        'country_id': country.id,
                        'partner_latitude': rng.uniform(-60, -80) if located else 0.0,
                        'partner_longitude': rng.uniform(-170, 170) if located else 0.0})
                partners = env['res.partner'].create(customers)
                env['customer.relationship.event'].create([{
                    'name': 'Oracle visit %s' % partner.id, 'partner_id': partner.id,
                    'channel': 'visit', 'user_id': self.manager_a.id, 'date': day}
                    for partner in partners if partner.customer_rank])
                env.flush_all()
                rows = env.execute_query_dict(
                    queries.week_visits([self.manager_a.id], day, day))
                generated = [{'lat': p.partner_latitude, 'lon': p.partner_longitude,
                             'city': p.city, 'state_id': p.state_id.id or None,
                             'country_id': p.country_id.id or None,
                             'customer_rank': p.customer_rank} for p in partners]
                universe += generated
                by_partner = {partner.id: generated[i] for i, partner in enumerate(partners)}
                self.assertEqual(len(rows), len([p for p in partners if p.customer_rank]))
                for row in rows:
                    lat, lon, how = routing_places.place(by_partner[row['partner_id']],
                                                         universe)
                    hows.add(how)
                    self.assertEqual(row['placed'], how, row)
                    if lat is None:
                        self.assertIsNone(row['lat'])
                    else:
                        self.assertAlmostEqual(row['lat'], lat, places=6)
                        self.assertAlmostEqual(row['lon'], lon, places=6)
        self.assertEqual(hows, {'exact', 'city', 'state', 'none'},
                         'every way of placing is exercised')
