"""Capitalised name spans ("Keir Starmer", "Jean-Paul Bailly", "Lech Wałęsa", "NSATU") and single tokens."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .titles import NAME_TOKEN, trim_name
from .. import patterns


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class NameSpan:
    start: int
    end: int
    text: str
    sentence_initial: bool


@functools.lru_cache(maxsize=None)
def _pattern(code: str) -> regex.Pattern:
    particles = "|".join(patterns.escape(p).replace("'", "['’]") for p in
                         sorted(language.load(code)["name_particles"], key=len, reverse=True))
    return patterns.compile(rf"(?<![\w'’-]){NAME_TOKEN}(?:\s+(?:(?:{particles})\s+)?{NAME_TOKEN}){{0,6}}(?![\w-])")


def find_names(prose: str, code: str) -> list[NameSpan]:
    spans = []
    for m in _pattern(code).finditer(prose):
        at = m.start()
        text, start = trim_name(m.group().rstrip("."), at, code)   # an initial's dot at a sentence end is punctuation
        if not text:
            continue
        initial = False
        if start == at:   # not trimmed: does it open a sentence?
            before = prose[max(0, at - 3):at].rstrip(" «“\"'(")
            initial = not before or before[-1] in ".!?:\n…»”"
        spans.append(NameSpan(start, start + len(text), text, initial))
    return spans


def plausible_names(spans: list[NameSpan], code: str) -> list[NameSpan]:
    """Names that are surely names: a capitalised word at a sentence start (or after a closing quotation mark)
    counts only when the article also writes it elsewhere, and function words ("Le", "Nous"), months and
    weekdays never count."""
    words = _never_names(code)
    elsewhere = {s.text for s in spans if not s.sentence_initial} | \
        {word for s in spans if " " in s.text for word in s.text.split()}
    return [s for s in spans if s.text.lower().strip("'’") not in words
            and (not s.sentence_initial or " " in s.text or s.text in elsewhere)]


@functools.lru_cache(maxsize=None)
def _never_names(code: str) -> frozenset[str]:
    data = language.load(code)
    return frozenset({w.lower() for w in data["function_words"] if isinstance(w, str)} |
                     {w.lower() for w in data["months"]} | {w.lower() for w in data["weekdays"]})
