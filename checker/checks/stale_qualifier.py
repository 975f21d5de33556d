"""“Nouveau”, “récemment devenu”, “new”, “newly appointed” long after the person took office.

## What it finds
A known person called new in an office (nouveau, nouvelle, nouvel, récemment nommé, récemment
devenu, fraîchement nommé, new, newly appointed, recently elected), before or after the title or in
apposition ("Keir Starmer, the new British Prime Minister,"), when, at the date the sentence speaks
of, the current term began more than `max_days` days earlier. A title without a name counts when it
names one office by itself ("le nouveau secrétaire général de l'OTAN") or the article names that
office unambiguously elsewhere; a generic title alone ("Le nouveau ministre de la Défense a
présenté la loi …") is no one country's office and passes.

## Why it matters
Wire copy and rewritten agency text keep "the new prime minister" long after it stopped being
true; readers take it as a sign that the article is old or careless.

## Fails
```text
(article of June 2025) Lors de son entretien avec le nouveau Premier ministre britannique Keir Starmer …
```

## Passes
```text
(article of August 2024) Lors de son entretien avec le nouveau Premier ministre britannique Keir Starmer …
(article of June 2025) Lors de son entretien avec le Premier ministre britannique Keir Starmer …
```

## Options
- `max_days` (integer, default 180): how many days after the start of a term "new" may still be used.
"""
from __future__ import annotations

from ..finding import Severity
from ._titles import evidence, in_office_throughout, named_titles, office_holders, qualifier_word, span, without_qualifier

ID = "stale-qualifier"
SEVERITY = Severity.WARNING
OPTIONS = {"max_days": (int, 180, "days after the start of a term during which “new” may be used")}


def check(ctx, options):
    limit = options["max_days"]
    for mention, resolution in named_titles(ctx):
        if mention.qualifier != "new":
            continue
        person = resolution.person
        terms = person.terms_of(mention.office_ids)
        interval, how = ctx.when(mention.start)
        if not terms or interval is None:
            continue
        current = in_office_throughout(terms, *interval)
        if current is not None:
            yield from _stale(ctx, mention, person, current, interval, how, limit, "")
    for mention, office, term, person, interval, how in office_holders(ctx):
        if mention.qualifier == "new":
            yield from _stale(ctx, mention, person, term, interval, how, limit, " (the holder of this office then)")


def _stale(ctx, mention, person, current, interval, how, limit, who):
    days = (interval[0] - current.start).days
    if days <= limit:
        return
    word = qualifier_word(ctx, mention)
    message = (f"“{word}” for {person.name}{who}, in this office since {current.start.isoformat()}: at least {days} days "
               f"before {how}; expected no “{word}” after {limit} days")
    start, end = span(mention)
    yield ctx.finding(ID, start, end, message, SEVERITY, without_qualifier(ctx, mention), evidence(person, [current]))
