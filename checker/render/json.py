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
    doc = {
        "version": 1,
        "articles": [{"path": a.path, "date": a.date, "date_source": a.date_source, "language": a.language}
                     for a in report.articles],
        "findings": [finding_dict(f) for f in report.findings],
        "summary": summary(report.findings),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
