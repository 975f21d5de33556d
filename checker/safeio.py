"""Reading a file that anyone may have named: articles, rule files and their includes, baselines,
configurations. A pipe must not stop the run (it is opened without blocking, then refused), a device
such as /dev/zero must not fill the memory (only regular files are read), and a file larger than its
kind can be is refused before it is read whole.

Writing a file (a report, a fixed article, a cache) goes through replacing(): whole or not at all."""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def replacing(path: Path, mode: int | None = None, prefix: str | None = None, suffix: str = "") -> Iterator[tuple[int, Path]]:
    """(descriptor, path) of a new temporary file beside `path` (of `mode`, else 0600), which takes the
    place of `path` when the block ends, and is removed if the block raises: a reader sees the old file
    or the whole new one. The block writes through the descriptor (and closes it) or through the path."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=suffix)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        yield fd, Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class NotReadable(OSError):
    """Why the file was not read: `reason` in words for a one-line message ("No such file or directory",
    "not a regular file …"); str() is "cannot read: REASON" for a file that could not be opened or read."""

    def __init__(self, message: str, reason: str | None = None, size: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message
        self.size = size   # bytes, when the file is too large: the caller says what its limit is for


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; NotReadable (an OSError) otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise NotReadable(f"cannot read: {exc.strerror or exc}", exc.strerror) from None
    try:
        # asked before the descriptor becomes a file object, which refuses a folder with its own error
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable("not a regular file (a device, a pipe or a folder): not read")
        if st.st_size > limit:
            raise NotReadable(_too_large(st.st_size, limit), size=st.st_size)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:   # from here the file object owns the descriptor, also if it fails
        try:
            # the size fstat gave and a byte more, not `limit`: a read of n bytes allocates n at once (10 MB for an
            # article, some 30 µs of the system's time each), and a file that grew since is read on to the limit
            data = fh.read(st.st_size + 1)
            if len(data) > st.st_size:
                data += fh.read(limit + 1 - len(data))
        except OSError as exc:
            raise NotReadable(f"cannot read: {exc.strerror or exc}", exc.strerror) from None
    if len(data) > limit:   # it grew while it was read
        raise NotReadable(_too_large(len(data), limit), size=len(data))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"{size / 1024 ** 2:.1f} MB, over the {limit / 1024 ** 2:g} MB such a file may have: not read"
