"""Front matter: the YAML block at the top of a Markdown article, read so that no value can stop a run.

An article's front matter is anybody's text. YAML would build a datetime from `2025-02-30` and fail
(or from `9999-12-31T23:59:59-01:00`, and overflow); aliases can make a small block stand for
billions of values (a "billion laughs"), or for a list that contains itself. So timestamps are read
as text and checked here (the date as a calendar day of years 1 to 9999, a time of day, an offset
under 24 hours), and the value is walked once with a budget of MAX_VALUES values and MAX_DEPTH levels:
past either, the front matter is reported and the article checked without it.
"""
from __future__ import annotations

import datetime as dt
import re

import regex

MAX_VALUES = 10_000   # a front matter has a few dozen values; aliases may not make it larger
MAX_DEPTH = 32
_SCALARS = frozenset({str, int, float, bool, type(None)})

_TIMESTAMP = regex.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d*)?)?"
    r"(?:[ \t]*(?P<tz>Z|(?P<sign>[-+])(?P<tzh>\d{1,2})(?::?(?P<tzm>\d{2}))?))?)?")


class Problem(ValueError):
    """The front matter cannot be used: the message says why (the article is checked without it)."""


class Invalid(ValueError):
    """The front matter is not valid YAML: what YAML says of it, and the line of the block (from 0) if known."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem, self.line = problem, line


def _loader():
    import yaml
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):   # timestamps stay text: checked by date_of, never built by YAML
        yaml_implicit_resolvers = {key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
                                   for key, resolvers in base.yaml_implicit_resolvers.items()}
    Loader.add_constructor("tag:yaml.org,2002:timestamp", base.construct_yaml_str)
    return Loader


_LOADER = None


# The usual front matter, lines of a simple key and a value of plain words or a day ("title: Sommet de l'OTAN",
# "date: 2025-06-24", "lang: fr"), is read without YAML, whose reader costs more than the article's markup: a
# value YAML gives the very same string (it starts with a letter, holds no sign YAML reads, and is not a word
# YAML 1.1 reads as a boolean or null; tests/test_frontmatter.py compares both on generated blocks). Any
# other line, a key longer than YAML accepts (1,024 characters) or more values than MAX_VALUES, and the block
# goes to YAML.
_FLAT_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):[ ]+([^\W\d_](?:[\w .,'’()/-]*[\w.)’'])?|\d{4}-\d\d-\d\d)[ ]*")
_YAML_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                        "null Null NULL".split())


def _flat(text: str) -> dict[str, str] | None:
    """The block as a dict of strings when every line is a simple `key: value` (_FLAT_LINE), else None."""
    out: dict[str, str] = {}
    for line in text.split("\n"):
        if not line:
            continue
        m = _FLAT_LINE.fullmatch(line)
        if m is None or m[1] in _YAML_WORDS or m[2] in _YAML_WORDS:
            return None
        out[m[1]] = m[2]
        if 1 + 2 * len(out) > MAX_VALUES:
            return None   # YAML's path reports it as too large (_check_size)
    return out or None


def load(text: str) -> object:
    """The value of the front matter's YAML; Invalid when it is not YAML, Problem when YAML cannot build it or it
    is too large."""
    flat = _flat(text)
    if flat is not None:
        return flat
    global _LOADER
    import yaml   # only a front matter of more than plain lines needs it
    _LOADER = _LOADER or _loader()
    try:
        value = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise Invalid(getattr(exc, "problem", None) or "invalid", mark.line if mark else None) from None
    except (ValueError, TypeError, OverflowError, RecursionError, MemoryError) as exc:   # a tag YAML fails on
        raise Problem(f"a value YAML cannot build ({type(exc).__name__})") from None
    _check_size(value)
    return value


def _check_size(value) -> None:
    """Walk the value as a reader of it would (aliases expanded), up to MAX_VALUES values and MAX_DEPTH."""
    if type(value) is dict and 1 + 2 * len(value) <= MAX_VALUES and set(map(type, value)) <= _SCALARS \
            and set(map(type, value.values())) <= _SCALARS:
        return   # the usual front matter, keys and plain values ("title", "date", "lang"): nothing to walk
    count, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise Problem(f"more than {MAX_VALUES} values (aliases that expand without end?)")
        if depth > MAX_DEPTH:
            raise Problem(f"nested more than {MAX_DEPTH} levels deep (an alias that contains itself?)")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for pair in item.items() for v in pair)
        elif isinstance(item, (list, tuple, set)):
            stack.extend((v, depth + 1) for v in item)


def date_of(value) -> dt.date | None:
    """The calendar day of a front-matter `date`: YYYY-MM-DD, optionally with a time of day and an offset
    (YAML's timestamp forms; the day is the one written, in the article's own time zone). Problem when the
    value is not one, or names a day, time or offset that does not exist; None when there is no value."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise Problem(f"`date` is {_kind(value)}, not a date: write it as YYYY-MM-DD")
    m = _TIMESTAMP.fullmatch(value.strip())
    if not m:
        raise Problem(f"`date` {_short(value)} is not a date: write it as YYYY-MM-DD")
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError as exc:
        raise Problem(f"`date` {_short(value)} is not a calendar date ({exc})") from None
    if m["H"] is not None:
        if int(m["H"]) > 23 or int(m["M"]) > 59 or int(m["S"] or 0) > 60:
            raise Problem(f"`date` {_short(value)}: no such time of day")
        if m["tzh"] is not None and (int(m["tzh"]) > 23 or int(m["tzm"] or 0) > 59):
            raise Problem(f"`date` {_short(value)}: no such time zone offset (at most ±23:59)")
    return day


def _kind(value) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), f"a {type(value).__name__}")


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")
