"""A title or qualifier that contradicts who held the office at the time the sentence speaks of.

## What it finds
A known person given an office title with a qualifier that the rules' terms contradict at the date
the sentence speaks of: "ancien", "ex-", "précédent", "former" while the person is in office;
"futur", "élu", "désigné", "elect", "incoming" once the term has begun; "alors", "then" for an office
the person only took later; a bare title (or "sortant", "outgoing", "nouveau") while the person is out of
office. The date is the article's (see `factlint check` for how it is established) unless the sentence
anchors itself ("En 2018, …", "le 3 mars 2018, …", "in July 1949", "50 years ago", "il y a 50 ans").
A bare title is historical, and not flagged, when the text dates it to a time the person held the
office: a clause after the name ("President Truman, under whom NATO was founded", `historical_clauses`
in the language files), or a date, year, span of years or "N years ago" in the sentence or the next
("… NATO 50 years ago", "… founded. On April 4, 1949, …"). Terms that are not consecutive (Trump
2017–2021 and 2025–) are handled: "ancien président" is right in 2023 and wrong in 2025.

## Why it matters
"Former" for a sitting head of government is one of the most common corrections newsrooms publish,
and no spell checker can see it: the words are right, the time is wrong.

## Fails
```text
(article of June 2025) … alors que l'ancien président américain Donald Trump exige désormais …
Rutte, qui a été Premier ministre néerlandais de 2012 à 2024, a déclaré …
```

## Passes
```text
Rutte, qui a été Premier ministre néerlandais de 2010 à 2024, a déclaré …
(article of June 2025) … le président américain Donald Trump exige désormais …
(article of 2023) … l'ancien président américain Donald Trump …
En 2018, le président américain Donald Trump a quitté l'accord.
(article of 1999) … the announcement by President Truman of the creation of NATO 50 years ago.
```

It also checks the dates of a role written after the title or the name: "secrétaire général
depuis 2022" or "depuis octobre 2023" when the term began on 1 October 2024 (a month either side is
allowed when the month is written), "Premier ministre de 2012 à 2024" when it was 2010–2024
(re-elections count as one run of terms); and a tenure written without a title ("Mark Rutte, en
poste depuis octobre 2023", "who has led NATO since 2022", `tenure_cues` in the language files),
against the run of terms the person is in at the time.

## Options
None. A person the rules never give that office is left to `role-mismatch`; an article whose date
is unknown is not checked for qualifiers (see `unknown-date`), but its role dates are.
"""
from __future__ import annotations

import datetime as dt

from .. import lang as language
from ..extract.roles import role_dates_at, tenure_cues
from ..finding import Severity
from ._titles import named_titles, evidence, historical, runs, in_office_throughout, out_of_office_throughout, qualifier_word, span, without_qualifier

ID = "anachronistic-title"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}
OUTGOING_GRACE = dt.timedelta(days=7)


def check(ctx, options):
    yield from _tenures(ctx)
    for mention, resolution in named_titles(ctx):
        person = resolution.person
        terms = person.terms_of(mention.office_ids)
        if not terms:
            continue
        written = _written_role_dates(ctx, mention)
        if written:
            yield from _role_dates(ctx, mention.start, person, terms, written)
            if written.since is None:
                continue   # "président de 2009 à 2017": the title speaks of those years, not of the article's
        interval, how = ctx.when(mention.start)
        if written:   # "secrétaire général depuis octobre 2023": the title speaks of now, not of its first day
            interval, how = ctx.article_time(mention.start)
        if interval is None:
            continue
        a, b = interval
        qualifier = mention.qualifier
        word = qualifier_word(ctx, mention)
        problem, severity, suggestion = None, SEVERITY, None
        if qualifier == "former":
            current = in_office_throughout(terms, a, b)
            if current:
                problem = (f"“{word}” for {person.name}, who holds this office at {how} "
                           f"(term {current.describe()}); expected no “{word}”")
                suggestion = without_qualifier(ctx, mention)
            elif all(t.start > b for t in terms):
                first = min(t.start for t in terms)
                problem = f"“{word}” for {person.name}, who only takes this office on {first.isoformat()}, after {how}"
        elif qualifier == "future":
            current = in_office_throughout(terms, a, b)
            if current and current.start < a:
                problem = (f"“{word}” for {person.name}, who already holds this office at {how} "
                           f"(term {current.describe()}); expected no “{word}”")
                suggestion = without_qualifier(ctx, mention)
            elif all(t.last_day <= a for t in terms):
                last = max(t.last_day for t in terms)
                problem = f"“{word}” for {person.name}, who left this office on {last.isoformat()}, before {how}"
        elif qualifier == "then":
            if all(t.start > b for t in terms):
                first = min(t.start for t in terms)
                problem = f"“{word}” for {person.name}, who only takes this office on {first.isoformat()}, after {how}"
        elif qualifier == "outgoing" and any(a <= t.last_day <= b + OUTGOING_GRACE for t in terms):
            pass   # "outgoing" stays right for the days around the hand-over
        elif out_of_office_throughout(terms, a, b) and not historical(ctx, mention, terms):
            # bare title, "nouveau", "sortant": the person should be in office, unless the text dates the title
            severity = Severity.WARNING if qualifier is None else Severity.ERROR
            past = [t for t in terms if t.last_day <= a]
            held = "; ".join(t.describe() for t in terms)
            if past and qualifier is None:
                problem = (f"{person.name} does not hold this office at {how} (terms: {held}); "
                           f"expected a qualifier such as “{_former_word(ctx)}”")
            else:
                problem = f"{person.name} does not hold this office at {how} (terms: {held})"
        if problem:
            start, end = span(mention)
            yield ctx.finding(ID, start, end, problem, severity, suggestion, evidence(person, terms))


def _former_word(ctx) -> str:
    return language.load(ctx.article.language)["qualifiers_before"]["former"][0]


def _written_role_dates(ctx, mention):
    after = [mention.end] + ([mention.name_span[1]] if mention.name_span and mention.name_span[1] > mention.end else [])
    if mention.qualifier_span and mention.qualifier_span[1] > mention.end:
        after.append(mention.qualifier_span[1])
    for offset in after:
        written = role_dates_at(ctx.article.prose, offset, ctx.article.language)
        if written:
            return written
    return None


def _tenures(ctx):
    """"Mark Rutte, en poste depuis octobre 2023", "who has led NATO since …": a known person's tenure without a
    title, against the run of terms the person is in at the time (when it is of one office)."""
    base, code, prose = ctx.base, ctx.article.language, ctx.article.prose
    cues = tenure_cues(prose, code)
    if not cues:
        return
    names = {span.end: span for span in ctx.names}
    for cue_start, cue_end in cues:
        span = names.get(cue_start)
        if span is None or ctx.in_quote(span.start):
            continue
        people = base.people_named(span.text)
        written = role_dates_at(prose, cue_end, code)
        if len(people) == 1 and people[0].terms and written is not None and written.since is not None:
            yield from _role_dates(ctx, span.start, people[0], people[0].terms, written)


def _role_dates(ctx, offset, person, terms, written):
    """"depuis 2022", "de 2012 à 2024" after the title or the name, against the person's runs of terms."""
    spans = runs(terms)
    text = ctx.article.text[written.start:written.end]
    if written.since is not None:
        interval, _ = ctx.when(offset)
        day = interval[0] if interval else None
        current = [r for r in spans if day and r[0] <= day and (r[1] is None or day < r[1])] or \
                  [r for r in spans if r[1] is None]
        if len(current) != 1 or len({t.office for t in current[0][2]}) != 1:
            return
        start = current[0][0]
        if written.since_month is None:
            if start.year == written.since:
                return
            suggestion = str(start.year)
        else:   # "depuis octobre 2023": a month either side is the gap between a nomination and taking office
            if abs(start.year * 12 + start.month - written.since * 12 - written.since_month) <= 1:
                return
            suggestion = _month_year(ctx, text, start)
        message = f"{person.name} holds this office since {start.isoformat()}, not since {text}"
        yield ctx.finding(ID, written.start, written.end, message, SEVERITY, suggestion, evidence(person, current[0][2]))
        return
    if any(r[0].year == written.first and r[1] and r[1].year == written.last for r in spans):
        return
    near = [r for r in spans if r[0].year == written.first or (r[1] and r[1].year == written.last)]
    if len(near) != 1 or near[0][1] is None:
        return
    start, end, parts = near[0]
    held = f"{start.year}–{end.year}"
    message = f"{person.name} held this office from {start.isoformat()} to {end.isoformat()}, not {written.first}–{written.last}"
    suggestion = text.replace(str(written.first), str(start.year)).replace(str(written.last), str(end.year))
    yield ctx.finding(ID, written.start, written.end, message, SEVERITY, suggestion if suggestion != text else held,
                      evidence(person, parts))


def _month_year(ctx, written: str, start: dt.date) -> str:
    """The month and year of `start` as the text writes them ("octobre 2024", "October 2024")."""
    months = language.load(ctx.article.language)["months"]
    name = next(word for word, number in months.items() if number == start.month)
    if written[:1].isupper():
        name = name[0].upper() + name[1:]
    return f"{name} {start.year}"
