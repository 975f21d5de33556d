"""Statements that can be reckoned: a founding or birth year with an age or anniversary ("fondée en
1945, l'ONU célèbre cette année ses 80 ans", "born in 1950, … who is 74", "marks its 93rd
anniversary"), a time since a past year or date ("il y a tout juste 52 ans, le 5 juillet 1962",
"founded 80 years ago, in 1908"), a span of years with its length ("de 2010 à 2024, soit 14 ans") and
a change with its percentage ("de 2 à 3 milliards, soit une hausse de 50 %"), also with the percentage first
as newswire writes it ("fell 25%, to $30 million from $45 million", "a bondi de 20 %, à 24 millions contre 20
millions"). From the language data; pure text + numbers + dates → statements, one sentence at a time. The
arithmetic is the check's.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .anchored import lowered, may_match, needed_words
from .dates import DateMention
from .numbers import NumberMention
from ..lang import alternation, template
from .. import patterns

YEAR = r"(?:1[6-9]|20|21)\d\d"
PERCENT_SIGN = r"(?:\s*%)?"   # "de 2 % à 3 %": the first figure of a change may carry its unit
CURRENCY = r"(?:[$€£¥]\s?)?"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Age:
    founded: int                  # the year of the founding, birth or past event
    founded_span: tuple[int, int]
    age: NumberMention
    span: tuple[int, int]         # the phrase that states the age
    exact: bool                   # an anniversary is exact; an age may be one less before the birthday
    kind: str = "anniversary"     # "anniversary", "age" or "ago" (a time since: counted from the article's date)
    day: dt.date | None = None    # the full date of the past event, when the text gives it
    approximate: bool = False     # "il y a près de 50 ans", "nearly 50 years ago"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class YearSpan:
    first: int
    last: int
    span: tuple[int, int]
    length: NumberMention
    length_span: tuple[int, int]


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Change:
    before: NumberMention
    after: NumberMention
    percent: NumberMention
    direction: str | None         # "up", "down" or None when only a sign or nothing says it
    span: tuple[int, int]         # the stated percentage with its words ("soit une hausse de 50 %"), or the whole
                                  # statement when the percentage comes first ("fell 25%, to $30 million from $45")
    rounded: bool = False         # the figures are rounded from those the percentage was worked out from (newswire)




WORD_START = r"(?<!\w)"
FILLER = r"(?:\s+[\p{L}'’-]+){0,3}?"   # {_}: up to three words ("célèbre cette année ses 75 ans")


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
        # a template that starts with a word (or a slot) starts at a word boundary; ", {n} ans," does not
        return "|".join("(?:" + (WORD_START if t[0].isalnum() or t[0] == "{" else "") + template(t, slots) + ")"
                        for t in templates)
    change = alternation(data["change_words"])
    change_links, percent = alternation(data["change_links"]), alternation(data["percent_words"])
    scale = rf"(?:\s+(?:{alternation(data['scale_words'])})(?!\w))?"
    of = rf"\s+(?:{alternation(data['scale_link'])})(?:\s|(?<=['’]))"
    ordinal = alternation(data["ordinal_suffixes"], loose=False)
    # a word or two after a figure, kept only if they are a unit ("1,50 euro", "130 yen", "2 dollars américains"):
    # the units' own alternation, in every slot of every template, would make these patterns several times larger
    unit_words = r"\p{L}+(?:\s+\p{L}+)?"
    unit_link = rf"\s+(?:(?:{alternation(data['scale_link'])})\s*)?"

    def figure(slot):
        """A figure of a change, its number named `slot`: "$45 million", "1,50 euro", "130 yen", "30 millions d'euros"."""
        return rf"(?P<f{slot}>{CURRENCY}(?P<{slot}>{number}){PERCENT_SIGN}{scale}(?:{unit_link}(?P<u{slot}>{unit_words})(?![\w'’]))?)"
    movers = alternation(list(data["change_words"]) + list(data["change_verbs"]))
    # a comma may stand at any space of these templates: "à 30 millions d'euros, contre 20 millions"
    after_percent = "|".join("(?:" + template(t, {"a": figure("a"), "b": figure("b")}, r",?\s+") + ")"
                             for t in data["change_after_percent"])
    elapsed = {"n": n, "_": FILLER, "verb": f"(?:{alternation(data['anniversary_verbs'])})", "ord": f"(?:{ordinal})"}
    after = rf"(?!\w|\s*(?:%|‰)|{of})"
    year_links = alternation(data["reckoning_year_links"])
    return {
        # a founding, "fondée en 1945": what it reads before its year, matched backwards from a year (see _founded)
        "founded_tail": patterns.compile(rf"(?r)(?<!\w)(?:{founding})\s+", flags),
        "founded_on": patterns.compile(rf"(?<!\w)(?:{alternation(data['founding_before_date'])})\s+(?:(?:{year_links})\s+)?$", flags),
        # "fête ses 50 ans de carrière", "a 40 ans de métier": years of something else, not an age
        "anniversary": patterns.compile(rf"(?:{joined(data['anniversary_patterns'], elapsed)}){after}", flags),
        "age": patterns.compile(rf"(?:{joined(data['age_patterns'], elapsed)}){after}", flags),
        "ago": patterns.compile(rf"(?:{joined(data['ago_patterns'], elapsed)}){after}", flags),
        "ago_after": patterns.compile(rf"(?:{joined(data['ago_after_patterns'], elapsed)}){after}", flags),
        "now": patterns.compile(rf"(?<!\w)(?:{alternation(data['now_words'])})(?!\w)", flags),
        "death": patterns.compile(rf"(?<!\w)(?:{alternation(data['death_words'])})(?!\w)", flags),
        "approx": patterns.compile(rf"(?<!\w)(?:{approx})\s*$", flags),
        # the past year or date of an "il y a N ans": right after it (", en 1962", ", on Oct. 14, 1938") or before it
        "link_after": patterns.compile(rf"\s*,?\s*(?:(?:{year_links})\s+)?(?:(?P<year>{YEAR})(?!\d))?", flags),
        "link_before": patterns.compile(rf"(?<!\w)(?:{year_links})\s+(?P<year>{YEAR})\s*,?\s*$", flags),
        "link_any": patterns.compile(rf"(?<!\w)(?:{year_links})\s+(?:\S+\s+){{0,3}}?(?P<year>{YEAR})(?!\d)", flags),
        "years": patterns.compile(
            rf"(?<![\w/.-])(?:{joined(data['year_span_patterns'], {'a': f'(?P<a>{YEAR})', 'b': f'(?P<b>{YEAR})'})})(?![\w/-])", flags),
        "duration_after": patterns.compile(rf"\s*[,(—–-]?\s*(?:(?:{links})\s+)?(?:(?:{approx})\s+)?{n}\s+(?:{units})(?!\w)", flags),
        "duration_before": patterns.compile(rf"(?:(?:{links})\s+)?(?:(?:{approx})\s+)?{n}\s+(?:{units})\s*[,(—–-]?\s*$", flags),
        # "de 2 à 3 milliards", "from $114 million to $207 million": a currency sign before, a scale after
        "from_to": patterns.compile(rf"(?<!\w)(?:{joined(data['range_from_to'], {'a': figure('a'), 'b': CURRENCY + f'(?P<b>{number})'})})", flags),
        # the unit of the second figure of a range whose first carries one ("de 1,50 euro à 1,70 euro")
        "unit_after": patterns.compile(rf"{scale}{unit_link}(?P<u>{unit_words})(?![\w'’])", flags),
        # what every percentage of a change ends with: a sentence without one has no change to read with it first
        "percent": patterns.compile(rf"\d\s*(?:{percent})(?!\w)", flags),
        # the percentage first, then the two figures: "fell 25%, to $30 million from $45 million", "a chuté de 40 %,
        # de 50 000 à 40 000", "a bondi de 20 %, à 30 millions d'euros, contre 20 millions"
        "percent_first": patterns.compile(
            rf"(?<!\w)(?P<change>(?P<word>{movers})\s+(?:(?:{change_links})\s+)?(?:(?:{approx})\s+)?(?P<p>{number})\s*(?:{percent}))(?!\w)"
            rf"\s*,?\s*(?:{after_percent})", flags),
        "change": patterns.compile(
            rf"(?:(?P<word>{change})\s+(?:(?:{change_links})\s+)?(?:(?:{approx})\s+)?|(?P<sign>[+−-])\s?)(?P<p>{number})\s*(?:{percent})", flags),
    }


@functools.lru_cache(maxsize=None)
def _words(code: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The way the words of change go (the nouns; the nouns and verbs), and the unit of each unit word, lowercase."""
    data = language.load(code)
    changes = {k.lower(): v for k, v in data["change_words"].items()}
    movers = {**changes, **{k.lower(): v for k, v in data["change_verbs"].items()}}
    return changes, movers, {" ".join(k.lower().replace("’", "'").split()): v for k, v in data["units"].items()}


def _unit(units: dict[str, str], written: str | None) -> str | None:
    """The unit the word or two after a figure stand for ("euros" and "euro": EUR; "yen a": JPY), or None."""
    if written is None:
        return None
    key = " ".join(written.lower().replace("’", "'").split())
    return units.get(key) or units.get(key.split()[0])


_BARE_YEAR = patterns.compile(YEAR)


def _yearlike(m, slot: str) -> bool:
    """A figure written as a year, four digits alone ("rose 8% from 1995 to 1997"): a time, not an amount."""
    return m.group("f" + slot) == m.group(slot) and _BARE_YEAR.fullmatch(m.group(slot)) is not None


def _number_at(numbers: dict[int, NumberMention], start: int) -> NumberMention | None:
    """The number read at `start`, or one whose sign stands just before it ("-25 %")."""
    return numbers.get(start) or numbers.get(start - 1)


class _ByStart(dict):
    """The dates by start offset; those of a sentence come by bisection (a scan of every date of the article
    for every sentence was quadratic on date-dense text)."""

    def __init__(self, dates) -> None:
        super().__init__((d.start, d) for d in dates)
        self.starts = sorted(self)

    def within(self, s: int, e: int) -> list[tuple[int, DateMention]]:
        """(start, date) of the dates starting in [s, e), in order."""
        return [(k, self[k]) for k in self.starts[bisect.bisect_left(self.starts, s):bisect.bisect_left(self.starts, e)]]


def _founded(prose: str, s: int, e: int, p, dates: _ByStart, years: list[int], low: str | None,
             founding: dict[str, regex.Pattern | None] | None) -> list[tuple[int, tuple[int, int], dt.date | None]]:
    """(year, span, day) of the foundings and births of a sentence: "fondée en 1945", "founded on April 4, 1949".
    `years`: the starts of the article's years (_YEARISH). The founding words are looked for only in a sentence that
    holds one of their words (see anchored.may_match), and there backwards from each year of the sentence (one attempt each,
    where a scan of the sentence tries every place): the years a scan for the words, spaces and year finds, since
    each of its matches ends with a year and holds no other (its words and spaces have no digit)."""
    out = []
    if may_match(prose, low, s, e, founding):
        first, last = bisect.bisect_left(years, s), bisect.bisect_right(years, e - 4)
        ends = years[first:last]
        if e - 4 >= s and (not ends or ends[-1] != e - 4) and _YEAR_AT_END.fullmatch(prose, e - 4, e):
            ends.append(e - 4)   # a year that ends the sentence, a digit after it: the sentence's end ends it
        tail = p["founded_tail"]
        out = [(int(prose[y:y + 4]), (y, y + 4), None) for y in ends if tail.match(prose, s, y)]
    for start, d in dates.within(s, e):
        if d.year and p["founded_on"].search(prose, max(s, start - 30), start):
            out.append((d.year, (d.start, d.end), d.date()))
    return out


_LIST_AFTER = patterns.compile(r"\s*\d")
_LIST_BEFORE = patterns.compile(r"\d\s*$")


def _in_list(prose: str, start: int, end: int) -> bool:
    """Is a number between commas one of a list ("12, 15 and 18") rather than an age ("Smith, 45,")?"""
    return bool(_LIST_AFTER.match(prose, end) or _LIST_BEFORE.search(prose, max(0, start - 10), start))


def _same_clause(prose: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """No punctuation between two spans: "né en 1934, l'acteur est mort il y a trois ans" are two clauses."""
    first, second = sorted((a, b))
    return not any(c in ",;:()" for c in prose[first[1]:second[0]])


def _ago_link(prose: str, s: int, e: int, m, p, dates: _ByStart, founded):
    """The past year or date an "il y a N ans" counts from: right after it, right before it, the
    sentence's founding, or the one year or date the sentence gives after "en"/"in"/"le"/"on"."""
    after = p["link_after"].match(prose, m.end(), e)
    if after.group("year"):
        return int(after.group("year")), after.span("year"), None
    d = dates.get(after.end())
    if d is not None and d.year:
        return d.year, (d.start, d.end), d.date()
    before = p["link_before"].search(prose, s, m.start())
    if before:
        return int(before.group("year")), before.span("year"), None
    for start, d in dates.within(s, e):   # "Le 5 juillet 1962, il y a 50 ans, …"
        if d.year and s <= start and 0 <= m.start() - d.end <= 3:
            return d.year, (d.start, d.end), d.date()
    if len(founded) == 1 and _same_clause(prose, m.span(), founded[0][1]):
        return founded[0]   # "founded 80 years ago", "N years after it was founded in 1884"
    births = {span for _, span, _ in founded}   # a birth or founding of another clause is another time
    anywhere = [x for x in p["link_any"].finditer(prose, s, e)
                if not (m.start() <= x.start() < m.end()) and x.span("year") not in births]
    in_dates = [d for _, d in dates.within(s, e) if d.year]
    if len(anywhere) == 1 and all(d.year == int(anywhere[0].group("year")) for d in in_dates) and len(in_dates) <= 1:
        d = in_dates[0] if in_dates else None
        return int(anywhere[0].group("year")), anywhere[0].span("year"), d.date() if d else None
    return None


_YEARISH = patterns.compile(rf"{YEAR}(?!\d)")
_YEAR_AT_END = patterns.compile(YEAR)


def _count(starts: list[int], s: int, e: int) -> int:
    return bisect.bisect_left(starts, e) - bisect.bisect_left(starts, s)


# complex by design (C901): the three reckonings (ages, year spans, changes) are tried at each number in one pass; a pass each would read the text three times
def find_reckonings(prose: str, code: str, sentences: list[tuple[int, int]], numbers: list[NumberMention],  # noqa: C901
                    dates: list[DateMention] = ()):
    p = _patterns(code)
    by_start = {n.start: n for n in numbers}
    by_date = _ByStart(dates)
    changes, movers, units = _words(code)
    # Every statement needs a number read in its sentence (an age, a length, a percentage) and a
    # founding needs a year or a dated date: a sentence without them is not scanned (most are not).
    number_starts = sorted(by_start)
    years = [m.start() for m in _YEARISH.finditer(prose)]
    dated = sorted(d.start for d in dates if d.year)
    low = lowered(prose)
    ago_words, after_words = needed_words(code, "ago_patterns"), needed_words(code, "ago_after_patterns")
    founding = needed_words(code, "founding_words")
    ages, spans, moves = [], [], []
    percents = None   # where the article's percentages end, once a sentence may hold a change
    for s, e in sentences:
        count = _count(number_starts, s - 1, e)   # a number may start at a sign just before the match
        if not count:
            continue
        year_count = _count(years, s, e)
        founded = _founded(prose, s, e, p, by_date, years, low, founding) if year_count or _count(dated, s, e) else []
        agos = list(p["ago"].finditer(prose, s, e)) if may_match(prose, low, s, e, ago_words) else []
        if len(founded) == 1:
            year, span, day = founded[0]
            for kind, exact in (("anniversary", True), ("age", False)):
                if kind == "age" and p["death"].search(prose, s, e):
                    continue   # the age at death, not now
                for m in p[kind].finditer(prose, s, e):
                    if any(a.start() <= m.start("n") < a.end() for a in agos):
                        continue   # "il y a 20 ans" is not "a 20 ans"
                    if m.group().startswith(",") and _in_list(prose, m.start(), m.end()):
                        continue   # "three children, 12, 15 and 18": a list, not "Smith, 45,"
                    n = _number_at(by_start, m.start("n"))
                    if n is not None:
                        ages.append(Age(year, span, n, m.span(), exact, kind, day))
        if may_match(prose, low, s, e, after_words) and p["now"].search(prose, s, e):
            agos += list(p["ago_after"].finditer(prose, s, e))
        for m in agos:
            n = _number_at(by_start, m.start("n"))
            link = _ago_link(prose, s, e, m, p, by_date, founded)
            if n is None or link is None:
                continue
            approximate = bool(p["approx"].search(prose, max(s, m.start() - 30), m.start("n")))
            ages.append(Age(link[0], link[1], n, m.span(), False, "ago", link[2], approximate))
        for m in p["years"].finditer(prose, s, e) if year_count >= 2 else ():
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
        read = set()
        for m in p["from_to"].finditer(prose, s, e) if count >= 3 else ():
            x, y = _number_at(by_start, m.start("a")), _number_at(by_start, m.start("b"))
            c = p["change"].search(prose, m.end(), min(e, m.end() + 80))
            if x is None or y is None or c is None:
                continue
            if m.group("ua") is not None:   # "de 1,50 euro à 1,70 euro": the second figure in the same unit
                unit, after = _unit(units, m.group("ua")), p["unit_after"].match(prose, m.end(), e)
                if unit is None or after is None or _unit(units, after.group("u")) != unit:
                    continue
            pct = _number_at(by_start, c.start("p"))
            if pct is None:
                continue
            direction = changes.get(c.group("word").lower()) if c.group("word") else \
                ("up" if c.group("sign") == "+" else "down")
            moves.append(Change(x, y, pct, direction, (c.start(), c.end())))
            read.add((x.start, y.start))
        if count >= 3 and percents is None:
            percents = [m.start() for m in p["percent"].finditer(prose)]
        for m in p["percent_first"].finditer(prose, s, e) if count >= 3 and _count(percents, s, e) else ():
            x, y, pct = (_number_at(by_start, m.start(g)) for g in ("a", "b", "p"))
            if x is None or y is None or pct is None or (x.start, y.start) in read or _yearlike(m, "a") or _yearlike(m, "b"):
                continue   # "rose 8% from 1995 to 1997": a time
            unit = {slot: _unit(units, m.group("u" + slot)) for slot in "ab"}
            inner = "b" if m.end("fa") == m.end() else "a"   # the figure a word after the last one may not be a unit of
            if (m.group("u" + inner) is not None and unit[inner] is None) or None not in unit.values() and unit["a"] != unit["b"]:
                continue   # "from 130 stores to 120", "from 130 yen to 1.20 marks": not a change of one quantity
            moves.append(Change(x, y, pct, movers.get(" ".join(m.group("word").lower().split())),
                                (m.start(), max(x.end, y.end)), True))
    return ages, spans, moves
