"""Periods: what time a figure is about, read from the language data and resolved against the article's date.

An explicit date ("le 24 juin 2025", "Monday", "hier"), a month, a year ("en 2024", "in fiscal 1989"), a
quarter ("third-quarter", "au troisième trimestre"), a half, a span of months ("the nine months", "les neuf
premiers mois"), a deadline ("d'ici 2035", "by 2035"), and the shifts that refer to an earlier period of the
same length ("year-ago quarter", "a year earlier", "un an plus tôt", "the 1988 period"). Each mention becomes
a key that two periods share only when they are the same time at the same granularity: "Q:1989-3" for the
third quarter of 1989, "Y:1989", "M:1989-10", "D:1989-10-27", "N:1989-9" (nine months of 1989), "FY:1989",
"BY:2035". A quarter without a year is the last one that ended before the article's date.

Pure: prose, the date and relative-date mentions, the article's date → PeriodMentions, sentence by sentence.
Which mention a figure takes is the claim reader's choice (claims.py)."""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation
from .relative import resolve

_YEAR = r"(?:1[89]|20)\d\d"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class PeriodMention:
    start: int
    end: int
    key: str | None            # None for a shift ("a year earlier"): it applies to another period
    text: str                  # as written
    shift: int = 0             # years back ("year-ago" → 1)
    year_only: bool = False    # "the 1988 period": the year of a period whose length is the article's


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Period:
    key: str                   # "Q:1989-3", "implicit" (the article's own time), "unknown" …
    text: str                  # how the text says it ("third-quarter", "a year earlier") or why it is unknown
    how: str                   # "said", "before" (the sentence before says it), "article", "unknown"

    @property
    def known(self) -> bool:
        return self.how != "unknown"


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict:
    data = language.load(code)
    p = data["claim_periods"]
    ordinals = {fold(k): v for k, v in p["ordinals"].items()}
    counts = {fold(k): v for k, v in p["month_counts"].items()}
    flags = regex.I
    ords, nums = alternation(p["ordinals"]), alternation(p["month_counts"])
    shift_words = p["year_ago"]
    quarter = alternation(p["quarter"])
    half = alternation(p["half"])
    months = alternation(p["months_span"])
    # the ordinal comes first in both languages: "third quarter", "troisième trimestre", "the first nine months",
    # "les neuf premiers mois"
    first = alternation(p["first"])
    q = rf"(?P<ord>{ords})[\s-]+(?:(?:{alternation(p['fiscal'])})\s+)?(?:{quarter})|(?P<qtag>{p['quarter_tag']}[1-4])"
    h = rf"(?P<hord>{ords})[\s-]+(?:{half})"
    n = rf"(?:(?:{first})\s+)?(?P<n>{nums}|\d{{1,2}})[\s-]+(?:(?:{first})\s+)?(?:{months})"
    year_tail = rf"(?:\s+(?:(?:{alternation(p['year_links'])})\s+)?(?P<qy>{_YEAR})(?!\d))?"
    month_names = [w for w in data["months"] if len(w) > 3]
    if data["months_capitalised"]:     # English month names: "may", "march" in lower case are other words
        month_names = [w.capitalize() for w in month_names]
    return {
        "ordinals": ordinals, "counts": counts,
        # no lookahead for the first characters (lang.starts) before the lookbehinds: with this regex module the
        # patterns scan a text faster without one (the engine finds the words' first characters itself)
        "quarter": patterns.compile(rf"(?<![\w-])(?:{q}){year_tail}(?![\w-])", flags),
        "half": patterns.compile(rf"(?<![\w-])(?:{h}){year_tail}(?![\w-])", flags),
        "months": patterns.compile(rf"(?<![\w-])(?:{n}){year_tail}(?![\w-])", flags),
        "latest": patterns.compile(rf"(?<![\w-])(?:{alternation(p['latest_quarter'])})(?![\w-])", flags),
        "year": patterns.compile(
            rf"(?<![\w.,/-])(?P<y>{_YEAR})"
            rf"(?P<period>\s+(?:{alternation(p['period_nouns']) or '(?!)'}))?(?![\w/%-]|[.,]\d|\s?%)", flags),
        "year_word": patterns.compile(
            rf"(?<![\w-])(?P<word>{alternation(p['deadline'] + p['fiscal'] + p['since'])})\s+$", flags),
        "year_part": patterns.compile(rf"(?<![\w-])(?:{alternation(p['year_parts'])})[\s-]*$", flags),
        "month": patterns.compile(rf"(?<![\w-])(?P<m>{alternation(month_names)})"
                                  rf"(?:,?\s+(?P<my>{_YEAR})(?!\d))?(?![\w-])", 0 if data["months_capitalised"] else flags),
        "month_numbers": {fold(k): v for k, v in data["months"].items()},
        "shift": patterns.compile(rf"(?<![\w-])(?:{alternation(shift_words)})(?![\w-])", flags),
        # whether a pattern can match in a span: one of its words (or a quarter tag, "q3") in the folded text
        "needles": {name: _needles({fold(w).split()[-1].lower() for w in words})
                    for name, words in (("quarter", p["quarter"] + [f"{t.lower()}{n}" for t in p["quarter_tag"].strip("[]")
                                                                    for n in "1234"]),
                                        ("half", p["half"]), ("months", p["months_span"]),
                                        ("latest", p["latest_quarter"]), ("shift", shift_words),
                                        ("month", month_names))},
        "deadline": frozenset(fold(w) for w in p["deadline"]),
        "fiscal": frozenset(fold(w) for w in p["fiscal"]),
    }


def _needles(words: set[str]) -> re.Pattern:
    """A pattern that finds any of the words as a substring: `search(folded, start, end)` is `any(w in
    folded[start:end] …)` in one pass of the standard engine (literal words, no slice, no loop in Python)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words)) or "(?!)")


def _quarter_year(quarter: int, ref: dt.date) -> int:
    """The year of the last such quarter that had begun by the reference day."""
    return ref.year if quarter * 3 - 2 <= ref.month else ref.year - 1


# complex by design (C901): each period pattern runs only when its words occur in the span and marks what it read: they share that bookkeeping to stay linear
def find_periods(prose: str, folded: str, code: str, start: int, end: int, dates, relative,  # noqa: C901
                 article: tuple[dt.date, dt.date] | None, reporting: str | None) -> list[PeriodMention]:
    """The period mentions between start and end. `dates` and `relative` are the article's sorted mentions;
    `folded`: the prose folded offset for offset (fold_same_length); `reporting`: the article's first quarter key
    ("Q:1989-3"), for "the quarter" and "the 1988 period".
    Linear in the span: a pattern runs only when its words occur in it, and what is read is marked once."""
    p = _patterns(code)
    ref = article[0] if article else None
    found: list[PeriodMention] = []
    taken = bytearray(end - start)

    def free(offset: int) -> bool:
        return not taken[offset - start]

    def add(m_start: int, m_end: int, key: str | None, shift: int = 0, year_only: bool = False) -> None:
        found.append(PeriodMention(m_start, m_end, key, prose[m_start:m_end], shift, year_only))
        stop = min(m_end, end)
        taken[m_start - start:stop - start] = b"\x01" * (stop - m_start)

    def runs(name: str) -> bool:
        return p["needles"][name].search(folded, start, end) is not None

    _calendar(prose, start, end, dates, relative, article, add, free)
    for m in p["quarter"].finditer(prose, start, end) if runs("quarter") else ():
        if not free(m.start()):
            continue
        key = _quarter_key(m, p, ref)
        if key:
            add(m.start(), m.end(), key)
            reporting = reporting or key      # the article's first quarter: "the quarter", "the 1988 period"
    for m in p["half"].finditer(prose, start, end) if runs("half") else ():
        n = p["ordinals"].get(fold(m.group("hord")), 0)
        year = int(m.group("qy")) if m.group("qy") else _reporting_year(reporting, ref, n * 6)
        if n in (1, 2) and year and free(m.start()):
            add(m.start(), m.end(), f"H:{year}-{n}")
    for m in p["months"].finditer(prose, start, end) if runs("months") else ():
        raw = fold(m.group("n"))
        n = int(raw) if raw.isdigit() else p["counts"].get(raw, 0)
        year = int(m.group("qy")) if m.group("qy") else _reporting_year(reporting, ref, n)
        if 1 < n < 12 and year and free(m.start()):
            add(m.start(), m.end(), f"N:{year}-{n}")
    for m in p["latest"].finditer(prose, start, end) if reporting and runs("latest") else ():
        if free(m.start()):
            add(m.start(), m.end(), reporting)
    for m in p["month"].finditer(prose, start, end) if runs("month") else ():
        if free(m.start()):                            # "en mars", "in March 2019", "d'août 2023"
            month = p["month_numbers"][fold(m.group("m"))]
            year = int(m.group("my")) if m.group("my") else nearest_year(month, 15, ref)
            if year:
                add(m.start(), m.end(), f"M:{year}-{month:02d}")
    for m in p["year"].finditer(prose, start, end):
        if not free(m.start("y")):
            continue
        year = int(m.group("y"))
        w = p["year_word"].search(prose, max(start, m.start() - 30), m.start())
        word = fold(" ".join(w.group("word").split())) if w else ""
        first = w.start() if w else m.start()
        if m.group("period") and reporting:            # "the 1988 period": the reporting quarter of 1988
            add(first, m.end(), f"{reporting.split(':')[0]}:{year}-{reporting.split('-')[1]}", year_only=True)
        elif word in p["deadline"]:
            add(first, m.end("y"), f"BY:{year}")
        elif word in p["fiscal"]:
            add(first, m.end("y"), f"FY:{year}")
        elif word:
            add(first, m.end("y"), f"FROM:{year}")
        else:                                          # "fin 2011", "at the end of 2011": that year too
            part = p["year_part"].search(prose, max(start, m.start() - 20), m.start())
            add(part.start() if part else m.start("y"), m.end("y"), f"Y:{year}")
    for m in p["shift"].finditer(prose, start, end) if runs("shift") else ():
        if free(m.start()):
            add(m.start(), m.end(), None, shift=1)
    return sorted(found, key=lambda x: x.start)


def reporting_periods(prose: str, folded: str, code: str, article: tuple[dt.date, dt.date] | None) -> list[str]:
    """The quarters, halves and spans of months an article names, in order ("third-quarter", "the nine months"):
    its first quarter is its reporting period; more than one such period and a figure without its own is of
    none that can be told."""
    p = _patterns(code)
    ref = article[0] if article else None
    keys = []
    if p["needles"]["quarter"].search(folded):
        keys += [(m.start(), key) for m in p["quarter"].finditer(prose) if (key := _quarter_key(m, p, ref))]
    reporting = keys[0][1] if keys else None
    for name, kind, length in (("half", "H", 6), ("months", "N", 0)):
        if not p["needles"][name].search(folded):
            continue
        for m in p[name].finditer(prose):
            raw = fold(m.group("hord" if kind == "H" else "n"))
            n = p["ordinals"].get(raw, 0) if kind == "H" else (int(raw) if raw.isdigit() else p["counts"].get(raw, 0))
            year = int(m.group("qy")) if m.group("qy") else _reporting_year(reporting, ref, n * 6 if kind == "H" else n)
            if year and (kind == "H" and n in (1, 2) or kind == "N" and 1 < n < 12):
                keys.append((m.start(), f"{kind}:{year}-{n}"))
    return [key for _, key in sorted(keys)]


def _quarter_key(m, p, ref: dt.date | None) -> str | None:
    tag = m.group("qtag")
    n = int(tag[-1]) if tag else p["ordinals"].get(fold(m.group("ord")), 0)
    year = int(m.group("qy")) if m.group("qy") else None
    if year is None and ref is not None:
        return f"Q:{_quarter_year(n, ref)}-{n}"
    return f"Q:{year}-{n}" if year else None


def _reporting_year(reporting: str | None, ref: dt.date | None, months: int) -> int | None:
    if reporting:
        return int(reporting[2:6])
    if ref is None:
        return None
    return ref.year if ref.month > months else ref.year - 1


# complex by design (C901): full dates, months and relative days each become periods in one pass over the span's mentions
def _calendar(prose, start, end, dates, relative, article, add, free) -> None:  # noqa: C901
    """Full dates, months and relative days of the span as periods."""
    lo = bisect.bisect_left(dates, start, key=lambda d: d.start)
    for d in dates[lo:bisect.bisect_left(dates, end, key=lambda d: d.start)]:
        year = d.year or nearest_year(d.month, d.day or 1, article[0] if article else None)
        if year is None or not free(d.start):
            continue
        if d.day is None:
            add(d.start, d.end, f"M:{year}-{d.month:02d}")
        elif _exists(year, d.month, d.day_end or d.day):   # "le 30 février": no such day, no period (invalid-date)
            last = f"..{d.day_end:02d}" if d.day_end else ""
            add(d.start, d.end, f"D:{year}-{d.month:02d}-{d.day:02d}{last}")
    if article is None:
        return
    lo = bisect.bisect_left(relative, start, key=lambda r: r.start)
    for r in relative[lo:bisect.bisect_left(relative, end, key=lambda r: r.start)]:
        if not free(r.start):
            continue
        first, last = resolve(r, article)
        if r.unit == "year":
            add(r.start, r.end, f"Y:{first.year}")
        elif r.unit in ("month", "month-name"):
            add(r.start, r.end, f"M:{first.year}-{first.month:02d}")
        elif first == last:
            add(r.start, r.end, f"D:{first.isoformat()}")
        else:
            add(r.start, r.end, f"D:{first.isoformat()}/{last.isoformat()}")


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def nearest_year(month: int, day: int, ref: dt.date | None) -> int | None:
    """The year that puts a day without one nearest the reference day."""
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - ref).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def shifted(key: str, years: int) -> str | None:
    """The same period `years` earlier: "Q:1989-3" → "Q:1988-3"; None when the key has no year."""
    kind, _, rest = key.partition(":")
    if kind not in ("Q", "H", "N", "Y", "FY", "M", "D") or not rest[:4].isdigit():
        return None
    return f"{kind}:{int(rest[:4]) - years}{rest[4:]}" if kind not in ("D",) else None


def period_end(key: str) -> dt.date | None:
    """The last day of a period key ("Q:1989-3" → 1989-09-30); None for a deadline, a start or an unknown end."""
    kind, _, rest = key.lstrip("<").partition(":")
    try:
        year = int(rest[:4])
        if kind in ("Y", "FY"):
            return dt.date(year, 12, 31)
        if kind in ("Q", "H", "N", "M"):
            month = {"Q": 3, "H": 6, "N": 1, "M": 1}[kind] * int(rest[5:7] if kind == "M" else rest[5:])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if kind == "D":
            return dt.date.fromisoformat(rest.split("/")[-1][:10]) if "/" in rest else \
                dt.date(year, int(rest[5:7]), int(rest.split("..")[-1][-2:]))
    except ValueError:
        return None
    return None


_SHOWN = {"Q": "Q{n} {y}", "H": "H{n} {y}", "N": "{n} months of {y}", "FY": "fiscal {y}", "BY": "by {y}",
          "FROM": "from {y}"}


def describe(key: str) -> str:
    """A key as words for messages: "Q:1989-3" → "Q3 1989", "<N:1989-9" → "before 9 months of 1989"."""
    if key.startswith("<"):
        return f"before {describe(key[1:])}"
    kind, _, rest = key.partition(":")
    shown = _SHOWN.get(kind)
    return shown.format(y=rest[:4], n=rest[5:]) if shown else rest or key
