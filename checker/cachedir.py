"""Where factlint keeps what it can rebuild: compiled rules, compiled patterns, parsed data files."""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
_enabled = True


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


def write_atomically(path: Path, data: bytes) -> None:
    """A reader sees the old file or the whole new one; a cache that cannot be written is only slower."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def parsed(kind: str, data: bytes, parse: Callable[[bytes], T]) -> T:
    """parse(data), kept by content digest so that the next process skips the parsing.

    For plain data only (dict, list, str, numbers, ...): it is stored with marshal, which builds
    values and runs nothing; a value marshal cannot store is simply not cached."""
    if not _enabled:
        return parse(data)
    key = hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()[:32]
    path = cache_dir() / f"{kind}-{key}.{sys.implementation.cache_tag}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = parse(data)
    try:
        write_atomically(path, marshal.dumps(value))
    except ValueError:
        pass
    return value
