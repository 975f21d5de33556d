"""Figures: a number with what it counts or measures, read once from the numbers of the prose.

"5 %", "5 pour cent", "500 kilomètres", "60mph", "-5C", "2 milliards d'euros", "$1.2bn", "C$2.7 million",
"15 cents", "27 États membres", "22 million LIN shares", "plus de 700 personnes", "entre 2 et 3 milliards".
A unit is read only when the next words really are one: a unit of the language data (units, percent and
point words, currencies), or a counted noun, plural where the language marks the plural ("348.2 million
compared" and "18 Canadian" count nothing). Each figure keeps the precision it is written with (`step`)
and what its bound words allow (`low`, `high`): "plus de 700" is 700 or more, "environ 2 milliards" about
10 % either side, "jusqu'à 1 200" at most 1 200. Numbers inside dates and years are not figures; a number
without a unit is one of kind "number" (the claim reader keeps it only when a verb makes it a level: "attendance
topped 1,910,000", "le bilan s'élève à 40").

"livres"/"pounds" alone is a weight or a currency: with a scale word or a currency sign it is money;
otherwise both readings are kept (`candidates`) and the check that uses the figure decides.
Pure: prose + numbers + date spans → Figures, in one pass (linear in the text)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation, starts
from ..units import CURRENCY, PERCENT, dimension
from .numbers import NumberMention, glued_units

APPROX = 0.1              # "environ 2 milliards": ±10 %
POINTS, PP = "points", "pp"
_WORD = patterns.compile(r"\p{L}[\p{L}\p{M}'’.-]*")


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Figure:
    start: int                      # the currency sign, else the number
    end: int                        # the end of the unit (or of the number)
    number: NumberMention
    value: float                    # as written, scaled and signed ("1,2 milliard" → 1.2e9)
    step: float                     # the precision written: "311" 1, "3,5" 0.1, "1,2 milliard" 10^8
    low: float                      # what the bound words allow ("plus de 700": 700 to infinity)
    high: float
    bound: str | None               # "approx", "at_least", "at_most", "range" or None
    unit: str | None                # unit id (units.yaml), "percent", "pp", "points", or None
    kind: str                       # percent, points, money, physical, count, amount, number (no unit said)
    counted: str = ""               # for a count, the counted noun phrase folded ("etats membres")
    candidates: tuple[str, ...] = ()   # a written unit with two readings ("livres": lb or GBP)
    unit_span: tuple[int, int] | None = None
    per: str = ""                   # "share" for "15 cents a share"
    approx: bool = False            # an approximation or bound word stands before it
    change: bool = False            # "de 27 à 28 membres": the end of a change
    names: tuple[str, ...] = ()     # capitalised words inside the unit ("LIN shares"): whose units

    def dimensions(self) -> set[str]:
        units = self.candidates or ((self.unit,) if self.unit else ())
        return {dimension(u) for u in units if dimension(u)}


@functools.lru_cache(maxsize=None)
def _data(code: str) -> dict:
    data = language.load(code)
    units = dict(data["units"])
    lowered = {k.lower(): v for k, v in units.items()}
    symbols = {k: v for k, v in data["currency_signs"].items()}
    bounds = [b for group in data["figure_bounds"].values() for b in group]
    unit_words = list(units) + list(data.get("ambiguous_units", {}))
    unit_first = starts(unit_words)
    link = alternation(data["scale_link"])
    flags = regex.I
    per = alternation(data["figure_per_share"])
    glued = glued_units(code)
    return {
        "units": units, "lowered": lowered, "symbols": symbols,
        "ambiguous": {k.lower(): tuple(v) for k, v in data.get("ambiguous_units", {}).items()},
        "glued": glued, "glued_by_first": _by_first_character(glued),
        "bound_groups": {kind: {fold(w) for w in words} for kind, words in data["figure_bounds"].items()},
        "not_units": frozenset(fold(w) for w in data["figure_not_units"]) | frozenset(fold(m) for m in data["months"])
        | frozenset(fold(w) for w in data["cardinal_words"]) | frozenset(fold(w) for w in data["scale_words"])
        | frozenset(fold(w) for w in data["weekdays"]) | frozenset(fold(w) for w in data["statement_stopwords"]),
        "plurals": frozenset(fold(w) for w in data["figure_plural_nouns"]),
        "plural_endings": tuple(data["figure_plural_endings"]),
        "modifiers_first": not data["measure_adjective_after"],
        "percent": patterns.compile(rf"[ \t\u00a0\u202f]?(?:{alternation(data['percent_words'])})(?!\w)", flags),
        "pp": patterns.compile(rf"[ \t\u00a0\u202f]+(?:{alternation(data['percent_point_words'])})(?!\w)", flags),
        "points": patterns.compile(rf"[ \t\u00a0\u202f]+(?:{alternation(data['figure_points'])})(?!\w)", flags),
        "percent_first": _first_letters(data["percent_words"] + data["percent_point_words"] + data["figure_points"]),
        # a unit's first character looked at before its hundred alternatives are tried (see lang.starts): the
        # same matches, the pattern is case-sensitive
        "unit": patterns.compile(rf"[ \t\u00a0\u202f]*{unit_first}(?P<unit>{alternation(unit_words)})(?![\w/'’])"),
        "linked_unit": patterns.compile(
            rf"[ \t\u00a0\u202f]*(?:{link})\s*{unit_first}(?P<unit>{alternation(unit_words)})(?![\w/'’])"),
        "link": patterns.compile(rf"[ \t\u00a0\u202f]+(?:{link})(?:\s+|(?<=['’]))"),
        "symbol": patterns.compile(rf"(?:{alternation(symbols, loose=False)})[ \t\u00a0]?$"),
        "symbol_ends": frozenset(sign[-1] for sign in symbols if sign),   # one stands in the text a sign ends
        "bound": patterns.compile(rf"(?<!\w)(?P<b>{alternation(bounds)})\s*$", flags),
        "approx": patterns.compile(rf"(?:^|\W)(?:{alternation(data['approximation_words'])})\s*$", flags),
        "range_start": patterns.compile(
            rf"(?<!\w)(?:{alternation(data['figure_range']['between'])})\s+$", flags),
        "range_join": patterns.compile(rf"\s*(?:{alternation(data['figure_range']['joiners'])}|-|–)\s*$", flags),
        "change_before": patterns.compile(rf"\d\s*(?:%\s*)?(?:{alternation(data['figure_change_joiners'])}|-|–)\s*$", flags),
        "bound_ends": last_words(bounds), "approx_ends": last_words(data["approximation_words"]),
        "range_ends": last_words(data["figure_range"]["between"]),
        "change_ends": last_words(data["figure_change_joiners"] + ["-", "–"]),
        "per": patterns.compile(rf"[ \t\u00a0]*(?:-|\s)?(?:{per})(?![\w-])", flags),
    }


_BLANKS = " \t\u00a0\u202f"   # what the three patterns of _may_be_percent allow between a number and its word


def last_words(phrases) -> tuple[str, ...]:
    """The last words of the phrases, lowercased: what may_end_with() looks for."""
    return tuple(sorted({p.split()[-1].lower() for p in phrases}))


def may_end_with(before: str, ends: tuple[str, ...]) -> bool:
    """Whether `before` may end with one of some phrases and spaces, as a pattern `(?:phrases)\\s*$` that ignores
    case matches it (`ends`: their last_words). A necessary condition, told by the text's last word when it is in
    ASCII (the pattern ignores case by Unicode's rules, which match a few letters beyond ASCII to ASCII ones, unlike
    str.lower): such patterns, tried at every place of the text before each figure, cost more than this, and most
    figures have no bound, approximation or change before them."""
    last = before.rsplit(None, 1)
    return bool(last) and (not last[-1].isascii() or last[-1].lower().endswith(ends))


def _first_letters(words) -> frozenset[str]:
    """The first letters of the words in lower case, case-folded too ("ſ" → "s"): what _may_be_percent looks for."""
    return frozenset(c for w in words if w for c in (w[0].lower(), w[0].casefold()[0]))


def _may_be_percent(prose: str, end: int, firsts: frozenset[str]) -> bool:
    """Whether a percent, percentage-point or points word may follow a number ending at `end`: a necessary
    condition of the "pp", "percent" and "points" patterns (blanks, then one of their words), told by the first
    character after the blanks when it is in ASCII (see may_end_with). Most numbers are followed by none of
    them, and the three patterns cost more than this."""
    j, size = end, len(prose)
    while j < size and prose[j] in _BLANKS:
        j += 1
    return j < size and (not prose[j].isascii() or prose[j].lower() in firsts)


def is_year(number: NumberMention, prose: str) -> bool:
    written = prose[number.start:number.end]
    return len(written) == 4 and written.isdigit() and 1800 <= number.value <= 2100


def find_figures(prose: str, code: str, numbers: list[NumberMention], skip: list[tuple[int, int]] = ()) -> list[Figure]:
    """The figures of the prose; numbers inside the sorted `skip` spans (dates) are not figures."""
    data = _data(code)
    found: list[Figure] = []
    spans = iter(sorted(skip))   # walked with the numbers: linear, whatever the dates
    span = next(spans, None)
    consumed = -1
    for i, number in enumerate(numbers):
        while span is not None and span[1] <= number.start:
            span = next(spans, None)
        if span is not None and span[0] <= number.start < span[1]:
            continue
        if number.start < consumed or number.kind not in ("digits", "words") or number.ambiguous:
            continue
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        figure = _figure(prose, number, nxt, data)
        if figure is not None:
            found.append(figure)
            consumed = figure.end
    return found


def _figure(prose: str, number: NumberMention, nxt: NumberMention | None, data: dict) -> Figure | None:
    value, step, end = number.value, number.step, number.end
    low = high = None
    head = prose[max(0, number.start - 40):number.start]
    if nxt is not None and may_end_with(head[-14:], data["range_ends"]) and data["range_start"].search(head[-14:]) \
            and data["range_join"].fullmatch(prose, number.end, nxt.start) and nxt.value > value:
        # "entre 2 et 3 milliards": the scale of the second figure is the first one's too
        scale = nxt.scale if number.scale == 1 and nxt.scale > 1 and abs(value) < 1000 else 1
        value, step, low, high, end = value * scale, step * scale, value * scale, nxt.value, nxt.end
        number = NumberMention(number.start, nxt.end, value, step, number.kind, nxt.scale, False, nxt.scale_span)
    unit = _unit(prose, number, end, data, head)
    if unit is None:
        return None
    start, end, unit_id, kind, counted, candidates, unit_span, names = unit
    per = data["per"].match(prose, end, end + 40) if kind in ("money",) else None
    if per:
        end = per.end()
    low = value if low is None else low
    high = value if high is None else high
    bound = "range" if low != high else None
    before = prose[max(0, start - 40):start]
    near = before[-30:]
    approx = may_end_with(before, data["approx_ends"]) and bool(data["approx"].search(before))
    b = data["bound"].search(near) if may_end_with(near, data["bound_ends"]) else None
    if b:
        word = fold(" ".join(b.group("b").split()))
        groups = data["bound_groups"]
        if word in groups["at_least"]:
            bound, high = "at_least", float("inf")
        elif word in groups["at_most"]:
            bound, low = "at_most", (0.0 if low >= 0 else float("-inf"))
        else:
            bound, low, high = "approx", low * (1 - APPROX), high * (1 + APPROX)
    change = may_end_with(near, data["change_ends"]) and bool(data["change_before"].search(near))
    return Figure(start, end, number, value, step, low, high, bound, unit_id, kind, counted, candidates, unit_span,
                  "share" if per else "", approx or bound is not None, change, names)


# complex by design (C901): what follows a number (a currency sign, a symbol, a unit word, a counted noun) is read in one left-to-right decision
def _unit(prose: str, number: NumberMention, end: int, data: dict, head: str):  # noqa: C901
    """(start, end, unit, kind, counted, candidates, unit span, names) of what follows the number; None when it is
    not a figure."""
    start = number.start
    sign = data["symbol"].search(head[-4:]) if not data["symbol_ends"].isdisjoint(head[-4:]) else None
    money = data["symbols"][sign.group().strip()] if sign else None
    if money:
        start = number.start - len(sign.group())
    glued = next((w for w in _glued_at(prose, end, data) if w), None)
    if glued:
        unit = data["glued"][glued]
        return start, end + len(glued), unit, _kind(unit), "", (), (end, end + len(glued)), ()
    if not money and _may_be_percent(prose, end, data["percent_first"]):
        if (p := data["pp"].match(prose, end, end + 60)):
            return start, p.end(), PP, "points", "", (), p.span(), ()
        if (p := data["percent"].match(prose, end, end + 40)):
            return start, p.end(), PERCENT, "percent", "", (), p.span(), ()
        if (p := data["points"].match(prose, end, end + 40)):
            return start, p.end(), POINTS, "points", "", (), p.span(), ()
    m = data["unit"].match(prose, end, end + 80)
    if m is None and number.scale > 1:         # "2 milliards d'euros", "500 millions de livres"
        m = data["linked_unit"].match(prose, end, end + 80)
    if m is None and prose[end:end + 1] in "-‑" and end < len(prose):   # "the 26.2-mile (422-kilometer) event"
        m = data["unit"].match(prose, end + 1, end + 80)
    if m and (m.group("unit") != "m" or number.scale == 1):
        written = " ".join(m.group("unit").split()).replace("’", "'")
        unit = data["units"].get(written) or data["lowered"].get(written.lower())
        candidates: tuple[str, ...] = ()
        if written.lower() in data["ambiguous"]:
            candidates = data["ambiguous"][written.lower()]
            currency = next((u for u in candidates if dimension(u) == CURRENCY), None)
            if currency and (number.scale >= 1000 or money):
                unit, candidates = currency, ()
            else:
                unit = unit if unit in candidates else candidates[0]
        if money and unit and dimension(unit) != CURRENCY and not candidates:
            unit = None                     # "$5 km" is no currency amount of kilometres
        if unit:
            return start, m.end(), unit, _kind(unit) if not candidates else "physical", "", candidates, m.span("unit"), ()
    if money:
        return start, end, money, "money", "", (), None, ()
    if number.kind == "digits" and number.scale == 1 and is_year(number, prose):
        return None
    counted = _counted(prose, number, end, data) if number.kind == "digits" or abs(number.value) >= 2 else None
    if counted:
        stop, words, names = counted
        return start, stop, None, "count", " ".join(words), (), (end, stop), names
    if number.scale > 1:
        return start, end, None, "amount", "", (), None, ()   # "1,2 milliard": its unit is said elsewhere
    if number.kind == "digits" and (abs(number.value) >= 10 or number.step < 1):
        return start, end, None, "number", "", (), None, ()   # "attendance topped 1,910,000": the claim reader decides
    return None


def _glued_at(prose: str, end: int, data: dict):
    """The glued unit right after a number ("60mph", "-5C", "37km/h"), longest first."""
    if end >= len(prose) or prose[end].isspace():
        return
    for word in sorted((w for w in data["glued_by_first"].get(prose[end], ()) if prose.startswith(w, end)),
                       key=len, reverse=True):
        after = prose[end + len(word):end + len(word) + 1]
        if not after or not (after.isalnum() or after == "/"):
            yield word
            return


def _by_first_character(words) -> dict[str, tuple[str, ...]]:
    """The words by their first character, each group in the words' order: the glued units that may begin at a
    character are a few of the many."""
    out: dict[str, list[str]] = {}
    for word in words:
        if word:
            out.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in out.items()}


def _kind(unit: str) -> str:
    dim = dimension(unit)
    return "money" if dim == CURRENCY else "percent" if dim == PERCENT else "physical"


# complex by design (C901): the shapes of a counted noun and their exceptions (its docstring) are told apart in one place
def _counted(prose: str, number: NumberMention, end: int, data: dict):  # noqa: C901
    """(end, words, names) of the noun a number counts: "700 personnes", "27 États membres", "32 member countries",
    "22 million LIN shares", "1 milliard de personnes"; None for "348.2 million compared", "3 ans", "18 Canadian"."""
    pos = end
    if prose[end:end + 1] in ("-", "‑") and number.scale == 1:      # "the 12-nation alliance", "a 19-member NATO"
        m = _WORD.match(prose, end + 1, end + 40)
        if m and m.group()[0].islower() and "-" not in m.group() and fold(m.group()) not in data["not_units"]:
            return m.end(), [fold(m.group())], ()
        return None
    if number.scale > 1:
        link = data["link"].match(prose, pos, pos + 20)
        if link:
            pos = link.end()
    words, names, last = [], [], pos
    singular = abs(number.value) < 2
    for m in _WORD.finditer(prose, pos, min(len(prose), pos + 80)):
        if prose[last:m.start()].strip() or (last == pos and m.start() == pos and pos == end):
            break                       # punctuation between, or a word glued to the number
        word = m.group().rstrip(".'’")
        folded = fold(word)
        if folded in data["not_units"] or any(c.isdigit() for c in word) or folded.endswith("'s"):
            break                       # "Innopac's 13.8 million shares": a possessive is no counted noun
        head = folded in data["plurals"] or (folded.endswith(data["plural_endings"]) and len(folded) > 3
                                             and not folded.endswith("ss")) or (singular and word[0].islower())
        if head and (word[0].islower() or word[-1] in "sx" or not words):
            stop = m.start() + len(word)
            out = words + [folded]
            if not data["modifiers_first"]:
                adjective = _agreeing(prose, stop, folded, data)
                if adjective:
                    out.append(fold(adjective[0]))
                    stop = adjective[1]
            return stop, out, tuple(names)
        if not data["modifiers_first"] or len(words) >= 2:
            break
        if m.group().endswith(".") and len(word) > 1 and not word[:-1].isupper():
            break                       # a sentence ends after this word
        if word[0].isupper():
            names.append(word)          # "22 million LIN shares": whose shares, not what is counted
        else:
            words.append(folded)
        last = m.start() + len(m.group())
    return None


def _agreeing(prose: str, stop: int, noun: str, data: dict) -> tuple[str, int] | None:
    """An adjective after its noun that agrees in number ("États membres", "blindés supplémentaires"; not the verb
    of "27 personnes souhaitaient")."""
    m = _WORD.match(prose, stop + 1, stop + 40) if prose[stop:stop + 1] == " " else None
    if not m or not m.group()[0].islower():
        return None
    word = m.group().rstrip(".'’")
    if fold(word) in data["not_units"]:
        return None
    plural = noun[-1] in "sx"
    if plural != (word[-1] in "sx"):
        return None
    return word, m.start() + len(word)
