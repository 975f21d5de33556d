"""The Markdown report, made to be read in a pull-request comment as well as in a repository.

Counts first, then a summary by rule, then the articles with findings (each finding links to its
line; evidence folded in <details>), then the clean articles in one folded list. Every piece of
article or rule text goes through escape.cell: no |, HTML or Markdown from an article can break a
table or inject into the page, and no @mention or #123 from an article notifies or links anything.
Tables are compact (no column padding). A report longer than `max_chars` (default under GitHub's
65,536 characters for a comment) keeps its summary and as many articles as fit, and says what was
cut and where the full report is. It ends with MARKER, by which CI finds its own comment.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

from tabulate import DataRow, TableFormat, tabulate

from . import summary
from .escape import cell

MARKER = "<!-- factlint-report -->"
MAX_CHARS = 60_000      # a GitHub comment holds 65,536: room for what CI adds around it
_COMPACT = TableFormat(lineabove=None, linebelowheader=lambda widths, aligns: "|" + "|".join("---" for _ in widths) + "|",
                       linebetweenrows=None, linebelow=None, headerrow=DataRow("|", "|", "|"),
                       datarow=DataRow("|", "|", "|"), padding=1, with_header_hide=None)
# factlint's own code marks in a message (`date:`, `--date`): kept as code; anything else is escaped
_OWN_CODE = re.compile(r"`([\w:./= -]+)`")
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"   # a URL's own marks; ( ) < > [ ] space and the rest are percent-encoded


def _table(rows, headers) -> str:
    return tabulate(rows, headers=headers, tablefmt=_COMPACT, stralign=None, numalign=None, disable_numparse=True)


def message_cell(text: str) -> str:
    """A message for a table cell: factlint's own `code` marks stay code, the rest is escaped."""
    out, last = [], 0
    for m in _OWN_CODE.finditer(text):
        out += [_spaced(text[last:m.start()]), f"`{m.group(1)}`"]
        last = m.end()
    out.append(_spaced(text[last:]))
    return "".join(out).strip()


def _spaced(text: str) -> str:
    """cell(text), keeping one space where text begins or ends with one (it stands beside a code mark)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + cell(text) + trail


def line_link(path: str, line: int, link_base: str | None) -> str:
    """[12](base/path#L12): the path percent-encoded so that no character of it can end the link.

    Without a base the link starts at the repository root ("/seeds/a.md#L12", as GitHub and GitLab
    read links in a committed Markdown file, wherever the report is); a pull-request comment needs
    the full blob URL as --link-base. A Markdown article gets ?plain=1: GitHub and GitLab show its
    source, where #L12 is a line, instead of the rendered page, where it is nothing."""
    posix = path.replace(chr(92), "/")
    if link_base is None:
        link_base = "" if posix.startswith(("../", "/")) else "/"
    plain = "?plain=1" if posix.lower().endswith((".md", ".markdown")) else ""
    return f"[{line}]({link_base}{quote(posix, safe='/')}{plain}#L{line})"


def render_markdown(report, link_base: str | None = None, max_chars: int | None = MAX_CHARS,
                    full_report: str | None = None) -> str:
    """The report; over max_chars (None or 0: no limit), cut after the summary and the articles that fit."""
    counts = summary(report.findings)
    head = ["# factlint report", ""]
    head.append(f"{len(report.articles)} article(s) checked: **{counts['error']} error(s)**, "
                f"{counts['warning']} warning(s), {counts['info']} info.")
    quiet = [f"{report.suppressed} suppressed by comments" if report.suppressed else "",
             f"{report.baselined} in the baseline" if report.baselined else ""]
    if any(quiet):
        head.append(f"Not reported: {', '.join(q for q in quiet if q)}.")
    head.append("")
    by_rule = Counter((f.rule, f.severity) for f in report.findings)
    if by_rule:
        rows = [(f"`{rule}`", sev.label, n) for (rule, sev), n in
                sorted(by_rule.items(), key=lambda kv: (-kv[0][1], kv[0][0]))]
        head += ["## Summary", "", _table(rows, ["rule", "severity", "findings"]), ""]
    errors = [f"- {cell(str(e))}" for e in report.errors]
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.location.path, []).append(f)
    sections = [(len(by_path[a.path]), _article(a, by_path[a.path], link_base)) for a in report.articles
                if a.path in by_path]
    clean = [a for a in report.articles if a.path not in by_path]
    tail = []
    if clean:
        tail += [f"<details><summary>{len(clean)} article(s) without findings</summary>", ""]
        tail += [f"- {cell(a.path)}: date {_date(a)}, language {a.language}" for a in clean]
        tail += ["", "</details>", ""]
    whole = _join(head, errors, [], [line for _, lines in sections for line in lines], tail)
    if not max_chars or len(whole) <= max_chars:
        return whole
    return _cut(head, errors, sections, tail, max_chars, full_report)


def _join(head, errors, note, articles, tail) -> str:
    out = list(head)
    if errors:
        out += ["## Run errors", ""] + errors + [""]
    out += note + ["## Articles", ""] + articles + tail
    return "\n".join(out).rstrip() + "\n\n" + MARKER + "\n"


def _cut(head, errors, sections, tail, max_chars: int, full_report: str | None) -> str:
    """The summary, the run errors and the articles that fit, then a note of what was cut."""
    room = max_chars - 800   # the note and the headings
    size = sum(len(line) + 1 for line in head)
    kept_errors = []
    for line in errors:
        if size + len(line) + 1 > room // 2:   # run errors may not crowd out every article
            kept_errors.append(f"- … and {len(errors) - len(kept_errors)} more run error(s)")
            break
        kept_errors.append(line)
        size += len(line) + 1
    shown: list[str] = []
    count = 0
    for _findings, lines in sections:
        length = sum(len(line) + 1 for line in lines)
        if size + length > room:
            break
        shown += lines
        size += length
        count += 1
    left = sections[count:]
    where = (f"[the full report]({quote(full_report, safe=_URL_SAFE)})" if full_report
             else "run factlint with `--max-chars 0` for the full report")
    note = [f"**This report is cut** to stay under {max_chars:,} characters: {len(left)} of {len(sections)} "
            f"article(s) with findings ({sum(n for n, _ in left)} finding(s)) are not shown"
            + (", nor the list of articles without findings" if tail else "") + f"; {where}.", ""]
    return _join(head, kept_errors, note, shown, [])


def _date(article) -> str:
    """The article's date, how sure it is and how it was found: "**2025-06-10**, confidence medium (inferred: …)"."""
    sure = f", confidence {article.date_confidence}" if article.date_confidence else ""
    return f"**{article.date or 'unknown'}**{sure} ({cell(article.date_how)})"


def _article(article, findings, link_base) -> list[str]:
    out = [f"### {cell(article.path)}", ""]
    out.append(f"Date: {_date(article)}. Language: {article.language}.")
    out.append("")
    rows = [(line_link(article.path, f.location.line, link_base), f"`{f.rule}`", f.severity.label, cell(f.text),
             message_cell(f.message), cell(f.suggestion or "")) for f in findings]
    out += [_table(rows, ["line", "rule", "severity", "text", "message", "suggestion"]), ""]
    evidence = [(f, e) for f in findings for e in f.evidence]
    if evidence:
        out += [f"<details><summary>Evidence ({len(evidence)})</summary>", ""]
        out += [f"- line {f.location.line}, `{f.rule}`: {cell(e.source)}: {cell(e.text)}" for f, e in evidence]
        out += ["", "</details>", ""]
    return out
