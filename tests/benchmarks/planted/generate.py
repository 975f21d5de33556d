"""Draw the planted cases: for every kind, language and sentence shape, `reps` errors, each with its
correct twin in the same host at the same place, and the kind's look-alike traps. Seeded: the same
seed, corpora and rules give the same cases."""
from __future__ import annotations

import random

from .corpus import Host
from .model import Case, Kind, fill
from .world import World

ATTEMPTS = 60


def generate(kinds: list[Kind], langs: list[str], hosts: dict[str, list[Host]], base, seed: int, reps: int,
             shapes: int | None = None) -> tuple[list[Case], list[str]]:
    """The cases, and the shapes that no host's date could take (said in the report)."""
    cases: list[Case] = []
    skipped: list[str] = []
    worlds: dict = {}
    for kind in kinds:
        for lang in langs:
            pool = hosts[lang]
            rng = random.Random(f"{seed}:{kind.id}:{lang}")
            for label, shape_list, decoy in ((f"{lang}-", kind.shapes.get(lang, []), False),
                                             (f"{lang}-trap-", kind.decoys.get(lang, []), True)):
                for i, (tag, template) in enumerate(shape_list[:shapes] if shapes else shape_list):
                    shape = f"{label}{i + 1:02d}"
                    for _ in range(reps):
                        drawn = _draw(kind, lang, shape, tag, template, pool, base, rng, worlds, decoy)
                        if drawn is None:
                            skipped.append(f"{kind.id} {shape}: {template}")
                            break
                        cases.extend(drawn)
    return cases, skipped


def _draw(kind, lang, shape, tag, template, pool, base, rng, worlds, decoy):
    for _ in range(ATTEMPTS):
        host = rng.choice(pool)
        world = worlds.get(host.date) or worlds.setdefault(host.date, World(base, host.date))
        got = kind.values(tag, world, rng, host, pool)
        if got is not None:
            break
    else:
        return None
    wrong, right = got
    where, append = rng.randrange(len(host.body)), rng.random() < 0.5
    common = dict(kind=kind.id, lang=lang, shape=shape, host=host.name, where=where, append=append,
                  partner=right.get("_partner"), partner_sentence=right.get("_partner_sentence"),
                  partner_where=rng.randrange(1000))
    trap = Case(planted=False, sentence=fill(template, right), **common)
    if decoy:
        return [trap]
    error = Case(planted=True, sentence=fill(template, wrong), expected=trap.sentence, **common)
    return [error, trap]
