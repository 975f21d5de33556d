"""Is an offset inside one of many spans? Answered by bisection, in O(log n), for code that asks it of
every match of a text: a scan of every span for every match is quadratic on text dense with both (a
megabyte of dates, of code blocks), which is how articles stalled a run for minutes."""
from __future__ import annotations

import bisect
from typing import Iterable


class SpanIndex:
    """Spans [start, end), possibly overlapping, in any order."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.reach: list[int] = []   # reach[i]: the furthest end of the spans up to the i-th start
        furthest = -1
        for start, end in sorted(spans):
            furthest = max(furthest, end)
            self.starts.append(start)
            self.reach.append(furthest)

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.reach[i] > offset


class NextChar:
    """The offset of the next `char` at or after an offset (len(text) when there is none), for offsets that
    never decrease: the text is searched once in all, however many times it is asked."""

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char, self.found = text, char, -1

    def __call__(self, offset: int) -> int:
        if self.found < offset:
            self.found = self.text.find(self.char, offset)
            if self.found < 0:
                self.found = len(self.text)
        return self.found
