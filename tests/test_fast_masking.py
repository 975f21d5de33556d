"""Markdown masking built from slices (markup.mask_markdown) gives the text the plain form gives: the same spans
blanked in a list of the characters, joined again after each step, and the line markers found by `^` in multiline
mode; on generated Markdown built to exercise every step and on the shared corpora (skipped when absent)."""
from __future__ import annotations

import random
import re

from checker import markup
from checker.markup import (_AUTOLINK, _BARE_URL, _EMPHASIS, _FENCE, _HTML_COMMENT, _HTML_TAG, _RAW_HTML,
                            _REF_DEFINITION, _may_match, _not_paragraphs, bracket_links, front_matter_span,
                            indented_code_spans, inline_code)
from test_fast_forms import _corpus_texts

_LINE_MARKERS = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?=[ \t])|>[ \t]?|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))", re.M)


def _blank(chars: list[str], start: int, end: int) -> None:
    """The plain form's blanking: the span's characters in the list made spaces, line breaks kept."""
    segment = chars[start:end]
    if "\n" in segment or "\r" in segment:
        chars[start:end] = [c if c in "\r\n" else " " for c in segment]
    else:
        chars[start:end] = [" "] * (end - start)


def _mask_markdown_plain(text: str) -> str:  # noqa: C901 - the former mask_markdown, step by step
    """The plain form: every span blanked in the list of the text's characters, the list joined after each step."""
    chars = list(text)
    fm = front_matter_span(text)
    if fm:
        _blank(chars, fm[0], fm[1])
    for pattern in (_FENCE, _HTML_COMMENT, _RAW_HTML, _REF_DEFINITION, _AUTOLINK):
        for match in pattern.finditer(text):
            if fm and match.start() < fm[1]:
                continue
            _blank(chars, match.start(), match.end())
    code = inline_code(text)
    images = [(start, end) for start, _, end in bracket_links(text, image=True)]
    for start, end in code + images:
        if not (fm and start < fm[1]):
            _blank(chars, start, end)
    for start, end in indented_code_spans(text, _not_paragraphs(text, fm)):
        _blank(chars, start, end)
    masked = "".join(chars)
    for start, bracket, end in bracket_links(masked):
        _blank(chars, start, start + 1)
        _blank(chars, bracket, end)
    masked = "".join(chars)
    for pattern in (_HTML_TAG, _BARE_URL, _LINE_MARKERS, _EMPHASIS):
        assert _may_match(pattern, masked) or not pattern.search(masked)
        for match in pattern.finditer(masked):
            _blank(chars, match.start(), match.end())
        masked = "".join(chars)
    return masked


_PIECES = ["---\n", "---\r\n", "title: x\n", "...\n", "```", "~~~", "```py\n", "<!--", "-->", "<script>", "</script>",
           "<b>", "</b>", "<https://a.b/c>", "http://x.y/z", "www.ex.am", "[ref]: http://u", "[a](b)", "[a][r]", "![i](s)",
           "`", "``", "x`y`", "*", "**", "_", "__", "# ", "## ", "> ", ">", "- ", "* ", "+ ", "1. ", "12) ", "    ",
           "\t", "   ", "\n", "\n", "\n", "\r\n", "\r", "Le président a dit ", "été ", "word ", "2023 ", "«\u00a0x\u00a0» ",
           "(", ")", "[", "]", "!", ":", "ü", "😀"]


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 40))) for _ in range(count)]
    # a third open with front matter, some of it holding what would be masked elsewhere
    return [(f"---\n{''.join(rng.choice(_PIECES) for _ in range(rng.randrange(4)))}\n---\n" if rng.random() < 0.3 else "")
            + text for text in texts]


def test_masking_gives_the_plain_forms_text_on_generated_markdown():
    texts = _generated(6000, 11)
    for text in texts:
        assert markup.mask_markdown(text) == _mask_markdown_plain(text), repr(text)
    # the generated texts reach every step: front matter, fences, links, line markers, emphasis
    assert sum(front_matter_span(t) is not None for t in texts) > 100
    assert sum(bool(_LINE_MARKERS.search(t)) for t in texts) > 1000
    assert sum(bool(bracket_links(t)) for t in texts) > 100
    assert sum(bool(_FENCE.search(t)) for t in texts) > 100


def test_line_markers_are_those_of_the_multiline_pattern():
    for text in _generated(3000, 12) + ["# a\n## b\n> c\n>\n- d\n\n1. e\r\n 2) f\n   * g\n    + h", "#\n>", ">"]:
        assert markup._line_markers(text) == [m.span() for m in _LINE_MARKERS.finditer(text)], repr(text)


def test_masking_gives_the_plain_forms_text_on_the_corpora():
    for text in _corpus_texts():
        assert markup.mask_markdown(text) == _mask_markdown_plain(text)
