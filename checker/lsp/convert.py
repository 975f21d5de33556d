"""From factlint's findings to the Language Server Protocol's values: positions in the client's units,
diagnostics with their evidence, quick fixes and hover texts. Pure functions of a finding and the
text that was checked; no I/O except asking whether an evidence file exists.

factlint counts columns in code points and ends lines at CRLF, CR or LF. LSP ends lines at the same
three, and counts characters in UTF-16 code units unless the client and server agreed on UTF-8 or
UTF-32: "𝐀" (outside the Basic Multilingual Plane) is 1 column for factlint, 2 UTF-16 units, 4 bytes.
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types

from ..finding import Finding, Severity

SOURCE = "factlint"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
               Severity.INFO: types.DiagnosticSeverity.Information}


def _units_utf16(text: str) -> int:
    return len(text) + sum(1 for c in text if c > "\uffff")


_UNITS = {"utf-8": lambda text: len(text.encode("utf-8", "surrogatepass")),
          "utf-16": _units_utf16, "utf-32": len}


class Lines:
    """A text's lines, to turn factlint's 1-based code-point positions and offsets into LSP positions."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._units = _UNITS.get(str(encoding), _units_utf16)

    def position(self, line: int, column: int) -> types.Position:
        """1-based line and code-point column (as in a factlint Location) → an LSP position."""
        index = min(max(line, 1), len(self._starts)) - 1
        start = self._starts[index]
        return types.Position(index, self._units(self.text[start:start + max(column - 1, 0)]))

    def at_offset(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self._starts, offset) - 1
        return types.Position(index, self._units(self.text[self._starts[index]:offset]))


def path_of(uri: str) -> Path | None:
    """The file a file: URI names; None for another scheme (an unsaved buffer)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if re.match(r"^/[A-Za-z]:", path):   # file:///C:/… on Windows
        path = path[1:]
    return Path(path)


def _evidence_location(source: str, project: Path) -> types.Location | None:
    """`rules/people.yaml:25`, `factlint:rules/people.yaml:25` (a pack installed with factlint) or
    `archive/2026/03/aid.md:12` → the line of that file, when it exists."""
    from ..facts import rule_file_shown
    path, _, line = source.rpartition(":")
    if not (path and line.isdigit()):
        return None
    file = rule_file_shown(path)
    file = file if file.is_absolute() else project / file
    if not file.is_file():
        return None
    row = max(int(line) - 1, 0)
    return types.Location(file.resolve().as_uri(), types.Range(types.Position(row, 0), types.Position(row + 1, 0)))


def diagnostic(finding: Finding, lines: Lines, project: Path) -> types.Diagnostic:
    loc = finding.location
    related = []
    for evidence in finding.evidence:
        where = _evidence_location(evidence.source, project)
        if where is not None:
            related.append(types.DiagnosticRelatedInformation(where, evidence.text or evidence.source))
    return types.Diagnostic(
        range=types.Range(lines.position(loc.line, loc.column), lines.position(loc.end_line, loc.end_column)),
        message=finding.message, severity=_SEVERITIES[finding.severity], code=finding.rule, source=SOURCE,
        related_information=related or None)


def note(message: str, line: int | None, severity=types.DiagnosticSeverity.Warning, code: str | None = None,
         related: types.Location | None = None) -> types.Diagnostic:
    """A diagnostic about a whole line (a rule file's error, a broken front matter, a configuration)."""
    row = max((line or 1) - 1, 0)
    info = [types.DiagnosticRelatedInformation(related, message)] if related is not None else None
    return types.Diagnostic(types.Range(types.Position(row, 0), types.Position(row + 1, 0)), message, severity,
                            code=code, source=SOURCE, related_information=info)


def fix_edit(finding: Finding, lines: Lines) -> types.TextEdit | None:
    """The edit of a finding's safe fix (None when it has none: suggestions for a person stay suggestions)."""
    fix = finding.fix
    if fix is None or not fix.safe:
        return None
    return types.TextEdit(types.Range(lines.at_offset(fix.start), lines.at_offset(fix.end)), fix.replacement)


def quick_fix(uri: str, version: int | None, diag: types.Diagnostic, edit: types.TextEdit, old: str,
              versioned: bool) -> types.CodeAction:
    """A quick fix; with `versioned` the client applies it only to the version that was checked."""
    if versioned:
        change = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            types.OptionalVersionedTextDocumentIdentifier(uri, version), [edit])])
    else:
        change = types.WorkspaceEdit(changes={uri: [edit]})
    return types.CodeAction(f"Replace “{old}” with “{edit.new_text}” ({diag.code})", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diag], is_preferred=True, edit=change)


def hover_text(finding: Finding, explanation: str) -> str:
    """What a hover on a finding shows: the finding, its suggestion and evidence, then the rule's documentation."""
    out = [f"**{finding.rule}** ({finding.severity.label}): {finding.message}"]
    if finding.suggestion:
        out.append(f"Suggestion: {finding.suggestion}")
    out += [f"Evidence: {e.source}" + (f" — {e.text}" if e.text else "") for e in finding.evidence]
    return "\n\n".join(out) + "\n\n---\n\n" + explanation


def contains(rng: types.Range, position: types.Position) -> bool:
    start, end = (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)
    return start <= (position.line, position.character) <= end


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)
