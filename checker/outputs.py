"""What factlint writes: reports, baselines and packs, whole or not at all; and never over an article it
checks: a report (-o), a baseline (--write-baseline) or any other output that names an article, a
link to one or another name of the same file is refused before the run, in one line."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from .articles import display_path, walk
from .finding import RunError
from .safeio import replacing


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)   # through links: a link to an article is that article
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def overwritten_inputs(outputs: Iterable[tuple[str, Path | None]], paths: list[Path],
                       others: Iterable[Path] = (), selection=None) -> list[str]:
    """One message per output (what, path) that is one of the articles under paths (or of others)."""
    wanted = {}
    for what, output in outputs:
        key = _identity(output) if output is not None else None
        if key is not None:
            wanted.setdefault(key, []).append((what, output))
    if not wanted:
        return []
    problems = []
    for article in [*others, *(p for p in walk(paths, selection) if not isinstance(p, RunError))]:
        for what, output in wanted.pop(_identity(article), []):
            problems.append(f"the {what} {display_path(output)} is the article {display_path(article)} being "
                            "checked: refusing to write over it; choose another file")
        if not wanted:
            break
    return problems


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a report or a pack whole or not at all: a temporary file beside it, then a rename. `text` is a
    string or pieces of one (render_chunks), written as they come.

    A symbolic link is written through (its target is replaced), and a device or a pipe such as
    /dev/null or /dev/stdout is written to as it is: renaming over it would replace it. A new file gets
    the mode the umask gives (as any program's output), a replaced one keeps its own."""
    path = path.resolve() if path.is_symlink() else path
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            _write(fh, text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    with replacing(path, mode) as (fd, _tmp), os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        _write(fh, text)
        fh.flush()
        os.fsync(fh.fileno())


def _write(fh, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        fh.write(text)
        return
    for piece in text:
        fh.write(piece)


def _umask() -> int:
    current = os.umask(0o022)   # the only way to read it is to set it
    os.umask(current)
    return current
