"""Is a sentence about the future? Cheap, data-driven: future verb endings and future words."""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from .. import patterns


@functools.lru_cache(maxsize=None)
def _future(code: str) -> regex.Pattern:
    data = language.load(code)
    words = "|".join(regex.escape(w) for w in sorted(data["future_words"], key=len, reverse=True))
    endings = "|".join(sorted(data["future_verb_endings"], key=len, reverse=True))
    # a word of two letters or more before a future ending: the word is taken whole (possessive) and its end
    # looked at once, not backed into letter by letter for every ending (the same matches, several times cheaper)
    verb = rf"|\b\p{{Ll}}++(?<=\p{{Ll}}{{2}}(?:{endings}))\b" if endings else ""
    return patterns.compile(rf"(?:(?<!\w)(?:{words})(?!\w){verb})", regex.I)


@functools.lru_cache(maxsize=None)
def _not_future(code: str) -> frozenset[str]:
    return frozenset(language.load(code)["not_future_words"])


def is_future(sentence: str, code: str) -> bool:
    stop = _not_future(code)
    for m in _future(code).finditer(sentence):
        if m.group().lower() not in stop:
            return True
    return False
