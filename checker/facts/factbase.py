"""FactBase: the rules with the indexes the checks need (titles, spellings, tokens, events)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import re

from rapidfuzz.distance import DamerauLevenshtein

from .. import lang as language
from ..fold import fold, fold_name, fold_same_length, name_keys
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


_RUN = re.compile(r"(.)\1*")


def doubling_moved(a: str, b: str) -> bool:
    """Are a and b one word with a doubled letter moved ("barosso" for "barroso", "rassmusen" for
    "rasmussen")? Two keystrokes, but one of the commonest slips in names with a double letter: the same
    runs of letters, one run a letter shorter and another a letter longer."""
    if len(a) != len(b) or a == b:
        return False
    runs_a, runs_b = [m.group() for m in _RUN.finditer(a)], [m.group() for m in _RUN.finditer(b)]
    if len(runs_a) != len(runs_b) or any(x[0] != y[0] for x, y in zip(runs_a, runs_b)):
        return False
    changed = sorted(len(x) - len(y) for x, y in zip(runs_a, runs_b) if len(x) != len(y))
    return changed == [-1, 1]


_WORD = re.compile(r"\w+")
MEMO_MAX = 200_000
_MISSING = object()   # not in the memo yet


def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a folded text and the separators between them, runs of spaces made one space."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = tuple(text[a:b] for a, b in spans)
    seps = tuple(_sep(text[spans[k][1]:spans[k + 1][0]]) for k in range(len(spans) - 1))
    return words, seps


def _sep(between: str) -> str:
    return " ".join(between.split()) if between.strip() else " "


def _longest(entry, tokens, i: int, folded: str, adjective: bool) -> int | None:
    """The index of the last token of the longest name of `entry` (first_words_index) starting at token i, if
    one matches."""
    names, seconds, single = entry
    nxt = tokens[i + 1][2] if i + 1 < len(tokens) else None
    after = tokens[i + 2][2] if i + 2 < len(tokens) else None
    # a name of several words goes on with its second word at token i + 1, or at i + 2 after an adjective or a
    # possessive: most places where a first word stands ("la", "the") go on with none of them
    if not single and nxt not in seconds and after not in seconds:
        return None
    possessive = nxt == "s" and folded[tokens[i][1]:tokens[i + 1][0]] == "'"
    for words, seps in names:
        if len(words) > 1 and words[1] != nxt and words[1] != after:
            continue
        end = _follow(words, seps, tokens, i, folded, i)
        if end is None and adjective and len(words) > 1 and i + 1 < len(tokens) \
                and _sep(folded[tokens[i][1]:tokens[i + 1][0]]) == " ":
            end = _follow(words, seps, tokens, i, folded, i + 1)   # one adjective after the head noun
        if end is None and possessive and len(words) > 1:
            end = _follow(words, seps, tokens, i, folded, i + 1)   # "NATO's Secretary General"
        if end is not None:
            return end
    return None


def _follow(words, seps, tokens, i: int, folded: str, j: int) -> int | None:
    """Do the words after the first follow from token j on? The index of the last token, if so."""
    for k in range(1, len(words)):
        t = j + k
        if t >= len(tokens) or tokens[t][2] != words[k]:
            return None
        between = folded[tokens[t - 1][1]:tokens[t][0]]
        if between != seps[k - 1] and _sep(between) != seps[k - 1]:   # most often one space, as the name has
            return None
    return j + len(words) - 1 if len(words) > 1 else i


def first_words_index(texts) -> dict[str, tuple[list[tuple[tuple[str, ...], tuple[str, ...]]], frozenset[str], bool]]:
    """Folded names by their first word, what find_words looks for: (the names, most words first; the second
    words of those of several words; whether one is a single word)."""
    by_first: dict[str, list] = {}
    for text in texts:
        words, seps = _words(fold_same_length(text))
        if words:
            by_first.setdefault(words[0], []).append((words, seps))
    index = {}
    for first, names in by_first.items():
        names.sort(key=lambda e: -len(e[0]))
        index[first] = (names, frozenset(w[1] for w, _ in names if len(w) > 1), any(len(w) == 1 for w, _ in names))
    return index


_HELD: tuple = (None, {})   # the tokens of the text searched last, and where each word is: an article is searched
                             # for titles, events, descriptions … in turn (one tuple: threads never see half of it)


def _positions(tokens: list[tuple[int, int, str]]) -> dict[str, list[int]]:
    """The indexes of each word among the tokens."""
    global _HELD
    held = _HELD
    if held[0] is not tokens:
        at: dict[str, list[int]] = {}
        for i, token in enumerate(tokens):
            at.setdefault(token[2], []).append(i)
        held = _HELD = (tokens, at)
    return held[1]


def find_words(index, folded: str, tokens: list[tuple[int, int, str]], adjective: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the names of the index in the folded text, whose words are `tokens`.

    Word by word: at each word that begins some name, the longest name whose words and separators
    follow is taken, and the scan goes on after it (as a regex alternation would, without compiling
    one). adjective: names may have one adjective after their head noun ("le sommet crucial de l'OTAN").
    A possessive after the first word is read through ("NATO's Secretary General" is "NATO Secretary General")."""
    found, after = [], 0
    at = _positions(tokens)
    firsts = at.keys() & index.keys() if len(at) < len(index) else index.keys() & at.keys()
    for i in sorted(i for word in firsts for i in at[word]):   # the words that begin a name
        if i < after:
            continue   # inside the name just found
        end = _longest(index[tokens[i][2]], tokens, i, folded, adjective)
        if end is not None:
            found.append((tokens[i][0], tokens[end][1]))
            after = end + 1
    return found


_POSSESSIVE = re.compile(r"^(\w+)'s\s")


def _key(matched: str) -> str:
    """A matched text as the indexes key it: folded, runs of spaces as one, a possessive after the first word
    read through (find_words matches "NATO's Secretary General" for "NATO Secretary General")."""
    key = fold(" ".join(matched.split()))
    return _POSSESSIVE.sub(r"\1 ", key, count=1) if "'" in key else key   # most texts have no apostrophe


def _title_words(form: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold_name(form)))


def _specific(forms: dict[str, list[tuple[TitleForm, str]]], lang: str) -> set[str]:
    """The folded title forms that name one office by themselves. A single office has them, and either they hold
    a word that tells one country's or organisation's office from another's, or they are not a shortening of a
    longer form of their office ("président du Conseil européen"). The telling words are found in the rules:
    what a longer form of an office adds to a shorter one ("ukrainien" in "ministre ukrainien de la Défense"
    beside "ministre de la Défense", "NATO" in "NATO Secretary General"), less the language's stop words; an
    office's own words only ("État" tells "secrétaire d'État américain à la Défense" from "secrétaire américain à la
    Défense", not the Secretary of State's office from another). A
    generic title ("ministre de la Défense", "Defence Minister", "président") names no office alone, even when
    the rules know only one office of that title."""
    try:
        stop = {fold(w) for w in language.load(lang)["stopwords"]}
    except ValueError:   # a language the rules use that factlint does not read: no stop words known
        stop = set()
    by_office: dict[str, set[frozenset[str]]] = {}
    for key, pairs in forms.items():
        for _, office in pairs:
            by_office.setdefault(office, set()).add(_title_words(key))
    telling: dict[str, set[str]] = {}
    for office, word_sets in by_office.items():
        extra = {w for longer in word_sets for shorter in word_sets if shorter < longer for w in longer - shorter}
        telling[office] = {w for w in extra if len(w) > 1 and w not in stop}
    specific = set()
    for key, pairs in forms.items():
        offices = {o for _, o in pairs}
        if len(offices) != 1:
            continue
        office = next(iter(offices))
        words = _title_words(key)
        shortening = any(words < other for other in by_office[office])
        if words & telling[office] or (len(words) > 1 and not shortening):
            specific.add(key)
    return specific


class FactBase:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._index_rules()
        self._index_people()

    # complex by design (C901): each index of offices, organisations and events is built in one pass over the rules
    def _index_rules(self) -> None:  # noqa: C901
        """The indexes of offices, organisations and events: small, rebuilt from the rules when a cache is read."""
        rules = self.rules
        self.titles: dict[str, dict[str, list[tuple[TitleForm, str]]]] = {}   # lang → folded form → [(form, office)]
        for office in rules.offices.values():
            for form in office.titles:
                self.titles.setdefault(form.lang, {}).setdefault(_key(form.text), []).append((form, office.id))
        self.specific_forms: dict[str, set[str]] = {lang: _specific(forms, lang) for lang, forms in self.titles.items()}
        self.acronyms: dict[str, list[tuple[str, Organisation]]] = {}   # folded → [(exact form, org)]
        for org in rules.organisations.values():
            for acronym in org.acronyms:
                self.acronyms.setdefault(fold(acronym), []).append((acronym, org))
        self.descriptions: dict[str, dict[str, list[Organisation]]] = {}
        for org in rules.organisations.values():
            for lang, texts in org.descriptions.items():
                for text in texts:
                    self.descriptions.setdefault(lang, {}).setdefault(_key(text), []).append(org)
        self.event_names: dict[str, dict[str, list[Event]]] = {}
        for event in rules.events.values():
            for lang, names in event.names.items():
                for name in names:
                    bucket = self.event_names.setdefault(lang, {}).setdefault(_key(name), [])
                    if event not in bucket:
                        bucket.append(event)
        # events described in the article's own words ("Germany joined NATO in 1955"): by participant,
        # and the spellings of the organisations they are about
        self.event_participants: dict[str, dict[str, list[Event]]] = {}
        self.event_organisations: dict[str, list[str]] = {}   # folded spelling → organisation ids
        for event in rules.events.values():
            if not event.kind:
                continue
            for lang, names in event.participants.items():
                for name in names:
                    bucket = self.event_participants.setdefault(lang, {}).setdefault(fold(" ".join(name.split())), [])
                    if event not in bucket:
                        bucket.append(event)
            org = rules.organisations.get(event.organisation) if event.organisation else None
            for spelling in org.spellings if org else ():
                ids = self.event_organisations.setdefault(fold(" ".join(spelling.split())), [])
                if org.id not in ids:
                    ids.append(org.id)
        self._memo: dict[tuple, object] = {}   # computed on demand; not pickled

    # complex by design (C901): the people-scale indexes are built in one pass over a registry that may hold 100,000 people
    def _index_people(self) -> None:  # noqa: C901
        """The people-scale indexes: a registry of 100,000 people makes them large (the rules cache keeps
        them as tables read key by key, facts/store.py)."""
        rules = self.rules
        self.holders: dict[str, list[tuple[Term, Person]]] = {}
        for person in rules.people.values():
            for term in person.terms:
                self.holders.setdefault(term.office, []).append((term, person))
        for terms in self.holders.values():
            terms.sort(key=lambda tp: tp[0].start)
        self.spellings: dict[str, list[Entity]] = {}    # each of name_keys(spelling) → entities
        self.exact_spellings: set[str] = set()          # spellings as declared (case kept)
        self.tokens: dict[str, set[str]] = {}           # folded token → entity ids
        for entity, spellings in self._entities():
            for spelling in spellings:
                self.exact_spellings.add(spelling)
                for key in name_keys(spelling):   # "Schröder" is also "schroeder"
                    bucket = self.spellings.setdefault(key, [])
                    if entity not in bucket:
                        bucket.append(entity)
                    for token in key.split():
                        self.tokens.setdefault(token, set()).add(entity.id)
        # every token and its one-letter deletions → the tokens: finds names one keystroke away
        # (a letter missing, extra, wrong, or two swapped) without comparing with every token
        self.near_index: dict[str, list[str]] = {}
        for token in self.tokens:
            if len(token) >= NEAR_MIN_LENGTH - 1:
                for key in _deletions(token):
                    self.near_index.setdefault(key, []).append(token)

    def _entities(self):
        for p in self.rules.people.values():
            yield Entity("person", p.id, p.name, p.where), p.spellings
        for o in self.rules.organisations.values():
            yield Entity("organisation", o.id, o.name, o.where), o.spellings

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_memo"] = {}
        return state

    def find(self, kind: str, lang: str, folded: str, tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
        """(start, end) of the title forms, descriptions or event names of a language in the folded prose
        (find_words; event names may have an adjective after their head noun)."""
        return find_words(self._first_words(kind, lang), folded, tokens, adjective=kind == "event")

    def _first_words(self, kind: str, lang: str) -> dict[str, tuple]:
        key = ("first-words", kind, lang)
        if key not in self._memo:
            source = {"title": self.titles, "description": self.descriptions, "event": self.event_names,
                      "participant": self.event_participants,
                      "organisation": {lang: self.event_organisations}}[kind].get(lang, {})
            self._memo[key] = first_words_index(source)
        return self._memo[key]

    # -- questions the checks ask ---------------------------------------------
    def title_forms(self, lang: str, matched: str) -> list[tuple[TitleForm, str]]:
        return self.titles.get(lang, {}).get(_key(matched), [])

    def is_specific(self, lang: str, matched: str) -> bool:
        return _key(matched) in self.specific_forms.get(lang, ())

    def _remembered(self, key: tuple, compute: Callable[[], object]):
        """compute(), kept under key: the same names come back article after article. The memo is emptied past
        MEMO_MAX entries: bounded memory over an archive of any size."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if len(self._memo) > MEMO_MAX:
                self._memo.clear()
            found = self._memo[key] = compute()
        return found

    def near_tokens(self, token: str) -> list[str]:
        """Known tokens one keystroke from the token (Damerau–Levenshtein distance 1), or the token with a
        doubled letter moved (doubling_moved: the two share a deletion, so the index finds them too), sorted."""
        def near() -> list[str]:
            candidates = {c for k in _deletions(token) for c in self.near_index.get(k, ())}
            candidates.discard(token)
            return sorted(c for c in candidates if DamerauLevenshtein.distance(token, c) == 1
                          or doubling_moved(token, c))
        return self._remembered(("near", token), near)

    def people_named(self, spelling: str) -> list[Person]:
        return [self.rules.people[e.id] for e in self.entities_named(spelling) if e.kind == "person"]

    def entities_named(self, spelling: str) -> list[Entity]:
        """The people and organisations a written spelling names, under any of its keys (name_keys)."""
        keys = name_keys(spelling)
        if len(keys) == 1:
            return self.spellings.get(keys[0], [])
        found: list[Entity] = []
        for key in keys:
            found += [e for e in self.spellings.get(key, ()) if e not in found]
        return found

    def organisations_named(self, spelling: str) -> frozenset[str]:
        """The ids of the organisations a written spelling names (entities_named): asked of every name of every
        article, where the same names come back article after article."""
        return self._remembered(("organisations", spelling), lambda: frozenset(
            e.id for e in self.entities_named(spelling) if e.kind == "organisation"))

    def holder_at(self, office_id: str, day: dt.date) -> tuple[Term, Person] | None:
        for term, person in self.holders.get(office_id, ()):
            if term.covers(day):
                return term, person
        return None

    def office(self, office_id: str) -> Office:
        return self.rules.offices[office_id]

    def events_named(self, lang: str, matched: str) -> list[Event]:
        return self.event_names.get(lang, {}).get(_key(matched), [])

    def organisations_described(self, lang: str, matched: str) -> list[Organisation]:
        return self.descriptions.get(lang, {}).get(_key(matched), [])
