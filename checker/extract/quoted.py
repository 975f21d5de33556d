"""Quoted passages: « … », “ … ” and "…" pairs. Titles inside a quotation are the speaker's words."""
from __future__ import annotations

import regex

_PAIRS = regex.compile(r"«[^«»]{1,3000}?»|“[^“”]{1,3000}?”|(?<![\w])\"[^\"\n]{1,3000}?\"(?![\w])")


def quote_spans(prose: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PAIRS.finditer(prose)]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in spans)
