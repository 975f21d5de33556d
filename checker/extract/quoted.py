"""Quoted passages: « … », “ … ” and "…" pairs. Titles inside a quotation are the speaker's words."""
from __future__ import annotations

import bisect

from .. import patterns

_PAIRS = patterns.compile(r"«[^«»]{1,3000}?»|“[^“”]{1,3000}?”|(?<![\w])\"[^\"\n]{1,3000}?\"(?![\w])")


def quote_spans(prose: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PAIRS.finditer(prose)]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is the offset inside one of the (sorted, non-overlapping) quoted spans?"""
    index = bisect.bisect_left(spans, (offset,)) - 1
    return index >= 0 and spans[index][0] < offset < spans[index][1]
