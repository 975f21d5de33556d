"""Who a misspelt name can be: the declared spellings one keystroke away, and the people the text allows.

A name one keystroke from a declared spelling is a typo only when it can stand for one entity. Which ones it
may stand for depends on how the text introduces it: after a title ("le président Oama", "President Bill
Clniton"), only the people who held that office at the time the sentence speaks of; after a word that
introduces a person ("le gouvernement Ayrualt", "the Oama administration"), only people; a lone surname or an
initial with a surname otherwise, only the people the article also names right. So "Clinton", a spelling of
a Vice President of 1805 and of a President of 1993, still tells which one "President Clniton" misspells."""
from __future__ import annotations

import functools
from typing import Callable

import regex

from .. import lang as language
from ..facts.factbase import Entity
from ..fold import fold_name, name_keys
from .. import patterns

MIN_TOKEN = 4


def near_spellings(base, tokens: list[str], allowed: Callable, prefer: Callable | None = None,
                   skip: frozenset[str] = frozenset(), shortest: int | None = None):
    """(entity, declared spelling, folded spelling) for names whose tokens are `tokens` with one token one
    keystroke off, among the entities `allowed` admits (asked with the known token the misspelt one stands
    for), best first; only when they are one entity, after keeping those `prefer` admits when there are
    several ("Bill Clintn" after "President": not the Vice President George Clinton)."""
    for i, token in _looked_at(base, tokens, skip, shortest):
        found = []
        for near in base.near_tokens(token):
            candidate = tokens[:i] + [near] + tokens[i + 1:]
            key = " ".join(candidate)
            entities = [e for e in base.spellings.get(key, ()) if allowed(e, near)]
            if entities:
                found += [(e, declared(base, e, key), key) for e in entities]
            elif len(tokens) > 1:   # "B. Obma": an initial stands for a first name
                found += [(e, spelling, fold_name(spelling)) for e, spelling in _by_initials(base, candidate, near)
                          if allowed(e, near)]
        if prefer is not None and len({e.id for e, _, _ in found}) > 1:
            found = [f for f in found if prefer(f[0])]
        if len({e.id for e, _, _ in found}) == 1:
            return found
        if found:
            return []   # two entities one keystroke away: say nothing
    return []


def may_be_near(base, tokens: list[str], skip: frozenset[str] = frozenset(), shortest: int | None = None) -> bool:
    """Whether near_spellings may find a spelling for the tokens, told without the text around them: one of the
    tokens it looks at must be one keystroke from a known token. Most names have none, and what `allowed` and
    `prefer` stand for need not be set up for them."""
    return any(base.near_tokens(token) for _, token in _looked_at(base, tokens, skip, shortest))


def _looked_at(base, tokens: list[str], skip: frozenset[str], shortest: int | None) -> list[tuple[int, str]]:
    """(place, token) of the tokens near_spellings tries: not a known token, not skipped, long enough."""
    if shortest is None:   # a word of three letters when the rest says who: "G. Bsh", "George H. W. Buh"
        shortest = MIN_TOKEN if len(tokens) == 1 else MIN_TOKEN - 1
    return [(i, t) for i, t in enumerate(tokens) if t not in base.tokens and len(t) >= shortest and t not in skip]


def _by_initials(base, tokens: list[str], known: str):
    """(entity, spelling as the text would write it) for declared spellings that the tokens write with initials:
    ["b", "obama"] for "Barack Obama" gives "B. Obama". The people are those the known word names alone (their
    surname is an alias)."""
    for entity in base.spellings.get(known, ()):
        person = base.rules.people.get(entity.id) if entity.kind == "person" else None
        if person is None:
            continue
        for spelling in person.spellings:
            words = spelling.replace("-", " ").split()
            folded = [fold_name(w) for w in words]
            if len(words) == len(tokens) and folded != tokens and all(
                    f == t or (len(t) == 1 and len(f) > 1 and f[0] == t) for f, t in zip(folded, tokens)):
                yield (Entity("person", person.id, person.name, person.where),
                       " ".join(f"{w[0]}." if f != t else w for w, f, t in zip(words, folded, tokens)))


def declared(base, entity, folded: str) -> str:
    """The spelling of the rules that folds to `folded` (its case and accents as declared)."""
    rules = base.rules
    source = rules.people.get(entity.id) if entity.kind == "person" else rules.organisations.get(entity.id)
    for spelling in source.spellings:
        if folded in name_keys(spelling):
            return spelling
    return entity.name


# -- what the text says a name is ---------------------------------------------------------------------------
def title_allows(ctx, mention) -> Callable:
    """The people a title lets its name stand for: holders of its offices at the sentence's time (any time for a
    qualified title, "l'ancien président", or when the date is unknown)."""
    offices = mention.office_ids
    base = ctx.base
    when: list = []   # the sentence's time, read only when a candidate is to be judged

    def allowed(entity, near: str | None = None) -> bool:
        person = base.rules.people.get(entity.id) if entity.kind == "person" else None
        if person is None:
            return False
        terms = person.terms_of(offices)
        if not when:
            when.append(ctx.when(mention.start)[0])
        interval = when[0]
        if mention.qualifier or interval is None:
            return bool(terms)
        return any(t.start <= interval[1] and interval[0] < t.last_day for t in terms)
    return allowed


@functools.lru_cache(maxsize=None)
def _cues(code: str) -> tuple[regex.Pattern, regex.Pattern]:
    data = language.load(code)
    before = language.alternation(data["person_cues_before"]) or "(?!)"
    after = language.alternation(data["person_cues_after"]) or "(?!)"
    return (patterns.compile(rf"(?<!\w)(?:{before})\s+$", regex.I),
            patterns.compile(rf"^\s+(?:{after})(?!\w)", regex.I))


def after_person_cue(ctx, start: int, end: int) -> bool:
    """Is the name at start:end introduced as a person's ("le gouvernement Ayrualt", "the Oama administration")?"""
    before, after = _cues(ctx.article.language)
    prose = ctx.article.prose
    return bool(before.search(prose[max(0, start - 40):start]) or after.match(prose[end:end + 40]))


def is_person(base) -> Callable:
    return lambda entity, near=None: entity.kind == "person" and bool(base.rules.people[entity.id].terms)
