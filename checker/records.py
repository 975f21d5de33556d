"""What the cross-article checks compare, per article: claims (figures with their subject, measure and period;
extract/claims.py), quotations and name spellings, each with its location (path:line:column) and the article's
date. Records are plain values that go to and come from the archive index unchanged, so checking against the
index and checking the articles together see exactly the same thing."""
from __future__ import annotations

import hashlib
import json
import marshal
from collections import Counter
from dataclasses import dataclass, field, fields

from .extract.periods import describe
from .extract.quotes import find_quotes, normalise, speaker_key
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
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES in finding.py
class ClaimRecord(_Located):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    written: str                 # the figure as written: "2 milliards d'euros"
    quoted: str                  # its sentence, as written (trimmed around the figure when long)
    sentence: int                # the sentence's offset in the article: one sentence, one statement of a thing
    sentence_key: str            # the sentence with its figures masked (and its rank): the same sentence elsewhere
    article_key: str             # the article with its figures masked: a copy of it, whatever figure it changes
    index: int                   # the claim's place among its sentence's claims
    value: float
    step: float                  # the precision written (scaled)
    low: float                   # what the bound words allow
    high: float
    unit: str                    # unit id, "" for an amount whose unit is said elsewhere
    kind: str                    # percent, points, money, physical, count, amount, date
    subject: str | None          # the keys of its owners joined by "+"; None when unknown
    subject_text: str
    subject_how: str             # named (in its clause), sentence, paragraph, article, noun; "" when unknown
    places: tuple[str, ...]      # names of its clause after what it measures: where, not whose
    measure: tuple[str, ...]     # stems of its words; () when unknown
    marks: tuple[str, ...]       # what makes it another measure ("total", "premier", "+", "-", "share")
    generic: bool                # it counts "people", "personnes": whoever its clause says
    measure_text: str
    period: str | None           # key ("implicit": the article's own time); None when unknown (the future)
    period_text: str
    changing: str | bool         # "toll": a count that grows after its event; "level": changes with time; "" or False
                                 # (a dated event's claim) neither
    role: str                    # level, to (reached by a change), up, down, start, compare
    qualifiers: tuple[str, ...]  # the stems of the words that open its sentence before its clause
    words: tuple[str, ...]       # the stems of its clause's words
    source: str | None
    date: tuple[str, str] | None   # the article's date interval (ISO), None when unknown


@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES in finding.py
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
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES in finding.py
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
    claims: list[ClaimRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    names: list[NameSpelling] = field(default_factory=list)


def _quoted(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    s, e = sentence
    if e - s > QUOTED_CHARS:
        s = max(s, start - QUOTED_CHARS // 2)
        e = min(e, max(end, s + QUOTED_CHARS))
    shown = " ".join(text[s:e].split())
    return ("…" if s > sentence[0] else "") + shown + ("…" if e < sentence[1] else "")


def _masked(prose: str, start: int, end: int, figures: list[tuple[int, int]], first: int) -> tuple[str, int]:
    """(the text between two offsets with its figures masked, the index of the first figure after it); `figures`
    are sorted spans, `first` the index of the first that may fall in the text. Years and dates are kept: "en 2023"
    is not "en 2024"."""
    parts, at, i = [], start, first
    while i < len(figures) and figures[i][0] < end:
        a, b = figures[i]
        if b > start:
            parts += [prose[at:max(a, at)], "#"]
            at = max(at, b)
        i += 1
    parts.append(prose[at:end])
    return " ".join("".join(parts).split()), i


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def masked_keys(prose: str, claims) -> tuple[str, dict[tuple[int, int], str]]:
    """The article's key and each claim sentence's key, figures masked: the same article, or the same sentence,
    written again with other figures (a sentence written twice in one article is told apart by its rank)."""
    figures = [(c.figure.start, c.figure.end) for c in claims]
    whole = _digest(_masked(prose, 0, len(prose), figures, 0)[0])
    keys: dict[tuple[int, int], str] = {}
    seen: Counter[str] = Counter()
    first = 0
    for claim in claims:
        if claim.sentence not in keys:
            text, _ = _masked(prose, claim.sentence[0], claim.sentence[1], figures, first)
            keys[claim.sentence] = _digest(f"{text}#{seen[text]}")
            seen[text] += 1
            while first < len(figures) and figures[first][1] <= claim.sentence[1]:
                first += 1
    return whole, keys


def _period_text(period, date) -> str:
    if period.how == "article":
        when = (date[0] if date[0] == date[1] else f"{date[0]}/{date[1]}") if date else "unknown"
        return ("before " if period.key.startswith("<") else "") + f"the article's time ({when})"
    if period.how == "unknown":
        return period.text or "unknown"
    shown = describe(period.key) if period.key != "implicit-1y" else "a year before the article"
    said = f"“{period.text}”" if period.text and period.how == "said" else period.text
    return f"{shown} ({said}{', from the sentence before' if period.how == 'before' else ''})" if said else shown


def record_of(ctx) -> ArticleRecord:
    """Extract an article's comparable statements from its context (pure: same article, same record)."""
    article = ctx.article
    interval = ctx.date.interval
    date = (interval[0].isoformat(), interval[1].isoformat()) if interval else None
    names = ctx.names
    record = ArticleRecord(article.path, article.language, date)

    position = article.textmap.position   # asked some thirty times an article: one call, not two

    def loc(start: int, end: int) -> tuple[int, int, int, int]:
        return (*position(start), *position(end))

    whole, keys = masked_keys(article.prose, ctx.claims) if ctx.claims else ("", {})
    for claim in ctx.claims:
        f = claim.figure
        sentence = claim.sentence
        record.claims.append(ClaimRecord(
            article.path, *loc(f.start, f.end), article.text[f.start:f.end],
            _quoted(article.text, sentence, f.start, f.end), sentence[0],
            keys[sentence], whole, claim.index, f.value, f.step, f.low, f.high, f.unit or "", f.kind,
            claim.subject.key if claim.subject else None, claim.subject.text if claim.subject else "",
            claim.subject_how, claim.places,
            claim.measure, claim.marks, claim.generic, claim.measure_text, claim.period.key if claim.period.known else None,
            _period_text(claim.period, date), claim.changing, claim.role, claim.qualifiers, claim.words, claim.source,
            date))
    for q in find_quotes(article.prose, article.language, ctx.sentences, ctx.plausible_names):
        record.quotes.append(QuoteRecord(article.path, *loc(q.start, q.end), " ".join(q.text.split()),
                                         normalise(q.text), q.speaker, speaker_key(q.speaker), q.speaker_explicit, date))
    path = article.path
    record.names = [NameSpelling(path, *position(n.start), n.text, fold_name(n.text), n.sentence_initial) for n in names]
    return record


# -- serialisation for the index -------------------------------------------------------------------------
def dump(item) -> str:
    return json.dumps({f: getattr(item, f) for f in item.__slots__}, ensure_ascii=False, separators=(",", ":"))


def _tuples(data: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


# the fields of a claim that JSON gives back as lists: converting only these, not testing every field, is a third of
# the cost of reading a claim back from a large run's store
_CLAIM_TUPLES = tuple(f.name for f in fields(ClaimRecord) if f.type.startswith("tuple"))


def load_claim(text: str) -> ClaimRecord:
    data = _fields(ClaimRecord, json.loads(text))
    for name in _CLAIM_TUPLES:
        value = data.get(name)
        if value.__class__ is list:
            data[name] = tuple(value)
    return _checked(ClaimRecord(**data))


def load_quote(text: str) -> QuoteRecord:
    return _checked(QuoteRecord(**_tuples(_fields(QuoteRecord, json.loads(text)))))


def _fields(cls, data) -> dict:
    if data.__class__ is not dict:
        raise TypeError(f"a {cls.__name__} is a JSON object, not {type(data).__name__}")
    return data


def _fits(value, kind: str) -> bool:
    """Whether a value read back has the type of its field (the field's annotation, as written in the class)."""
    return any(_fits_one(value, one) for one in kind.split(" | "))


def _fits_one(value, kind: str) -> bool:
    if value is None:
        return kind == "None"
    if kind.startswith("tuple["):
        return (value.__class__ is tuple and all(item.__class__ is str for item in value)
                and (kind == "tuple[str, ...]" or len(value) == kind.count(",") + 1))
    if kind == "float":
        return value.__class__ in (float, int)
    return value.__class__.__name__ == kind


_KINDS = {cls: tuple((f.name, f.type) for f in fields(cls)) for cls in (ClaimRecord, QuoteRecord)}


def _checked(record):
    """The record, when every field has its type: an index is a file that may have been damaged or written by
    another program, and a value of another type (a text for a line, a number for a path) failed later, in a
    check, as an internal error that named the articles, not the index."""
    for name, kind in _KINDS[record.__class__]:
        if not _fits(getattr(record, name), kind):
            raise TypeError(f"{record.__class__.__name__}.{name}: {getattr(record, name)!r} is not {kind}")
    return record


# -- serialisation for a large run's store ------------------------------------------------------------------
MARSHAL_FORMAT = 4


def pack(item) -> bytes:
    """A claim or quotation as a large run's store keeps it: the values of its fields in order, marshalled (the same
    values and types as JSON gives back through load_claim and load_quote: strings, numbers, booleans, None and
    flat tuples). The store lives for one run, so it needs no lasting format such as the index's JSON: a claim is
    read back in about a fifth of the time and written in a third. Format 4 (every Python 3 since 3.4 reads it):
    with --engine dask, a cluster's workers unpack what this process packed, and may run another Python."""
    return marshal.dumps(tuple([getattr(item, f) for f in item.__slots__]), MARSHAL_FORMAT)


def unpack_claim(data: bytes) -> ClaimRecord:
    return ClaimRecord(*marshal.loads(data))


def unpack_quote(data: bytes) -> QuoteRecord:
    return QuoteRecord(*marshal.loads(data))
