"""Shared reasoning of the title checks: terms at a date, evidence, and the mention's text span."""
from __future__ import annotations

import bisect
import datetime as dt
import re

from .. import lang as language
from ..extract.roles import year_ranges
from ..extract.titles import historical_clause_at
from ..facts.model import Person, Term
from ..finding import Evidence

_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")


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


def historical(ctx, mention, terms) -> bool:
    """Does the text date the title to a time the person held the office, whatever the article's date: a clause
    after the name ("President Truman, under whom NATO was founded"), or a time named in the sentence or the
    next ("… NATO 50 years ago", "… in July 1949", "… founded. On April 4, 1949, …", "de 2010 à 2024")?"""
    end = max(mention.end, mention.name_span[1] if mention.name_span else mention.end)
    if historical_clause_at(ctx.article.prose, end, ctx.article.language):
        return True
    spans = ctx.sentences
    index = bisect.bisect_right(spans, (mention.start, float("inf"))) - 1
    if index < 0:
        return False
    start, end = spans[index][0], spans[min(index + 1, len(spans) - 1)][1]
    intervals = ctx.anchor_intervals(start, end) + [
        (dt.date(first, 1, 1), dt.date(last, 12, 31))   # "Premier ministre pendant quatorze ans, de 2010 à 2024"
        for first, last in year_ranges(ctx.article.prose, ctx.article.language, start, end)]
    return any(t.start <= b and a < t.last_day for a, b in intervals for t in terms)


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
    """The mention's text with its qualifier removed: "l'ancien président X" → "le président X", "Donald Trump,
    l'ancien président" → "Donald Trump, le président", "President-elect Joe Biden" → "President Joe Biden",
    "Premier ministre fraîchement nommé, Keir Starmer" → "Premier ministre, Keir Starmer"."""
    if not mention.qualifier_span:
        return None
    start, end = span(mention)
    text = ctx.article.text
    q_start, q_end = mention.qualifier_span
    head, tail = text[start:q_start], text[q_end:end].lstrip(" -")
    determiners = language.load(ctx.article.language)["determiners"]
    elided = next((head[-len(e):] for e in determiners["elided"] if head.lower().endswith(e)), None)
    if elided:
        head = head[:-len(elided)]
    else:   # the span starts at the qualifier
        elided = next((text[start - len(e):start] for e in determiners["elided"]
                       if not head and text[max(0, start - len(e)):start].lower() == e), None)
    head = head.rstrip("-")
    if not head and not elided:   # "Fraîchement nommé, le chancelier X" → "Le chancelier X"
        tail = tail.lstrip(" ,")
        if text[q_start:q_start + 1].isupper():
            tail = tail[:1].upper() + tail[1:]
    if elided and tail:   # the title's own determiner now that the qualifier is gone
        genders = {f.gender for f, _ in mention.forms}
        feminine = mention.determiner_gender == "f" or genders == {"f"}
        letters = language.load(ctx.article.language)["elision_letters"]
        det = elided if tail[0].lower() in letters else determiners["f" if feminine else "m"][0] + " "
        head += det.capitalize() if elided[0].isupper() else det   # "L'ex-chef …" → "Le chef …"
    joined = head + (" " if head and head[-1] not in " '’" and tail[:1].isalnum() else "") + tail
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(joined.split()))


def qualifier_word(ctx, mention) -> str:
    if not mention.qualifier_span:
        return ""
    return ctx.article.text[mention.qualifier_span[0]:mention.qualifier_span[1]]
