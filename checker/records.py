"""What the cross-article checks compare, per article: figure statements, quotations and name spellings,
each with its location (path:line:column) and the article's date. Records are plain values that go to
and come from the archive index unchanged, so checking against the index and checking the articles
together see exactly the same thing."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .extract.names import plausible_names
from .extract.quotes import find_quotes, normalise, speaker_key
from .extract.sentences import sentence_at
from .extract.statements import date_statements, figure_statements
from .finding import pickled_by_fields
from .fold import fold_name

QUOTED_CHARS = 220


class _Located:
    """Where a record stands: "path:line" for evidence, and its order in a stable sort."""
    __slots__ = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def order(self) -> tuple:
        return (self.path, self.line, self.column)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StatementRecord(_Located):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    written: str                 # the figure as written: "2 milliards d'euros"
    quoted: str                  # its sentence, as written (trimmed around the figure when long)
    sentence: int                # the sentence's offset in the article: one sentence, one statement of a thing
    value: float
    low: float
    high: float
    unit: str
    unit_kind: str
    change: bool
    words: tuple[str, ...]
    entities: tuple[str, ...]
    measure: tuple[str, ...]
    marks: tuple[str, ...]
    years: tuple[int, ...]
    periods: tuple[str, ...]
    timed: bool
    source: str | None
    date: tuple[str, str] | None   # the article's date interval (ISO), None when unknown


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class QuoteRecord(_Located):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str                    # inside the quotation marks, as written
    norm: str                    # folded words
    speaker: str | None
    speaker_key: str | None
    explicit: bool
    date: tuple[str, str] | None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class NameSpelling:
    """A capitalised name span as written, for name-variant: "Keir Starmer" at path:line:column."""
    path: str
    line: int
    column: int
    text: str
    folded: str                  # fold_name(text): case, diacritics and hyphens folded
    sentence_initial: bool


@dataclass
class ArticleRecord:
    path: str
    language: str
    date: tuple[str, str] | None
    statements: list[StatementRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    names: list[NameSpelling] = field(default_factory=list)


def _quoted(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    s, e = sentence
    if e - s > QUOTED_CHARS:
        s = max(s, start - QUOTED_CHARS // 2)
        e = min(e, max(end, s + QUOTED_CHARS))
    shown = " ".join(text[s:e].split())
    return ("…" if s > sentence[0] else "") + shown + ("…" if e < sentence[1] else "")


def record_of(ctx) -> ArticleRecord:
    """Extract an article's comparable statements from its context (pure: same article, same record)."""
    article = ctx.article
    interval = ctx.date.interval
    date = (interval[0].isoformat(), interval[1].isoformat()) if interval else None
    names = ctx.names
    record = ArticleRecord(article.path, article.language, date)
    named = plausible_names(names, article.language)

    def loc(start: int, end: int) -> tuple[int, int, int, int]:
        return (*article.position(start), *article.position(end))

    statements = figure_statements(article.prose, article.language, ctx.sentences, ctx.dates) + \
        date_statements(article.prose, article.language, ctx.sentences, ctx.dates, ctx.date.value)
    for st in sorted(statements, key=lambda st: st.start):
        f = st.figure
        sentence = sentence_at(ctx.sentences, f.start, st.clause)
        record.statements.append(StatementRecord(
            article.path, *loc(f.start, f.end), article.text[f.start:f.end],
            _quoted(article.text, sentence, f.start, f.end), sentence[0], f.value, f.low, f.high, f.unit, f.unit_kind,
            f.change, st.words, st.entities, st.measure, st.marks, st.years, st.periods, st.timed, st.source, date))
    for q in find_quotes(article.prose, article.language, ctx.sentences, named):
        record.quotes.append(QuoteRecord(article.path, *loc(q.start, q.end), " ".join(q.text.split()),
                                         normalise(q.text), q.speaker, speaker_key(q.speaker), q.speaker_explicit, date))
    for n in names:
        line, column = article.position(n.start)
        record.names.append(NameSpelling(article.path, line, column, n.text, fold_name(n.text), n.sentence_initial))
    return record


# -- serialisation for the index -------------------------------------------------------------------------
def dump(item) -> str:
    return json.dumps({f: getattr(item, f) for f in item.__slots__}, ensure_ascii=False, separators=(",", ":"))


def _tuples(data: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def load_statement(text: str) -> StatementRecord:
    return StatementRecord(**_tuples(json.loads(text)))


def load_quote(text: str) -> QuoteRecord:
    return QuoteRecord(**_tuples(json.loads(text)))
