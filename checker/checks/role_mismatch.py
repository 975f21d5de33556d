"""A known person given the title of an office they never held.

## What it finds
A person of the rules named with the title of an office of the rules that the person never held,
when the rules show who did hold it at that time: "le secrétaire américain à la Défense Donald
Trump" in 2025 (the office was Pete Hegseth's), "Le secrétaire d'État américain Pete Hegseth".
Only titles that name one office by themselves ("chancelier allemand", "US Secretary of State",
"chef de la diplomatie américaine") are checked: a generic title ("président", "secrétaire d'État",
"ministre de la Défense", "Defense Secretary") is one that several countries have, even when the
rules know only one office of that title, and may be an office the rules do not know (see
docs/names-and-titles.md for how a title is told generic). For "ancien", "alors" and "former", the
rules must record the office's holders for at least 40 years before the date, so that an earlier
term cannot be missing from them.

## Why it matters
A title given to the wrong person (a defence secretary called foreign minister, a prime minister
called president) is a factual error that changes what the sentence says about power.

## Fails
```text
(article of June 2025) … a confirmé le secrétaire américain à la Défense Donald Trump.
```

## Passes
```text
(article of June 2025) … a confirmé le secrétaire américain à la Défense Pete Hegseth.
(article of June 2025) … a confirmé le président Donald Trump.
(article of June 2025) Le ministre de la Défense Pete Hegseth …   (a generic title)
```

## Options
None.
"""
from __future__ import annotations

import datetime as dt

from ..finding import Evidence, Severity
from ._titles import evidence, named_titles

ID = "role-mismatch"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
HISTORY_YEARS = 40


def check(ctx, options):
    base, lang = ctx.base, ctx.article.language
    for mention, resolution in named_titles(ctx):
        person = resolution.person
        if not resolution.exact or person.terms_of(mention.office_ids) or len(mention.office_ids) != 1:
            continue
        if not base.is_specific(lang, mention.text):
            continue
        office = next(iter(mention.office_ids))
        interval, how = ctx.when(mention.start)
        if interval is None:
            continue
        if mention.qualifier in ("former", "then"):
            first = min((t.start for t, _ in base.holders.get(office, ())), default=None)
            if first is None or first > interval[0] - dt.timedelta(days=365 * HISTORY_YEARS):
                continue
            holder_text = f"the rules record its holders since {first.isoformat()}"
            proof = (Evidence(base.office(office).where, f"{office}: holders recorded since {first.isoformat()}"),)
        else:
            held = base.holder_at(office, interval[0])
            if held is None:
                continue
            term, holder = held
            holder_text = f"{holder.name} held it at {how}"
            proof = evidence(holder, [term])
        own = _own_title(ctx, person, interval[0])
        message = f"{person.name} never held the office “{mention.text}” ({holder_text})"
        if own:
            message += f"; {person.name} was “{own}” then"
        start = min(mention.start, mention.name_span[0])
        end = max(mention.end, mention.name_span[1])
        yield ctx.finding(ID, start, end, message, SEVERITY, own, proof + evidence(person, person.terms))


def _own_title(ctx, person, day) -> str | None:
    """The person's own title at that date, in the article's language and the person's gender."""
    for term in person.terms:
        if term.covers(day):
            forms = [f.text for f in ctx.base.office(term.office).titles
                     if f.lang == ctx.article.language and f.gender in (person.gender, "n")]
            specific = [f for f in forms if ctx.base.is_specific(ctx.article.language, f)]
            return (specific or forms or [None])[0]
    return None
