"""Read article files into Articles: text as on disk, prose mask, front matter, language."""
from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import lang, markup
from .finding import RunError
from .textmap import TextMap
from .values import to_date

MAX_ARTICLE_BYTES = 10 * 1024 ** 2   # a news article is a few KB; a file this large is not one


@dataclass
class Article:
    path: str                      # as shown in reports (relative to the working directory)
    text: str                      # decoded text, BOM removed, line endings untouched
    prose: str                     # same length as text; what is not prose is blanked
    front_matter: dict = field(default_factory=dict)
    language: str = "fr"
    language_source: str = "detected"
    problems: list[RunError] = field(default_factory=list)   # non-fatal: the article is still checked
    textmap: TextMap = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.textmap = TextMap(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        return self.textmap.position(offset)


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _decode(raw: bytes, shown: str) -> str | RunError:
    if b"\x00" in raw[:8192]:
        return RunError(shown, None, "binary file, not an article (skipped)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return RunError(shown, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); "
                                     "convert the file to UTF-8 (skipped)")
    return text[1:] if text.startswith("\ufeff") else text


def parse_article(text: str, shown: str, markdown: bool) -> Article:
    prose = markup.mask_markdown(text) if markdown else markup.mask_plain(text)
    article = Article(path=shown, text=text, prose=prose)
    if markdown:
        _read_front_matter(article)
    declared = article.front_matter.get("lang") or article.front_matter.get("language")
    if isinstance(declared, str) and declared.lower()[:2] in lang.SUPPORTED:
        article.language, article.language_source = declared.lower()[:2], "front-matter"
    else:
        if declared:
            article.problems.append(RunError(shown, 1, f"front matter lang {declared!r} is not supported "
                                                       f"({', '.join(lang.SUPPORTED)}); language detected instead"))
        article.language = lang.detect(prose)
    return article


def _read_front_matter(article: Article) -> None:
    fm = markup.front_matter_span(article.text)
    if not fm:
        return
    import yaml   # only articles with front matter need it
    try:
        data = yaml.load(fm[2], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        article.problems.append(RunError(article.path, line, f"front matter is not valid YAML "
                                         f"({getattr(exc, 'problem', exc)}); the article is checked without it"))
        data = {}
    if isinstance(data, dict):
        article.front_matter = data
    elif data is not None:
        article.problems.append(RunError(article.path, 2, "front matter is not a mapping; the article is checked "
                                                          "without it"))


def read_article(path: Path) -> Article | RunError:
    raw = read_article_bytes(path)
    if isinstance(raw, RunError):
        return raw
    return article_from_bytes(display_path(path), raw, is_markdown(path))


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def read_article_bytes(path: Path) -> bytes | RunError:
    """The file's bytes, or why it is not read (unreadable, larger than an article can be)."""
    shown = display_path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        return RunError(shown, None, f"cannot read: {exc.strerror or exc}")
    if len(raw) > MAX_ARTICLE_BYTES:
        size = path.stat().st_size / 1024 ** 2
        return RunError(shown, None, f"{size:.1f} MB: articles over {MAX_ARTICLE_BYTES // 1024 ** 2} MB are not checked "
                                     "(skipped)")
    return raw


def article_from_bytes(shown: str, raw: bytes, markdown: bool) -> Article | RunError:
    text = _decode(raw, shown)
    if isinstance(text, RunError):
        return text
    return parse_article(text, shown, markdown)


def read_text_only(path: Path) -> Article | RunError:
    """The article as suppression comments and fingerprints see it: text and front matter, no prose (blank),
    no language detection; for findings made after the article itself was checked."""
    raw = read_article_bytes(path)
    if isinstance(raw, RunError):
        return raw
    shown = display_path(path)
    text = _decode(raw, shown)
    if isinstance(text, RunError):
        return text
    article = Article(path=shown, text=text, prose="")
    if is_markdown(path) and "factlint" in text:
        _read_front_matter(article)
    return article


def front_matter_date(article: Article) -> dt.date | None:
    return to_date(article.front_matter.get("date"))


def walk(paths: list[Path], selection=None) -> Iterator[Path | RunError]:
    """Article files under the given paths, in a stable order, each file once (a link to a file already
    found is not found again); loops and special files are skipped. `selection` (selection.Selection)
    says which files are articles; without it, every .md, .markdown and .txt file."""
    from .selection import Selection
    selection = selection or Selection.make(gitignore=False)
    files: set[tuple[int, int]] = set()

    def once(path: Path) -> bool:
        """A regular file not found before (through a link, or under another name)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) in files:
            return False
        files.add((st.st_dev, st.st_ino))
        return True

    for root in paths:
        if root.is_file():
            if selection.named(root) and once(root):
                yield root
            continue
        if not root.exists():
            yield RunError(display_path(root), None, "no such file or directory")
            continue
        if not root.is_dir():
            yield RunError(display_path(root), None, "not a regular file or directory (skipped)")
            continue
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            try:
                st = os.stat(dirpath)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            folder = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if selection.walk_dir(root, folder / d))
            for name in sorted(filenames):
                candidate = folder / name
                if selection.article(root, candidate) and once(candidate):
                    yield candidate
