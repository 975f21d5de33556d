"""Matching statements across articles: pure functions that say whether two records speak of the same
thing, with a score (0-100, rapidfuzz), and whether their values or wordings disagree.

Blocking keeps the cost near-linear: a record is compared only with the records that share one of its
keys (for figures a context word with the unit's class, the subject names and the discriminating words,
which must agree anyway; for quotations two consecutive words), and a key shared by more than
`max_block` records says too little to block on and is not used."""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .extract.quotes import normalise
from .records import QuoteRecord, StatementRecord

UNIT_CLASS = {"percent": "%", "points": "pp", "money": "$", "count": "n", "date": "d"}


# -- figures ------------------------------------------------------------------------------------------
def statement_keys(s: StatementRecord) -> list[str]:
    """One key per context word, prefixed by what must be equal for a match anyway (the unit's class, the
    subject names, the discriminating words): blocks stay small without losing a match."""
    if s.change:
        return []         # "de 27 à 28 membres" speaks of a change, not of one value
    head = f"{UNIT_CLASS[s.unit_kind]}|{'+'.join(s.entities)}|{'+'.join(s.marks)}"
    return [f"{head}|{w}" for w in s.words]


def units_compatible(a: StatementRecord, b: StatementRecord) -> bool:
    if a.unit_kind != b.unit_kind:
        return False
    if a.unit_kind == "money":
        return a.unit == b.unit or "" in (a.unit, b.unit)    # "1,2 milliard" said of euros elsewhere
    if a.unit_kind == "count":
        return bool(set(a.unit.split()) & set(b.unit.split()))
    return a.unit == b.unit


def _year_of(date: tuple[str, str] | None) -> set[int]:
    if date is None:
        return set()
    return set(range(int(date[0][:4]), int(date[1][:4]) + 1))


def same_period(a: StatementRecord, b: StatementRecord, max_days_apart: int = 365) -> bool:
    """The two statements can speak of the same time: the years they name meet, or a year named on one side
    is the other article's year; "désormais"/"now" in articles of different dates are different times, and
    so are the present tenses of articles more than `max_days_apart` apart. Months and relative days ("hier",
    "yesterday") named must be the same; weekdays too when both sides name one ("Mardi, le gouvernement a
    annoncé …" says when it was said, not of when the figure is)."""
    if a.periods or b.periods:
        months_a = {p for p in a.periods if p[0] in "mr"}
        months_b = {p for p in b.periods if p[0] in "mr"}
        if months_a != months_b:
            return False      # "7,5 % en mars", "7,3 % en avril", "hier", or one month against none
        days_a, days_b = set(a.periods) - months_a, set(b.periods) - months_b
        if days_a and days_b and days_a != days_b:
            return False
    if a.years and b.years:
        return bool(set(a.years) & set(b.years))
    if a.years or b.years:
        named, other = (a, b) if a.years else (b, a)
        return bool(set(named.years) & _year_of(other.date))
    if a.timed or b.timed:
        return same_time(a.date, b.date)
    return days_apart(a.date, b.date) <= max_days_apart


def days_apart(x: tuple[str, str] | None, y: tuple[str, str] | None) -> int:
    """Days between two date intervals (0 when they meet or either is unknown)."""
    if x is None or y is None:
        return 0
    return max(_day(y[0]) - _day(x[1]), _day(x[0]) - _day(y[1]), 0)


@functools.lru_cache(maxsize=65536)
def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def same_time(x: tuple[str, str] | None, y: tuple[str, str] | None) -> bool:
    if x is None or y is None:
        return False
    return _day(x[0]) <= _day(y[1]) and _day(y[0]) <= _day(x[1])


def statement_score(a: StatementRecord, b: StatementRecord, min_shared: int = 2) -> float | None:
    """How surely a and b state the same measure of the same subject (0-100), or None when they cannot:
    other unit, other subject names, other discriminating words (total, core, annual …), too few shared words."""
    if a.change or b.change or not units_compatible(a, b):
        return None
    if a.entities != b.entities or a.marks != b.marks:
        return None
    if not (set(a.measure) <= set(b.words) and set(b.measure) <= set(a.words)):
        return None       # "candidats au baccalauréat général" / "… technologique": other measures
    if a.path == b.path and a.sentence == b.sentence:
        return None       # one sentence: "27 à 28 membres", "5 %, dont 3,5 %": parts, not rivals
    shared = set(a.words) & set(b.words)
    if len(shared) < min_shared:      # for counts, the counted noun is one of them
        return None
    return round(fuzz.token_set_ratio(" ".join(a.words), " ".join(b.words)), 1)


def values_disagree(a: StatementRecord, b: StatementRecord, tolerance: float) -> bool:
    """The intervals the texts allow ("plus de 700", "environ 2 milliards", ranges, "24-25 juin") do not meet."""
    if a.unit_kind == "date":
        tolerance = 0.0   # days
    return a.high * (1 + tolerance) < b.low or b.high * (1 + tolerance) < a.low


@dataclass(frozen=True, slots=True)
class Conflict:
    score: float
    other: StatementRecord
    attributed: bool            # both sides attributed to different sources: info at most


def contradiction(a: StatementRecord, b: StatementRecord, threshold: float, tolerance: float,
                  min_shared: int = 2, max_days_apart: int = 365) -> tuple[float, bool] | None:
    """(score, attributed) when a and b are the same statement with different values, else None."""
    if not values_disagree(a, b, tolerance) or not same_period(a, b, max_days_apart):
        return None
    score = statement_score(a, b, min_shared)
    if score is None or score < threshold:
        return None
    return score, bool(a.source and b.source and a.source != b.source)


# -- quotations ---------------------------------------------------------------------------------------
def quote_keys(q: QuoteRecord, min_words: int) -> list[str]:
    """Pairs of consecutive words: a quotation with a word changed still shares most of them."""
    words = q.norm.split()
    if len(words) < min_words:
        return []
    return sorted({f"q|{a} {b}" for a, b in zip(words, words[1:])})


def quote_score(a: QuoteRecord, b: QuoteRecord, cutoff: float = 0) -> float:
    """How alike two quotations are (0-100): the shorter one against its best place in the longer one
    (0 when below `cutoff`)."""
    short, long_ = sorted((a.norm, b.norm), key=len)
    if len(short) >= 0.8 * len(long_):
        return round(fuzz.ratio(short, long_, score_cutoff=cutoff), 1)
    return round(fuzz.partial_ratio(short, long_, score_cutoff=cutoff), 1)


_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")


def is_excerpt(a: QuoteRecord, b: QuoteRecord) -> bool:
    """The shorter quotation is a part of the longer one, or its parts cut by an ellipsis ("[…]") are, in order."""
    (short, short_text), (long_, _) = sorted(((a.norm, a.text), (b.norm, b.text)), key=lambda x: len(x[0]))
    if f" {short} " in f" {long_} ":
        return True
    parts = [normalise(p) for p in _ELLIPSIS.split(short_text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    position, padded = 0, f" {long_} "
    for part in parts:
        found = padded.find(f" {part} ", position)
        if found < 0:
            return False
        position = found + len(part) + 1
    return True


def same_speaker(a: QuoteRecord, b: QuoteRecord) -> bool | None:
    """True or False when both speakers are named explicitly; None when either is not."""
    if not (a.explicit and b.explicit and a.speaker_key and b.speaker_key):
        return None
    return a.speaker_key == b.speaker_key


def marked_versions(a: str, b: str) -> tuple[str, str]:
    """Both wordings with the words that differ in [brackets]: "notre [réaction]" / "notre [réponse]"."""
    wa, wb = a.split(), b.split()
    norm = lambda w: "".join(c for c in w.casefold() if c.isalnum())  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[norm(w) for w in wa], b=[norm(w) for w in wb], autojunk=False)
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out_a += wa[i1:i2]
            out_b += wb[j1:j2]
        else:
            if i2 > i1:
                out_a.append("[" + " ".join(wa[i1:i2]) + "]")
            if j2 > j1:
                out_b.append("[" + " ".join(wb[j1:j2]) + "]")
    return " ".join(out_a), " ".join(out_b)


def changed_words(a: QuoteRecord, b: QuoteRecord) -> int:
    """Words changed between the shorter quotation and its place in the longer one: words of the shorter one
    not found there, or words of the longer one left out from the middle (an excerpt's ends do not count)."""
    short, long_ = sorted((a.norm.split(), b.norm.split()), key=len)
    blocks = [blk for blk in difflib.SequenceMatcher(a=short, b=long_, autojunk=False).get_matching_blocks()
              if blk.size]
    if not blocks:
        return len(short)
    matched = sum(blk.size for blk in blocks)
    inside = blocks[-1].b + blocks[-1].size - blocks[0].b
    return max(len(short) - matched, inside - matched)
