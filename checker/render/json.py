"""The JSON report: the interface other tools read (keys fixed by the brief's contract; run_errors and
run_warnings were added after it, so a reader of the first keys is unaffected)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from .tally import counting, summary


def finding_dict(f) -> dict:
    loc = f.location
    return {"path": loc.path, "line": loc.line, "column": loc.column, "end_line": loc.end_line,
            "end_column": loc.end_column, "rule": f.rule, "severity": f.severity.label, "message": f.message,
            "suggestion": f.suggestion, "evidence": [{"source": e.source, "text": e.text} for e in f.evidence]}


def render_json(report) -> str:
    return "".join(json_chunks(report))


def json_chunks(report) -> Iterator[str]:
    """The report in pieces, findings a few hundred at a time: a report of many findings is written as it is
    made, never held whole. Indented at the top, one line per article and per finding. Those lines are written
    by json's C encoder: any indent makes json use its Python encoder, ten times slower on a large report.
    The values are fresh dicts and lists of strings and numbers, never circular: the encoder's check for
    circular references (an id kept and dropped for every dict and list) is left out, a third of its time."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    articles = ({"path": a.path, "date": a.date, "date_source": a.date_source, "language": a.language,
                 "date_confidence": a.date_confidence} for a in report.articles)
    yield '{\n  "version": 1,\n  "articles": '
    yield from _lines(encode, articles)
    yield ',\n  "findings": '
    counts = summary(())
    yield from _lines(encode, (finding_dict(f) for f in counting(report.findings, counts)))
    yield (f',\n  "summary": {encode(counts)},\n  "run_errors": '
           f'{"".join(_lines(encode, (_run_error(e) for e in report.errors)))},\n  "run_warnings": '
           f'{"".join(_lines(encode, (_run_error(e) for e in report.problems)))}\n}}\n')


def _run_error(error) -> dict:
    """A problem of the run itself (run_errors: the exit code is 2), with the file and line it is about."""
    return {"path": error.path, "line": error.line, "message": error.message}


def _lines(encode, values: Iterable[dict], per_piece: int = 500) -> Iterator[str]:
    """A JSON list, one value a line: "[]", or its lines in pieces of `per_piece` values."""
    values = iter(values)
    first = list(islice(values, per_piece))
    if not first:
        yield "[]"
        return
    yield "[\n    " + ",\n    ".join(map(encode, first))
    while piece := list(islice(values, per_piece)):
        yield ",\n    " + ",\n    ".join(map(encode, piece))
    yield "\n  ]"
