"""Quantities: a number with its unit, from the language data ("500 kilomètres", "311 miles", "5 %",
"5 pour cent", "500 millions de livres sterling", "$2bn", "-5 °C"). Pure text + numbers → Quantities.

"livres"/"pounds" alone is a weight or a currency: with a scale word ("500 millions de livres") it is
money; otherwise both readings are kept (`candidates`) and the check that uses the quantity decides
(the other figure of a conversion tells which). French "milles" are miles or nautical miles alike.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..units import CURRENCY, PERCENT, dimension
from .numbers import NumberMention
from ..lang import alternation
from .. import patterns

_SYMBOL_BEFORE = patterns.compile(r"(?:US\$|[$£€])[ \t\u00a0]?$")

_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "US$": "USD"}


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    number: NumberMention
    unit: str | None                    # unit id of units.yaml, "percent", or an ISO currency code
    candidates: tuple[str, ...] = ()    # when the written unit has two readings
    approx: bool = False                # "environ", "about" … before the figure
    unit_span: tuple[int, int] | None = None

    @property
    def value(self) -> float:
        return self.number.value

    def dimensions(self) -> set[str]:
        units = self.candidates or ((self.unit,) if self.unit else ())
        return {dimension(u) for u in units if dimension(u)}




@functools.lru_cache(maxsize=None)
def _patterns(code: str):
    data = language.load(code)
    units = {**data["units"], **{w: PERCENT for w in data["percent_words"]}}
    link = alternation(data["scale_link"])
    after = patterns.compile(rf"[ \t\u00a0\u202f]*(?:(?:{link})\s*)?(?P<unit>{alternation(units)})(?!\w)")
    approx = patterns.compile(rf"(?:^|\W)(?:{alternation(data['approximation_words'])})\s*$", regex.I)
    return units, after, approx


def find_quantities(prose: str, code: str, numbers: list[NumberMention]) -> list[Quantity]:
    data = language.load(code)
    units, after, approx = _patterns(code)
    lowered = {k.lower(): v for k, v in units.items()}
    ambiguous = {k.lower(): tuple(v) for k, v in data.get("ambiguous_units", {}).items()}
    found = []
    for number in numbers:
        if number.kind not in ("digits", "words") or number.ambiguous:
            continue
        start, unit, span, candidates = number.start, None, None, ()
        symbol = _SYMBOL_BEFORE.search(prose[max(0, number.start - 4):number.start])
        m = after.match(prose, number.end, number.end + 300)
        if m and (m.group("unit") != "m" or number.scale == 1):
            written = " ".join(m.group("unit").split()).replace("’", "'")
            unit = units.get(written) or lowered.get(written.lower())
            span = m.span("unit")
            if written.lower() in ambiguous:
                candidates = ambiguous[written.lower()]
                money = next((u for u in candidates if dimension(u) == CURRENCY), None)
                if money and (number.scale >= 1000 or symbol):
                    unit, candidates = money, ()
        if symbol and (unit is None or dimension(unit) == CURRENCY):
            unit = unit or _SYMBOLS[symbol.group().strip()]
            start = number.start - len(symbol.group())
        if unit is None and not candidates:
            continue
        end = span[1] if span else number.end
        near = approx.search(prose[max(0, start - 40):start])
        found.append(Quantity(start, end, number, unit, candidates, bool(near), span))
    return found
