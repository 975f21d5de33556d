"""FactBase: the rules with the indexes the checks need (titles, spellings, tokens, events)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import re

from rapidfuzz.distance import DamerauLevenshtein

from ..fold import fold, fold_name, fold_same_length, literal_pattern
from .model import Event, Office, Organisation, Person, Rules, Term, TitleForm


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or an organisation, seen by the name checks."""
    kind: str                 # "person" or "organisation"
    id: str
    name: str                 # canonical spelling
    where: str


NEAR_MIN_LENGTH = 4


def _deletions(token: str) -> set[str]:
    return {token} | {token[:i] + token[i + 1:] for i in range(len(token))}


_WORD = re.compile(r"\w+")


def _first_word(text: str) -> str:
    match = _WORD.search(fold_same_length(text))
    return match.group() if match else ""


def _head_adjective(name: str) -> str:
    head, _, rest = name.partition(" ")
    return literal_pattern(head) + (r"(?:\s+\w+)?\s+" + literal_pattern(rest) if rest else "")


class FactBase:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.titles: dict[str, dict[str, list[tuple[TitleForm, str]]]] = {}   # lang → folded form → [(form, office)]
        for office in rules.offices.values():
            for form in office.titles:
                self.titles.setdefault(form.lang, {}).setdefault(fold(form.text), []).append((form, office.id))
        # a form is specific when it names one office and has more than one word ("chancelier allemand")
        self.specific_forms: dict[str, set[str]] = {
            lang: {key for key, pairs in forms.items() if len({o for _, o in pairs}) == 1 and " " in key}
            for lang, forms in self.titles.items()}
        self.holders: dict[str, list[tuple[Term, Person]]] = {}
        for person in rules.people.values():
            for term in person.terms:
                self.holders.setdefault(term.office, []).append((term, person))
        for terms in self.holders.values():
            terms.sort(key=lambda tp: tp[0].start)
        self.spellings: dict[str, list[Entity]] = {}    # fold_name(spelling) → entities
        self.exact_spellings: set[str] = set()          # spellings as declared (case kept)
        self.tokens: dict[str, set[str]] = {}           # folded token → entity ids
        for entity, spellings in self._entities():
            for spelling in spellings:
                key = fold_name(spelling)
                bucket = self.spellings.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)
                self.exact_spellings.add(spelling)
                for token in key.split():
                    self.tokens.setdefault(token, set()).add(entity.id)
        # every token and its one-letter deletions → the tokens: finds names one keystroke away
        # (a letter missing, extra, wrong, or two swapped) without comparing with every token
        self.near_index: dict[str, list[str]] = {}
        for token in self.tokens:
            if len(token) >= NEAR_MIN_LENGTH - 1:
                for key in _deletions(token):
                    self.near_index.setdefault(key, []).append(token)
        self.acronyms: dict[str, list[tuple[str, Organisation]]] = {}   # folded → [(exact form, org)]
        for org in rules.organisations.values():
            for acronym in org.acronyms:
                self.acronyms.setdefault(fold(acronym), []).append((acronym, org))
        self.descriptions: dict[str, dict[str, list[Organisation]]] = {}
        for org in rules.organisations.values():
            for lang, texts in org.descriptions.items():
                for text in texts:
                    self.descriptions.setdefault(lang, {}).setdefault(fold(text), []).append(org)
        self.event_names: dict[str, dict[str, list[Event]]] = {}
        for event in rules.events.values():
            for lang, names in event.names.items():
                for name in names:
                    bucket = self.event_names.setdefault(lang, {}).setdefault(fold(name), [])
                    if event not in bucket:
                        bucket.append(event)
        self._patterns: dict[tuple, re.Pattern] = {}

    def _entities(self):
        for p in self.rules.people.values():
            yield Entity("person", p.id, p.name, p.where), p.spellings
        for o in self.rules.organisations.values():
            yield Entity("organisation", o.id, o.name, o.where), o.spellings

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_patterns"] = {}
        return state

    def pattern(self, kind: str, lang: str, words: frozenset[str] | None = None) -> re.Pattern | None:
        """The title forms, descriptions or event names of a language as one alternation, longest first.

        It matches the prose folded by fold_same_length(), so offsets are those of the article. Given the
        words of an article, only the names that start with one of them are compiled: a few dozen
        instead of every name of the rules, which keeps a single-article check fast."""
        source = {"title": self.titles, "description": self.descriptions, "event": self.event_names}[kind].get(lang, {})
        alternatives = tuple(sorted((text for text in source if words is None or _first_word(text) in words),
                                    key=lambda t: (-len(t), t)))
        if not alternatives:
            return None
        key = (kind, alternatives)
        if key not in self._patterns:
            if kind == "event":  # one adjective may follow the head noun: "le sommet crucial de l'OTAN"
                body = "|".join(_head_adjective(text) for text in alternatives)
            else:
                body = "|".join(literal_pattern(text) for text in alternatives)
            self._patterns[key] = re.compile(rf"(?<![\w])(?:{body})(?![\w])")
        return self._patterns[key]

    # -- questions the checks ask ---------------------------------------------
    def title_forms(self, lang: str, matched: str) -> list[tuple[TitleForm, str]]:
        return self.titles.get(lang, {}).get(fold(" ".join(matched.split())), [])

    def is_specific(self, lang: str, matched: str) -> bool:
        return fold(" ".join(matched.split())) in self.specific_forms.get(lang, ())

    def near_tokens(self, token: str) -> list[str]:
        """Known tokens one keystroke from the token (Damerau–Levenshtein distance 1), nearest first."""
        candidates = {c for key in _deletions(token) for c in self.near_index.get(key, ())}
        candidates.discard(token)
        return sorted(c for c in candidates if DamerauLevenshtein.distance(token, c) == 1)

    def people_named(self, spelling: str) -> list[Person]:
        return [self.rules.people[e.id] for e in self.spellings.get(fold_name(spelling), ()) if e.kind == "person"]

    def entities_named(self, spelling: str) -> list[Entity]:
        return self.spellings.get(fold_name(spelling), [])

    def holder_at(self, office_id: str, day: dt.date) -> tuple[Term, Person] | None:
        for term, person in self.holders.get(office_id, ()):
            if term.covers(day):
                return term, person
        return None

    def office(self, office_id: str) -> Office:
        return self.rules.offices[office_id]

    def events_named(self, lang: str, matched: str) -> list[Event]:
        return self.event_names.get(lang, {}).get(fold(" ".join(matched.split())), [])

    def organisations_described(self, lang: str, matched: str) -> list[Organisation]:
        return self.descriptions.get(lang, {}).get(fold(" ".join(matched.split())), [])
