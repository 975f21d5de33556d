"""A gendered title form that does not match the person it names.

## What it finds
A known person of the rules (with a `gender`) given a title form of the other gender: "la
chancelière Olaf Scholz", "le secrétaire générale …"; for a title whose form fits both genders
("ministre", "secrétaire d'État"), the determiner decides ("la ministre Pete Hegseth").

## Why it matters
A wrong gender on a title is a visible slip that readers notice at once, and often the trace of a
name that was changed in the copy without its title.

## Fails
```text
… au sein du Parti social-démocrate de la Chancelière Olaf Scholz.
```

## Passes
```text
… au sein du Parti social-démocrate du chancelier Olaf Scholz.
… la ministre Annalena Baerbock (a woman: the feminine form is right).
```

## Options
None. People whose gender the rules do not give (`x`) are not checked.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from ..finding import Severity
from ._titles import evidence

ID = "title-gender"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
_WORDS = {"m": "masculine", "f": "feminine"}


def check(ctx, options):
    for mention, resolution in ctx.people_titles:
        person = resolution.person
        if person.gender not in ("m", "f"):
            continue
        held = {t.office for t in person.terms}
        forms = [(f, o) for f, o in mention.forms if o in held] or list(mention.forms)
        genders = {f.gender for f, _ in forms}
        written = genders.pop() if len(genders) == 1 else None
        if written == "n":
            written = mention.determiner_gender
        if written is None or written == person.gender:
            continue
        office_ids = {o for _, o in forms}
        right = [f.text for f in ctx.base.rules.offices[next(iter(office_ids))].titles
                 if f.lang == ctx.article.language and f.gender in (person.gender, "n")] if len(office_ids) == 1 else []
        suggestion = None
        if right and genders != {"n"}:
            best = max(right, key=lambda t: fuzz.ratio(t.lower(), mention.text.lower()))
            suggestion = best[0].upper() + best[1:] if mention.text[:1].isupper() else best
        message = (f"“{mention.text}” is {_WORDS[written]} but {person.name} is {_WORDS[person.gender]} "
                   f"(gender {person.gender} in the rules)")
        if suggestion:
            message += f"; expected “{suggestion}”"
        terms = person.terms_of(office_ids)
        yield ctx.finding(ID, mention.start, mention.end, message, SEVERITY, suggestion,
                          evidence(person, terms) or ())
