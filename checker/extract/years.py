"""Numbers in a year position, French and English, from the language data: pure text → YearSpots.

A number of three to five digits is in a year position when
- a word that introduces a year comes before it ("en", "depuis", "d'ici à", "in", "since", "by",
  "starting in", "due"), possibly with a month between ("d'ici à décembre 205", "since May 2910");
- it ends a date ("le 18 octobre 212", "les 1er et 2 décembre 20122", "May 2910", "Oct. 18, 212");
- it stands as an adjective between an article and a noun ("a 22009 analysis"; four or five digits);
and what follows it does not make it a count: the end of the phrase, or a function word of the
language ("en 201 lors des jeux", "in 206 as planned"), never a noun ("in 200 cities", "206 blindés")
nor a word that takes a count ("200 of them", "200 des 300"). After "by", a number that a word of
change comes before is an amount ("cut by 200"), not a deadline. After a named period ("premier
semestre", "first quarter of", "fiscal"), the number is a year whatever word follows ("du premier
semestre 212 seront publiés"), unless that word takes a count.

A number of three or five digits is also in a year position at one end of a span of years whose
other end is a four-digit year ("2013-215", "2012/213", "de 208 à 2011", "from 1995 to 197"; the
templates of year_span_patterns): the spot keeps that other year, so that the check can ask for a
year that makes the span run forward. A span glued by a dash or slash after a reference word
("décret n° 2013-215", "Case No. 1996-197") or a number ("(617) 201-2013") is a reference, not years;
a span in words must end its phrase ("de 2000 à 210 salariés" counts), and is two amounts right after
a word of change ("cut from 2011 to 208", "passé de 2011 à 208") or when its year is a round hundred
("from 2000 to 200"). Whether the year can be meant is the check's question (year-typo)."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation
from .. import patterns


def _any(words) -> str:
    """An alternation of the words, or a pattern that never matches when there are none."""
    return alternation(words) or "(?!)"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class YearSpot:
    start: int            # the digits
    end: int
    digits: str
    position: str         # "deadline", "start", "since", "plain", "date", "adjective", "span_start" or "span_end"
    phrase_start: int     # where the words that make it a year begin ("à partir de", "le 18 octobre")
    other_end: int | None = None   # a span's other year ("2013" of "2013-215"): the spot is its start or end
    phrase_end: int | None = None  # where those words end when after the digits ("De 208 à 2011")


_AFTER = r"(?P<year>\d{3,5})(?![\d\p{L}]|[.,]\d|[-–/]\d)"


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    groups = data["year_before"]
    months = list(data["months"]) + list(data.get("month_abbreviations", {}))
    month = rf"(?:{alternation(months, loose=False)})(?:(?<=\.)|(?!\w))"
    ordinal = alternation(data["ordinal_day"]) if data["ordinal_day"] else "(?!)"
    day = rf"(?:{ordinal}|[0-3]?\d)(?:{_any(data['day_suffixes'])})?"
    joiners = _any(["-", "–"] + data["day_range_joiners"])
    day_month = rf"(?:(?:{_any(data['day_month_links'])})\s+)?" if data["day_month_links"] else ""
    month_year = rf"(?:(?:{_any(data['month_year_links'])})\s+)?" if data["month_year_links"] else ""
    words = "|".join(f"(?P<{kind}>{alternation(ws)})" for kind, ws in groups.items())
    forward = "|".join(f"(?P<{kind}>{alternation(groups[kind])})" for kind in ("deadline", "start"))
    flags = regex.I | regex.M
    solid = lambda ws: max((len("".join(w.split())) for w in ws), default=0)   # noqa: E731 - letters, no spaces
    day_len = max(solid(data["ordinal_day"]), 2) + 2
    # how far before its digits (in characters other than spaces) a match of each pattern can begin
    reach = {"word": solid(w for ws in groups.values() for w in ws) + solid(months) + 2,
             "date": 3 * day_len + 2 * solid(["and", "to", "et", "au", "of"]) + solid(months) + 2,
             "adjective": solid(data["year_adjective_after"]) + 1}
    # what each pattern must read right before the digits, matched backwards from them (REVERSE flag), without
    # the lookarounds: where it fails, the pattern has no match there (see _matches)
    month_words = alternation(months, loose=False)
    tails = {"word": rf"(?:{words})\s*(?:(?:{month_words})\.?\s+)?",
             "date": rf"(?:{month_words})\.?(?:\s+{day},?)?\s+{month_year}",
             "adjective": rf"(?:{_any(data['year_adjective_after'])})\s+"}
    return {
        "reach": reach,
        "tails": {name: patterns.compile(f"(?r){tail}", regex.I) for name, tail in tails.items()},
        # a word that introduces a year, and maybe a month ("d'ici à décembre 205", "since May 2910")
        "word": patterns.compile(rf"(?<![\w'’])(?:{words})(?:\s+|(?<=-))(?:{month}\s+)?{_AFTER}", flags),
        # the year that ends a date: "18 octobre 212", "1er et 2 décembre 20122", "Oct. 18, 212", "May 2910"
        "date": patterns.compile(
            rf"(?<![\w'’])(?:{day}(?:\s*(?:{joiners})\s*{day})?\s+{day_month})?(?P<month>{month})"
            rf"(?:\s+{day},?)?\s+{month_year}{_AFTER}", regex.I),
        # a word that looks ahead right before a date: "beginning May 1, 1982", "à partir du 1er janvier 2006"
        "intro": patterns.compile(rf"(?<![\w'’])(?:{forward})\s*,?\s*$", flags),
        # "a 22009 analysis", "the 2910 agreement": four or five digits between an article and a word
        "adjective": patterns.compile(
            rf"(?<![\w'’])(?:{_any(data['year_adjective_after'])})\s+(?P<year>\d{{4,5}})(?=\s+\p{{Ll}})", flags),
    }


@functools.lru_cache(maxsize=None)
def _follow(code: str) -> tuple[frozenset[str], regex.Pattern, regex.Pattern]:
    """Words that may follow a year (function words), words that make the number a count, and the
    words of change that take "by" and an amount."""
    data = language.load(code)
    follow = frozenset(w.lower() for w in list(data["function_words"]) + list(data["stopwords"])
                       + list(data["year_follow_words"]))
    count = patterns.compile(rf"\s*(?:{_any(data['year_count_after'])})(?:(?<=['’%‰])|(?!\w))", regex.I)
    amount = patterns.compile(rf"(?<!\w)(?:{_any(data['amount_by_words'])})(?!\w)(?:[^.;:!?]|\.(?!\s)|(?<=(?<!\w)\p{{Lu}})\.){{0,80}}$",
                              regex.I)   # "U.S." does not end the sentence
    return follow, count, amount


@functools.lru_cache(maxsize=None)
def _period(code: str) -> regex.Pattern:
    """Matched backwards from a number: a named period right before it ("premier semestre", "first quarter of"),
    after which the number is a year whatever word follows."""
    return patterns.compile(rf"(?r)(?<![\w'’])(?:{_any(language.load(code)['year_period_words'])})\s+", regex.I)


_NEXT = patterns.compile(r"\s*(?:(?P<end>[,.;:!?)»”\"]|$)|(?P<word>[\p{L}'’]+))", regex.M)


@functools.lru_cache(maxsize=None)
def _range(code: str) -> regex.Pattern:
    """"from 198 to 250", "de 150 à 200": a range of amounts, not a year."""
    joiners = language.load(code)["figure_range"]["joiners"]
    approx = alternation(language.load(code)["approximation_words"])
    return patterns.compile(rf"\s+(?:{alternation(joiners)})\s+(?:(?:{approx})\s+)?[$€£]?\d", regex.I)


def _ends_phrase(prose: str, end: int, code: str) -> bool:
    """Does the number end its phrase (punctuation, the end, a function word), rather than count a noun
    or open a range of amounts?"""
    follow, count, _ = _follow(code)
    if count.match(prose, end) or _range(code).match(prose, end):
        return False
    m = _NEXT.match(prose, end)
    if m is None:
        return False
    if m.group("end") is not None:
        return True
    word = m.group("word").lower().rstrip("'’")
    return word in follow or word + "'" in follow


def _after_period(prose: str, start: int, end: int, code: str) -> bool:
    """Does a named period come right before the number, and no word that takes a count after it?"""
    _, count, _ = _follow(code)
    return _period(code).match(prose, 0, start) is not None \
        and not count.match(prose, end) and not _range(code).match(prose, end)


_PLAUSIBLE = patterns.compile(r"(?:1[6-9]|20|21)\d\d")   # four digits that may be a year of ours
_NUMBER_BEFORE = patterns.compile(r"\d\)?\s*$")           # "(617) 201-2013", "617 201-2013": a telephone number
_SPAN_DIGITS = r"(?P<a>\d{3,5})"


@functools.lru_cache(maxsize=None)
def _span_patterns(code: str) -> dict:
    """The spans of years of the language's templates, with ends of three to five digits: `span` reads one
    forward, its second end named "year"; `tail` what comes before that end, matched backwards from it (see
    _matches), and `reach` how far before it a span begins; `amount` a word of change right before a span in
    words ("cut from", "passé de", the words that range_from_to puts before a span of year_span_patterns)."""
    data = language.load(code)
    templates = data["year_span_patterns"]
    worded = [t for t in templates if not t.startswith("{")]
    glued = [t for t in templates if t.startswith("{")]
    joined = lambda ts, second: "|".join(language.template(t, {"a": _SPAN_DIGITS, "b": second})   # noqa: E731
                                         for t in ts) or "(?!)"
    second = r"(?P<year>\d{3,5})"
    span = rf"(?:(?<![\w'’-])(?:{joined(worded, second)})|(?<![\w/.,–-])(?:{joined(glued, second)}))(?![\w/–-]|[.,]\d)"
    changes = list(data["amount_by_words"])
    for template in data["range_from_to"]:
        changes += [template[:-len(w)].strip() for w in worded if template.endswith(w) and template != w]
    solid = max(len("".join(t.split())) for t in templates) - len("{a}{b}") + 5
    return {
        "span": patterns.compile(span, regex.I),
        "tail": patterns.compile(f"(?r)(?:{joined(templates, '')})", regex.I),
        "reach": solid + 1,
        "amount": patterns.compile(rf"(?<![\w'’])(?:{_any(changes)})\s+$", regex.I),
    }


def _span_spots(prose: str, code: str, candidates: list[regex.Match], ending: set[int]):
    """The spots at the three- or five-digit end of a span of years whose other end is a four-digit year."""
    p = _span_patterns(code)
    references = _reference(code)
    for m in _matches(p["span"], prose, candidates, p["reach"], p["tail"]):
        first, second = m.group("a"), m.group("year")
        if _PLAUSIBLE.fullmatch(first) and len(second) in (3, 5):
            at, other, position = "year", int(first), "span_end"
        elif _PLAUSIBLE.fullmatch(second) and len(first) in (3, 5):
            at, other, position = "a", int(second), "span_start"
        else:
            continue
        if m.start() == m.start("a"):   # glued: "2013-215"
            if references.search(prose, max(0, m.start() - 30), m.start()) \
                    or _NUMBER_BEFORE.search(prose, max(0, m.start() - 10), m.start()):
                continue   # "décret n° 2013-215", "(617) 201-2013"
        elif m.start("year") not in ending or other % 100 == 0 \
                or p["amount"].search(prose, max(0, m.start() - 40), m.start()):
            continue   # "de 2000 à 210 salariés", "from 2000 to 200", "cut from 2011 to 208": amounts
        yield YearSpot(m.start(at), m.end(at), m.group(at), position, m.start(), other, m.end())


@functools.lru_cache(maxsize=None)
def _reference(code: str) -> regex.Pattern:
    """A reference word right before a number ("n°", "décret", "Case No."): what follows is a reference."""
    words = language.load(code)["not_date_before"]
    return patterns.compile(rf"(?:^|\W)(?:{_any(words)})[\s.]*$", regex.I)


_CANDIDATE = patterns.compile(r"(?<!\d)\d{3,5}" + _AFTER[len(r"(?P<year>\d{3,5})"):])
_SPACES = patterns.compile(r"\s*")


@functools.lru_cache(maxsize=None)
def _back(reach: int) -> regex.Pattern:
    """Matched backwards from a position: the `reach` characters other than spaces before it, spaces included."""
    return patterns.compile(rf"(?r)(?:\S\s*){{0,{reach}}}")


def _matches(pattern: regex.Pattern, prose: str, candidates: list[regex.Match], reach: int, tail: regex.Pattern):
    """The matches of `pattern` whose year is one of the candidates, in order: the pattern is tried only
    in a window before each (a match begins at most `reach` characters other than spaces before its
    digits), which finds what a scan of the whole text finds, at a fraction of its cost (the words
    that introduce a year are frequent, numbers of three to five digits are not); and only where its
    `tail`, what it reads right before the digits, ends at them (one attempt, where a window is many)."""
    back = _back(reach)
    for candidate in candidates:
        if tail.match(prose, 0, candidate.start()) is None:
            continue
        start = back.match(prose, 0, candidate.start()).start()
        end = _SPACES.match(prose, candidate.end()).end() + 2   # what the lookaheads after the digits read
        for m in pattern.finditer(prose, start, end):
            if m.start("year") == candidate.start():
                yield m


def find_year_spots(prose: str, code: str, sentences: list[tuple[int, int]] = ()) -> list[YearSpot]:
    """The year spots of the prose; `sentences` bound the words of change looked for before "by"/"from"."""
    candidates = list(_CANDIDATE.finditer(prose))
    if not candidates:
        return []
    p = _patterns(code)
    starts_ = [s for s, _ in sentences]
    _, _, amount = _follow(code)
    amount_intro = {w.lower() for w in language.load(code)["amount_year_words"]}
    spots: dict[int, YearSpot] = {}
    # a year after a word or in a date must end its phrase, or follow a named period: most numbers count
    # something, and are not tried
    ending = [c for c in candidates
              if _ends_phrase(prose, c.end(), code) or _after_period(prose, c.start(), c.end(), code)]
    for m in _matches(p["word"], prose, ending, p["reach"]["word"], p["tails"]["word"]):
        kind = next(k for k, v in m.groupdict().items() if v is not None and k != "year")
        opening = starts_[bisect.bisect_right(starts_, m.start()) - 1] if starts_ and starts_[0] <= m.start() else 0
        if m.group(kind).lower() in amount_intro and amount.search(prose, max(opening, m.start() - 80), m.start()):
            continue   # "cut by 200", "would increase … to 450 stores from 360": an amount
        spots[m.start("year")] = YearSpot(m.start("year"), m.end("year"), m.group("year"), kind, m.start())
    capitalised = language.load(code)["months_capitalised"]
    for m in _matches(p["date"], prose, ending, p["reach"]["date"], p["tails"]["date"]):
        if capitalised and not m.group("month")[0].isupper():
            continue   # "may 200": not a month
        if m.start("year") not in spots:
            intro = p["intro"].search(prose, max(0, m.start() - 30), m.start())
            kind = next((k for k in ("deadline", "start") if intro and intro.group(k)), "date")
            spots[m.start("year")] = YearSpot(m.start("year"), m.end("year"), m.group("year"), kind,
                                              intro.start() if intro else m.start())
    for m in _matches(p["adjective"], prose, [c for c in candidates if len(c.group()) >= 4], p["reach"]["adjective"], p["tails"]["adjective"]):
        if m.start("year") not in spots:
            spots[m.start("year")] = YearSpot(m.start("year"), m.end("year"), m.group("year"), "adjective", m.start())
    for spot in _span_spots(prose, code, candidates, {c.start() for c in ending}):
        spots.setdefault(spot.start, spot)
    return sorted(spots.values(), key=lambda s: s.start)
