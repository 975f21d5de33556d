"""A title or qualifier that contradicts who held the office at the time the sentence speaks of.

## What it finds
A known person given an office title with a qualifier that the rules' terms contradict at the date
the sentence speaks of: "ancien", "ex-", "précédent", "former" while the person is in office;
"futur", "élu", "désigné", "elect", "incoming" once the term has begun; "alors", "then" for an office
the person only took later; a bare title (or "sortant", "outgoing", "nouveau") while the person is out of
office. The date is the article's (see `factlint check` for how it is established) unless the sentence
anchors itself ("En 2018, …", "le 3 mars 2018, …"). Terms that are not consecutive (Trump 2017–2021 and
2025–) are handled: "ancien président" is right in 2023 and wrong in 2025.

## Why it matters
"Former" for a sitting head of government is one of the most common corrections newsrooms publish,
and no spell checker can see it: the words are right, the time is wrong.

## Fails
```text
(article of June 2025) … alors que l'ancien président américain Donald Trump exige désormais …
```

## Passes
```text
(article of June 2025) … le président américain Donald Trump exige désormais …
(article of 2023) … l'ancien président américain Donald Trump …
En 2018, le président américain Donald Trump a quitté l'accord.
```

## Options
None. A person the rules never give that office is left to `role-mismatch`; an article whose date
is unknown is not checked (see `unknown-date`).
"""
from __future__ import annotations

from ..finding import Severity
from ._titles import named_titles, evidence, in_office_throughout, out_of_office_throughout, qualifier_word, span, without_qualifier

ID = "anachronistic-title"
SEVERITY = Severity.ERROR
OPTIONS: dict = {}


def check(ctx, options):
    for mention, resolution in named_titles(ctx):
        person = resolution.person
        terms = person.terms_of(mention.office_ids)
        if not terms:
            continue
        interval, how = ctx.when(mention.start)
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
        elif out_of_office_throughout(terms, a, b):
            # bare title, "nouveau", "sortant": the person should be in office
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
    return "ancien" if ctx.article.language == "fr" else "former"
