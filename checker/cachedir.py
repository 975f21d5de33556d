"""Where factlint keeps what it can rebuild: compiled rules, compiled patterns, parsed data files.

A cache only ever saves time. Whatever a cache folder holds (damaged, foreign, left by another
version, planted, owned by another user after a `sudo`), a run is at worst slower:
- the rules cache (facts/store.py) holds plain values, checked as they are read, and is read only from a
  folder the user owns that nobody else can write to (`trusted`): plain values of the right types are still
  facts, and a file written by someone else could drop or change the rules' people, titles and dates;
- parsed data files (`parsed`) are marshal of plain containers, each with a digest of its content,
  read only from a folder the user owns that nobody else can write to, and checked for their shape;
- compiled patterns (patterns.py) are read under the same conditions, and their digest is checked
  before the regex module sees a byte of them.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Callable, TypeVar

from .safeio import replacing

T = TypeVar("T")
_enabled = True
MAX_FILE_BYTES = 64 * 1024 ** 2   # a parsed data file or the pattern table; far larger is not ours


def cache_dir() -> Path:
    """$FACTLINT_CACHE_DIR, else $XDG_CACHE_HOME/factlint, else ~/.cache/factlint."""
    base = os.environ.get("FACTLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "factlint")
    return Path(base)


def disable() -> None:
    """Neither read nor write any cache from now on (--no-cache)."""
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


def _ours(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: no one else can have put its content there."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_trusted(name: str) -> bytes | None:
    """The bytes of a file of the cache folder, or None unless the folder and the file are the user's own
    (see _ours) and the file is a regular file of a sensible size. The file is opened relative to the
    folder that was checked, without following a link, so that neither can be swapped in between."""
    if not hasattr(os, "geteuid"):   # no owners to check (Windows): such caches are not used
        return None
    dir_fd = fd = -1
    try:
        dir_fd = os.open(cache_dir(), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        if not _ours(os.fstat(dir_fd)):
            return None
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
        st = os.fstat(fd)
        if not (stat.S_ISREG(st.st_mode) and _ours(st) and st.st_size <= MAX_FILE_BYTES):
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        for opened in (fd, dir_fd):
            if opened >= 0:
                os.close(opened)


def trusted(path: Path) -> bool:
    """Whether a cache file that is opened by its name (SQLite opens the rules cache itself) may be read: the
    folder and the file are the user's own (see _ours), and the file is a regular file, not a link. Nobody else
    can then replace it between this look and its opening. Where there are no owners to check (Windows), the
    cache is in the user's own profile and is read."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        folder, file = os.stat(path.parent), os.lstat(path)
    except OSError:
        return False
    return _ours(folder) and _ours(file) and stat.S_ISREG(file.st_mode)


def write_atomically(path: Path, data: bytes) -> None:
    """A reader sees the old file or the whole new one; a cache that cannot be written is only slower.
    The folder is made private (0700) when it is created; files are not writable by others."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with replacing(path, 0o644) as (fd, _tmp), os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError:
        pass


_MAGIC = b"factlint-marshal-1\n"


def is_mapping(value) -> bool:
    """The shape of a parsed YAML data file: a mapping of names."""
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)


def parsed(kind: str, data: bytes, parse: Callable[[bytes], T], valid: Callable[[object], bool]) -> T:
    """parse(data), kept by content digest so that the next process skips the parsing.

    For plain data only (dict, list, str, numbers, ...): it is stored with marshal, which builds values
    and runs nothing; a value marshal cannot store is simply not cached. What is read back must carry
    the digest of its own bytes and pass `valid` (the shape the callers rely on), else it is parsed again."""
    if not _enabled:
        return parse(data)
    key = hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()[:32]
    name = f"{kind}-{key}.{sys.implementation.cache_tag}.marshal"
    stored = read_trusted(name)
    if stored is not None and stored.startswith(_MAGIC):
        digest, payload = stored[len(_MAGIC):len(_MAGIC) + 32], stored[len(_MAGIC) + 32:]
        if hashlib.sha256(payload).digest() == digest:
            try:
                value = marshal.loads(payload)
            except (EOFError, ValueError, TypeError):
                value = None
            if value is not None and valid(value):
                return value
    value = parse(data)
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return value
    write_atomically(cache_dir() / name, _MAGIC + hashlib.sha256(payload).digest() + payload)
    return value
