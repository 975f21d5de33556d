"""A calendar date that does not exist.

## What it finds
A day that its month does not have: "le 31 avril", "le 30 février", "29 février 2011" (2011 is not
a leap year), "32 mars 2020", "September 31", and numeric dates that no reading makes possible
("81/01/2012", "40-02-2011", "32.03.2018", "31/09/1969"). A numeric date possible in the other
day/month order ("02/13/2026" in French) is not reported: it is read in that order. Before the
Gregorian reform the Julian leap years apply (29 February 1500 existed). "Le 29 février" without a
year, in an article of exact date, is the February the sentence speaks of (the next one in a sentence
about the future, else the last one): reported as a warning when that year is not a leap year.

## Why it matters
An impossible date is always a typo; the reader cannot know which day was meant, and every
check that depends on the date (weekday, event, article dating) loses its footing.

## Fails
```text
Il est né le 31 avril 1950.
La loi a été votée le 29 février 2011.
The treaty was signed on Feb 29th, 2014.
(article of 13 February 1998) The meeting, set for Feb. 29, was postponed.
```

## Passes
```text
Le 29 février 2012, le parlement a voté.  (a leap year)
le 29 février                              (no year, no exact article date: it may be a leap year)
(article of 13 January 2013) Le 29 février dernier, la grève a commencé.   (February 2012)
Articles 32.17-918 et 98.17-761            (not a date)
12-12-2012
```

## Options
None.
"""
from __future__ import annotations

import calendar

from .. import lang as language
from ..extract.sentences import sentence_at
from ..extract.tense import is_future
from ..finding import Severity
from ..weekdays import days_in_month, exists

ID = "invalid-date"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def _written_day(code: str, text: str, day: int, month: int, year: int | None) -> str:
    """The day written the way the article writes dates: "30 avril 2014", "April 30, 2014", "30 April 2014"."""
    form = ("day_first" if text[:1].isdigit() else "month_first") + ("" if year else "_no_year")
    return language.write_date(code, form, day=day, month=month, year=year)


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


def _february_of(ctx, d) -> int | None:
    """For "le 29 février" without a year: the year of the February the sentence speaks of, when the
    article's date is exact: the next one in a sentence about the future, else the last one."""
    if ctx.date.earliest is None or ctx.date.earliest != ctx.date.latest:
        return None
    today = ctx.date.earliest
    s, e = sentence_at(ctx.sentences, d.start)
    data = language.load(ctx.article.language)
    after = ctx.article.prose[d.end:d.end + 15].lower().split()
    marker = after[0].strip(",.;") if after else ""
    if marker in data["past_markers"]:      # "le 29 février dernier"
        ahead = False
    elif marker in data["future_markers"]:  # "le 29 février prochain"
        ahead = True
    else:
        ahead = is_future(ctx.article.prose[s:e], ctx.article.language)
    if ahead:
        return today.year if today.month <= 2 else today.year + 1
    return today.year if today.month >= 2 else today.year - 1


def check(ctx, options):
    code = ctx.article.language
    for d in ctx.dates:
        if d.day is None:
            continue
        year, severity = d.year, SEVERITY
        if year is None and d.month == 2 and 29 in (d.day, d.day_end):
            year, severity = _february_of(ctx, d), Severity.WARNING   # the year from the context
        for day in (d.day, d.day_end):
            if day is None:
                continue
            found = _problem(year, d.month, day)
            if found is None:
                continue
            problem, last = found
            text = ctx.article.text[d.start:d.end]
            suggestion = None
            if last is not None and d.kind == "words":
                suggestion = _written_day(code, text, last, d.month, d.year)   # the year as written
            message = f"“{text}” does not exist: {problem}"
            if year != d.year:
                message += f" (the February of {year}, the one the sentence speaks of at the article's date)"
            yield ctx.finding(ID, d.start, d.end, message, severity, suggestion)
            break
