"""A weekday that does not match its date.

## What it finds
A weekday written next to a date that falls on another day: "vendredi 12 février 2026" (a
Thursday), "Thursday, 27 June 2017" (a Tuesday), "Tuesday 04/21/2014", "2016-12-29 (Fri)",
"Dec. 25, 1997, a Wednesday", "Monday (Feb. 16)", "Monday 2/17/98", and either weekday of a range
("du mardi 20 au vendredi 24 août 2012", "mardi 3 et mercredi 4 septembre 2012").
When the date has no year ("mercredi 4 juillet"), the year is the one that puts the date nearest
to when the sentence speaks (its own anchor, else the article's date); the finding is then a
warning, and nothing is said when two plausible years disagree. Also a night or evening between
two days that do not follow each other ("dans la nuit de jeudi à mardi").

Dates before the Gregorian reform are read in the Julian calendar ("mercredi 18 août 1563");
dates followed by an era marker ("avant Jésus-Christ", "BC") are not checked.

## Why it matters
A mismatched weekday means the day or the date is wrong, and readers do not know which.

## Fails
```text
Le conseil se réunira vendredi 12 février 2026.
LanguageTool 3.8 was released on Thursday, 27 June 2017.
(article of 3 July 2012) Les épreuves reprendront mardi 4 juillet.
Les frappes ont eu lieu dans la nuit de jeudi à mardi.
Le 1er mai 2012, un lundi, les syndicats ont défilé.
Du mardi 20 au vendredi 24 août 2012, la piscine sera fermée.
```

## Passes
```text
Le conseil s'est réuni jeudi 12 février 2026.
le lundi 6 avec Roch Voisine            (no month: not a date)
mercredi, 18 août 1563                  (Julian calendar)
dans la nuit de jeudi à vendredi
Le mardi suivant le 3 mars 2014       (a day counted from the date)
On May 7, 2024, a Wednesday meeting   (the weekday is said of the meeting)
```

## Options
None.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools

import regex

from .. import lang as language
from ..finding import DEFAULT, Severity, levels
from ..calendar import weekday
from ..extract.anchored import lowered
from .. import patterns

ID = "weekday-mismatch"
SEVERITY = Severity.ERROR
LEVELS = levels(ID, SEVERITY, inferred_year=Severity.WARNING)
OPTIONS: dict = {}
NEAR_DAYS = 183     # a date without a year is taken to be within half a year of when the sentence speaks


def _names(code: str) -> dict[int, str]:
    """The name each day is suggested by: its first spelling in the language file ("sábado" before "sabado")."""
    names: dict[int, str] = {}
    for name, day in language.load(code)["weekdays"].items():
        names.setdefault(day, name)
    return names


def _english_day(n: int) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[n]


def _like(word: str, written: str) -> str:
    return word[:1].upper() + word[1:] if written[:1].isupper() else word


@functools.lru_cache(maxsize=None)
def _eras(code: str) -> regex.Pattern:
    markers = language.load(code)["era_markers"]
    return patterns.compile(r"\s*(?:" + "|".join(patterns.escape(m) for m in markers) + r")")


@functools.lru_cache(maxsize=None)
def _nights(code: str) -> regex.Pattern:
    days = "|".join(sorted(language.load(code)["weekdays"], key=len, reverse=True))
    bodies = [patterns.escape(t).replace(r"\ ", r"\s+").replace(r"\{a\}", "{a}").replace(r"\{b\}", "{b}")
              .replace("{a}", f"(?P<a>{days})").replace("{b}", f"(?P<b>{days})")
              for t in language.load(code)["night_spans"]]
    return patterns.compile(r"(?<!\w)(?:" + "|".join(f"(?:{b})" for b in bodies) + r")(?!\w)", regex.I)


def _candidates(month: int, day_number: int, interval: tuple[dt.date, dt.date]) -> list[dt.date]:
    """Dates of (day, month) within NEAR_DAYS of the interval, nearest first."""
    out = []
    for year in range(interval[0].year - 1, interval[1].year + 2):
        try:
            day = dt.date(year, month, day_number)
        except ValueError:
            continue
        distance = max((interval[0] - day).days, (day - interval[1]).days, 0)
        if distance <= NEAR_DAYS:
            out.append((distance, day))
    return [day for _, day in sorted(out)]


def _written_days(d):
    """The (weekday, its span, the day it names) written with a date: the date's own, and in a range the one
    before its last day ("du mardi 20 au vendredi 24 août")."""
    if d.weekday is not None and d.day is not None and d.weekday_span:
        yield d.weekday, d.weekday_span, d.day
    if d.weekday_end is not None and d.day_end is not None and d.weekday_end_span:
        yield d.weekday_end, d.weekday_end_span, d.day_end


def check(ctx, options):
    code = ctx.article.language
    names = _names(code)
    for d in ctx.dates:
        if d.weekday is None and d.weekday_end is None:
            continue
        if _eras(code).match(ctx.article.prose, d.end, d.end + 300):
            continue
        for wd, span, day in _written_days(d):
            yield from _mismatch(ctx, names, d, wd, span, day)
    yield from _night_spans(ctx, code, names)


def _mismatch(ctx, names, d, wd, span, day_number):
    written = ctx.article.text[span[0]:span[1]]
    text = ctx.article.text[d.start:d.end]
    if d.year:
        actual = weekday(d.year, d.month, day_number)
        if actual is None or actual == wd:
            return
        message = (f"“{text}”: {day_number} {_month(d.month)} {d.year} is a {_english_day(actual)}, "
                   f"not a {_english_day(wd)}")
        yield ctx.finding(ID, span[0], span[1], message, DEFAULT, _like(names[actual], written))
        return
    interval, how = ctx.when(d.start)
    if interval is None:
        return
    candidates = _candidates(d.month, day_number, interval)
    actual = {weekday(day.year, day.month, day.day) for day in candidates}
    if not candidates or wd in actual or len(actual) != 1:
        return
    day = candidates[0]
    message = (f"“{text}”: {day_number} {_month(d.month)} {day.year} is a {_english_day(day.weekday())}, "
               f"not a {_english_day(wd)} (year from {how})")
    yield ctx.finding(ID, span[0], span[1], message, "inferred-year", _like(names[day.weekday()], written))


@functools.lru_cache(maxsize=None)
def _night_words(code: str) -> tuple[tuple[str, ...], ...]:
    """The words (runs of letters, in lower case) each form of a night span contains as written."""
    return tuple(tuple(w.lower() for w in regex.findall(r"\p{L}+", regex.sub(r"\{[ab]\}", " ", t)))
                 for t in language.load(code)["night_spans"])


def _night_spans(ctx, code, names):
    low = lowered(ctx.article.prose)
    if low is not None and not any(all(w in low for w in form) for form in _night_words(code)):
        return   # no form's words: the pattern, costly on every article, cannot match
    weekdays = {k.lower(): v for k, v in language.load(code)["weekdays"].items()}
    for m in _nights(code).finditer(ctx.article.prose):
        a, b = weekdays[m.group("a").lower()], weekdays[m.group("b").lower()]
        if (a + 1) % 7 == b:
            continue
        following = _like(names[(a + 1) % 7], m.group("b"))
        message = (f"“{m.group()}”: {_english_day(b)} does not follow {_english_day(a)}; "
                   f"expected {_english_day((a + 1) % 7)}")
        yield ctx.finding(ID, m.start("b"), m.end("b"), message, DEFAULT, following)


def _month(n: int) -> str:
    return calendar.month_name[n]
