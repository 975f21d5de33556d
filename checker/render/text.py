"""Terminal text: one line per finding, like a compiler (path:line:col: severity rule message).

Paths and text from articles and rule files are escaped (lines.py): one finding is one line, and no
line can start a CI runner's command or move a terminal's cursor."""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from . import lines as safe
from .tally import counting, summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def render_text(report, color: bool = False) -> str:
    return "".join(text_chunks(report, color))


def text_chunks(report, color: bool = False) -> Iterator[str]:
    """The report in pieces, a few hundred findings each (a report of many findings is never held whole)."""
    counts, fixable = summary(()), 0
    findings = counting(report.findings, counts)
    while piece := list(islice(findings, 500)):
        fixable += sum(1 for f in piece if f.fix is not None and f.fix.safe)
        yield "".join(_finding(f, color) for f in piece)
    total = sum(counts.values())
    yield (f"{len(report.articles)} article(s) checked: {total} finding(s) "
           f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info)\n")
    if fixable:
        yield f"{fixable} of them can be fixed safely with --fix (--diff shows how)\n"


def _finding(f, color: bool) -> str:
    loc = f.location
    label = f.severity.label
    shown = f"{_COLORS[label]}{label}{_RESET}" if color else label
    line = f"{safe.path(loc.path)}:{loc.line}:{loc.column}: {shown} [{f.rule}] {safe.line(f.message)}"
    if f.suggestion:
        line += f" (suggestion: {safe.line(f.suggestion)})"
    evidence = "".join(f"    evidence: {safe.line(e.source)}: {safe.line(e.text)}\n" for e in f.evidence)
    return f"{line}\n{evidence}"
