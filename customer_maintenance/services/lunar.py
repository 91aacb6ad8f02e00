"""Chinese lunar calendar ↔ Gregorian dates, on top of borax (never a hand-typed table)."""
import datetime

from borax.calendars.lunardate import LCalendars, LunarDate

MIN_YEAR = 1901
MAX_YEAR = 2099


def lunar_month_days(year, month, leap=False):
    """Days (29 or 30) of the lunar month `month` of lunar year `year`."""
    return LCalendars.ndays(year, month, int(bool(leap)))


def lunar_to_solar(year, month, day, leap=False):
    """The Gregorian date of lunar `year`/`month`/`day`.

    A day 30 in a month that has only 29 days falls on day 29 (the custom for birthdays and
    festivals kept on the last day of the month). A leap month is only used when asked for
    and when the year has that leap month; otherwise the regular month counts.
    """
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError('lunar year %s is outside %s-%s' % (year, MIN_YEAR, MAX_YEAR))
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError('invalid lunar month/day %s/%s' % (month, day))
    leap = bool(leap) and LCalendars.leap_month(year) == month
    day = min(day, lunar_month_days(year, month, leap))
    return LunarDate(year, month, day, int(leap)).to_solar_date()


def solar_to_lunar(date):
    """(year, month, day, leap) of the lunar date of a Gregorian `date`."""
    lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
    return lunar.year, lunar.month, lunar.day, bool(lunar.leap)


def solar_date(year, month, day):
    """The Gregorian date month/day in `year`; Feb 29 falls on Feb 28 in common years."""
    if month == 2 and day == 29:
        try:
            return datetime.date(year, 2, 29)
        except ValueError:
            return datetime.date(year, 2, 28)
    return datetime.date(year, month, day)


def occurrence(calendar, year, month, day):
    """The Gregorian date of a yearly date (solar or lunar) for (lunar or solar) `year`."""
    if calendar == 'lunar':
        return lunar_to_solar(year, month, day)
    return solar_date(year, month, day)


def occurrences_between(calendar, month, day, start, stop):
    """[(year, date)] of the yearly date that fall between `start` and `stop` (inclusive).

    The year is the calendar's own year: a lunar 12th month of lunar year Y falls in the
    Gregorian January/February of Y+1.
    """
    result = []
    for year in range(start.year - 1, stop.year + 1):
        if calendar == 'lunar' and not MIN_YEAR <= year <= MAX_YEAR:
            continue
        date = occurrence(calendar, year, month, day)
        if start <= date <= stop:
            result.append((year, date))
    return result
