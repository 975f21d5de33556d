"""Who is a name? People of the rules named by a span of text, helped by the office a title gives."""
from __future__ import annotations

import functools
from dataclasses import dataclass


from .facts.index import FactBase
from .facts.model import Person
from .fold import fold_name
from . import lang as language, patterns


@dataclass(frozen=True, slots=True)
class Resolution:
    person: Person
    exact: bool              # the span is a declared spelling of the person
    substituted: tuple[str, ...] = ()   # span tokens standing where the person's own tokens should be


def _narrow(people: list[Person], office_ids) -> list[Person]:
    if len(people) > 1 and office_ids:
        holding = [p for p in people if p.terms_of(office_ids)]
        if holding:
            return holding
    return people


def resolve_person(base: FactBase, name: str, office_ids=frozenset()) -> Resolution | None:
    people = _narrow(base.people_named(name), office_ids)
    if len(people) == 1:
        return Resolution(people[0], True)
    if people:
        return None  # ambiguous: stay quiet
    tokens = name.split()
    for cut in range(1, len(tokens)):
        tail = " ".join(tokens[cut:])
        candidates = [p for p in base.people_named(tail) if not office_ids or p.terms_of(office_ids)]
        if len(candidates) != 1:
            continue
        person = candidates[0]
        head = tokens[:cut]
        known_tokens = {t for s in person.spellings for t in fold_name(s).split()}
        full_lengths = {len(fold_name(s).split()) for s in person.spellings}
        if len(tokens) in full_lengths and not any(fold_name(t) in known_tokens for t in head):
            return Resolution(person, False, tuple(head))
        return Resolution(person, True)   # extra first names or initials: a variant, not a typo
    return None


@functools.lru_cache(maxsize=None)
def _complement():
    """A complement after a title ("de l'OTAN", "of the Bank"), in the words of every language: a title is
    often followed by a name or complement of another language ("President de Gaulle")."""
    words = [w for code in language.codes() for w in language.load(code)["office_complements"]]
    articles = [w for code in language.codes() for w in language.load(code)["office_complement_articles"]]
    elided = language.alternation([a for a in articles if a.endswith("'")]) or "(?!)"
    spaced = language.alternation([a for a in articles if not a.endswith("'")]) or "(?!)"
    return patterns.compile(rf"\s+(?:{language.alternation(words)})\s*(?:(?:{elided})|(?:{spaced})\s+)?\p{{Lu}}")


def office_of(mention, prose: str, base: FactBase, lang: str, specific_offices) -> str | None:
    """The office a title without a name stands for, when the title or the article makes it clear.

    "le secrétaire général de l'OTAN" names its office; "le secrétaire général" does when the article
    names exactly one office of that title elsewhere. "le président de La Poste" names another office."""
    if _complement().match(prose, mention.end, mention.end + 300):
        return None
    offices = mention.office_ids
    if len(offices) == 1 and base.is_specific(lang, mention.text):
        return next(iter(offices))
    candidates = offices & specific_offices
    return next(iter(candidates)) if len(candidates) == 1 else None
