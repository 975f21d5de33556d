"""When does an article speak? The date, how it was established, how sure it is, and its bounds.

A wrong date is worse than none: it makes correct text look wrong. So a date is taken only from what
says when the article itself was written: the `--date` option, the front matter, a dateline (datelines.py),
dated events of the rules the article places itself against ("à deux semaines du sommet de La Haye"), or a
date the text calls today ("aujourd'hui 12 mars 2003", "yesterday, March 4, 1998"). A date reported in the
text is never taken for the article's (news recalls the past in any sentence: a capture in 1996, a wedding
in 1933, debentures due 2011); it only bounds it: the article is written after the latest date it reports.
A date that contradicts that bound is not taken either.

Confidence: high (option, front matter, dateline with its year), medium (inferred from the rules' events,
a dateline whose year only the bounds allow), low (a date the text calls today; bounds alone). Findings
that depend on a low-confidence date are not reported above info (see ArticleContext.uncertain_date).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from . import lang as language
from . import patterns
from .articles import Article, front_matter_date
from .datelines import Dateline, find_dateline
from .extract.dates import DateMention
from .extract.events import EventMention, agrees
from .extract.glued import Malformed
from .extract.sentences import sentence_at
from .extract.tense import is_future

CONFIDENCE = {"option": "high", "front-matter": "high", "dateline": "high", "inferred": "medium", "text": "low"}
CUE_WINDOW = 40        # how far before a date its cue ("due", "hier") is looked for


@dataclass(frozen=True, slots=True)
class ArticleDate:
    value: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    source: str            # option, front-matter, dateline, inferred, text, unknown
    how: str               # one line for the report
    confidence: str = "low"   # high, medium, low (see the module's documentation)

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        if self.earliest and self.latest:
            return self.earliest, self.latest
        return None


def exact(day: dt.date, source: str, how: str, confidence: str | None = None) -> ArticleDate:
    return ArticleDate(day, day, day, source, how, confidence or CONFIDENCE[source])


def establish(article: Article, option: dt.date | None, dates: list[DateMention], malformed: list[Malformed],
              events: list[EventMention], sentences: list[tuple[int, int]]) -> ArticleDate:
    if option:
        return exact(option, "option", "given with --date")
    fm = front_matter_date(article)
    if fm:
        return exact(fm, "front-matter", "front matter `date`")
    reported = _latest_reported(article, dates, sentences)
    future = _future_bound(article, events, sentences)
    dateline = find_dateline(article, dates, malformed)
    notes = []
    for found in (_from_dateline(article, dateline, reported, future),
                  _from_events(article, dates, events, sentences),
                  _from_today(article, dates, sentences)):
        if found is None:
            continue
        if reported and found.latest < reported[0]:   # the article cannot be older than a date it reports
            notes.append(f"{found.source} {found.value.isoformat()} set aside: the text reports "
                         f"{reported[0].isoformat()} at line {_line(article, reported[1].start)}")
            continue
        return found
    if dateline and dateline.year is None:
        notes.append(f"the dateline at line {dateline.line} (“{article.text[dateline.start:dateline.end]}”) "
                     "writes no year")
    return _bounded(article, reported, future, notes)


def _line(article: Article, offset: int) -> int:
    return article.position(offset)[0]


def _from_dateline(article, dateline: Dateline | None, reported, future) -> ArticleDate | None:
    if dateline is None:
        return None
    quoted = article.text[dateline.start:dateline.end]
    if dateline.year:
        return exact(dateline.date(), "dateline", f"dateline at line {dateline.line}: “{quoted}”")
    # "NEW YORK, Oct. 25 (Reuters) -": the year only when the bounds leave one, the event's edition confirmed
    if not (reported and future) or (future[1].date is None and not _year_written(article, future[1])):
        return None
    low, high = reported[0], future[0]
    days = [d for y in range(low.year, high.year + 1) if (d := dateline.date(y)) and low <= d <= high]
    if len(days) != 1:
        return None
    return exact(days[0], "dateline", f"dateline at line {dateline.line}: “{quoted}”, the only such day between "
                 f"{low.isoformat()} (reported in the text) and {high.isoformat()} (spoken of as future)", "medium")


def _from_events(article, dates, events, sentences) -> ArticleDate | None:
    usable = [e for e in events if len(e.events) == 1 and _date_agrees(e)]
    for mention in usable:
        # a name alone may be another edition's ("the Washington summit" of 1999 or of 2024): the text must
        # confirm the rule's, by the event's day written with it or its year written somewhere
        if mention.offset_days is not None and (mention.date is not None or _year_written(article, mention)):
            event = mention.events[0]
            anchor = event.start if mention.offset_days < 0 else event.end
            value = anchor + dt.timedelta(days=mention.offset_days)
            slack = dt.timedelta(days=max(1, abs(mention.offset_days) // 4))
            how = (f"inferred: {abs(mention.offset_days)} days {'before' if mention.offset_days < 0 else 'after'} "
                   f"“{mention.text}” ({anchor.isoformat()}, {event.where}) at line {_line(article, mention.start)}")
            return ArticleDate(value, value - slack, value + slack, "inferred", how, CONFIDENCE["inferred"])
    # the year of a date written without one comes from events written with their date
    # ("les élections américaines du 5 novembre"), and only when they agree on the year
    dated = [e for e in usable if e.date is not None]
    if not dated or len({e.events[0].start.year for e in dated}) != 1:
        return None
    usable = dated
    event = usable[0].events[0]
    event_dates = {id(e.date) for e in usable}
    cited = [d for d in dates if d.year is None and d.day and id(d) not in event_dates and _cited(article, d)
             and not _about_the_past(article, sentences, d)]
    for mention in cited:
        value = _nearest_year(mention, event.start)
        if value:
            how = (f"inferred: date cited at line {_line(article, mention.start)} (“{article.text[mention.start:mention.end]}”), "
                   f"year from “{usable[0].text}” ({event.start.isoformat()}, {event.where})")
            return exact(value, "inferred", how)
    return None


def _from_today(article, dates, sentences) -> ArticleDate | None:
    """A full date the text calls today, or yesterday or tomorrow: "aujourd'hui 12 mars 2003", "Yesterday,
    March 4, 1998,"; the first such date, and never in a sentence about the past ("aujourd'hui comme le
    5 mars 1946, date de sa naissance" has no cue next to its date; "il y a", "né le" set a sentence aside)."""
    cue = _cue_before(article.language, "relative_days")
    offsets = {k.lower(): v for k, v in language.load(article.language)["relative_days"].items()}
    for d in dates:
        day = d.date()
        if day is None:
            continue
        m = cue.search(article.prose, max(0, d.start - CUE_WINDOW), d.start)
        if m is None or _about_the_past(article, sentences, d):
            continue
        offset = offsets.get(_loose(m.group("cue").lower()))
        if offset is None:
            continue
        value = day - dt.timedelta(days=offset)
        how = f"the text's “{article.text[m.start('cue'):d.end]}” at line {_line(article, d.start)}"
        return exact(value, "text", how)
    return None


def _bounded(article, reported, future, notes: list[str]) -> ArticleDate:
    """No date, but bounds when the text gives them: after the latest date it reports, before an event of the
    rules it speaks of as future."""
    earliest, latest, said = None, None, []
    if reported:
        earliest, mention = reported
        said.append(f"after {earliest.isoformat()}, the latest date written in the text "
                    f"(“{article.text[mention.start:mention.end]}”, line {_line(article, mention.start)})")
    if future:
        latest, mention = future
        event = mention.events[0]
        said.append(f"before {latest.isoformat()}, the date of “{mention.text}” spoken of as future "
                    f"at line {_line(article, mention.start)} ({event.where})")
    if earliest and latest and earliest > latest:   # the bounds disagree: neither can be trusted
        earliest, latest, said = None, None, []
    tail = "; " + "; ".join(notes) if notes else ""
    if said:
        return ArticleDate(None, earliest, latest, "unknown", "only bounded: " + "; ".join(said) + tail)
    return ArticleDate(None, None, None, "unknown", "no date of writing in the options, front matter, dateline "
                       "or text, and no dated event of the rules" + tail)


def _latest_reported(article, dates, sentences) -> tuple[dt.date, DateMention] | None:
    """The latest full date the text reports: not in a sentence about the future, nor a date of a schedule
    or a term ("due March 1, 2011", "jusqu'au 31 décembre")."""
    scheduled = _cue_before(article.language, "scheduled_date_cues")
    full = []
    for d in dates:
        day = d.date()
        if day is None or scheduled.search(article.prose, max(0, d.start - CUE_WINDOW), d.start):
            continue
        start, end = sentence_at(sentences, d.start)
        if not is_future(article.prose[start:end], article.language):
            full.append((day, d))
    return max(full, key=lambda x: x[0]) if full else None


def _future_bound(article, events, sentences) -> tuple[dt.date, EventMention] | None:
    """The start of the first event of the rules the text speaks of as future: the article is older."""
    for mention in events:
        if len(mention.events) != 1 or not _date_agrees(mention):
            continue
        start, end = sentence_at(sentences, mention.start)
        if is_future(article.prose[start:end], article.language):
            return mention.events[0].start, mention
    return None


def _about_the_past(article, sentences, mention: DateMention) -> bool:
    start, end = sentence_at(sentences, mention.start)
    return _past_reference(article.language).search(article.prose, start, end) is not None


@functools.lru_cache(maxsize=None)
def _past_reference(code: str) -> regex.Pattern:
    words = language.alternation(language.load(code).get("past_reference_words", [])) or "(?!)"
    return patterns.compile(rf"(?<!\w)(?:{words})(?!\w)", regex.I)


@functools.lru_cache(maxsize=None)
def _cue_before(code: str, key: str) -> regex.Pattern:
    """Words of the language data that end just before a date (commas and spaces between)."""
    words = language.alternation(language.load(code).get(key, [])) or "(?!)"
    return patterns.compile(rf"(?<!\w)(?P<cue>{words})[\s,]*\Z", regex.I)


def _loose(word: str) -> str:
    return " ".join(word.replace("’", "'").split())


def _year_written(article, mention: EventMention) -> bool:
    year = str(mention.events[0].start.year)
    return regex.search(rf"(?<!\d){year}(?!\d)", article.prose) is not None


def _date_agrees(mention: EventMention) -> bool:
    return mention.date is None or agrees(mention.events[0], mention.date)


def _cited(article: Article, mention: DateMention) -> bool:
    words = language.load(article.language)["citation_words"]
    before = article.prose[max(0, mention.start - 20):mention.start].lower().split()
    return any(w in words for w in before[-2:])


def _nearest_year(mention: DateMention, near: dt.date) -> dt.date | None:
    best = None
    for year in (near.year - 1, near.year, near.year + 1):
        day = mention.date(year)
        if day and (best is None or abs(day - near) < abs(best - near)):
            best = day
    return best
