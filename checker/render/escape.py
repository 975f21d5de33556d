"""Escaping article text for Markdown tables: no |, HTML or Markdown in an article can break the report."""
from __future__ import annotations

from .. import patterns

_SPECIAL = patterns.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def cell(text: str) -> str:
    """Inert Markdown for a table cell: HTML entities, backslash-escaped Markdown, one line."""
    text = " ".join(str(text).split())
    text = "".join(_HTML.get(c, c) for c in text)
    return _SPECIAL.sub(r"\\\1", text)
