"""The Markdown report, made to be read in a pull-request comment as well as in a repository.

Counts first, then a summary by rule, then the articles with findings (each finding links to its
line; evidence folded in <details>), then the clean articles in one folded list. Every piece of
article or rule text goes through escape.cell: no |, HTML or Markdown from an article can break a
table or inject into the page.
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from tabulate import tabulate

from . import summary
from .escape import cell


def _table(rows, headers) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def line_link(path: str, line: int, link_base: str | None) -> str:
    """[12](base/path#L12): the path percent-encoded so that no character of it can end the link.

    Without a base the link starts at the repository root ("/seeds/a.md#L12", as GitHub and GitLab
    read links in a committed Markdown file, wherever the report is); a pull-request comment needs
    the full blob URL as --link-base."""
    posix = path.replace(chr(92), "/")
    if link_base is None:
        link_base = "" if posix.startswith(("../", "/")) else "/"
    return f"[{line}]({link_base}{quote(posix, safe='/')}#L{line})"


def render_markdown(report, link_base: str | None = None) -> str:
    counts = summary(report.findings)
    out = ["# factlint report", ""]
    out.append(f"{len(report.articles)} article(s) checked: **{counts['error']} error(s)**, "
               f"{counts['warning']} warning(s), {counts['info']} info.")
    quiet = [f"{report.suppressed} suppressed by comments" if report.suppressed else "",
             f"{report.baselined} in the baseline" if report.baselined else ""]
    if any(quiet):
        out.append(f"Not reported: {', '.join(q for q in quiet if q)}.")
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
    clean = []
    for article in report.articles:
        findings = by_path.get(article.path, [])
        if not findings:
            clean.append(article)
            continue
        out += _article(article, findings, link_base)
    if clean:
        out += [f"<details><summary>{len(clean)} article(s) without findings</summary>", ""]
        out += [f"- {cell(a.path)}: date {_date(a)}, language {a.language}" for a in clean]
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def _date(article) -> str:
    """The article's date, how sure it is and how it was found: "**2025-06-10**, confidence medium (inferred: …)"."""
    sure = f", confidence {article.date_confidence}" if article.date_confidence else ""
    return f"**{article.date or 'unknown'}**{sure} ({cell(article.date_how)})"


def _article(article, findings, link_base) -> list[str]:
    out = [f"### {cell(article.path)}", ""]
    out.append(f"Date: {_date(article)}. Language: {article.language}.")
    out.append("")
    rows = [(line_link(article.path, f.location.line, link_base), f"`{f.rule}`", f.severity.label, cell(f.text),
             cell(f.message), cell(f.suggestion or "")) for f in findings]
    out += [_table(rows, ["line", "rule", "severity", "text", "message", "suggestion"]), ""]
    evidence = [(f, e) for f in findings for e in f.evidence]
    if evidence:
        out += [f"<details><summary>Evidence ({len(evidence)})</summary>", ""]
        out += [f"- line {f.location.line}, `{f.rule}`: {cell(e.source)}: {cell(e.text)}" for f, e in evidence]
        out += ["", "</details>", ""]
    return out
