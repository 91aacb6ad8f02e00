"""Where a visit is driven to (no ORM): the oracle of `queries/routing.week_visits`.

A customer with coordinates is there; one without is placed at the centre of the located
customers of its city (same city name, trimmed and in lower case, same state and country),
else of its state, else nowhere (None: the route counts it at the start point).
"""


def is_located(partner):
    return bool(partner.get('lat') or partner.get('lon'))


def city_key(partner):
    return (partner.get('city') or '').strip(' ').lower()


def _centre(members):
    if not members:
        return None
    return (sum(m['lat'] for m in members) / len(members),
            sum(m['lon'] for m in members) / len(members))


def place(partner, customers):
    """(lat, lon, how) of `partner`: how is 'exact', 'city', 'state' or 'none'.

    `partner` and `customers` are dicts with lat, lon, city, state_id, country_id (and
    customer_rank for `customers`: only customers count for the centres)."""
    if is_located(partner):
        return partner['lat'], partner['lon'], 'exact'
    known = [c for c in customers if c.get('customer_rank', 0) > 0 and is_located(c)]
    key = city_key(partner)
    if key:
        centre = _centre([c for c in known if city_key(c) == key
                          and c.get('state_id') == partner.get('state_id')
                          and c.get('country_id') == partner.get('country_id')])
        if centre:
            return centre[0], centre[1], 'city'
    if partner.get('state_id'):
        centre = _centre([c for c in known if c.get('state_id') == partner['state_id']])
        if centre:
            return centre[0], centre[1], 'state'
    return None, None, 'none'
