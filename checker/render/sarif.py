"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, IDE viewers).

Rule descriptions come from each check's documentation (its module docstring). URIs are relative
(to the directory factlint ran in, `%SRCROOT%`); evidence in a rule file or in another article
becomes a related location; safe fixes become SARIF fixes. Messages show control and bidirectional
characters of article text as escapes (lines.py); URIs are percent-encoded.
"""
from __future__ import annotations

import json
import re
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..checks import REGISTRY
from ..facts import SHIPPED_PREFIX
from .lines import line

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/")


def _section(doc: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\s*\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
    return m.group(1).strip() if m else ""


def rule_descriptor(check_id: str, module) -> dict:
    doc = (module.__doc__ or check_id).strip()
    first = doc.splitlines()[0].strip()
    finds = _section(doc, "What it finds") or first
    why = _section(doc, "Why it matters")
    return {
        "id": check_id,
        "name": "".join(part.capitalize() for part in check_id.split("-")),
        "shortDescription": {"text": first},
        "fullDescription": {"text": f"{finds}\n\n{why}".strip()},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[module.SEVERITY.label]},
        "properties": {"tags": ["fact-checking"]},
    }


SHIPPED_BASE = "FACTLINT_RULES"   # the rule packs installed with factlint: not a file of the repository


def _artifact(path: str) -> dict:
    if path.startswith(SHIPPED_PREFIX):
        return {"uri": uri(path[len(SHIPPED_PREFIX):]), "uriBaseId": SHIPPED_BASE}
    return {"uri": uri(path), "uriBaseId": "%SRCROOT%"}


def _physical(path: str, line: int, column: int | None = None, end_line: int | None = None,
              end_column: int | None = None, snippet: str | None = None) -> dict:
    region: dict = {"startLine": line}
    if column:
        region["startColumn"] = column
        if end_line and end_column and (end_line, end_column) > (line, column):
            region["endLine"], region["endColumn"] = end_line, end_column
    if snippet:
        region["snippet"] = {"text": snippet}
    return {"artifactLocation": _artifact(path), "region": region}


def _related(evidence) -> list[dict]:
    out = []
    for i, e in enumerate(evidence, 1):
        item: dict = {"id": i, "message": {"text": line(f"{e.source}: {e.text}")}}
        if e.place is not None and e.place.line is not None:
            item["physicalLocation"] = _physical(e.place.path, e.place.line)
        out.append(item)
    return out


def result(f, rule_index: int, fingerprint: str | None) -> dict:
    loc = f.location
    message = line(f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else ""))
    out: dict = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity.label],
        "message": {"text": message},
        "locations": [{"physicalLocation": _physical(loc.path, loc.line, loc.column, loc.end_line, loc.end_column,
                                                     f.text or None)}],
    }
    related = _related(f.evidence)
    if related:
        out["relatedLocations"] = related
    if fingerprint:
        out["partialFingerprints"] = {"factlintSentence/v1": fingerprint}
    if f.fix is not None and f.fix.safe:   # a suggestion a person must check is the message's, not a fix
        region = _physical(loc.path, loc.line, loc.column, loc.end_line, loc.end_column)["region"]
        out["fixes"] = [{
            "description": {"text": f"Replace with “{f.fix.replacement}”"},
            "artifactChanges": [{"artifactLocation": {"uri": uri(loc.path), "uriBaseId": "%SRCROOT%"},
                                 "replacements": [{"deletedRegion": region,
                                                   "insertedContent": {"text": f.fix.replacement}}]}],
        }]
    return out


def render_sarif(report) -> str:
    rule_ids = list(REGISTRY)
    for f in report.findings:   # a finding of a rule outside the registry still gets a descriptor
        if f.rule not in rule_ids:
            rule_ids.append(f.rule)
    rules = [rule_descriptor(cid, REGISTRY[cid]) if cid in REGISTRY else {"id": cid} for cid in rule_ids]
    index = {cid: i for i, cid in enumerate(rule_ids)}
    notifications = [{"level": "error", "message": {"text": line(str(e))},
                      "locations": [{"physicalLocation": _physical(e.path, e.line or 1)}]} for e in report.errors]
    run = {
        "tool": {"driver": {"name": "factlint", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "originalUriBaseIds": {SHIPPED_BASE: {"description": {"text": "The rule packs installed with factlint "
                                                                  "(the rules/ folder of its repository)"}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        "artifacts": [{"location": {"uri": uri(a.path), "uriBaseId": "%SRCROOT%"}, "roles": ["analysisTarget"]}
                      for a in report.articles],
        "results": [result(f, index[f.rule], fingerprint) for f, fingerprint in report.fingerprinted()],
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
