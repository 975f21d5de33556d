"""Everything a check may ask about one article: its extracted statements, its date, the facts."""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from itertools import accumulate

from . import lang as language
from .articles import Article
from .dating import ArticleDate, establish
from .extract.anchors import Anchor, find_anchors
from .extract.anchored import lowered, word_hits
from .extract.dates import DateMention, date_words, find_dates
from .extract.events import EventClaim, EventMention, find_event_claims, find_events
from .extract.malformed import Malformed, find_impossible_times, find_malformed
from .extract.numbers import NumberMention, find_numbers
from .extract.claims import Claim, find_claims
from .extract.figures import Figure, find_figures
from .extract.reckoning import find_reckonings
from .extract.relative import RelativeDate, find_relative_dates, relative_words
from .extract.sentences import sentence_at, sentences
from .extract.names import NameSpan, find_names, plausible_names
from .extract.titles import TitleMention, find_generic_titles, find_titles
from .extract.years import YearSpot, find_year_spots
from .facts.factbase import FactBase
from .fold import fold_same_length
from .finding import DEFAULT, Evidence, Finding, Location, Severity, found
from .extract.quoted import inside, quote_spans
from .resolve import Resolution, office_of, resolve_person

class cached_property:   # noqa: N801 - used as functools.cached_property is
    """functools.cached_property without its lock (Python 3.11 takes one on every first read; 3.12 dropped it): a
    context is read by one thread, and what it computes is pure, so computing it twice could only cost time.
    The value is kept in the instance's __dict__, where later reads find it without calling this."""

    def __init__(self, func) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


_WORDS = re.compile(r"(\w+)")   # split on it: the runs between words, then each word, in turn
ANCHOR_WINDOW = 400


@functools.lru_cache(maxsize=None)
def _calendar_words(code: str) -> frozenset[str]:
    return date_words(code) | relative_words(code)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:   # 29 February
        return day.replace(year=day.year - years, day=28)


class ArticleContext:
    def __init__(self, article: Article, base: FactBase, option_date: dt.date | None = None) -> None:
        self.article = article
        self.base = base
        self.option_date = option_date
        self._leaning: set[int] = set()   # starts of the sentences read at the article's date (see when())
        self._own_times: dict[int, tuple | None] = {}   # _own_time by offset: checks ask of the same mentions

    # -- extraction (pure, lazy, once) -----------------------------------------
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.article.prose)

    @cached_property
    def folded(self) -> str:
        """The prose folded for matching, offset for offset."""
        return fold_same_length(self.article.prose)

    @cached_property
    def tokens(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of every word of the folded prose: where names of the rules are looked for."""
        # the offsets are the running sum of the pieces' lengths: no match object per word
        parts = _WORDS.split(self.folded)
        offsets = list(accumulate(map(len, parts), initial=0))
        return list(zip(offsets[1::2], offsets[2::2], parts[1::2]))

    @cached_property
    def _calendar_hits(self) -> list[tuple[int, str]] | None:
        """Where the words that begin dates and relative dates stand ("mars" is both): one scan of the prose for
        the two extractors (None when its lower case is not its case folding: each then scans as it does alone)."""
        prose = self.article.prose
        return word_hits(prose, _calendar_words(self.article.language)) if lowered(prose) is not None else None

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.article.prose, self.article.language, self._calendar_hits)

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    @cached_property
    def malformed(self) -> list[Malformed]:
        return find_malformed(self.article.prose, day_first=language.load(self.article.language)["numeric_date_order"].startswith("d"))

    @cached_property
    def impossible_times(self) -> list[Malformed]:
        return find_impossible_times(self.article.prose, self.article.language)

    @cached_property
    def numbers(self) -> list[NumberMention]:
        return find_numbers(self.article.prose, self.article.language)

    @cached_property
    def figures(self) -> list[Figure]:
        """Numbers with their unit, bounds and precision (not inside dates): what the figure checks read."""
        return find_figures(self.article.prose, self.article.language, self.numbers, [(d.start, d.end) for d in self.dates])

    @cached_property
    def claims(self) -> list[Claim]:
        """Every figure with its measure, subject, period and source (extract/claims.py)."""
        return find_claims(self.article.prose, self.article.language, self.sentences, self.figures, self.dates,
                           self.relative_dates, self.names, self.date.interval, self.base, self.folded,
                           self.plausible_names)

    @cached_property
    def year_spots(self) -> list[YearSpot]:
        """Numbers in a year position ("en 206", "le 18 octobre 212", "since 2104"): year-typo's."""
        return find_year_spots(self.article.prose, self.article.language, self.sentences)

    @cached_property
    def reckonings(self):
        """(ages, year spans, changes): statements whose arithmetic can be checked."""
        return find_reckonings(self.article.prose, self.article.language, self.sentences, self.numbers, self.dates)

    @cached_property
    def relative_dates(self) -> list[RelativeDate]:
        return find_relative_dates(self.article.prose, self.article.language, [(d.start, d.end) for d in self.dates],
                                   self._calendar_hits)

    @cached_property
    def events(self) -> list[EventMention]:
        return find_events(self.article.prose, self.folded, self.article.language, self.base, self.dates, self.tokens)

    @cached_property
    def event_claims(self) -> list[EventClaim]:
        """Events of the rules described in the article's own words ("Germany joined NATO in 1955")."""
        return find_event_claims(self.article.prose, self.folded, self.article.language, self.base, self.sentences,
                                 self.dates, self.tokens)

    @cached_property
    def titles(self) -> list[TitleMention]:
        return find_titles(self.article.prose, self.folded, self.article.language, self.base, self.sentences, self.tokens)

    @cached_property
    def names(self) -> list[NameSpan]:
        """Capitalised name spans (name-typo, the statements of cross-article checks)."""
        return find_names(self.article.prose, self.article.language)

    @cached_property
    def plausible_names(self) -> list[NameSpan]:
        """The names that are surely names (names.plausible_names): owners of claims, speakers of quotations."""
        return plausible_names(self.names, self.article.language)

    @cached_property
    def generic_titles(self) -> list[TitleMention]:
        return find_generic_titles(self.article.prose, self.folded, self.article.language, self.sentences,
                                   self.tokens)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quote_spans(self.article.prose)

    def in_quote(self, offset: int) -> bool:
        return inside(self.quotes, offset)

    @cached_property
    def specific_offices(self) -> frozenset[str]:
        """Offices the article names unambiguously somewhere ("secrétaire général de l'OTAN")."""
        return frozenset(o for m in self.titles if self.base.is_specific(self.article.language, m.text)
                         for o in m.office_ids)

    @cached_property
    def office_titles(self) -> list[tuple[TitleMention, str]]:
        """Title mentions without a name whose office the article makes clear: (mention, office id)."""
        out = []
        for mention in self.titles:
            if mention.name:
                continue
            office = office_of(mention, self.article.prose, self.base, self.article.language, self.specific_offices)
            if office:
                out.append((mention, office))
        return out

    @cached_property
    def date(self) -> ArticleDate:
        return establish(self.article, self.option_date, self.dates, self.malformed, self.events, self.sentences)

    @cached_property
    def people_titles(self) -> list[tuple[TitleMention, Resolution]]:
        """Title mentions whose name is a person of the rules, with how the name was resolved."""
        out = []
        for mention in self.titles:
            if mention.name:
                resolution = resolve_person(self.base, mention.name, mention.office_ids)
                if resolution is not None:
                    out.append((mention, resolution))
        return out

    def between(self, name: str, start: int, end: int) -> list:
        """The items of an extracted list (sorted by .start) that start in [start, end): bisection, not a scan."""
        items = getattr(self, name)
        key = "_starts_" + name
        starts = self.__dict__.get(key)
        if starts is None:
            starts = self.__dict__[key] = [item.start for item in items]
        return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    # -- time -------------------------------------------------------------------
    def when(self, offset: int) -> tuple[tuple[dt.date, dt.date] | None, str]:
        """The dates a sentence speaks of, and how they were found: its own anchor ("En 2018, …") or the article's."""
        own = self._own_times.get(offset, False)
        if own is False:
            own = self._own_times[offset] = self._own_time(offset)
        if own is not None:
            return own
        return self.article_time(offset)

    def article_time(self, offset: int) -> tuple[tuple[dt.date, dt.date] | None, str]:
        """The article's dates, for a sentence that speaks of now whatever it names ("depuis octobre 2023")."""
        self._leaning.add(sentence_at(self.sentences, offset)[0])   # what is found here rests on the article's date
        return self.date.interval, self._article_how

    @cached_property
    def _article_how(self) -> str:
        return f"the article's date, {self.describe_date()}"   # asked for every sentence read at that date

    def _own_time(self, offset: int) -> tuple[tuple[dt.date, dt.date], str] | None:
        start, end = sentence_at(self.sentences, offset)
        # an anchor binds within its sentence, and near: a bounded window keeps this linear in the text
        start, end = max(start, offset - ANCHOR_WINDOW), min(end, offset + ANCHOR_WINDOW)
        before = self._anchors(start, offset) if start < offset else None   # none in nothing: a sentence's start
        if before:   # the nearest anchor before the title wins: "En 2018, le président …"
            return max(before, key=lambda a: a[0])[1:]
        article = self.date.interval
        if not article:
            return None
        after = {(interval, how) for _, interval, how in self._anchors(offset, end)}
        # "Le Premier ministre Édouard Philippe … ont parlé le 3 mars 2019": one past date after the title
        if len({interval for interval, _ in after}) == 1:
            interval, how = next(iter(after))
            if interval[1] < article[0]:
                return interval, how
        return None

    def uncertain_date(self, finding: Finding, dated: frozenset[str], directly: frozenset[str]) -> str | None:
        """Why a finding rests on an uncertain article date, or None. It does when the article's date (or its
        bounds) has low confidence, and the finding's check is one of `dated` (checks.ARTICLE_DATE_CHECKS)
        and read that date in the finding's sentence (through when()) or is one of `directly`, that read it
        outside when(). Such findings are reported as info, never above (postprocess.finish)."""
        date = self.date
        if date.confidence != "low" or finding.rule not in dated:
            return None
        if date.value is None and date.earliest is None and date.latest is None:
            return None
        if finding.rule not in directly:
            loc = finding.location
            offset = self.article.textmap.line_start(loc.line) + loc.column - 1
            if sentence_at(self.sentences, offset)[0] not in self._leaning:
                return None
        return f"the article's date is uncertain: {date.how}"

    def _anchors(self, start: int, end: int) -> list[tuple[int, tuple[dt.date, dt.date], str]]:
        """(position, interval, how) of the dates and years written between two offsets."""
        anchors = []
        first = bisect.bisect_left(self._date_starts, start)
        for d in self.dates[first:bisect.bisect_left(self._date_starts, end)]:
            if not d.year:
                continue
            day = d.date()
            if day:
                interval = (day, day)
            elif d.day is None:
                after = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
                interval = (dt.date(d.year, d.month, 1), after - dt.timedelta(days=1))
            else:
                continue
            anchors.append((d.start, interval, f"the sentence's date “{self.article.text[d.start:d.end]}”"))
        for a in find_anchors(self.article.prose, self.article.language, start, end):
            interval = self._anchor_interval(a)
            if interval and not self.between("dates", a.start - 20, a.end):   # a full date says it better
                anchors.append((a.start, interval, f"the sentence's time “{self.article.text[a.start:a.end]}”"))
        return anchors

    def anchor_intervals(self, start: int, end: int) -> list[tuple[dt.date, dt.date]]:
        """The times the text between two offsets names: its dates, years, months and "N years ago"."""
        return [interval for _, interval, _ in self._anchors(start, end)]

    def _anchor_interval(self, a: Anchor) -> tuple[dt.date, dt.date] | None:
        if a.years_ago is not None:   # "50 years ago": give or take a year
            article = self.date.interval
            if article is None:
                return None
            return _years_before(article[0], a.years_ago + 1), _years_before(article[1], max(a.years_ago - 1, 0))
        if a.month:
            after = dt.date(a.year + a.month // 12, a.month % 12 + 1, 1)
            return dt.date(a.year, a.month, 1), after - dt.timedelta(days=1)
        return dt.date(a.year, 1, 1), dt.date(a.year, 12, 31)

    def describe_date(self) -> str:
        d = self.date
        if d.value is None:
            return "unknown"
        shown = d.value.isoformat() if d.earliest == d.latest else f"about {d.value.isoformat()}"
        return shown if d.confidence != "low" else f"{shown}, uncertain"

    # -- findings -----------------------------------------------------------------
    def finding(self, rule: str, start: int, end: int, message: str, level: str | Severity = DEFAULT,
                suggestion: str | None = None, evidence: tuple[Evidence, ...] = ()) -> Finding:
        """A finding of `rule` on the text between two offsets, at one of the rule's levels (finding.found)."""
        line, column = self.article.position(start)
        end_line, end_column = self.article.position(end)
        return found(rule, message, Location(self.article.path, line, column, end_line, end_column), level,
                     self.article.text[start:end], suggestion, evidence)
