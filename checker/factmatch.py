"""How a sentence relates to a numeric fact of the rules: pure functions that return scores and figures.

A fact's figure is read from its `value` and `unit` ("5 %" → 5 percent; 500 + "million GBP" → 500 000 000
GBP; 1 + "billion people" → 10^9, a count; 2026 + "year …" → a year). A sentence matches a fact by the
fact's `about` terms and `subject_terms` found in it, folded (case, accents, apostrophes) and with an
optional plural; a term of two words or more (10 letters at least) also matches nearly (fuzzy, 92 %).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import lang as language, patterns
from .extract.measures import stem as word_stem
from .extract.periods import period_end
from .facts.model import Fact
from .fold import fold
from .units import CURRENCY, PERCENT, dimension

_SCALES = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12}
YEAR, COUNT = "year", "count"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
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
    """The folded words of a term, apostrophes followed by a space, as texts are read by hits(); a word the rules
    write in the plural is matched from its singular ("nations" also finds "the 12-nation alliance")."""
    return tuple(_singular(w) for w in fold(term).replace("'", "' ").split())


@functools.lru_cache(maxsize=None)
def _plural_endings() -> tuple[str, ...]:
    """The plural endings of every language, longest first: the rules' terms are in any of them."""
    return tuple(sorted({e for code in language.codes() for e in language.load(code)["plural_endings"]},
                        key=lambda e: (-len(e), e)))


def _singular(word: str) -> str:
    ending = next((e for e in _plural_endings() if word.endswith(e)), "")
    stem = word[:len(word) - len(ending)]
    return stem if ending and len(word) > 4 and stem[-1:].isalpha() else word


def _near_matchable(term: str) -> bool:
    """A term long enough and of several words may also be found by a near match (see hits())."""
    return " " in term.strip() and len(term) >= 10


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str):
    words = _term_words(term)
    plural = "|".join(re.escape(e) for e in _plural_endings())
    body = r"\s*".join(re.escape(w) + (rf"(?:{plural})?" if w[-1].isalpha() else "") for w in words)
    return patterns.compile(rf"(?<!\w){body}(?!\w)")


@functools.lru_cache(maxsize=4096)
def without_digits(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in terms if not any(c.isdigit() for c in t))


def hits(terms: tuple[str, ...], folded_sentence: str) -> set[str]:
    """The terms (without digits) found in the folded sentence."""
    plain = folded_sentence.replace("'", "' ")
    return {term for term in without_digits(terms) if hit(term, plain)}


NEAR = 92   # partial_ratio of a term's near match (see hit)


def hit(term: str, plain: str) -> bool:
    """The term (without digits) is found in `plain`, a folded sentence whose apostrophes are followed by a space."""
    pattern, words, near = _matcher(term)
    # the pattern matches each word of the term as written: a word missing from the text spares the call
    for word in words:
        if word not in plain:
            break
    else:
        if pattern.search(plain):
            return True
    # the cutoff lets rapidfuzz stop at alignments that cannot reach it; at or above it the score is the same
    return near is not None and near[0] in plain and fuzz.partial_ratio(near[1], plain, score_cutoff=NEAR) >= NEAR


@functools.lru_cache(maxsize=4096)
def _matcher(term: str):
    """What hit() asks of a term, found once: its pattern, its words (_term_words), and for a near match (stem,
    folded term), else None."""
    return _term_pattern(term), _term_words(term), (_stem(term), fold(term)) if _near_matchable(term) else None


@functools.lru_cache(maxsize=4096)
def needles(term: str) -> tuple[str, ...]:
    """What hits() needs in a text (apostrophes followed by a space) to find the term: its first word,
    which its pattern matches literally, or for a near match its stem. A text that holds none of them
    holds the term nowhere: asking hits() only about the terms with a needle gives the same answer."""
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


# -- the figures of a sentence, from its claims ---------------------------------------------------------
@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Stated:
    """A figure a sentence gives, as a fact's figure is compared with it."""
    family: str            # "percent", an ISO currency code, "count" or "year"
    value: float
    slack: float           # the rounding the text allows ("environ" adds its margin)
    start: int
    end: int
    claim: object = None   # the claim (extract/claims.py), None for a year


def stated(claims, approx: float) -> list[Stated]:
    """The percentages, amounts of money and counts the claims of a sentence give."""
    out = []
    for claim in claims:
        f = claim.figure
        if f.number is None or f.number.ambiguous:
            continue
        unit = f.unit if not f.candidates else next((u for u in f.candidates if dimension(u) == CURRENCY), None)
        slack = f.step / 2 + (approx * abs(f.value) if f.approx else 0)
        if unit == PERCENT or (unit and dimension(unit) == CURRENCY):
            out.append(Stated(unit, f.value, slack, f.start, f.end, claim))
        elif f.kind in ("count", "number") and claim.measure:
            out.append(Stated(COUNT, f.value, slack, f.start, f.end, claim))
    return out


@functools.lru_cache(maxsize=4096)
def _term_stems(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word_stem(_content(w)) for t in terms for w in fold(t).split() if len(_content(w)) > 1)


def counts_for(claim, fact: Fact, lang: str) -> bool:
    """A count is the fact's when what it counts is one of the fact's terms ("32 member countries", "des 21 alliés",
    "qui compte 22 membres") and the fact's subject is what it counts or whose it is ("NATO's 31 members", "de
    l'OTAN"); not when its subject is another ("les 27 États membres de l'UE")."""
    about = _term_stems(about_terms(fact, lang))
    whose = _term_stems(subject_terms(fact, lang))
    if not set(claim.measure) & about:
        return False
    if not whose:
        return True
    if _other_owner(claim, whose):
        return False
    return bool((_names(claim) | set(claim.measure) | set(claim.words)) & whose)


def fits(claim, fact: Fact, lang: str) -> bool:
    """The claim can be the fact's: no other subject named ("L'Italie consacrera 2 %" is not the allies'), and no
    period said in its sentence outside the time the fact holds ("En 2014, les alliés visaient 2 %")."""
    whose = _term_stems(subject_terms(fact, lang))
    if whose and _other_owner(claim, whose) and not set(claim.words) & whose:
        return False
    key = claim.period.key if claim.period.how == "said" else ""   # a period carried from the sentence before may not be its
    if key[:2] in ("Y:", "M:", "Q:", "H:", "N:", "D:"):
        end = period_end(key)
        if end is not None and fact.since is not None and end < fact.since:
            return False
        begin = _period_start(key)
        if begin is not None and fact.until is not None and begin > fact.until:
            return False
    return True


def speaks_of(claim, fact: Fact, lang: str) -> int:
    """How many words of the claim's clause are words of the fact's about terms (0 for a year, which has no claim)."""
    if claim is None:
        return 0
    return len((set(claim.measure) | set(claim.words)) & _term_stems(about_terms(fact, lang)))


def _other_owner(claim, whose: frozenset[str]) -> bool:
    """The claim's sentence names its owner, and that owner is not the fact's subject (a place where it happens,
    "… will meet in Brussels", is no owner)."""
    if claim.subject is None or claim.subject_how != "named":
        return False
    owner = {word_stem(_content(w)) for w in _WORDS.findall(fold(claim.subject.text))}
    places = {word_stem(_content(w)) for p in claim.places for w in _WORDS.findall(fold(p))}
    return bool(owner - places) and not _names(claim) & whose and not set(claim.measure) & whose


def _names(claim) -> set[str]:
    """The stems of the names a claim gives: its owners, its places, and those inside its unit ("31 NATO allies")."""
    texts = [claim.subject.text if claim.subject else "", *claim.places, *claim.figure.names]
    return {word_stem(_content(w)) for text in texts for w in _WORDS.findall(fold(text))}


def _period_start(key: str):
    kind, _, rest = key.partition(":")
    try:
        if kind in ("Y", "H", "N", "Q", "M"):
            year = int(rest[:4])
            month = 1 if kind in ("Y", "N") else (int(rest[5:]) - 1) * {"H": 6, "Q": 3}[kind] + 1 if kind in ("H", "Q") \
                else int(rest[5:7])
            return dt.date(year, month, 1)
        if kind == "D":
            return dt.date.fromisoformat(rest.split("/")[0].split("..")[0])
    except (ValueError, KeyError):
        return None
    return None


_WORDS = re.compile(r"[\w'-]+")


def _content(word: str) -> str:
    """The word without its elided article or possessive ending: "l'otan" → "otan", "alliance's" → "alliance"."""
    return max(word.split("'"), key=len).strip("-")
