"""A kind of planted error (its sentence shapes and how their values are drawn) and a planted case."""
from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from typing import Callable

from .corpus import Host
from .world import World

# values(tag, world, rng, host, pool) → (wrong, right): the slots of the error and of its correct twin,
# or None when the host's date gives nothing to say (another host is drawn). For a decoy shape only
# `right` is used. A pair kind may give "_partner" in `right`: the sentence the partner article gets.
Values = Callable[[str, World, random.Random, Host, list], "tuple[dict, dict] | None"]


@dataclass(frozen=True)
class Kind:
    id: str
    shapes: dict[str, list[tuple[str, str]]]     # lang → [(tag, template)]: error and correct twin
    values: Values
    decoys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # lang → traps only
    pair: bool = False                            # planted into one article checked beside another


@dataclass(frozen=True)
class Case:
    kind: str
    lang: str
    shape: str                 # "en-07", "fr-decoy-02"
    planted: bool              # an error (True) or a trap: correct text that looks like one (False)
    host: str                  # the corpus article the sentence goes into
    sentence: str
    where: int                 # after which body paragraph
    append: bool               # appended to it, or a paragraph of its own
    partner: str | None = None             # pair kinds: the other article checked with it
    partner_sentence: str | None = None    # what the partner gets (None: the partner as it is)
    partner_where: int = 0
    expected: str = ""                     # what is right, for the report of misses


def fill(template: str, values: dict) -> str:
    """The template with its {slots} filled; a slot the values lack is a bug in the kind."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = names - set(values)
    if missing:
        raise KeyError(f"{template!r}: no value for {sorted(missing)}")
    return template.format(**{k: v for k, v in values.items() if not k.startswith("_")})
