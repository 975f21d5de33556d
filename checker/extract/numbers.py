"""Numbers in prose, French and English, from the language data: pure text → NumberMentions.

"1 000", "1,000", "3,5", "3.5", "1,2 milliard", "500 millions", "$2bn", "deux", "dix", "vingt-deux",
ordinals ("1er", "3e", "21st") and centuries ("XXe siècle", "21e siècle", "21st century"). Each number
keeps the precision it was written with (`step`: 1 for "311", 0.1 for "3,5", 100 million for "1,2
milliard"), so that a check can tell a rounded figure from a wrong one. A figure whose reading depends on
a convention the text does not settle ("1.500" in French, "3,5" in English) is `ambiguous`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation, starts
from .. import patterns
from .anchored import DIGIT_RUN, finditer_at, first_words, word_hits


def _alternation(words) -> str:
    return alternation(words, loose=False)

_CURRENCY_BEFORE = patterns.compile(r"[$£€¥]\s*$")
_WORD_SPLIT = patterns.compile(r"[-‑\s]+")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class NumberMention:
    start: int
    end: int
    value: float
    step: float               # the precision as written: half of it is rounding, not error
    kind: str = "digits"      # "digits", "words", "ordinal" or "century"
    scale: float = 1          # 10^9 for "milliard"
    ambiguous: bool = False
    scale_span: tuple[int, int] | None = None




@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    groups = "".join(patterns.escape(s) for s in data["thousands_separators"])
    long_scales = [w for w in data["scale_words"] if len(w) > 2]
    short_scales = [w for w in data["scale_words"] if len(w) <= 2]
    words = _alternation(data["cardinal_words"])
    suffixes = _alternation(data["ordinal_suffixes"])
    centuries = _alternation(data["century_words"])
    glued = _alternation(glued_units(code)) or "(?!)"
    flags = 0
    return {
        # a unit may be glued to its number ("60mph", "-5C", "37km/h"): the number ends before it
        "digits": patterns.compile(
            rf"(?=[-−\d])(?<![\w,.\-/:])(?:(?<=[\s(]|^)(?P<sign>[-−]))?(?P<int>\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)|\d+)"
            rf"(?:(?P<sep>[.,])(?P<frac>\d+))?"
            rf"(?:\s+(?P<scale>{_alternation(long_scales) or '(?!)'})(?!\w)"
            rf"|(?P<scale>{_alternation(short_scales) or '(?!)'})(?!\w)|(?!\w|[.,]\d)|(?=(?:{glued})(?![\w/]|\.\w)))",
            flags | regex.M),
        "words": patterns.compile(rf"{starts(data['cardinal_words'])}(?<![\w-])(?P<w>(?:{words})(?:[-‑](?:et[-‑])?(?:{words}))*)(?![\w-])", flags | regex.I),
        "century": patterns.compile(
            rf"(?=[\dIVXLivxl])(?<!\w)(?P<n>\d{{1,2}}|[IVXL]{{1,6}})(?:{suffixes})\s+(?:{centuries})(?!\w)", flags | regex.I),
        "ordinal": patterns.compile(rf"(?=\d)(?<![\w,.])(?P<n>\d{{1,4}})(?:{suffixes})(?!\w)", flags),
        "scale_after": patterns.compile(rf"\s+(?P<scale>{_alternation(long_scales) or '(?!)'})(?!\w)", regex.I),
    }


@functools.lru_cache(maxsize=None)
def _suffix_firsts(code: str) -> frozenset[str] | None:
    """The characters an ordinal suffix begins with (the pattern reads them as written); None when one begins
    with a digit."""
    firsts = frozenset(s[0] for s in language.load(code)["ordinal_suffixes"])
    return None if any(regex.match(r"\d", c) for c in firsts) else firsts


def _starts(prose: str, code: str) -> tuple[list[int], list[int]]:
    """Where an ordinal and a number in digits can begin. Both patterns forbid a word character (a digit is one)
    before their first digit, so a match's digits begin a run of digits: an ordinal's run is followed by its
    suffix (at most four digits, then the suffix's first character: when no suffix begins with a digit, its
    digits are the whole run); a number in digits begins with its run, or with the sign just before it. Each
    pattern was tried at every digit of the article, most of them inside runs or, for ordinals, followed by
    no suffix."""
    runs = [m.span() for m in DIGIT_RUN.finditer(prose)]
    firsts = _suffix_firsts(code)
    ordinals = [a for a, b in runs if firsts is None or (b - a <= 4 and prose[b:b + 1] in firsts)]
    signed = []
    for a, _ in runs:
        if a and prose[a - 1] in "-−":
            signed.append(a - 1)
        signed.append(a)
    return ordinals, signed


@functools.lru_cache(maxsize=None)
def _first_words(code: str) -> frozenset[str]:
    """Where a number in words can begin: one of its words ("vingt-deux" begins at "vingt"). The language's
    cardinal words begin with frequent letters: looking for the words first is cheaper than the pattern."""
    return first_words(language.load(code)["cardinal_words"])


@functools.lru_cache(maxsize=None)
def glued_units(code: str) -> dict[str, str]:
    """Units that may be written glued to their number ("60mph", "-5C"): the short written forms of the
    language's units (no space, at most 4 characters) and its `glued_units` ("C", "F"), → unit id."""
    data = language.load(code)
    short = {w: u for w, u in data["units"].items() if " " not in w and len(w) <= 4 and not w[0].isdigit()
             and w not in data["scale_words"]}
    return {**short, **data.get("glued_units", {})}


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(text.upper()):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


def _words_value(text: str, table: dict) -> int | None:
    """"vingt-deux" → 22, "quatre-vingt-dix" → 90, "deux cent mille" → 200 000: the longest known word
    at each point ("quatre-vingt-dix" is one word of the data), hundreds and thousands multiply."""
    tokens = [t for t in _WORD_SPLIT.split(text.lower()) if t and t != "et"]
    total, current, i = 0, 0, 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            value = table.get("-".join(tokens[i:j]))
            if value is not None:
                break
        else:
            return None
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
        i = j
    return total + current


def _digits(m, code: str, data) -> NumberMention | None:
    integer, frac, sep = m.group("int"), m.group("frac"), m.group("sep")
    decimal = data["decimal_separator"]
    ambiguous = False
    borrowed = data["borrowed_decimal_separator"]
    if sep and sep != decimal:
        # "3.5" in French text is a decimal point borrowed from English; "1.500" may be a thousands group
        ambiguous = len(frac) == 3
        if sep != borrowed:
            return None   # "1,000" is grouped by the int pattern; a lone comma is a list separator
    if borrowed and borrowed in integer:
        ambiguous = ambiguous or integer.count(borrowed) == 1
    digits = "".join(c for c in integer if c.isdigit())
    value = float(f"{digits}.{frac}" if frac else digits)
    step = 10.0 ** -len(frac) if frac else 1.0
    scale = 1.0
    if m.group("scale"):
        word = m.group("scale")
        scale = float(data["scale_words"].get(word, data["scale_words"].get(word.lower(), 1)))
        if len(word) <= 2 and word in ("m", "k", "M"):
            before = m.string[max(0, m.start() - 3):m.start()]
            if not _CURRENCY_BEFORE.search(before):
                return _plain(m, value, step, ambiguous)
    if m.group("sign"):
        value = -value
    span = m.span("scale") if m.group("scale") else None
    return NumberMention(m.start(), m.end(), value * scale, step * scale, "digits", scale, ambiguous, span)


def _plain(m, value, step, ambiguous) -> NumberMention:
    end = m.end("frac") if m.group("frac") else m.end("int")
    sign = -1 if m.group("sign") else 1
    return NumberMention(m.start(), end, sign * value, step, "digits", 1.0, ambiguous)


# complex by design (C901): the shapes of a number are found in turn, each marking the text it took so that the next ones skip it
def find_numbers(prose: str, code: str) -> list[NumberMention]:  # noqa: C901
    data = language.load(code)
    pats = _patterns(code)
    found: list[NumberMention] = []
    taken = bytearray(len(prose))
    for m in pats["century"].finditer(prose):
        raw = m.group("n")
        value = int(raw) if raw.isdigit() else _roman(raw)
        if value:
            found.append(NumberMention(m.start(), m.end(), float(value), 1.0, "century"))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    ordinals, signed = _starts(prose, code)
    for m in finditer_at(pats["ordinal"], prose, ordinals):
        if taken.find(1, m.start(), m.end()) < 0:
            found.append(NumberMention(m.start(), m.end(), float(m.group("n")), 1.0, "ordinal"))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for m in finditer_at(pats["digits"], prose, signed):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        number = _digits(m, code, data)
        if number is not None:
            found.append(number)
    scales = {k.lower(): v for k, v in data["scale_words"].items() if len(k) > 2}
    for m in finditer_at(pats["words"], prose, sorted({at for at, _ in word_hits(prose, _first_words(code))})):
        value = _words_value(m.group("w"), data["cardinal_words"])
        if value is None:
            continue
        end, scale, span = m.end(), 1.0, None
        s = pats["scale_after"].match(prose, m.end(), m.end() + 300)
        if s:
            scale, end, span = float(scales[s.group("scale").lower()]), s.end(), s.span("scale")
        found.append(NumberMention(m.start(), end, value * scale, scale, "words", scale, False, span))
    return sorted(found, key=lambda n: n.start)
