"""How a sentence relates to a numeric fact of the rules: pure functions that return scores and figures.

A fact's figure is read from its `value` and `unit` ("5 %" → 5 percent; 500 + "million GBP" → 500 000 000
GBP; 1 + "billion people" → 10^9, a count; 2026 + "year …" → a year). A sentence matches a fact by the
fact's `about` terms and `subject_terms` found in it, folded (case, accents, apostrophes) and with an
optional plural; a term of two words or more (10 letters at least) also matches nearly (fuzzy, 92 %).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import patterns
from .facts.model import Fact
from .fold import fold
from .units import PERCENT

_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12}
YEAR, COUNT = "year", "count"


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    family: str            # "percent", "count", "year" or an ISO currency code
    tolerance: float


def figure(fact: Fact) -> Figure | None:
    return _figure(fact.value, fact.unit, fact.tolerance)


@functools.lru_cache(maxsize=4096)
def _figure(raw: str, unit: str | None, tolerance: float) -> Figure | None:
    text = raw.replace(",", ".").replace("\u00a0", " ").strip()
    m = re.match(r"^(-?\d+(?:\.\d+)?)\s*(%)?$", text)
    if not m:
        return None
    value = float(m.group(1))
    if m.group(2):
        return Figure(value, PERCENT, tolerance)
    words = (unit or "").replace("(", " ").split()
    scale = 1.0
    if words and words[0].lower() in _SCALES:
        scale = _SCALES[words[0].lower()]
    family = COUNT
    for word in words:
        if re.fullmatch(r"[A-Z]{3}", word):
            family = word
    if words and words[0].lower() == "year":
        family = YEAR
    return Figure(value * scale, family, tolerance * scale)


@functools.lru_cache(maxsize=4096)
def _term_words(term: str) -> tuple[str, ...]:
    """The folded words of a term, apostrophes followed by a space, as texts are read by hits()."""
    return tuple(fold(term).replace("'", "' ").split())


def _near_matchable(term: str) -> bool:
    """A term long enough and of several words may also be found by a near match (see hits())."""
    return " " in term.strip() and len(term) >= 10


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str):
    words = _term_words(term)
    body = r"\s*".join(re.escape(w) + (r"(?:s|x)?" if w[-1].isalpha() else "") for w in words)
    return patterns.compile(rf"(?<!\w){body}(?!\w)")


@functools.lru_cache(maxsize=4096)
def _without_digits(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in terms if not any(c.isdigit() for c in t))


def hits(terms: tuple[str, ...], folded_sentence: str) -> set[str]:
    """The terms (without digits) found in the folded sentence."""
    found = set()
    plain = folded_sentence.replace("'", "' ")
    for term in _without_digits(terms):
        if _term_pattern(term).search(plain):
            found.add(term)
        elif _near_matchable(term) and _stem(term) in plain \
                and fuzz.partial_ratio(fold(term), plain) >= 92:
            found.add(term)
    return found


def present(terms: tuple[str, ...], plain: str, seen: dict[str, bool] | None = None) -> tuple[str, ...]:
    """The terms that hits() may find in some part of the text: those with a needle in it (plain: the
    folded text, apostrophes followed by a space). Asking hits() about these alone gives the same answer.
    seen: needles already looked for in this text (many terms share them)."""
    seen = {} if seen is None else seen

    def has(needle: str) -> bool:
        found = seen.get(needle)
        if found is None:
            found = seen[needle] = needle in plain
        return found
    return tuple(t for t in _without_digits(terms) if any(has(n) for n in needles(t)))


@functools.lru_cache(maxsize=4096)
def needles(term: str) -> tuple[str, ...]:
    """What hits() needs in a text (apostrophes followed by a space) to find the term: its first word,
    which its pattern matches literally, or for a near match its stem."""
    words = _term_words(term)
    out = (words[0] if words else "",)
    if _near_matchable(term):
        out += (_stem(term),)
    return out


@functools.lru_cache(maxsize=4096)
def _stem(term: str) -> str:
    """The first four letters of the term's longest word: a near match keeps them (cheap guard before fuzz)."""
    return max(fold(term).split(), key=len)[:4]


def stem(term: str) -> str:
    """What must occur in a text for the term to be found in it (see hits)."""
    return _stem(term)


def about_terms(fact: Fact, lang: str) -> tuple[str, ...]:
    return fact.about.get(lang, ())


def subject_terms(fact: Fact, lang: str) -> tuple[str, ...]:
    return fact.subject_terms.get(lang, ())
