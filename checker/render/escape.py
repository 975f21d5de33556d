"""Escaping article text for Markdown: no |, HTML or Markdown in an article can break the report, and
no @mention, team, issue or merge-request reference in it notifies anyone or links anything once the
report is posted (a word joiner, invisible, follows the @, # or !)."""
from __future__ import annotations

from .. import patterns

_SPECIAL = patterns.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# @user, @org/team; #123, owner/repo#123, GH-123; !123 (a GitLab merge request)
_REFERENCE = patterns.compile(r"(?:(?<![\w@])@(?=[\w-])|(?<![\w&])#(?=\d)|(?<!\w)GH-(?=\d)|(?<![\w!])!(?=\d)|(?<=\w/[\w.-]{0,99})#(?=\d))")
WORD_JOINER = "\u2060"


def neutral(text: str) -> str:
    """Mentions and references made inert: "@alice" → "@⁠alice", "#123" → "#⁠123"."""
    return _REFERENCE.sub(lambda m: m.group() + WORD_JOINER, text)


def cell(text: str) -> str:
    """Inert Markdown for a table cell: HTML entities, backslash-escaped Markdown, one line, no mentions."""
    text = " ".join(str(text).split())
    text = "".join(_HTML.get(c, c) for c in text)
    return neutral(_SPECIAL.sub(r"\\\1", text))
