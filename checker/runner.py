"""One run: load the rules, read every article, run the enabled checks, collect findings and errors."""
from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import facts, postprocess
from .articles import Article, display_path, read_article, walk
from .checks import REGISTRY, options_for
from .context import ArticleContext
from .finding import Finding, RunError


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    path: str
    date: str | None
    date_source: str
    date_how: str
    language: str


@dataclass
class Report:
    articles: list[ArticleSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)      # the run is broken: exit 2
    problems: list[RunError] = field(default_factory=list)    # worth saying, the run goes on
    fingerprints: dict[Finding, str] = field(default_factory=dict)   # for baselines and SARIF
    digests: dict[str, str] = field(default_factory=dict)    # path → sha256 of the text checked (for --fix)
    archive: list[str] = field(default_factory=list)         # articles read as context only, never reported on
    suppressed: int = 0                                       # findings silenced by suppression comments
    baselined: int = 0                                        # findings left out because the baseline has them


@dataclass(frozen=True)
class Settings:
    rule_paths: tuple[Path, ...] = ()
    date: dt.date | None = None
    select: frozenset[str] | None = None       # None: every check
    ignore: frozenset[str] = frozenset()
    check_options: dict = field(default_factory=dict)   # id → {option: value}
    debug: bool = False
    use_cache: bool = True
    severities: dict = field(default_factory=dict)      # id → Severity set by the configuration
    baseline: object | None = None                      # a baseline.Baseline: report only new findings
    targets: frozenset[Path] | None = None              # resolved paths to report on; None: every article
    progress: Callable[[int, int], None] | None = None  # called with (done, total) as articles are checked


def enabled_checks(settings: Settings):
    for check_id, module in REGISTRY.items():
        if settings.select is not None and check_id not in settings.select:
            continue
        if check_id in settings.ignore:
            continue
        yield module, options_for(module, settings.check_options.get(check_id))


def run(paths: list[Path], settings: Settings, articles: tuple[Article, ...] = ()) -> Report:
    """Check the articles under paths (and articles already read, e.g. from standard input)."""
    report = Report()
    base, rule_errors = facts.load_factbase(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()),
                                            use_cache=settings.use_cache)
    report.errors.extend(RunError(e.file, e.line, f"{e.key}: {e.message}" if e.key else e.message) for e in rule_errors)
    if base is None:
        return report
    checks = list(enabled_checks(settings))
    items: list = list(articles) + list(walk(paths))
    for done, item in enumerate(items):
        if settings.progress:
            settings.progress(done, len(items))
        if isinstance(item, RunError):
            report.errors.append(item)
            continue
        if isinstance(item, Path):
            if settings.targets is not None and item.resolve() not in settings.targets:
                report.archive.append(display_path(item))   # context for cross-article checks only
                continue
            item = read_article(item)
            if isinstance(item, RunError):
                report.errors.append(item)
                continue
        check_article(item, base, checks, settings, report)
    if settings.progress:
        settings.progress(len(items), len(items))
    if report.archive:   # cross-article checks may cite the archive, but report only on targets
        context_only = set(report.archive)
        report.findings = [f for f in report.findings if f.location.path not in context_only]
    report.findings.sort(key=Finding.sort_key)
    return report


def check_article(article: Article, base, checks, settings: Settings, report: Report) -> None:
    report.problems.extend(article.problems)
    ctx = ArticleContext(article, base, settings.date)
    findings: list[Finding] = []
    for module, options in checks:
        try:
            findings.extend(module.check(ctx, options))
        except Exception as exc:  # one failing check never stops the others
            detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
            report.errors.append(RunError(article.path, None, f"internal error in check {module.ID}: {detail}"))
    report.findings.extend(postprocess.finish(article, findings, settings, report, {m.ID for m, _ in checks}))
    report.digests[article.path] = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    date = ctx.date
    report.articles.append(ArticleSummary(article.path, date.value.isoformat() if date.value else None,
                                          date.source, date.how, article.language))
