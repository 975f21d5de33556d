"""A number in a year position that cannot be the year meant; suggests the likely year.

## What it finds
A number in a year position (see below) that cannot be the year meant, at the article's date:
- three or five digits ("Les livraisons commenceront en 206", "le 18 octobre 212", "les 1er et 2
  décembre 20122", "a 22009 analysis", "was on track to hit 400 million by 200") when a year one
  keystroke away is near the article's date (60 years before it to 30 after);
- a year a century or more after the article in a sentence about the future, or more than 60 years
  after it otherwise ("Le 12 mars 2101, une centrale connut un grave accident", "May 2910", "in
  3010"), when a year one keystroke away is near the article's date; round years (2050, 2100) are
  real horizons and pass;
- a year after the article's date after "depuis"/"since" ("financé depuis 2104", "Since 2104");
- a year before the article's date after a word that looks ahead ("d'ici", "à partir de", "dès",
  "by", "starting in") in a sentence about the future ("d'ici 2015" written in 2024).

A year position is a number after a word that introduces a year ("en", "depuis", "d'ici à", "fin",
"in", "since", "by", "due", "starting in"), possibly with a month between ("d'ici à décembre 205"),
at the end of a date ("le 18 octobre 212", "May 2910"), or between an article and a noun ("a 2009
analysis"); and the number ends its phrase (punctuation, or a function word: "en 201 lors des jeux"),
since a noun after it makes it a count ("en 206 blindés", "in 200 cities"), as does "de"/"of" ("200
of the cities"), and "by" after a word of change makes it an amount ("cut by 200"). After a named
period as a complement ("du premier semestre", "du troisième trimestre", "first quarter of", "fiscal") any
word but one that takes a count may follow ("Les ventes du troisième trimestre 214 ont reculé"); not after
"au premier trimestre", where a count may follow a period said without its comma.

The three- or five-digit end of a span of years whose other end is a year is a year position too
("2015-217", "2016/217", "De 209 à 2013", "from 1999 to 203"), and is a typo only for a year one
keystroke away that makes the span run forward, by at most 20 years. Not a span of years: two digits
at one end ("2015-16", "the 1996-97 season": an abbreviation), a span glued by a dash or slash after a
reference word or a number ("décret n° 2015-216", "Case No. 2003-204", "(202) 201-2004"), and a span
in words that counts ("entre 2010 et 214 salariés"), follows a word of change ("passé de 2015 à
216", "fell from 2003 to 204") or starts from a round hundred ("from 2000 to 200"): amounts.

The suggestion is the nearest year one keystroke away (a digit missing, extra, wrong or swapped)
that fits: from the article's year on in a sentence about the future, up to it after "since" or in a
sentence about the past, else the nearest to the article's year.

## Why it matters
A year with a digit missing is invisible to spell checkers and turns a deadline into nonsense.

## Fails
```text
(article of October 2024) … des missiles que Washington déploiera en Allemagne à partir de 206, afin de …
(article of 2025) Les livraisons commenceront en 206.           → 2026
(article of 2012) Le 18 octobre 212, le club a fêté son titre.  → 2012
(article of 1998) A 22009 analysis by the Congressional Budget Office found savings.
(article of 2016) La saison 2016/217 s'ouvrira à Lyon.        → 2017
(article of 2005) Exports grew 40% from 1999 to 203.          → 2003
```

## Passes
```text
… déploiera à partir de 2026, afin de …
… 206 blindés seront livrés.        (a count, not a year)
… la salle 206, au deuxième étage.  (not a year position)
Hannibal naquit en 247 av. J.-C.    (an era: a real ancient year)
À partir de 206, la dynastie Han régna sur la Chine.   (a sentence about antiquity)
The company cut its work force by 200 last year.       (an amount)
Les émissions devront baisser d'ici 2100.               (a round horizon)
La saison 2016-17 s'ouvrira à Lyon.                     (an abbreviation)
Le décret n° 2015-216 du 2 mars 2015 encadre les tarifs. (a reference)
```

## Options
None.
"""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from ..context import cached_property
from ..extract.sentences import sentence_at
from ..extract.tense import is_future
from ..finding import DEFAULT, Severity, levels
from .. import patterns

ID = "year-typo"
SEVERITY = Severity.ERROR
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}
YEAR_RANGE = (1800, 2200)
BEFORE, AFTER = 60, 30            # the years a typo may stand for: 60 before the article's to 30 after
FAR_PAST, FAR_FUTURE = 60, 100    # beyond these after the article, a four-digit year cannot be meant
ROUND, HORIZON = 50, 300          # 2050, 2100, 2300: horizons, not typos (2900 is one)
FORWARD = ("deadline", "start")
SPAN = 20                         # the longest span of years a typo's year may make ("2013-215": 2015, two years)


@functools.lru_cache(maxsize=None)
def _eras(code: str) -> regex.Pattern:
    markers = language.load(code)["era_markers"]
    return patterns.compile(r"^\s*(?:" + "|".join(patterns.escape(m) for m in markers) + r")")


@functools.lru_cache(maxsize=None)
def _ahead(code: str) -> regex.Pattern:
    words = language.load(code)["year_ahead_words"]
    return patterns.compile(r"(?<!\w)(?:" + "|".join(patterns.escape(w) for w in words) + r")(?!\w)", regex.I)


@functools.lru_cache(maxsize=None)
def _history(code: str) -> regex.Pattern:
    words = language.load(code)["history_words"]
    return patterns.compile(r"(?<!\w)(?:" + "|".join(patterns.escape(w) for w in words) + r")(?!\w)", regex.I)


@functools.lru_cache(maxsize=4096)
def candidates(digits: str) -> frozenset[int]:
    """Years one keystroke away: a digit inserted, deleted, replaced, or two swapped (an archive writes the same
    years again and again: each is worked out once)."""
    out = set()
    for i in range(len(digits) + 1):
        for d in "0123456789":
            out.add(digits[:i] + d + digits[i:])
    for i in range(len(digits)):
        out.add(digits[:i] + digits[i + 1:])
        for d in "0123456789":
            out.add(digits[:i] + d + digits[i + 1:])
        if i + 1 < len(digits):
            out.add(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
    return frozenset({int(c) for c in out if len(c) == 4 and not c.startswith("0") and YEAR_RANGE[0] <= int(c) <= YEAR_RANGE[1]}
                     - {int(digits)})


def _nearest(options: set[int], reference: int) -> int | None:
    return min(options, key=lambda y: (abs(y - reference), y)) if options else None


class _Tense:
    """Whether a spot's sentence is about the future, and whether it looks ahead ("on track to", "doit"): two scans
    of the sentence, made only when the answer can matter (most years in a year position are near the article's
    date and are no problem whatever the tense)."""

    def __init__(self, sentence: str, code: str) -> None:
        self.sentence, self.code = sentence, code

    @cached_property
    def future(self) -> bool:
        return is_future(self.sentence, self.code)

    @cached_property
    def ahead(self) -> bool:
        return self.future or bool(_ahead(self.code).search(self.sentence))


def _problem(spot, tense: _Tense, low: int, high: int) -> tuple[str, set[int], str] | None:
    """(what is wrong, the years one keystroke away that may be meant, which way to look), or None.
    tense.future: the sentence is about the future; tense.ahead: it is, or it looks ahead ("on track to", "doit")."""
    year, digits = int(spot.digits), spot.digits
    near = {y for y in candidates(digits) if low - BEFORE <= y <= high + AFTER}
    if spot.other_end is not None:   # a span of years: the year meant makes it run forward, and not for long
        near = {y for y in near if 0 < (y - spot.other_end if spot.position == "span_end" else spot.other_end - y) <= SPAN}
    if len(digits) != 4:
        return (f"{len(digits)} digits", near, "future" if tense.ahead else "any") if near else None
    if spot.position == "since" and year > high:
        return f"after the article's date ({high})", {y for y in candidates(digits) if y <= high}, "past"
    # "from 1996" also compares: the tense must say
    if spot.position in FORWARD and year < low and (tense.future if spot.position == "start" else tense.ahead):
        return "before the article's date in a sentence about the future", \
               {y for y in candidates(digits) if y >= low}, "future"
    horizon = year % ROUND == 0 and year <= high + HORIZON
    if horizon or not near or year <= high + min(FAR_PAST, FAR_FUTURE):
        return None
    looking_ahead = spot.position in FORWARD or tense.ahead   # "due 2093", "by 2080": the words look ahead
    if year > high + (FAR_FUTURE if looking_ahead else FAR_PAST):
        return f"{year - high} years after the article's date", near, "future" if tense.ahead else "past"
    return None


def check(ctx, options):
    article = ctx.article
    code = article.language
    date = ctx.date
    # both bounds, or none: a date known only from one side ("before 2025-06-24") is not one to reckon from
    low = date.earliest.year if date.earliest and date.latest else None
    high = date.latest.year if date.earliest and date.latest else None
    for spot in ctx.year_spots:
        s_start, s_end = sentence_at(ctx.sentences, spot.start)
        sentence = article.prose[s_start:s_end]
        tense = _Tense(sentence, code)
        if low is None:   # no date: only a year too short or too long to be one, looking ahead
            if len(spot.digits) != 4 and spot.position in FORWARD and tense.future \
                    and not _eras(code).match(article.prose, spot.end, spot.end + 300):
                text = article.text[spot.phrase_start:spot.end]
                yield ctx.finding(ID, spot.start, spot.end, f"“{text}” in a sentence about the future: "
                                  f"{spot.digits} cannot be the year meant; expected a four-digit year", DEFAULT)
            continue
        found = _problem(spot, tense, low, high)
        if found is None or _eras(code).match(article.prose, spot.end, spot.end + 300):
            continue
        reason, pool, way = found
        if len(spot.digits) != 4 and not tense.ahead and _history(code).search(sentence):
            continue   # "À partir de 206, la dynastie Han régna …": antiquity may be meant
        if way == "future":
            pool = {y for y in pool if y >= low} or pool
            suggestion = _nearest(pool, low)
        elif way == "past":
            pool = {y for y in pool if y <= high} or pool
            suggestion = _nearest(pool, high)
        else:
            suggestion = _nearest(pool, round((low + high) / 2))
        text = article.text[spot.phrase_start:spot.phrase_end or spot.end]
        message = f"“{text}”: {spot.digits} cannot be the year meant ({reason})"
        if suggestion:
            message += f"; expected a year near {date.value.year if date.value else round((low + high) / 2)}, probably {suggestion}"
        yield ctx.finding(ID, spot.start, spot.end, message, DEFAULT, str(suggestion) if suggestion else None)
