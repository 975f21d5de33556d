"""When does an article speak? The date, how it was established, and how sure it is (an interval)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


from .articles import Article, front_matter_date
from .extract.dates import DateMention
from .extract.events import EventMention, agrees
from .extract.glued import Malformed
from .extract.tense import is_future
from .extract.sentences import sentence_at
from . import patterns

_DATELINE_PLACE = patterns.compile(r"(?:[\p{Lu}][\p{Lu}\s'’.-]*,)?")
DATELINE_LINES = 5


@dataclass(frozen=True, slots=True)
class ArticleDate:
    value: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    source: str            # option, front-matter, dateline, text, inferred, unknown
    how: str               # one line for the report

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        if self.earliest and self.latest:
            return self.earliest, self.latest
        return None


def exact(day: dt.date, source: str, how: str) -> ArticleDate:
    return ArticleDate(day, day, day, source, how)


def establish(article: Article, option: dt.date | None, dates: list[DateMention], malformed: list[Malformed],
              events: list[EventMention], sentences: list[tuple[int, int]]) -> ArticleDate:
    if option:
        return exact(option, "option", "given with --date")
    fm = front_matter_date(article)
    if fm:
        return exact(fm, "front-matter", "front matter `date`")
    return (_dateline(article, dates, malformed)
            or _from_events(article, dates, events, sentences)
            or _bounded(article, dates, events, sentences))


def _line(article: Article, offset: int) -> int:
    return article.position(offset)[0]


def _dateline(article: Article, dates: list[DateMention], malformed: list[Malformed]) -> ArticleDate | None:
    lines_with_text = []
    for lineno, line in enumerate(article.prose.splitlines(), 1):
        if line.strip():
            lines_with_text.append(lineno)
        if len(lines_with_text) == DATELINE_LINES:
            break
    last = lines_with_text[-1] if lines_with_text else 0
    candidates = [(m.start, m.end, m.date) for m in malformed if m.date] + \
                 [(d.start, d.end, d.date()) for d in dates if d.year and d.day]
    for start, end, day in sorted(candidates, key=lambda c: c[0]):
        lineno = _line(article, start)
        if lineno > last or day is None:
            continue
        line_start = article.textmap.line_start(lineno)
        line_text = article.prose[line_start:].splitlines()[0]
        before = article.prose[line_start:start].strip()
        # a short line, or a date that opens the line, alone or after a place in capitals ("PARIS, ")
        if len(line_text.strip()) <= 60 or _DATELINE_PLACE.fullmatch(before):
            quoted = article.text[start:end]
            return exact(day, "dateline", f"dateline at line {lineno}: “{quoted}”")
    return None


def _from_events(article, dates, events, sentences) -> ArticleDate | None:
    usable = [e for e in events if len(e.events) == 1 and _date_agrees(e)]
    for mention in usable:
        if mention.offset_days is not None:
            event = mention.events[0]
            anchor = event.start if mention.offset_days < 0 else event.end
            value = anchor + dt.timedelta(days=mention.offset_days)
            slack = dt.timedelta(days=max(1, abs(mention.offset_days) // 4))
            how = (f"inferred: {abs(mention.offset_days)} days {'before' if mention.offset_days < 0 else 'after'} "
                   f"“{mention.text}” ({anchor.isoformat()}, {event.where}) at line {_line(article, mention.start)}")
            return ArticleDate(value, value - slack, value + slack, "inferred", how)
    # the year of a date written without one comes from events written with their date
    # ("les élections américaines du 5 novembre"), and only when they agree on the year
    dated = [e for e in usable if e.date is not None]
    if not dated or len({e.events[0].start.year for e in dated}) != 1:
        return None
    usable = dated
    event = usable[0].events[0]
    event_dates = {id(e.date) for e in usable}
    cited = [d for d in dates if d.year is None and d.day and id(d) not in event_dates and _cited(article, d)]
    for mention in cited:
        value = _nearest_year(mention, event.start)
        if value:
            how = (f"inferred: date cited at line {_line(article, mention.start)} (“{article.text[mention.start:mention.end]}”), "
                   f"year from “{usable[0].text}” ({event.start.isoformat()}, {event.where})")
            return exact(value, "inferred", how) if value else None
    return None


def _bounded(article, dates, events, sentences) -> ArticleDate:
    """No date, but bounds when the text gives them: the article is written after the latest date it reports
    (a date in the text is not the article's: news recalls the past in any sentence) and before an event of
    the rules it speaks of as future."""
    earliest, latest, said = None, None, []
    past = _latest_reported(article, dates, sentences)
    if past:
        earliest, mention = past
        said.append(f"after {earliest.isoformat()}, the latest date written in the text "
                    f"(“{article.text[mention.start:mention.end]}”, line {_line(article, mention.start)})")
    for mention in events:
        if len(mention.events) != 1 or not _date_agrees(mention):
            continue
        start, end = sentence_at(sentences, mention.start)
        if is_future(article.prose[start:end], article.language):
            event = mention.events[0]
            latest = event.start
            said.append(f"before {event.start.isoformat()}, the date of “{mention.text}” spoken of as future "
                        f"at line {_line(article, mention.start)} ({event.where})")
            break
    if earliest and latest and earliest > latest:   # the bounds disagree: neither can be trusted
        earliest, latest, said = None, None, []
    if said:
        return ArticleDate(None, earliest, latest, "unknown", "only bounded: " + "; ".join(said))
    return ArticleDate(None, None, None, "unknown", "no date in the options, front matter or text, and no dated event of the rules")


def _latest_reported(article, dates, sentences) -> tuple[dt.date, DateMention] | None:
    """The latest full date of the text that is not in a sentence about the future."""
    full = []
    for d in dates:
        day = d.date()
        if day is None:
            continue
        start, end = sentence_at(sentences, d.start)
        if not is_future(article.prose[start:end], article.language):
            full.append((day, d))
    return max(full, key=lambda x: x[0]) if full else None


def _date_agrees(mention: EventMention) -> bool:
    return mention.date is None or agrees(mention.events[0], mention.date)


def _cited(article: Article, mention: DateMention) -> bool:
    from . import lang
    words = lang.load(article.language)["citation_words"]
    before = article.prose[max(0, mention.start - 20):mention.start].lower().split()
    return any(w in words for w in before[-2:])


def _nearest_year(mention: DateMention, near: dt.date) -> dt.date | None:
    best = None
    for year in (near.year - 1, near.year, near.year + 1):
        day = mention.date(year)
        if day and (best is None or abs(day - near) < abs(best - near)):
            best = day
    return best
