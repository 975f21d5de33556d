"""Mentions of the rules' events in prose, with the date written next to them and any relative offset
("à deux semaines du sommet", "two weeks before the summit")."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..facts.index import FactBase
from ..facts.model import Event
from ..fold import fold
from .dates import DateMention
from .. import patterns


@dataclass(frozen=True, slots=True)
class EventMention:
    start: int
    end: int
    text: str
    events: tuple[Event, ...]
    date: DateMention | None          # the date written with the name, if any
    offset_days: int | None           # the text's distance to the event: -14 = two weeks before it


@functools.lru_cache(maxsize=None)
def _relative(code: str) -> list[tuple[regex.Pattern, str]]:
    data = language.load(code)
    n = "(?P<n>" + "|".join(sorted(map(regex.escape, data["number_words"]), key=len, reverse=True)) + r"|\d+)"
    unit = "(?P<unit>" + "|".join(sorted(map(regex.escape, data["time_units"]), key=len, reverse=True)) + ")"
    out = []
    for direction, templates in data["relative_to_event"].items():
        for template in templates:
            body = template.replace(" ", r"\s+").replace("{n}", n).replace("{unit}", unit).replace("'", "['’]")
            out.append((patterns.compile(rf"(?:^|(?<=\W)){body}\w*['’]?\s*(?:\p{{Ll}}+\s+)?$", regex.I), direction))
    return out


def _offset(before: str, code: str) -> int | None:
    data = language.load(code)
    for pattern, direction in _relative(code):
        m = pattern.search(before)
        if not m:
            continue
        if direction == "eve":
            return -1
        if direction == "next_day":
            return 1
        raw = m.group("n").lower()
        count = int(raw) if raw.isdigit() else data["number_words"][raw]
        days = count * data["time_units"][m.group("unit").lower()]
        return -days if direction == "before" else days
    return None


def find_events(prose: str, folded: str, code: str, base: FactBase, dates: list[DateMention],
                tokens: list[tuple[int, int, str]]) -> list[EventMention]:
    names = base.event_names.get(code, {})
    starts = [d.start for d in dates]
    found = []
    for m_start, m_end in base.find("event", code, folded, tokens):
        text = prose[m_start:m_end]
        events = _events_for(text, names)
        nearby = bisect.bisect_left(starts, m_end)
        date = dates[nearby] if nearby < len(dates) and dates[nearby].start - m_end <= 4 else None
        if date is not None and len(events) > 1:
            # "l'élection présidentielle américaine du 5 novembre": the date picks the event
            events = [e for e in events if agrees(e, date)] or events
        found.append(EventMention(m_start, m_end, text, tuple(events), date,
                                  _offset(prose[max(0, m_start - 60):m_start], code)))
    return found


def agrees(event: Event, date: DateMention) -> bool:
    """Does a date written next to an event's name fit the event's dates?"""
    if date.year and date.year not in (event.start.year, event.end.year):
        return False
    day = date.date(event.start.year)
    return day is not None and event.start <= day <= event.end


def _events_for(matched: str, names: dict[str, list[Event]]) -> list[Event]:
    key = fold(" ".join(matched.split()))
    if key in names:
        return names[key]
    # an adjective was inserted after the head noun: drop it and look again
    words = key.split(" ")
    if len(words) > 2 and " ".join(words[:1] + words[2:]) in names:
        return names[" ".join(words[:1] + words[2:])]
    return []
