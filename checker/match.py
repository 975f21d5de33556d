"""Matching records across articles: pure functions that say whether two claims are the same claim with
incompatible values, and whether two quotations are the same words, with a score (0-100, rapidfuzz).

Two claims are the same claim only when their subject, measure and period are the same and known on both
sides (extract/claims.py), their units agree, and their context words score at least a threshold. Their
values contradict when they are incompatible beyond the precision they are written with and their bounds
("plus de 700", "environ 2 milliards", "jusqu'à 1 200"), or ten-fold apart whatever the bounds. A count that
changes with time is compared only between articles of the same day; the article's own time (no period said)
only between articles at most `max_days_apart` apart. Two figures of one sentence are never rivals, nor two
different figures of the same sentence written in two articles.

Blocking keeps the cost near-linear: a claim is compared only with the claims that share its key (subject,
measure, period and unit class, which must be equal anyway); for quotations two consecutive words; a key
shared by more than `max_block` records says too little and is not used."""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re

from rapidfuzz import fuzz

from .extract.quotes import normalise
from .records import ClaimRecord, QuoteRecord

UNIT_CLASS = {"percent": "%", "points": "pt", "money": "$", "amount": "$", "count": "n", "date": "d"}
TENFOLD = 10.0


# -- claims ---------------------------------------------------------------------------------------------
def known(c: ClaimRecord) -> bool:
    return c.subject is not None and bool(c.measure) and c.period is not None


def claim_keys(c: ClaimRecord) -> list[str]:
    """The one key a claim can match on: its unit class, subject, measure and period, all known. Days and the
    article's own time share one class of period: which days meet is judged pair by pair."""
    if not known(c):
        return []
    unit = UNIT_CLASS.get(c.kind, c.unit)
    period = "T" if c.period.startswith(("D:", "implicit")) else c.period
    return [f"{unit}|{c.subject}|{'+'.join(c.measure)}|{period}"]


def units_compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    if {a.kind, b.kind} <= {"money", "amount"}:
        return a.unit == b.unit or "" in (a.unit, b.unit)      # "1,2 milliard" said of euros elsewhere
    if a.kind != b.kind:
        return False
    return a.kind == "count" or a.unit == b.unit


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


def _days(c: ClaimRecord) -> tuple[str, str] | None:
    """The days a claim speaks of: an explicit day ("D:2025-03-04", "D:2025-06-24..25", "D:a/b") or, for the
    article's own time, the article's date."""
    if c.period == "implicit":
        return c.date
    body = c.period[2:]
    if "/" in body:
        first, last = body.split("/")
        return first, last
    if ".." in body:
        first, last = body.split("..")
        return first, first[:8] + last
    return body, body


def same_period(a: ClaimRecord, b: ClaimRecord, max_days_apart: int = 7) -> bool:
    """The same period. Days and the article's own time meet when they are the same days, or for a figure that
    does not change with time within `max_days_apart` days; a count that changes with time, given in articles
    of different days, is an update. Two claims of one article are of its one time."""
    if a.period is None or b.period is None:
        return False
    daily = {a.period[:2], b.period[:2]} <= {"D:", "im"}
    if not daily:
        if a.period != b.period:
            return False
        return not (a.changing or b.changing) or a.path == b.path or same_time(a.date, b.date)
    if a.period == b.period == "implicit" and a.path == b.path:
        return True
    x, y = _days(a), _days(b)
    if x is None or y is None:
        return False
    if a.changing or b.changing:
        return same_time(x, y) and (a.path == b.path or same_time(a.date, b.date))
    return days_apart(x, y) <= (max_days_apart if "implicit" in (a.period, b.period) else 0)


def _interval(c: ClaimRecord, tolerance: float) -> tuple[float, float]:
    if c.kind == "date":
        return c.low, c.high
    half = max(c.step / 2, tolerance * abs(c.value))
    return c.low - half, c.high + half


def values_disagree(a: ClaimRecord, b: ClaimRecord, tolerance: float) -> bool:
    """Incompatible beyond the written precision and bounds, or ten-fold apart whatever the bounds ("plus de
    8 000" and "plus de 80 000"); dates by a day."""
    (a0, a1), (b0, b1) = _interval(a, tolerance), _interval(b, tolerance)
    if a.kind == "date":
        return a1 < b0 or b1 < a0
    if a1 <= b0 or b1 <= a0:
        return True
    small, large = sorted((abs(a.value), abs(b.value)))
    return small > 0 and a.value * b.value > 0 and large / small >= TENFOLD - 1e-9


def claim_score(a: ClaimRecord, b: ClaimRecord) -> float:
    return round(fuzz.token_set_ratio(" ".join(a.words), " ".join(b.words)), 1)


def contradiction(a: ClaimRecord, b: ClaimRecord, threshold: float, tolerance: float,
                  max_days_apart: int = 7) -> tuple[float, bool] | None:
    """(score, attributed) when a and b are the same claim with incompatible values, else None; attributed: both
    sides are attributed to different sources (info at most)."""
    if a.path == b.path and a.sentence == b.sentence:
        return None           # one sentence: "27 à 28 membres", "5 %, dont 3,5 %": parts, not rivals
    if a.sentence_key == b.sentence_key and a.index != b.index:
        return None           # the same sentence in two articles: only a figure with itself ("3 % …, but 31 %")
    if not known(a) or not known(b) or (a.subject, a.measure) != (b.subject, b.measure):
        return None
    if not units_compatible(a, b) or not same_period(a, b, max_days_apart) or not values_disagree(a, b, tolerance):
        return None
    score = claim_score(a, b)
    if score < threshold:
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
