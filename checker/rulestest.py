"""`factlint rules test`: run the examples that rule entries carry, as prh's `specs` and
LanguageTool's `<example>` do. A `fail` example must be flagged by its rule (with the suggestion,
when one is given); a `pass` example must not be flagged by its rule, or, without a rule, by any
check at warning or error.
"""
from __future__ import annotations

from dataclasses import dataclass

from .articles import parse_article
from .checks import REGISTRY, options_for
from .context import ArticleContext
from .facts.model import RuleExample
from .facts.schema import did_you_mean
from .finding import Severity


@dataclass(frozen=True)
class Outcome:
    example: RuleExample
    ok: bool
    detail: str

    def __str__(self) -> str:
        kind = "fail" if self.example.flagged else "pass"
        return f"{self.example.where}: {self.example.entry}: {kind} example {self.example.text!r}: {self.detail}"


def run_example(example: RuleExample, base) -> Outcome:
    if example.rule is not None and example.rule not in REGISTRY:
        return Outcome(example, False, f"unknown check {example.rule!r}{did_you_mean(example.rule, REGISTRY)}")
    article = parse_article(example.text, example.where, markdown=False)
    if example.lang:
        article.language = example.lang
    ctx = ArticleContext(article, base, example.date)
    modules = [m for m in ([REGISTRY[example.rule]] if example.rule else REGISTRY.values()) if hasattr(m, "check")]
    findings = [f for m in modules for f in m.check(ctx, options_for(m))]
    if example.flagged:
        hits = [f for f in findings if f.rule == example.rule]
        if not hits:
            return Outcome(example, False, f"expected a {example.rule} finding, got none")
        if example.suggestion and all(f.suggestion != example.suggestion for f in hits):
            got = ", ".join(repr(f.suggestion) for f in hits)
            return Outcome(example, False, f"expected the suggestion {example.suggestion!r}, got {got}")
        return Outcome(example, True, "flagged")
    wrong = [f for f in findings if example.rule or f.severity >= Severity.WARNING]
    if wrong:
        return Outcome(example, False, "expected no finding, got " + "; ".join(f"{f.rule}: {f.message}" for f in wrong))
    return Outcome(example, True, "not flagged")


def run_examples(base) -> list[Outcome]:
    return [run_example(example, base) for example in base.rules.examples]
