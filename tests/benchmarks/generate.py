"""Deterministic synthetic data for benchmarks: archives of articles, and a registry of people.

    python -m tests.benchmarks.generate archive 10000 /tmp/archive     # French and English articles
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
            name, fr, en = line.split("\t")[:3]
            gender = fr if fr in "mf" else en
            if gender in ("m", "f") and name.isalpha():
                out.append((name, gender))
    return out


ENGLISH = [
    "NATO Secretary General {name} said on {weekday} that allies must spend {pct} % of GDP on defence by {year}.",
    "{name} met the British Prime Minister in London on {day} {month} {year}.",
    "The alliance will deploy {count} troops to the eastern flank from {year}, officials said.",
    "An aid package of {amount} billion dollars was announced by {name}.",
    "“We will do whatever it takes”, {name} told reporters in Brussels.",
    "The summit in The Hague on 24-25 June brought together {count} leaders.",
    "Defence spending rose from {small} to {amount} billion, according to the ministry.",
    "The mission, based in Wiesbaden, has about {count} staff.",
]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _seed_sentences() -> list[str]:
    import re
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            sentences += [s.strip() for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])", paragraph) if len(s.strip()) > 40]
    return sentences


def _people() -> list[str]:
    rules = yaml.safe_load((ROOT / "rules" / "people.yaml").read_text(encoding="utf-8"))["people"]
    heads = yaml.safe_load((ROOT / "rules" / "heads.yaml").read_text(encoding="utf-8"))["people"]
    return sorted(p["name"] for p in list(rules.values()) + list(heads.values()))


def archive(count: int, out: Path, seed: int = 11) -> list[Path]:
    """count articles (two in three French, one in three English), 6 to 14 sentences each, with front matter."""
    import re
    rng = random.Random(seed)
    french = _seed_sentences()
    people = _people()
    digits = re.compile(r"\d+")
    paths = []
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        english = i % 3 == 2
        year = rng.randint(2014, 2026)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        body = []
        for _ in range(rng.randint(6, 14)):
            if english:
                body.append(rng.choice(ENGLISH).format(
                    name=rng.choice(people), weekday=rng.choice(WEEKDAYS_EN), pct=rng.choice([2, 3.5, 5]),
                    year=rng.randint(2015, 2035), day=rng.randint(1, 28), month=rng.choice(MONTHS_EN),
                    count=rng.randint(10, 900), amount=rng.randint(2, 60), small=rng.randint(1, 9)))
            else:
                sentence = rng.choice(french).replace("Mark Rutte", rng.choice(people))
                body.append(digits.sub(lambda m: str(int(m.group()) + rng.randint(0, 3)) if len(m.group()) < 4
                                       else m.group(), sentence))
        path = out / f"{i // 1000:03d}" / f"article-{i:06d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"---\ntitle: Article {i}\ndate: {date}\nlang: {'en' if english else 'fr'}\n---\n\n"
                        + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


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
    elif kind == "archive":
        archive(count, Path(sys.argv[3]))
