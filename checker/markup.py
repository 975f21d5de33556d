"""Prose masking: everything that is not prose becomes spaces, so offsets stay those of the file.

Checks read the masked text and never see front matter, code, HTML, comments or URLs,
yet every position they report is a position in the file as it is on disk.
"""
from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+")
_LINE_MARKERS = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?=[ \t])|>[ \t]?|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))", re.M)
# (?=[*_]): lets the engine skip to the candidates instead of trying each alternative everywhere
_EMPHASIS = re.compile(r"(?=[*_])(?:\*{1,3}|(?<![\w])_{1,3}|_{1,3}(?![\w]))")


def _blank(chars: list[str], start: int, end: int) -> None:
    segment = chars[start:end]
    if "\n" in segment or "\r" in segment:
        chars[start:end] = [c if c in "\r\n" else " " for c in segment]
    else:
        chars[start:end] = [" "] * (end - start)


def front_matter_span(text: str) -> tuple[int, int, str] | None:
    """(start, end, yaml text) of a leading YAML front matter block, if any."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    return match.start(), match.end(), match.group(1) or ""


# A literal each pattern's matches contain: a text without it is not scanned (most articles have no code,
# comments, images or links).
_NEEDS = {_FENCE: ("```", "~~~"), _HTML_COMMENT: ("<!--",), _INLINE_CODE: ("`",), _IMAGE: ("![",),
          _REF_DEFINITION: ("]:",), _AUTOLINK: ("<",), _LINK: ("[",), _HTML_TAG: ("<",),
          _BARE_URL: ("http", "www."), _EMPHASIS: ("*", "_")}


def _may_match(pattern: re.Pattern, text: str) -> bool:
    needs = _NEEDS.get(pattern)
    return needs is None or any(n in text for n in needs)


def mask_plain(text: str) -> str:
    if not _may_match(_BARE_URL, text):
        return text
    chars = list(text)
    for match in _BARE_URL.finditer(text):
        _blank(chars, match.start(), match.end())
    return "".join(chars)


def mask_markdown(text: str) -> str:
    chars = list(text)
    fm = front_matter_span(text)
    if fm:
        _blank(chars, fm[0], fm[1])
    for pattern in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _IMAGE, _REF_DEFINITION, _AUTOLINK):
        if not _may_match(pattern, text):
            continue
        for match in pattern.finditer(text):
            if fm and match.start() < fm[1]:
                continue
            _blank(chars, match.start(), match.end())
    masked = "".join(chars)
    if _may_match(_LINK, masked):
        for match in _LINK.finditer(masked):
            _blank(chars, match.start(1), match.end(1))
            _blank(chars, match.start(3), match.end(3))
        masked = "".join(chars)
    for pattern in (_HTML_TAG, _BARE_URL, _LINE_MARKERS, _EMPHASIS):
        if not _may_match(pattern, masked):
            continue
        changed = False
        for match in pattern.finditer(masked):
            _blank(chars, match.start(), match.end())
            changed = True
        if changed:
            masked = "".join(chars)
    return masked
