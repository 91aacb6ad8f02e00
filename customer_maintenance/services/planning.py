"""Pure-Python planning rules of the relationship planner (no ORM, no database).

`due_periodic` is the oracle of `queries/relationship_planning.due_periodic`; `level_load`
gives each due contact its day: first contacts staggered over their interval, at most the
manager's daily capacity, working days of the company only.
"""
import datetime
import hashlib
import itertools

DAY = datetime.timedelta(days=1)
ZERO = datetime.timedelta(0)
# a care call may move up to this share (in percent) of its interval earlier or later
CARE_CALL_JITTER_PERCENT = 20
# a planned call that is not the planner's own (a consumption cycle's replenishment call, a
# call planned by hand) within this many days of the due business call stands in for it
SAME_WEEK_DAYS = 6
PERIODIC_ITEMS = ('call', 'care_call', 'visit')
# the daily capacity a planned contact counts against, by channel
CAPACITY_OF_CHANNEL = {'call': 'call', 'care_call': 'call', 'visit': 'visit', 'meeting': 'visit',
                       'collection': 'call'}
# first contacts of never-contacted customers are staggered over slots counted from this day,
# so that a customer's slot stays the same from one night to the next
STAGGER_EPOCH = datetime.date(2000, 1, 3)


def _md5_int(key):
    return int(hashlib.md5(str(key).encode('utf-8')).hexdigest()[:8], 16)


def jitter_days(seed_key, interval, percent=CARE_CALL_JITTER_PERCENT):
    """Deterministic offset in days within ±`percent`% × `interval` for `seed_key`.

    Same key, same offset (the planner is idempotent); different customers get different
    offsets, so care calls do not all fall on the same weekday and feel less like routine.
    Integer arithmetic on the first 32 bits of the key's MD5, as the SQL does
    (`queries.relationship_planning.jitter`).
    """
    bound = interval * percent // 100
    if bound <= 0:
        return 0
    return ((_md5_int(seed_key) * (2 * bound + 1)) >> 32) - bound


def next_due_date(last_date, interval, today, jitter_key=None):
    """When the next contact of a policy item is due, never before today: `interval` days
    after the last closed one (± jitter with `jitter_key`), `today` if never contacted."""
    if interval <= 0:
        return None
    if not last_date:
        return today
    due = last_date + datetime.timedelta(days=interval)
    if jitter_key is not None:
        due += datetime.timedelta(days=jitter_days('%s:%s' % (jitter_key, last_date), interval))
    return max(due, today)


def covered_by_planned_call(due, planned_dates, window=SAME_WEEK_DAYS):
    """True when one of `planned_dates` lies within `window` days of `due` (either side)."""
    return any(abs((day - due).days) <= window for day in planned_dates or ())


def greeting_date(occurrence_date, lead_days, today):
    """Day on which to send a greeting for an occurrence: `lead_days` ahead, not in the past."""
    return max(occurrence_date - datetime.timedelta(days=lead_days or 0), today)


def due_periodic(customers, events, today, last_day, window=SAME_WEEK_DAYS):
    """The oracle of the planner's query: {(partner_id, item): (last_date, due_date)}.

    `customers`: {partner_id: {item: interval}} of the eligible customers; `events`: dicts
    with partner_id, channel, state, plan_item, date. due_date is None for a customer never
    contacted (the SQL's NULL).
    """
    result = {}
    for partner_id, intervals in customers.items():
        mine = [e for e in events if e['partner_id'] == partner_id]
        hand_calls = [e['date'] for e in mine if e['state'] == 'planned'
                      and e['channel'] == 'call' and not e['plan_item']]
        for item in PERIODIC_ITEMS:
            interval = intervals.get(item, 0)
            if interval <= 0:
                continue
            if any(e['state'] == 'planned' and e['plan_item'] == item for e in mine):
                continue
            closed = [e['date'] for e in mine if e['channel'] == item and (
                e['state'] == 'done' or (e['state'] == 'cancelled' and e['plan_item']))]
            last = max(closed) if closed else None
            due = None
            if last:
                due = last + datetime.timedelta(days=interval)
                if item == 'care_call':
                    due += datetime.timedelta(
                        days=jitter_days('%s:%s' % (partner_id, last), interval))
            base = max(today, due or today)
            if base > last_day:
                continue
            if item == 'call' and covered_by_planned_call(base, hand_calls, window):
                continue
            result[(partner_id, item)] = (last, due)
    return result


def stagger_date(partner_id, item, interval, today):
    """The day of a first contact (customer never contacted), spread over the interval: each
    customer has a fixed slot in every run of `interval` days counted from STAGGER_EPOCH, so
    the date is within [today, today + interval - 1] and the same on every night until then."""
    slot = _md5_int('%s:%s' % (partner_id, item)) % interval
    offset = (slot - (today - STAGGER_EPOCH).days) % interval
    return today + datetime.timedelta(days=offset)


def level_load(dues, load, capacity, non_working, today, last_day):
    """Give each due contact its day; returns {(partner_id, item): date}.

    `dues`: dicts with partner_id, item, user_id, company_id, interval, due_date (None for a
    customer never contacted) and optionally rank (lower first among the contacts wished the
    same day); `load`: {(user_id, capacity kind, date): planned count}, updated in place;
    `capacity`: {capacity kind: contacts a day, 0 = no limit}; `non_working`:
    {company_id: set of dates off (weekends, public holidays)} between today and last_day.

    The wished day is the due date (today when overdue) or, for a first contact, its slot in
    the interval; it moves to the next working day with room left, within one interval of the
    wished day; a first contact may also move back towards today. A contact that finds no
    room up to `last_day` is not planned tonight (a later night plans it).
    """
    planned = {}
    # (order key, wished day, due): the wished day of a first contact is its stagger slot
    wishes = []
    for due in dues:
        first = due['due_date'] is None
        slot = (stagger_date(due['partner_id'], due['item'], due['interval'], today) if first
                else due['due_date'])
        wishes.append(((slot, due.get('rank', 0), due['partner_id'], due['item']),
                       slot if first else max(slot, today), due))
    wishes.sort(key=lambda wish: wish[0])
    for _key, wished, due in wishes:
        first = due['due_date'] is None
        interval = due['interval']
        if wished > last_day:
            continue
        kind = CAPACITY_OF_CHANNEL.get(due['item'])
        limit = capacity.get(kind) or 0
        off = non_working.get(due['company_id'], ())
        start = today if first else wished
        end = start + datetime.timedelta(days=interval - 1)
        # lazily: nearly every contact takes the first day it tries
        candidates = itertools.chain(
            _days(wished, min(end, last_day)),
            _days(wished - DAY, start, -DAY) if first else (),
            _days(max(end, wished) + DAY, last_day))
        for day in candidates:
            if day in off:
                continue
            key = (due['user_id'], kind, day)
            if limit and load.get(key, 0) >= limit:
                continue
            load[key] = load.get(key, 0) + 1
            planned[(due['partner_id'], due['item'])] = day
            break
    return planned


def _days(start, stop, step=DAY):
    """The days from `start` to `stop` included, forwards (or backwards, step -DAY)."""
    day = start
    while (day <= stop) if step > ZERO else (day >= stop):
        yield day
        day += step


def greeting_work_day(greet, occasion, today, off):
    """A greeting due on a day off moves to the working day before (not before today), else
    to the next working day up to the occasion itself; else it stays."""
    day = greet
    while day in off and day > today:
        day -= DAY
    if day not in off:
        return day
    day = greet
    while day in off and day < occasion:
        day += DAY
    return day if day not in off else greet
