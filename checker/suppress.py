"""Suppression comments in Markdown articles and the `factlint: {disable: [...]}` front matter key.

    <!-- factlint-disable year-typo, name-typo -->   … <!-- factlint-enable -->
    <!-- factlint-disable-next-line name-typo -->
    Le chancelier Oprav Scholz, personnage du roman. <!-- factlint-disable-line name-typo -->
    ---
    factlint: {disable: [stale-qualifier]}
    ---

A directive without rule ids applies to every rule. `factlint-enable` without ids ends every open
range; with ids it ends the ranges of those rules. `factlint-disable-line` silences the lines the
comment stands on. Comments inside code (fenced or indented blocks, inline code) are not
directives. A comment that is nearly a directive ("factlnt-disable-next-line", "fact-lint-disable")
is reported, since it silently suppresses nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from . import markup
from .finding import Finding, Location, Severity
from .spans import SpanIndex

RULE_ID = "unused-suppression"
DIRECTIVES = ("factlint-disable", "factlint-enable", "factlint-disable-next-line", "factlint-disable-line")
PREFIX = "factlint-"
_COMMENT = re.compile(r"<!--\s*([\w-]+)([^>]*?)\s*-->", re.S)
_FRONT_KEY = re.compile(r"^factlint[ \t]*:", re.M)
NEAR = 2          # edits (a letter missing, extra, wrong, two swapped) that make a comment nearly a directive
MIN_NEAR = 6      # shorter words are ordinary comments ("todo", "note")


@dataclass
class Directive:
    kind: str                      # disable, enable, disable-next-line, front-matter
    rules: tuple[str, ...]         # () means every rule
    start: int                     # offsets of the comment (or of the front matter key)
    end: int
    text: str
    used: set[str] = field(default_factory=set)   # the rules it suppressed something for ("*": any)


@dataclass(frozen=True)
class Problem:
    start: int
    end: int
    message: str


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def _squashed(word: str) -> str:
    return word.lower().replace("-", "").replace("_", "")


def near_directive(word: str, rest: str, known: set[str]) -> str | None:
    """The directive a comment's first word nearly is ("factlnt-disable", "fact_lint-enable"), or, for a
    directive's own part without the prefix ("disable-next-line"), only when a rule id follows."""
    squashed = _squashed(word)
    if len(squashed) < MIN_NEAR:
        return None
    for directive in DIRECTIVES:
        if OSA.distance(squashed, _squashed(directive)) <= NEAR:
            return directive
    names = set(re.split(r"[\s,]+", rest.strip())) & known
    for directive in DIRECTIVES:
        if names and OSA.distance(squashed, _squashed(directive.removeprefix(PREFIX))) <= NEAR:
            return directive
    return None


def parse(article, known: set[str]) -> tuple[list[Directive], list[Problem]]:
    """The article's directives, and what is wrong with them (an unknown or misspelt directive, an
    unknown rule id)."""
    from .facts.schema import did_you_mean
    directives: list[Directive] = []
    problems: list[Problem] = []
    text = article.text
    if is_markdown(article.path) and "<!--" in text:
        code = SpanIndex(markup.code_spans(text))   # bisection: a scan per comment was quadratic
        for m in _COMMENT.finditer(text):
            if m.start() in code:
                continue
            word, kind = m.group(1), m.group(1).lower()
            if not kind.startswith("factlint"):
                near = near_directive(word, m.group(2), known)
                if near:
                    problems.append(Problem(m.start(), m.end(), f"Misspelt directive “{word}” (did you mean "
                                                                f"'{near}'?); it suppresses nothing"))
                continue
            if kind not in DIRECTIVES:
                problems.append(Problem(m.start(), m.end(), f"Unknown directive “{word}”"
                                                            f"{did_you_mean(kind, DIRECTIVES)}; it suppresses nothing"))
                continue
            rules = tuple(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
            good = _known_rules(rules, known, m.start(), m.end(), problems, did_you_mean)
            if rules and not good:
                continue
            directives.append(Directive(kind.removeprefix(PREFIX), good, m.start(), m.end(), m.group()))
    front = _front_matter_directive(article, known, problems, did_you_mean)
    if front:
        directives.append(front)
    return directives, problems


def _known_rules(rules, known, start, end, problems, did_you_mean) -> tuple[str, ...]:
    good = []
    for rule in rules:
        if rule in known:
            good.append(rule)
        else:
            problems.append(Problem(start, end, f"Unknown rule “{rule}” in a suppression{did_you_mean(rule, known)}"))
    return tuple(good)


def _front_matter_directive(article, known, problems, did_you_mean) -> Directive | None:
    value = article.front_matter.get("factlint")
    if value is None:
        return None
    span = markup.front_matter_span(article.text)
    m = _FRONT_KEY.search(article.text, 0, span[1]) if span else None
    start, end = (m.start(), m.end()) if m else (0, 0)
    if not isinstance(value, dict) or set(value) - {"disable"}:
        keys = sorted(set(value) - {"disable"}) if isinstance(value, dict) else []
        hint = f"unknown key “{keys[0]}”{did_you_mean(keys[0], ['disable'])}" if keys else "expected {disable: [rule, …]}"
        problems.append(Problem(start, end, f"Front matter factlint: {hint}"))
        return None
    rules = value.get("disable") or []
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        problems.append(Problem(start, end, "Front matter factlint.disable: expected a list of rule ids"))
        return None
    good = _known_rules(rules, known, start, end, problems, did_you_mean)
    if not good:
        return None
    return Directive("front-matter", good, start, end, f"factlint: {{disable: [{', '.join(good)}]}}")


def _covers(directive: Directive, rule: str) -> bool:
    return not directive.rules or rule in directive.rules


def _suppressor(article, directives: list[Directive], finding: Finding) -> Directive | None:
    """The directive that silences this finding, if any."""
    at = finding.location.line, finding.location.column
    for d in directives:
        if d.kind == "front-matter" and _covers(d, finding.rule):
            return d
    for d in directives:
        if d.kind == "disable-next-line" and _covers(d, finding.rule):
            end_line, _ = article.position(d.end)
            if finding.location.line == end_line + 1:
                return d
        elif d.kind == "disable-line" and _covers(d, finding.rule):
            if article.position(d.start)[0] <= finding.location.line <= article.position(d.end)[0]:
                return d
    active: dict[str, Directive] = {}   # rule id, or "*" for every rule → the disable in force
    for d in sorted((d for d in directives if d.kind in ("disable", "enable")), key=lambda d: d.start):
        if article.position(d.end) > at:
            break
        if d.kind == "disable":
            active.update({rule: d for rule in (d.rules or ("*",))})
        elif not d.rules:
            active.clear()
        else:
            for rule in d.rules:
                active.pop(rule, None)
    return active.get(finding.rule) or active.get("*")


def apply(article, findings: list[Finding], ran: set[str], known: set[str]) -> tuple[list[Finding], list[Finding], int]:
    """(findings kept, unused-suppression findings, how many were suppressed).

    A suppression is unused when it silenced nothing among the rules that ran; rules that did not
    run (deselected) never make a suppression unused."""
    directives, _ = parse(article, known)
    if not directives:
        return findings, [], 0
    kept, suppressed = [], 0
    for finding in findings:
        directive = _suppressor(article, directives, finding)
        if directive is None:
            kept.append(finding)
        else:
            directive.used.add(finding.rule)
            suppressed += 1
    unused = []
    if RULE_ID in ran:
        for d in directives:
            if d.kind == "enable":
                continue
            idle = [r for r in d.rules if r in ran and r not in d.used] if d.rules else ([] if d.used else ["*"])
            if idle:
                unused.append(_unused_finding(article, d, idle))
    return kept, unused, suppressed


def _unused_finding(article, d: Directive, idle: list[str]) -> Finding:
    line, column = article.position(d.start)
    end_line, end_column = article.position(d.end)
    what = "every rule" if idle == ["*"] else ", ".join(idle)
    message = f"Suppression of {what} suppresses nothing here; remove it"
    return Finding(RULE_ID, message, Location(article.path, line, column, end_line, end_column), Severity.INFO,
                   article.text[d.start:d.end])
