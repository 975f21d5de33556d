"""GitLab Code Quality: the JSON array a merge request's widget reads from the job's
`artifacts:reports:codequality` file (a subset of the Code Climate issue format).

    [{"description": "…", "check_name": "year-typo", "fingerprint": "…", "severity": "major",
      "location": {"path": "articles/a.md", "lines": {"begin": 3, "end": 3}}, "type": "issue"}]

GitLab reads description, check_name, fingerprint (unique per issue: GitLab shows one issue per
fingerprint), severity (info, minor, major, critical, blocker) and location.path with
location.lines.begin. Errors are major, warnings minor, infos info; a run error (an unreadable
article) is critical. The fingerprint is the finding's sentence fingerprint (as in baselines) with
its path and rank among identical findings, so a finding keeps it when lines move.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import PurePath

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _issue(description: str, check: str, fingerprint: str, severity: str, path: str, begin: int, end: int) -> dict:
    return {"description": description, "check_name": check, "fingerprint": fingerprint, "severity": severity,
            "location": {"path": PurePath(path).as_posix(), "lines": {"begin": begin, "end": max(end, begin)}},
            "type": "issue"}


def render_gitlab(report) -> str:
    issues, seen = [], {}
    for f, fingerprint in report.fingerprinted():
        loc = f.location
        key = (loc.path, f.rule, fingerprint or f"{loc.line}:{loc.column}:{f.text}")
        seen[key] = seen.get(key, 0) + 1
        description = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
        issues.append(_issue(description, f.rule, _fingerprint(*key, str(seen[key])), _SEVERITY[f.severity.label],
                             loc.path, loc.line, loc.end_line))
    for error in report.errors:
        issues.append(_issue(f"factlint could not check this file: {error.message}", "factlint-run-error",
                             _fingerprint(error.path, str(error.line), error.message), "critical", error.path,
                             error.line or 1, error.line or 1))
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
