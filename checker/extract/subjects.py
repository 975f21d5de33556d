"""Subjects: whom a figure belongs to, as keys that two claims share only when they speak of the same owner.

A name's key is folded, without elided articles, leading function words, titles ("Mr.") and company suffixes
("Inc.", "Corp.", "SA"): "GOODY PRODUCTS Inc." → "goody products", "l'Union" → "union". Within an article a
short form that begins or ends exactly one longer name takes that name's key ("Compaq" → "compaq computer",
"Mr. Swavely" → "michael swavely"); a name of the rules takes its entry's id ("OTAN" and "NATO" → "@nato").
The article's main subject is its most named owner, when no other comes near (else there is none).

Pure: name spans of an article → ArticleNames, asked sentence by sentence by the claim reader."""
from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from .. import lang as language
from .. import patterns
from ..fold import fold, fold_name
from ..lang import alternation
from .anchored import finditer_at
from .clauses import attribution
from .names import NameSpan, plausible_names

HEAD_WORDS = 6            # a sentence's subject name stands among its first words


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Owner:
    key: str
    text: str                 # as written, the longest form the article gives


@functools.lru_cache(maxsize=None)
def _words(code: str) -> dict:
    data = language.load(code)
    return {
        "drop": frozenset(fold(w).rstrip(".") for w in data["subject_suffixes"]),
        "function": frozenset(fold(w) for w in data["function_words"] if isinstance(w, str)),
        "prepositions": frozenset(fold(w) for w in data["subject_prepositions"]),
        "anaphors": frozenset(fold(w) for w in data["subject_anaphors"]),
        "place_suffixes": tuple(data["subject_place_suffixes"]),
        "calendar": frozenset(fold(w).rstrip(".") for key in ("month_abbreviations", "weekday_abbreviations")
                              for w in data.get(key, {})),
        "not_owners": frozenset(fold(w) for w in data["measure_acronyms"]) | frozenset(fold(w) for w in data["cardinal_words"])
        | frozenset(fold(w) for w in data["statement_discriminators"]) | frozenset(fold(w) for w in data["statement_stopwords"]),
        "determiners": frozenset(fold(w).rstrip("'") for w in data["measure_determiners"]),
        "numbers": frozenset(fold(w) for w in data["cardinal_words"]),
        "described": patterns.compile(
            rf"^(?:,\s*\p{{Lu}}[\p{{L}}.]*,)?\s+(?:[\p{{Ll}}-]+\s+){{0,2}}(?:{alternation(data['subject_anaphors'])})(?!\w)"),
        "weekdays": frozenset(fold(w) for w in list(data["weekdays"]) + list(data["months"])),
    }


@functools.lru_cache(maxsize=65536)
def name_key(text: str, code: str) -> str:
    """"GOODY PRODUCTS Inc." → "goody products"; "l'Union" → "union"; "Compaq's" → "compaq"."""
    words = _words(code)
    out = []
    for raw in fold_name(text).split():
        word = raw.rstrip(".").split("'")[-1] if "'" in raw[:3] else raw.rstrip(".")
        if word.endswith("'s"):
            word = word[:-2]
        number = all(part in words["numbers"] for part in word.split("-"))
        if word and word not in words["drop"] and not (not out and (word in words["function"] or number)):
            out.append(word)
    return " ".join(out)


_ELIDED = patterns.compile(r"(?<=(?<![\w'’])\p{L}{1,2})['’](?P<n>\p{Lu}[\p{L}\p{M}-]*)")


def _owners(prose: str, spans: list[NameSpan], code: str,
            plausible_spans: list[NameSpan] | None = None) -> tuple[list[NameSpan], dict[str, str]]:
    """The names that can own a figure, and their keys by text: the plausible names (`plausible_spans`, when the
    caller has them: plausible_names(spans, code)), a name after an elided
    article ("l'Ukraine", "L'Allemagne"), an acronym opening a sentence ("RMS said …"); not a month, a number word,
    nor a measure written in capitals ("PIB", "GDP"). What the words around a name may still rule out is `_placed`'s."""
    words = _words(code)
    if plausible_spans is None:
        plausible_spans = plausible_names(spans, code)
    plausible = {id(s) for s in plausible_spans}
    keys: dict[str, str | None] = {}      # a text's key, None when it names no owner: the same wherever it is written
    out = []
    for span in spans:
        text = span.text
        if id(span) not in plausible and not (span.sentence_initial and " " not in text and (
                text.isupper() and len(text) > 1 and text.isalpha()          # "RMS said …"
                or possessive(prose, span))):                                # "Ohio's jobless rate …"
            continue
        if text not in keys:
            key = name_key(text, code)
            keys[text] = key if len(key) > 1 and key not in words["calendar"] and key not in words["weekdays"] \
                and fold(text) not in words["not_owners"] else None
        if keys[text] is not None:
            out.append(span)
    seen = {s.start for s in out}
    for m in _elided(prose):
        (start, end), text = m.span("n"), m.group("n")
        if start not in seen and fold(text) not in words["not_owners"]:
            key = name_key(text, code)
            if len(key) > 1:
                out.append(NameSpan(start, end, text, False))
                keys[text] = key
    out.sort(key=_START)
    return out, {s.text: keys[s.text] for s in out}


_START = attrgetter("start")


def _elided(prose: str):
    """_ELIDED.finditer(prose), tried only at an apostrophe followed by a capital or a character beyond ASCII (of
    ASCII, only A to Z are capitals): most apostrophes are followed by a small letter ("l'armée", "it's"), and
    the pattern tried at every place of the text cost a third of the names' owners."""
    starts = []
    for mark in ("'", "’"):
        at = prose.find(mark)
        while at >= 0:
            after = prose[at + 1:at + 2]
            if after and (not after.isascii() or "A" <= after <= "Z"):
                starts.append(at)
            at = prose.find(mark, at + 1)
    starts.sort()
    return finditer_at(_ELIDED, prose, starts)


def _placed(prose: str, span: NameSpan, code: str) -> bool:
    """A name the words around it make no owner: a dateline ("JAKARTA - …"), a place that qualifies a noun ("The
    Kearny, N.J.-based maker", "The Menlo Park, Calif., company"), the noun a number counts ("27 États membres")."""
    words = _words(code)
    text = span.text
    before = prose[max(0, span.start - 5):span.start].split()
    if before and fold(before[-1]) in words["determiners"] and words["described"].match(prose, span.end, span.end + 60):
        return True
    after = prose[span.end:span.end + 40]
    if text.isupper() and span.sentence_initial and after.lstrip(" \u00a0").startswith(("-", "—", "–", "(")):
        return True
    if words["place_suffixes"] and any(w.endswith(words["place_suffixes"]) for w in after.split(" ", 2)[:2] if w):
        return True
    count = _DIGIT_BEFORE.search(prose, max(0, span.start - 8), span.start)
    return bool(count) and not _YEAR_BEFORE.search(prose, max(0, span.start - 8), span.start)   # "the 1989 Chicago Auto Show"


def possessive(prose: str, span: NameSpan) -> bool:
    """A name written as an owner: "Ohio's", "Nestle's", "Mills'"."""
    return span.text.endswith(("'s", "’s", "s'", "s’")) or prose[span.end:span.end + 2] in ("'s", "’s") \
        or (span.text.endswith("s") and prose[span.end:span.end + 1] in ("'", "’") and not prose[span.end + 1:span.end + 2].isalpha())


_DIGIT_BEFORE = patterns.compile(r"\d[ \u00a0\u202f]*$")
_YEAR_BEFORE = patterns.compile(r"(?<![\d.,])(?:1[89]|20)\d\d[ \u00a0\u202f]*$")


class ArticleNames:
    """The owners an article names, by position: unified keys, the rules' ids, the main subject."""

    def __init__(self, prose: str, code: str, spans: list[NameSpan], base=None,
                 plausible: list[NameSpan] | None = None) -> None:
        self.prose, self.code = prose, code
        self.spans, self._keys = _owners(prose, spans, code, plausible)
        self.starts = [s.start for s in self.spans]
        self._placed: dict[int, bool] = {}
        self.keys = self._unified(self._keys, base)
        self.subjects: dict[int, Owner | None] = {}
        longest: dict[str, str] = {}
        for s in self.spans:
            key = self.keys[s.text]
            if len(s.text) > len(longest.get(key, "")):
                longest[key] = s.text
        self.texts = longest
        self._owner: dict[str, Owner] = {}           # by text: a name's owner is asked for at every figure near it
        self._main: Owner | None | bool = False      # False: not asked yet (see main)
        self._by_key: dict[str, str] | None = None   # None: not asked yet (see word_key)

    def _unified(self, keys: dict[str, str], base) -> dict[str, str]:
        # every proper beginning and end of a longer name → the names it begins or ends (linear in the names)
        parts: dict[tuple[str, ...], set[str]] = {}
        for key in set(keys.values()):
            words = tuple(key.split())
            for i in range(1, min(len(words), 4)):
                parts.setdefault(words[:i], set()).add(key)
                parts.setdefault(words[-i:], set()).add(key)
        out = {}
        for text, key in keys.items():
            longer = parts.get(tuple(key.split()), ())
            if len(longer) == 1:
                key = next(iter(longer))
            out[text] = key
        if base is not None:
            by_key: dict[str, set[str]] = {}
            for text, key in out.items():     # organisations only: a person's surname may be a place ("Dallas")
                plain = text[:-2] if text.endswith(("'s", "’s")) else text
                ids = base.organisations_named(plain)
                if len(ids) == 1:
                    by_key.setdefault(key, set()).update(ids)
            ruled = {key: "@" + ids.pop() for key, ids in by_key.items() if len(ids) == 1}
            out = {text: ruled.get(key, key) for text, key in out.items()}
        return out

    @property
    def main(self) -> Owner | None:
        """The article's most named owner when no other comes near: asked only of a figure no name of its own
        sentence or paragraph owns, and found then."""
        if self._main is False:
            self._main = self._find_main()
        return self._main

    def _find_main(self) -> Owner | None:
        counts = Counter(self.keys[s.text] for s in self.spans)
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        second = rest[0][1]
        if n >= 2 and second * 2 <= n:
            return Owner(top, self.texts[top])
        return None

    def owner(self, span: NameSpan) -> Owner:
        found = self._owner.get(span.text)
        if found is None:
            key = self.keys[span.text]
            found = self._owner[span.text] = Owner(key, self.texts[key])
        return found

    def between(self, start: int, end: int) -> list[NameSpan]:
        """The owners named in [start, end)."""
        out = []
        for span in self.spans[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]:
            placed = self._placed.get(span.start)
            if placed is None:
                placed = self._placed[span.start] = _placed(self.prose, span, self.code)
            if not placed:
                out.append(span)
        return out

    def sentence_subject(self, start: int, end: int) -> Owner | None:
        """The name a sentence or its main clause opens with, among the clause's first words and not after a
        preposition ("Savin Corp. reported …"; "In composite trading on the New York Stock Exchange, Philip Morris
        shares closed …" → Philip Morris; "In Tokyo, …" has none)."""
        if start in self.subjects:
            return self.subjects[start]
        self.subjects[start] = found = self._opener(start, end)
        return found

    def _opener(self, start: int, end: int) -> Owner | None:
        words = _words(self.code)
        candidates = self.between(start, min(end, start + 40 * HEAD_WORDS))
        if candidates:                      # "…, d'après l'Insee": the source, not the subject
            _, (a0, a1) = attribution(self.prose, (start, end), self.code)
            candidates = [span for span in candidates if not a0 <= span.start < a1]
        for span in candidates:
            lead = self.prose[start:span.start]
            if len(lead.split()) > 3 * HEAD_WORDS:
                return None
            clause = lead[max(lead.rfind(","), lead.rfind(";")) + 1:].split()
            if len(clause) > HEAD_WORDS:
                continue
            before = [fold(w).strip(",") for w in clause]
            while before and before[-1] in words["determiners"]:
                before.pop()
            if before and before[-1] in words["prepositions"]:
                continue
            return self.owner(span)
        return None

    def word_key(self, word: str) -> Owner:
        """A noun that stands for the subject ("L'armée", "Airbus employs …"), keyed like the names it may be."""
        key = name_key(word, self.code)
        if self._by_key is None:   # unified keys by a name's own key: asked only of a noun that stands for the subject
            self._by_key = {self._keys[text]: unified for text, unified in self.keys.items()}
        unified = self._by_key.get(key)
        return Owner(unified, self.texts[unified]) if unified else Owner(key, word)

    def is_anaphor(self, word: str) -> bool:
        return fold(word) in _words(self.code)["anaphors"]
