"""Compiled regular expressions, kept between runs like Python keeps its bytecode.

The `regex` module compiles in Python: the patterns of the extractors cost about 0.12 s (600 million
instructions) in every process, half of a one-article run. A compiled pattern pickles as its
compiled code (the module's own pickle support), so the patterns of a run are kept in one file of
the cache directory, named by the module's and Python's versions, and the next run loads them in one
read.

The regex module trusts compiled code: a damaged or hostile file could crash the interpreter or hang
it. So the file is loaded only when (1) the cache folder and the file belong to the user and nobody
else can write to them (cachedir.read_trusted), and (2) its SHA-256 matches the digest file written
beside it after the table itself, by the process that compiled the patterns; then (3) only the
module's pattern constructor may be called while unpickling. Anything else, and the patterns are
compiled as if there were no cache.
"""
from __future__ import annotations

import atexit
import hashlib
import io
import pickle
import sys

import regex

from . import cachedir

MAX_ENTRIES = 4000   # patterns built from rule terms vary with the rules: bound the file
_ALLOWED = {("_regex", "compile"), ("regex._regex", "compile")}

_loaded: dict[tuple[str, int], regex.Pattern] | None = None
_used: dict[tuple[str, int], regex.Pattern] = {}
_dirty = False


# regex.escape(text) puts a backslash before each special character of the module and each whitespace character
# (str.isspace), testing one character at a time in Python: the pattern builders escape thousands of words of the
# language files in every process. The same text, in one str.translate.
_SPECIAL = "()[]{}?*+|^$\\.-#&~"
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
               "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_ESCAPES = {ord(c): "\\" + c for c in _SPECIAL + _WHITESPACE}


def escape(text: str) -> str:
    """regex.escape(text), the same characters escaped (tests/test_fast_escape.py compares them)."""
    return text.translate(_ESCAPES)


def cache_name() -> str:
    return f"patterns-regex-{regex.__version__}.{sys.implementation.cache_tag}.pickle"


def digest_name() -> str:
    return cache_name() + ".sha256"


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def _verified() -> bytes | None:
    """The table's bytes, when they are the user's own and match the digest written beside them."""
    expected = cachedir.read_trusted(digest_name())
    if expected is None or len(expected) != 64:
        return None
    data = cachedir.read_trusted(cache_name())
    if data is None or hashlib.sha256(data).hexdigest().encode() != expected:
        return None
    return data


def _read() -> dict[tuple[str, int], regex.Pattern]:
    data = _verified()
    if data is None:
        return {}
    try:
        table = _Unpickler(io.BytesIO(data)).load()
    except Exception:   # a file of another build that passed its digest: compile as before
        return {}
    if not isinstance(table, dict):
        return {}
    return {key: value for key, value in table.items() if isinstance(value, regex.Pattern)}


def load() -> None:
    """Read the table if this process has not yet: before forking workers, which then inherit it instead of
    each reading it again."""
    global _loaded
    if _loaded is None:
        _loaded = _read() if cachedir.enabled() else {}
        atexit.register(save)


def compile(pattern: str, flags: int = 0) -> regex.Pattern:   # noqa: A001 - the module's own name
    global _dirty
    load()
    key = (pattern, int(flags))
    compiled = _loaded.get(key)
    if compiled is None:
        compiled = _loaded[key] = regex.compile(pattern, flags)
        _dirty = True
    _used[key] = compiled
    return compiled


def save() -> None:
    """Write the table when this process compiled something new (a worker process too: workers.py calls
    this as it ends, since a pool's workers leave without running atexit handlers), then its digest (each atomically: a
    reader between the two sees a digest that does not match, and compiles). Entries of other runs are
    kept up to MAX_ENTRIES."""
    global _dirty
    if not (cachedir.enabled() and _dirty):
        return
    _dirty = False
    table = _read()
    if len(table) + len(_used) > MAX_ENTRIES:
        table = {}
    table.update(_used)
    data = pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL)
    folder = cachedir.cache_dir()
    cachedir.write_atomically(folder / cache_name(), data)
    cachedir.write_atomically(folder / digest_name(), hashlib.sha256(data).hexdigest().encode())
