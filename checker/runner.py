"""One run: load the rules, read every article, run the enabled checks, collect findings and errors."""
from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from . import facts
from .articles import Article, read_article, walk
from .checks import REGISTRY, options_for
from .archive import open_archive
from .collection import Collection
from .context import ArticleContext
from .records import ArticleRecord, record_of
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


@dataclass(frozen=True)
class Settings:
    rule_paths: tuple[Path, ...] = ()
    date: dt.date | None = None
    select: frozenset[str] | None = None       # None: every check
    ignore: frozenset[str] = frozenset()
    check_options: dict = field(default_factory=dict)   # id → {option: value}
    debug: bool = False
    use_cache: bool = True
    against: Path | None = None                # an archive index (factlint index) to compare with


def enabled_checks(settings: Settings):
    for check_id, module in REGISTRY.items():
        if settings.select is not None and check_id not in settings.select:
            continue
        if check_id in settings.ignore:
            continue
        yield module, options_for(module, settings.check_options.get(check_id))


def run(paths: list[Path], settings: Settings) -> Report:
    report = Report()
    base, rule_errors = facts.load_factbase(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()),
                                            use_cache=settings.use_cache)
    report.errors.extend(RunError(e.file, e.line, f"{e.key}: {e.message}" if e.key else e.message) for e in rule_errors)
    if base is None:
        return report
    checks = list(enabled_checks(settings))
    article_checks = [(m, o) for m, o in checks if hasattr(m, "check")]
    collection_checks = [(m, o) for m, o in checks if hasattr(m, "check_collection")]
    records = [] if collection_checks else None
    for item in walk(paths):
        if isinstance(item, RunError):
            report.errors.append(item)
            continue
        article = read_article(item)
        if isinstance(article, RunError):
            report.errors.append(article)
            continue
        check_article(article, base, article_checks, settings, report, records)
    if collection_checks:
        check_collection(records, collection_checks, settings, report)
    report.findings.sort(key=Finding.sort_key)
    return report


def check_collection(records: list[ArticleRecord], checks, settings: Settings, report: Report) -> None:
    """The second phase: the checks that compare the articles with each other (and with the archive)."""
    archive = None
    if settings.against is not None:
        archive = open_archive(settings.against)
        if isinstance(archive, RunError):
            report.errors.append(archive)
            return
    try:
        collection = Collection(records, archive)
        for module, options in checks:
            try:
                report.findings.extend(module.check_collection(collection, options))
            except Exception as exc:
                detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
                report.errors.append(RunError(", ".join(sorted(collection.checked)) or "(no article)", None,
                                              f"internal error in check {module.ID}: {detail}"))
    finally:
        if archive is not None:
            archive.close()


def check_article(article: Article, base, checks, settings: Settings, report: Report,
                  records: list[ArticleRecord] | None = None) -> None:
    report.problems.extend(article.problems)
    ctx = ArticleContext(article, base, settings.date)
    for module, options in checks:
        try:
            report.findings.extend(module.check(ctx, options))
        except Exception as exc:  # one failing check never stops the others
            detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
            report.errors.append(RunError(article.path, None, f"internal error in check {module.ID}: {detail}"))
    if records is not None:
        try:
            records.append(record_of(ctx))
        except Exception as exc:
            detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
            report.errors.append(RunError(article.path, None, f"internal error extracting statements: {detail}"))
    date = ctx.date
    report.articles.append(ArticleSummary(article.path, date.value.isoformat() if date.value else None,
                                          date.source, date.how, article.language))
