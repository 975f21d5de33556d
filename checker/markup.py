"""Prose masking: everything that is not prose becomes spaces, so offsets stay those of the file.

Checks read the masked text and never see front matter, code, HTML, comments or URLs,
yet every position they report is a position in the file as it is on disk.
"""
from __future__ import annotations

import bisect
import re

from .spans import NextChar, SpanIndex

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RAW_HTML = re.compile(r"<(script|style)\b[^<>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)   # code and CSS, not prose
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+")
# (?=[*_]): lets the engine skip to the candidates instead of trying each alternative everywhere
_EMPHASIS = re.compile(r"(?=[*_])(?:\*{1,3}|(?<![\w])_{1,3}|_{1,3}(?![\w]))")


_BACKTICKS = re.compile(r"`+")


def inline_code(text: str) -> list[tuple[int, int]]:
    """Inline code spans, as `(`+)(?!`).+?(?<!`)\\1(?!`)` would find them with re.finditer (an opener of n
    backticks, the nearest later run of exactly n), in linear time: the pattern tried every opener to the
    end of the text, quadratic on text with many unmatched backticks. As the pattern does, an opener may be
    the end of a longer run."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    spans, after = [], 0
    for start, end in runs:
        if start < after:
            continue
        for opener in range(max(start, after), end):   # the whole run first, then its shorter ends
            starts = by_length.get(end - opener, [])
            i = bisect.bisect_right(starts, end)
            if i < len(starts):
                spans.append((opener, starts[i] + end - opener))
                after = spans[-1][1]
                break
    return spans


def bracket_links(text: str, image: bool = False) -> list[tuple[int, int, int]]:
    """(start, closing bracket, end) of each `[text](url)` and `[text][ref]` (image: `![alt](url)`), as the
    patterns `(\\[)([^\\]\\n]*)(\\]\\([^)\\n]*\\)|\\]\\[[^\\]\\n]*\\])` and `!\\[[^\\]\\n]*\\]\\([^)\\n]*\\)` would find them,
    in linear time (they scanned to the end of the line from every bracket that has no closing one)."""
    lead = "![" if image else "["
    close_text, newline_text = NextChar(text, "]"), NextChar(text, "\n")
    paren, close_ref, newline_tail = NextChar(text, ")"), NextChar(text, "]"), NextChar(text, "\n")
    found = []
    i = text.find(lead)
    while i >= 0:
        bracket = i + len(lead) - 1
        j = close_text(bracket + 1)
        end = None
        if j + 1 < len(text) and newline_text(bracket + 1) > j:
            after = text[j + 1]
            if after == "(":
                k = paren(j + 2)
            elif after == "[" and not image:
                k = close_ref(j + 2)
            else:
                k = len(text)
            if k < len(text) and newline_tail(j + 2) > k:
                end = k + 1
        if end is not None:
            found.append((i, j, end))
        i = text.find(lead, end if end is not None else i + 1)
    return found


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
    skip = SpanIndex(skip)
    for m in _LINE.finditer(text):
        start, line = m.start(), m.group().rstrip("\r\n")
        if m.start() == m.end():
            break
        if start in skip:
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
    inside = SpanIndex(blocks)
    inline = [(a, b) for a, b in inline_code(text) if a not in inside] if "`" in text else []
    return sorted(blocks + inline)


def front_matter_span(text: str) -> tuple[int, int, str] | None:
    """(start, end, yaml text) of a leading YAML front matter block, if any."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    return match.start(), match.end(), match.group(1) or ""


# A literal each pattern's matches contain: a text without it is not scanned (most articles have no code,
# comments, images or links).
_NEEDS = {_FENCE: ("```", "~~~"), _HTML_COMMENT: ("<!--",), _RAW_HTML: ("<",),
          _REF_DEFINITION: ("]:",), _AUTOLINK: ("<",), _HTML_TAG: ("<",),
          _BARE_URL: ("http", "www."), _EMPHASIS: ("*", "_")}


def _may_match(pattern: re.Pattern, text: str) -> bool:
    needs = _NEEDS.get(pattern)
    return needs is None or any(n in text for n in needs)


def mask_plain(text: str) -> str:
    if not _may_match(_BARE_URL, text):
        return text
    return _blanked(text, [m.span() for m in _BARE_URL.finditer(text)])


def _blanked(text: str, spans) -> str:
    """The text with the spans blanked (each character a space, line breaks kept, so offsets and lines hold), spans
    in any order and overlapping, built from slices: a list of an article's characters and its join were most of
    the masking of an article that has nothing to mask but its front matter."""
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end <= start:
            continue
        segment = text[start:end]
        parts += [text[at:start], "".join(c if c in "\r\n" else " " for c in segment)
                  if "\n" in segment or "\r" in segment else " " * len(segment)]
        at = end
    if not parts:
        return text
    parts.append(text[at:])
    return "".join(parts)


def _line_markers(masked: str) -> list[tuple[int, int]]:
    """The markers that open lines (headings, quotes, list items), as `^` + _LINE_MARKER in multiline mode finds them
    (at the start of the text and after each "\n"): the line break that leads them is looked for, in one scan,
    instead of the pattern being tried at every character (a marker holds no line break, so the two never part)."""
    first = _LINE_MARKER_AT_START.match(masked)
    return ([first.span()] if first else []) + [m.span(1) for m in _LINE_MARKER_AFTER_BREAK.finditer(masked)]


_LINE_MARKER = r"[ \t]{0,3}(?:#{1,6}(?=[ \t])|>[ \t]?|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
_LINE_MARKER_AT_START = re.compile(_LINE_MARKER)
_LINE_MARKER_AFTER_BREAK = re.compile(rf"\n({_LINE_MARKER})")


# complex by design (C901): one pass over the Markdown that is not prose (front matter, fences, code, HTML, links); a pass each would copy the text each time
def mask_markdown(text: str) -> str:  # noqa: C901
    fm = front_matter_span(text)
    spans = [fm[:2]] if fm else []
    for pattern in (_FENCE, _HTML_COMMENT, _RAW_HTML, _REF_DEFINITION, _AUTOLINK):
        if not _may_match(pattern, text):
            continue
        spans += [m.span() for m in pattern.finditer(text) if not (fm and m.start() < fm[1])]
    code = inline_code(text) if "`" in text else []
    images = [(start, end) for start, _, end in bracket_links(text, image=True)] if "![" in text else []
    spans += [(start, end) for start, end in code + images if not (fm and start < fm[1])]
    spans += indented_code_spans(text, _not_paragraphs(text, fm))
    masked = _blanked(text, spans)
    if "[" in masked:
        masked = _blanked(masked, [span for start, bracket, end in bracket_links(masked)
                                   for span in ((start, start + 1), (bracket, end))])
    for pattern in (_HTML_TAG, _BARE_URL):
        if _may_match(pattern, masked):
            masked = _blanked(masked, [m.span() for m in pattern.finditer(masked)])
    masked = _blanked(masked, _line_markers(masked))
    if _may_match(_EMPHASIS, masked):
        masked = _blanked(masked, [m.span() for m in _EMPHASIS.finditer(masked)])
    return masked
