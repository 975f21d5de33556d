"""A name close to a known person or organisation but not one of its declared spellings.

## What it finds
- A person's name one keystroke away from a declared spelling ("Keir Stramer", "Olaf Scholtz"):
  a letter missing, extra, wrong or two letters swapped, in a name of two words or more; or with a
  doubled letter moved ("José Manuel Barosso", "Anders Fogh Rassmusen"), a suggestion only.
- A lone surname, or a surname with an initial ("Stramer", "B. Obma"), when something says who it
  is: the article spells the person right elsewhere, and the slipped word is one keystroke from a word
  the article writes for them (a lone word that opens a sentence or a quotation may be any word of
  the language, and is not taken for a surname on that alone); or a title before it designates someone who
  held that office at the time the sentence speaks of ("le président Oama" in 2013, "President
  Clniton" in 1998: "Clinton" is also a Vice President of 1805, but not a President); or a word
  that introduces a person's name ("le gouvernement Ayrualt", "the Oama administration",
  `person_cues_before` / `person_cues_after` in the language files). The suggestion keeps the
  text's form: "Obama" for "Oama", "B. Obama" for "B. Obma".
- A first name that is not the person's, when a title says who is meant ("la chancelière Oprav
  Scholz" when Olaf Scholz held that office).
- An acronym in the wrong case ("NSatu" for NSATU) when the rules declare its exact case, or with
  two adjacent letters swapped, written once: "OTNA" for OTAN (four letters or more), "l'FAP" for
  AFP when the article also names the organisation (its acronym, its name or the words that describe
  it: three-letter acronyms one swap apart are too often others, PSD, SDP); declared forms pass
  ("Otan" when the rules list it), and so does any acronym the rules declare.
- An organisation's name garbled after the words that introduce it ("la radio publique allemande
  Hessunder Pura Kun" for Hessischer Rundfunk), when the rules give those words.
Diacritics, case, hyphens, the dots and spaces of initials ("JD Vance", "J. D. Vance" for "J.D.
Vance") and accepted transliterations ("Schroeder" for "Schröder": ä, ö, ü, ß, å, ø as ae, oe, ue,
ss, aa, oe) do not count, nor do the declared `aliases` and `variants` ("Zelenskyy" of "Zelensky").
A title in capitals is not part of the name ("U.S. President Bill Clniton", "Secretary of State
James Baekr"), nor is a weekday after it ("Bill Clinton Saturday vowed").

## Why it matters
Misspelt names are the most frequent correction in news, and a spell checker does not know
people's names.

## Fails
```text
… au sein du Parti social-démocrate de la Chancelière Oprav Scholz.
… surnommée Aide à la sécurité et formation de l’OTAN pour l’Ukraine (NSatu) …
(2013) Le président Oama a reçu les alliés.   Le gouvernement Ayrualt a présenté son budget.
Selon l'AFP, … Le chiffre a été donné à l'FAP.
```

## Passes
```text
… du chancelier Olaf Scholz.   … (NSATU) …   Le chef de l’Otan …
Martin Schulz a déclaré …      (another person: not one keystroke from a full declared name)
(2020) Le président Oama a reçu les alliés.   (no president of 2020 is one keystroke away)
Vice President JD Vance …      Le chancelier Gerhard Schroeder …
Joe Biden a atterri à Paris. Bien entendu, la foule l'attendait.   (a sentence's first word)
```

## Fixes
An acronym in the wrong case with one declared form, and a name one keystroke from exactly one
declared spelling, carry a safe fix (`factlint check --fix`); a wrong first name, a doubled letter
moved, swapped letters in an acronym or a garbled organisation name carry a suggestion only, for a
person to confirm.

## Options
None.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace

import bisect

from rapidfuzz import fuzz

from ..extract.names import NameSpan
from ..extract.sentences import sentence_at
from ..facts.factbase import doubling_moved
from ..finding import DEFAULT, Evidence, Fix, Severity, levels
from ..fold import fold, fold_name
from .. import patterns
from ._near import after_person_cue, is_person, may_be_near, near_spellings, title_allows

_GAP = patterns.compile(r"\s*,?\s*")

ID = "name-typo"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}
_ACRONYM = patterns.compile(r"(?<![\w-])\p{Lu}[\p{L}]{1,9}(?![\w-])")
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
        finding = ctx.finding(ID, start, end, message, DEFAULT, person.name,
                              _evidence(ctx, person.where, f"{person.name}: {', '.join(person.spellings)}"))
        yield _with_fix(finding, start, end, person.name, safe=False)


def _acronyms(ctx):
    base = ctx.base
    if not base.acronyms:
        return
    # most articles: their acronyms are written as declared, and their capitalised words are no acronyms (each
    # capitalised word is asked once: names and sentence openers come back)
    if not any(_may_report(base, token) for token in set(_ACRONYM.findall(ctx.article.prose))):
        return
    written = [(m.start(), m.end(), m.group()) for m in _ACRONYM.finditer(ctx.article.prose)]
    uses = Counter(token for _, _, token in written)

    @functools.lru_cache(maxsize=1)
    def names_right() -> frozenset[str]:
        """The organisations the article names right (an acronym as declared, a name, the words that describe
        it): asked only when a three-letter acronym has letters swapped."""
        described = base.find("description", ctx.article.language, ctx.folded, ctx.tokens)
        return frozenset(
            [org.id for _, _, token in written if token in base.exact_spellings
             for _, org in base.acronyms.get(fold(token), ())]
            + [e.id for s in ctx.names for e in base.entities_named(s.text) if e.kind == "organisation"]
            + [org.id for a, b in described
               for org in base.organisations_described(ctx.article.language, ctx.article.prose[a:b])])
    for start, end, token in written:
        if token.isupper():
            forms = [] if uses[token] > 1 or base.acronyms.get(fold(token)) or base.entities_named(token) \
                else _swapped(base, token, names_right)
            what = "has two letters swapped"
            if len({org.id for _, org in forms}) != 1:
                continue   # "FAP" for AFP, once, in an article that names AFP: a slip of the keys
        elif token[1:].islower():
            continue   # "Otan": a declared spelling, or a word
        else:
            forms = base.acronyms.get(fold(token))
            what = "is not written as declared"
            if not forms or token in base.exact_spellings:
                continue
        exact, org = forms[0]
        message = f"“{token}” {what} for {org.name}; expected “{exact}”"
        finding = ctx.finding(ID, start, end, message, DEFAULT, exact,
                              _evidence(ctx, org.where, f"{org.name}: acronyms {', '.join(org.acronyms)}"))
        unambiguous = len({form for form, _ in forms}) == 1
        yield _with_fix(finding, start, end, exact, safe=unambiguous and what != "has two letters swapped")


def _may_report(base, token: str) -> bool:
    """Whether _acronyms may report the token, told without the article's other words: written with capitals
    beyond the first and not as declared, it must be an acronym of the rules in other capitals; all in capitals
    and no acronym itself, it must hold the letters of one (two of them swapped). Most tokens are neither."""
    if token[1:].islower():
        return False
    folded = fold(token)
    if token.isupper():
        return folded not in base.acronyms and "".join(sorted(folded)) in _acronym_letters(base)
    return folded in base.acronyms and token not in base.exact_spellings


@functools.lru_cache(maxsize=2)
def _acronym_letters(base) -> frozenset[str]:
    """The letters of each declared acronym, sorted: what a swap of two of them keeps."""
    return frozenset("".join(sorted(acronym)) for acronym in base.acronyms)


def _swapped(base, token: str, named) -> list:
    """The declared acronyms that `token` writes with two adjacent letters swapped ("FAP" for "AFP", "OTNA" for
    "OTAN"): of three letters, only an organisation the article names (too many other acronyms are three
    letters one swap apart: PSD, SDP, SPD); of four letters or more, any."""
    if len(token) < 3:
        return []
    folded = fold(token)
    found = []
    for i in range(len(folded) - 1):
        swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2:]
        found += [(exact, org) for exact, org in base.acronyms.get(swapped, ())
                  if exact.isupper() and (len(token) > 3 or org.id in named())]
    return found


def _near_misses(ctx):
    base = ctx.base
    if not base.tokens:
        return
    spans = _without_titles(ctx, ctx.names)
    named = {text: base.entities_named(text) for text in {s.text for s in spans}}   # a name is often written several times
    known_here: dict[str, set[str]] = {}   # the people and organisations the article names right → the words it writes
    for text, entities in named.items():
        for entity in entities:
            known_here.setdefault(entity.id, set()).update(fold_name(text).split())
    # a lone surname that ends a longer name in the article refers to that person ("Martin Schulz … Schulz")
    in_full_names = frozenset(t for s in spans if len(s.text.split()) > 1 for t in fold_name(s.text).split())
    titled = {m.name_span[0]: m for m in ctx.titles if m.name_span}
    for span in spans:
        if named[span.text]:
            continue
        tokens = fold_name(span.text).split()
        mention = titled.get(span.start)
        skip = in_full_names if len(tokens) == 1 else frozenset()
        shortest = 3 if mention is not None else None   # "Chancellor Khl"
        if not may_be_near(base, tokens, skip, shortest):
            continue
        candidates = near_spellings(base, tokens, *_lazy_who(ctx, span, tokens, mention, known_here),
                                    skip=skip, shortest=shortest)
        if not candidates:
            continue
        entity, spelling, candidate = candidates[0]
        moved = any(doubling_moved(a, b) for a, b in zip(tokens, candidate.split()))
        how = "has a doubled letter moved from" if moved else "is one letter away from"
        message = f"“{span.text}” {how} {entity.name}; expected “{spelling}”"
        finding = ctx.finding(ID, span.start, span.end, message, DEFAULT, spelling,
                              _evidence(ctx, entity.where, f"{entity.name}"))
        written = ctx.article.text[span.start:span.end]
        safe = (not moved and len({s for _, s, _ in candidates}) == 1 and fold_name(spelling) == candidate
                and _one_word_differs(written, spelling))
        yield _with_fix(finding, span.start, span.end, spelling, safe)


def _lazy_who(ctx, span, tokens, mention, known_here):
    """_who's (allowed, prefer), worked out when near_spellings first asks about an entity: most names have no
    declared spelling one keystroke away, and it is never asked. A prefer of None keeps every entity."""
    who: list = []

    def get():
        if not who:
            who.extend(_who(ctx, span, tokens, mention, known_here))
        return who
    return (lambda e, near: get()[0](e, near)), (lambda e: get()[1] is None or get()[1](e))


def _who(ctx, span, tokens, mention, known_here):
    """(allowed, prefer): whom a misspelt name may stand for, and whom to keep when several remain. A full name
    stands for itself; a lone surname or an initial ("Stramer", "B. Obma") for someone the title before it
    designates ("le président Oama": who held the office then), or a word that introduces a person ("le
    gouvernement Ayrualt"), or the article names right elsewhere. That last says only which words the article
    writes for them: the misspelt one must be one keystroke from one of those ("Poutne" when the article
    writes "Poutine", not "Putain" for the alias "Putin"), and a lone word whose capital comes from its place,
    the first of a sentence or a quotation, may be any word of the language ("« Putain, quelle chaleur ! »",
    "More than 200 people" beside Al Gore): alone, it stands for nobody."""
    here = lambda e: e.id in known_here   # noqa: E731
    by_title = title_allows(ctx, mention) if mention is not None else None
    partial = len(tokens) == 1 or any(len(t) == 1 for t in tokens)
    if not partial:
        return (lambda e, near: True), by_title or here
    if len(tokens) == 1 and _capitalised_by_place(ctx, span.start):
        written = lambda e, near: False   # noqa: E731
    else:
        written = lambda e, near: near in known_here.get(e.id, ())   # noqa: E731
    if by_title is not None:
        return (lambda e, near: by_title(e) or written(e, near)), by_title
    if after_person_cue(ctx, span.start, span.end):
        return is_person(ctx.base), here
    return written, None


_OPENING = "«“‹‘(["
_QUOTATION = "«“‹‘\""
_ENDS = ".!?…»”\"')]"


def _capitalised_by_place(ctx, start: int) -> bool:
    """Does the word at `start` open a sentence or a quotation (its capital says nothing of a name)? Not after a
    line break that only wraps a sentence, nor after an abbreviation ("Mr. Regan"): a sentence must end there."""
    prose = ctx.article.prose
    at, stop = start, max(0, start - 80)   # bounded: blanked markup can leave long runs of spaces
    while at > stop:
        c = prose[at - 1]
        if not (c.isspace() or c in _OPENING or c == '"' and (at == 1 or prose[at - 2].isspace())):
            break
        at -= 1
    run = prose[at:start]
    if at == 0 or any(c in _QUOTATION for c in run) or run.count("\n") > 1:
        return True
    return prose[at - 1] in _ENDS and sentence_at(ctx.sentences, start)[0] >= at


def _without_titles(ctx, spans):
    """Capitalised titles are not part of the name: "British Prime Minister Keir Stramer" → "Keir Stramer", and
    "Secretary of State James Baekr" (a span "State James Baekr" after the lower-case "of") → "James Baekr"."""
    titles = sorted((m.start, m.end) for m in ctx.titles + ctx.generic_titles)
    starts = [t for t, _ in titles]
    out = []
    for span in spans:
        start = span.start
        for t_start, t_end in titles[bisect.bisect_left(starts, span.start - 200):bisect.bisect_left(starts, span.end)]:
            if start < t_end <= span.end:
                start = t_end
        while start < span.end and ctx.article.prose[start].isspace():
            start += 1
        if start == span.start:
            out.append(span)
        elif start < span.end:
            out.append(NameSpan(start, span.end, ctx.article.prose[start:span.end], False))
    return out


def _one_word_differs(written: str, spelling: str) -> bool:
    """True when replacing written by spelling changes one word and keeps the others exactly."""
    a, b = written.split(), spelling.split()
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


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
        finding = ctx.finding(ID, span.start, span.end, message, DEFAULT, org.name,
                              _evidence(ctx, org.where, f"{org.name}: {', '.join(org.descriptions.get(ctx.article.language, ()))}"))
        yield _with_fix(finding, span.start, span.end, org.name, safe=False)
