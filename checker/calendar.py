"""Calendar facts: whether a day exists and which weekday it was, Julian before the Gregorian reform.

Dates before 15 October 1582 are read in the Julian calendar (the one in use when they were written);
from 20 December 1582 in the Gregorian one. In between, the calendar depended on the country (France
changed on 9/20 December 1582), so no weekday is given.
"""
from __future__ import annotations

import calendar
import datetime as dt

GREGORIAN_EVERYWHERE = dt.date(1582, 12, 20)


def days_in_month(year: int | None, month: int) -> int:
    """Days of the month; February of an unknown year may have 29."""
    if month == 2:
        if year is None:
            return 29
        leap = year % 4 == 0 if year < 1583 else calendar.isleap(year)
        return 29 if leap else 28
    return calendar.monthrange(2001, month)[1]


def exists(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)


def _julian_day_number(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def weekday(year: int, month: int, day: int) -> int | None:
    """0 = Monday … 6 = Sunday, or None when the date does not exist or its calendar is uncertain."""
    if not exists(year, month, day) or year < 1:
        return None
    if year < 1582 or (year == 1582 and (month, day) < (10, 15)):
        return _julian_day_number(year, month, day) % 7
    date = dt.date(year, month, day)
    if date < GREGORIAN_EVERYWHERE:
        return None
    return date.weekday()
