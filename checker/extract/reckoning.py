"""Statements that can be reckoned: a founding year with an age or anniversary ("fondée en 1945,
l'ONU fête ses 80 ans"), a span of years with its length ("de 2010 à 2024, soit 14 ans") and a
change with its percentage ("de 2 à 3 milliards, soit une hausse de 50 %"). From the language data;
pure text + numbers → statements, one sentence at a time. The arithmetic is the check's.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .numbers import NumberMention
from ..lang import alternation, starts
from .. import patterns

YEAR = r"(?:1[6-9]|20|21)\d\d"
PERCENT_SIGN = r"(?:\s*%)?"   # "de 2 % à 3 %": the first figure of a change may carry its unit


@dataclass(frozen=True, slots=True)
class Age:
    founded: int                  # the year of the founding or birth
    founded_span: tuple[int, int]
    age: NumberMention
    span: tuple[int, int]         # the phrase that states the age
    exact: bool                   # an anniversary is exact; an age may be one less before the birthday


@dataclass(frozen=True, slots=True)
class YearSpan:
    first: int
    last: int
    span: tuple[int, int]
    length: NumberMention
    length_span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Change:
    before: NumberMention
    after: NumberMention
    percent: NumberMention
    direction: str | None         # "up", "down" or None when only a sign or nothing says it
    span: tuple[int, int]         # the stated percentage




def _template(text: str, slots: dict[str, str]) -> str:
    body = regex.escape(text).replace(r"\ ", r"\s+").replace("'", "['’]")
    for name, pattern in slots.items():
        body = body.replace(regex.escape("{" + name + "}"), pattern)
    return body


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    n = r"(?P<n>\d{1,3}|\p{L}+(?:-\p{L}+)*)"   # a word is kept only if it reads as a number (see _number_at)
    flags = regex.I
    founding = alternation(data["founding_words"])
    units = alternation(data["year_units"])
    links = alternation(data["duration_links"])
    approx = alternation(data["approximation_words"])
    number = r"[-−]?\d(?:[\d\u00a0\u202f .,]*\d)?"
    def joined(templates, slots):
        return "|".join(f"(?:{_template(t, slots)})" for t in templates)
    change = alternation(data["change_words"])
    of = rf"\s+(?:{alternation(data['scale_link'])})(?:\s|(?<=['’]))"
    return {
        "founded": patterns.compile(rf"{starts(data['founding_words'])}(?<!\w)(?:{founding})\s+(?P<year>{YEAR})(?!\d)", flags),
        # "fête ses 50 ans de carrière", "a 40 ans de métier": years of something else, not an age
        "anniversary": patterns.compile(rf"(?<!\w)(?:{joined(data['anniversary_patterns'], {'n': n})})(?!\w|\s*(?:%|‰)|{of})", flags),
        "age": patterns.compile(rf"(?<!\w)(?:{joined(data['age_patterns'], {'n': n})})(?!\w|\s*(?:%|‰)|{of})", flags),
        "years": patterns.compile(
            rf"(?<![\w/.-])(?:{joined(data['year_span_patterns'], {'a': f'(?P<a>{YEAR})', 'b': f'(?P<b>{YEAR})'})})(?![\w/-])", flags),
        "duration_after": patterns.compile(rf"\s*[,(—–-]?\s*(?:(?:{links})\s+)?(?:(?:{approx})\s+)?{n}\s+(?:{units})(?!\w)", flags),
        "duration_before": patterns.compile(rf"(?:(?:{links})\s+)?(?:(?:{approx})\s+)?{n}\s+(?:{units})\s*[,(—–-]?\s*$", flags),
        "from_to": patterns.compile(rf"(?<!\w)(?:{joined(data['range_from_to'], {'a': f'(?P<a>{number})' + PERCENT_SIGN, 'b': f'(?P<b>{number})'})})", flags),
        "change": patterns.compile(
            rf"{starts(data['change_words'], also='+−-')}(?:(?P<word>{change})\s+(?:(?:de|d['’]|of|by)\s+)?(?:(?:{approx})\s+)?|(?P<sign>[+−-])\s?)(?P<p>{number})\s*(?:%|pour\s+cent|per\s*cent|percent)", flags),
    }


def _number_at(numbers: dict[int, NumberMention], start: int) -> NumberMention | None:
    """The number read at `start`, or one whose sign stands just before it ("-25 %")."""
    return numbers.get(start) or numbers.get(start - 1)


def find_reckonings(prose: str, code: str, sentences: list[tuple[int, int]], numbers: list[NumberMention]):
    data = language.load(code)
    p = _patterns(code)
    by_start = {n.start: n for n in numbers}
    changes = {k.lower(): v for k, v in data["change_words"].items()}
    ages, spans, moves = [], [], []
    for s, e in sentences:
        founded = [m for m in p["founded"].finditer(prose, s, e)]
        if len(founded) == 1:
            f = founded[0]
            for kind, exact in (("anniversary", True), ("age", False)):
                for m in p[kind].finditer(prose, s, e):
                    n = _number_at(by_start, m.start("n"))
                    if n is not None:
                        ages.append(Age(int(f.group("year")), f.span("year"), n, m.span(), exact))
        for m in p["years"].finditer(prose, s, e):
            a, b = int(m.group("a")), int(m.group("b"))
            if b <= a:
                continue
            after = p["duration_after"].match(prose, m.end(), e)
            before = p["duration_before"].search(prose, max(s, m.start() - 60), m.start())
            hit = after or before
            if hit:
                n = _number_at(by_start, hit.start("n"))
                if n is not None:
                    spans.append(YearSpan(a, b, m.span(), n, hit.span("n")))
        for m in p["from_to"].finditer(prose, s, e):
            x, y = _number_at(by_start, m.start("a")), _number_at(by_start, m.start("b"))
            c = p["change"].search(prose, m.end(), min(e, m.end() + 80))
            if x is None or y is None or c is None:
                continue
            pct = _number_at(by_start, c.start("p"))
            if pct is None:
                continue
            direction = changes.get(c.group("word").lower()) if c.group("word") else \
                ("up" if c.group("sign") == "+" else "down")
            moves.append(Change(x, y, pct, direction, (c.start(), c.end())))
    return ages, spans, moves
