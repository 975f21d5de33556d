"""Is a sentence about the future? Cheap, data-driven: future verb endings and future words."""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from .. import patterns
from .clauses import word_start


@functools.lru_cache(maxsize=None)
def _future(code: str) -> regex.Pattern:
    data = language.load(code)
    words = "|".join(patterns.escape(w) for w in sorted(data["future_words"], key=len, reverse=True))
    endings = "|".join(sorted(_shortest(data["future_verb_endings"]), key=lambda e: (-len(e), e)))
    # a word of two letters or more before a future ending: the word is taken whole (possessive) and its end
    # looked at once, not backed into letter by letter for every ending (the same matches, several times cheaper)
    verb = rf"|\b\p{{Ll}}++(?<=\p{{Ll}}{{2}}(?:{endings}))\b" if endings else ""
    return patterns.compile(rf"(?:{word_start(data['future_words'])}(?:{words})(?!\w){verb})", regex.I)


def _shortest(endings: list[str]) -> set[str]:
    """The endings that do not end with another one: a word of two letters and "erai" is a word of two letters
    and "rai" ("e" is a lower-case letter); the longer ending can decide nothing, and each costs a test per word."""
    return {e for e in endings
            if not any(e != o and e.endswith(o) and e[:-len(o)].isalpha() and e[:-len(o)].islower() for o in endings)}


@functools.lru_cache(maxsize=None)
def _not_future(code: str) -> frozenset[str]:
    return frozenset(language.load(code)["not_future_words"])


CACHED_CHARS = 2000   # longer sentences are not kept: 256 of an article's size (up to 10 MB) would be held


def is_future(sentence: str, code: str) -> bool:
    return _remembered(sentence, code) if len(sentence) <= CACHED_CHARS else _is_future(sentence, code)


# several checks ask about the same sentence (dating, year-typo, event-date, the claims' reading): a quarter of the
# questions are repeats, answered from here
@functools.lru_cache(maxsize=256)
def _remembered(sentence: str, code: str) -> bool:
    return _is_future(sentence, code)


def _is_future(sentence: str, code: str) -> bool:
    stop = _not_future(code)
    for m in _future(code).finditer(sentence):
        if m.group().lower() not in stop:
            return True
    return False
