"""Terminal text: one line per finding, like a compiler (path:line:col: severity rule message)."""
from __future__ import annotations

from . import summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render_text(report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        label = f.severity.label
        shown = f"{_COLORS[label]}{label}{_RESET}" if color else label
        line = f"{loc.path}:{loc.line}:{loc.column}: {shown} [{f.rule}] {f.message}"
        if f.suggestion:
            line += f" (suggestion: {f.suggestion})"
        lines.append(line)
        for e in f.evidence:
            lines.append(f"    evidence: {e.source}: {e.text}")
    counts = summary(report.findings)
    total = sum(counts.values())
    lines.append(f"{len(report.articles)} article(s) checked: {total} finding(s) "
                 f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)")
    fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.safe)
    if fixable:
        lines.append(f"{fixable} of them can be fixed safely with --fix (--diff shows how)")
    return "\n".join(lines) + "\n"
