"""Compiled regular expressions, kept between runs like Python keeps its bytecode.

The `regex` module compiles in Python: the hundred patterns of the extractors cost about 0.1 s
in every process, a third of a one-article run. A compiled pattern pickles as its compiled code
(the module's own pickle support), so the patterns of a run are kept in one file of the cache
directory, named by the module's and Python's versions, and the next run loads them in one read. Only the
module's pattern constructor may be called while loading; a damaged, foreign or unreadable file
is ignored and the patterns are compiled as before.
"""
from __future__ import annotations

import atexit
import io
import pickle
import sys
from pathlib import Path

import regex

from . import cachedir

MAX_ENTRIES = 4000   # patterns built from rule terms vary with the rules: bound the file
_ALLOWED = {("_regex", "compile"), ("regex._regex", "compile")}

_loaded: dict[tuple[str, int], regex.Pattern] | None = None
_used: dict[tuple[str, int], regex.Pattern] = {}
_dirty = False


def cache_file() -> Path:
    return cachedir.cache_dir() / f"patterns-regex-{regex.__version__}.{sys.implementation.cache_tag}.pickle"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def _read() -> dict[tuple[str, int], regex.Pattern]:
    try:
        data = cache_file().read_bytes()
        table = _Unpickler(io.BytesIO(data)).load()
    except Exception:   # no file yet, or one that is not ours: compile as before
        return {}
    if not isinstance(table, dict):
        return {}
    return {key: value for key, value in table.items() if isinstance(value, regex.Pattern)}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:   # noqa: A001 - the module's own name
    global _loaded, _dirty
    if _loaded is None:
        _loaded = _read() if cachedir.enabled() else {}
        atexit.register(save)
    key = (pattern, int(flags))
    compiled = _loaded.get(key)
    if compiled is None:
        compiled = _loaded[key] = regex.compile(pattern, flags)
        _dirty = True
    _used[key] = compiled
    return compiled


def save() -> None:
    """Write the file when this process compiled something new (atomically: a reader sees the old
    file or the new one). Entries of other runs are kept up to MAX_ENTRIES."""
    global _dirty
    if not (cachedir.enabled() and _dirty):
        return
    _dirty = False
    table = _read()
    if len(table) + len(_used) > MAX_ENTRIES:
        table = {}
    table.update(_used)
    cachedir.write_atomically(cache_file(), pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
