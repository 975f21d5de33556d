"""One run: load the rules, read every article, run the enabled checks, collect findings and errors."""
from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import engines, facts, postprocess
from .articles import Article, article_from_bytes, display_path, read_article, read_text_only, walk
from .archive import ArchiveError, open_archive
from .checks import REGISTRY, options_for
from .collection import Collection
from .context import ArticleContext
from .finding import Finding, RunError
from .records import ArticleRecord, record_of
from .report import ArticleSummary, Report


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
    progress: Callable[..., None] | None = None         # (done, total, phase, what): see progress.py
    against: Path | None = None                         # an archive index (factlint index) to compare with
    jobs: int = 1                                       # worker processes for the per-article phase
    engine: str = "local"                               # "local" (processes of this machine) or "dask"
    scheduler: str | None = None                        # a dask scheduler address; None: a LocalCluster
    selection: object | None = None                     # which files of the folders are articles (selection.py)


def enabled_checks(settings: Settings):
    for check_id, module in REGISTRY.items():
        if settings.select is not None and check_id not in settings.select:
            continue
        if check_id in settings.ignore:
            continue
        yield module, options_for(module, settings.check_options.get(check_id))


def load_rules(settings: Settings) -> tuple[object | None, list[RunError]]:
    """The compiled rules of the settings' rule paths, and their errors as run errors."""
    base, rule_errors = facts.load_factbase(facts.default_rule_paths(list(settings.rule_paths), Path.cwd()),
                                            use_cache=settings.use_cache)
    return base, [RunError(e.file, e.line, f"{e.key}: {e.message}" if e.key else e.message) for e in rule_errors]


def run(paths: list[Path], settings: Settings, articles: tuple[Article, ...] = (),
        loaded: tuple[object | None, list[RunError]] | None = None) -> Report:
    """Check the articles under paths (and articles already read, e.g. from standard input).

    `loaded` is what load_rules returned, for a caller that checks many times with the same rules."""
    report = Report()
    base, rule_errors = loaded if loaded is not None else load_rules(settings)
    report.errors.extend(rule_errors)
    if base is None:
        return report
    checks = list(enabled_checks(settings))
    article_checks = [(m, o) for m, o in checks if hasattr(m, "check")]
    collection_checks = [(m, o) for m, o in checks if hasattr(m, "check_collection")]
    records: list[ArticleRecord] | None = [] if collection_checks else None
    kept: dict[str, Article] = {}   # articles not on disk (standard input), for the collection findings
    jobs: list[tuple] = []          # (article or path, is a target), in the order of the paths
    for item in list(articles) + list(walk(paths, settings.selection)):
        if isinstance(item, RunError):
            report.errors.append(item)
            continue
        target = True
        if isinstance(item, Path) and settings.targets is not None and item.resolve() not in settings.targets:
            target = False
            report.archive.append(display_path(item))   # context for cross-article checks only
            if records is None:
                continue
        if isinstance(item, Article):
            kept[item.path] = item
        jobs.append((item, target))
    state = State(base, tuple(article_checks), replace(settings, progress=None, selection=None), records is not None)
    for done, part in enumerate(engines.run(jobs, state, settings)):
        if settings.progress:
            settings.progress(done, len(jobs), "articles", "")
        _merge(report, part, records)
    if settings.progress:
        settings.progress(len(jobs), len(jobs), "articles", "")
    if collection_checks:
        found = check_collection(records, collection_checks, settings, report)
        # a spelling that name-typo already flags against the rules is not also a name-variant
        typos = {(f.location.path, f.location.line, f.location.column) for f in report.findings if f.rule == "name-typo"}
        found = [f for f in found if f.rule != "name-variant"
                 or (f.location.path, f.location.line, f.location.column) not in typos]
        report.findings.extend(_finish_collection(found, kept, settings, report))
    if report.archive:   # cross-article checks may cite the archive, but report only on targets
        context_only = set(report.archive)
        report.findings = [f for f in report.findings if f.location.path not in context_only]
    report.findings.sort(key=Finding.sort_key)
    return report


@dataclass(frozen=True)
class State:
    """What every worker needs to check articles: the same in a process of this machine or on a cluster."""
    base: object
    checks: tuple
    settings: Settings
    records: bool


def process(job, state: State) -> Report:
    """One article (a path or an Article already read): its findings, summary and record, as a small Report."""
    item, target = job
    part = Report()
    if isinstance(item, RunError):
        part.errors.append(item)
        return part
    if isinstance(item, Path):
        item = read_article(item)
    elif isinstance(item, tuple):   # (shown path, bytes, markdown): shipped to a worker that cannot read our files
        item = article_from_bytes(*item)
    if isinstance(item, RunError):
        part.errors.append(item)
        return part
    records: list[ArticleRecord] | None = [] if state.records else None
    if target:
        check_article(item, state.base, state.checks, state.settings, part, records, {m.ID for m, _ in state.checks})
    else:
        _record(ArticleContext(item, state.base, state.settings.date), records, state.settings, part)
    part.records = records or []
    return part


def _merge(report: Report, part: Report, records: list[ArticleRecord] | None) -> None:
    report.articles += part.articles
    report.findings += part.findings
    report.errors += part.errors
    report.problems += part.problems
    report.fingerprints.update(part.fingerprints)
    report.digests.update(part.digests)
    report.suppressed += part.suppressed
    report.baselined += part.baselined
    if records is not None:
        records += part.records


def check_collection(records: list[ArticleRecord], checks, settings: Settings, report: Report) -> list[Finding]:
    """The second phase: the checks that compare the articles with each other (and with the archive)."""
    archive = None
    if settings.against is not None:
        archive = open_archive(settings.against)
        if isinstance(archive, RunError):
            report.errors.append(archive)
            return []
    found: list[Finding] = []
    progress = settings.progress or (lambda *args: None)
    try:
        progress(0, len(checks), "comparing", checks[0][0].ID if checks else "")
        collection = Collection(records, archive, jobs=settings.jobs if settings.engine == "local" else 1)
        for done, (module, options) in enumerate(checks):
            progress(done, len(checks), "comparing", module.ID)
            try:
                found.extend(module.check_collection(collection, options))
            except ArchiveError as exc:   # a damaged index: one line naming it, not an internal error
                report.errors.append(exc.run_error)
                return found
            except Exception as exc:
                detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
                report.errors.append(RunError(", ".join(sorted(collection.checked)) or "(no article)", None,
                                              f"internal error in check {module.ID}: {detail}"))
    finally:
        progress(len(checks), len(checks), "comparing")
        if archive is not None:
            archive.close()
    return found


def _finish_collection(found: list[Finding], kept: dict[str, Article], settings: Settings, report: Report):
    """Severities, suppression comments and the baseline for cross-article findings, article by article."""
    by_path: dict[str, list[Finding]] = {}
    for finding in found:
        by_path.setdefault(finding.location.path, []).append(finding)
    for path, findings in by_path.items():
        if path in report.archive:
            continue
        article = kept.get(path) or read_text_only(Path(path))
        if isinstance(article, RunError):
            yield from findings
            continue
        yield from postprocess.finish_collection(article, findings, settings, report)


def _record(ctx: ArticleContext, records, settings: Settings, report: Report) -> None:
    if records is None:
        return
    try:
        records.append(record_of(ctx))
    except Exception as exc:
        detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
        report.errors.append(RunError(ctx.article.path, None, f"internal error extracting statements: {detail}"))


def check_article(article: Article, base, checks, settings: Settings, report: Report,
                  records: list[ArticleRecord] | None = None, ran: set[str] | None = None) -> None:
    report.problems.extend(article.problems)
    ctx = ArticleContext(article, base, settings.date)
    findings: list[Finding] = []
    for module, options in checks:
        try:
            findings.extend(module.check(ctx, options))
        except Exception as exc:  # one failing check never stops the others
            detail = traceback.format_exc() if settings.debug else f"{type(exc).__name__}: {exc}"
            report.errors.append(RunError(article.path, None, f"internal error in check {module.ID}: {detail}"))
    ran = ran if ran is not None else {m.ID for m, _ in checks}
    report.findings.extend(postprocess.finish(article, findings, settings, report, ran, ctx.uncertain_date))
    report.digests[article.path] = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    _record(ctx, records, settings, report)
    date = ctx.date
    report.articles.append(ArticleSummary(article.path, date.value.isoformat() if date.value else None,
                                          date.source, date.how, article.language,
                                          date.confidence if date.value else None))
