"""Read article files into Articles: text as on disk, prose mask, front matter, language."""
from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import frontmatter, lang, markup
from .finding import RunError
from .frontmatter import Problem, date_of
from .safeio import NotReadable, read_regular
from .selection import Selection
from .textmap import TextMap

MAX_ARTICLE_BYTES = 10 * 1024 ** 2   # a news article is a few KB; a file this large is not one


@dataclass
class Article:
    path: str                      # as shown in reports (relative to the working directory)
    text: str                      # decoded text, BOM removed, line endings untouched
    prose: str                     # same length as text; what is not prose is blanked
    front_matter: dict = field(default_factory=dict)
    language: str = field(default_factory=lang.default)
    language_source: str = "detected"
    problems: list[RunError] = field(default_factory=list)   # non-fatal: the article is still checked
    textmap: TextMap = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.textmap = TextMap(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        return self.textmap.position(offset)


def display_path(path: Path) -> str:
    folder, name = os.path.split(os.fspath(path))
    if folder and name not in ("", ".", ".."):   # an archive's files share a few folders: each is made relative once
        cwd = os.getcwd()
        held = _relative_folder(cwd, folder)
        if held is not None:
            shown, whole = held[0], os.path.normcase(os.path.join(held[1], name))
            # relpath(folder/name) is relpath(folder)/name, relpath only reading the text of the paths, unless
            # folder/name holds the working directory (relpath then counts up to it)
            if not (whole == os.path.normcase(cwd) or os.path.normcase(cwd).startswith(whole + os.sep)):
                return name if shown == "." else os.path.join(shown, name)
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@functools.lru_cache(maxsize=1024)
def _relative_folder(cwd: str, folder: str) -> tuple[str, str] | None:
    """(os.path.relpath(folder), its absolute path) from the working directory `cwd`; None when it has none."""
    try:
        return os.path.relpath(folder, cwd), os.path.normpath(os.path.join(cwd, folder))
    except ValueError:  # another drive on Windows
        return None


_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"), (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
         (b"\xfe\xff", "UTF-16 (big-endian)"), (b"\xff\xfe", "UTF-16 (little-endian)"))


def _wide_encoding(head: bytes) -> str | None:
    """The name of the UTF-16 or UTF-32 encoding of a text, by its byte order mark or, without one, by
    where its zero bytes fall: Latin letters get one in every two bytes (UTF-16) or three in four (UTF-32)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:4096 - 4096 % 4]
    if len(sample) < 16:
        return None
    zero = [sample[k::4].count(0) >= 0.9 * len(sample) // 4 for k in range(4)]
    return {(False, True, True, True): "UTF-32 (little-endian)", (True, True, True, False): "UTF-32 (big-endian)",
            (False, True, False, True): "UTF-16 (little-endian)", (True, False, True, False): "UTF-16 (big-endian)"
            }.get(tuple(zero))


def _decode(raw: bytes, shown: str) -> str | RunError:
    wide = _wide_encoding(raw[:8192]) if raw[:2] in (b"\xff\xfe", b"\xfe\xff", b"\x00\x00") else None
    if wide is None and b"\x00" in raw[:8192]:
        wide = _wide_encoding(raw[:8192])
        if wide is None:
            return RunError(shown, None, "binary file, not an article (skipped)")
    if wide:
        return RunError(shown, None, f"{wide} text, not UTF-8: convert the file to UTF-8 (skipped)")
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
    if isinstance(declared, str) and declared.lower()[:2] in lang.codes():
        article.language, article.language_source = declared.lower()[:2], "front-matter"
    else:
        if declared:
            shown_lang = repr(declared) if isinstance(declared, str) and len(declared) < 40 else type(declared).__name__
            article.problems.append(RunError(shown, 1, f"front matter lang {shown_lang} is not supported "
                                                       f"({', '.join(lang.codes())}); language detected instead"))
        article.language = lang.detect(prose)
    return article


def _read_front_matter(article: Article) -> None:
    fm = markup.front_matter_span(article.text)
    if not fm:
        return
    try:
        data = frontmatter.load(fm[2])
    except frontmatter.Invalid as exc:
        line = exc.line + 2 if exc.line is not None else 1
        article.problems.append(RunError(article.path, line, f"front matter is not valid YAML ({exc.problem}); the "
                                         "article is checked without it"))
        data = {}
    except frontmatter.Problem as exc:
        article.problems.append(RunError(article.path, 2, f"front matter: {exc}; the article is checked without it"))
        data = {}
    if isinstance(data, dict):
        article.front_matter = data
    elif data is not None:
        article.problems.append(RunError(article.path, 2, "front matter is not a mapping; the article is checked "
                                                          "without it"))
    if "date" in article.front_matter:
        try:
            frontmatter.date_of(article.front_matter["date"])
        except frontmatter.Problem as exc:   # reported, and the article dated as if it had none
            article.problems.append(RunError(article.path, _key_line(fm, "date"),
                                             f"front matter {exc}; the article is dated otherwise"))
            del article.front_matter["date"]


def _key_line(fm: tuple[int, int, str], key: str) -> int:
    """The line of a top-level key of the front matter, as on disk (1: the opening ---)."""
    for number, line in enumerate(fm[2].splitlines(), 2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def read_article(path: Path) -> Article | RunError:
    raw = read_article_bytes(path)
    if isinstance(raw, RunError):
        return raw
    return article_from_bytes(display_path(path), raw, is_markdown(path))


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def read_article_bytes(path: Path) -> bytes | RunError:
    """The file's bytes, or why it is not read (unreadable, not a regular file, larger than an article
    can be: safeio.read_regular)."""
    try:
        return read_regular(path, MAX_ARTICLE_BYTES)
    except NotReadable as exc:
        if exc.size is not None:
            return RunError(display_path(path), None, f"{exc.size / 1024 ** 2:.1f} MB: articles over "
                                                      f"{MAX_ARTICLE_BYTES // 1024 ** 2} MB are not checked (skipped)")
        return RunError(display_path(path), None, str(exc))


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
    try:
        return date_of(article.front_matter.get("date"))
    except Problem:   # an Article built without _read_front_matter (reported there otherwise)
        return None


class _Found:
    """The files a walk has found, by device and inode: a set of inode numbers per device. Walking an archive of
    200,000 articles took 33 MB at its peak with a set of (device, inode) pairs, 18 MB with the numbers alone."""

    def __init__(self) -> None:
        self._inodes: dict[int, set[int]] = {}

    def first_time(self, path: Path) -> bool:
        """A regular file not found before (through a link, or under another name); one that is listed but
        cannot be looked at is kept, so that reading it says why."""
        try:
            st = os.stat(path)
        except OSError as exc:
            return exc.errno not in (errno.ENOENT, errno.ENOTDIR)
        if not stat.S_ISREG(st.st_mode):
            return False
        found = self._inodes.get(st.st_dev)
        if found is None:
            found = self._inodes[st.st_dev] = set()
        elif st.st_ino in found:
            return False
        found.add(st.st_ino)
        return True


def walk(paths: list[Path], selection=None) -> Iterator[Path | RunError]:
    """Article files under the given paths, in a stable order, each file once (a link to a file already
    found is not found again); loops, special files and dangling links met while walking are skipped.
    `selection` (selection.Selection) says which files are articles; without it, every .md, .markdown and
    .txt file. A path or a folder that cannot be read is a RunError (the run is broken: its articles are
    not checked), never skipped in silence."""
    selection = selection or Selection.make(gitignore=False)
    once = _Found().first_time
    for root in paths:
        try:
            st = os.stat(root)
        except OSError as exc:
            missing = exc.errno in (errno.ENOENT, errno.ENOTDIR)
            yield RunError(display_path(root), None, "no such file or directory" if missing
                           else f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISREG(st.st_mode):
            if selection.named(root) and once(root):
                yield root
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield RunError(display_path(root), None, "not a regular file or directory (skipped)")
            continue
        yield from _walk_folder(root, selection, once)


def _walk_folder(root: Path, selection, once) -> Iterator[Path | RunError]:
    seen: set[tuple[int, int]] = set()
    failed: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=failed.append):
        yield from _unreadable(failed)
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            yield from _unreadable([exc])
            dirnames[:] = []
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
    yield from _unreadable(failed)


def _unreadable(failed: list[OSError]) -> Iterator[RunError]:
    while failed:
        exc = failed.pop(0)
        where = display_path(Path(exc.filename)) if exc.filename else "?"
        yield RunError(where, None, f"cannot read the folder: {exc.strerror or exc} (its articles are not checked)")
