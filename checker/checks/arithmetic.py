"""Anniversaries, ages, times since a past year, spans of years and percentage changes that do not add up.

## What it finds
- an anniversary or age that does not match the founding or birth year in the same sentence, at
  the date the sentence speaks of, however it is said: "fondée en 1945, l'ONU fête ses 80 ans",
  "célèbre cette année ses 75 ans", "souffle ses 18 bougies", "pour ses 30 ans", "marks its 93rd
  anniversary", "the bank's 100th anniversary", "turns 50", "âgé de 70 ans", "Le navigateur, 45 ans,",
  "The novelist, 61,", "who is 74", "a 74-year-old" (an age may be one year less: the birthday may not
  have come yet); a sentence that names its own year ("a fêté ses 100 ans en 2000") is reckoned then;
- a time since a past year or date, counted from the article's date: "il y a tout juste 52 ans, le
  5 juillet 1962", "founded 80 years ago, in 1908", "voilà 27 ans que …, en 1987", and "N years
  after it was founded in 1884" in a sentence about now ("aujourd'hui", "now");
- a span of years with a stated length that is off by more than a year: "de 2010 à 2024, soit 18
  ans" (14, or 13 to 15 depending on the months);
- a change with a stated percentage that does not follow from its two figures, or goes the other
  way: "de 2 à 3 milliards, soit une hausse de 30 %" (50 %), "from $114 million to $207 million, an
  increase of 123%" (82 %), "de 2,40 euros à 2,70 euros, soit une hausse de 20 %" (13 %); and with the
  percentage first, as newswire writes it, after a verb or noun of change: "slid 30%, to $40 million
  from $50 million" (-20 %), "fell 5%, from 150 yen to 135 yen" (-10 %), "a reculé de 30 %, de 80 000 à
  60 000" (-25 %), "a grimpé de 10 %, à 36 millions d'euros, contre 24 millions" (+50 %). Newswire's
  figures are rounded from those its percentage was worked out from: their rounding is allowed for
  ("rose 5% to $1.2 billion from $1.1 billion" passes); in the "soit une hausse de" form only that of
  figures written with some precision.

Not reckoned: ages in a sentence about a death (the age then, not now), approximations ("il y a près
de 50 ans", "nearly 50 years ago"), "two years after it was founded in 1980" in a sentence about the
past, numbers of a list ("children, 12, 15 and 18"), years of something else ("ses 50 ans de
carrière"), a time since a birth or founding of another clause, a percentage before two years ("rose
8% from 1995 to 1997": a time), two figures in different units ("from 130 yen to 1.20 marks"), and a
change in percent stated in points ("de 2 % à 3 %, soit une hausse de 1 %").

## Why it matters
These are the sums a reader can do in their head; a wrong one discredits the figures around it.

## Fails
```text
(article of 2027) Fondée en 1945, l'ONU fête ses 80 ans.
(article of 3 July 2014) C'était il y a tout juste 50 ans, le 5 juillet 1962.
(article of 1988) The company was founded 70 years ago, in 1908.
Rutte a dirigé le gouvernement de 2010 à 2024, soit 18 ans.
Le budget est passé de 2 à 3 milliards d'euros, soit une hausse de 30 %.
Net income slid 30%, to $40 million from $50 million.
```

## Passes
```text
(article of 2025) Fondée en 1945, l'ONU fête ses 80 ans.
(article of 2012) Né en 1934, l'acteur est mort il y a trois ans, à l'âge de 75 ans.
(article of 1992) Two years after it was founded in 1980, the company went public.
Rutte a dirigé le gouvernement de 2010 à 2024, soit 14 ans.
Le budget est passé de 2 à 3 milliards d'euros, soit une hausse de 50 %.
Net income slid 20%, to $40 million from $50 million.
```

## Options
None.
"""
from __future__ import annotations

import datetime as dt

from ..extract.sentences import sentence_at
from ..finding import DEFAULT, Severity, levels

ID = "arithmetic"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}
PERCENT_MARGIN = 0.5     # percentage points, on top of the rounding of the stated percentage
RELATIVE_MARGIN = 0.02   # of the change itself
ROUNDING_READ = 0.02     # a figure's rounding counts when its step is at most 2 % of it


def _years(ctx, age) -> set[int]:
    """The years the sentence speaks of: the article's, unless the sentence names another (not the founding):
    "fondée en 1900, l'école a fêté ses 100 ans en 2000" speaks of 2000."""
    start, end = sentence_at(ctx.sentences, age.span[0])
    others = {interval for at, interval, _ in ctx._anchors(start, end)
              if not age.founded_span[0] <= at < age.founded_span[1] and interval[0].year != age.founded}
    if len(others) == 1:
        interval = next(iter(others))
        return set(range(interval[0].year, interval[1].year + 1))
    interval, _ = ctx.when(age.span[0])
    if interval is None:
        return set()
    years = set(range(interval[0].year, interval[1].year + 1))
    if years == {age.founded}:    # the sentence's anchor is the founding year itself: use the article's date
        article = ctx.date.interval
        years = set(range(article[0].year, article[1].year + 1)) if article else set()
    return years


def _whole_years(since: dt.date, until: dt.date) -> int:
    return until.year - since.year - ((until.month, until.day) < (since.month, since.day))


def _expected(ctx, age) -> tuple[list[int], str] | None:
    """The counts that are right for the statement, and the time they are counted at."""
    if age.kind == "ago":   # "il y a N ans", "N years ago": from the article's date
        interval = ctx.date.interval
        if interval is None or age.approximate:
            return None
        if age.day is not None:   # a full date: whole years, or one more just before the anniversary
            low, high = _whole_years(age.day, interval[0]), _whole_years(age.day, interval[1])
            return list(range(low, high + 2)), f"at the article's date ({ctx.describe_date()})"
        years = range(interval[0].year, interval[1].year + 1)
        return sorted({y - age.founded for y in years} | {y - age.founded - 1 for y in years}), \
            f"at the article's date ({ctx.describe_date()})"
    years = _years(ctx, age)
    if not years:
        return None
    expected = {y - age.founded for y in years} | (set() if age.exact else {y - age.founded - 1 for y in years})
    return sorted(expected), "in " + "/".join(str(y) for y in sorted(years))


def _likely(ctx, age, expected: list[int]) -> int:
    """The count most likely meant: the nearest anniversary of a full date, else the latest count."""
    if age.kind == "ago" and age.day is not None and ctx.date.value is not None:
        return round((ctx.date.value - age.day).days / 365.2425)
    return expected[-1]


def _ages(ctx):
    for age in ctx.reckonings[0]:
        found = _expected(ctx, age)
        if found is None:
            continue
        expected, when = found
        n = int(age.age.value)
        if n in expected or min(expected) < 0:
            continue
        text = ctx.article.text[age.span[0]:age.span[1]]
        since = ctx.article.text[age.founded_span[0]:age.founded_span[1]]
        message = f"“{text}”: from {since}, that makes {' or '.join(map(str, expected))} {when}, not {n}"
        yield ctx.finding(ID, age.age.start, age.age.end, message, DEFAULT, str(_likely(ctx, age, expected)))


def _spans(ctx):
    for span in ctx.reckonings[1]:
        length = span.last - span.first
        n = span.length.value
        if abs(n - length) <= 1:
            continue
        text = ctx.article.text[span.span[0]:span.span[1]]
        message = f"“{text}” is {length} years (give or take one), not {n:g}"
        yield ctx.finding(ID, span.length.start, span.length.end, message, DEFAULT, str(length))


def _half_step(number, value: float, step: float, rounded: bool = False) -> float:
    """Rounding is read into a figure only when it is written with some precision ("2,04", "1 250"):
    "de 2 à 3 milliards" is taken as written, since the percentage was worked out from those figures. Newswire's
    figures after their percentage are rounded from the ones it was worked out from ("rose 5% to $1.2 billion from
    $1.1 billion"): their rounding is read whatever their precision."""
    return step / 2 if value and (rounded or step / abs(value) <= ROUNDING_READ) else 0.0


def _in_percent(ctx, change) -> bool:
    """Both figures are percentages ("de 2 % à 3 %")."""
    starts = {q.number.start for q in ctx.figures if q.unit == "percent"}
    return change.before.start in starts and change.after.start in starts


def _changes(ctx):
    for change in ctx.reckonings[2]:
        before, after = change.before.value, change.after.value
        before_step, after_step = change.before.step, change.after.step
        if change.before.scale == 1 and change.after.scale > 1 and abs(before) < 1000:
            before, before_step = before * change.after.scale, before_step * change.after.scale
        if before <= 0 or after < 0:
            continue
        actual = (after - before) / before * 100
        stated = abs(change.percent.value)
        if change.direction == "down" or (change.direction is None and change.percent.value < 0):
            stated = -stated
        hb = _half_step(change.before, before, before_step, change.rounded)
        ha = _half_step(change.after, after, after_step, change.rounded)
        low = ((after - ha) - (before + hb)) / (before + hb) * 100
        high = ((after + ha) - (before - hb)) / (before - hb) * 100
        margin = change.percent.step / 2 + PERCENT_MARGIN + RELATIVE_MARGIN * abs(actual)
        if low - margin <= stated <= high + margin:
            continue
        if _in_percent(ctx, change) and abs(abs(stated) - abs(after - before)) <= margin:
            continue   # "de 2 % à 3 %, soit une hausse de 1 %": points for percent, a usage, not a sum error
        text = ctx.article.text[min(change.before.start, change.span[0]):max(change.after.end, change.span[1])]
        message = f"“{text}”: the change is {actual:+.0f} %, not {stated:+g} %"
        yield ctx.finding(ID, change.percent.start, change.percent.end, message, DEFAULT, f"{abs(actual):.0f}")


def check(ctx, options):
    yield from _ages(ctx)
    yield from _spans(ctx)
    yield from _changes(ctx)
