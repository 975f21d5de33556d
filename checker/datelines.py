"""Datelines: the date an article gives itself where it begins, in the shapes newsrooms use.

"NEW YORK, Oct. 25, 2012 (Reuters) -", "WASHINGTON (AP) _", "PARIS, 12 mars 2003 (AFP) -", "NANTES, 3 mai —",
"Bruxelles, le 12 février 2026", "Publié le 12/02/2026 à 16h12", "29 mai 2012. - Un postier …", a date alone
on its line, a time glued to it ("16:1212/02/2026, jeudi"). The date must open one of the first lines with
text, after nothing but a place (a word or a few in capitals, a region after a comma) and the language's
dateline cues ("le", "publié le", "updated"), and be followed by nothing but a weekday, a time, an agency in
parentheses, and a dash or the end of the line. A date inside a sentence, or after a title's words, is not a
dateline: "Le discours de Churchill du 5 mars 1946 – …" gives nothing.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from . import lang as language
from . import patterns
from .articles import Article
from .extract.dates import DateMention
from .extract.glued import Malformed

FIRST_LINES = 5        # a dateline opens one of the first lines with text
PLACE_CHARS = 120      # the most that may stand before its date (a place, a region, a cue, a weekday)
_WORD = r"[\p{Lu}][\p{L}'’.-]*"
_PLACE = rf"[\p{{Lu}}][\p{{Lu}}'’. -]*[\p{{Lu}}.]|{_WORD}(?:[ -]{_WORD}){{0,3}}"   # "NEW YORK", "Saint-Dié"
_TIME = r"\d{1,2}\s*[:h.]\s*\d{2}"
_AGENCY = r"\([^()\n]{1,40}\)"           # "(AFP)", "(Reuters)", "(AP)"
_DASH = r"[-—–_]"


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    line: int
    day: int
    month: int
    year: int | None         # None: "NEW YORK, Oct. 25 (Reuters) -" writes no year

    def date(self, year: int | None = None) -> dt.date | None:
        try:
            return dt.date(self.year or year, self.month, self.day) if (self.year or year) else None
        except ValueError:
            return None


@functools.lru_cache(maxsize=None)
def _shapes(code: str) -> tuple[regex.Pattern, regex.Pattern]:
    data = language.load(code)
    cues = language.alternation(data.get("dateline_cues", [])) or "(?!)"
    weekdays = language.alternation(list(data["weekdays"]) + list(data.get("weekday_abbreviations", {})))
    at = language.alternation(data.get("time_before", [])) or "(?!)"
    before = patterns.compile(
        rf"[ \t]*(?:(?:{_PLACE})(?:,[ \t]*{_WORD}(?:[ \t]+{_WORD}){{0,2}})?[ \t]*,[ \t]*)?"
        rf"(?i:(?:{cues})[ \t]+)?(?i:(?:{weekdays}),?[ \t]+)?")
    after = patterns.compile(
        rf"(?i:,?[ \t]*(?:{weekdays})\b)?(?:,?[ \t]*(?i:{at})?[ \t]*{_TIME})?[ \t]*(?:{_AGENCY})?[ \t]*"
        rf"(?:\.?[ \t]*{_DASH}|[ \t]*$)", regex.M)
    return before, after


def find_dateline(article: Article, dates: list[DateMention], malformed: list[Malformed]) -> Dateline | None:
    """The dateline of the article, or None. Its year is None when the dateline writes none."""
    prose = article.prose
    lines = [n for n, text in enumerate(prose.splitlines(), 1) if text.strip()][:FIRST_LINES]
    if not lines:
        return None
    before, after = _shapes(article.language)
    candidates = [(m.start, m.end, m.date.day, m.date.month, m.date.year) for m in malformed if m.date]
    candidates += [(d.start, d.end, d.day, d.month, d.year) for d in dates if d.day and d.day_end is None]
    for start, end, day, month, year in sorted(candidates):
        line = article.position(start)[0]
        if line > lines[-1]:
            break
        if line not in lines:
            continue
        line_start = article.textmap.line_start(line)
        if start - line_start > PLACE_CHARS:
            continue   # far into its line: not what opens it
        if before.fullmatch(prose, line_start, start) and after.match(prose, end):
            found = Dateline(start, end, line, day, month, year)
            if found.date(2000 if (month, day) == (2, 29) else 2001) is not None:
                return found
    return None
