"""Matching records across articles: pure functions that say whether two claims are the same claim with
incompatible values, and whether two quotations are the same words, with a score (0-100, rapidfuzz).

Two claims are the same claim only when their subject, measure and period are the same and known on both
sides (extract/claims.py), their units agree, and their context words score at least a threshold. Their
values contradict when they are incompatible beyond the precision they are written with and their bounds
("plus de 700", "environ 2 milliards", "jusqu'à 1 200"), or ten-fold apart whatever the bounds; two lower bounds
("plus de 75 000", "more than 100,000") when they are further apart than two writers rounding down one value
would put them. A count that
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
import math
import re
from itertools import filterfalse
from typing import NamedTuple

from rapidfuzz import fuzz

from .extract.quotes import normalise
from .extract.measures import stem
from .records import ClaimRecord, QuoteRecord

UNIT_CLASS = {"percent": "%", "points": "pt", "money": "$", "amount": "$", "count": "n", "number": "n", "date": "d"}
TENFOLD = 10.0
FLOOR_STEPS = 2       # lower bounds this many units of the smaller's first digit apart are not one value rounded down


# -- claims ---------------------------------------------------------------------------------------------
def known(c: ClaimRecord) -> bool:
    """What is measured and when are known; whose, known or (for a period said) told by the other side's names."""
    return bool(c.measure) and c.period is not None and (c.subject is not None or _said(c.period))


def _said(period: str) -> bool:
    return not period.lstrip("<").startswith(("implicit", "D:"))


def _months(c: ClaimRecord) -> list[str]:
    """The months a claim of days (or of its article's own time) may meet another in: its days', and those of the
    `max_days_apart` window after them (a month boundary in between)."""
    days = _days(c)
    if days is None:
        return ["undated"]          # an article of unknown date: its claims meet only each other
    first, last = _day(days[0]), _day(days[1]) + WINDOW
    months = {dt.date.fromordinal(d).isoformat()[:7] for d in (first, min(last, first + 400))}
    return sorted(months)


WINDOW = 7          # days after a claim's days within which a key still finds its rivals (max_days_apart's default)


def claim_keys(c: ClaimRecord) -> list[str]:
    """The keys a claim can match on: its place in its article's sentence (for a copy of the article), and its unit
    class and period with each word of its names (see subjects_compatible). Days and the article's own time share
    keys by month (which days meet is judged pair by pair)."""
    copy = f"copy|{c.article_key}|{c.sentence_key}|{c.index}"
    if not known(c):
        return [copy]
    unit = UNIT_CLASS.get(c.kind, c.unit)
    before, core = ("<", c.period[1:]) if c.period.startswith("<") else ("", c.period)
    if core == "implicit" or core.startswith("D:"):
        periods = [f"{before}T:{m}" for m in _months(c)]
    else:
        periods = [c.period]
    words = {stem(w) for w in _name_words(c)} if c.subject is not None else set()
    if c.subject_how not in _SAID and _said(c.period):
        words |= set(c.words)       # names another sentence may give it (see subjects_compatible)
    return [copy] + [f"{unit}|{p}|{word}" for p in periods for word in sorted(words)]


def units_compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    if {a.kind, b.kind} <= {"money", "amount"}:
        return a.unit == b.unit or "" in (a.unit, b.unit)      # "1,2 milliard" said of euros elsewhere
    if {a.kind, b.kind} <= {"count", "number"}:
        return True              # "1,709,000 people attended" and "attendance topped 1,910,000"
    return a.kind == b.kind and a.unit == b.unit


def subjects_compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The words of one's names, owners and places, are among the other's: "NATO" and "NATO … in Washington" ("… the
    31 member countries of NATO met in Washington"), "Toul de Michelin" and "Michelin … Toul"; not "the arrest of
    Eric Rudolph" and "of Osama bin Laden"."""
    if a.subject is not None and b.subject is not None:
        x, y = _name_words(a), _name_words(b)
        if x <= y or y <= x:
            return True
    # whose is not named in one sentence (unknown, or only the article's), but its clause says it another way:
    # "le taux de chômage en Lorraine" and "le chômage touchait 8,8 % des actifs lorrains"
    for named, other in ((a, b), (b, a)):
        if named.subject_how in _SAID and other.subject_how not in _SAID and _name_words(named) \
                and {stem(w) for w in _name_words(named)} <= set(other.words):
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _words_of(names: str) -> frozenset[str]:
    return frozenset(w for name in names.split("+") for w in name.split() if len(w) > 2 or w.startswith("@"))


def _name_words(c: ClaimRecord) -> frozenset[str]:
    return _words_of(c.subject) | _words_of("+".join(c.places))


def measures_compatible(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The same marks (total, core, first round, a rise, per share …) and the same measure: the words of one among
    the other's ("salariés" and "salariés … sur le site"), or each among the other's clause ("visitors" and "people
    attended … attendance")."""
    if a.marks != b.marks:
        return False
    x, y = set(a.measure), set(b.measure)
    if x <= y or y <= x or (x <= set(b.words) and y <= set(a.words)):
        return True
    # "people" counts whoever its clause says: "people attended" are the "attendance", "personnes ont visité" the
    # "visiteurs"
    return a.generic and y <= set(a.words) or b.generic and x <= set(b.words)


def restated(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two claims of one article are rivals only when one restates the other: the same subject, named by both
    sentences, and the same measure, each a plain level ("compte 27 États membres", not "Sales rose to $368.5
    million", a quarter's, then "Sales rose to $1.15 billion", the year's), and nothing before either's clause that
    the other lacks ("Among high school graduates, the rate was …", "In the fibers segment, …")."""
    return (a.subject == b.subject and a.measure == b.measure and a.role == b.role == "level"
            and a.qualifiers == b.qualifiers and a.subject_how in _SAID and b.subject_how in _SAID)


_SAID = ("named", "sentence")      # a subject its own sentence names: what a restatement repeats


def qualified_alike(a: ClaimRecord, b: ClaimRecord) -> bool:
    """What opens one sentence before the claim's clause is among what opens the other's: "In the fibers segment,
    profit …" and "In the diversified businesses segment, profit …" qualify two figures apart."""
    x, y = set(a.qualifiers), set(b.qualifiers)
    return x <= y or y <= x


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
    core = c.period.lstrip("<")
    if core == "implicit":
        return c.date
    if not core.startswith("D:"):
        return None
    body = core[2:]
    if "/" in body:
        first, last = body.split("/")
        return first, last
    if ".." in body:
        first, last = body.split("..")
        return first, first[:8] + last
    return body, body


def _fixed(c: ClaimRecord) -> bool:
    """A level that changes with time, given for a month, quarter or year it names: that period's level, whenever it is
    written ("the jobless rate in March 2019"). A toll never is: it grows after its event."""
    return c.changing == "level" and _said(c.period)


def same_period(a: ClaimRecord, b: ClaimRecord, max_days_apart: int = 7) -> bool:
    """The same period. Days and the article's own time meet when they are the same days, or for a figure that
    does not change with time within `max_days_apart` days. A count that changes with time (a toll, members,
    an index) is compared only between articles of one day: given another day, it is an update; but a level of a
    month, quarter or year it names is that period's level, whenever written. A toll grows after its event: always
    an update. Two claims of one article are of its one time."""
    if a.period is None or b.period is None or a.period.startswith("<") != b.period.startswith("<"):
        return False
    changing = (a.changing or b.changing) and not (_fixed(a) and _fixed(b))
    if changing and a.path != b.path and not same_time(a.date, b.date):
        return False                # an update, not a contradiction
    if a.period == b.period and "implicit" in a.period and a.path == b.path:
        return True
    x, y = _days(a), _days(b)
    if x is None or y is None:
        return a.period == b.period and "implicit" not in a.period
    if changing:
        return same_time(x, y)
    return days_apart(x, y) <= (max_days_apart if "implicit" in (a.period.lstrip("<"), b.period.lstrip("<")) else 0)


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
    if small > 0 and a.value * b.value > 0 and large / small >= TENFOLD - 1e-9:
        return True
    return _floors_apart(a, b)


def _floors_apart(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Two lower bounds of one claim are each the writer's value rounded down, at most to its first digit: "plus de
    75 000" and "plus de 100 000" cannot both be one value rounded down (two units of 10 000 apart), "more than
    100,000" and "more than 130,000" can (less than two units of 100,000)."""
    if not (a.high == b.high == float("inf") and a.low == a.value > 0 and b.low == b.value > 0):
        return False
    small, large = sorted((a.value, b.value))
    return large - small >= FLOOR_STEPS * 10 ** math.floor(math.log10(small)) - 1e-9


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
    if not units_compatible(a, b) or not values_disagree(a, b, tolerance):
        return None
    attributed = bool(a.source and b.source and a.source != b.source)
    # an article, or a copy of it at the same time (republished years later, it speaks of another time)
    one_article = a.path == b.path or (a.article_key == b.article_key and a.date is not None and b.date is not None
                                       and days_apart(a.date, b.date) <= max_days_apart)
    if one_article and a.sentence_key == b.sentence_key:
        # the same sentence of the same article, one figure changed: the same claim, unless it is a count that
        # changes with time, written another day
        if (a.changing or b.changing) and not same_time(a.date, b.date):
            return None
        return 100.0, attributed
    if not known(a) or not known(b) or not subjects_compatible(a, b) or not measures_compatible(a, b):
        return None
    if not (restated(a, b) if one_article else qualified_alike(a, b)) or not same_period(a, b, max_days_apart):
        return None
    score = claim_score(a, b)
    return (score, attributed) if score >= threshold else None


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
    parts = _ELLIPSIS.split(short_text)
    if len(parts) < 2:   # no ellipsis: nothing to normalise
        return False
    parts = [normalise(p) for p in parts]
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


class Wording(NamedTuple):
    """What the wording of a quotation is compared on: its folded words and its text as written."""
    norm: str
    text: str


SAME = "same"           # wording(): the same words, or an excerpt of the other's
WORDINGS = 4096         # pairs of wordings wording() remembers: at most a few MB of the quotations' own strings


@functools.lru_cache(maxsize=WORDINGS)
def wording(a_norm: str, a_text: str, b_norm: str, b_text: str, threshold: float, max_changed: int
            ) -> str | float | None:
    """How one quotation's words stand to another's: SAME (the same words, or an excerpt); the score when they
    are the same quotation (`threshold`) with 1 to `max_changed` words changed; else None. It depends on the two
    wordings alone, and an archive repeats quotations (wire copy, follow-ups): a pair of wordings met again is
    not compared again."""
    a, b = Wording(a_norm, a_text), Wording(b_norm, b_text)
    if a_norm == b_norm or is_excerpt(a, b):
        return SAME
    # both must hold; the score (rapidfuzz, compiled) rules out most pairs, so it is asked first; the count of
    # changed words stops as soon as the words one quotation lacks pass max_changed
    score = quote_score(a, b, threshold)
    if score < threshold or not 0 < changed_words(a, b, max_changed) <= max_changed:
        return None
    return score


def changed_words(a: QuoteRecord, b: QuoteRecord, most: int | None = None) -> int:
    """Words changed between the shorter quotation and its place in the longer one: words of the shorter one
    not found there, or words of the longer one left out from the middle (an excerpt's ends do not count).
    With `most`, a count known to be above it is returned as soon as it is known (then it may be below the
    exact count, never at or under `most`)."""
    short, long_ = sorted((a.norm.split(), b.norm.split()), key=len)
    if most is not None:
        # words of the shorter one that the longer one lacks are changed whatever the alignment: counting them
        # (a set lookup each) settles most pairs of an archive's quotations without aligning them
        missing = sum(1 for _ in filterfalse(set(long_).__contains__, short))
        if missing > most:
            return missing
    blocks = [blk for blk in difflib.SequenceMatcher(a=short, b=long_, autojunk=False).get_matching_blocks()
              if blk.size]
    if not blocks:
        return len(short)
    matched = sum(blk.size for blk in blocks)
    inside = blocks[-1].b + blocks[-1].size - blocks[0].b
    return max(len(short) - matched, inside - matched)
