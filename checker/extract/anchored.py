"""The matches of a pattern, tried only where one can begin.

A pattern scanned over a whole article is tried at every position that passes its first-character
test; for the long patterns of dates, relative dates and reckonings, whose words begin with frequent
letters, that is most of the text, and the `regex` module's cost per position dominates an article's
extraction. The words a match can begin with are few and known (weekdays, months, "hier", "demain",
a day's digits), and str.find finds them in a fraction of that time: so the words are found first,
and the pattern is matched only there.

`finditer_at(pattern, text, starts)` gives exactly what `pattern.finditer(text)` gives when every
match of the pattern begins at one of `starts` (each extractor says why its starts are enough): the
same matches, in order, none overlapping an earlier one.
"""
from __future__ import annotations

import functools
from typing import Iterable, Iterator

import regex


@functools.lru_cache(maxsize=None)
def _finder(words: frozenset[str]) -> regex.Pattern:
    # Named lists are not kept in the pattern cache (its key is the pattern's text): compiled once a process.
    return regex.compile(r"\b\L<words>", regex.I, words=sorted(words))


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The word each phrase begins with, in lower case, up to its first space ("la semaine dernière" →
    "la"), with either apostrophe ("l'an" → "l'an", "l’an"): a match of the phrase (spaces and apostrophes
    loose, see lang.alternation) begins where that word does.

    A word that another of them begins is left out ("dimanche" and "dim." beside "dim"): where it begins,
    so does the shorter one, and only the places are wanted (word_hits looks for each word in turn)."""
    out = set()
    for phrase in phrases:
        if phrase.split():
            first = phrase.split()[0].lower()
            out.update({first, first.replace("'", "’"), first.replace("’", "'")})
    return frozenset(w for w in out if not any(w[:k] in out for k in range(1, len(w))))


def word_hits(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """(where, which word) for each place one of the words (lower case) begins a word of the text, in
    any case, in the order of the text. A word is found even when it continues ("mars" in "marseille"):
    these are places to try, not matches. Found with str.find on the text in lower case, many times
    cheaper than a pattern; a text whose lower case is not its case folding, offset for offset (ß, ſ),
    is searched with a pattern instead."""
    low = lowered(text)
    if low is None:
        return [(m.start(), m.group().lower()) for m in _finder(words).finditer(text, overlapped=True)]
    hits = []
    find, append = low.find, hits.append
    for word in words:
        at = find(word)
        while at >= 0:
            before = low[at - 1] if at else " "
            # a letter, a digit or "_" before it is \w: not a word start (a space, the most frequent, is quickly told)
            if before == " " or not (before.isalpha() or before.isdecimal() or before == "_"):
                append((at, word))
            at = find(word, at + 1)
    hits.sort()
    return hits


@functools.lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """The text in lower case when that is its case folding, offset for offset; else None. Kept for the few
    extractors that search the same article in turn."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and low != text.casefold()):
        return None
    return low


def starts_of(hits: list[tuple[int, str]], words: frozenset[str]) -> list[int]:
    """The places of `hits` where one of `words` begins."""
    return [start for start, word in hits if word in words]


def finditer_at(pattern: regex.Pattern, text: str, starts: Iterable[int],
                endpos: int | None = None) -> Iterator[regex.Match]:
    """pattern.finditer(text) (or pattern.finditer(text, starts[0], endpos)), tried only at the sorted `starts`:
    the same matches when each begins at one."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start) if endpos is None else pattern.match(text, start, endpos)
        if m is not None:
            yield m
            end = max(m.end(), start + 1)
