"""The protocol side of `factlint lsp`: documents in, diagnostics, hovers and quick fixes out (pygls).

Checking is the worker's (worker.py, through the factlint API) and scheduling the scheduler's; this
module keeps what was published for each document, to answer hovers and code actions from it at once,
whatever a worker is doing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..finding import Finding
from . import convert
from .scheduler import STOPPED, Scheduler
from .worker import Outcome, Request

DEBOUNCE = 0.3      # seconds of quiet after a change before the document is checked
LANGUAGES = {"markdown": True, "plaintext": False, "text": False}   # language id → Markdown
SUFFIXES = {".md": True, ".markdown": True, ".txt": False}


@dataclass(frozen=True)
class Published:
    diagnostic: types.Diagnostic
    finding: Finding
    edit: types.TextEdit | None     # the safe fix
    old: str                        # the text the fix replaces
    explanation: str                # the rule's documentation


class FactlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("factlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.published: dict[str, list[Published]] = {}
        self.versions: dict[str, int | None] = {}          # the version each document's diagnostics are for
        self.side_files: dict[str, dict[str, list]] = {}  # project → uri of a rule or configuration file → notes
        self.said: dict[str, set[str]] = {}               # uri → messages logged for its last check
        self.scheduler = Scheduler(self.snapshot, self.deliver, lambda message: self.log(types.MessageType.Warning,
                                                                                       f"factlint: {message}"),
                                   DEBOUNCE)

    # -- documents ----------------------------------------------------------------------------------
    def markdown_of(self, uri: str, language_id: str | None) -> bool | None:
        """Whether a document is Markdown, plain text (False) or not an article (None)."""
        path = convert.path_of(uri)
        if path is not None and path.suffix.lower() in SUFFIXES:
            return SUFFIXES[path.suffix.lower()]
        return LANGUAGES.get(language_id or "")

    def folder_of(self, path: Path | None) -> str | None:
        """The workspace folder holding path (the deepest), else the first one."""
        folders = [convert.path_of(f.uri) for f in self.workspace.folders.values()]
        folders = [f for f in folders if f is not None]
        if self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        inside = [f for f in folders if path is not None and path.is_relative_to(f)]
        chosen = max(inside, key=lambda f: len(f.parts)) if inside else (folders[0] if folders else None)
        return str(chosen) if chosen is not None else None

    def snapshot(self, uri: str):
        doc = self.workspace.text_documents.get(uri)
        markdown = self.markdown_of(uri, doc.language_id) if doc is not None else None
        if markdown is None:
            return None
        path = convert.path_of(uri)
        request = Request(str(path) if path else None, self.folder_of(path), doc.source, markdown)
        return doc.version, doc.source, request

    # -- answers from the worker -----------------------------------------------------------------------
    def deliver(self, uri: str, version, text: str, answer: Outcome | str | None) -> None:
        try:
            self._deliver(uri, version, text, answer)
        except Exception as exc:   # never let one document stop the lane that checks the others
            self.log(types.MessageType.Error, f"factlint: cannot publish the findings of {uri}: {exc!r}")

    def _deliver(self, uri: str, version, text: str, answer) -> None:
        doc = self.workspace.text_documents.get(uri)
        if doc is None or doc.version != version or answer == STOPPED:
            return      # closed, or changed since: the newer version's check will publish
        if answer is None:
            self.log(types.MessageType.Error, f"factlint: the worker checking {uri} ended unexpectedly; "
                                              "it starts again with the next change")
            return
        if isinstance(answer, str):
            self.log(types.MessageType.Error, f"factlint: internal error checking {uri}: {answer}")
            return
        lines = convert.Lines(text, self.workspace.position_encoding or "utf-16")
        project = Path(answer.project)
        entries, notes = [], []
        for finding in answer.findings:
            diag = convert.diagnostic(finding, lines, project)
            edit = convert.fix_edit(finding, lines)
            old = text[finding.fix.start:finding.fix.end] if edit is not None else ""
            entries.append(Published(diag, finding, edit, old, answer.explanations.get(finding.rule, "")))
        notes += [convert.note(p.message, p.line) for p in answer.problems]
        if answer.config_errors:
            where = _file_line(answer.config_errors[0], project)
            notes.append(convert.note(f"the configuration cannot be used, nothing was checked: "
                                      f"{answer.config_errors[0]}", 1, types.DiagnosticSeverity.Error,
                                      related=where))
        self._side_files(answer)
        self._say(uri, [f"factlint: {e}" for e in answer.errors] +
                  [f"factlint: configuration: {p}" for p in answer.config_errors] +
                  [f"factlint: rule file: {e}" for e in answer.rule_errors])
        self.published[uri] = entries
        self.versions[uri] = version
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri, [e.diagnostic for e in entries] + notes, version))

    def _side_files(self, answer: Outcome) -> None:
        """Errors of rule files and of the configuration, shown on those files (cleared once fixed)."""
        project = Path(answer.project)
        notes: dict[str, list] = {}
        for error in answer.rule_errors:
            file = Path(error.path) if Path(error.path).is_absolute() else project / error.path
            notes.setdefault(file.resolve().as_uri(), []).append(
                convert.note(error.message, error.line, types.DiagnosticSeverity.Error))
        for problem in answer.config_errors:
            where = _file_line(problem, project)
            if where is not None:
                notes.setdefault(where.uri, []).append(
                    convert.note(problem, where.range.start.line + 1, types.DiagnosticSeverity.Error))
        before = self.side_files.get(answer.project, {})
        for uri in set(before) | set(notes):
            if before.get(uri) != notes.get(uri):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, notes.get(uri, [])))
        self.side_files[answer.project] = notes

    def _say(self, uri: str, messages: list[str]) -> None:
        """Log what a check said that its document's previous check did not (no repetition at each key)."""
        before = self.said.get(uri, set())
        for message in messages:
            if message not in before:
                self.log(types.MessageType.Error, message)
        self.said[uri] = set(messages)

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(kind, message))

    def forget(self, uri: str) -> None:
        self.published.pop(uri, None)
        self.versions.pop(uri, None)
        self.said.pop(uri, None)

    def found_at(self, uri: str, position: types.Position) -> list[Published]:
        doc = self.workspace.text_documents.get(uri)
        if doc is None or self.versions.get(uri) != doc.version:
            return []   # the diagnostics are for another version: their ranges may be off
        return [p for p in self.published.get(uri, []) if convert.contains(p.diagnostic.range, position)]


def _file_line(problem: str, project: Path) -> types.Location | None:
    """The file and line a configuration problem names ("factlint.toml:3: key: message")."""
    match = re.match(r"(.+?):(\d+): ", problem)
    if match is None:
        return None
    file = Path(match.group(1)) if Path(match.group(1)).is_absolute() else project / match.group(1)
    if not file.is_file():
        return None
    row = int(match.group(2)) - 1
    return types.Location(file.resolve().as_uri(), types.Range(types.Position(row, 0), types.Position(row + 1, 0)))


server = FactlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: FactlintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    debounce = options.get("debounce_ms")
    if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
        ls.scheduler.debounce = debounce / 1000


@server.feature(types.INITIALIZED)
def initialized(ls: FactlintServer, params: types.InitializedParams) -> None:
    folder = ls.folder_of(None)
    ls.scheduler.warm(Request(None, folder, None))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.scheduler.changed(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.scheduler.changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: FactlintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.scheduler.changed(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.scheduler.closed(uri)
    ls.forget(uri)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FactlintServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.found_at(params.text_document.uri, params.position)
    if not found:
        return None
    text = "\n\n---\n\n".join(convert.hover_text(p.finding, p.explanation) for p in found)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), found[0].diagnostic.range)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: FactlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = [getattr(kind, "value", kind) for kind in params.context.only or ()]
    if only and not any(kind in ("", types.CodeActionKind.QuickFix.value) for kind in only):
        return []   # the client asks for other kinds (refactor, source…) only
    uri = params.text_document.uri
    doc = ls.workspace.text_documents.get(uri)
    if doc is None or ls.versions.get(uri) != doc.version:
        return []
    versioned = bool(getattr(getattr(getattr(ls.client_capabilities, "workspace", None), "workspace_edit", None),
                             "document_changes", False))
    return [convert.quick_fix(uri, doc.version, p.diagnostic, p.edit, p.old, versioned)
            for p in ls.published.get(uri, []) if p.edit is not None and convert.overlaps(p.diagnostic.range, params.range)]


@server.feature(types.SHUTDOWN)
def shutdown(ls: FactlintServer, params) -> None:
    ls.scheduler.close()


def serve() -> None:
    server.start_io()
