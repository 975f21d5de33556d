"""Quotations and their speaker: « … », “ … ”, „ … “ and "…". Pure: prose (with sentences and names) → Quotes.

The speaker is the one the quotation's attribution names: a verb of the language's `attribution_verbs`
or a cue of `attribution_cues` after the quotation (", a déclaré Mark Rutte", "“…,” Rutte said", "“…,”
according to Mark Rutte") or, failing one, before it in the sentence ("Rutte a déclaré : « … »", "Selon
Mark Rutte, « … »"). A name is the speaker only in the attribution's own phrase: the subject right before
the verb, or the phrase after an inverted verb or a cue, up to a word of `speaker_breaks` ("du ministère",
"in Brussels", "qui accuse") or an apposition after a comma ("le porte-parole du Kremlin, Dmitri Peskov").
A capitalised word elsewhere near the quotation is not its speaker: in "“…,” the communique said, urging
the Immigration Service to act", the communiqué speaks, and no name is given (not compared). When a
pronoun gives it (", a-t-il déclaré", "he said"), the speaker is the previous quotation's, or the
sentence's first name, and it is marked as inferred: only explicit speakers are compared."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..fold import fold, fold_name
from .anchored import finditer_at
from .clauses import word_start
from .names import NameSpan
from .quoted import places_of
from .sentences import sentence_at
from .. import patterns

_QUOTES = patterns.compile(r"«(?P<a>[^«»]{2,1500}?)»|“(?P<b>[^“”]{2,1500}?)”|„(?P<c>[^„“”]{2,1500}?)[“”]|"
                        r"(?<![\w\"])\"(?P<d>[^\"\n]{2,1500}?)\"(?![\w\"])")
AFTER_WINDOW = 120     # an attribution after a quotation: ", a déclaré le secrétaire général de l'OTAN, Mark Rutte"
BEFORE_WINDOW = 200    # an attribution before it, in its sentence: "Rutte a averti les alliés réunis à Bruxelles : « … »"
_PUNCTUATION = " \t\n,.;:!?—–-«»“”\"'’()"
_PHRASE_END = patterns.compile(r"[,.;:!?()«»“”\"\n]")
_WORD_OR_ELISION = patterns.compile(r"\p{L}+['’]?")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int                 # the inside of the quotation marks
    end: int
    text: str
    speaker: str | None        # as written ("Mark Rutte")
    speaker_explicit: bool


@functools.lru_cache(maxsize=None)
def _cues(code: str) -> regex.Pattern:
    cues = sorted(language.load(code)["quote_pronoun_cues"], key=len, reverse=True)
    alt = "|".join(patterns.escape(c).replace("'", "['’]").replace(r"\ ", r"\s+") for c in cues)
    return patterns.compile(rf"^[\s,.:;!?—–-]*(?:\p{{L}}+\s+){{0,1}}(?:{alt})(?![\w-])", regex.I)


_WORDS = patterns.compile(r"[\p{L}\p{N}]+")


def normalise(text: str) -> str:
    """The quotation's words folded, punctuation out: what two versions are compared on."""
    return " ".join(_WORDS.findall(fold(text).replace("'", " ")))


def speaker_key(name: str | None) -> str | None:
    return fold_name(name).split()[-1] if name else None


def find_quotes(prose: str, code: str, sentences: list[tuple[int, int]], names: list[NameSpan]) -> list[Quote]:
    quotes: list[Quote] = []
    previous_speaker: str | None = None
    index = _Names(names)
    for m in _quotations(prose):
        group = m.lastgroup                 # each of the pattern's alternatives has one group
        raw = m.group(group)
        inner = raw.strip()
        if not inner:
            continue
        start = m.start(group) + (len(raw) - len(raw.lstrip()))
        end = start + len(inner)
        speaker, explicit = _speaker(prose, code, sentences, index, m.start(), m.end())
        if speaker is None and explicit is None:
            speaker = previous_speaker or _first_name(sentences, index, m.start(), m.end())
            explicit = False
        quotes.append(Quote(start, end, inner, speaker, bool(explicit)))
        if speaker:
            previous_speaker = speaker
    return quotes


_OPENING = ("«", "“", "„", '"')   # where a quotation may open (see _quotations)


def _quotations(prose: str):
    """_QUOTES.finditer(prose), tried only where a quotation mark that can open one stands (every match begins at
    one): str.find finds an article's few marks at once, where the pattern was tried at every place of the text."""
    return finditer_at(_QUOTES, prose, places_of(prose, _OPENING))


def _sentence(sentences, offset):
    return sentence_at(sentences, offset)


def _people(found: list[NameSpan]) -> list[NameSpan]:
    """Names that can speak: acronyms (organisations, places) only when no person-like name is there."""
    people = [n for n in found if not n.text.isupper()]
    return people or found


class _Names:
    """The names of the prose by position: the names between two offsets come by bisection, not by a scan
    of every name for every quotation (quadratic on text dense with quotations)."""

    def __init__(self, names: list[NameSpan]) -> None:
        self.names = sorted(names, key=lambda n: n.start)   # found by one scan: they do not overlap
        self.starts = [n.start for n in self.names]
        self.people = [0]   # people[k]: how many of names[:k] are person-like (as _people tells them)
        for name in self.names:
            self.people.append(self.people[-1] + (not name.text.isupper()))

    def window(self, low: int, high: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, low), bisect.bisect_left(self.starts, max(low, high))

    def between(self, low: int, high: int) -> list[NameSpan]:
        """The names that start at low or after, and before high."""
        i, j = self.window(low, high)
        return self.names[i:j]

    def first_outside(self, low: int, high: int, hole: tuple[int, int]) -> NameSpan | None:
        """_people(names starting in [low, high) but not in the hole)[0], without listing them."""
        parts = [w for w in (self.window(low, min(high, hole[0])), self.window(max(low, hole[1]), high)) if w[1] > w[0]]
        people = any(self.people[j] > self.people[i] for i, j in parts)
        for i, j in parts:
            if not people:
                return self.names[i]
            if self.people[j] > self.people[i]:
                return self.names[bisect.bisect_left(self.people, self.people[i] + 1) - 1]
        return None


def _speaker(prose, code, sentences, names, q_start, q_end) -> tuple[str | None, bool | None]:
    """(speaker, explicit); (None, None) when a pronoun says it is someone named before; (None, False) when
    nobody is named (no attribution, or one that names no one: "the communique said")."""
    _, s_end = _sentence(sentences, max(q_end - 1, 0))
    after_end = min(max(s_end, q_end), q_end + AFTER_WINDOW)
    if _cues(code).match(prose[q_end:after_end]):
        return None, None
    attribution = _attribution(code).search(prose, q_end, after_end)
    if attribution is not None:
        return _named(_attributed(prose, code, names, attribution, q_end, after_end))
    s_start, _ = _sentence(sentences, q_start)
    start = max(s_start, q_start - BEFORE_WINDOW)
    if _cues(code).match(prose[start:q_start].lstrip()):
        return None, None
    before = list(_attribution(code).finditer(prose, start, q_start))
    if before:
        return _named(_attributed(prose, code, names, before[-1], start, q_start))
    return None, False


def _named(name: NameSpan | None) -> tuple[str | None, bool]:
    return (name.text, True) if name is not None else (None, False)


def _attributed(prose, code, names, m, lo: int, hi: int) -> NameSpan | None:
    """The name an attribution (a verb or a cue found in prose[lo:hi]) gives as the speaker, or None."""
    if m.group("verb"):
        between = prose[lo:m.start()]
        if not _only_auxiliaries(code, between):
            return _subject(prose, code, names, lo, m.start())   # "“…,” Mark Rutte said", "Rutte a dit : « »"
    return _phrase_after(prose, code, names, m.end(), hi)        # "», a déclaré Mark Rutte", "selon Mark Rutte"


def _subject(prose, code, names, lo: int, verb: int) -> NameSpan | None:
    """The name right before the verb (auxiliaries between), itself opening the phrase or after a comma."""
    for name in reversed(_people([n for n in names.between(lo, verb) if n.end <= verb])):
        if not _only_auxiliaries(code, prose[name.end:verb]):
            continue
        opening = prose[lo:name.start].rstrip()
        if not opening.strip(_PUNCTUATION) or opening.endswith(","):
            return name
        return None
    return None


def _phrase_after(prose, code, names, start: int, hi: int) -> NameSpan | None:
    """The speaker named in the phrase after an inverted verb or a cue, up to a break word; else in an
    apposition right after its comma."""
    stop = _PHRASE_END.search(prose, start, hi)
    end = stop.start() if stop else hi
    inside = _people(names.between(start, end))
    breaks = _breaks(code)
    for name in inside:
        if any(w in breaks for w in _words(prose[start:name.start])):
            break
        return name
    if stop is not None and stop.group() == ",":
        following = [n for n in names.between(stop.end(), hi) if not prose[stop.end():n.start].strip()]
        if following:
            return following[0]
    return None


def _only_auxiliaries(code: str, text: str) -> bool:
    words = _words(text)
    return not words or " ".join(words) in _auxiliaries(code)


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD_OR_ELISION.findall(text)]


@functools.lru_cache(maxsize=None)
def _attribution(code: str) -> regex.Pattern:
    data = language.load(code)
    verbs = language.alternation(data["attribution_verbs"]) or "(?!)"
    cues = language.alternation(data["attribution_cues"]) or "(?!)"
    start = word_start(data["attribution_verbs"] + data["attribution_cues"])   # tried at word starts only
    return patterns.compile(rf"{start}(?<![\w-])(?:(?P<verb>{verbs})|(?P<cue>{cues}))(?![\w-])", regex.I)


@functools.lru_cache(maxsize=None)
def _breaks(code: str) -> frozenset[str]:
    return frozenset(w.lower().replace("’", "'") for w in language.load(code)["speaker_breaks"])


@functools.lru_cache(maxsize=None)
def _auxiliaries(code: str) -> frozenset[str]:
    return frozenset(" ".join(w.lower().split()) for w in language.load(code)["attribution_auxiliaries"])


def _first_name(sentences, names: _Names, q_start, q_end) -> str | None:
    """The sentence's first name outside the quotation."""
    s_start, s_end = _sentence(sentences, q_start)
    found = names.first_outside(s_start, s_end, (q_start, q_end))
    return found.text if found else None
