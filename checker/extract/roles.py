"""Dates of a role written right after a title or a name: "depuis 2022", "de 2010 à 2024", "(2010-2024)"."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation
from .. import patterns

_YEAR = r"((?:1[89]|2[01])\d\d)"
WINDOW = 120


@dataclass(frozen=True, slots=True)
class RoleDates:
    start: int
    end: int
    since: int | None = None
    first: int | None = None
    last: int | None = None




@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> tuple[regex.Pattern, regex.Pattern]:
    data = language.load(code)
    since = patterns.compile(rf"\s*,?\s*(?:{alternation(data['role_since'])})\s+(?:\d{{1,2}}(?:er|st|nd|rd|th)?\s+\p{{L}}+\s+)?{_YEAR}(?!\d)",
                          regex.I)
    ranges = "|".join(rf"{regex.escape(a)}\s+{_YEAR}\s+{alternation([b])}\s+{_YEAR}" for a, b in data["role_range"])
    span = patterns.compile(rf"\s*,?\s*(?:(?:{ranges})|\(\s*{_YEAR}\s*[-–]\s*{_YEAR}\s*\))(?!\d)", regex.I)
    return since, span


def role_dates_at(prose: str, offset: int, code: str) -> RoleDates | None:
    since, span = _patterns(code)
    window = prose[offset:offset + WINDOW]   # a bounded slice: matching at a position of a long text is not free
    m = since.match(window)
    if m:
        return RoleDates(offset + m.start(1), offset + m.end(1), since=int(m.group(1)))
    m = span.match(window)
    if m:
        years = [int(g) for g in m.groups() if g]
        start = min(m.start(i) for i in range(1, len(m.groups()) + 1) if m.group(i))
        end = max(m.end(i) for i in range(1, len(m.groups()) + 1) if m.group(i))
        return RoleDates(offset + start, offset + end, first=years[0], last=years[1])
    return None
