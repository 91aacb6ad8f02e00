"""Pure-Python planning rules of the relationship planner (no ORM, no database)."""
import datetime
import hashlib

# a care call may move up to this share (in percent) of its interval earlier or later
CARE_CALL_JITTER_PERCENT = 20


def jitter_days(seed_key, interval, percent=CARE_CALL_JITTER_PERCENT):
    """Deterministic offset in days within ±`percent`% × `interval` for `seed_key`.

    Same key, same offset (the planner is idempotent); different customers get different
    offsets, so care calls do not all fall on the same weekday and feel less like routine.
    Integer arithmetic on the first 32 bits of the key's MD5 only, so that PostgreSQL computes
    the very same offset (`relationship_planner._JITTER_SQL`) and the planner stays one query.
    """
    bound = interval * percent // 100
    if bound <= 0:
        return 0
    seed = int(hashlib.md5(str(seed_key).encode('utf-8')).hexdigest()[:8], 16)
    return ((seed * (2 * bound + 1)) >> 32) - bound


def next_due_date(last_date, interval, today, jitter_key=None):
    """When the next contact of a policy item is due.

    `interval` days after the last closed one (done or cancelled) or `today` for a customer
    never contacted; never before today. With `jitter_key` (care calls) the date moves by a
    seeded ±20% of the interval.
    """
    if interval <= 0:
        return None
    if not last_date:
        return today
    if isinstance(last_date, str):  # Odoo's cursor returns dates as 'YYYY-MM-DD'
        last_date = datetime.datetime.strptime(last_date[:10], '%Y-%m-%d').date()
    due = last_date + datetime.timedelta(days=interval)
    if jitter_key is not None:
        due += datetime.timedelta(days=jitter_days('%s:%s' % (jitter_key, last_date), interval))
    return max(due, today)


# a planned call that is not the planner's own (a consumption cycle's replenishment call, a
# call planned by hand) within this many days of the due business call stands in for it
SAME_WEEK_DAYS = 6


def covered_by_planned_call(due, planned_dates, window=SAME_WEEK_DAYS):
    """True when one of `planned_dates` lies within `window` days of `due` (either side).

    A replenishment call is a business call: the planner does not plan a second call for the
    same week; once that call is done, the next business call follows `interval` days later.
    """
    for day in planned_dates or ():
        if isinstance(day, str):
            day = datetime.datetime.strptime(day[:10], '%Y-%m-%d').date()
        if abs((day - due).days) <= window:
            return True
    return False


def greeting_date(occurrence_date, lead_days, today):
    """Day on which to send a greeting for an occurrence: `lead_days` ahead, not in the past."""
    return max(occurrence_date - datetime.timedelta(days=lead_days or 0), today)
