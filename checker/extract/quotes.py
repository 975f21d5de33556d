"""Quotations and their speaker: « … », “ … ”, „ … “ and "…". Pure: prose (with sentences and names) → Quotes.

The speaker is the name right after the quotation (", a déclaré Mark Rutte", "said Rutte") or, failing
that, the name before it in the sentence ("Rutte a déclaré : « … »"). When a pronoun gives it
(", a-t-il déclaré", "he said"), the speaker is the previous quotation's, or the sentence's first name,
and it is marked as inferred: only explicit speakers are compared."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..fold import fold, fold_name
from .names import NameSpan
from .sentences import sentence_at
from .. import patterns

_QUOTES = patterns.compile(r"«(?P<a>[^«»]{2,1500}?)»|“(?P<b>[^“”]{2,1500}?)”|„(?P<c>[^„“”]{2,1500}?)[“”]|"
                        r"(?<![\w\"])\"(?P<d>[^\"\n]{2,1500}?)\"(?![\w\"])")
AFTER_WINDOW = 60


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
    alt = "|".join(regex.escape(c).replace("'", "['’]").replace(r"\ ", r"\s+") for c in cues)
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
    for m in _QUOTES.finditer(prose):
        group = next(g for g in "abcd" if m.group(g) is not None)
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


def _sentence(sentences, offset):
    return sentence_at(sentences, offset)


class _Names:
    """The names of the prose by position, for the speaker rules' questions: which names lie between two
    offsets, preferring people (acronyms, organisations and places, speak only when no person-like name is
    there). Answered by bisection, not by a scan of every name for every quotation (quadratic on text
    dense with quotations)."""

    def __init__(self, names: list[NameSpan]) -> None:
        self.names = sorted(names, key=lambda n: n.start)   # found by one scan: they do not overlap
        self.starts = [n.start for n in self.names]
        self.people = [0]   # people[k]: how many of names[:k] are person-like
        for name in self.names:
            self.people.append(self.people[-1] + (not name.text.isupper()))

    def window(self, low: int, high: int) -> tuple[int, int]:
        """The indexes [i, j) of the names starting at low or after, and before high."""
        return bisect.bisect_left(self.starts, low), bisect.bisect_left(self.starts, max(low, high))

    def persons(self, i: int, j: int) -> int:
        return self.people[j] - self.people[i]

    def first(self, i: int, j: int, people: bool) -> NameSpan:
        """The first name of names[i:j] (the first person-like one, with people)."""
        return self.names[bisect.bisect_left(self.people, self.people[i] + 1) - 1 if people else i]

    def last(self, i: int, j: int, people: bool) -> NameSpan:
        return self.names[bisect.bisect_left(self.people, self.people[j]) - 1 if people else j - 1]


def _speaker(prose, code, sentences, index: _Names, q_start, q_end) -> tuple[str | None, bool | None]:
    """(speaker, explicit); (None, None) when a pronoun says it is someone named before."""
    _, s_end = _sentence(sentences, max(q_end - 1, 0))
    after = prose[q_end:min(s_end if s_end > q_end else q_end, q_end + AFTER_WINDOW)]
    if _cues(code).match(after):
        return None, None
    i, j = index.window(q_end, q_end + len(after))
    if j > i:
        people = index.persons(i, j) > 0
        first = index.first(i, j, people)
        count = index.persons(i, j) if people else j - i
        return first.text, count == 1 or first.start - q_end < 25
    s_start, _ = _sentence(sentences, q_start)
    before_text = prose[s_start:q_start]
    if _cues(code).match(before_text.strip() and before_text or ""):
        return None, None
    i, j = index.window(s_start, q_start)
    if j > i and index.names[j - 1].end > q_start:   # the one name that runs into the quotation
        j -= 1
    if j > i:
        people = index.persons(i, j) > 0
        count = index.persons(i, j) if people else j - i
        return index.last(i, j, people).text, count == 1
    return None, False


def _first_name(sentences, index: _Names, q_start, q_end) -> str | None:
    """The sentence's first name outside the quotation."""
    s_start, s_end = _sentence(sentences, q_start)
    parts = [index.window(s_start, min(q_start, s_end)), index.window(max(q_end, s_start), s_end)]
    parts = [(i, j) for i, j in parts if j > i]
    if not parts:
        return None
    people = any(index.persons(i, j) for i, j in parts)
    for i, j in parts:
        if not people or index.persons(i, j):
            return index.first(i, j, people).text
    return None
