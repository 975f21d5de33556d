"""Dates of a role written right after a title or a name: "depuis 2022", "depuis octobre 2024", "since Oct. 1,
2024", "de 2010 à 2024", "(2010-2024)"."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation, starts
from .. import patterns

_YEAR = r"((?:1[89]|2[01])\d\d)"
_A_YEAR = patterns.compile(_YEAR)
WINDOW = 120


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class RoleDates:
    start: int
    end: int
    since: int | None = None
    since_month: int | None = None   # "depuis octobre 2024"
    first: int | None = None
    last: int | None = None




@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    data = language.load(code)
    ordinal = alternation(data["ordinal_day"]) or "(?!)"   # "1er", "1.º"
    day = rf"(?:{ordinal}|\d{{1,2}}(?:{alternation(data['day_suffixes']) or '(?!)'})?)"
    months = alternation(data["months"])
    since = patterns.compile(rf"\s*,?\s*(?:{alternation(data['role_since'])})\s+(?:{day}\s+)?"
                             rf"(?:(?P<month>{months})\s+(?:{day},?\s+)?)?(?P<year>{_YEAR})(?!\d)", regex.I)
    ranges = "|".join(rf"{patterns.escape(a)}\s+{_YEAR}\s+{alternation([b])}\s+{_YEAR}" for a, b in data["role_range"])
    body = rf"(?:(?:{ranges})|\(\s*{_YEAR}\s*[-–]\s*{_YEAR}\s*\))(?!\d)"
    span = patterns.compile(rf"\s*,?\s*{body}", regex.I)
    # the spans of a stretch of prose: the same years as `span` searched (the spaces and comma it may begin with
    # cannot begin a span, so no span is missed or found twice without them), but tried only where a span can
    # begin (its first word, "("); `span` itself is tried at every position
    anywhere = patterns.compile(starts([a for a, _ in data["role_range"]], also="(") + body, regex.I)
    return since, span, anywhere


def role_dates_at(prose: str, offset: int, code: str) -> RoleDates | None:
    since, span, _ = _patterns(code)
    window = prose[offset:offset + WINDOW]   # a bounded slice: matching at a position of a long text is not free
    m = since.match(window)
    if m:
        month = m.group("month")
        months = {k.lower(): v for k, v in language.load(code)["months"].items()}
        start = m.start("month") if month else m.start("year")
        return RoleDates(offset + start, offset + m.end("year"), since=int(m.group("year")),
                         since_month=months[month.lower()] if month else None)
    m = span.match(window)
    if m:
        years = [int(g) for g in m.groups() if g]
        start = min(m.start(i) for i in range(1, len(m.groups()) + 1) if m.group(i))
        end = max(m.end(i) for i in range(1, len(m.groups()) + 1) if m.group(i))
        return RoleDates(offset + start, offset + end, first=years[0], last=years[1])
    return None


@functools.lru_cache(maxsize=None)
def _tenure(code: str) -> regex.Pattern:
    data = language.load(code)
    complement = r"[^\s,;.]+(?:\s+[^\s,;.]+){0,3}?"   # "l'OTAN", "the alliance", "le gouvernement italien"
    cues = alternation(data["tenure_cues"]).replace(patterns.escape("{x}"), complement)
    # from the comma: a literal first character lets the engine skip the rest of the prose at once
    return patterns.compile(rf",\s*(?:{cues})(?=\s+(?:{alternation(data['role_since'])})\s)", regex.I)


def tenure_cues(prose: str, code: str) -> list[tuple[int, int]]:
    """(start, end) of the tenures written without a title after a name ("…, en poste depuis …", "…, who has led
    NATO since …"): the name ends at start (its comma), the role dates begin at end."""
    return [(m.start(), m.end()) for m in _tenure(code).finditer(prose)]


def year_ranges(prose: str, code: str, start: int, end: int) -> list[tuple[int, int]]:
    """(first, last) of the spans of years written between two offsets ("de 2011 à 2024", "(1997-2007)")."""
    found = []
    if not _A_YEAR.search(prose, start, end):
        return found   # most stretches: a span needs two years, and a search for one is many times cheaper
    for m in _patterns(code)[2].finditer(prose, start, end):
        years = [int(g) for g in m.groups() if g]
        if len(years) == 2 and years[0] <= years[1]:
            found.append((years[0], years[1]))
    return found
