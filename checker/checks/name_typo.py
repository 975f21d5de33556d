"""A name close to a known person or organisation but not one of its declared spellings.

## What it finds
- A person's name one keystroke away from a declared spelling ("Keir Stramer", "Olaf Scholtz"):
  a letter missing, extra, wrong or two letters swapped, in a name of two words or more; a single
  surname only when the same article also spells the person right.
- A first name that is not the person's, when a title says who is meant ("la chancelière Oprav
  Scholz" when Olaf Scholz held that office).
- An acronym in the wrong case ("NSatu" for NSATU) when the rules declare its exact case; declared
  forms pass ("Otan" when the rules list it).
- An organisation's name garbled after the words that introduce it ("la radio publique allemande
  Hessunder Pura Kun" for Hessischer Rundfunk), when the rules give those words.
Diacritics, case, hyphens and transliterations declared in the rules do not count: "Lech Walesa"
is an accepted variant of "Lech Wałęsa", "Zelenskyy" of "Zelensky" when both are declared.

## Why it matters
Misspelt names are the most frequent correction in news, and a spell checker does not know
people's names.

## Fails
```text
… au sein du Parti social-démocrate de la Chancelière Oprav Scholz.
… surnommée Aide à la sécurité et formation de l’OTAN pour l’Ukraine (NSatu) …
```

## Passes
```text
… du chancelier Olaf Scholz.   … (NSATU) …   Le chef de l’Otan …
Martin Schulz a déclaré …      (another person: not one keystroke from a full declared name)
```

## Fixes
An acronym in the wrong case with one declared form, and a name one keystroke from exactly one
declared spelling, carry a safe fix (`factlint check --fix`); a wrong first name or a garbled
organisation name carries a suggestion only, for a person to confirm.

## Options
None.
"""
from __future__ import annotations

from dataclasses import replace

import bisect

from rapidfuzz import fuzz

from ..extract.names import NameSpan
from ..finding import Evidence, Fix, Severity
from ..fold import fold, fold_name
from .. import patterns

_GAP = patterns.compile(r"\s*,?\s*")

ID = "name-typo"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
_ACRONYM = patterns.compile(r"(?<![\w-])\p{Lu}[\p{L}]{1,9}(?![\w-])")
MIN_TOKEN = 4
DESCRIPTION_SCORE = 50


def check(ctx, options):
    seen: set[tuple[int, int]] = set()
    for finding in (*_title_context(ctx), *_acronyms(ctx), *_near_misses(ctx), *_described(ctx)):
        key = (finding.location.line, finding.location.column)
        if key not in seen:
            seen.add(key)
            yield finding


def _evidence(ctx, where: str, text: str) -> tuple[Evidence, ...]:
    return (Evidence(where, text),)


def _with_fix(finding, start: int, end: int, replacement: str, safe: bool):
    return replace(finding, fix=Fix(start, end, replacement, safe))


def _title_context(ctx):
    for mention, resolution in ctx.people_titles:
        if not resolution.substituted:
            continue
        person = resolution.person
        start, end = mention.name_span
        message = (f"“{mention.name}” is not a spelling of {person.name}, whom the title “{mention.text}” "
                   f"designates; expected “{person.name}”")
        finding = ctx.finding(ID, start, end, message, SEVERITY, person.name,
                              _evidence(ctx, person.where, f"{person.name}: {', '.join(person.spellings)}"))
        yield _with_fix(finding, start, end, person.name, safe=False)


def _acronyms(ctx):
    base = ctx.base
    if not base.acronyms:
        return
    for m in _ACRONYM.finditer(ctx.article.prose):
        token = m.group()
        if token.isupper() or token[1:].islower():
            continue   # "NATO" or "Otan": only mixed case inside the word is suspicious
        forms = base.acronyms.get(fold(token))
        if not forms or token in base.exact_spellings:
            continue
        exact, org = forms[0]
        message = f"“{token}” is not written as declared for {org.name}; expected “{exact}”"
        finding = ctx.finding(ID, m.start(), m.end(), message, SEVERITY, exact,
                              _evidence(ctx, org.where, f"{org.name}: acronyms {', '.join(org.acronyms)}"))
        unambiguous = len({form for form, _ in forms}) == 1
        yield _with_fix(finding, m.start(), m.end(), exact, safe=unambiguous)


def _near_misses(ctx):
    base = ctx.base
    if not base.tokens:
        return
    spans = _without_titles(ctx, ctx.names)
    known_here = {e.id for s in spans for e in base.entities_named(s.text)}
    # a lone surname that ends a longer name in the article refers to that person ("Martin Schulz … Schulz")
    in_full_names = {t for s in spans for t in fold_name(s.text).split() if len(s.text.split()) > 1}
    for span in spans:
        if base.entities_named(span.text):
            continue
        tokens = fold_name(span.text).split()
        candidates = _one_keystroke_away(base, tokens, known_here, in_full_names)
        if not candidates:
            continue
        entity, spelling, candidate = candidates[0]
        message = f"“{span.text}” is one letter away from {entity.name}; expected “{spelling}”"
        finding = ctx.finding(ID, span.start, span.end, message, SEVERITY, spelling,
                              _evidence(ctx, entity.where, f"{entity.name}"))
        written = ctx.article.text[span.start:span.end]
        safe = (len({s for _, s, _ in candidates}) == 1 and fold_name(spelling) == candidate
                and _one_word_differs(written, spelling))
        yield _with_fix(finding, span.start, span.end, spelling, safe)


def _without_titles(ctx, spans):
    """Capitalised titles are not part of the name: "British Prime Minister Keir Stramer" → "Keir Stramer"."""
    titles = sorted((m.start, m.end) for m in ctx.titles + ctx.generic_titles)
    starts = [t for t, _ in titles]
    out = []
    for span in spans:
        start = span.start
        for t_start, t_end in titles[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]:
            if start <= t_start and t_end <= span.end:
                start = t_end
        while start < span.end and ctx.article.prose[start].isspace():
            start += 1
        if start == span.start:
            out.append(span)
        elif start < span.end:
            out.append(NameSpan(start, span.end, ctx.article.prose[start:span.end], False))
    return out


def _one_keystroke_away(base, tokens, known_here, in_full_names):
    """(entity, declared spelling, folded spelling) for the span with one token one keystroke off, best first."""
    for i, token in enumerate(tokens):
        found = []
        if token in base.tokens or len(token) < MIN_TOKEN or (len(tokens) == 1 and token in in_full_names):
            continue
        for near in base.near_tokens(token):
            candidate = " ".join(tokens[:i] + [near] + tokens[i + 1:])
            entities = base.spellings.get(candidate, [])
            if len(entities) != 1:
                continue
            if len(tokens) == 1 and entities[0].id not in known_here:
                continue   # a lone surname: only when the article also names the entity right
            found.append((entities[0], _declared(base, entities[0], candidate), candidate))
        if found:
            return found
    return []


def _one_word_differs(written: str, spelling: str) -> bool:
    """True when replacing written by spelling changes one word and keeps the others exactly."""
    a, b = written.split(), spelling.split()
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _declared(base, entity, folded: str) -> str:
    rules = base.rules
    source = rules.people.get(entity.id) if entity.kind == "person" else rules.organisations.get(entity.id)
    for spelling in source.spellings:
        if fold_name(spelling) == folded:
            return spelling
    return entity.name


def _described(ctx):
    found = ctx.base.find("description", ctx.article.language, ctx.folded, ctx.tokens)
    if not found:
        return
    names = {s.start: s for s in ctx.names}
    prose = ctx.article.prose
    for m_start, m_end in found:
        gap = _GAP.match(prose, m_end, m_end + 300)
        span = names.get(gap.end())
        if span is None or ctx.base.entities_named(span.text):
            continue
        described = prose[m_start:m_end]
        orgs = ctx.base.organisations_described(ctx.article.language, described)
        written = fold_name(span.text).replace(" ", "")
        scored = []
        for org in orgs:
            best = max(org.spellings, key=lambda s: fuzz.ratio(written, fold_name(s).replace(" ", "")))
            scored.append((fuzz.ratio(written, fold_name(best).replace(" ", "")), best, org))
        scored.sort(key=lambda x: -x[0])
        if not scored:
            continue
        score, best, org = scored[0]
        if score < DESCRIPTION_SCORE or fold(best)[0] != written[0] or (len(scored) > 1 and scored[1][0] > score - 10):
            continue
        message = (f"“{span.text}” after “{described}” is not a known spelling; expected “{org.name}” "
                   f"(similarity {score:.0f} %)")
        finding = ctx.finding(ID, span.start, span.end, message, SEVERITY, org.name,
                              _evidence(ctx, org.where, f"{org.name}: {', '.join(org.descriptions.get(ctx.article.language, ()))}"))
        yield _with_fix(finding, span.start, span.end, org.name, safe=False)
