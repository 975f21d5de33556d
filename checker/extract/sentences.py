"""Sentence spans of the prose: pure function from text to (start, end) offsets."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterator

import regex
from .. import lang as language, patterns


@functools.lru_cache(maxsize=None)
def _boundary() -> regex.Pattern:
    """A sentence ends at . ! ? … (with closing quotes) followed by space and a capital, or at a blank line /
    line end; not after an abbreviation of any language (sentences are split before the language is used) nor
    an initial. The run of end marks is taken whole (possessive, and never from its middle) so that "......"
    stays linear. The lookahead first lets the engine skip every other character without trying the
    abbreviations' lookbehind there."""
    abbreviations = sorted({patterns.escape(a) for code in language.codes()
                            for a in language.load(code)["sentence_abbreviations"]})
    return patterns.compile(
        rf"(?=[.!?…\n])(?:(?<!\b(?:{'|'.join(abbreviations)}|[A-Z]))"
        r"(?<![.!?…])[.!?…]++[»”\"')\]]*+(?=\s+[«“\"(\[]?\p{Lu}|\s*$)|\n)",
        regex.M,
    )


_ENDS = re.compile(r"[.!?…\n]")   # where a boundary can begin: found by the faster `re`, matched there only


def _boundary_ends(prose: str) -> Iterator[int]:
    """The ends of the matches of _boundary() in the prose, in order (as anchored.finditer_at finds them). A
    line break is a boundary by itself, its pattern's last alternative (the first needs an end mark there):
    most candidate places of an article are line breaks, and the pattern is tried at the end marks only."""
    pattern, end = _boundary(), 0
    for m in _ENDS.finditer(prose):
        start = m.start()
        if start < end:
            continue
        if prose[start] == "\n":
            end = start + 1
            yield end
            continue
        match = pattern.match(prose, start)
        if match is not None:
            end = max(match.end(), start + 1)
            yield match.end()


def sentences(prose: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in _boundary_ends(prose):
        if prose[start:end].strip():
            spans.append(_trim(prose, start, end))
        start = end
    if prose[start:].strip():
        spans.append(_trim(prose, start, len(prose)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[tuple[int, int]], offset: int,
                default: tuple[int, int] | None = None) -> tuple[int, int]:
    """The sentence (of sorted spans) that holds the offset; else `default`, or (offset, offset)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return default or (offset, offset)
