"""Deterministic synthetic data for benchmarks: a registry of people with offices and terms.

    python -m tests.benchmarks.generate registry 100000 > /tmp/registry.yaml
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SYLLABLES = ["ba", "ber", "cha", "dan", "del", "er", "fon", "gar", "hel", "ine", "jan", "kov", "lan", "mar", "mon",
             "nor", "ol", "pet", "quin", "ros", "sen", "ski", "tan", "ul", "van", "wen", "xu", "yor", "zen", "eau"]


def _first_names() -> list[tuple[str, str]]:
    out = []
    for line in (ROOT / "checker" / "lang" / "given-names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, fr, en = line.split("\t")
            gender = fr if fr in "mf" else en
            if gender in ("m", "f") and name.isalpha():
                out.append((name, gender))
    return out


def registry(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    firsts = _first_names()
    offices = {f"parliament-{i}": {"titles": {"fr": {"m": [f"député de la circonscription {i}"],
                                                     "f": [f"députée de la circonscription {i}"]},
                                              "en": {"n": [f"member for constituency {i}"]}},
                                   "single_holder": False, "source": "synthetic benchmark data"}
               for i in range(50)}
    people = {}
    for i in range(count):
        first, gender = rng.choice(firsts)
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        start = 1990 + rng.randint(0, 34)
        people[f"person-{i}"] = {
            "name": f"{first} {surname}", "gender": gender, "aliases": [surname],
            "held": [{"office": f"parliament-{rng.randint(0, 49)}", "from": f"{start}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                      "to": f"{start + rng.randint(1, 8)}-06-30"}],
            "source": "synthetic benchmark data"}
    return yaml.safe_dump({"offices": offices, "people": people}, allow_unicode=True, sort_keys=False)


if __name__ == "__main__":
    kind, count = sys.argv[1], int(sys.argv[2])
    if kind == "registry":
        sys.stdout.write(registry(count))
