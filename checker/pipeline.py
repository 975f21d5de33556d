"""The per-article pipeline: one article → its findings, its summary and its record (what the checks that
compare articles need). It knows nothing of processes: the engines (engines.py) call process() in this
process, in worker processes or on a cluster, with the State they were given; the runner (runner.py)
merges what comes back and runs the second phase.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import postprocess
from .articles import Article, article_from_bytes, read_article
from .checks import ARTICLE_DATE_CHECKS, READ_THE_DATE_DIRECTLY, REGISTRY, options_for
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
    fingerprints: bool = True                           # give findings their fingerprints (baselines, SARIF,
                                                        # GitLab); a JSON or text report has no use for them


def enabled_checks(settings: Settings):
    """(module, options) of every check the settings enable, in the registry's order."""
    for check_id, module in REGISTRY.items():
        if settings.select is not None and check_id not in settings.select:
            continue
        if check_id in settings.ignore:
            continue
        yield module, options_for(module, settings.check_options.get(check_id))


def article_checks(settings: Settings) -> tuple:
    """The enabled checks that read one article at a time (the others compare articles: runner.py)."""
    return tuple((m, o) for m, o in enabled_checks(settings) if not hasattr(m, "check_collection"))


@dataclass(frozen=True)
class State:
    """What every worker needs to check articles: the same in a process of this machine or on a cluster."""
    base: object
    checks: tuple
    settings: Settings
    records: bool


def state_of(base, settings: Settings, records: bool) -> State:
    return State(base, article_checks(settings), settings, records)


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
        check_article(item, state.base, state.checks, state.settings, part, records)
    else:
        _record(ArticleContext(item, state.base, state.settings.date), records, state.settings, part)
    part.records = records or []
    return part


def error_detail(exc: Exception, debug: bool) -> str:
    """What a run error says of an internal error: one line, or with --debug the traceback (of the exception
    being handled)."""
    if not debug:
        return f"{type(exc).__name__}: {exc}"
    import traceback   # deferred: only an internal error with --debug shows a traceback
    return traceback.format_exc()


def _record(ctx: ArticleContext, records, settings: Settings, report: Report) -> None:
    if records is None:
        return
    try:
        records.append(record_of(ctx))
    except Exception as exc:
        detail = error_detail(exc, settings.debug)
        report.errors.append(RunError(ctx.article.path, None, f"internal error extracting statements: {detail}"))


def check_article(article: Article, base, checks, settings: Settings, report: Report,
                  records: list[ArticleRecord] | None = None) -> None:
    """Run `checks` (pairs of module and options) on one article; findings, errors and summary go to report."""
    report.problems.extend(article.problems)
    ctx = ArticleContext(article, base, settings.date)
    findings: list[Finding] = []
    for module, options in checks:
        if not hasattr(module, "check"):   # unused-suppression: its findings are made with the suppression
            continue
        try:
            findings.extend(module.check(ctx, options))
        except Exception as exc:  # one failing check never stops the others
            detail = error_detail(exc, settings.debug)
            report.errors.append(RunError(article.path, None, f"internal error in check {module.ID}: {detail}"))
    ran = {m.ID for m, _ in checks}

    def uncertain(finding: Finding) -> str | None:
        return ctx.uncertain_date(finding, ARTICLE_DATE_CHECKS, READ_THE_DATE_DIRECTLY)
    finished = postprocess.finish(article, findings, settings, report, ran, set(REGISTRY), uncertain)
    report.findings.extend(finished)
    if any(f.fix is not None for f in finished):   # what --fix needs; a large run holds no hash per article
        report.digests[article.path] = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    _record(ctx, records, settings, report)
    date = ctx.date
    report.articles.append(ArticleSummary(article.path, date.value.isoformat() if date.value else None,
                                          date.source, date.how, article.language,
                                          date.confidence if date.value else None))
