"""One run: load the rules, read every article, have an engine run the per-article pipeline on them
(pipeline.py), then the checks that compare the articles with each other (the second phase)."""
from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import replace
from itertools import chain, groupby
from pathlib import Path

from . import engines, facts, postprocess, store
from .articles import Article, display_path, read_text_only, walk
from .archive import ArchiveError, open_archive
from .blocks import StoreCollection
from .checks import REGISTRY
from .collection import Collection
from .finding import Finding, RunError
from .pipeline import Settings, enabled_checks, error_detail, state_of
from .records import ArticleRecord
from .report import Report
from .spilled import SpilledDigests, SpilledFindings, SpilledList, places
from .store import RecordStore

__all__ = ["Settings", "load_rules", "run"]


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
    collection_checks = [(m, o) for m, o in enabled_checks(settings) if hasattr(m, "check_collection")]
    kept: dict[str, Article] = {}   # articles not on disk (standard input), for the collection findings
    jobs = _jobs(paths, articles, settings, report, kept, bool(collection_checks))
    state = state_of(base, replace(settings, progress=None, selection=None), bool(collection_checks))
    large = len(jobs) > store.SPILL   # a large run keeps its findings and articles on disk (spilled.py), and its records
    if large:
        report.findings = SpilledFindings()
        report.articles = SpilledList()
        report.digests = SpilledDigests()
    with ExitStack() as stack:
        client = stack.enter_context(engines.dask_client(settings.scheduler, settings.jobs)) \
            if settings.engine == "dask" else None
        records: list[ArticleRecord] | RecordStore | None = None
        function = engines.process
        if collection_checks:
            # records on disk (store.py), but those of a run --against an archive in memory
            spill = large and settings.against is None
            records = stack.enter_context(RecordStore()) if spill else []
            function = store.process_rows if spill else function
        for done, part in enumerate(engines.run(jobs, state, settings, client, function)):
            if settings.progress:
                settings.progress(done, len(jobs), "articles", "")
            _merge(report, part, records)
        if settings.progress:
            settings.progress(len(jobs), len(jobs), "articles", "")
        if collection_checks:
            # judged here, not by workers: the claims and quotations read back, their verdicts and tallies are
            # values without cycles, freed as they go, but the collector's passes walked them (and the records
            # held) again and again: at 1,000 articles a twelfth of the phase, more as the archive grows
            with engines.collector_paused() if settings.jobs == 1 else nullcontext():
                found = check_collection(records, collection_checks, settings, report, client,
                                         SpilledFindings() if large else [])
                found.sort(key=Finding.sort_key)   # article by article (spilled findings come in that order)
                for findings in _finish_collection(_deferring(found, report.findings), kept, settings, report):
                    _add(report, findings, report.fingerprints)
    if report.archive:   # cross-article checks may cite the archive, but report only on targets
        context_only = set(report.archive)
        report.keep(lambda f: f.location.path not in context_only)
    report.findings.sort(key=Finding.sort_key)
    return report


class _Jobs(Sequence):
    """The jobs of a run, (article or path, is a target), held for the whole run: a few bytes a path, not objects.
    A path is its folder's number (the folders' texts held once each) and its file name's UTF-8 in one buffer,
    handed out as a Path again, equal to the one given. Held as objects (a Path, then its text), the jobs of
    200,000 articles took about 120 bytes each, and, made one by one while the folders were walked, they kept the
    walk's memory resident (about 500 bytes an article) after it was freed. Articles already read (standard
    input) are held as they are."""

    def __init__(self) -> None:
        self._names = bytearray()              # the file names, one after the other
        self._ends = array("Q")                # where each job's file name ends in _names
        self._folder_of = array("I")           # each job's folder, by its number
        self._folders: dict[str, int] = {}     # folder (with its trailing separator) -> its number
        self._texts: list[str] = []            # the folders by number
        self._targets = bytearray()
        self._articles: dict[int, Article] = {}   # job number -> an article given already read

    def append(self, job: tuple) -> None:
        item, target = job
        if isinstance(item, Path):
            folder, sep, name = str(item).rpartition(os.sep)
            folder += sep
            number = self._folders.get(folder)
            if number is None:
                number = self._folders[folder] = len(self._texts)
                self._texts.append(folder)
            self._names += name.encode("utf-8", "surrogatepass")   # any text back as it was, lone surrogates too
            self._folder_of.append(number)
        else:
            self._articles[len(self._targets)] = item
            self._folder_of.append(0)
        self._ends.append(len(self._names))
        self._targets.append(target)

    def __len__(self) -> int:
        return len(self._targets)

    def __getitem__(self, index):
        if isinstance(index, slice):   # a list: slice only a few (engines.py walks the rest)
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("job index out of range")
        index %= len(self)
        target = bool(self._targets[index])
        article = self._articles.get(index)
        if article is not None:
            return article, target
        name = self._names[self._ends[index - 1] if index else 0:self._ends[index]]
        return Path(self._texts[self._folder_of[index]] + name.decode("utf-8", "surrogatepass")), target

    def __iter__(self) -> Iterator[tuple]:
        return (self[i] for i in range(len(self)))


def _jobs(paths, articles, settings: Settings, report: Report, kept: dict[str, Article], context: bool) -> _Jobs:
    """(article or path, is a target) for every article, in the order of the paths; articles that are not
    targets are read only as `context` for the checks that compare articles."""
    jobs = _Jobs()
    for item in chain(articles, walk(paths, settings.selection)):
        if isinstance(item, RunError):
            report.errors.append(item)
            continue
        target = True
        if isinstance(item, Path) and settings.targets is not None and item.resolve() not in settings.targets:
            target = False
            report.archive.append(display_path(item))   # context for cross-article checks only
            if not context:
                continue
        if isinstance(item, Article):
            kept[item.path] = item
        jobs.append((item, target))
    return jobs


def _merge(report: Report, part: Report, records: list[ArticleRecord] | None) -> None:
    report.articles += part.articles
    _add(report, part.findings, part.fingerprints)
    report.errors += part.errors
    report.problems += part.problems
    report.digests.update(part.digests)
    report.suppressed += part.suppressed
    report.baselined += part.baselined
    report.directed |= part.directed
    if isinstance(records, list):
        records += part.records
    elif records is not None:
        for rows in part.records:
            records.add(rows)


def _add(report: Report, findings: list[Finding], fingerprints: dict) -> None:
    """Findings into the report, with their fingerprints: spilled findings keep their own, and the report's
    dictionary (where postprocess puts those of cross-article findings) is emptied once they are taken."""
    if isinstance(report.findings, SpilledFindings):
        report.findings.extend(findings, fingerprints)
        if fingerprints is report.fingerprints:
            fingerprints.clear()
        return
    report.findings += findings
    if fingerprints is not report.fingerprints:
        report.fingerprints.update(fingerprints)


def _deferring(found, earlier) -> Iterator[Finding]:
    """Leave out the findings of a check that DEFERS_TO another where that other already reported at the
    same place (a spelling name-typo flags against the rules is not also a name-variant)."""
    deferred = {m.ID: set(m.DEFERS_TO) for m in REGISTRY.values() if getattr(m, "DEFERS_TO", ())}
    if not deferred:
        return iter(found)
    watched = set().union(*deferred.values())
    taken = set(places(earlier, watched))
    return (f for f in found if not any((rule, f.location.path, f.location.line, f.location.column) in taken
                                        for rule in deferred.get(f.rule, ())))


def check_collection(records: list[ArticleRecord] | RecordStore, checks, settings: Settings, report: Report,
                     client=None, found: list[Finding] | SpilledFindings | None = None):
    """The second phase: the checks that compare the articles with each other (and with the archive); their
    findings are added to `found` (a new list by default), which is returned."""
    found = [] if found is None else found
    archive = None
    if settings.against is not None:
        archive = open_archive(settings.against)
        if isinstance(archive, RunError):
            report.errors.append(archive)
            return found
    progress = settings.progress or (lambda *args: None)
    try:
        progress(0, len(checks), "comparing", checks[0][0].ID if checks else "")
        jobs = settings.jobs if settings.engine == "local" else 1
        collection = StoreCollection(records, jobs, client) if isinstance(records, RecordStore) \
            else Collection(records, archive, jobs=jobs)
        for done, (module, options) in enumerate(checks):
            progress(done, len(checks), "comparing", module.ID)
            try:
                found.extend(module.check_collection(collection, options))
            except ArchiveError as exc:   # a damaged index: one line naming it, not an internal error
                report.errors.append(exc.run_error)
                return found
            except Exception as exc:
                detail = error_detail(exc, settings.debug)
                report.errors.append(RunError(_paths_shown(records), None,
                                              f"internal error in check {module.ID}: {detail}"))
    finally:
        progress(len(checks), len(checks), "comparing")
        if archive is not None:
            archive.close()
    return found


def _paths_shown(records) -> str:
    """The articles a failed collection check was comparing, for its error line."""
    if isinstance(records, RecordStore):
        return f"({records.added} articles)"
    return ", ".join(sorted({r.path for r in records})) or "(no article)"


def _finish_collection(found: Iterable[Finding], kept: dict[str, Article], settings: Settings, report: Report):
    """Severities, suppression comments and the baseline for cross-article findings: the findings of each
    article in turn (`found` comes in report order)."""
    archive = set(report.archive)
    text_needed = postprocess.needs_text(settings)
    for path, group in groupby(found, key=lambda f: f.location.path):
        if path in archive:
            continue
        findings = list(group)
        if not text_needed and path not in report.directed:
            yield postprocess.without_text(findings, settings)   # most articles: read once is enough
            continue
        article = kept.get(path) or read_text_only(Path(path))
        if isinstance(article, RunError):
            yield findings
            continue
        yield postprocess.finish_collection(article, findings, settings, report, set(REGISTRY))
