"""Build checker/lang/given-names.tsv from Jörg Michael's nam_dict.txt (GNU FDL 1.2).

    pip download --no-deps gender-guesser==0.4.0   # ships gender_guesser/data/nam_dict.txt
    python tools/build_given_names.py path/to/nam_dict.txt > checker/lang/given-names.tsv

A name gets a gender for a language when every entry of it used in that language's countries
(French: France, Belgium, Luxembourg, Switzerland; English: Great Britain, Ireland, U.S.A.)
says the same gender; unisex or mixed names get "?" so that title-gender says nothing about them.
The last column is how common the name is where it is most common, over every country of the source
(0 to 13, a logarithmic scale: 10 is 2 % of the population, each step about a factor of two; name-variant
tells a slip in a first name from another person's first name by it).
"""
from __future__ import annotations

import sys

COUNTRIES = {"fr": (37, 38, 39, 44), "en": (30, 31, 32)}
EVERY_COUNTRY = slice(30, 85)   # one hexadecimal frequency per country, blank where the name is not used
GENDERS = {"M": "m", "1M": "m", "F": "f", "1F": "f", "?M": "?", "?F": "?", "?": "?"}
HEADER = """# Given names and their gender in French and English use: name, fr, en (m, f, ? = either, - = not used),
# and how common the name is in the country where it is most common (0 to 13, 10 = 2 % of people, logarithmic).
# Derived from nam_dict.txt, (c) 2007-2008 Jörg MICHAEL, under the GNU Free Documentation License 1.2
# (see GFDL-1.2.txt beside this file); this derived list is released under the same licence.
# Regenerate with tools/build_given_names.py; do not edit by hand.
"""


def build(lines) -> tuple[dict[str, dict[str, set[str]]], dict[str, int]]:
    names: dict[str, dict[str, set[str]]] = {}
    frequency: dict[str, int] = {}
    for line in lines:
        if not line or line.startswith("#") or line.startswith("="):
            continue
        code, name = line[:2].strip(), line[3:29].strip()
        if len(line) > 29 and line[29] == "+" or "+" in name or code not in GENDERS or not name:
            continue
        for lang, columns in COUNTRIES.items():
            if any(len(line) > c and line[c] not in " $" for c in columns):
                names.setdefault(name, {}).setdefault(lang, set()).add(GENDERS[code])
        common = max((int(c, 16) for c in line[EVERY_COUNTRY] if c in "123456789ABCD"), default=0)
        frequency[name] = max(frequency.get(name, 0), common)
    return names, frequency


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        names, frequency = build(fh.read().splitlines())
    out = [HEADER.rstrip("\n")]
    for name in sorted(names, key=lambda n: (n.casefold(), n)):
        cells = []
        for lang in ("fr", "en"):
            genders = names[name].get(lang)
            cells.append("-" if not genders else genders.pop() if len(genders) == 1 else "?")
        out.append(f"{name}\t{cells[0]}\t{cells[1]}\t{frequency[name]}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
