"""Malformed date/time strings: a time glued to a date, doubled or mixed separators, impossible times."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .. import patterns


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Malformed:
    start: int
    end: int
    problem: str
    suggestion: str | None
    date: dt.date | None       # the date it most likely means


# Day and month in either order ("12/02/2026" in French, "02/27/1998" in English): which is which is
# settled in _date, after the match, by the language's order and by what a calendar allows.
_PART = r"(?:0?[1-9]|[12]\d|3[01])"
_TIME = r"(?:[01]?\d|2[0-3])[:h][0-5]\d"
_PATTERNS = [
    ("time-date", patterns.compile(rf"(?<![\d:/.])(?P<time>{_TIME})(?P<date>(?P<a>{_PART})/(?P<b>{_PART})/(?P<y>\d{{4}}))(?![\d/])")),
    ("date-time", patterns.compile(rf"(?<![\d/])(?P<date>(?P<a>{_PART})/(?P<b>{_PART})/(?P<y>\d{{4}}))(?P<time>{_TIME})(?![\d:])")),
    ("doubled", patterns.compile(rf"(?<![\d/])(?P<a>{_PART})(?P<s1>//+|/)(?P<b>{_PART})(?P<s2>//+|/)(?P<y>\d{{4}})(?![\d/])")),
    # (?=\d): no required character to search for, so let the engine skip to digits
    ("mixed", patterns.compile(rf"(?=\d)(?<![\d/.-])(?P<a>{_PART})(?P<s1>[/.-])(?P<b>{_PART})(?P<s2>[/.-])(?P<y>\d{{4}})(?![\d/.-]\d)")),
]


def _date(m, day_first: bool) -> dt.date | None:
    """The date meant: in the language's order, else in the other when only that one exists."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    orders = ((a, b), (b, a)) if day_first else ((b, a), (a, b))
    for day, month in orders:
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def find_malformed(prose: str, day_first: bool = True) -> list[Malformed]:
    found: list[Malformed] = []
    taken = bytearray(len(prose))
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(prose):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            meant = _date(m, day_first)
            if meant is None and min(int(m.group("a")), int(m.group("b"))) > 12:
                continue   # no month in it: not a date
            date = meant if day_first else None   # what dating may read: day-first text only, as before
            if kind == "time-date":
                item = Malformed(m.start(), m.end(), f"time {m.group('time')} glued to date {m.group('date')}",
                                 f"{m.group('time')}, {m.group('date')}", date)
            elif kind == "date-time":
                item = Malformed(m.start(), m.end(), f"date {m.group('date')} glued to time {m.group('time')}",
                                 f"{m.group('date')}, {m.group('time')}", date)
            elif kind == "doubled":
                if m.group("s1") == "/" and m.group("s2") == "/":
                    continue
                item = Malformed(m.start(), m.end(), "doubled separator in a date",
                                 f"{m.group('a')}/{m.group('b')}/{m.group('y')}", date)
            else:
                if m.group("s1") == m.group("s2"):
                    continue
                sep = m.group("s1")
                item = Malformed(m.start(), m.end(), f"mixed separators {m.group('s1')!r} and {m.group('s2')!r} in a date",
                                 f"{m.group('a')}{sep}{m.group('b')}{sep}{m.group('y')}", date)
            found.append(item)
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found, key=lambda x: x.start)


_CLOCK = patterns.compile(r"(?<![\w:/.,])(?P<h>\d{1,2})(?P<sep>[ \u00a0]?h[ \u00a0]?|:)(?P<m>\d\d)(?![\w:/]|[.,]\d)")


@functools.lru_cache(maxsize=None)
def _time_context(code: str) -> regex.Pattern:
    words = sorted(language.load(code)["time_before"], key=len, reverse=True)
    alternation = "|".join(patterns.escape(w).replace(r"\ ", r"\s+") for w in words)
    return patterns.compile(rf"(?:^|\W)(?:{alternation})\s*$", regex.I)


def find_impossible_times(prose: str, code: str) -> list[Malformed]:
    """Times of day that do not exist: "25h30" or "14:75" after "à"/"at", and any "10h75".

    Minutes from 60 are impossible in a time and in a duration; an hour from 25 is impossible only in a
    time of day, so it needs a word that introduces one ("à 25h30"; "en 25h30" is a race time). A colon
    needs that word too ("14:75" may be a score or a verse)."""
    found = []
    context = _time_context(code)
    for m in _CLOCK.finditer(prose):
        hour, minute = int(m.group("h")), int(m.group("m"))
        timed = bool(context.search(prose[max(0, m.start() - 30):m.start()]))
        if m.group("sep") == ":" and not timed:
            continue
        if minute >= 60:
            problem = f"minute {minute} does not exist; expected 00 to 59"
        elif timed and (hour > 24 or (hour == 24 and minute > 0)):
            problem = f"hour {hour} does not exist in a time of day; expected 0 to 23"
        else:
            continue
        found.append(Malformed(m.start(), m.end(), f"impossible time {m.group()}: {problem}", None, None))
    return found
