"""A calendar date that does not exist.

## What it finds
A day that its month does not have: "le 31 avril", "le 30 février", "29 février 2011" (2011 is not
a leap year), "32 mars 2020", "September 31", and numeric dates that no reading makes possible
("81/01/2012", "40-02-2011", "32.03.2018", "31/09/1969"). A numeric date possible in the other
day/month order ("02/13/2026" in French) is not reported: it is read in that order. Before the
Gregorian reform the Julian leap years apply (29 February 1500 existed).

## Why it matters
An impossible date is always a typo; the reader cannot know which day was meant, and every
check that depends on the date (weekday, event, article dating) loses its footing.

## Fails
```text
Il est né le 31 avril 1950.
La loi a été votée le 29 février 2011.
The treaty was signed on Feb 29th, 2014.
```

## Passes
```text
Le 29 février 2012, le parlement a voté.  (a leap year)
le 29 février                              (no year: it may be a leap year)
Articles 32.17-918 et 98.17-761            (not a date)
12-12-2012
```

## Options
None.
"""
from __future__ import annotations

import calendar

from .. import lang as language
from ..finding import Severity
from ..weekdays import days_in_month, exists

ID = "invalid-date"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def _written_day(code: str, text: str, day: int, month: int, year: int | None) -> str:
    """The day written the way the article writes dates: "30 avril 2014", "April 30, 2014"."""
    if code == "en":
        name = calendar.month_name[month]
        words = f"{day} {name}" if text[:1].isdigit() else f"{name} {day}"
        return words + (f"{',' if not text[:1].isdigit() else ''} {year}" if year else "")
    names = [k for k, v in language.load(code)["months"].items() if v == month and not k.endswith(".")]
    return f"{day} {names[0] if names else month}" + (f" {year}" if year else "")


def _problem(year: int | None, month: int, day: int) -> tuple[str, int | None] | None:
    """What is wrong with the day, and the last day of the month when the day is one past it."""
    if exists(year, month, day):
        return None
    if day > 31 or day < 1:
        return f"no month has a day {day}", None
    if not 1 <= month <= 12:
        return f"there is no month {month}", None
    last = days_in_month(year, month)
    name = calendar.month_name[month]
    if month == 2 and year is not None and day == 29:
        return f"{year} is not a leap year, February {year} has 28 days", 28
    if month == 2 and year is None:
        return "February has 28 or 29 days", None
    return f"{name} has {last} days", (last if day == last + 1 else None)


def check(ctx, options):
    code = ctx.article.language
    for d in ctx.dates:
        if d.day is None:
            continue
        for day in (d.day, d.day_end):
            if day is None:
                continue
            found = _problem(d.year, d.month, day)
            if found is None:
                continue
            problem, last = found
            text = ctx.article.text[d.start:d.end]
            suggestion = None
            if last is not None and d.kind == "words":
                suggestion = _written_day(code, text, last, d.month, d.year)
            message = f"“{text}” does not exist: {problem}"
            yield ctx.finding(ID, d.start, d.end, message, SEVERITY, suggestion)
            break
