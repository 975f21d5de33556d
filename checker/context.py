"""Everything a check may ask about one article: its extracted statements, its date, the facts."""
from __future__ import annotations

import datetime as dt
from functools import cached_property

import regex

from .articles import Article
from .dating import ArticleDate, establish
from .extract.dates import DateMention, find_dates
from .extract.events import EventMention, find_events
from .extract.glued import Malformed, find_impossible_times, find_malformed
from .extract.numbers import NumberMention, find_numbers
from .extract.quantities import Quantity, find_quantities
from .extract.reckoning import find_reckonings
from .extract.relative import RelativeDate, find_relative_dates
from .extract.sentences import sentence_at, sentences
from .extract.titles import TitleMention, find_titles
from .facts.index import FactBase
from .fold import fold_same_length
from .finding import Evidence, Finding, Location, Severity
from .resolve import Resolution, resolve_person

_YEAR_ANCHOR = regex.compile(r"(?<!\w)(?:[Ee]n|[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate)\s+(?P<year>(?:1[89]|20)\d\d)(?![\d\w])")


class ArticleContext:
    def __init__(self, article: Article, base: FactBase, option_date: dt.date | None = None) -> None:
        self.article = article
        self.base = base
        self.option_date = option_date

    # -- extraction (pure, lazy, once) -----------------------------------------
    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.article.prose)

    @cached_property
    def folded(self) -> str:
        """The prose folded for matching, offset for offset."""
        return fold_same_length(self.article.prose)

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.article.prose, self.article.language)

    @cached_property
    def malformed(self) -> list[Malformed]:
        return find_malformed(self.article.prose, day_first=self.article.language != "en")

    @cached_property
    def impossible_times(self) -> list[Malformed]:
        return find_impossible_times(self.article.prose, self.article.language)

    @cached_property
    def numbers(self) -> list[NumberMention]:
        return find_numbers(self.article.prose, self.article.language)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return find_quantities(self.article.prose, self.article.language, self.numbers)

    @cached_property
    def reckonings(self):
        """(ages, year spans, changes): statements whose arithmetic can be checked."""
        return find_reckonings(self.article.prose, self.article.language, self.sentences, self.numbers)

    @cached_property
    def relative_dates(self) -> list[RelativeDate]:
        return find_relative_dates(self.article.prose, self.article.language, [(d.start, d.end) for d in self.dates])

    @cached_property
    def events(self) -> list[EventMention]:
        return find_events(self.article.prose, self.folded, self.article.language, self.base, self.dates)

    @cached_property
    def titles(self) -> list[TitleMention]:
        return find_titles(self.article.prose, self.folded, self.article.language, self.base, self.sentences)

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

    # -- time -------------------------------------------------------------------
    def when(self, offset: int) -> tuple[tuple[dt.date, dt.date] | None, str]:
        """The dates a sentence speaks of, and how they were found: its own anchor ("En 2018, …") or the article's."""
        start, _ = sentence_at(self.sentences, offset)
        anchors = []   # (position, interval, how): the nearest anchor before the offset wins
        for d in self.dates:
            if start <= d.start < offset and d.year:
                day = d.date()
                if day:
                    interval = (day, day)
                elif d.day is None:
                    after = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
                    interval = (dt.date(d.year, d.month, 1), after - dt.timedelta(days=1))
                else:
                    continue
                anchors.append((d.start, interval, f"the sentence's date “{self.article.text[d.start:d.end]}”"))
        for m in _YEAR_ANCHOR.finditer(self.article.prose, start, offset):
            year = int(m.group("year"))
            anchors.append((m.start(), (dt.date(year, 1, 1), dt.date(year, 12, 31)), f"the sentence's year “{m.group()}”"))
        anchor = max(anchors, key=lambda a: a[0])[1:] if anchors else None
        if anchor:
            return anchor
        return self.date.interval, f"the article's date, {self.describe_date()}"

    def describe_date(self) -> str:
        d = self.date
        if d.value is None:
            return "unknown"
        if d.earliest == d.latest:
            return d.value.isoformat()
        return f"about {d.value.isoformat()}"

    # -- findings -----------------------------------------------------------------
    def finding(self, rule: str, start: int, end: int, message: str, severity: Severity,
                suggestion: str | None = None, evidence: tuple[Evidence, ...] = ()) -> Finding:
        line, column = self.article.position(start)
        end_line, end_column = self.article.position(end)
        return Finding(rule, message, Location(self.article.path, line, column, end_line, end_column), severity,
                       self.article.text[start:end], suggestion, evidence)
