"""Offsets ↔ 1-based line/column in the text as it is on disk (CRLF, CR and LF all end a line)."""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class TextMap:
    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        else:   # only "\n" (the usual case): the running sum of the lines' lengths, no match object per line
            self._starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]
