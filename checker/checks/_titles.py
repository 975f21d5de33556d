"""Shared reasoning of the title checks: terms at a date, evidence, and the mention's text span."""
from __future__ import annotations

import datetime as dt

from ..facts.model import Person, Term
from ..finding import Evidence


def in_office_throughout(terms, a: dt.date, b: dt.date) -> Term | None:
    return next((t for t in terms if t.start <= a and b < t.last_day), None)


def out_of_office_throughout(terms, a: dt.date, b: dt.date) -> bool:
    return all(t.last_day <= a or t.start > b for t in terms)


def runs(terms) -> list[tuple[dt.date, dt.date | None, list]]:
    """Consecutive terms merged (a re-election is one run): (start, end or None, terms)."""
    merged: list[tuple[dt.date, dt.date | None, list]] = []
    for term in sorted(terms, key=lambda t: t.start):
        if merged and merged[-1][1] is not None and merged[-1][1] >= term.start:
            start, end, parts = merged[-1]
            merged[-1] = (start, None if term.end is None else max(end, term.end), parts + [term])
        else:
            merged.append((term.start, term.end, [term]))
    return merged


def evidence(person: Person, terms) -> tuple[Evidence, ...]:
    return tuple(Evidence(t.where, f"{person.name}: {t.office} {t.describe()}") for t in terms)


def named_titles(ctx):
    """(mention, resolution) for titles given to a known person, outside quotations (the speaker's words)."""
    for mention, resolution in ctx.people_titles:
        if not ctx.in_quote(mention.start):
            yield mention, resolution


def office_holders(ctx):
    """(mention, office, term, person) for titles without a name whose office the article makes clear,
    outside quotations, when one person holds that office over all the dates the sentence may speak of."""
    for mention, office in ctx.office_titles:
        if ctx.in_quote(mention.start):
            continue
        interval, how = ctx.when(mention.start)
        if interval is None or not ctx.base.office(office).single_holder:
            continue
        first, last = ctx.base.holder_at(office, interval[0]), ctx.base.holder_at(office, interval[1])
        if first and last and first[1].id == last[1].id and first[0] == last[0]:
            yield mention, office, first[0], first[1], interval, how


def span(mention) -> tuple[int, int]:
    """From the qualifier (or title) to the end of the name, whichever order they come in."""
    points = [mention.start, mention.end]
    if mention.qualifier_span:
        points += list(mention.qualifier_span)
    if mention.name_span:
        points += list(mention.name_span)
    return min(points), max(points)


def without_qualifier(ctx, mention) -> str | None:
    """The mention's text with its qualifier removed ("l'ancien président X" → "le président X")."""
    if not mention.qualifier_span:
        return None
    start, end = span(mention)
    text = ctx.article.text
    q_start, q_end = mention.qualifier_span
    head, tail = text[start:q_start], text[q_end:end]
    tail = tail.lstrip(" -")
    # an elided determiner before the qualifier ("l'ancien") takes the title's own form
    before = text[max(0, start - 2):start]
    if before in ("l'", "l’") and tail:
        start -= 2
        first = tail[0].lower()
        det = "l’" if first in "aeiouyéèêh" else ("la " if mention.determiner_gender == "f" else "le ")
        head = det if before == "l’" or det != "l’" else "l'"
    return text[start:start] + (head + tail).strip() if head else tail.strip()


def qualifier_word(ctx, mention) -> str:
    if not mention.qualifier_span:
        return ""
    return ctx.article.text[mention.qualifier_span[0]:mention.qualifier_span[1]]
