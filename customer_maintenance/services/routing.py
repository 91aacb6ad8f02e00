"""The week's visits of one account manager on days and in order (no ORM, no database).

`solve_week` hands the vehicle-routing problem to Google OR-Tools: each working day of the week
is a vehicle that leaves the manager's start point and comes back to it; a visit may only ride
on the days of its window, a day takes at most the daily capacity of visits and lasts at most
the working day (driving at the configured speed plus each visit's duration); the cost is the
road distance (great circle × road factor). A visit that fits no day is left out and reported.

The search is deterministic: a first solution by parallel cheapest insertion, then guided local
search stopped by a number of solutions (not by the clock alone, which would make the answer
depend on how busy the machine is); the time limit only guards against a pathological input.

`due_date_routes`, `route_km` and `check_routes` are the yardsticks of the tests: the naive
plan (visits in due-date order), the length of a plan, and the rules a plan must keep.
"""
import math

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

EARTH_RADIUS_KM = 6371.0088
# a visit left out costs more than any road: it is dropped only when it fits no day
DROP_PENALTY = 10 ** 9
# guided local search stops after this many solutions (deterministic), or at the time limit
SOLUTION_LIMIT = 100
TIME_LIMIT_SECONDS = 1.8


def great_circle_km(a, b):
    """Distance in km between two (latitude, longitude) points in degrees (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def road_km(a, b, road_factor):
    return great_circle_km(a, b) * road_factor


def drive_minutes(km, speed_kmh):
    return km / speed_kmh * 60.0 if speed_kmh > 0 else 0.0


class WeekProblem:
    """One manager's week: `start` (lat, lon), `visits` [{'id', 'point', 'minutes', 'days':
    allowed day indices}], `capacities` and `day_minutes` per day (the rest of a day that has
    begun), `day_starts`: the point each day starts from (default `start`)."""

    def __init__(self, start, visits, capacities, day_minutes, *, speed_kmh, road_factor,
                 day_starts=None):
        self.start = start
        self.visits = visits
        self.capacities = list(capacities)
        self.day_minutes = list(day_minutes)
        self.speed_kmh = speed_kmh
        self.road_factor = road_factor
        self.day_starts = list(day_starts or [start] * len(self.capacities))

    def km(self, a, b):
        return road_km(a, b, self.road_factor)

    def leg_minutes(self, a, b, service_minutes):
        return drive_minutes(self.km(a, b), self.speed_kmh) + service_minutes


def solve_week(problem, *, solution_limit=SOLUTION_LIMIT, time_limit=TIME_LIMIT_SECONDS):
    """{'routes': [[visit id in order] per day], 'dropped': [visit ids]}."""
    visits, days = problem.visits, len(problem.capacities)
    if not visits or not days:
        return {'routes': [[] for _day in range(days)], 'dropped': [v['id'] for v in visits]}
    # nodes: 0 the start point (every day ends there), 1..n the visits, then each day's start
    points = ([problem.start] + [v['point'] for v in visits] + problem.day_starts)
    service = [0] + [int(round(v['minutes'])) for v in visits] + [0] * days
    n_visits = len(visits)
    starts = [1 + n_visits + day for day in range(days)]
    manager = pywrapcp.RoutingIndexManager(len(points), days, starts, [0] * days)
    routing = pywrapcp.RoutingModel(manager)
    metres = [[int(round(problem.km(a, b) * 1000)) for b in points] for a in points]
    minutes = [[int(math.ceil(drive_minutes(metres[i][j] / 1000.0, problem.speed_kmh)))
                + service[i] for j in range(len(points))] for i in range(len(points))]

    # matrices and vectors are evaluated in C++, without a call back into Python per arc
    distance = routing.RegisterTransitMatrix(metres)
    routing.SetArcCostEvaluatorOfAllVehicles(distance)
    # a metre per day of the week for using a day: of two plans of the same road, the one
    # that visits earlier (moving a whole day's route to another day is a tie otherwise)
    for day in range(days):
        routing.SetFixedCostOfVehicle(day, day)
    count = routing.RegisterUnaryTransitVector([0] + [1] * n_visits + [0] * days)
    routing.AddDimensionWithVehicleCapacity(count, 0, problem.capacities, True, 'visits')
    duration = routing.RegisterTransitMatrix(minutes)
    routing.AddDimensionWithVehicleCapacity(
        duration, 0, [max(int(m), 0) for m in problem.day_minutes], True, 'minutes')
    for node, visit in enumerate(visits, start=1):
        index = manager.NodeToIndex(node)
        routing.VehicleVar(index).SetValues([-1] + sorted(set(visit['days'])))
        routing.AddDisjunction([index], DROP_PENALTY)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION)
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH)
    params.solution_limit = solution_limit
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        return {'routes': [[] for _day in range(days)], 'dropped': [v['id'] for v in visits]}
    routes = []
    for day in range(days):
        index, route = routing.Start(day), []
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            if 1 <= node <= n_visits:
                route.append(visits[node - 1]['id'])
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    placed = {visit_id for route in routes for visit_id in route}
    return {'routes': routes, 'dropped': [v['id'] for v in visits if v['id'] not in placed]}


def legs(problem, route, day=0):
    """[(visit id, km from the previous stop, minutes from the day's start on arrival)] of a
    day's route, and the km back to the start point."""
    by_id = {v['id']: v for v in problem.visits}
    here, clock, result = problem.day_starts[day], 0.0, []
    for visit_id in route:
        visit = by_id[visit_id]
        km = problem.km(here, visit['point'])
        clock += drive_minutes(km, problem.speed_kmh)
        result.append((visit_id, km, clock))
        clock += visit['minutes']
        here = visit['point']
    return result, problem.km(here, problem.start)


def route_km(problem, routes):
    """Total road km of a plan (each day from its start point, back to the start point)."""
    total = 0.0
    for day, route in enumerate(routes):
        day_legs, back = legs(problem, route, day)
        total += sum(km for _id, km, _clock in day_legs) + (back if route else 0.0)
    return total


def day_length(problem, route, day=0):
    """Minutes from the day's start to the return, visits included."""
    day_legs, back = legs(problem, route, day)
    if not route:
        return 0.0
    last = problem.visits[[v['id'] for v in problem.visits].index(route[-1])]
    return day_legs[-1][2] + last['minutes'] + drive_minutes(back, problem.speed_kmh)


def check_routes(problem, routes, slack_minutes=0):
    """The rules a plan keeps, as a list of what it breaks (empty when it keeps them all):
    every visit once, on a day of its window, at most the day's capacity, within the day."""
    broken = []
    seen = [visit_id for route in routes for visit_id in route]
    if len(seen) != len(set(seen)):
        broken.append('a visit is planned twice')
    by_id = {v['id']: v for v in problem.visits}
    for day, route in enumerate(routes):
        if len(route) > problem.capacities[day]:
            broken.append('day %d: %d visits over the capacity %d'
                          % (day, len(route), problem.capacities[day]))
        for visit_id in route:
            if day not in by_id[visit_id]['days']:
                broken.append('visit %s on day %d, outside its window' % (visit_id, day))
        length = day_length(problem, route, day)
        if length > problem.day_minutes[day] + slack_minutes:
            broken.append('day %d lasts %.0f minutes, more than %s'
                          % (day, length, problem.day_minutes[day]))
    return broken


def due_date_routes(problem, due_order):
    """The naive plan: visits taken in due-date order (`due_order`: the visit ids sorted by
    due date), each on the first day of its window with room left, kept in that order."""
    by_id = {v['id']: v for v in problem.visits}
    routes = [[] for _day in problem.capacities]
    for visit_id in due_order:
        for day in sorted(by_id[visit_id]['days']):
            if len(routes[day]) < problem.capacities[day]:
                routes[day].append(visit_id)
                break
    return routes
