"""Terminal text: one line per finding, like a compiler (path:line:col: severity rule message).

Paths and text from articles and rule files are escaped (lines.py): one finding is one line, and no
line can start a CI runner's command or move a terminal's cursor."""
from __future__ import annotations

from . import lines as safe
from . import summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render_text(report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        label = f.severity.label
        shown = f"{_COLORS[label]}{label}{_RESET}" if color else label
        line = f"{safe.path(loc.path)}:{loc.line}:{loc.column}: {shown} [{f.rule}] {safe.line(f.message)}"
        if f.suggestion:
            line += f" (suggestion: {safe.line(f.suggestion)})"
        lines.append(line)
        for e in f.evidence:
            lines.append(f"    evidence: {safe.line(e.source)}: {safe.line(e.text)}")
    counts = summary(report.findings)
    total = sum(counts.values())
    lines.append(f"{len(report.articles)} article(s) checked: {total} finding(s) "
                 f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)")
    fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.safe)
    if fixable:
        lines.append(f"{fixable} of them can be fixed safely with --fix (--diff shows how)")
    return "\n".join(lines) + "\n"
