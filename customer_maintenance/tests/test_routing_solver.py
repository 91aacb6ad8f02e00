# Copyright 2026 customer_maintenance authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The week's route solver (services/routing.py, OR-Tools) against a brute-force optimum on
small instances, and against the due-date order on a clustered week of 40 visits."""
import itertools
import random
import time

from odoo.tests import TransactionCase, tagged

from ..services import routing

START = (31.2304, 121.4737)  # Shanghai


def brute_force_km(problem):
    """The shortest plan by exhaustive search: per subset of visits the shortest closed tour
    (Held-Karp), then the best split of the visits over the days (capacity and windows)."""
    visits = problem.visits
    n = len(visits)
    points = [v['point'] for v in visits]
    best_tour = {0: 0.0}
    # tour[(mask, last)]: shortest path from the start through mask ending at visit `last`
    tour = {}
    for i in range(n):
        tour[(1 << i, i)] = problem.km(problem.start, points[i])
    for size in range(2, n + 1):
        for combo in itertools.combinations(range(n), size):
            mask = sum(1 << i for i in combo)
            for last in combo:
                rest = mask & ~(1 << last)
                tour[(mask, last)] = min(tour[(rest, prev)] + problem.km(points[prev],
                                                                          points[last])
                                         for prev in combo if prev != last)
    for mask in range(1, 1 << n):
        best_tour[mask] = min(tour[(mask, last)] + problem.km(points[last], problem.start)
                              for last in range(n) if mask >> last & 1)
    full = (1 << n) - 1
    best = {0: 0.0}
    for day, capacity in enumerate(problem.capacities):
        allowed = sum(1 << i for i, v in enumerate(visits) if day in v['days'])
        following = {}
        for done, cost in best.items():
            free = allowed & ~done
            sub = free
            while True:
                if bin(sub).count('1') <= capacity:
                    key = done | sub
                    value = cost + best_tour[sub]
                    if value < following.get(key, float('inf')):
                        following[key] = value
                if sub == 0:
                    break
                sub = (sub - 1) & free
        best = following
    return best.get(full)


def small_instance(rng, size, days):
    visits = []
    for index in range(size):
        due = rng.randrange(days)
        visits.append({'id': index, 'minutes': 30,
                       'point': (START[0] + rng.uniform(-0.3, 0.3),
                                 START[1] + rng.uniform(-0.3, 0.3)),
                       'days': list(range(max(due - 1, 0), min(due + 2, days)))})
    capacity = max(2, -(-size // days) + 1)
    return routing.WeekProblem(START, visits, [capacity] * days, [24 * 60] * days,
                               speed_kmh=40, road_factor=1.3)


def clustered_week(rng, size=40, days=5, clusters=5):
    """A week of visits in a few areas around the start point, due on random days, each with
    a window of two days either side of its due day; returns (problem, due order)."""
    centres = [(START[0] + rng.uniform(-0.5, 0.5), START[1] + rng.uniform(-0.5, 0.5))
               for _cluster in range(clusters)]
    visits, due = [], {}
    for index in range(size):
        centre = centres[index % clusters]
        due[index] = rng.randrange(days)
        visits.append({'id': index, 'minutes': 30,
                       'point': (centre[0] + rng.gauss(0, 0.02), centre[1] + rng.gauss(0, 0.02)),
                       'days': list(range(max(due[index] - 2, 0), min(due[index] + 3, days)))})
    problem = routing.WeekProblem(START, visits, [10] * days, [10 * 60] * days,
                                  speed_kmh=40, road_factor=1.3)
    return problem, sorted(due, key=lambda visit_id: (due[visit_id], visit_id))


@tagged('post_install', '-at_install')
class TestRoutingSolver(TransactionCase):

    def test_small_instances_match_the_brute_force_optimum(self):
        rng = random.Random(23)
        equal = 0
        cases = [(size, days) for size in (4, 5, 6, 7, 8) for days in (2, 3)]
        for size, days in cases:
            problem = small_instance(rng, size, days)
            with self.subTest(size=size, days=days):
                optimum = brute_force_km(problem)
                self.assertIsNotNone(optimum, 'the instance has a feasible plan')
                result = routing.solve_week(problem)
                self.assertEqual(result['dropped'], [])
                self.assertEqual(routing.check_routes(problem, result['routes']), [])
                found = routing.route_km(problem, result['routes'])
                # the solver works on whole metres: equal up to rounding, never shorter
                self.assertGreaterEqual(found, optimum - 0.01)
                self.assertLessEqual(found, optimum * 1.05)
                equal += found <= optimum + 0.01
        # the 5% is for a search stopped by its time limit; most instances are exact
        self.assertGreaterEqual(equal, len(cases) - 2)

    def test_clustered_week_saves_a_quarter_of_the_road_and_keeps_every_rule(self):
        problem, due_order = clustered_week(random.Random(7))
        started = time.perf_counter()
        result = routing.solve_week(problem)
        elapsed = time.perf_counter() - started
        self.assertLess(elapsed, 2.0, 'one manager-week is solved in under 2 s')
        self.assertEqual(result['dropped'], [])
        self.assertEqual(sorted(v for route in result['routes'] for v in route), list(range(40)))
        self.assertEqual(routing.check_routes(problem, result['routes']), [])
        naive = routing.due_date_routes(problem, due_order)
        solved_km = routing.route_km(problem, result['routes'])
        naive_km = routing.route_km(problem, naive)
        self.assertLessEqual(solved_km, 0.75 * naive_km,
                             'solved %.0f km against %.0f km in due-date order'
                             % (solved_km, naive_km))

    def test_same_input_same_routes(self):
        problem, _due = clustered_week(random.Random(11), size=24, days=4)
        first = routing.solve_week(problem)
        second = routing.solve_week(problem)
        self.assertEqual(first, second)

    def test_capacity_and_day_length_leave_out_what_does_not_fit(self):
        visits = [{'id': i, 'minutes': 120, 'point': (START[0] + 0.01 * i, START[1]),
                   'days': [0]} for i in range(5)]
        problem = routing.WeekProblem(START, visits, [4], [7 * 60], speed_kmh=40,
                                      road_factor=1.3)
        result = routing.solve_week(problem)
        # 4 visits of 2 h do not fit in 7 h: 3 are planned, 2 left out
        self.assertEqual(len(result['routes'][0]), 3)
        self.assertEqual(len(result['dropped']), 2)
        self.assertEqual(routing.check_routes(problem, result['routes']), [])

    def test_great_circle(self):
        # Shanghai - Beijing, about 1068 km as the crow flies
        self.assertAlmostEqual(routing.great_circle_km(START, (39.9042, 116.4074)), 1067, delta=5)
        self.assertEqual(routing.great_circle_km(START, START), 0.0)
