"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.

    ::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=factlint year-typo::message

Values are escaped as the runner expects (% CR LF in the message; also : and , in properties),
so an article's text can never end an annotation early or start a command of its own; control and
bidirectional characters of article text are shown as escapes (lines.py), as in every format.
"""
from __future__ import annotations

from . import summary
from .lines import line

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:
    loc = f.location
    props = [f"file={_property(loc.path)}", f"line={loc.line}", f"col={loc.column}"]
    if loc.end_line != loc.line or loc.end_column > loc.column:
        props += [f"endLine={loc.end_line}", f"endColumn={loc.end_column}"]
    props.append(f"title={_property(f'factlint {f.rule}')}")
    message = line(f.message)
    if f.suggestion:
        message += f" (suggestion: {line(f.suggestion)})"
    for e in f.evidence:
        message += f"\nevidence: {line(e.source)}: {line(e.text)}"
    return f"::{_LEVEL[f.severity.label]} {','.join(props)}::{_data(message)}"


def render_github(report) -> str:
    lines = [annotation(f) for f in report.findings]
    for error in report.errors:
        where = f"file={_property(error.path)}" + (f",line={error.line}" if error.line else "")
        lines.append(f"::error {where},title=factlint::{_data(line(error.message))}")
    counts = summary(report.findings)
    lines.append(f"factlint: {len(report.articles)} article(s) checked: {counts['error']} error(s), "
                 f"{counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(lines) + "\n"
