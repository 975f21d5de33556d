"""Quoted passages: « … », “ … ” and "…" pairs. Titles inside a quotation are the speaker's words."""
from __future__ import annotations

import bisect

from .. import patterns
from .anchored import finditer_at

_PAIRS = patterns.compile(r"«[^«»]{1,3000}?»|“[^“”]{1,3000}?”|(?<![\w])\"[^\"\n]{1,3000}?\"(?![\w])")


def quote_spans(prose: str) -> list[tuple[int, int]]:
    """The quoted passages: the pattern tried only where a mark that opens one stands (every match begins at one),
    where it was tried at every place of the article."""
    return [(m.start(), m.end()) for m in finditer_at(_PAIRS, prose, places_of(prose, ("«", "“", '"')))]


def places_of(prose: str, marks) -> list[int]:
    """Where the characters stand in the prose, in order: found by str.find (an article holds few quotation marks)."""
    places = []
    for mark in marks:
        at = prose.find(mark)
        while at >= 0:
            places.append(at)
            at = prose.find(mark, at + 1)
    places.sort()
    return places


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is the offset inside one of the (sorted, non-overlapping) quoted spans?"""
    index = bisect.bisect_left(spans, (offset,)) - 1
    return index >= 0 and spans[index][0] < offset < spans[index][1]
