"""A statement that matches a numeric fact of the rules but gives another value or deadline.

## What it finds
A sentence about a fact of the rules (enough of its `about` terms, and its `subject_terms`, found
in the sentence) that gives the fact's kind of figure with another value ("au sommet de La Haye,
les alliés ont promis 4 % du PIB d'ici 2035" for 5 %) or the right value with another
deadline ("5 % du PIB d'ici 2040" for 2035). Percentages, amounts of money, counts ("les 31
alliés") and years ("à partir de 2027"). The sentence must speak of a time when the fact holds
(`since`, `until`); a figure within the fact's `tolerance`, or the rounding the text states
("environ", "plus de"), agrees.

Precision comes first, so a figure is not a contradiction when:
- another subject is named and the fact's is not ("l'Italie … 2 % du PIB cette année");
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
```

## Passes
```text
(2026) Les alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d'ici 2035.
(2026) L'Italie consacrera 2 % de son PIB à la défense cette année.
(2026) En 2014, les alliés visaient 2 % du PIB d'ici 2024 ; ils visent désormais 5 % d'ici 2035.
```

## Options
None.
"""
from __future__ import annotations

import functools

import regex

from .. import lang as language
from ..factmatch import COUNT, YEAR, about_terms, figure, hits, needles, present, stem, subject_terms
from ..finding import Evidence, Severity
from ..fold import fold
from ..units import CURRENCY, PERCENT, dimension
from ..lang import alternation, starts
from .. import patterns

ID = "fact-mismatch"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}
APPROX = 0.05




@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    flags = regex.I
    relative_years = [w for entry in data["relative_periods"] if entry["unit"] == "year" for w in entry["words"]]
    year_words = data["year_before"]["start"] + data["year_before"]["deadline"] + ["en", "in"]
    return {
        "deadline": patterns.compile(rf"(?<!\w)(?:{alternation(data['deadline_words'])})\s+(?P<year>\d{{4}})(?!\d)", flags),
        "target": patterns.compile(rf"(?<!\w)(?:{alternation(data['target_words'])})(?!\w)", flags),
        "relative_year": patterns.compile(rf"(?<!\w)(?:{alternation(relative_years)})(?!\w)", flags),
        "year": patterns.compile(rf"{starts(year_words)}(?<!\w)(?:{alternation(year_words)})\s+(?P<year>\d{{4}})(?!\d)", flags),
        "total": patterns.compile(rf"{starts(data['total_determiners'])}(?<!\w)(?:{alternation(data['total_determiners'])})\s*$",
                                  flags),
        "restrict": patterns.compile(rf"^\s*(?:\S+\s+){{0,2}}(?:{alternation(data['restriction_words'])})(?!\w)", flags),
    }


class _Sentence:
    def __init__(self, ctx, start: int, end: int) -> None:
        self.ctx, self.start, self.end = ctx, start, end
        self.text = ctx.article.prose[start:end]
        self.folded = ctx.folded[start:end]
        self.code = ctx.article.language

    @functools.cached_property
    def interval(self):
        return self.ctx.when(self.start)[0]

    def matches(self, fact, terms: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[int, int] | None:
        """(about terms found, subject terms found) when the sentence is about the fact, else None.
        terms: the fact's about and subject terms present in the article (factmatch.present)."""
        about = {fold(t) for t in hits(terms[0], self.folded)}
        subject = {fold(t) for t in hits(terms[1], self.folded)}
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
        first, last = self.interval
        return (fact.since is None or first >= fact.since) and (fact.until is None or last <= fact.until)


def _figures(ctx, sentence: _Sentence, patterns) -> list[tuple[str, float, float, int, int]]:
    """(family, value, allowed deviation, start, end) of every figure of the sentence."""
    out = []
    for q in ctx.between("figures", sentence.start, sentence.end):
        if q.number.ambiguous:
            continue
        unit = q.unit if not q.candidates else next((u for u in q.candidates if dimension(u) == CURRENCY), None)
        if unit == PERCENT or (unit and dimension(unit) == CURRENCY):
            slack = q.number.step / 2 + (APPROX * abs(q.value) if q.approx else 0)
            out.append((unit if unit != PERCENT else PERCENT, q.value, slack, q.start, q.end))
    for n in ctx.between("numbers", sentence.start, sentence.end):
        if n.kind not in ("digits", "words") or n.ambiguous:
            continue
        before = ctx.article.prose[max(sentence.start, n.start - 25):n.start]
        if patterns["total"].search(before) and not patterns["restrict"].match(ctx.article.prose, n.end, sentence.end):
            out.append((COUNT, n.value, n.step / 2, n.start, n.end))
    for m in patterns["year"].finditer(ctx.article.prose, sentence.start, sentence.end):
        out.append((YEAR, float(m.group("year")), 0.0, m.start("year"), m.end("year")))
    return out


def _agrees(fig, value: float, slack: float) -> bool:
    """Within the fact's tolerance, or strictly within the rounding the text allows ("4 %" is not 3.5 %)."""
    gap = abs(value - fig.value)
    return gap <= fig.tolerance + 1e-9 or gap < fig.tolerance + slack - 1e-9


def _count_follows(ctx, start: int, end: int, fact, code: str) -> bool:
    """A count belongs to a fact when one of its about terms follows the number and one of its subject
    terms comes right after ("les 32 alliés de l'OTAN", "the 32 NATO members"), before any comma: "les
    27 États membres de l'UE, dont 23 membres de l'OTAN" counts the EU."""
    after = ctx.folded[end:end + 40].split(",")[0]
    terms = [fold(t) for t in about_terms(fact, code) if not any(c.isdigit() for c in t)]
    if not terms or not regex.match(r"^\s*(?:\w+\s+)?(?:" + "|".join(regex.escape(t) for t in terms) + ")", after):
        return False
    return bool(hits(subject_terms(fact, code), after)) if subject_terms(fact, code) else True


def check(ctx, options):
    code = ctx.article.language
    # a fact can only match where the first letters of one of its terms occur: most articles keep none
    facts = [f for f in ctx.base.rules.facts.values() if figure(f) is not None
             and any(s in ctx.folded for s in _stems(about_terms(f, code)))]
    if not facts:
        return
    plain = ctx.folded.replace("'", "' ")
    seen: dict[str, bool] = {}
    terms = {f.id: (present(about_terms(f, code), plain, seen), present(subject_terms(f, code), plain, seen))
             for f in facts}
    # a fact no sentence can match (see _Sentence.matches) with the terms the article holds is left out
    facts = [f for f in facts if _can_match(f, code, *terms[f.id])]
    if not facts:
        return
    patterns = _patterns(code)
    # a sentence is about a fact only if one of its about terms can be found there: look for those first
    wanted = {n for f in facts for t in terms[f.id][0] for n in needles(t)}
    for start, end in ctx.sentences:
        plain = ctx.folded[start:end].replace("'", "' ")
        if not any(n in plain for n in wanted):
            continue
        sentence = _Sentence(ctx, start, end)
        figures = _figures(ctx, sentence, patterns)
        if not figures:
            continue   # most sentences: no figure, nothing to match
        matched = {f.id: (f, score) for f in facts if (score := sentence.matches(f, terms[f.id]))}
        if matched:
            yield from _judge(ctx, sentence, matched, figures, patterns, code)


@functools.lru_cache(maxsize=4096)
def _stems(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(t) for t in terms if not any(c.isdigit() for c in t))


def _can_match(fact, code: str, about: tuple[str, ...], subject: tuple[str, ...]) -> bool:
    if not about or (fact.subject_terms.get(code) and not subject):
        return False
    return len({fold(t) for t in about}) >= 2 or bool(subject)


def _judge(ctx, sentence, matched, figures, patterns, code):
    relative = bool(patterns["relative_year"].search(sentence.text))
    target = bool(patterns["target"].search(sentence.text))
    deadlines = list(patterns["deadline"].finditer(ctx.article.prose, sentence.start, sentence.end))
    stated = set()   # facts whose own value the sentence gives
    for family, value, slack, s, e in figures:
        for fact, _ in matched.values():
            fig = figure(fact)
            if fig.family == family and _agrees(fig, value, slack):
                stated.add(fact.id)
    for family, value, slack, s, e in figures:
        same = [(f, sc) for f, sc in matched.values() if figure(f).family == family
                and (family != COUNT or _count_follows(ctx, s, e, f, code))]
        if not same:
            continue
        agreeing = [f for f, _ in same if _agrees(figure(f), value, slack)]
        if agreeing:
            yield from _deadline(ctx, agreeing, e, deadlines, figures, relative)
            continue
        if family == YEAR and any(f.id in stated for f, _ in same):
            continue
        candidates = [(f, sc) for f, sc in same if f.id not in stated]
        if not candidates or relative:
            continue
        # a dated target is contradicted only by the same target with the same deadline and another value
        years = {int(m.group("year")) for m in deadlines}
        candidates = [(f, sc) for f, sc in candidates if not f.by or (f.by in years and target)]
        best = _best(candidates, sentence, code) if candidates else None
        if best is None:
            continue
        written = ctx.article.text[s:e]
        expected = best.value + (f" {best.unit}" if best.unit else "") + (f" by {best.by}" if best.by else "")
        message = f"“{written}”: the rules give {expected}; {best.subject or best.id}"
        evidence = (Evidence(best.where, f"{best.id}: {best.value} {best.unit or ''}".strip() + f" ({best.source})"),)
        yield ctx.finding(ID, s, e, message, SEVERITY, best.value, evidence)


def _deadline(ctx, agreeing, end, deadlines, figures, relative):
    """The deadline written right after a figure that agrees with a fact must be the fact's."""
    following = [f for f in figures if f[3] >= end]
    limit = min((f[3] for f in following if f[0] != YEAR), default=len(ctx.article.prose))
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
    yield ctx.finding(ID, stated.start("year"), stated.end("year"), message, SEVERITY, str(fact.by), evidence)


def _best(candidates, sentence, code):
    """The fact the sentence speaks of: most about terms that no other candidate has, then most terms."""
    def unique(fact):
        others = {fold(t) for f, _ in candidates if f is not fact for t in about_terms(f, code)}
        own = {fold(t) for t in hits(about_terms(fact, code), sentence.folded)}
        return len(own - others)
    ranked = sorted(((unique(f), sc[0] + sc[1], f) for f, sc in candidates), key=lambda x: (x[0], x[1]), reverse=True)
    if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
        return None
    return ranked[0][2]
