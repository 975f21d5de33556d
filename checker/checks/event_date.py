"""A known event of the rules given a date that disagrees with the rules.

## What it finds
An event of the rules named with a date right after it ("le sommet de La Haye, le 4 juin", "the
Hague summit on June 4", "le sommet de La Haye (24-26 juin)") when the date is outside the event's
days. A date without a year is read in the year of the edition nearest to when the sentence speaks;
an edition more than a year away, or a date whose year matches no edition, is another edition and is
left alone ("the 2016 US presidential election" is not the 2024 one). A relative day ("mardi",
"demain") linked to the event is resolved against the article's date when that date is exact.

An event of the rules with a `kind` and `participants` is also found in the article's own words:
"Germany joined NATO in 1956", "Turkey's accession to NATO dates from Feb. 28, 1952", "L'adhésion de
l'Espagne à l'OTAN remonte au 26 mai 1982", "Membre de l'OTAN depuis le 18 février 1954, la Turquie …":
a participant of the event, the words of its kind next to the organisation joined (see
docs/rule-files.md), and the date written with them, compared at the precision written (a year, a
month, a day). A bid or a step ("applied to join NATO in May 2022") is not the event, nor is another
thing of the organisation or made with it: the kind's words must bear on what was joined or founded
itself ("signed an agreement with NATO in 1997", "joined NATO troops in 1996", "la création de la force
de réaction de l'OTAN en 2002" are not the treaty or an accession).

## Why it matters
Dates of summits, votes and meetings are easy to get wrong by a week or a month, and the error then
spreads to every article that quotes the first one.

## Fails
```text
(article of 10 June 2025) Rutte se rendra au sommet de La Haye, le 4 juin.
(article of 10 June 2025) Rutte will chair the Hague summit on July 24.
(article of 1998) Germany joined NATO in 1956.
```

## Passes
```text
(article of 2012) Spain, a NATO member since 1982, joined the European Community in 1986.
(article of 2023) Sweden applied to join NATO in May 2022.
(article of 1998) Kiev signed a partnership accord with NATO in March 1997.
(article of 2012) La Bulgarie a rejoint la mission de l'OTAN en Afghanistan en 2002.
(article of 10 June 2025) Rutte se rendra au sommet de La Haye, le 24 juin.
(article of 2012) l'élection présidentielle américaine du 6 novembre   (another edition)
```

## Options
None.
"""
from __future__ import annotations

import datetime as dt
import functools

from .. import lang as language
from ..extract.relative import resolve
from ..extract.sentences import sentence_at
from ..extract.tense import is_future
from ..finding import DEFAULT, Evidence, Severity, levels

ID = "event-date"
SEVERITY = Severity.ERROR
LEVELS = levels(ID, SEVERITY, relative=Severity.WARNING)
OPTIONS: dict = {}
MAX_GAP = 40
EDITION_WINDOW = dt.timedelta(days=366)
EXACT_SOURCES = ("option", "front-matter", "dateline")


@functools.lru_cache(maxsize=None)
def _links(code: str) -> frozenset[str]:
    return frozenset(" ".join(w.replace("’", "'").split()).lower() for w in language.load(code)["event_date_links"])


def _gap(ctx, end: int, start: int) -> str | None:
    if not 0 <= start - end <= MAX_GAP:
        return None
    return " ".join(ctx.article.prose[end:start].replace("’", "'").split()).lower()


def _linked(ctx, mention):
    links = _links(ctx.article.language)
    if mention.date is not None:
        return mention.date, "date"
    for d in ctx.dates:
        if d.start >= mention.end:
            if _gap(ctx, mention.end, d.start) in links:
                return d, "date"
            break
    for r in ctx.relative_dates:
        if r.start >= mention.end:
            if r.unit in ("day", "weekday") and _gap(ctx, mention.end, r.start) in links:
                return r, "relative"
            break
    return None, None


def _editions(events, interval, year):
    if year is not None:
        return [e for e in events if year in (e.start.year, e.end.year)]
    if interval is None:
        return []
    return [e for e in events if e.start - EDITION_WINDOW <= interval[1] and interval[0] <= e.end + EDITION_WINDOW]


def _days(d, year: int) -> list[dt.date | None]:
    days = [d.date(year)]
    if d.day_end:
        try:
            days.append(dt.date(d.year or year, d.month, d.day_end))
        except ValueError:
            days.append(None)
    return days


def _describe(event, code: str) -> str:
    start, end = event.start, event.end
    if start == end:
        return language.write_date(code, "month_first", day=start.day, month=start.month, year=start.year)
    form = "days" if start.month == end.month else "span"
    return language.write_date(code, form, day=start.day, day_end=end.day, month=start.month, month_end=end.month,
                               year=end.year)


def _in_month(event, year: int, month: int) -> bool:
    first = dt.date(year, month, 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return event.start <= last and first <= event.end


def _fits(event, claim, year: int) -> bool:
    if claim.day is not None:
        try:
            days = [dt.date(year, claim.month, claim.day)]
            if claim.day_end:
                days.append(dt.date(year, claim.month, claim.day_end))
        except ValueError:
            return True   # an impossible date is invalid-date's
        return all(event.start <= day <= event.end for day in days)
    if claim.month is not None:
        return _in_month(event, year, claim.month)
    return event.start.year <= year <= event.end.year


def _as_written(event, claim, code: str) -> str:
    """The event's date at the precision the text gives: a year, a month, or the days."""
    if claim.month is None:
        return str(event.start.year)
    if claim.day is None:
        return language.write_date(code, "month", month=event.start.month, year=event.start.year)
    return _describe(event, code)


def _claims(ctx, reported: set[int]):
    """Events of the rules described in the article's own words, given a date they do not have."""
    code = ctx.article.language
    for claim in ctx.event_claims:
        events = claim.events
        if claim.year is None:   # "le 18 juillet": the edition of the year the sentence speaks of
            interval, _ = ctx.when(claim.start)
            events = tuple(_editions(events, interval, None))
            if len(events) != 1:
                continue
        if claim.date_start in reported or any(_fits(ev, claim, claim.year or ev.start.year) for ev in events):
            continue
        reported.add(claim.date_start)
        event = min(events, key=lambda ev: abs(ev.start.year - (claim.year or ev.start.year)))
        said = ctx.article.text[claim.start:claim.end]
        written = ctx.article.text[claim.date_start:claim.date_end]
        expected = _as_written(event, claim, code)
        message = f"“{said} … {written}”: the rules date this {_describe(event, code)} ({event.id}), not {written}"
        evidence = (Evidence(event.where, f"{event.id}: {event.start.isoformat()} to {event.end.isoformat()} ({event.source})"),)
        yield ctx.finding(ID, claim.date_start, claim.date_end, message, DEFAULT, expected, evidence)


def check(ctx, options):
    reported: set[int] = set()
    for finding in _named(ctx):
        reported.add(finding[0])
        yield finding[1]
    yield from _claims(ctx, reported)


# complex by design (C901): the two ways a date is tied to an event's name (a written date, a relative day), each with its guards, in one loop over the mentions
def _named(ctx):  # noqa: C901
    """Events named as the rules name them, with the date written next to the name."""
    code = ctx.article.language
    for mention in ctx.events:
        if not mention.events:
            continue
        linked, kind = _linked(ctx, mention)
        if linked is None:
            continue
        interval, _ = ctx.when(mention.start)
        if kind == "relative":
            if ctx.date.source not in EXACT_SOURCES or interval is None:
                continue
            s, e = sentence_at(ctx.sentences, linked.start)
            first, last = resolve(linked, interval, is_future(ctx.article.prose[s:e], code))
            if first != last:
                continue
            editions = _editions(mention.events, interval, None)
            days = [first]
        else:
            if linked.day is None or linked.date(2000 if linked.month == 2 and linked.day == 29 else 2001) is None:
                continue   # an impossible date is invalid-date's
            editions = _editions(mention.events, interval, linked.year)
            if len(editions) != 1:
                continue
            days = _days(linked, editions[0].start.year)
        if len(editions) != 1 or any(d is None for d in days):
            continue
        event = editions[0]
        if all(event.start <= day <= event.end for day in days):
            continue
        written = ctx.article.text[linked.start:linked.end]
        expected = _describe(event, code)
        message = (f"“{mention.text} … {written}”: {mention.text} was on {expected} according to the rules, "
                   f"not on {days[0].isoformat()}")
        evidence = (Evidence(event.where, f"{event.id}: {event.start.isoformat()} to {event.end.isoformat()} ({event.source})"),)
        level = DEFAULT if kind == "date" else "relative"
        yield linked.start, ctx.finding(ID, linked.start, linked.end, message, level, expected, evidence)
