"""Relative dates ("hier", "lundi", "lundi dernier", "la semaine dernière", "l'an prochain", "last October",
"next week"), from the language data, and their resolution against the article's date.

Extraction is pure text → RelativeDates; `resolve()` turns one into the interval of days it names, given
the day the article speaks (an interval when the article's date is only inferred). A bare weekday is the
last such day on or before the article's date, or the next one in a sentence about the future.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation, starts
from .. import patterns
from .anchored import PhraseStarts, finditer_at, first_words, lowered, rests, starts_of, word_hits


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class RelativeDate:
    start: int
    end: int
    unit: str                 # "day", "week", "month", "year", "weekday" or "month-name"
    offset: int = 0           # days or periods from the article's; for weekday/month-name: -1 past, +1 next, 0 either
    value: int | None = None  # the weekday (0 = Monday) or the month (1-12)




@functools.lru_cache(maxsize=None)
def _patterns(code: str):
    data = language.load(code)
    flags = regex.I
    days = patterns.compile(rf"{starts(data['relative_days'])}(?<![\w-])(?P<w>{alternation(data['relative_days'])})(?![\w-])", flags)
    periods = {}
    for entry in data["relative_periods"]:
        for word in entry["words"]:
            periods[word.replace("’", "'").lower()] = (entry["unit"], entry["offset"])
    period = patterns.compile(rf"{starts(periods)}(?<!\w)(?P<w>{alternation(periods)})(?!\w)", flags)
    past, future = alternation(data["past_markers"]), alternation(data["future_markers"])
    weekday = alternation(data["weekdays"])
    month = alternation(data["months"])
    # "last Monday", "lundi dernier", "el próximo lunes" / "el lunes próximo": the marker's place is the language's
    marked = data["relative_marker_position"]
    pre = rf"(?:(?P<pre_past>{past})\s+|(?P<pre_next>{future})\s+)?" if "before" in marked else ""
    post = rf"(?:\s+(?P<post_past>{past})|\s+(?P<post_next>{future}))?" if "after" in marked else ""
    first = starts(data["past_markers"], data["future_markers"], data["weekdays"], data["months"]) if pre \
        else starts(data["weekdays"], data["months"])
    named = rf"{first}(?<!\w){pre}(?P<w>{weekday}|{month}){post}(?!\w)"
    # the words a match of each pattern begins with (see anchored.py)
    firsts = {"days": first_words(data["relative_days"]), "period": first_words(periods),
              "named": first_words(list(data["weekdays"]) + list(data["months"])
                                   + (list(data["past_markers"]) + list(data["future_markers"]) if pre else []))}
    return days, period, periods, patterns.compile(named, flags), firsts


@functools.lru_cache(maxsize=None)
def _tables(code: str) -> tuple[dict, dict, dict]:
    """(weekdays, months, relative days) by their lower case: read by every article, built once."""
    data = language.load(code)
    return ({k.lower(): v for k, v in data["weekdays"].items()}, {k.lower(): v for k, v in data["months"].items()},
            {k.replace("’", "'").lower(): v for k, v in data["relative_days"].items()})


@functools.lru_cache(maxsize=None)
def _phrases(code: str) -> dict[str, PhraseStarts]:
    """Where a relative day or period may begin: its first word, and the text going on as a phrase that begins with
    it may (anchored.PhraseStarts). Most places of "le", "la", "ce" and "the" begin no "la semaine dernière" nor
    "the day before yesterday", and a pattern tried there costs a call that fails. A place left out begins no match."""
    _, _, periods, _, firsts = _patterns(code)
    return {"days": PhraseStarts(firsts["days"], rests(language.load(code)["relative_days"], firsts["days"])),
            "period": PhraseStarts(firsts["period"], rests(periods, firsts["period"]))}


@functools.lru_cache(maxsize=None)
def relative_words(code: str) -> frozenset[str]:
    """The words whose places (word_hits) find_relative_dates reads: the first words of named days and months, and
    those of relative days and periods that their phrases' patterns do not find (PhraseStarts.plain)."""
    phrases = _phrases(code)
    return _patterns(code)[4]["named"] | phrases["days"].plain | phrases["period"].plain


def find_relative_dates(prose: str, code: str, taken: list[tuple[int, int]] = (),
                        hits: list[tuple[int, str]] | None = None) -> list[RelativeDate]:
    """`taken`: spans already read as full dates ("lundi 3 mars 2025" is not a relative "lundi"); `hits`: word_hits of
    the prose for words that hold relative_words(code), when the caller found them (with the words of other
    extractors: one scan for all)."""
    data = language.load(code)
    days, period, periods, named, firsts = _patterns(code)
    low = lowered(prose)
    if low is None:   # no lower case to read what follows a word: the patterns are tried at each first word
        hits = word_hits(prose, firsts["days"] | firsts["period"] | firsts["named"])
        days_at, period_at = starts_of(hits, firsts["days"]), starts_of(hits, firsts["period"])
    else:
        hits = hits if hits is not None else word_hits(prose, relative_words(code))
        phrases = _phrases(code)
        days_at, period_at = phrases["days"](low, hits), phrases["period"](low, hits)
    blocked = bytearray(len(prose))
    for s, e in taken:
        blocked[s:e] = b"\x01" * (e - s)
    weekdays, months, table = _tables(code)
    found = []
    for m in finditer_at(days, prose, days_at):
        found.append(RelativeDate(m.start(), m.end(), "day", table[" ".join(m.group("w").split()).replace("’", "'").lower()]))
    for m in finditer_at(period, prose, period_at):
        unit, offset = periods[" ".join(m.group("w").split()).replace("’", "'").lower()]
        found.append(RelativeDate(m.start(), m.end(), unit, offset))
    for m in finditer_at(named, prose, starts_of(hits, firsts["named"])):
        if blocked.find(1, m.start(), m.end()) >= 0:
            continue
        word = m.group("w").lower()
        if not m.group("w")[0].isupper() and data["weekdays_capitalised" if word in weekdays else "months_capitalised"]:
            continue   # English weekday and month names are capitalised: "may", "march" are verbs
        gd = m.groupdict()
        direction = -1 if (gd.get("pre_past") or gd.get("post_past")) else 1 if (gd.get("pre_next") or gd.get("post_next")) else 0
        if word in weekdays:
            found.append(RelativeDate(m.start(), m.end(), "weekday", direction, weekdays[word]))
        elif direction and word in months:   # a bare month name is not relative: "en octobre 2011"
            found.append(RelativeDate(m.start(), m.end(), "month-name", direction, months[word]))
    return sorted(found, key=lambda r: r.start)


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def resolve_on(rel: RelativeDate, day: dt.date, future: bool = False) -> tuple[dt.date, dt.date]:
    if rel.unit == "day":
        target = day + dt.timedelta(days=rel.offset)
        return target, target
    if rel.unit == "week":
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=rel.offset)
        return monday, monday + dt.timedelta(days=6)
    if rel.unit == "month":
        return _month_bounds(*_shift_month(day, rel.offset))
    if rel.unit == "year":
        return dt.date(day.year + rel.offset, 1, 1), dt.date(day.year + rel.offset, 12, 31)
    if rel.unit == "weekday":
        forward = rel.offset > 0 or (rel.offset == 0 and future)
        if forward:
            delta = (rel.value - day.weekday()) % 7 or (7 if rel.offset > 0 else 0)
            target = day + dt.timedelta(days=delta)
        else:
            delta = (day.weekday() - rel.value) % 7 or (7 if rel.offset < 0 else 0)
            target = day - dt.timedelta(days=delta)
        return target, target
    # a month name with "dernier"/"last" or "prochain"/"next"
    year = day.year
    if rel.offset < 0:
        year = day.year if rel.value < day.month else day.year - 1
    elif rel.offset > 0:
        year = day.year if rel.value > day.month else day.year + 1
    return _month_bounds(year, rel.value)


def resolve(rel: RelativeDate, interval: tuple[dt.date, dt.date], future: bool = False) -> tuple[dt.date, dt.date]:
    """The days a relative date may name when the article speaks somewhere in `interval`."""
    first, last = resolve_on(rel, interval[0], future), resolve_on(rel, interval[1], future)
    return min(first[0], last[0]), max(first[1], last[1])
