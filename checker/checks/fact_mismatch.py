"""A statement that matches a numeric fact of the rules but gives another value or deadline.

## What it finds
A sentence about a fact of the rules (enough of its `about` terms, and its `subject_terms`, found
in the sentence) that gives the fact's kind of figure with another value ("au sommet de La Haye,
les alliés ont promis 4 % du PIB d'ici 2035" for 5 %) or the right value with another
deadline ("5 % du PIB d'ici 2040" for 2035). Percentages, amounts of money, counts ("les 31
alliés", "NATO's 30 members", "the 30-nation alliance", "fondée par 11 pays") and years ("à partir
de 2027"). Figures are the claims of the sentence (see docs/claims.md): what a count counts must be
one of the fact's terms. The sentence must speak of a time when the fact holds (`since`, `until`);
a figure within the fact's `tolerance`, or the rounding the text states ("environ", "plus de"),
agrees.

Precision comes first, so a figure is not a contradiction when:
- the figure's owner is named and is not the fact's subject ("l'Italie … 2 % du PIB cette année",
  "les 27 États membres de l'UE"), or its sentence says a period when the fact did not hold;
- a count is a part, not the whole: a count is read only after a word that means all of them
  ("les 32 alliés", "NATO's 32 members", "qui compte 32 membres") and not before a word that
  restricts it ("Three NATO nations sent troops", "23 of the 32 allies", "23 alliés qui …");
- its clause speaks of another fact with that value ("NATO, founded by 12 nations, now has 16
  members": 12 is the founding, 16 the members of 1989);
- it is the value of another fact of the rules the sentence also matches (the 2 % of 2014 next
  to the 5 % of 2025, the 3.5 % of core spending inside the 5 %);
- the same sentence also gives the fact's own value (the other figure is a part, a comparison);
- a figure for a dated target is not stated as a target with that same deadline ("5 % de leur
  PIB" without a year is not the 2 % of 2024), or its deadline is relative ("cette année");
- two facts fit the sentence equally well and neither has that value (which one was meant?).

## Why it matters
Figures and deadlines of official commitments are quoted again and again; a wrong one spreads.

## Fails
```text
(2026) Les alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d'ici 2040.
(2026) Au sommet de La Haye, les alliés ont promis de porter leurs dépenses de défense à 4 % du PIB d'ici 2035.
(2025) NATO's 30 members will meet in The Hague this month.
```

## Passes
```text
(2026) Les alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d'ici 2035.
(2026) L'Italie consacrera 2 % de son PIB à la défense cette année.
(2026) En 2014, les alliés visaient 2 % du PIB d'ici 2024 ; ils visent désormais 5 % d'ici 2035.
(2025) Three NATO nations sent troops to the region.
```

## Options
None.
"""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from ..factmatch import (COUNT, YEAR, Stated, about_terms, counts_for, figure, fits, hit, hits, needles, speaks_of,
                         stated, stem, subject_terms, without_digits)
from ..context import cached_property
from ..extract.anchors import has_four_digits
from ..finding import DEFAULT, Evidence, Severity, levels
from ..fold import fold
from ..lang import alternation
from .. import patterns

ID = "fact-mismatch"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}
APPROX = 0.05
_FOUR_DIGITS = patterns.compile(r"\d{4}(?!\d)")   # where a year can stand (see _years)


@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    flags = regex.I
    relative_years = [w for entry in data["relative_periods"] if entry["unit"] == "year" for w in entry["words"]]
    year_words = data["year_before"]["start"] + data["year_before"]["deadline"] + data["year_in_words"]
    whole = rf"(?<!\w)(?:{alternation(data['total_determiners'])}|(?:{alternation(data['figure_whole_before'])})(?:\s+\w+)?)"
    if data["possessor_endings"]:
        whole += rf"|(?:{alternation(data['possessor_endings'])})"
    return {
        "deadline": patterns.compile(rf"(?<!\w)(?:{alternation(data['deadline_words'])})\s+(?P<year>\d{{4}})(?!\d)", flags),
        "target": patterns.compile(rf"(?<!\w)(?:{alternation(data['target_words'])})(?!\w)", flags),
        "relative_year": patterns.compile(rf"(?<!\w)(?:{alternation(relative_years)})(?!\w)", flags),
        # the words before a year, matched backwards from the year (see _figures); their alternation holds no digit
        "year_before": patterns.compile(rf"(?r)(?<!\w)(?:{alternation(year_words)})\s+", flags),
        "restrict": patterns.compile(rf"^\s*(?:\S+\s+){{0,2}}(?:{alternation(data['restriction_words'])})(?!\w)", flags),
        "whole": patterns.compile(rf"(?:{whole})\s*$", flags),
        "part": patterns.compile(rf"\s*(?:{alternation(data['figure_part_next'])})(?!\w)", flags),
    }


_Terms = tuple[tuple[str, tuple[str, ...]], ...]   # (term, its needles: factmatch.needles)


class _Sentence:
    def __init__(self, ctx, start: int, end: int, plain: str, searched: tuple[_Terms, frozenset[str]]) -> None:
        self.ctx, self.start, self.end = ctx, start, end
        self.text, self.folded = ctx.article.prose[start:end], ctx.folded[start:end]
        self.code = ctx.article.language
        self.plain = plain   # folded, apostrophes followed by a space (factmatch.hits)
        self.searched = searched   # the terms any fact may find in the article, and all their needles

    @cached_property
    def found(self) -> set[str]:
        """The terms of `searched` found in the sentence (factmatch.hits), each looked for once: facts share
        terms; only those with a needle here can be found."""
        plain = self.plain
        here = {n for n in self.searched[1] if n in plain}
        return {t for t, ns in self.searched[0] if not here.isdisjoint(ns) and hit(t, plain)}

    @cached_property
    def interval(self):
        return self.ctx.when(self.start)[0]

    def matches(self, fact, terms: tuple[dict[str, str], dict[str, str]]) -> tuple[int, int] | None:
        """(about terms found, subject terms found) when the sentence is about the fact, else None.
        terms: the fact's about and subject terms whose needles the article holds, each → its folded form."""
        found = self.found
        about = found.intersection(terms[0])
        if not about:
            return None   # most facts, most sentences
        about = {terms[0][t] for t in about}
        subject = {terms[1][t] for t in found.intersection(terms[1])}
        if not (len(about) >= 2 or (about and subject)):
            return None
        if fact.subject_terms.get(self.code) and not subject:
            return None
        if (fact.since or fact.until) and not self._holds(fact):
            return None
        return len(about), len(subject)

    def _holds(self, fact) -> bool:
        if self.interval is None:
            return False
        first, last = self.interval   # overlapping is enough: "in 1949" holds the founding of 4 April 1949
        return (fact.since is None or last >= fact.since) and (fact.until is None or first <= fact.until)


def _figures(ctx, start: int, end: int, patterns, claims: list) -> list[Stated]:
    """The figures of the sentence between two offsets (its claims' percentages, amounts and counts) and its years."""
    out = [f for f in stated(claims, APPROX) if f.family != COUNT or not _restricted(ctx, f, start, end, patterns)]
    return out + [Stated(YEAR, float(m.group()), 0.0, m.start(), m.end())
                  for m in _years(ctx.article.prose, start, end, patterns)]


def _years(prose: str, start: int, end: int, patterns) -> list[regex.Match]:
    """The years of prose[start:end] that follow a year word ("in 2024", "à partir de 2026"): four digits and no fifth
    after a year word (not inside a longer word) and spaces. A pattern of the three searched forward tries its words
    at every place of the sentence; here each run of four digits is found first, and the words matched backwards from
    it, in the time of one attempt. The same years: a year so preceded is a run of exactly four digits, and the words
    and spaces before it hold no digit, so they never reach back into an earlier match (test_fast_searches)."""
    before = patterns["year_before"]
    return [m for m in _FOUR_DIGITS.finditer(prose, start, end) if before.match(prose, start, m.start())]


def _restricted(ctx, figure: Stated, start: int, end: int, patterns) -> bool:
    """A count of a part, not of the whole: a count is the whole only after a word that says so ("les 32 alliés",
    "NATO's 32 members", "qui compte 32 membres"), and not before a word that restricts it ("23 alliés qui
    atteignent …", "23 sur 32", "23 of the 32"); "Three NATO nations sent troops" is a part."""
    prose = ctx.article.prose
    number = figure.claim.figure.number
    return not patterns["whole"].search(prose, max(start, number.start - 30), number.start) \
        or bool(patterns["part"].match(prose, number.end, end)
                or patterns["restrict"].match(prose, number.end, end))


def _agrees(fig, value: float, slack: float) -> bool:
    """Within the fact's tolerance, or strictly within the rounding the text allows ("4 %" is not 3.5 %)."""
    gap = abs(value - fig.value)
    return gap <= fig.tolerance + 1e-9 or gap < fig.tolerance + slack - 1e-9


class _Fact:
    """A numeric fact of the rules as an article is searched for it: its stems, its terms (without digits) and
    what each needs in a text to be found (factmatch.needles)."""
    __slots__ = ("fact", "code", "stems", "about", "subject", "needles", "terms")

    def __init__(self, fact, code: str) -> None:
        self.fact, self.code = fact, code
        self.stems = frozenset(_stems(about_terms(fact, code)))
        about, subject = without_digits(about_terms(fact, code)), without_digits(subject_terms(fact, code))
        self.about, self.subject = frozenset(about), frozenset(subject)
        self.needles = frozenset(n for t in about + subject for n in needles(t))
        # what _Sentence.matches reads, each term → its folded form: a sentence finds only terms its article may hold
        self.terms = ({t: fold(t) for t in about}, {t: fold(t) for t in subject})

    def read(self, readable: set[str]) -> tuple[frozenset[str], frozenset[str]] | None:
        """(its about terms, and all its terms, that may be found in an article where the terms `readable` may be: one
        of their needles is in its text), or None when no sentence of it can match the fact (see _Sentence.matches).
        Whether a term may be found depends on the term alone: told once an article for all the facts that share it."""
        about = self.about.intersection(readable)
        if not about:
            return None
        subject = self.subject.intersection(readable)
        if not _can_match(self.fact, self.code, about, subject, self.terms[0]):
            return None
        return about, about | subject


_READ_MAX = 1024   # sets of stems kept per rule set (see _searched)
_PREPARED: dict[tuple[int, str], tuple] = {}


def _prepared(facts: dict, code: str) -> tuple[list[_Fact], frozenset[str], dict, _Needles, dict, dict]:
    """The rules' numeric facts prepared for articles in one language, all their stems, the candidates of each set of
    stems an article holds (filled by _searched()), what the stems tell of their needles, each term's needles and
    each needle's terms: once per rule set."""
    held = _PREPARED.get((id(facts), code))
    if held is None or held[0] is not facts:   # the rule set is held: its id is not reused while it is here
        if len(_PREPARED) > 8:
            _PREPARED.clear()
        prepared = [_Fact(f, code) for f in facts.values() if figure(f) is not None]
        stems = frozenset(s for p in prepared for s in p.stems)
        found = _Needles(frozenset(n for p in prepared for n in p.needles), stems)
        of_terms = {t: needles(t) for p in prepared for t in p.about | p.subject}
        of_needles: dict[str, set[str]] = {}
        for t, n in ((t, n) for t, ns in of_terms.items() for n in ns):
            of_needles.setdefault(n, set()).add(t)
        held = _PREPARED[(id(facts), code)] = (facts, prepared, stems, {}, found, of_terms, of_needles)
    return held[1], held[2], held[3], held[4], held[5], held[6]


class _Needles:
    """What the stems found in an article tell of the needles of the facts' terms. The needles are looked for in
    the text with a space after each apostrophe, the stems in the text itself: a needle without an apostrophe
    or a space is in one as in the other, so it is there when it is a stem found ("alli") and missing when a
    stem not found is part of it ("membr" without "memb"); only the others are looked for."""
    __slots__ = ("stems", "inside")

    def __init__(self, needles: frozenset[str], stems: frozenset[str]) -> None:
        plain = {n for n in needles if "'" not in n and " " not in n}
        self.stems = frozenset(plain & stems)   # the needles that are stems
        self.inside = {n: frozenset(s for s in stems if s in n) if n in plain else frozenset() for n in needles}

    def found(self, needles: tuple[str, ...], stems: frozenset[str], missing: frozenset[str], plain: str) -> frozenset[str]:
        """The needles in `plain`, of a text that holds the stems `stems` and not those `missing`."""
        sure, inside = self.stems & stems, self.inside
        return sure.union([n for n in needles if n not in sure and inside[n].isdisjoint(missing) and n in plain])


def _readable(found: frozenset[str], of_needles: dict) -> set[str]:
    """The terms one of whose needles the article holds, from the few needles found (the terms are many)."""
    return set().union(*(of_needles[n] for n in found))


def _read(ctx, code: str):
    """(the facts the article may be about, each with its terms; the about terms' needles wanted; what is
    searched: the terms, each with its needles, and their needles), or None when it can be about none."""
    held = _searched(ctx.base.rules.facts, code, ctx.folded)
    if held is None:
        return None
    candidates, found = held
    of_terms, of_needles = _prepared(ctx.base.rules.facts, code)[4:]
    readable = _readable(found, of_needles)
    facts, about, terms = [], set(), set()
    for p in candidates:
        read = p.read(readable)
        if read is not None:
            facts.append((p.fact, p.terms))
            about |= read[0]
            terms |= read[1]
    if not facts:
        return None
    # a sentence holds only needles its article holds (the sentence with a space after each apostrophe is part
    # of the article so written): those not found need not be looked for in its sentences
    wanted = found.intersection([n for t in about for n in of_terms[t]])
    searched = tuple((t, of_terms[t]) for t in terms)
    return facts, wanted, (searched, found.intersection([n for _, ns in searched for n in ns]))


def _searched(facts: dict, code: str, folded: str) -> tuple[list[_Fact], frozenset[str]] | None:
    """(the facts of the rules an article may be about, and the needles of their terms found in the article
    with a space after each apostrophe: the terms hits() may find in some part of it, see factmatch.needles),
    or None when it can be about none. `folded`: the article folded."""
    prepared, all_stems, by_stems, needles, *_ = _prepared(facts, code)
    # a fact can only match where the first letters of one of its terms occur: most articles keep none
    stems = frozenset(s for s in all_stems if s in folded)
    if not stems:
        return None   # each stem is some fact's: no stem, no candidate
    if stems not in by_stems:   # the facts with one of these stems, and all their needles
        if len(by_stems) > _READ_MAX:
            by_stems.clear()   # bounded memory over an archive of any size
        candidates = [p for p in prepared if not p.stems.isdisjoint(stems)]
        by_stems[stems] = (candidates, tuple(frozenset().union(*(p.needles for p in candidates))))
    candidates, wanted = by_stems[stems]
    return candidates, needles.found(wanted, stems, all_stems - stems, folded.replace("'", "' "))


def check(ctx, options):
    code = ctx.article.language
    read = _read(ctx, code)
    if read is None:
        return
    facts, wanted, searched = read
    patterns = _patterns(code)
    for start, end in ctx.sentences:
        claims = ctx.between("claims", start, end)
        if not claims and not has_four_digits(ctx.article.prose, start, end):
            continue   # no figure (_figures) without a claim or four digits in a row, told by bisection
        plain = ctx.folded[start:end].replace("'", "' ")
        if not any(n in plain for n in wanted):
            continue   # a sentence is about a fact only if one of its about terms can be found there
        figures = _figures(ctx, start, end, patterns, claims)
        if not figures:
            continue   # most sentences: no figure, nothing to match
        sentence = _Sentence(ctx, start, end, plain, searched)
        found = sentence.found   # most facts have none of their about terms here: not asked further
        matched = {f.id: (f, score) for f, terms in facts
                   if not found.isdisjoint(terms[0]) and (score := sentence.matches(f, terms))}
        if matched:
            yield from _judge(ctx, sentence, matched, figures, patterns, code)


@functools.lru_cache(maxsize=4096)
def _stems(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(t) for t in terms if not any(c.isdigit() for c in t))


def _can_match(fact, code: str, about: frozenset[str], subject: frozenset[str], folds: dict[str, str]) -> bool:
    if not about or (fact.subject_terms.get(code) and not subject):
        return False
    return bool(subject) or len({folds[t] for t in about}) >= 2


# complex by design (C901): a sentence's figures are judged against the facts it matched with the sentence's markers (relative year, target, deadline) read once
def _judge(ctx, sentence, matched, figures, patterns, code):  # noqa: C901
    relative = bool(patterns["relative_year"].search(sentence.text))
    target = bool(patterns["target"].search(sentence.text))
    deadlines = list(patterns["deadline"].finditer(ctx.article.prose, sentence.start, sentence.end))
    given = set()   # facts whose own value the sentence gives
    for said in figures:
        for fact, _ in matched.values():
            fig = figure(fact)
            if fig.family == said.family and _agrees(fig, said.value, said.slack):
                given.add(fact.id)
    for said in figures:
        family, value, slack, s, e = said.family, said.value, said.slack, said.start, said.end
        same = [(f, sc) for f, sc in matched.values() if figure(f).family == family
                and (said.claim is None or fits(said.claim, f, code))
                and (family != COUNT or counts_for(said.claim, f, code))]
        if not same:
            continue
        if family == COUNT:   # the facts its own clause speaks of most ("founded by 16 nations": the founding)
            most = max(speaks_of(said.claim, f, code) for f, _ in same)
            same = [(f, sc) for f, sc in same if speaks_of(said.claim, f, code) == most]
        agreeing = [f for f, _ in same if _agrees(figure(f), value, slack)]
        if agreeing:
            yield from _deadline(ctx, agreeing, e, deadlines, figures, relative)
            continue
        if family == YEAR and any(f.id in given for f, _ in same):
            continue
        candidates = [(f, sc) for f, sc in same if f.id not in given]
        if not candidates or relative:
            continue
        # a dated target is contradicted only by the same target with the same deadline and another value
        years = {int(m.group("year")) for m in deadlines}
        candidates = [(f, sc) for f, sc in candidates if not f.by or (f.by in years and target)]
        best = _best(candidates, sentence, said, code) if candidates else None
        if best is None:
            continue
        written = ctx.article.text[s:e]
        expected = best.value + (f" {best.unit}" if best.unit else "") + (f" by {best.by}" if best.by else "")
        message = f"“{written}”: the rules give {expected}; {best.subject or best.id}"
        evidence = (Evidence(best.where, f"{best.id}: {best.value} {best.unit or ''}".strip() + f" ({best.source})"),)
        yield ctx.finding(ID, s, e, message, DEFAULT, best.value, evidence)


def _deadline(ctx, agreeing, end, deadlines, figures, relative):
    """The deadline written right after a figure that agrees with a fact must be the fact's."""
    following = [f for f in figures if f.start >= end]
    limit = min((f.start for f in following if f.family != YEAR), default=len(ctx.article.prose))
    stated = next((m for m in deadlines if end <= m.start() < min(limit, end + 60)), None)
    if stated is None or relative:
        return
    year = int(stated.group("year"))
    dated = [f for f in agreeing if f.by]
    if not dated or any(f.by == year for f in dated) or len({f.by for f in dated}) != 1:
        return
    fact = dated[0]
    message = f"“{ctx.article.text[stated.start():stated.end()]}”: the rules give {fact.value} by {fact.by}, not by {year}"
    evidence = (Evidence(fact.where, f"{fact.id}: {fact.value} by {fact.by} ({fact.source})"),)
    yield ctx.finding(ID, stated.start("year"), stated.end("year"), message, DEFAULT, str(fact.by), evidence)


def _best(candidates, sentence, said, code):
    """The fact the figure speaks of: most of its clause's words among the fact's about terms ("fondée par 11 pays"
    is the founding, not the member count), then most about terms of the sentence that no other candidate has,
    then most terms."""
    def unique(fact):
        others = {fold(t) for f, _ in candidates if f is not fact for t in about_terms(f, code)}
        own = {fold(t) for t in hits(about_terms(fact, code), sentence.folded)}
        return len(own - others)
    ranked = sorted(((speaks_of(said.claim, f, code), unique(f), sc[0] + sc[1], f) for f, sc in candidates),
                    key=lambda x: x[:3], reverse=True)
    if len(ranked) > 1 and ranked[0][:3] == ranked[1][:3]:
        return None
    return ranked[0][3]
