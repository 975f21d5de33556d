"""Statements of figures and of the dates of named events: each value with what it is about, so that
statements can be compared across articles. Pure: prose (with its sentences and dates) → Statements.

A statement knows its clause (the part of the sentence around the figure, cut at , ; : ( ) and at the
language's clause words), its context words there (folded, stop words and numbers out), the names
there (the subject), the words that make a measure different (total, core, annual …: "marks"), the
years it speaks of, whether the text says when ("désormais", "now"), and whom it is attributed to
("selon le parquet")."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..fold import fold
from .figures import Figure, find_figures
from .sentences import sentence_at
from ..lang import alternation
from .. import patterns

_WORD = patterns.compile(r"\p{L}[\p{L}'’-]*")
HEAD_WORDS = 6            # "Au premier tour, …": a sentence's opening words that qualify its clauses
_ELISION = patterns.compile(r"['’]")
_YEAR = patterns.compile(r"(?<![\d.,])(?:1[89]|20)\d\d(?![\d]|[.,]\d|\s?%)")


@dataclass(frozen=True, slots=True)
class FigureStatement:
    start: int
    end: int
    figure: Figure
    clause: tuple[int, int]
    words: tuple[str, ...]       # sorted, unique
    entities: tuple[str, ...]    # sorted, unique: the last word of each capitalised run, folded
    measure: tuple[str, ...]     # the words right after the figure that say what it counts: "du PIB"
    marks: tuple[str, ...]       # discriminating words present
    years: tuple[int, ...]
    periods: tuple[str, ...]     # named in the clause: months "m3", weekdays "d0", relative days "rhier"
    timed: bool                  # the text says when: "désormais", "en 2023", "now"
    source: str | None           # "parquet" for "selon le parquet"




@functools.lru_cache(maxsize=None)
def _data(code: str):
    data = language.load(code)
    flags = regex.I            # version 0: simple case folding compiles several times faster than V1
    return {
        "break": patterns.compile(rf",(?=\s)|[;:()\[\]–—«»“”]|(?<!\w)(?={alternation(data['clause_breaks'])}(?!\w))", flags),
        "timed": patterns.compile(rf"(?<![\w-])(?:{alternation(data['statement_time_markers'])})(?![\w-])", flags),
        "source": patterns.compile(rf"(?<!\w)(?:{alternation(data['statement_sources'])})\s+(?P<who>[^,;:.!?()«»]{{1,60}})", flags),
        "stop": frozenset(fold(w) for w in data["statement_stopwords"]),
        "marks": frozenset(fold(w) for w in data["statement_discriminators"] if " " not in w),
        "mark_phrases": tuple(fold(w) for w in data["statement_discriminators"] if " " in w),
        # English capitalises months and weekdays: "march" and "may" in lower case are other words
        "period": patterns.compile(rf"(?<!\w)(?:{alternation(_calendar_words(data, code))}|{alternation(data['period_words'])})(?!\w)",
                                regex.I if code != "en" else 0),
        "period_names": {**{fold(k): f"m{v}" for k, v in data["months"].items()},
                         **{fold(k): f"d{v}" for k, v in data["weekdays"].items()}},
        "months": {fold(k): v for k, v in data["months"].items()},
        "events": patterns.compile(rf"(?<!\w)(?:{alternation(fold(e) for e in data['event_nouns'])})(?!\w)"),
        "function": frozenset(fold(w) for w in data["function_words"] if isinstance(w, str))
        | frozenset(fold(w) for w in list(data["months"]) + list(data["weekdays"])),
        "adjective_after": bool(data["measure_adjective_after"]),
        "links": frozenset(fold(w).rstrip("'") for w in data["measure_links"]),
        "determiners": frozenset(fold(w).rstrip("'") for w in data["measure_determiners"]),
    }


def _calendar_words(data, code: str) -> list[str]:
    names = [w for w in list(data["months"]) + list(data["weekdays"]) if len(w) > 3 or code != "en"]
    return [w.capitalize() for w in names] if code == "en" else names


def lower_marks(text: str, data: dict) -> set[str]:
    """Discriminating words written in lower case ("premier tour", not "Premier ministre")."""
    marks = data["marks"]
    return {folded for word in _WORD.findall(text) if word[0].islower() and (folded := fold(word)) in marks}


def content_words(text: str, stop: frozenset[str]) -> list[str]:
    """Folded words without elided articles, stop words and short words: "l'aide" → "aide"."""
    out = []
    for raw in _WORD.findall(text):
        word = _content_form(raw)
        if len(word) > 2 and word not in stop:
            out.append(word)
    return out


@functools.lru_cache(maxsize=65536)
def _content_form(word: str) -> str:
    return _ELISION.split(fold(word))[-1].strip("-")


def clause_around(prose: str, sentence: tuple[int, int], start: int, end: int, code: str) -> tuple[int, int]:
    """The clause of the sentence that holds [start, end): cut at punctuation and the language's clause words."""
    s_start, s_end = sentence
    left, right = s_start, s_end
    for m in _data(code)["break"].finditer(prose, s_start, s_end):
        if m.end() <= start or (m.start() == m.end() and m.start() <= start):
            left = m.end() if m.end() > m.start() else m.start()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def figure_statements(prose: str, code: str, sentences: list[tuple[int, int]], dates) -> list[FigureStatement]:
    data = _data(code)
    figures = find_figures(prose, code, [(d.start, d.end) for d in dates])
    out = []
    for figure in figures:
        sentence = sentence_at(sentences, figure.start, (figure.start, figure.end))
        left, right = clause_around(prose, sentence, figure.start, figure.end, code)
        clause = prose[left:figure.start] + " " + prose[figure.end:right]
        words = set(content_words(clause, data["stop"]))
        if figure.unit_kind == "count":
            words |= set(figure.unit.split())
        words = sorted(words)
        # marks also from a short head of the sentence: "Au premier tour, la participation a atteint 57 %"
        head = prose[sentence[0]:left]
        head_and_clause = (head if len(head.split()) <= HEAD_WORDS else "") + " " + clause
        folded_clause = " " + " ".join(fold(head_and_clause).split()) + " "
        marks = lower_marks(head_and_clause, data)
        marks |= {p for p in data["mark_phrases"] if f" {p} " in folded_clause}
        chain_end = measure_chain(prose, figure.end, right, data)
        measure = tuple(sorted(set(content_words(prose[figure.end:chain_end], data["stop"]))))
        source_match = data["source"].search(prose, sentence[0], sentence[1])
        attribution = source_match.span() if source_match else (0, 0)
        entities = _entities(prose, sentence, (left, chain_end), figure, data["function"], attribution)
        years = [int(m.group()) for m in _YEAR.finditer(prose, left, right)
                 if not figure.start <= m.start() < figure.end]
        if not years:   # "En 2014, les alliés visaient 2 %": the year at the head of the sentence
            years = [int(m.group()) for m in _YEAR.finditer(prose, sentence[0], left)]
        periods = sorted({data["period_names"].get(fold(m.group()), "r" + fold(m.group())) for m in
                          data["period"].finditer(prose, left if len(head.split()) > HEAD_WORDS else sentence[0], right)})
        months = [p for p in periods if p[0] in "mr"]     # a weekday is when it was said
        timed = bool(years) or bool(months) or bool(data["timed"].search(prose, sentence[0], right))
        source = None
        if (m := source_match):
            who = content_words(m.group("who"), data["stop"])
            source = " ".join(who[:3]) if who else fold(m.group("who")).split()[0]
        out.append(FigureStatement(figure.start, figure.end, figure, (left, right), tuple(words),
                                   tuple(sorted(entities)), measure, tuple(sorted(marks)), tuple(sorted(set(years))),
                                   tuple(periods), timed, source))
    return out


def date_statements(prose: str, code: str, sentences: list[tuple[int, int]], dates,
                    article_date: dt.date | None) -> list[FigureStatement]:
    """The full dates of named events ("le sommet de l'OTAN à La Haye (24-25 juin)"): the value is the day
    (or days), the year is the one written, else the one nearest the article's date."""
    data = _data(code)
    out = []
    for d in dates:
        if d.day is None:
            continue
        year = d.year or _nearest_year(d.month, d.day, article_date)
        if year is None:
            continue        # no year written and the article's date unknown
        first, last = _day(year, d.month, d.day), _day(year, d.month, d.day_end or d.day)
        if first is None or last is None or last < first:
            continue
        sentence = sentence_at(sentences, d.start, (d.start, d.end))
        left, right = clause_around(prose, sentence, d.start, d.end, code)
        head = left
        if not data["events"].search(fold(prose[left:right])):
            # "Lors du sommet de La Haye, le 24 juin": the event may open the sentence before the date's clause
            head = sentence[0]
            if not data["events"].search(fold(prose[head:right])):
                continue
        text = prose[head:d.start] + " " + prose[d.end:right]
        words = tuple(sorted({w for w in content_words(text, data["stop"]) if w not in data["function"]}))
        marks = tuple(sorted(lower_marks(text, data)))
        figure = Figure(d.start, d.end, float(first.toordinal()), float(first.toordinal()), float(last.toordinal()),
                        "date", "date")
        entities = _entities(prose, sentence, (head, right), figure, data["function"])
        out.append(FigureStatement(d.start, d.end, figure, (head, right), words, tuple(sorted(entities)), (), marks,
                                   (year,), (), True, None))
    return out


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, article_date: dt.date | None) -> int | None:
    if article_date is None:
        return None
    candidates = [y for y in (article_date.year - 1, article_date.year, article_date.year + 1)
                  if _day(y, month, day) is not None]
    return min(candidates, key=lambda y: (abs((_day(y, month, day) - article_date).days), y), default=None)


_TOKEN = patterns.compile(r"\p{L}[\p{L}\p{M}-]*['’]?")


def measure_chain(prose: str, start: int, end: int, data: dict) -> int:
    """Where the words saying what the figure measures end: one adjective, then links with their noun
    and adjective ("au baccalauréat général", "de l'Union européenne"), up to a verb or the clause's end."""
    stop = last = start
    bare = 1                        # one bare word may follow the figure ("32 member countries", "supplémentaires")
    linked = False
    for m in _TOKEN.finditer(prose, start, end):
        if prose[last:m.start()].strip(" \u00a0'’"):
            break                   # punctuation between words
        last = m.end()
        word = fold(m.group()).rstrip("'’")
        if word in data["links"]:
            linked, bare = True, 0
        elif word in data["determiners"] and linked:
            pass
        elif linked or bare > 0:
            if linked:
                linked, bare = False, int(data["adjective_after"])   # the noun of a link (and its adjective)
            else:
                bare -= 1
            if word in data["stop"] and word not in data["links"]:
                break
            stop = m.end()
            continue
        else:
            break
        # a link or a determiner extends the chain only once its noun comes
    return stop


_CAPITAL = patterns.compile(r"(?<![\w-])(?:\p{L}{1,2}['’])?(?P<w>\p{Lu}[\p{L}\p{M}-]*)(?!['’])")


def capitalised_runs(prose: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, last word folded) of each run of capitalised words: "Mark Rutte" → rutte, "l'OTAN" → otan."""
    runs: list[tuple[int, str]] = []
    last_end = -2
    for m in _CAPITAL.finditer(prose, start, end):
        word = fold(m.group("w"))
        if runs and prose[last_end:m.start()].isspace() and m.start() - last_end <= 2 and m.group("w") == m.group():
            runs[-1] = (runs[-1][0], word)
        else:
            runs.append((m.start(), word))
        last_end = m.end()
    return runs


def _entities(prose, sentence, clause, figure, function: frozenset[str], attribution=(0, 0)) -> set[str]:
    """The subject: capitalised words of the clause (else the last run in a short head of the sentence:
    "L'Allemagne, qui consacre …"), function words left out. A capitalised common word at a sentence's start only makes matching stricter."""
    def keep(offset: int, word: str) -> bool:
        if figure.start <= offset < figure.end or attribution[0] <= offset < attribution[1]:
            return False      # "27 États membres": the unit; "Selon Mark Rutte": the source, not the subject
        return word not in function

    inside = [w for o, w in capitalised_runs(prose, clause[0], clause[1]) if keep(o, w)]
    if not inside and len(prose[sentence[0]:clause[0]].split()) <= HEAD_WORDS:
        inside = [w for o, w in capitalised_runs(prose, sentence[0], clause[0]) if keep(o, w)][-1:]
    return set(inside)
