"""Matching claims across articles: pure functions that say whether two claims are the same claim with
incompatible values, with a score (0-100, rapidfuzz); quotations are matched in quotematch.py.

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
measure, period and unit class, which must be equal anyway); a key shared by more than `max_block` records
says too little and is not used."""
from __future__ import annotations

import datetime as dt
import functools
import math
from typing import NamedTuple

from rapidfuzz import fuzz

from .extract.measures import stem
from .records import ClaimRecord

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


class Claim:
    """What contradiction() reads of a claim, worked out once per claim rather than once per pair (in an archive a
    claim meets dozens of rivals, most of them in conflict, so every test runs): its words as sets, its interval
    at the tolerance, its days as day numbers. `record` is the claim."""
    __slots__ = ("record", "path", "sentence", "sentence_key", "article_key", "index", "kind", "family", "unit",
                 "value", "size", "interval", "floor", "known", "subject", "whose", "said", "measure",
                 "measures", "marks", "generic", "words", "text", "role", "qualifiers", "opening", "period", "before",
                 "implicit", "own_time", "days", "date", "changing", "fixed", "source", "frame")

    def __init__(self, c: ClaimRecord, tolerance: float) -> None:
        self.record = c
        self.path, self.sentence, self.sentence_key, self.article_key = c.path, c.sentence, c.sentence_key, c.article_key
        self.index, self.kind, self.unit, self.value = c.index, c.kind, c.unit, c.value
        self.size = abs(c.value)
        self.interval = _interval(c, tolerance)
        # a lower bound at most the writer's value rounded down to its first digit (_floors_apart): the least gap
        # to a larger one that cannot be the same value rounded down
        self.floor = (FLOOR_STEPS * 10 ** math.floor(math.log10(c.value)) - 1e-9
                      if c.high == float("inf") and c.low == c.value > 0 else None)
        self.known = known(c)
        frame = self.frame = frame_of(self.known, c.kind, c.unit, c.subject, c.subject_how, c.places, c.measure, c.marks,
                                      c.generic, c.words, c.qualifiers, c.role, c.source)
        self.family, self.subject, self.said, self.whose = frame.family, frame.subject, frame.said, frame.whose
        self.measure, self.measures, self.marks, self.generic = frame.measure, frame.measures, frame.marks, frame.generic
        self.words, self.text = frame.words, frame.text
        self.role, self.qualifiers, self.opening = frame.role, frame.qualifiers, frame.opening
        self.period = c.period
        self.before = c.period is not None and c.period.startswith("<")
        self.implicit = c.period is not None and "implicit" in c.period
        self.own_time = c.period is not None and c.period.lstrip("<") == "implicit"
        # the days of a claim that may be compared (_days, as day numbers); None otherwise
        self.days = _ordinals(_days(c)) if self.known else None
        self.date = _ordinals(c.date)
        self.changing, self.fixed, self.source = c.changing, c.period is not None and _fixed(c), c.source


class Frame:
    """What contradiction() reads of a claim besides where it stands (path, sentence, article), its value and its
    days, made from the claim's fields once per distinct frame (frame_of) rather than once per claim, and hashed by
    identity, so that what two frames say of each other is worked out once per two frames met (frames_alike), not once
    per pair. An archive says the same things of the same subjects again and again: at 16,000 benchmark articles the
    41,326 claims judged have 355 frames, and their 1.1 million pairs meet 349 pairs of frames."""
    __slots__ = ("kind", "family", "unit", "subject", "places", "said", "whose", "measure", "measures", "marks",
                 "generic", "words", "text", "role", "qualifiers", "opening", "source")

    def __init__(self, known_: bool, kind: str, unit: str, subject: str | None, subject_how: str, places: tuple,
                 measure: tuple, marks: tuple, generic: bool, words: tuple, qualifiers: tuple, role: str,
                 source: str | None) -> None:
        self.kind, self.family, self.unit = kind, FAMILY.get(kind), unit
        self.subject, self.places, self.said = subject, places, subject_how in _SAID
        self.measure, self.measures, self.marks, self.generic = measure, frozenset(measure), marks, generic
        self.words, self.text = frozenset(words), " ".join(words)
        names = _name_words(self) if subject is not None else frozenset()
        self.whose = Whose(known_, subject, names, frozenset(stem(w) for w in names), self.said, self.words)
        self.role, self.qualifiers, self.opening, self.source = role, qualifiers, frozenset(qualifiers), source


@functools.lru_cache(maxsize=4096)
def frame_of(*fields) -> Frame:
    """The Frame of a claim's fields (Frame's arguments), one object while it is cached (a unit of a large run holds at
    most 2,000 claims); an equal Frame made after it left the cache only misses frames_alike's."""
    return Frame(*fields)


class Alike(NamedTuple):
    """What two frames say of two claims (contradiction)."""
    subjects: bool
    units: bool
    measures: bool
    restated: bool
    qualified: bool
    attributed: bool


@functools.lru_cache(maxsize=4096)
def frames_alike(a: Frame, b: Frame) -> Alike:
    return Alike(subjects_alike(a.whose, b.whose), units_compatible(a, b), measures_compatible(a, b), restated(a, b),
                 qualified_alike(a, b), bool(a.source and b.source and a.source != b.source))


FAMILY = {"money": "money", "amount": "money", "count": "count", "number": "count"}   # kinds that compare across


def _ordinals(days: tuple[str, str] | None) -> tuple[int, int] | None:
    return None if days is None else (_day(days[0]), _day(days[1]))


def units_compatible(a: Claim, b: Claim) -> bool:
    if a.family == b.family == "money":
        return a.unit == b.unit or "" in (a.unit, b.unit)      # "1,2 milliard" said of euros elsewhere
    if a.family == b.family == "count":
        return True              # "1,709,000 people attended" and "attendance topped 1,910,000"
    return a.kind == b.kind and a.unit == b.unit


class Whose(NamedTuple):
    """All that subjects_alike() reads of a claim: a large run's blocks (blocks.py) test it once per two values met,
    not once per pair of claims, so it must hold everything the test reads (it is the test's only argument)."""
    known: bool
    subject: str | None
    names: frozenset[str]
    name_stems: frozenset[str]
    said: bool
    words: frozenset[str]


def subjects_alike(a: Whose, b: Whose) -> bool:
    """Both claims are comparable and of one subject (subjects_compatible). Of two claims whose subjects are not
    alike, contradiction() judges only those of one sentence (its sentence_key) of one article, or of a copy of it
    (its path, its article_key): together() of both share a value."""
    return a.known and b.known and subjects_compatible(a, b)


def together(c: Claim) -> tuple[tuple, tuple]:
    """The values of which two claims must share one for contradiction() to judge them when their subjects are not
    alike: one sentence of one article, by path or by article_key (a copy)."""
    return (c.sentence_key, c.path), (c.sentence_key, c.article_key)


def whose(c: Claim) -> Whose:
    return c.whose


def subjects_compatible(a: Whose, b: Whose) -> bool:
    """The words of one's names, owners and places, are among the other's: "NATO" and "NATO … in Washington" ("… the
    31 member countries of NATO met in Washington"), "Toul de Michelin" and "Michelin … Toul"; not "the arrest of
    Eric Rudolph" and "of Osama bin Laden"."""
    if a.subject is not None and b.subject is not None:
        x, y = a.names, b.names
        if x <= y or y <= x:
            return True
    # whose is not named in one sentence (unknown, or only the article's), but its clause says it another way:
    # "le taux de chômage en Lorraine" and "le chômage touchait 8,8 % des actifs lorrains"
    for named, other in ((a, b), (b, a)):
        if named.said and not other.said and named.names and named.name_stems <= other.words:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _words_of(names: str) -> frozenset[str]:
    return frozenset(w for name in names.split("+") for w in name.split() if len(w) > 2 or w.startswith("@"))


def _name_words(c: ClaimRecord | Frame) -> frozenset[str]:
    return _words_of(c.subject) | _words_of("+".join(c.places))


def measures_compatible(a: Claim, b: Claim) -> bool:
    """The same marks (total, core, first round, a rise, per share …) and the same measure: the words of one among
    the other's ("salariés" and "salariés … sur le site"), or each among the other's clause ("visitors" and "people
    attended … attendance")."""
    if a.marks != b.marks:
        return False
    x, y = a.measures, b.measures
    if x <= y or y <= x or (x <= b.words and y <= a.words):
        return True
    # "people" counts whoever its clause says: "people attended" are the "attendance", "personnes ont visité" the
    # "visiteurs"
    return a.generic and y <= a.words or b.generic and x <= b.words


def restated(a: Claim, b: Claim) -> bool:
    """Two claims of one article are rivals only when one restates the other: the same subject, named by both
    sentences, and the same measure, each a plain level ("compte 27 États membres", not "Sales rose to $368.5
    million", a quarter's, then "Sales rose to $1.15 billion", the year's), and nothing before either's clause that
    the other lacks ("Among high school graduates, the rate was …", "In the fibers segment, …")."""
    return (a.subject == b.subject and a.measure == b.measure and a.role == b.role == "level"
            and a.qualifiers == b.qualifiers and a.said and b.said)


_SAID = ("named", "sentence")      # a subject its own sentence names: what a restatement repeats


def qualified_alike(a: Claim, b: Claim) -> bool:
    """What opens one sentence before the claim's clause is among what opens the other's: "In the fibers segment,
    profit …" and "In the diversified businesses segment, profit …" qualify two figures apart."""
    x, y = a.opening, b.opening
    return x <= y or y <= x


def days_apart(x: tuple[int, int] | None, y: tuple[int, int] | None) -> int:
    """Days between two intervals of day numbers (0 when they meet or either is unknown)."""
    if x is None or y is None:
        return 0
    return max(y[0] - x[1], x[0] - y[1], 0)


@functools.lru_cache(maxsize=65536)
def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def same_time(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
    if x is None or y is None:
        return False
    return x[0] <= y[1] and y[0] <= x[1]


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


def same_period(a: Claim, b: Claim, max_days_apart: int = 7) -> bool:
    """The same period. Days and the article's own time meet when they are the same days, or for a figure that
    does not change with time within `max_days_apart` days. A count that changes with time (a toll, members,
    an index) is compared only between articles of one day: given another day, it is an update; but a level of a
    month, quarter or year it names is that period's level, whenever written. A toll grows after its event: always
    an update. Two claims of one article are of its one time."""
    if a.period is None or b.period is None or a.before != b.before:
        return False
    changing = (a.changing or b.changing) and not (a.fixed and b.fixed)
    if changing and a.path != b.path and not same_time(a.date, b.date):
        return False                # an update, not a contradiction
    if a.period == b.period and a.implicit and a.path == b.path:
        return True
    x, y = a.days, b.days
    if x is None or y is None:
        return a.period == b.period and not a.implicit
    if changing:
        return same_time(x, y)
    # days_apart(x, y) <= most, written out: this runs for most pairs of an archive's blocks
    most = max_days_apart if a.own_time or b.own_time else 0
    return most >= 0 and y[0] - x[1] <= most and x[0] - y[1] <= most


def _interval(c: ClaimRecord, tolerance: float) -> tuple[float, float]:
    if c.kind == "date":
        return c.low, c.high
    half = max(c.step / 2, tolerance * abs(c.value))
    return c.low - half, c.high + half


def values_disagree(a: Claim, b: Claim) -> bool:
    """Incompatible beyond the written precision and bounds, or ten-fold apart whatever the bounds ("plus de
    8 000" and "plus de 80 000"); dates by a day."""
    (a0, a1), (b0, b1) = a.interval, b.interval
    if a.kind == "date":
        return a1 < b0 or b1 < a0
    if a1 <= b0 or b1 <= a0:
        return True
    small, large = sorted((a.size, b.size))
    if small > 0 and a.value * b.value > 0 and large / small >= TENFOLD - 1e-9:
        return True
    return _floors_apart(a, b)


def _floors_apart(a: Claim, b: Claim) -> bool:
    """Two lower bounds of one claim are each the writer's value rounded down, at most to its first digit: "plus de
    75 000" and "plus de 100 000" cannot both be one value rounded down (two units of 10 000 apart), "more than
    100,000" and "more than 130,000" can (less than two units of 100,000)."""
    if a.floor is None or b.floor is None:
        return False
    small, large = sorted((a, b), key=lambda c: c.value)
    return large.value - small.value >= small.floor


def claim_score(a: Claim, b: Claim) -> float:
    return _score(a.text, b.text)


@functools.lru_cache(maxsize=4096)
def _score(a: str, b: str) -> float:
    """The context score of two clauses' words: an archive repeats them (copies, follow-ups), and a conflict
    found once in it is often found again."""
    return round(fuzz.token_set_ratio(a, b), 1)


def contradiction(a: Claim, b: Claim, threshold: float, max_days_apart: int = 7) -> tuple[float, bool] | None:
    """(score, attributed) when a and b are the same claim with incompatible values, else None; attributed: both
    sides are attributed to different sources (info at most)."""
    same_path = a.path == b.path
    if same_path and a.sentence == b.sentence:
        return None           # one sentence: "27 à 28 membres", "5 %, dont 3,5 %": parts, not rivals
    one_sentence = a.sentence_key == b.sentence_key
    if one_sentence and a.index != b.index:
        return None           # the same sentence in two articles: only a figure with itself ("3 % …, but 31 %")
    alike, units, measures, same_words, qualified, attributed = frames_alike(a.frame, b.frame)
    # most pairs of a block are of other subjects that share a word: refused first (of one sentence, only below,
    # after the same sentence restated in the same article, which is the same claim whatever its subject)
    if not one_sentence and not alike:
        return None
    if not units or not values_disagree(a, b):
        return None
    # an article, or a copy of it at the same time (republished years later, it speaks of another time)
    one_article = same_path or (a.article_key == b.article_key and a.date is not None and b.date is not None
                                       and days_apart(a.date, b.date) <= max_days_apart)
    if one_article and one_sentence:
        # the same sentence of the same article, one figure changed: the same claim, unless it is a count that
        # changes with time, written another day
        if (a.changing or b.changing) and not same_time(a.date, b.date):
            return None
        return 100.0, attributed
    if not alike or not measures:
        return None
    if not (same_words if one_article else qualified) or not same_period(a, b, max_days_apart):
        return None
    score = _score(a.text, b.text)   # claim_score(a, b)
    return (score, attributed) if score >= threshold else None
