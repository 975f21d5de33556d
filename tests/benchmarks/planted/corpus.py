"""The real articles errors are planted into, and where a sentence can go in one of them.

The corpora stay outside the repository (`../shared/corpora`, or `$FACTLINT_SHARED/corpora`): French
from wikinews-fr and fr-timebank/dated, English from timebank-en/dated, each with its real date in
front matter. A planted sentence becomes a paragraph of its own after a body paragraph, or ends one.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPORA = {"fr": ("wikinews-fr", "fr-timebank/dated"), "en": ("timebank-en/dated",)}
_DATE = re.compile(r"^date:\s*['\"]?(\d{4}-\d\d-\d\d)", re.M)
_SENTENCE_END = re.compile(r"[.!?»”\"')]\s*$")


def shared_dir() -> Path | None:
    """$FACTLINT_SHARED, else ../shared beside the repository (as the tests read it)."""
    candidate = Path(os.environ.get("FACTLINT_SHARED", ROOT.parent / "shared"))
    return candidate if (candidate / "corpora").is_dir() else None


@dataclass(frozen=True)
class Host:
    """A real article: its corpus path, text, language and publication date."""
    name: str            # "wikinews-fr/wikinews-44046.md"
    text: str
    lang: str
    date: dt.date
    body: tuple[tuple[int, int], ...]   # (start, end) of the body paragraphs a sentence may follow

    @property
    def year(self) -> int:
        return self.date.year


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Body paragraphs: after the front matter, not headings, not lists or tables."""
    start = 0
    if text.startswith("---\n"):
        close = text.find("\n---\n", 4)
        start = close + 5 if close >= 0 else 0
    out = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        line = m.group()
        if line.startswith(("#", "|", "-", "*", ">")) or len(line) < 40:
            continue
        out.append((start + m.start(), start + m.end()))
    return tuple(out)


def load_hosts(lang: str, shared: Path) -> list[Host]:
    hosts = []
    for folder in CORPORA[lang]:
        for path in sorted((shared / "corpora" / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            m = _DATE.search(text)
            body = _paragraphs(text)
            if m is None or not body:
                continue
            hosts.append(Host(f"{folder}/{path.name}", text, lang, dt.date.fromisoformat(m.group(1)), body))
    return hosts


@dataclass(frozen=True)
class Planted:
    """A copy of a host with one sentence in it, and where that sentence is (1-based line, columns)."""
    text: str
    line: int
    first_column: int
    last_column: int


def plant(host: Host, sentence: str, where: int, append: bool) -> Planted:
    """The host with the sentence after body paragraph `where` (modulo their number): appended to it
    when `append` and the paragraph ends a sentence, else as a paragraph of its own."""
    start, end = host.body[where % len(host.body)]
    paragraph = host.text[start:end]
    if append and _SENTENCE_END.search(paragraph):
        insert, offset = " " + sentence, end + 1
    else:
        insert, offset = "\n\n" + sentence, end + 2
    text = host.text[:end] + insert + host.text[end:]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Planted(text, line, column, column + len(sentence) - 1)
