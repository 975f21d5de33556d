"""Text from articles, rule files and file names, made safe for one line of a terminal or a CI log.

A file name or an article can hold any character: a newline would start a line of its own in
stderr or in the text report, and a CI runner reads some lines as commands (GitHub Actions:
a line that starts with `::`, after spaces, such as `::add-mask::` or `::stop-commands::`; Azure
Pipelines: `##vso[` anywhere in a line); an escape character or a bidirectional override would
change what a terminal shows. `line` writes every control, line-separating and bidirectional
character as a visible escape (`\\n`, `\\x1b`, `\\u202e`), so one value stays on one line and shows
what it is; `path` also keeps a line from starting with `::` (`./::x.md` names the same file).
"""
from __future__ import annotations

import regex

# C0 and C1 controls and DEL (\p{Cc}), line and paragraph separators, bidirectional marks and overrides
_UNSAFE = regex.compile(r"[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_AZURE = regex.compile(r"##(vso)?\[", regex.IGNORECASE)


def _visible(match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def line(text) -> str:
    """The text on one line, with nothing a terminal or a CI runner would act on."""
    text = _UNSAFE.sub(_visible, str(text))
    return _AZURE.sub(lambda m: m.group().replace("[", "\\["), text) if "##" in text else text


def path(text) -> str:
    """A file name for the start of a line: escaped as `line`, and never beginning with `::` or blanks."""
    shown = line(text)
    return f"./{shown}" if shown[:1].isspace() or shown.startswith(":") else shown
