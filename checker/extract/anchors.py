"""Time anchors of a sentence that are not full dates: "in 1949", "En 2018", "in July 1949", "en juillet 1949",
"50 years ago", "il y a 50 ans". A title in a sentence so anchored speaks of that time, not of the article's
("the announcement by President Truman of the creation of NATO 50 years ago")."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation
from .. import patterns
from .anchored import lowered, needed_words

_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d\w])"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Anchor:
    start: int
    end: int
    year: int | None = None      # "in 1949"
    month: int | None = None     # "in July 1949"
    years_ago: int | None = None  # "50 years ago": resolved against the article's date


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> tuple[regex.Pattern, regex.Pattern | None]:
    data = language.load(code)
    months = alternation(data["months"])
    # "in 1949", "in July 1949": a year without its preposition ("depuis juillet 1949") is no anchor
    year = patterns.compile(rf"(?<!\w)(?:{alternation(data['anchor_year_before'])})\s+(?:(?P<month>{months})\s+)?{_YEAR}",
                            regex.I)
    numbers = alternation(data["cardinal_words"])
    ago = [alternation([p]).replace(patterns.escape("{n}"), rf"(?P<n>\d{{1,3}}|{numbers})")
           for p in data["years_ago"]]
    ago_pattern = patterns.compile(rf"(?<!\w)(?:{'|'.join(ago)})(?!\w)", regex.I) if ago else None
    return year, ago_pattern


@functools.lru_cache(maxsize=None)
def _tables(code: str) -> tuple[dict[str, int], dict[str, int]]:
    data = language.load(code)
    return ({k.lower(): v for k, v in data["months"].items()},
            {k.lower(): v for k, v in data["cardinal_words"].items()})


@functools.lru_cache(maxsize=None)
def _ago_words(code: str) -> tuple[tuple[str, ...], ...]:
    """The words (runs of letters, in lower case) each form of "N years ago" contains as written."""
    return tuple(tuple(w.lower() for w in regex.findall(r"\p{L}+", p.replace("{n}", " ")))
                 for p in language.load(code)["years_ago"])


_FOUR_DIGITS = patterns.compile(r"\d{4}")


@functools.lru_cache(maxsize=4)
def _four_digits(prose: str) -> list[int]:
    """Every place where four digits begin (those of a longer run overlap): the text is scanned once for the dozen
    windows an article's anchors are asked of, each then told by a bisection."""
    return [m.start() for m in _FOUR_DIGITS.finditer(prose, overlapped=True)]


def has_four_digits(prose: str, start: int, end: int) -> bool:
    """_FOUR_DIGITS.search(prose, start, end) is not None: the first four digits at or after start end by end."""
    places = _four_digits(prose)
    i = bisect.bisect_left(places, start)
    return i < len(places) and places[i] + 4 <= end


@functools.lru_cache(maxsize=4)
def _ago_places(prose: str, code: str) -> tuple[list[int], list[tuple[int, int, bool]]] | None:
    """Where the words an "N years ago" needs (anchored.needed_words) stand in the text with nothing before them
    that goes on a word, found once for the dozen windows an article's anchors are asked of: (their starts;
    (start, end, whole): whole when nothing after them goes on a word either), or None when the words cannot
    tell (see anchored.may_match)."""
    low = lowered(prose)
    words = needed_words(code, "years_ago")
    if low is None or words is None:
        return None
    places = []
    for word, whole in words.items():
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            before = low[at - 1] if at else " "
            if whole is None:
                places.append((at, end, True))
            # an ASCII letter or digit before it (the lower case of one) is \w: "ans" of "dans", told without a call
            elif not (before.isascii() and (before.isalnum() or before == "_")) and whole.match(prose, at, end):
                places.append((at, end, whole.match(prose, at) is not None))
            at = low.find(word, at + 1)
    places.sort()
    return [at for at, _, _ in places], places


def _may_say_ago(prose: str, code: str, start: int, end: int) -> bool:
    """anchored.may_match(prose, lowered(prose), start, end, needed_words(code, "years_ago")), told from the
    article's places (_ago_places): a word needed whole is whole in the window when it is in the text, or when
    nothing goes on a word before it and the window ends with it."""
    held = _ago_places(prose, code)
    if held is None:
        return True
    starts, places = held
    for at, stop, whole in places[bisect.bisect_left(starts, start):]:
        if at >= end:
            break
        if stop <= end and (whole or stop == end):
            return True
    return False


def find_anchors(prose: str, code: str, start: int = 0, end: int | None = None) -> list[Anchor]:
    """The anchors written between start and end, by position. Asked for every sentence a title or a figure is
    read in: each pattern is tried only when what it needs is there (four digits; the words of "N years ago")."""
    end = len(prose) if end is None else end
    year, ago = _patterns(code)
    months, words = _tables(code)
    found = [Anchor(m.start(), m.end(), year=int(m.group("year")),
                    month=months[m.group("month").lower()] if m.group("month") else None)
             for m in year.finditer(prose, start, end)] if has_four_digits(prose, start, end) else []
    if ago is not None and not _may_say_ago(prose, code, start, end):
        ago = None
    low = lowered(prose) if ago is not None else None
    if low is not None:
        window = low[start:end]
        if not any(all(w in window for w in form) for form in _ago_words(code)):
            ago = None
    if ago is not None:
        for m in ago.finditer(prose, start, end):
            n = m.group("n")
            found.append(Anchor(m.start(), m.end(), years_ago=int(n) if n.isdigit() else words[n.lower()]))
    return sorted(found, key=lambda a: a.start)
