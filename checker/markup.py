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


_LIST_ITEM = re.compile(r"[ ]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ ]{1,4}|\t|$)")
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _indent(line: str) -> int:
    """Columns of leading whitespace, a tab reaching the next multiple of 4 (as CommonMark counts)."""
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def indented_code_spans(text: str, skip: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Lines of CommonMark indented code blocks: indented 4 columns more than the list item they are in
    (if any), after a blank line or a heading (such a line cannot interrupt a paragraph). Lines inside
    `skip` (fenced code, front matter) are neither code nor paragraph here."""
    if not any(marker in text for marker in ("\n    ", "\n\t")) and not text.startswith(("    ", "\t")):
        return []
    spans: list[tuple[int, int]] = []
    may_start, in_code, list_indent = True, False, None
    skip = sorted(skip)
    for m in _LINE.finditer(text):
        start, line = m.start(), m.group().rstrip("\r\n")
        if m.start() == m.end():
            break
        if any(a <= start < b for a, b in skip):
            may_start, in_code, list_indent = True, False, None
            continue
        if not line.strip():
            may_start = True
            continue
        indent = _indent(line)
        base = list_indent or 0
        if indent >= base + 4 and (in_code or may_start):
            spans.append((start, start + len(line)))
            in_code = True
            continue
        in_code = False
        item = _LIST_ITEM.match(line)
        if item and indent < base + 4:
            list_indent = len(item.group().expandtabs(4)) if item.end() < len(line) else indent + 2
        elif list_indent is not None and indent < list_indent and may_start:
            list_indent = None   # a paragraph after a blank line, left of the item's content: the list ended
        may_start = bool(_ATX_HEADING.match(line))
    return spans


def _fences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _FENCE.finditer(text)] if _may_match(_FENCE, text) else []


def _not_paragraphs(text: str, fm) -> list[tuple[int, int]]:
    return _fences(text) + ([fm[:2]] if fm else [])


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Markdown code, in order of start: fenced and indented code blocks, inline code."""
    fences = _fences(text)
    blocks = fences + indented_code_spans(text, _not_paragraphs(text, front_matter_span(text)))
    inline = []
    if _may_match(_INLINE_CODE, text):
        inline = [(m.start(), m.end()) for m in _INLINE_CODE.finditer(text)
                  if not any(a <= m.start() < b for a, b in blocks)]
    return sorted(blocks + inline)


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
    for start, end in indented_code_spans(text, _not_paragraphs(text, fm)):
        _blank(chars, start, end)
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
