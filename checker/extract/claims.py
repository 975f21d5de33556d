"""Claims: every figure of an article with what it says, read once and used by every figure check.

A claim is a figure (value, the precision it is written with, its bounds, its unit: figures.py) with
- its measure: what is counted or measured, and whether it is a level, a change or the start of one (measures.py);
- its subject: whom the figure belongs to: the names of its clause ("of NATO", "Compaq shares"), else the name
  its sentence opens with, else the one its paragraph spoke of last, else the article's main subject when it has
  a single one, else the noun its clause is about ("l'armée"), else unknown (subjects.py);
- its period: a period said in its clause, else in its sentence before it, else in the sentence before it in
  its paragraph ("For the nine months, … Sales rose to $9.8 million"), else the article's own time; a sentence
  about the future has no known period (periods.py). The start of a change is of an earlier time;
- its source ("selon le parquet"), its sentence and its place among the sentence's claims.

A count that changes with time (a toll, members, troops, prices, an index) is marked `changing`: given on
different days, two values are an update, not a contradiction. Named events' dates are claims too ("le sommet
de l'OTAN à La Haye … les 24 et 25 juin"). Pure: the article's extracted mentions → Claims."""
from __future__ import annotations

import bisect
import datetime as dt

from ..fold import fold_same_length
from .claim_reading import Claim, SentenceReader, claim_data
from .clauses import clause_around, clause_breaks
from .figures import Figure
from .periods import PeriodMention, find_periods, nearest_year, reporting_periods
from .sentences import sentence_at
from .subjects import ArticleNames


# complex by design (C901): every sentence, mention and name is visited a bounded number of times: the passes are interleaved to stay linear
def find_claims(prose: str, code: str, sentences: list[tuple[int, int]], figures: list[Figure], dates, relative,  # noqa: C901
                names, article: tuple[dt.date, dt.date] | None, base=None, folded: str | None = None,
                plausible=None) -> list[Claim]:
    """The claims of an article. `figures`: its figures (figures.py); `dates`, `relative`, `names`: its date,
    relative-date and name mentions; `article`: its date interval (None when unknown); `base`: the rules,
    whose names give subjects; `folded`: the prose folded offset for offset (fold_same_length), `plausible`:
    names.plausible_names of `names`, each when known.
    Linear in the text: every sentence, mention and name is visited a bounded number of times."""
    folded = folded if folded is not None else fold_same_length(prose)
    breaks = _Breaks(prose, code)
    events = _event_dates(prose, folded, code, sentences, dates, article, breaks)
    if not figures and not events:
        return []
    people = ArticleNames(prose, code, names, base, plausible)
    read = []                                     # (sentence index, paragraph's first sentence, figures, events)
    fi, ei = 0, 0
    paragraph = 0
    for k, (s, e) in enumerate(sentences):
        if k == 0 or "\n" in prose[sentences[k - 1][1]:s]:
            paragraph = k
        group = []
        while fi < len(figures) and figures[fi].start < e:
            if figures[fi].start >= s:
                group.append(figures[fi])
            fi += 1
        dated = []
        while ei < len(events) and events[ei][0].start < e:
            if events[ei][0].start >= s:
                dated.append(events[ei])
            ei += 1
        if group or dated:
            read.append((k, paragraph, group, dated))
    # periods are read where claims need them: their sentences and what their paragraphs said before them
    periods = reporting_periods(prose, folded, code, article)
    reporting = next((k for k in periods if k.startswith("Q:")), None)
    ambiguous = len(set(periods)) > 1      # "the third quarter" … "the nine months": a figure of no said period is of neither
    spans: list[tuple[int, int]] = []
    for k, paragraph, _, _ in read:
        lo, hi = sentences[paragraph][0], sentences[k][1]
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    mentions = [m for lo, hi in spans for m in find_periods(prose, folded, code, lo, hi, dates, relative, article, reporting)]
    starts = [m.start for m in mentions]
    out: list[Claim] = []
    current, mi = -1, 0
    carry_period: PeriodMention | None = None
    for k, paragraph, group, dated in read:
        sentence = s, e = sentences[k]
        if paragraph != current:                  # a new paragraph: nothing said before in it
            current, carry_period = paragraph, None
            mi = bisect.bisect_left(starts, sentences[paragraph][0])
        while mi < len(mentions) and mentions[mi].start < s:   # what the paragraph said before: the last period said (not a shift)
            if mentions[mi].key and not mentions[mi].shift:
                carry_period = mentions[mi]
            mi += 1
        here = mentions[mi:bisect.bisect_left(starts, e, mi)]
        # the subjects its sentences name are asked for only by a figure whose clause names none (see _subject)
        context = SentenceReader(prose, folded, code, sentence, here, people, sentences[paragraph:k], carry_period,
                                 article, ambiguous, breaks[sentence])
        claims = context.read(group) + context.read_events(dated)
        for i, claim in enumerate(sorted(claims, key=lambda c: c.start)):
            out.append(claim if claim.index == i else _indexed(claim, i))
    return out


def _indexed(claim: Claim, index: int) -> Claim:
    return Claim(claim.figure, claim.sentence, index, claim.measure, claim.marks, claim.measure_text, claim.role,
                 claim.subject, claim.subject_how, claim.period, claim.source, claim.words, claim.changing,
                 claim.qualifiers, claim.places, claim.generic)


class _Breaks(dict):
    """The clause breaks of the sentences, read once for a sentence's event dates and its claims."""

    def __init__(self, prose: str, code: str) -> None:
        super().__init__()
        self.prose, self.code = prose, code

    def __missing__(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        found = self[sentence] = clause_breaks(self.prose, sentence, self.code)
        return found


def _event_dates(prose: str, folded: str, code: str, sentences, dates, article, breaks: _Breaks) -> list[tuple]:
    """(mention, first day, last day, clause start, clause end) of full dates of named events: the year written,
    else the one nearest the article's date."""
    data = claim_data(code)
    needles = None
    out = []
    for d in dates:
        if d.day is None:
            continue
        year = d.year or nearest_year(d.month, d.day, article[0] if article else None)
        if year is None:
            continue
        first, last = _day(year, d.month, d.day), _day(year, d.month, d.day_end or d.day)
        if first is None or last is None or last < first:
            continue
        if needles is None:   # an event's noun holds one of these as written (looked for at the first full date)
            needles = [n for n in data["event_needles"] if n in folded]
        sentence = sentence_at(sentences, d.start)
        # the sentences without one are passed over, their clauses not read
        if not any(folded.find(n, sentence[0], sentence[1]) >= 0 for n in needles):
            continue
        left, right = clause_around(prose, sentence, d.start, d.end, code, breaks[sentence])
        head = left
        if not data["events"].search(folded, left, right):
            head = sentence[0]     # "Lors du sommet de La Haye, le 24 juin": the event may open the sentence
            if not data["events"].search(folded, head, right):
                continue
        out.append((d, first, last, head, right))
    return out


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
