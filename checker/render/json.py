"""The JSON report: the interface other tools read (keys fixed by the brief's contract)."""
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
            f'  "summary": {encode(summary(report.findings))}\n}}\n')


def _lines(encode, values: list) -> str:
    if not values:
        return "[]"
    return "[\n    " + ",\n    ".join(encode(v) for v in values) + "\n  ]"
