"""Clauses and words of a sentence, for the claim reader: where a figure's clause begins and ends, its context
words, and whom a sentence attributes its figures to ("selon le parquet", "according to the police")."""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation

_WORD = patterns.compile(r"\p{L}[\p{L}'’-]*")
_ELISION = patterns.compile(r"['’]")


@functools.lru_cache(maxsize=None)
def _data(code: str) -> dict:
    data = language.load(code)
    flags = regex.I            # version 0: simple case folding compiles several times faster than V1
    return {
        "break": patterns.compile(rf",(?=\s)|[;:()\[\]–—«»“”]|(?<!\w)(?={alternation(data['clause_breaks'])}(?!\w))", flags),
        "source": patterns.compile(rf"(?<!\w)(?:{alternation(data['statement_sources'])})\s+(?P<who>[^,;:.!?()«»]{{1,60}})", flags),
        "stop": frozenset(fold(w) for w in data["statement_stopwords"]),
    }


def clause_around(prose: str, sentence: tuple[int, int], start: int, end: int, code: str) -> tuple[int, int]:
    """The clause of the sentence that holds [start, end): cut at punctuation and the language's clause words."""
    s_start, s_end = sentence
    left, right = s_start, s_end
    for m in _data(code)["break"].finditer(prose, s_start, s_end):
        if m.end() <= start or (m.start() == m.end() and m.start() <= start):
            left = m.end() if m.end() > m.start() else m.start()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def clause_breaks(prose: str, sentence: tuple[int, int], code: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clause breaks (punctuation, clause words; a clause word's span is empty)."""
    return [m.span() for m in _data(code)["break"].finditer(prose, sentence[0], sentence[1])]


def content_words(text: str, code: str) -> list[str]:
    """Folded words without elided articles, stop words and short words: "l'aide" → "aide"."""
    stop = _data(code)["stop"]
    out = []
    for raw in _WORD.findall(text):
        word = _content_form(raw)
        if len(word) > 2 and word not in stop:
            out.append(word)
    return out


@functools.lru_cache(maxsize=65536)
def _content_form(word: str) -> str:
    return _ELISION.split(fold(word))[-1].strip("-")


@functools.lru_cache(maxsize=256)
def attribution(prose: str, sentence: tuple[int, int], code: str) -> tuple[str | None, tuple[int, int]]:
    """(source, span) of "selon le parquet" / "according to the police" in the sentence: ("parquet", …). Asked
    twice of a sentence that opens with a name (its subject, then its claims): kept for the next question."""
    m = _data(code)["source"].search(prose, sentence[0], sentence[1])
    if m is None:
        return None, (0, 0)
    who = content_words(m.group("who"), code)
    return (" ".join(who[:3]) if who else fold(m.group("who")).split()[0]), m.span()
