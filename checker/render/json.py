"""The JSON report: the interface other tools read (keys fixed by the brief's contract; run_errors and
run_warnings were added after it, so a reader of the first keys is unaffected)."""
from __future__ import annotations

import json

from . import summary


def finding_dict(f) -> dict:
    loc = f.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "rule": f.rule, "severity": f.severity.label, "message": f.message,
            "suggestion": f.suggestion, "evidence": [{"source": e.source, "text": e.text} for e in f.evidence]}


def render_json(report) -> str:
    """Indented at the top, one line per article and per finding. Those lines are written by json's C
    encoder: any indent makes json use its Python encoder, ten times slower on a large report."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    articles = [{"path": a.path, "date": a.date, "date_source": a.date_source, "language": a.language,
                 "date_confidence": a.date_confidence} for a in report.articles]
    return ('{\n  "version": 1,\n'
            f'  "articles": {_lines(encode, articles)},\n'
            f'  "findings": {_lines(encode, [finding_dict(f) for f in report.findings])},\n'
            f'  "summary": {encode(summary(report.findings))},\n'
            f'  "run_errors": {_lines(encode, [_run_error(e) for e in report.errors])},\n'
            f'  "run_warnings": {_lines(encode, [_run_error(e) for e in report.problems])}\n}}\n')


def _run_error(error) -> dict:
    """A problem of the run itself (run_errors: the exit code is 2), with the file and line it is about."""
    return {"path": error.path, "line": error.line, "message": error.message}


def _lines(encode, values: list) -> str:
    if not values:
        return "[]"
    return "[\n    " + ",\n    ".join(encode(v) for v in values) + "\n  ]"
