"""Figures with their unit in prose: "2 milliards d'euros", "1,2 milliard", "5 %", "27 États membres",
"$1.2bn", "plus de 700 personnes", "entre 2 et 3 milliards". Pure text → Figures; the words live in
checker/lang/*.yaml (figure_*). Years, dates, times and numbers without a unit are not figures."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..fold import fold
from ..spans import SpanIndex
from ..lang import alternation, starts
from .. import patterns

APPROX = 0.1          # "environ 2 milliards": ±10 %


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    value: float          # as written, scaled ("1,2 milliard" → 1.2e9)
    low: float            # the interval the text allows: bounds, estimates and ranges widen it
    high: float
    unit: str             # "%", "pp", "EUR", "USD" …, "" (an amount without currency), or the counted noun folded
    unit_kind: str        # percent, points, money, count
    change: bool = False  # "de 27 à 28 membres": the second figure is the end of a change




_NUMBER = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d])(?:,\d+)?|\d+(?:[.,]\d+)*"


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    currencies = data["figure_currencies"]
    symbols = [c for c in currencies if not c[0].isalpha()]
    words = [c for c in currencies if c[0].isalpha()]
    flags = regex.I            # version 0: simple case folding compiles several times faster than V1
    bounds = [b for group in data["figure_bounds"].values() for b in group]
    before = alternation(bounds)
    link = "|".join(regex.escape(w).replace("'", "['’]") + (r"\s*" if w.endswith("'") else r"\s+")
                    for w in data["figure_unit_links"])
    glued = alternation(w for w in data["figure_scales"] if len(w) <= 3)     # "$1.2bn", "£500m"
    return {
        # no IGNORECASE here: it makes this pattern, run over the whole prose, sixteen times slower
        "number": patterns.compile(rf"(?<![\w.,/:°-]|\d[.,])(?:(?P<prefix>{alternation(symbols)})\s?)?(?P<num>{_NUMBER})"
                                rf"(?!(?!(?:{glued})(?!\w))[\w/:]|[.,]\d)"),
        "percent": patterns.compile(rf"\s?(?:{alternation(data['figure_percent'])})(?!\w)", flags),
        "points": patterns.compile(rf"\s(?:{alternation(data['figure_points'])})(?!\w)", flags),
        "scale": patterns.compile(rf"\s?(?P<scale>{alternation(data['figure_scales'])})(?!\w)", flags),
        "currency": patterns.compile(rf"\s?(?:(?:{link})?(?P<cur>{alternation(words)})(?!\w)|(?P<sym>{alternation(symbols)}))", flags),
        "counted": patterns.compile(rf"\s(?P<link>{link})?(?P<noun>\p{{L}}[\p{{L}}-]{{2,}})"
                                 rf"(?:\s(?P<adj>\p{{Ll}}[\p{{L}}-]{{2,}}))?"),
        "bound": patterns.compile(rf"{starts(bounds)}(?<!\w)(?:{before})\s*$", flags),
        "range_start": patterns.compile(
            rf"{starts(data['figure_range']['between'])}(?<!\w)(?:{alternation(data['figure_range']['between'])})\s+$", flags),
        "range_join": patterns.compile(rf"\s*(?:{alternation(data['figure_range']['joiners'])}|-|–)\s*(?={_NUMBER})", flags),
        "change_before": patterns.compile(rf"\d\s*(?:%\s*)?(?:{alternation(data['figure_change_joiners'])}|-|–)\s*$", flags),
    }


_SPACES = patterns.compile(r"[\u00a0\u202f ]")
_DOT_THOUSANDS = patterns.compile(r"\.(?=\d{3}(?!\d))")
_COMMA_THOUSANDS = patterns.compile(r",(?=\d{3}(?!\d))")


def parse_number(text: str, code: str) -> float | None:
    """"1,2" (fr) and "1.2" (en) are decimals; "1 000", "1.000" (fr) and "1,000" (en) are thousands."""
    plain = _SPACES.sub("", text)
    if code == "fr":
        plain = _DOT_THOUSANDS.sub("", plain).replace(",", ".")
    else:
        plain = _COMMA_THOUSANDS.sub("", plain)
    if plain.count(".") > 1:
        return None
    try:
        return float(plain)
    except ValueError:
        return None


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


@functools.lru_cache(maxsize=None)
def _words(code: str) -> tuple[dict, dict, frozenset]:
    data = language.load(code)
    scales = {fold(k): v for k, v in data["figure_scales"].items()}
    currencies = {fold(k): v for k, v in data["figure_currencies"].items()}
    not_units = frozenset({fold(w) for w in data["figure_not_units"]} | {fold(m) for m in data["months"]} |
                          {fold(w) for w in data["weekdays"]} | {fold(w) for w in data["statement_stopwords"]})
    return scales, currencies, not_units


def find_figures(prose: str, code: str, skip: list[tuple[int, int]] = ()) -> list[Figure]:
    """Figures of the prose; numbers inside the `skip` spans (dates) are not figures."""
    pats = _patterns(code)
    scales, currencies, not_units = _words(code)
    found: list[Figure] = []
    consumed_until = -1
    dates = SpanIndex(skip)   # not a scan of every span for every number: quadratic on date-dense text
    for m in pats["number"].finditer(prose):
        if m.start() < consumed_until or m.start("num") in dates:
            continue
        figure = _figure(prose, m, code, pats, scales, currencies, not_units)
        if figure is None:
            continue
        found.append(figure)
        consumed_until = figure.end
    return found


def _figure(prose, m, code, pats, scales, currencies, not_units) -> Figure | None:
    value = parse_number(m.group("num"), code)
    if value is None:
        return None
    end = m.end()
    low = high = value
    join = pats["range_join"].match(prose, end, end + 300)
    if join and pats["range_start"].search(prose, max(0, m.start() - 12), m.start()):
        second = pats["number"].match(prose, join.end(), join.end() + 300)
        upper = parse_number(second.group("num"), code) if second else None
        if upper is not None and upper > value:
            high, end = upper, second.end()
    unit, kind, scale = _unit(prose, end, m.group("prefix"), m.group("num"), code, pats, scales, currencies,
                              not_units)
    if unit is None:
        return None
    unit_text, end = unit
    low, value, high = low * scale, value * scale, high * scale
    head = prose[max(0, m.start() - 30):m.start()]
    bound = pats["bound"].search(head)
    if bound:
        word = fold(bound.group()).strip()
        groups = language.load(code)["figure_bounds"]
        if any(fold(w) == word for w in groups["at_least"]):
            high = float("inf")
        elif any(fold(w) == word for w in groups["at_most"]):
            low = 0.0
        else:
            low, high = low * (1 - APPROX), high * (1 + APPROX)
    change = bool(pats["change_before"].search(head))
    return Figure(m.start(), end, value, low, high, unit_text, kind, change)


def _adjective(noun: str, word: str | None, code: str, not_units) -> bool:
    """"27 États membres", "206 blindés supplémentaires": an adjective after the noun, where the language puts
    it, agreeing in number ("27 personnes souhaitaient" is a verb)."""
    if not word or fold(word) in not_units or not language.load(code)["measure_adjective_after"]:
        return False
    return noun[-1] in "sx" and word[-1] in "sx" or noun[-1] not in "sx" and word[-1] not in "sx"


def _unit(prose, end, prefix, number, code, pats, scales, currencies, not_units):
    """((unit, end), kind, scale) for what follows the number, or (None, …) when it is not a figure."""
    if prefix:
        scale_m = pats["scale"].match(prose, end, end + 300)
        scale = scales[fold(scale_m.group("scale"))] if scale_m else 1
        return (currencies[fold(prefix)], scale_m.end() if scale_m else end), "money", scale
    if (p := pats["percent"].match(prose, end, end + 300)):
        return ("%", p.end()), "percent", 1
    if (p := pats["points"].match(prose, end, end + 300)):
        return ("pp", p.end()), "points", 1
    scale, glued = 1, False
    if (s := pats["scale"].match(prose, end, end + 300)):
        scale, end, glued = scales[fold(s.group("scale"))], s.end(), not s.group()[0].isspace()
    if (c := pats["currency"].match(prose, end, end + 300)):
        return (currencies[fold(c.group("cur") or c.group("sym"))], c.end()), "money", scale
    if glued:
        return None, None, 1     # "500m" without a currency may be metres
    if is_year(number) and scale == 1:
        return None, None, 1
    noun = pats["counted"].match(prose, end, end + 300)
    if noun and noun.group("link") and scale == 1:
        noun = None       # "1 milliard de personnes" counts people; "numéro 1 de l'équipe" counts nothing
    if noun and fold(noun.group("noun")) not in not_units and not noun.group("noun")[0].isdigit():
        words = [fold(noun.group("noun"))]
        stop = noun.end("noun")
        if _adjective(noun.group("noun"), noun.group("adj"), code, not_units):
            words.append(fold(noun.group("adj")))
            stop = noun.end("adj")
        return (" ".join(words), stop), "count", scale
    if scale != 1:
        return ("", end), "money", scale   # "1,2 milliard": an amount whose currency is said elsewhere
    return None, None, 1
