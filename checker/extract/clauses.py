"""Clauses and words of a sentence, for the claim reader: where a figure's clause begins and ends, its context
words, and whom a sentence attributes its figures to ("selon le parquet", "according to the police")."""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation, longest_word
from .anchored import lowered

_WORD = patterns.compile(r"\p{L}[\p{L}'’-]*")
_ELISION = patterns.compile(r"['’]")


_WORD_CHAR = regex.compile(r"\w")
# punctuation that breaks a clause: one character each, so that no break hides another (see clause_breaks)
_PUNCTUATION = patterns.compile(r",(?=\s)|[;:()\[\]–—«»“”]")


def word_start(words) -> str:
    """What must precede a match of the words: no word character. Written `\\b` when every word begins with a
    word character, where the two mean the same, and the regex engine then tries the words only at the starts
    of words (a third to a half cheaper on prose)."""
    return r"\b" if words and all(_WORD_CHAR.match(w) for w in words) else r"(?<!\w)"


@functools.lru_cache(maxsize=None)
def _data(code: str) -> dict:
    data = language.load(code)
    flags = regex.I            # version 0: simple case folding compiles several times faster than V1
    breaks, sources = data["clause_breaks"], data["statement_sources"]
    return {
        # empty: the break is where the word begins
        "break_words": patterns.compile(rf"{word_start(breaks)}(?={alternation(breaks)}(?!\w))", flags),
        "source": patterns.compile(rf"{word_start(sources)}(?:{alternation(sources)})\s+(?P<who>[^,;:.!?()«»]{{1,60}})",
                                   flags),
        "stop": frozenset(fold(w) for w in data["statement_stopwords"]),
        "break_needles": _needles(breaks),
        "source_needles": _needles(sources),
    }


def _needles(phrases) -> frozenset[str] | None:
    """A word of each phrase (its longest, in lower case) that a sentence holds as written wherever the phrase
    occurs in it (its pattern reads spaces and apostrophes loosely, not letters); None when a phrase has none."""
    words = [longest_word(phrase.lower()) for phrase in phrases]
    return frozenset(words) if all(words) else None


def clause_around(prose: str, sentence: tuple[int, int], start: int, end: int, code: str,
                  breaks: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The clause of the sentence that holds [start, end): cut at punctuation and the language's clause words.
    `breaks`: the sentence's clause_breaks, when known."""
    left, right = sentence
    for b_start, b_end in breaks if breaks is not None else clause_breaks(prose, sentence, code):
        if b_end <= start or (b_start == b_end and b_start <= start):
            left = b_end
        elif b_start >= end:
            right = b_start
            break
    return left, right


def clause_breaks(prose: str, sentence: tuple[int, int], code: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clause breaks (punctuation, clause words; a clause word's span is empty), in
    order. Punctuation and words are found apart (two simple patterns scan faster than their alternation) and
    merged: a word's empty break is at a letter, a mark's at the mark, so no place holds both."""
    found = [m.span() for m in _PUNCTUATION.finditer(prose, sentence[0], sentence[1])]
    data = _data(code)
    words = [m.span() for m in data["break_words"].finditer(prose, sentence[0], sentence[1])] \
        if _may_break(prose, sentence, data["break_needles"]) else ()
    return sorted(found + words) if words else found


def _may_break(prose: str, sentence: tuple[int, int], needles: frozenset[str] | None) -> bool:
    """Whether a clause word (or a source's phrase) may occur in the sentence: one of the needles does, in the text
    in lower case (when that is its case folding, see anchored.lowered). Most sentences have none, and this is
    cheaper than the pattern tried at every word."""
    low = lowered(prose)
    return low is None or needles is None or any(low.find(n, sentence[0], sentence[1]) >= 0 for n in needles)


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
    twice of a sentence that opens with a name (its subject, then its claims): kept for the next question. Most
    sentences hold none of the phrases' words: the pattern is searched only in those that may (see _may_break)."""
    data = _data(code)
    if not _may_break(prose, sentence, data["source_needles"]):
        return None, (0, 0)
    for m in data["source"].finditer(prose, sentence[0], sentence[1]):
        who = content_words(m.group("who"), code) or fold(m.group("who")).split()[:1]
        if who:   # "selon" then only blanks names no one: a later phrase of the sentence may
            return " ".join(who[:3]), m.span()
    return None, (0, 0)
