"""A figure and its conversion, in the same sentence, that do not match.

## What it finds
A quantity followed by the same quantity in another unit, in parentheses or after "soit", "or",
"c'est-à-dire" … ("500 kilomètres (250 miles)", "25 °C, soit 90 °F", "£500m (about $630m)"):
length, mass, temperature, area, speed and volume with the exact conversion factors of
`checker/lang/units.yaml`; currencies only with a dated rate of the rule files (`rates:`) for the
day the sentence speaks of, and never without one. "livres"/"pounds" is a weight or a currency:
the other figure decides ("20 livres (9 kg)" is a weight, "15 livres (20 dollars)" money, and "500
millions de livres" money).

The first figure is the one converted; the second may be rounded as far as it is written ("310
miles" is 305 to 315, "environ 630 millions" 625 to 635 million) plus a margin: 1 % for physical
units, 2 % for currencies (rates differ by source and hour), 3 % more when "environ"/"about" says so.

## Why it matters
A wrong conversion is a factual error the reader can check with a calculator; it undermines the
figure it was meant to explain.

## Fails
```text
… à environ 500 kilomètres (250 miles) de Berlin.
(12 February 2026) un paquet de 500 millions de livres sterling (environ 630 millions de dollars)
```

## Passes
```text
… à environ 500 kilomètres (311 miles) de Berlin.
Il pèse 20 livres (9 kg).
(a day without a rate in the rules) 500 millions de livres (environ 630 millions de dollars)
```

## Options
None.
"""
from __future__ import annotations

import datetime as dt
import functools
import math

import regex

from .. import lang as language
from ..extract.sentences import sentence_at
from ..finding import Evidence, Severity
from ..units import CURRENCY, PERCENT, convert, dimension
from ..lang import alternation
from .. import patterns

_HEAD = patterns.compile(r"[-−]?\d(?:[\d\s\u00a0\u202f.,]*\d)?")
_GROUPING = patterns.compile(r"\d([\s\u00a0\u202f,.])\d{3}(?!\d)")

ID = "unit-conversion"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
MARGIN = {"physical": 0.01, CURRENCY: 0.02}
APPROX_MARGIN = 0.03
MAX_RATE_DAYS = 7




@functools.lru_cache(maxsize=None)
def _link(code: str) -> regex.Pattern:
    data = language.load(code)
    links, approx = alternation(data["conversion_links"]), alternation(data["approximation_words"])
    return patterns.compile(rf"^\s*(?:[(\[]|,?\s*(?:{links})(?!\w))\s*(?:(?:{approx})\s*)?$", regex.I)


def _units_for(quantity, dim: str) -> list[str]:
    return [u for u in (quantity.candidates or (quantity.unit,)) if u and dimension(u) == dim]


def _effective_step(number) -> float:
    """The rounding of a figure as written: "311" to 1, "310" to 10, "630 millions" to 10 million."""
    step = number.step
    if step >= 1 and number.value:
        units = round(abs(number.value) / step)
        while units and units % 10 == 0:
            units //= 10
            step *= 10
    return step


def _rates(ctx, source: str, target: str, interval) -> list[tuple[float, object]] | None:
    """(multiplier, rate entry) for every day of the interval, or None when a day has no rate."""
    first, last = interval
    if (last - first).days > MAX_RATE_DAYS:
        return None
    direct, inverse = ctx.base.rules.rates.get(f"{source}/{target}", ()), ctx.base.rules.rates.get(f"{target}/{source}", ())
    out, day = [], first
    while day <= last:
        found = next(((r.rate, r) for r in direct if r.start <= day <= r.end), None) or \
            next(((1 / r.rate, r) for r in inverse if r.start <= day <= r.end), None)
        if found is None:
            return None
        out.append(found)
        day += dt.timedelta(days=1)
    return out


def _format(value: float, quantity, prose: str, code: str) -> str:
    """The second figure as it should read, written like the article wrote it ("311 miles", "680 millions de dollars")."""
    number = quantity.number
    written = prose[number.start:number.end]
    head = _HEAD.match(written)
    step = (_effective_step(number) if quantity.approx else number.step) / number.scale
    decimals = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
    scaled = round(value / number.scale / step) * step
    digits = f"{scaled:,.{decimals}f}"   # grouped like the written figure: "1 063" → "2 063", "1,063" → "2,063"
    group = _GROUPING.search(head.group()) if head else None
    separator = group.group(1) if group else ""
    decimal = language.load(code)["decimal_separator"]
    digits = digits.replace(",", "\0").replace(".", decimal).replace("\0", separator)
    rest = written[head.end():] if head else ""
    return prose[quantity.start:number.start] + digits + rest + prose[number.end:quantity.end]


def check(ctx, options):
    code = ctx.article.language
    prose = ctx.article.prose
    quantities = ctx.figures
    for q1, q2 in zip(quantities, quantities[1:]):
        if sentence_at(ctx.sentences, q1.start) != sentence_at(ctx.sentences, q2.start):
            continue
        if not _link(code).match(prose[q1.end:q2.start]):
            continue
        common = q1.dimensions() & q2.dimensions() - {PERCENT}
        if len(common) != 1:
            continue
        dim = common.pop()
        readings = [(a, b) for a in _units_for(q1, dim) for b in _units_for(q2, dim) if a != b]
        if not readings or len(readings) < len(_units_for(q1, dim)) * len(_units_for(q2, dim)):
            continue   # the same unit on both sides, in one reading at least: not a conversion
        found = [_judge(ctx, q1, q2, u1, u2, dim, code) for u1, u2 in readings]
        if all(found):
            yield found[0]


def _judge(ctx, q1, q2, u1: str, u2: str, dim: str, code: str):
    """The finding for one reading of the two units, or None when that reading adds up."""
    prose = ctx.article.prose
    evidence: tuple[Evidence, ...]
    if dim == CURRENCY:
        interval, _ = ctx.when(q1.start)
        rates = _rates(ctx, u1, u2, interval) if interval else None
        if not rates:
            return None
        expected = [q1.value * m for m, _ in rates]
        margin = MARGIN[CURRENCY]
        evidence = tuple(dict.fromkeys(Evidence(r.where, f"{r.pair} {r.rate} on {r.start.isoformat()} ({r.source})")
                                       for _, r in rates))
    else:
        expected = [convert(q1.value, u1, u2)]
        margin = MARGIN["physical"]
        evidence = (Evidence("checker/lang/units.yaml", f"1 {u1} = {convert(1, u1, u2):.6g} {u2}" if dim != "temperature"
                             else f"{u1} to {u2}: affine conversion"),)
    if q1.approx or q2.approx:
        margin += APPROX_MARGIN
    low, high = min(expected), max(expected)
    tolerance = _effective_step(q2.number) / 2 + margin * max(abs(low), abs(high))
    if low - tolerance <= q2.value <= high + tolerance:
        return None
    suggestion = _format((low + high) / 2, q2, prose, code)
    message = (f"“{ctx.article.text[q1.start:q1.end]}” is about {suggestion} ({u1} to {u2}), "
               f"not “{ctx.article.text[q2.start:q2.end]}”")
    return ctx.finding(ID, q2.start, q2.end, message, SEVERITY, suggestion, evidence)
