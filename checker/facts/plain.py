"""The compiled rules as plain data, and the checked way back: what the rules cache stores.

A cache file can be damaged, left by another version, or planted: reading it must never run code
(no pickle) and must never hand the checks a value of the wrong shape. `encode` turns the model's
dataclasses into JSON values (a dataclass is the list of its field values, a date its ISO text);
`decoder(type)` builds, from the type annotations, a function that rebuilds the value and raises
`Invalid` on anything that does not fit them exactly, so that the caller rebuilds the cache instead.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing


class Invalid(ValueError):
    """A cached value that does not have the shape its type declares."""


def encode(value):
    if dataclasses.is_dataclass(value):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def dumps(value) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text, kind) -> object:
    """The value of `text` (JSON) as an instance of `kind`; Invalid when it is not one."""
    try:
        raw = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise Invalid(f"not JSON: {exc}") from None
    return decoder(kind)(raw)


def _invalid(what: str, value) -> Invalid:
    return Invalid(f"expected {what}, got {type(value).__name__}")


_NONE = type(None)
# types JSON gives back as they are: a field of one of these is checked with one type() test
_AS_IS = {str: (str,), int: (int,), bool: (bool,), _NONE: (_NONE,)}


def _as_is(kind) -> tuple | None:
    """The JSON types a value of `kind` is stored as, unchanged (None: it needs decoding)."""
    if kind in _AS_IS:
        return _AS_IS[kind]
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        parts = [_as_is(a) for a in typing.get_args(kind)]
        if all(parts):
            return tuple(t for part in parts for t in part)
    return None


@functools.lru_cache(maxsize=None)
def decoder(kind):
    """A function from a JSON value to an instance of `kind` (a model type), checking every part."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    plain_types = _as_is(kind)
    if plain_types is not None:
        def same(v):
            if type(v) not in plain_types:
                raise _invalid(str(kind), v)
            return v
        return same
    if kind is float:
        def number(v):
            if type(v) not in (int, float):
                raise _invalid("a number", v)
            return float(v)
        return number
    if kind is dt.date:
        return _date
    if origin in (types.UnionType, typing.Union):
        options = [decoder(a) for a in args]
        return lambda v: _first(options, v)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):   # a fixed tuple: (Term, str)
        return _fixed(kind, list(args), tuple)
    if origin in (tuple, list, set, frozenset):
        return _sequence(origin, args[0])
    if origin is dict:
        key, value = decoder(args[0]), decoder(args[1])

        def mapping(v):
            if type(v) is not dict:
                raise _invalid("an object", v)
            return {key(k): value(x) for k, x in v.items()}
        return mapping
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return _fixed(kind, [hints[f.name] for f in dataclasses.fields(kind)], kind)
    raise TypeError(f"no plain form for {kind!r}")   # a programming error, not a bad cache


def _fixed(kind, part_kinds: list, build):
    """A dataclass (or a fixed tuple): the list of its field values, each checked or decoded. Fields
    stored as they are (strings, numbers) are checked in one pass: a rules cache holds thousands."""
    n = len(part_kinds)
    as_is = [_as_is(k) for k in part_kinds]
    decoded = [(i, decoder(k)) for i, (k, t) in enumerate(zip(part_kinds, as_is)) if t is None]
    checked = [(i, t) for i, t in enumerate(as_is) if t is not None]
    name = getattr(kind, "__name__", str(kind))

    def fixed(v):
        if type(v) is not list or len(v) != n:
            raise _invalid(f"{name} ({n} values)", v)
        for i, allowed in checked:
            if type(v[i]) not in allowed:
                raise _invalid(f"{name} field {i + 1}: {allowed}", v[i])
        if decoded:
            v = list(v)
            for i, decode in decoded:
                v[i] = decode(v[i])
        return build(*v) if build is not tuple else tuple(v)
    return fixed


def _sequence(origin, item_kind):
    plain_types = _as_is(item_kind)
    item = decoder(item_kind)

    def sequence(v):
        if type(v) is not list:
            raise _invalid("a list", v)
        if plain_types is not None:   # the common case, strings: one pass, no call per item
            if not all(type(x) in plain_types for x in v):
                raise Invalid(f"expected a list of {item_kind}")
            return v if origin is list else origin(v)
        return origin(item(x) for x in v)
    return sequence


def _date(v) -> dt.date:
    if type(v) is not str:
        raise _invalid("a date", v)
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise Invalid(f"not a date: {v[:20]!r}") from None


def _first(options, v):
    for option in options:
        try:
            return option(v)
        except Invalid:
            continue
    raise Invalid(f"no type of the union fits a {type(v).__name__}")
