"""Date mentions in prose, French and English, from the language data: pure text → DateMentions.

Forms read: "24 juin 2025", "les 24 et 25 juin", "24-25 juin", "June 24-25, 2025", "1er mai",
"mercredi, le 10 juin 2014", "Tue Apr 21st, 2014", numeric dates with one separator ("12/02/2026" is
12 February in French text, 2 December in English; "10-06-2014", "32.03.2018", "29 02 2011"),
"31/septembre/1969", "2014/04/21", ISO "2016-12-29" and a weekday after the date ("2016-12-29 (Thu)", "Dec. 25,
1997, a Wednesday", "le 1er mai 2012, un lundi"), before a date in brackets ("Tuesday (Feb. 16)"), and before each
day of a range ("du mardi 20 au vendredi 24 août 2012").
A numeric date that is impossible in the language's order but possible in the other is read in the
other order; a date impossible in every reading keeps its numbers, and date() is None.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation, starts
from .. import patterns
from .anchored import DIGIT_RUN, finditer_at, first_words, starts_of, word_hits


def _alternation(words) -> str:
    return alternation(words, loose=False)

_LEADING_DIGITS = patterns.compile(r"\d+")


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class DateMention:
    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    day_end: int | None = None       # "24-25 juin"
    weekday: int | None = None       # 0 = Monday, as written next to the date
    kind: str = "words"              # "words", "numeric", "iso" or "ymd"
    weekday_span: tuple[int, int] | None = None
    swapped: bool = False            # a numeric date read day/month in the other order than the language's
    weekday_end: int | None = None   # "du mardi 20 au vendredi 24 août": the weekday written before day_end
    weekday_end_span: tuple[int, int] | None = None

    def date(self, year: int | None = None) -> dt.date | None:
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None




# What the text must contain for a kind of date to occur in it at all: the separators between its digits.
# Most articles have none of them, and one search for them is much cheaper than the full pattern's.
_NEEDS = {
    "dMy": patterns.compile(r"\d[/-]"),
    "ymd": patterns.compile(r"\d/\d"),
    "numeric": patterns.compile(r"\d[/.-]\d"),
    "iso": patterns.compile(r"\d-\d"),
    "short": patterns.compile(r"\d/\d"),
    "spaced": patterns.compile(r"\d\d \d\d \d\d\d\d"),
}


def _end(word_pattern: str) -> str:
    """A word, ending at a word boundary (or on its own abbreviation dot)."""
    return rf"(?:{word_pattern})(?:(?<=\.)|(?!\w))"


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> tuple[list[tuple[str, regex.Pattern]], dict[str, frozenset[str]], dict[str, regex.Pattern]]:
    data = language.load(code)
    month = _end(_alternation(list(data["months"]) + list(data.get("month_abbreviations", {}))))
    weekday = _end(_alternation(list(data["weekdays"]) + list(data.get("weekday_abbreviations", {}))))
    links = _alternation(data.get("weekday_date_link", [])) or "(?!)"
    ordinal = _alternation(data["ordinal_day"]) if data["ordinal_day"] else "(?!)"
    day = rf"(?:{ordinal}|[0-3]?\d)"
    suffixes = _alternation(data["day_suffixes"]) or "(?!)"
    suffix = rf"(?:{suffixes})?" if data["day_suffixes"] else ""
    joiners = _alternation(["-", "–"] + data["day_range_joiners"])
    day_month = rf"(?:(?:{_alternation(data['day_month_links'])})\s+)?" if data["day_month_links"] else ""
    month_year = rf"(?:(?:{_alternation(data['month_year_links'])})\s+)?" if data["month_year_links"] else ""
    year = r"(?P<year>\d{4})(?![\d,.]\d)"
    # "jeudi prochain, le 13 avril", "lundi dernier 2 avril": a marker of next or last between weekday and date
    # (not "le lundi suivant, 3 mars", "the previous Monday, March 3": a day counted from another one)
    other_day = {w.lower() for w in data.get("weekday_other_day_markers", [])}
    markers = _alternation([w for w in data.get("past_markers", []) + data.get("future_markers", [])
                            if w.lower() not in other_day]) or "(?!)"
    # "Tuesday (Feb. 16)": a weekday before a date in brackets
    before = rf"(?:(?P<weekday>{weekday})(?:\s+(?:{markers})(?!\w))?(?:,?\s+(?:(?:{links})\s+)?|\s*[(（](?=\w)))?"
    # after the date: "(Wed)", ", Wednesday", and in apposition ", a Wednesday", ", un lundi", "— a Tuesday", when
    # the weekday ends the phrase ("…, a Wednesday meeting" is not said of the date)
    articles = _alternation(data.get("weekday_apposition_articles", [])) or "(?!)"
    after = (rf"(?:\s*[(（](?P<wd_after>{weekday})[)）]|(?:,|\s*[—–])\s+(?:(?:{articles})\s+)?(?P<wd_after>{weekday})"
             rf"(?=[ \t]*(?:$|[,.;)—–])))?")
    flags = regex.I | regex.M
    weekday_words = list(data["weekdays"]) + list(data.get("weekday_abbreviations", {}))
    month_words = list(data["months"]) + list(data.get("month_abbreviations", {}))
    # what a match can begin with (see lang.starts): a weekday, else the day's or year's digits, ...
    digit_first = starts(weekday_words, digits=True)
    day_first = starts(weekday_words, data["ordinal_day"], digits=True)   # ... or an ordinal day ("premier")
    month_first = starts(weekday_words, month_words)
    firsts = {"weekday": first_words(weekday_words), "month": first_words(month_words),
              "ordinal": first_words(data["ordinal_day"])}
    # a day in digits begins a dmy match only when a space, a suffix ("24th") or a joiner of days ("24-25")
    # follows it, as in the pattern below (see _DIGIT_LEADS)
    leads = {**_DIGIT_LEADS, "dmy": patterns.compile(rf"(?:{day})(?=\s|{joiners}|{suffixes})", flags)}
    found = [
        ("dmy", patterns.compile(
            rf"{day_first}(?<![\w/]){before}(?P<day>{day})(?:\s*(?:{joiners})\s*(?:(?P<wd_end>{weekday})\s+)?(?P<day_end>{day}))?"
            rf"{suffix}\s+{day_month}(?P<month>{month})(?:,?\s+{month_year}{year})?{after}", flags)),
    ]
    if data["month_before_day"]:
        found.append(("mdy", patterns.compile(
            rf"{month_first}(?<![\w/]){before}(?P<month>{month})\s+(?P<day>{day}){suffix}"
            rf"(?:\s*(?:{joiners})\s*(?P<day_end>{day}))?(?!\d)(?:,?\s+{year})?{after}", flags)))
    found += [
        ("dMy", patterns.compile(
            rf"{digit_first}(?<![\w/.-]){before}(?P<day>\d{{1,2}})(?P<sep>[/-])(?P<month>{month})(?P=sep)(?P<year>\d{{4}})(?![\w/-]){after}", flags)),
        ("ymd", patterns.compile(
            rf"{digit_first}(?<![\w/.-]){before}(?P<year>\d{{4}})/(?P<b>\d{{1,2}})/(?P<c>\d{{1,2}})(?![\w/]){after}", flags)),
        ("numeric", patterns.compile(
            rf"{digit_first}(?<![\w/.:,-]){before}(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})"
            rf"(?!\w|[/.,-]\d){after}", flags)),
        ("short", patterns.compile(
            rf"(?<![\w/.:,-])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})\s*[(（](?P<wd_after>{weekday})[)）]", flags)),
        ("spaced", patterns.compile(
            r"(?<![\w/.:,-])(?<!\d[ \t])(?P<a>\d\d) (?P<b>\d\d) (?P<year>\d{4})(?![\w/-]|[.,]\d|[ \t]\d)", flags)),
        ("iso", patterns.compile(rf"{digit_first}(?<![\w/-]){before}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?![\w-]){after}", flags)),
    ]
    return found, firsts, leads


# Where a match of each kind can begin (see anchored.py): every pattern forbids a word character before
# its match, which begins with a weekday (the optional part before the date), else with the day's
# ordinal word (dmy), the month (mdy), or the first number, in digits.
_BEGINS = {"dmy": ("weekday", "ordinal"), "mdy": ("weekday", "month"), "short": (), "spaced": ()}
# What each kind's pattern reads first at a number (its digits and what follows them): a number begins a
# match only where this matches. Most numbers of an article are followed by none of these ("2025", "12,5 %"),
# and this test is several times cheaper than trying the pattern there.
_DIGIT_LEADS = {"dMy": patterns.compile(r"\d\d?[/-]"), "ymd": patterns.compile(r"\d{4}/"),
                "numeric": patterns.compile(r"\d\d?[/.-]"), "short": patterns.compile(r"\d\d?/"),
                "spaced": patterns.compile(r"\d\d "), "iso": patterns.compile(r"\d{4}-")}
# The character each of those needs right after a number's digits. A kind whose character follows no number of the
# article has no match there (its pattern begins at such a number, or at a weekday and then such a number), and
# this is told from the numbers already found, before the text is searched for what the kind needs (_NEEDS).
_LEAD_SEPARATORS = {"dMy": "/-", "ymd": "/", "numeric": "/.-", "short": "/", "spaced": " ", "iso": "-"}
# And the most digits of the number each can begin (a day or month, or a year), all a lead reads before what
# follows them: a longer number begins no match of that kind.
_LEAD_DIGITS = {"dmy": 2, "dMy": 2, "ymd": 4, "numeric": 2, "short": 2, "spaced": 2, "iso": 4}


@functools.lru_cache(maxsize=None)
def date_words(code: str) -> frozenset[str]:
    """The words whose places (word_hits) find_dates reads: those a kind of date begins with."""
    return frozenset().union(*_patterns(code)[1].values())


def _starts(prose: str, firsts: dict[str, frozenset[str]], hits: list[tuple[int, str]] | None
            ) -> tuple[dict[str, list[int]], list[tuple[int, int]]]:
    """The places where a word that begins a kind of date stands; and the numbers that begin a word, as the spans
    of their digits."""
    hits = hits if hits is not None else word_hits(prose, frozenset().union(*firsts.values()))
    runs = [m.span() for m in DIGIT_RUN.finditer(prose)
            if not m.start() or not (prose[m.start() - 1].isalnum() or prose[m.start() - 1] == "_")]
    return {kind: starts_of(hits, words) for kind, words in firsts.items()}, runs


@functools.lru_cache(maxsize=None)
def _cue(code: str, key: str) -> regex.Pattern:
    words = language.load(code).get(key, [])
    return patterns.compile(rf"(?:^|\W)(?:{_alternation(words) or '(?!)'})[\s.]*$", regex.I)


def _day(text: str | None) -> int | None:
    if text is None:
        return None
    if not text[0].isdigit():
        return 1  # 1er, premier
    return int(_LEADING_DIGITS.match(text).group())


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return True
    except ValueError:
        return False


def _lookup(table: dict, word: str) -> int | None:
    return table.get(word.lower()) if word.lower() in table else table.get(word.lower().rstrip("."))


@functools.lru_cache(maxsize=None)
def _tables(code: str) -> tuple[dict, dict, dict]:
    """(months, abbreviated months, weekdays) by their lower case: read by every article, built once."""
    data = language.load(code)
    abbreviated = {k.lower(): v for k, v in data.get("month_abbreviations", {}).items()}
    months = {**{k.lower(): v for k, v in data["months"].items()}, **abbreviated}
    weekdays = {k.lower(): v for k, v in data["weekdays"].items()}
    weekdays.update({k.lower(): v for k, v in data.get("weekday_abbreviations", {}).items()})
    return months, abbreviated, weekdays


class _Reader:
    def __init__(self, prose: str, code: str) -> None:
        data = language.load(code)
        self.prose, self.code = prose, code
        self.months, self.abbreviated_months, self.weekdays = _tables(code)
        self.order = data["numeric_date_order"]
        self.months_capitalised, self.weekdays_capitalised = data["months_capitalised"], data["weekdays_capitalised"]

    def weekday(self, m) -> tuple[int | None, tuple[int, int] | None]:
        for group in ("weekday", "wd_after"):
            word = m.groupdict().get(group)
            if word:
                if self.weekdays_capitalised and not word[0].isupper():
                    return None, None
                return _lookup(self.weekdays, word), m.span(group)
        return None, None

    def weekday_end(self, m) -> tuple[int | None, tuple[int, int] | None]:
        word = m.groupdict().get("wd_end")
        if not word or self.weekdays_capitalised and not word[0].isupper():
            return None, None
        return _lookup(self.weekdays, word), m.span("wd_end")

    def read(self, kind: str, m) -> DateMention | None:
        wd, span = self.weekday(m)
        year = int(m.group("year")) if m.groupdict().get("year") else None
        if kind in ("dmy", "mdy", "dMy"):
            word = m.group("month")
            if self.months_capitalised and not word[0].isupper():
                return None  # "2 may be": English month names are capitalised
            if word.lower().rstrip(".") in self.abbreviated_months and not word.endswith(".") and year is None:
                return None  # "3 sept" may be a number; a bare abbreviation needs its year
            month = _lookup(self.months, word)
            day = _day(m.group("day"))
            day_end = _day(m.groupdict().get("day_end")) if kind != "dMy" else None
            wd_end, end_span = self.weekday_end(m)
            return DateMention(m.start(), m.end(), day, month, year, day_end, wd, "words", span,
                               weekday_end=wd_end, weekday_end_span=end_span)
        if kind == "iso":
            return DateMention(m.start(), m.end(), int(m.group("day")), int(m.group("month")), year, None, wd, "iso", span)
        if kind == "ymd":
            return DateMention(m.start(), m.end(), int(m.group("c")), int(m.group("b")), year, None, wd, "ymd", span)
        return self.numeric(kind, m, wd, span, year)

    def numeric(self, kind, m, wd, span, year) -> DateMention | None:
        before = self.prose[max(0, m.start() - 30):m.start()]
        if _cue(self.code, "not_date_before").search(before):
            return None
        if kind == "short":   # "4/23 (Wed)": day and month only, the year comes from the context
            a, b = int(m.group("a")), int(m.group("b"))
            day, month = (a, b) if self.order == "dmy" else (b, a)
            return DateMention(m.start(), m.end(), day, month, None, None, wd, "numeric", span)
        if len(m.group("year")) == 2:
            # a weekday before the date is its context as "on" is: "Monday 2/17/98"
            if not (wd is not None and m.group("weekday")) and not _cue(self.code, "short_year_cue").search(before):
                return None
            year = 1900 + year if year > (dt.date.today().year % 100) + 1 else 2000 + year
        a, b = int(m.group("a")), int(m.group("b"))
        day, month = (a, b) if self.order == "dmy" else (b, a)
        swapped = False
        if not (1 <= month <= 12 and _valid(year, month, day)) and 1 <= day <= 12 and _valid(year, day, month):
            day, month, swapped = month, day, True
        if not 1 <= month <= 12:
            if not 1 <= day <= 12:
                return DateMention(m.start(), m.end(), day, month, year, None, wd, "numeric", span)
            day, month, swapped = month, day, True
        return DateMention(m.start(), m.end(), day, month, year, None, wd, "numeric", span, swapped)


def _may_begin(kind: str, after_numbers: set[str]) -> bool:
    """Whether a number can begin a date of the kind: one is followed by the character its lead needs."""
    return not after_numbers.isdisjoint(_LEAD_SEPARATORS[kind])


def find_dates(prose: str, code: str, hits: list[tuple[int, str]] | None = None) -> list[DateMention]:
    """`hits`: word_hits of the prose for words that hold date_words(code), when the caller found them (with the
    words of other extractors: one scan for all)."""
    reader = _Reader(prose, code)
    found: list[DateMention] = []
    taken = bytearray(len(prose))   # 1 where an earlier, more specific pattern already read a date
    kinds, firsts, leads = _patterns(code)
    starts, runs = _starts(prose, firsts, hits)
    after_numbers = {prose[end:end + 1] for _, end in runs}
    for kind, pattern in kinds:
        need = _NEEDS.get(kind)
        if need is not None and not (_may_begin(kind, after_numbers) and need.search(prose)):
            continue
        lead, longest = leads.get(kind), _LEAD_DIGITS.get(kind, 0)
        numbers = [at for at, end in runs if end - at <= longest and lead.match(prose, at)] if lead else []
        begins = sorted(set(numbers).union(*(starts[k] for k in _BEGINS.get(kind, ("weekday",)))))
        for m in finditer_at(pattern, prose, begins):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            mention = reader.read(kind, m)
            if mention is None:
                continue
            found.append(mention)
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found, key=lambda d: d.start)
