"""The checking side of the language server: a process of its own that keeps one `factlint.Linter` per
project and checks the editor's documents with it.

Checking runs apart from the server's event loop so that a long document never holds up the protocol,
and a check that a newer version of the document made useless can be stopped by ending the process
(a thread cannot be stopped). A project is the folder of the configuration file found above the
document, as the command line finds it (else the workspace folder): the process works there, so rule
paths, the archive index and the paths shown in evidence are what `factlint check` run from that
folder would use. A Linter is loaded once and reused until its configuration or a rule file changes.
"""
from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..finding import Finding, RunError


@dataclass(frozen=True)
class Request:
    path: str | None          # the document's file, absolute; None for a buffer never saved
    folder: str | None        # the workspace folder of the document (where to look when there is no path)
    text: str | None          # None: only load the project's rules, so that the first check is fast
    markdown: bool = True


@dataclass
class Outcome:
    project: str                                            # the folder paths are relative to
    shown: str = ""                                         # the document as findings name it
    findings: list[Finding] = field(default_factory=list)
    problems: list[RunError] = field(default_factory=list)  # about the document (a broken front matter)
    errors: list[RunError] = field(default_factory=list)    # the run's own errors (an internal error, the index)
    rule_errors: list[RunError] = field(default_factory=list)
    config: str | None = None                               # the configuration file in use
    config_errors: list[str] = field(default_factory=list)  # nothing was checked: the configuration is unusable
    explanations: dict[str, str] = field(default_factory=dict)   # rule id → `factlint explain` text, for hovers


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:   # a draft's folder need not exist yet
        path = path.parent
    return path


def locate(request: Request) -> tuple[Path, Path | None]:
    """(project folder, configuration file or None) for a document, as the command line finds them."""
    from ..config import find
    folder = Path(request.folder).resolve() if request.folder else None
    start = _existing(Path(request.path).parent if request.path else folder or Path.cwd())
    config = find(start)
    if config is not None:
        return config.parent.resolve(), config.resolve()
    if folder is not None and request.path and Path(request.path).resolve().is_relative_to(folder):
        return folder, None
    return start.resolve(), None


def _stamp(files) -> tuple:
    """What says that a Linter must be loaded again: the files' and their folders' sizes and times."""
    out = []
    for name in sorted({str(Path(f).resolve()) for f in files} | {str(Path(f).resolve().parent) for f in files}):
        try:
            info = os.stat(name)
            out.append((name, info.st_mtime_ns, info.st_size))
        except OSError:
            out.append((name, None, None))
    return tuple(out)


class Checker:
    def __init__(self) -> None:
        self._linters: dict[tuple[Path, Path | None], tuple[tuple, object]] = {}

    def _linter(self, project: Path, config: Path | None):
        """The project's Linter, or the ConfigError/BaselineError that prevents one."""
        import factlint
        key = (project, config)
        cached = self._linters.get(key)
        if cached is not None and cached[0] == self._files_stamp(config, cached[1]):
            return cached[1]
        try:
            linter = factlint.Linter(config, root=project)
        except (factlint.ConfigError, factlint.BaselineError) as exc:
            linter = exc
        self._linters[key] = (self._files_stamp(config, linter), linter)
        return linter

    @staticmethod
    def _files_stamp(config: Path | None, linter) -> tuple:
        files = [config] if config is not None else []
        if not isinstance(linter, Exception):
            files += list(linter.rule_files) + [e.path for e in linter.rule_errors]
        return _stamp(files)

    def check(self, request: Request) -> Outcome:
        import factlint
        project, config = locate(request)
        os.chdir(project)   # the Linter's relative paths (rules, index, evidence) are relative to its project
        outcome = Outcome(str(project), config=str(config) if config else None)
        linter = self._linter(project, config)
        if isinstance(linter, Exception):
            outcome.config_errors = list(getattr(linter, "problems", None) or [str(linter)])
            return outcome
        outcome.rule_errors = linter.rule_errors
        if request.text is None:
            return outcome
        from ..articles import MAX_ARTICLE_BYTES, display_path
        outcome.shown = display_path(Path(request.path)) if request.path else \
            ("untitled.md" if request.markdown else "untitled.txt")
        if len(request.text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:   # as the command line says
            outcome.problems = [RunError(outcome.shown, 1, f"over {MAX_ARTICLE_BYTES // 1024 ** 2} MB: not an "
                                                           "article, not checked")]
            return outcome
        report = linter.check_text(request.text, outcome.shown)
        outcome.findings = [f for f in report.findings if f.location.path == outcome.shown]
        outcome.problems = report.problems
        known = set(map(str, outcome.rule_errors))
        outcome.errors = [e for e in report.errors if str(e) not in known]
        outcome.explanations = {rule: factlint.explain(rule) for rule in {f.rule for f in outcome.findings}}
        return outcome


def serve(conn) -> None:
    """The worker process: answer each Request with an Outcome, or with the text of a traceback."""
    os.dup2(2, 1)            # standard output is the server's channel to the client: nothing else may write there
    sys.stdout = sys.stderr
    checker = Checker()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            answer: Outcome | str = checker.check(request)
        except Exception:   # a bug of factlint: said in the server's log; the next document is checked again
            answer = traceback.format_exc()
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return
