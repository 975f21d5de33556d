"""The same person or organisation spelled differently across the articles checked together.

## What it finds
Names of two words or more, written in the articles checked together (and, with `--against`, in the
archive index), that differ in one word by one keystroke ("Volodymyr Zelenskyy" and "Volodymyr
Zelensky", "Mark Rute" and "Mark Rutte"). No rule is needed: the spelling used most is taken as the
house spelling, and each use of a spelling used at most a third as often is flagged, with the
majority spelling as suggestion and the articles that use it as evidence. Case, diacritics and
hyphens do not count ("Lech Walesa" is "Lech Wałęsa"); a name that `name-typo` already flags
against the rules is left to it.

## Why it matters
A newsroom's archive should spell a person one way. A minority spelling is either a typo or a
house-style slip, and readers searching the archive miss the articles that use it.

## Fails
```text
a.md: … Volodymyr Zelensky a rencontré … / b.md: … Volodymyr Zelensky … / c.md: … Volodymyr Zelensky …
d.md: … le président Volodymyr Zelenskyi a déclaré …
```

## Passes
```text
a.md: … Marie Dupont … / b.md: … Marie Dupont …   (one spelling)
a.md: … Lech Wałęsa … / b.md: … Lech Walesa …     (diacritics only)
a.md: … Jean Martin … / b.md: … Jean Marin …      (one use each: no majority)
```

## Options
- `min_majority` (integer, default 3): how many uses the majority spelling needs.
- `max_ratio` (float, default 0.34): a spelling is flagged when it is used at most this share of the
  majority spelling's uses.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import DamerauLevenshtein

from ..finding import Evidence, Finding, Location, Severity

ID = "name-variant"
SEVERITY = Severity.WARNING
OPTIONS = {
    "min_majority": (int, 3, "uses the majority spelling needs before a minority spelling is flagged"),
    "max_ratio": (float, 0.34, "largest share of the majority's uses a flagged spelling may have"),
}
MIN_WORD = 5          # the differing word: shorter words (Jan/Jean) are too often other people
MAX_EVIDENCE = 3


def check_collection(collection, options):
    spellings = [n for n in _names(collection) if len(n.folded.split()) >= 2]
    uses = Counter(n.folded for n in spellings)
    written = {}
    for n in spellings:
        written.setdefault(n.folded, n.text)
    for minority, majority in _variants(uses, options):
        others = [n for n in spellings if n.folded == majority]
        evidence = tuple(Evidence(f"{n.path}:{n.line}", n.text) for n in _spread(others)[:MAX_EVIDENCE])
        for n in spellings:
            if n.folded != minority or not collection.is_checked(n.path):
                continue
            message = (f"“{n.text}” is written “{written[majority]}” {uses[majority]} times in the articles "
                       f"checked together; expected “{written[majority]}”")
            location = Location(n.path, n.line, n.column, n.line, n.column + len(n.text))
            yield Finding(ID, message, location, SEVERITY, n.text, written[majority], evidence)


def _names(collection):
    """The checked articles' names, and the archive's names that share a word with them (blocking)."""
    local = [n for record in collection.records for n in record.names]
    yield from local
    if collection.archive is not None:
        tokens = {t for n in local if len(n.folded.split()) >= 2 for t in n.folded.split()}
        yield from collection.archive.names_with_tokens(tokens, exclude=collection.checked)


def _variants(uses: Counter, options) -> list[tuple[str, str]]:
    """(minority, majority) pairs of folded spellings that differ in one word by one keystroke."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for spelling in sorted(uses):
        words = spelling.split()
        for i, word in enumerate(words):
            if len(word) >= MIN_WORD:
                blocks[(i, tuple(words[:i]), tuple(words[i + 1:]))].append(spelling)
    pairs = set()
    for (i, _, _), members in blocks.items():
        if len(members) < 2:
            continue
        for a in members:
            for b in members:
                if a >= b or DamerauLevenshtein.distance(a.split()[i], b.split()[i]) != 1 \
                        or _plural(a.split()[i], b.split()[i]):
                    continue
                low, high = sorted((a, b), key=lambda s: (uses[s], s))
                if uses[high] >= options["min_majority"] and uses[low] <= options["max_ratio"] * uses[high]:
                    pairs.add((low, high))
    return sorted(pairs)


def _plural(a: str, b: str) -> bool:
    """"Director" and "Directors" are one name in two grammatical numbers, not two spellings."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "x")


def _spread(names):
    """One use per article first, so the evidence shows several articles."""
    seen, first, rest = set(), [], []
    for n in sorted(names, key=lambda n: (n.path, n.line, n.column)):
        (rest if n.path in seen else first).append(n)
        seen.add(n.path)
    return first + rest
