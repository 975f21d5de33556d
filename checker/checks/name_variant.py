"""The same person or organisation spelled differently across the articles checked together.

## What it finds
Names of two words or more, written in the articles checked together (and, with `--against`, in the
archive index), that differ in one word by one keystroke ("Volodymyr Zelenskyy" and "Volodymyr
Zelensky", "Mark Rute" and "Mark Rutte"). No rule is needed: the spelling used most is taken as the
house spelling, and each use of a spelling used at most a third as often is flagged (at most half as
often against a spelling used twice, when the two differ by a slip of the fingers: see the options),
with the majority spelling as suggestion and the articles that use it as evidence. Case, diacritics,
hyphens, possessives ("the United Nations' …", "Gonzalez’ relatives"), the dots and spaces of
initials ("J.D. Vance", "J. D. Vance", "JD Vance") and accepted transliterations ("Gerhard
Schroeder" for "Gerhard Schröder": ä, ö, ü, ß, å, ø written ae, oe, ue, ss, aa, oe) do not count;
neither does the adjective of a place name ("South African", "Saudi Arabian" beside "South
Africa", "Saudi Arabia": the endings are in the language files, `place_adjective_endings`) nor a
plural. The suggestion is the majority's usual spelling, never one written in capitals (a
dateline's "UNITED NATIONS"). A name that `name-typo` already flags against the rules is left
to it. The leading words of a longer name count as a use of the shorter one
("Jim Pattison Industries" writes "Jim Pattison").

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
a.md, b.md, c.md: … South Africa … / d.md: … the South African team …
a.md, b.md, c.md: … Gerhard Schröder … / d.md: … Gerhard Schroeder …
```

## Options
- `min_majority` (integer, default 3): how many uses the majority spelling needs.
- `max_ratio` (float, default 0.34): a spelling is flagged when it is used at most this share of the
  majority spelling's uses.
- `slip_majority` (integer, default 2): when the two spellings differ by a slip of the fingers (two
  letters swapped, a letter doubled or undoubled, a letter wrong, missing or extra before the last
  one: "Karyn Coleamn", "Harrry Potter"), the majority needs only this many uses, and the minority
  at most half as many. A different last letter is how names inflect (Kowalska, Kowalski) and needs
  the full majority.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import replace

import regex
from rapidfuzz.distance import DamerauLevenshtein

from .. import lang as language
from ..finding import DEFAULT, Evidence, Location, Severity, found, levels
from ..fold import name_keys

ID = "name-variant"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
DEFERS_TO = ("name-typo",)   # a spelling name-typo flags against the rules is not also a variant
OPTIONS = {
    "min_majority": (int, 3, "uses the majority spelling needs before a minority spelling is flagged"),
    "max_ratio": (float, 0.34, "largest share of the majority's uses a flagged spelling may have"),
    "slip_majority": (int, 2, "uses the majority needs when the minority differs by a slip of the fingers "
                              "and is used at most half as often"),
}
MIN_WORD = 5          # the majority's differing word: shorter words (Jan/Jean) are too often other people;
                      # the minority's may be one letter shorter ("Lynh" for "Lynch")
MAX_EVIDENCE = 3
_TRIPLED = regex.compile(r"(\p{L})\1\1")   # "Marshalll": a slip however often it is copied


def check_collection(collection, options):
    spellings = [n for n in _with_leads(_names(collection)) if len(n.folded.split()) >= 2]
    uses = Counter(n.folded for n in spellings)
    forms: dict[str, Counter] = defaultdict(Counter)
    for n in spellings:
        forms[n.folded][n.text] += 1
    written = {folded: _usual(counts) for folded, counts in forms.items()}
    for minority, majority in _variants(uses, options):
        if written[majority] is None or _transliterated(forms[minority], forms[majority]) \
                or _TRIPLED.search(written[majority]):
            continue   # no house spelling; a transliteration; a letter typed three times is no house spelling
        others = [n for n in spellings if n.folded == majority]
        evidence = tuple(Evidence.at(n, n.text) for n in _spread(others)[:MAX_EVIDENCE])
        for n in spellings:
            if n.folded != minority or not collection.is_checked(n.path):
                continue
            message = (f"“{n.text}” is written “{written[majority]}” {uses[majority]} times in the articles "
                       f"checked together; expected “{written[majority]}”")
            location = Location(n.path, n.line, n.column, n.line, n.column + len(n.text))
            yield found(ID, message, location, DEFAULT, n.text, written[majority], evidence)


def _names(collection):
    """The checked articles' names, and the archive's names that share a word with them (blocking)."""
    local = list(collection.name_spellings())
    yield from local
    if collection.archive is not None:
        tokens = {t for n in local if len(n.folded.split()) >= 2 for t in n.folded.split()}
        yield from collection.archive.names_with_tokens(tokens, exclude=collection.checked)


def _with_leads(names):
    """Each name, the leading words of a longer one ("Jim Pattison Industries" also writes "Jim Pattison",
    "Lisa Stark ABC", a transcript's credit line, "Lisa Stark"), and the name after a possessive ("The
    World's Nancy Marshall" writes "Nancy Marshall"): so a slip in "Jim Patttison" has its majority."""
    for n in names:
        yield n
        words, folded = n.text.split(), n.folded.split()
        if len(words) != len(folded):
            continue
        for k in range(2, len(words)):
            yield replace(n, text=" ".join(words[:k]), folded=" ".join(folded[:k]))
        owner = max((i for i, w in enumerate(words[:-2]) if w.endswith(("'s", "’s"))), default=None)
        if owner is not None and " ".join(words) == n.text:
            offset = len(" ".join(words[:owner + 1])) + 1
            yield replace(n, column=n.column + offset, text=n.text[offset:], folded=" ".join(folded[owner + 1:]))


def _variants(uses: Counter, options) -> list[tuple[str, str]]:
    """(minority, majority) pairs of folded spellings that differ in one word by one keystroke."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for spelling in sorted(uses):
        words = spelling.split()
        for i, word in enumerate(words):
            if len(word) >= MIN_WORD - 1:
                blocks[(i, tuple(words[:i]), tuple(words[i + 1:]))].append(spelling)
    pairs = set()
    for (i, _, _), members in blocks.items():
        if len(members) < 2:
            continue
        for a in members:
            for b in members:
                if a >= b or DamerauLevenshtein.distance(a.split()[i], b.split()[i]) != 1 \
                        or _inflected(a.split()[i], b.split()[i]):
                    continue
                low, high = sorted((a, b), key=lambda s: (uses[s], s))
                if len(high.split()[i]) < MIN_WORD:
                    continue
                if uses[high] >= options["min_majority"] and uses[low] <= options["max_ratio"] * uses[high] \
                        or _slip(a.split()[i], b.split()[i]) and uses[high] >= options["slip_majority"] \
                        and 2 * uses[low] <= uses[high]:
                    pairs.add((low, high))
    return sorted(pairs)


def _slip(a: str, b: str) -> bool:
    """Words one keystroke apart by a slip of the fingers: two letters swapped, a letter doubled or undoubled
    ("Barnet"/"Barnett"), or a letter wrong, missing or extra before the last one. A different last letter is
    how names inflect (Kowalska/Kowalski, Novak/Novaka, Michel/Michele): no slip."""
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True   # swapped
        return diff[0] < len(a) - 1
    short, long = sorted((a, b), key=len)
    k = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    if 0 < k and long[k] == long[k - 1] or k + 1 < len(long) and long[k] == long[k + 1]:
        return True   # a doubled letter
    return k < len(short)


def _inflected(a: str, b: str) -> bool:
    """"Director" and "Directors" are one name in two grammatical numbers, "Africa" and "African" a place and its
    adjective: other words, not two spellings of one."""
    short, long = sorted((a, b), key=len)
    if any(long == short + ending for ending in _plural_endings()):
        return True
    return any(short.endswith(noun) and long == short[:len(short) - len(noun)] + adjective
               for noun, adjective in _place_adjective_endings())


@functools.lru_cache(maxsize=None)
def _plural_endings() -> tuple[str, ...]:
    """The plural endings of every language, like the place adjectives below."""
    return tuple(sorted({e for code in language.codes() for e in language.load(code)["plural_endings"]}))


@functools.lru_cache(maxsize=None)
def _place_adjective_endings() -> tuple[tuple[str, str], ...]:
    """(noun ending, adjective ending) of every language: the articles checked together may mix languages."""
    return tuple(sorted({(noun, adjective) for code in language.codes()
                         for noun, adjective in language.load(code)["place_adjective_endings"]}))


def _usual(counts: Counter) -> str | None:
    """The spelling written most often, not in capitals (a dateline's "UNITED NATIONS" is no spelling to suggest)."""
    usable = [(n, text) for text, n in counts.items() if not text.isupper()]
    return max(usable, key=lambda x: (x[0], x[1]))[1] if usable else None


def _transliterated(minority: Counter, majority: Counter) -> bool:
    """One spelling is an accepted transliteration of the other ("Schroeder" of "Schröder")."""
    keys = {key for text in majority for key in name_keys(text)}
    return any(key in keys for text in minority for key in name_keys(text))


def _spread(names):
    """One use per article first, so the evidence shows several articles."""
    seen, first, rest = set(), [], []
    for n in sorted(names, key=lambda n: (n.path, n.line, n.column)):
        (rest if n.path in seen else first).append(n)
        seen.add(n.path)
    return first + rest
