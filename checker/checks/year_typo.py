"""A number in a year position that cannot be the year meant; suggests the likely year.

## What it finds
A number right after a word that introduces a year ("à partir de", "d'ici", "dès", "jusqu'en",
"depuis", "by", "from", "since", "until") and followed by punctuation or the end of the sentence,
when it cannot be the year meant:
- three digits in a sentence about the future ("déploiera … à partir de 206,"): the future cannot
  start in the year 206;
- a year before the article's date in a sentence about the future ("d'ici 2015" in 2024);
- a year after the article's date after "depuis"/"since" ("depuis 2062" in 2024).
The suggestion is the nearest year, at most one keystroke away (a digit missing, extra, wrong or
swapped), that fits the sentence and the article's date.

## Why it matters
A year with a digit missing is invisible to spell checkers and turns a deadline into nonsense.

## Fails
```text
(article of October 2024) … des missiles que Washington déploiera en Allemagne à partir de 206, afin de …
```

## Passes
```text
… déploiera à partir de 2026, afin de …
… 206 blindés seront livrés.      (not a year position)
… la salle 206, au deuxième étage. (not a year position)
Hannibal naquit en 247 av. J.-C.  (an era: a real ancient year)
```

## Options
None.
"""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from ..extract.sentences import sentence_at
from ..extract.tense import is_future
from ..finding import Severity
from .. import patterns

ID = "year-typo"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}
YEAR_RANGE = (1800, 2200)


@functools.lru_cache(maxsize=None)
def _pattern(code: str) -> regex.Pattern:
    data = language.load(code)
    groups = []
    for kind, words in data["year_before"].items():
        alt = "|".join(regex.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
                       for w in sorted(words, key=len, reverse=True))
        groups.append(f"(?P<{kind}>{alt})")
    # the number ends the phrase: punctuation, a conjunction or the end of the text follows
    return patterns.compile(rf"(?<![\w'’])(?:{'|'.join(groups)})\s+(?P<year>\d{{3,4}})(?=\s*(?:[,.;:!?)»”]|$|\s(?:et|ou|and|or|—|–|-)\s))",
                         regex.I | regex.M)


@functools.lru_cache(maxsize=None)
def _eras(code: str) -> regex.Pattern:
    markers = language.load(code)["era_markers"]
    return patterns.compile(r"^\s*(?:" + "|".join(regex.escape(m) for m in markers) + r")")


def candidates(digits: str) -> set[int]:
    """Years one keystroke away: a digit inserted, deleted, replaced, or two swapped."""
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
    return {int(c) for c in out if len(c) == 4 and not c.startswith("0") and YEAR_RANGE[0] <= int(c) <= YEAR_RANGE[1]} - {int(digits)}


def _nearest(options: set[int], reference: int | None) -> int | None:
    if not options or reference is None:
        return None
    return min(options, key=lambda y: (abs(y - reference), y))


def check(ctx, options):
    article = ctx.article
    code = article.language
    date = ctx.date
    low = date.earliest.year if date.earliest else None
    high = date.latest.year if date.latest else None
    for m in _pattern(code).finditer(article.prose):
        digits = m.group("year")
        year = int(digits)
        if _eras(code).match(article.prose, m.end(), m.end() + 300):
            continue
        s_start, s_end = sentence_at(ctx.sentences, m.start())
        future = is_future(article.prose[s_start:s_end], code)
        problem, suggestion = None, None
        forward = m.group("deadline") or m.group("start")
        if forward and future and (len(digits) == 3 or (m.group("deadline") and low and year < low)):
            reference = low or None
            pool = {y for y in candidates(digits) if reference is None or y >= reference}
            suggestion = _nearest(pool, reference)
            expected = f"a year from {reference} on" if reference else "a four-digit year"
            problem = f"“{m.group()}” in a sentence about the future: {year} cannot be the year meant; expected {expected}"
        elif m.group("since") and high and year > high:
            pool = {y for y in candidates(digits) if y <= high}
            suggestion = _nearest(pool, high)
            when = date.value.isoformat() if date.value else f"before {date.latest.isoformat()}"   # or only bounded
            problem = f"“{m.group()}” is after the article's date ({when}); expected a year up to {high}"
        if problem:
            if suggestion:
                problem += f", probably {suggestion}"
            start, end = m.start("year"), m.end("year")
            yield ctx.finding(ID, start, end, problem, SEVERITY, str(suggestion) if suggestion else None)
