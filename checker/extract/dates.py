"""Date mentions in prose, French and English, from the language data: pure text → DateMentions."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    day: int | None
    month: int
    year: int | None
    day_end: int | None = None       # "24-25 juin"
    weekday: int | None = None       # 0 = Monday, as written next to the date
    kind: str = "words"              # "words", "numeric" or "iso"

    def date(self, year: int | None = None) -> dt.date | None:
        y = self.year or year
        if y is None or self.day is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> list[tuple[str, regex.Pattern]]:
    data = language.load(code)
    month = _alternation(data["months"])
    weekday = _alternation(data["weekdays"])
    ordinal = _alternation(data["ordinal_day"]) if data["ordinal_day"] else "(?!)"
    day = rf"(?:{ordinal}|[0-3]?\d)"
    year = r"(?P<year>\d{4})(?![\d,.]\d)"
    flags = regex.I
    patterns = [
        ("dmy", regex.compile(
            rf"(?<![\w/])(?:(?P<weekday>{weekday})\s+)?(?P<day>{day})(?:\s*(?:-|–|au|et|to|and)\s*(?P<day_end>{day}))?"
            rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})(?!\w)(?:,?\s+{year})?", flags)),
    ]
    if code == "en":
        patterns.append(("mdy", regex.compile(
            rf"(?<![\w/])(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month})(?!\w)\s+(?P<day>{day})(?:st|nd|rd|th)?"
            rf"(?:\s*(?:-|–|to|and)\s*(?P<day_end>{day}))?(?!\d)(?:,?\s+{year})?", flags)))
    patterns.append(("numeric", regex.compile(
        rf"(?<![\w/.:])(?:(?P<weekday>{weekday}),?\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>\d{{4}})(?![\w/])", flags)))
    patterns.append(("iso", regex.compile(r"(?<![\w/-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])", flags)))
    return patterns


def _day(text: str | None, code: str) -> int | None:
    if text is None:
        return None
    if not text[0].isdigit():
        return 1  # 1er, premier
    return int(regex.match(r"\d+", text).group())


def find_dates(prose: str, code: str) -> list[DateMention]:
    data = language.load(code)
    months = {k.lower(): v for k, v in data["months"].items()}
    weekdays = {k.lower(): v for k, v in data["weekdays"].items()}
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns(code):
        for m in pattern.finditer(prose):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if code == "en" and "month" in m.groupdict() and kind in ("dmy", "mdy") and not m.group("month")[0].isupper():
                continue  # "2 may be": English month names are capitalised
            wd = weekdays.get((m.group("weekday") or "").lower())
            year = int(m.group("year")) if m.group("year") else None
            if kind == "numeric":
                a, b = int(m.group("a")), int(m.group("b"))
                d, mo = (a, b) if data["numeric_date_order"] == "dmy" else (b, a)
                mention = DateMention(m.start(), m.end(), d, mo, year, None, wd, "numeric")
            elif kind == "iso":
                mention = DateMention(m.start(), m.end(), int(m.group("day")), int(m.group("month")), year, None, None, "iso")
            else:
                mention = DateMention(m.start(), m.end(), _day(m.group("day"), code), months[m.group("month").lower()],
                                      year, _day(m.group("day_end"), code), wd, "words")
            found.append(mention)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)
