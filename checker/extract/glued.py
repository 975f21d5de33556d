"""Malformed date/time strings: a time glued to a date, doubled or mixed separators."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex


@dataclass(frozen=True, slots=True)
class Malformed:
    start: int
    end: int
    problem: str
    suggestion: str
    date: dt.date | None       # the date it most likely means


_DAY, _MONTH = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
_TIME = r"(?:[01]?\d|2[0-3])[:h][0-5]\d"
_PATTERNS = [
    ("time-date", regex.compile(rf"(?<![\d:/.])(?P<time>{_TIME})(?P<date>(?P<d>{_DAY})/(?P<m>{_MONTH})/(?P<y>\d{{4}}))(?![\d/])")),
    ("date-time", regex.compile(rf"(?<![\d/])(?P<date>(?P<d>{_DAY})/(?P<m>{_MONTH})/(?P<y>\d{{4}}))(?P<time>{_TIME})(?![\d:])")),
    ("doubled", regex.compile(rf"(?<![\d/])(?P<d>{_DAY})(?P<s1>//+|/)(?P<m>{_MONTH})(?P<s2>//+|/)(?P<y>\d{{4}})(?![\d/])")),
    ("mixed", regex.compile(rf"(?<![\d/.-])(?P<d>{_DAY})(?P<s1>[/.-])(?P<m>{_MONTH})(?P<s2>[/.-])(?P<y>\d{{4}})(?![\d/.-]\d)")),
]


def _date(m) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def find_malformed(prose: str, day_first: bool = True) -> list[Malformed]:
    found: list[Malformed] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(prose):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            date = _date(m) if day_first else None
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
                                 f"{m.group('d')}/{m.group('m')}/{m.group('y')}", date)
            else:
                if m.group("s1") == m.group("s2"):
                    continue
                sep = m.group("s1")
                item = Malformed(m.start(), m.end(), f"mixed separators {m.group('s1')!r} and {m.group('s2')!r} in a date",
                                 f"{m.group('d')}{sep}{m.group('m')}{sep}{m.group('y')}", date)
            found.append(item)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda x: x.start)
