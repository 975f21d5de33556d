"""Renderers: pure functions from a Report to text. Detection never prints."""
from __future__ import annotations

from collections.abc import Iterator

from .tally import summary

__all__ = ["render", "render_chunks", "summary"]


def render(report, fmt: str, color: bool = False, link_base: str | None = None, max_chars: int | None = None,
           full_report: str | None = None) -> str:
    """The report in a format. color: text only; link_base, max_chars (None: the default cap, 0: none) and
    full_report: Markdown only."""
    # deferred imports: only the format asked for is loaded
    if fmt == "sarif":
        from .sarif import render_sarif
        return render_sarif(report)
    if fmt == "github":
        from .github import render_github
        return render_github(report)
    if fmt == "gitlab":
        from .gitlab import render_gitlab
        return render_gitlab(report)
    if fmt == "json":
        from .json import render_json
        return render_json(report)
    if fmt == "markdown":
        from .markdown import MAX_CHARS, render_markdown
        return render_markdown(report, link_base, MAX_CHARS if max_chars is None else max_chars, full_report)
    from .text import render_text
    return render_text(report, color)


def render_chunks(report, fmt: str, **options) -> Iterator[str]:
    """The report in pieces to write one after the other: JSON and text a few hundred findings at a time (a
    report of an archive's findings is never held whole), the other formats in one piece."""
    # deferred imports, as above
    if fmt == "json":
        from .json import json_chunks
        return json_chunks(report)
    if fmt == "text":
        from .text import text_chunks
        return text_chunks(report, options.get("color", False))
    return iter([render(report, fmt, **options)])
