"""The Markdown report for people: summary, then per article its date and a table of findings."""
from __future__ import annotations

from collections import Counter

from tabulate import tabulate

from ..finding import Severity
from . import summary
from .escape import cell

def _table(rows, headers) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def render_markdown(report) -> str:
    counts = summary(report.findings)
    out = ["# factlint report", ""]
    out.append(f"{len(report.articles)} article(s) checked: **{counts['error']} error(s)**, "
               f"{counts['warning']} warning(s), {counts['info']} info.")
    out.append("")
    by_rule = Counter((f.rule, f.severity) for f in report.findings)
    if by_rule:
        rows = [(f"`{rule}`", sev.label, n) for (rule, sev), n in
                sorted(by_rule.items(), key=lambda kv: (-kv[0][1], kv[0][0]))]
        out += ["## Summary", "", _table(rows, ["rule", "severity", "findings"]), ""]
    if report.errors:
        out += ["## Run errors", ""] + [f"- {cell(str(e))}" for e in report.errors] + [""]
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.location.path, []).append(f)
    out += ["## Articles", ""]
    for article in report.articles:
        findings = by_path.get(article.path, [])
        date = article.date or "unknown"
        out.append(f"### {cell(article.path)}")
        out.append("")
        out.append(f"Date: **{date}** ({cell(article.date_how)}). "
                   f"Language: {article.language}.")
        out.append("")
        if not findings:
            out += ["No findings.", ""]
            continue
        rows = []
        for f in findings:
            evidence = "<br>".join(f"{cell(e.source)}: {cell(e.text)}" for e in f.evidence)
            rows.append((f.location.line, f"`{f.rule}`", f.severity.label, cell(f.text), cell(f.message),
                         cell(f.suggestion or ""), evidence))
        out += [_table(rows, ["line", "rule", "severity", "text", "message", "suggestion", "evidence"]), ""]
    return "\n".join(out).rstrip() + "\n"
