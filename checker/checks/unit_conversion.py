"""A figure and its conversion, in the same sentence, that do not match.

## What it finds
A quantity followed by the same quantity in another unit, in parentheses or after "soit", "or",
"c'est-à-dire" … ("500 kilomètres (250 miles)", "25 °C, soit 90 °F", "£500m (about $630m)"):
length, mass, temperature, area, speed and volume with the exact conversion factors of
`checker/lang/units.yaml`; currencies only with a dated rate of the rule files (`rates:`) for the
day the sentence speaks of, and never without one. "livres"/"pounds" is a weight or a currency:
the other figure decides ("20 livres (9 kg)" is a weight, "15 livres (20 dollars)" money, and "500
millions de livres" money).

The figures may be linked by parentheses, "soit", "c'est-à-dire", "or", "i.e.", with "environ",
"about", "près de" before either; units may be glued to the numbers ("-5C (41F)", "60mph (37km/h)")
or make a compound adjective ("the 26.2-mile (42.2-kilometer) race").

The first figure is the one converted, read to its written digits ("100 km" is 99.5 to 100.5 km).
The second may be rounded as far as its trailing zeros allow, but never past the first digit of the
value it stands for ("20 miles (30 km)": 32 km to the ten; "100 km (100 miles)" is not 62 miles to
the hundred), or by 3 % when "environ"/"about" says so; then a margin for the factor: 1 % for
physical units, 2 % for currencies (rates differ by source and hour). The suggestion has as many
digits as the figure converted.

## Why it matters
A wrong conversion is a factual error the reader can check with a calculator; it undermines the
figure it was meant to explain.

## Fails
```text
… à environ 500 kilomètres (250 miles) de Berlin.
La course fait 100 kilomètres (100 miles) de long.
Le convoi a parcouru 2 500 kilomètres, soit environ 1 000 miles, en trois jours.
Temperatures dropped to -5C (41F) overnight.
He finished the 26.2-mile (422-kilometer) event in under three hours.
(12 February 2026) un paquet de 500 millions de livres sterling (environ 630 millions de dollars)
```

## Passes
```text
… à environ 500 kilomètres (311 miles) de Berlin.
The town is about 100 miles (160 km) north of the capital.
The summit is about 20 miles (30 kilometers) from the border.
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


def _roundness(number) -> float:
    """How far a figure may have been rounded, as written: "311" to 1, "310" to 10, "630 millions" to 10 million."""
    step = number.step
    if step >= 1 and number.value:
        units = round(abs(number.value) / step)
        while units and units % 10 == 0:
            units //= 10
            step *= 10
    return step


def _rounding(number, expected: float) -> float:
    """The rounding the second figure may have: its trailing zeros, but never past the first digit of the value it
    stands for ("20 miles (30 km)": 32 to the ten; "100 km (100 miles)": 62 is not rounded to the hundred), and
    never finer than its written digits."""
    magnitude = 10 ** math.floor(math.log10(abs(expected))) if expected else number.step
    return max(number.step, min(_roundness(number), magnitude))


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


def _format(value: float, quantity, source, prose: str, code: str) -> str:
    """The second figure as it should read, written like the article wrote it ("311 miles", "680 millions de dollars"),
    with as many digits as the figure converted has ("26.2-mile" → "42.2-kilometer", "12-foot" → "3.7-meter")."""
    number = quantity.number
    written = prose[number.start:number.end]
    head = _HEAD.match(written)
    step = number.step
    if value and source.number.value:
        digits = math.floor(math.log10(abs(source.number.value))) - math.floor(math.log10(_roundness(source.number))) + 1
        step = min(step, 10 ** (math.floor(math.log10(abs(value))) - max(1, digits) + 1))
    if quantity.approx and value:   # "environ 630 millions": two digits, as round as the text wrote it
        step = max(step, min(_roundness(number), 10 ** (math.floor(math.log10(abs(value))) - 1)))
    step /= number.scale
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
    # the first figure stands for any value its written digits round to ("100 km": 99.5 to 100.5 km)
    sides = (q1.value - q1.number.step / 2, q1.value + q1.number.step / 2)
    if dim == CURRENCY:
        interval, _ = ctx.when(q1.start)
        rates = _rates(ctx, u1, u2, interval) if interval else None
        if not rates:
            return None
        expected = [side * m for m, _ in rates for side in sides]
        margin = MARGIN[CURRENCY]
        evidence = tuple(dict.fromkeys(Evidence(r.where, f"{r.pair} {r.rate} on {r.start.isoformat()} ({r.source})")
                                       for _, r in rates))
    else:
        expected = [convert(side, u1, u2) for side in sides]
        margin = MARGIN["physical"]
        evidence = (Evidence("checker/lang/units.yaml", f"1 {u1} = {convert(1, u1, u2):.6g} {u2}" if dim != "temperature"
                             else f"{u1} to {u2}: affine conversion"),)
    low, high = min(expected), max(expected)
    middle = (low + high) / 2
    size = max(abs(low), abs(high))
    # the second figure rounded as written, or by the approximation the text states, whichever allows more; then
    # the margin of the conversion itself (factors and rates quoted differently)
    allowed = _rounding(q2.number, middle) / 2
    if q1.approx or q2.approx:
        allowed = max(allowed, APPROX_MARGIN * size)
    tolerance = allowed + margin * size
    if low - tolerance <= q2.value <= high + tolerance:
        return None
    suggestion = _format(middle, q2, q1, prose, code)
    message = (f"“{ctx.article.text[q1.start:q1.end]}” is about {suggestion} ({u1} to {u2}), "
               f"not “{ctx.article.text[q2.start:q2.end]}”")
    return ctx.finding(ID, q2.start, q2.end, message, SEVERITY, suggestion, evidence)
