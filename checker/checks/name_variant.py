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
dateline's "UNITED NATIONS"), with a letter typed three times written twice ("Nancy Marshalll",
however often a transcript copies it, suggests "Nancy Marshall"). A name that `name-typo` already
flags against the rules is left to it. The leading and the trailing words of a longer name count as
a use of the shorter one ("Jim Pattison Industries" writes "Jim Pattison", "Air Force Colonel Eileen
Collins" writes "Eileen Collins").

The differing word needs five letters in the majority spelling ("Zelensky", "Rutte"): shorter
words are too often other people's (Jean and Jan Dupont, Dan and Don Smith, Mark and Mary Lane,
Lisa and Lise Stark). A four-letter word ("America West", "Polly Peck", "Troy Perkins") is taken
only when the rest of the name settles who it is and the difference is a slip, not another name:
- another word of the name, of five letters or more, is the same in both spellings;
- the difference is a slip of the fingers: two letters swapped, or inside the word a letter
  doubled, dropped or replaced by its neighbour on the keyboard (the rows are in the language files,
  `keyboard_rows`). Names differ by their first letter (Carl/Karl, Kim/Jim) and their last
  (Lisa/Lise, Mark/Mary, Mack/Mac, Jan/Jana), and a letter inside that is no neighbour makes
  another name (Dan/Don): none of these is taken;
- the minority's word is not a common given name: given-names.tsv records how common each given
  name is where it is most common (a logarithmic scale, 10 = 2 % of people); from 3 on (about
  one person in 6,000) it is some people's own name (Jan, Tom, Allan, Garry), below it (Tory,
  Lissa) or unknown (Pck, Wesst) it is taken for a slip of the majority's name. Two people whose
  first names are a slip apart and who share a surname are rare unless both names are common.
The majority needs the same uses as for a longer word (below).

## Why it matters
A newsroom's archive should spell a person one way. A minority spelling is either a typo or a
house-style slip, and readers searching the archive miss the articles that use it.

## Fails
```text
a.md: … Volodymyr Zelensky a rencontré … / b.md: … Volodymyr Zelensky … / c.md: … Volodymyr Zelensky …
d.md: … le président Volodymyr Zelenskyi a déclaré …
a.md, b.md: … America West … / c.md: … America Wesst reported a loss …
```

## Passes
```text
a.md: … Marie Dupont … / b.md: … Marie Dupont …   (one spelling)
a.md: … Lech Wałęsa … / b.md: … Lech Walesa …     (diacritics only)
a.md: … Jean Martin … / b.md: … Jean Marin …      (one use each: no majority)
a.md, b.md, c.md: … South Africa … / d.md: … the South African team …
a.md, b.md, c.md: … Gerhard Schröder … / d.md: … Gerhard Schroeder …
a.md, b.md, c.md: … Jean Dupont … / d.md: … Jan Dupont …   (Jan is a common given name)
a.md, b.md, c.md: … Mark Lane … / d.md: … Mary Lane …      (another last letter; Lane is short too)
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
from bisect import insort
from collections import Counter
from dataclasses import replace
from itertools import chain

import regex
from rapidfuzz.distance import DamerauLevenshtein

from .. import lang as language
from ..finding import DEFAULT, Evidence, Location, Severity, found, levels
from ..fold import fold_name, name_keys

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
MIN_WORD = 5          # the majority's differing word: shorter words (Jan/Jean) are too often other people
                      # (but see _short_slip); the minority's may be one letter shorter ("Lynh" for "Lynch")
MAX_EVIDENCE = 3
_TRIPLED = regex.compile(r"(\p{L})\1{2,}")   # "Marshalll": a slip however often it is copied
COMMON_NAME = 3       # given_name_frequency from which a first name is some people's own (Jan, Don), no slip


def check_collection(collection, options):
    # Two passes over the spellings, so that memory follows the vocabulary, not the number of uses: the
    # first counts uses and written forms per folded spelling, the second keeps only the flagged uses and a
    # few uses of each majority as evidence.
    archived, uses, written, pairs = _flagged_pairs(collection, options)
    if not pairs:
        return
    flagged: dict[str, list] = {minority: [] for minority, _ in pairs}
    samples = {majority: _Sample() for _, majority in pairs}
    for order, n in enumerate(_spellings(chain(collection.name_spellings(), archived))):
        if n.folded in flagged and collection.is_checked(n.path):
            flagged[n.folded].append(n)
        if n.folded in samples:
            samples[n.folded].add(n, order)
    for minority, majority in pairs:
        evidence = tuple(Evidence.at(n, n.text) for n in samples[majority].evidence())
        for n in flagged[minority]:
            usual, house = written[majority]
            message = (f"“{n.text}” is written “{usual}” {uses[majority]} times in the articles "
                       f"checked together; expected “{house}”")
            location = Location(n.path, n.line, n.column, n.line, n.column + len(n.text))
            yield found(ID, message, location, DEFAULT, n.text, house, evidence)


def _flagged_pairs(collection, options):
    """The first pass: the archive's names that matter, the uses of each spelling, the usual and the house
    spelling of each majority, and the (minority, majority) pairs to report."""
    tally = _Tally()
    # counting needs no order and no place: the written and folded forms only, the leads without a record each
    for text, folded in _forms(collection.name_forms()):
        tally.add(text, folded)
    archived = _archived(collection, tally.uses)
    for text, folded in _forms((n.text, n.folded) for n in archived):
        tally.add(text, folded)
    written, pairs = {}, []
    for minority, majority in _variants(tally.uses, options):
        usual = _usual(tally.forms(majority))
        if usual is None or _transliterated(tally.forms(minority), tally.forms(majority)):
            continue   # no house spelling; a transliteration
        house = _TRIPLED.sub(r"\1\1", usual)   # a letter typed three times is a slip however often it is copied
        if fold_name(house) == minority:
            continue   # the minority is the house spelling
        written[majority] = (usual, house)
        pairs.append((minority, majority))
    return archived, tally.uses, written, pairs


def _spellings(names):
    """The spellings of two words or more, with the leading words of longer names."""
    return (n for n in _with_leads(names) if len(n.folded.split()) >= 2)


def _forms(names):
    """(text, folded) of the spellings _spellings gives, from the (text, folded) of the names."""
    for text, folded in names:
        if len(folded.split()) >= 2:
            yield text, folded
        for _, text, folded in _leads(text, folded):
            yield text, folded      # two words or more: the leads of a name of three or more


def _archived(collection, uses: Counter) -> list:
    """With an archive, its names that share a word with the checked articles' names (blocking)."""
    if collection.archive is None:
        return []
    tokens = {t for spelling in uses for t in spelling.split()}
    return collection.archive.names_with_tokens(tokens, exclude=collection.checked)


class _Tally:
    """Uses and written forms of each folded spelling. Most spellings are always written one way: their one
    form is kept as a string, a Counter only for those written several ways."""

    def __init__(self) -> None:
        self.uses: Counter = Counter()
        self.first: dict[str, str] = {}
        self.several: dict[str, Counter] = {}

    def add(self, text: str, folded: str) -> None:
        first = self.first.setdefault(folded, text)
        if first != text and folded not in self.several:
            self.several[folded] = Counter({first: self.uses[folded]})
        if folded in self.several:
            self.several[folded][text] += 1
        self.uses[folded] += 1

    def forms(self, folded: str) -> Counter:
        return self.several.get(folded) or Counter({self.first[folded]: self.uses[folded]})


class _Sample:
    """The evidence of a majority spelling: one use per article first, in (path, line, column) order, then
    the other uses. The first MAX_EVIDENCE articles' first uses and the first MAX_EVIDENCE uses overall
    are all it takes, whatever the order the uses come in."""

    def __init__(self) -> None:
        self.first: dict[str, tuple] = {}     # path: its first use, for the first MAX_EVIDENCE paths
        self.least: list[tuple] = []          # the first MAX_EVIDENCE uses

    def add(self, n, order: int) -> None:
        item = (n.path, n.line, n.column, order, n)
        if n.path in self.first:
            self.first[n.path] = min(self.first[n.path], item)
        elif len(self.first) < MAX_EVIDENCE:
            self.first[n.path] = item
        elif n.path < max(self.first):
            del self.first[max(self.first)]
            self.first[n.path] = item
        insort(self.least, item)
        del self.least[MAX_EVIDENCE:]

    def evidence(self) -> list:
        first = sorted(self.first.values())
        rest = [item for item in self.least if item not in first]
        return [item[-1] for item in (first + rest)[:MAX_EVIDENCE]]


def _with_leads(names):
    """Each name, the leading words of a longer one ("Jim Pattison Industries" also writes "Jim Pattison",
    "Lisa Stark ABC", a transcript's credit line, "Lisa Stark"), and its trailing words, where a rank, a
    possessive or a transcript's words run into the name ("Air Force Colonel Eileen Collins", "The World's
    Nancy Marshall", "For The World I'm Nancy Marshall" write "Eileen Collins", "Nancy Marshall"): so a
    slip in "Jim Patttison" or "Eileen Colins" has its majority."""
    for n in names:
        yield n
        for offset, text, folded in _leads(n.text, n.folded):
            yield replace(n, column=n.column + offset, text=text, folded=folded)


def _leads(text: str, folded: str):
    """(offset, text, folded) of the leading words of a name (offset 0), then of its trailing words (_with_leads)."""
    words, folds = text.split(), folded.split()
    if len(words) != len(folds):
        return
    for k in range(2, len(words)):
        yield 0, " ".join(words[:k]), " ".join(folds[:k])
    if " ".join(words) != text:
        return   # a name across a line break: its columns would be wrong
    for k in range(1, len(words) - 1):
        offset = len(" ".join(words[:k])) + 1
        yield offset, text[offset:], " ".join(folds[k:])


def _variants(uses: Counter, options) -> list[tuple[str, str]]:
    """(minority, majority) pairs of folded spellings that differ in one word by one keystroke."""
    pairs = set()
    for key, members in _blocks(uses).items():
        i = key.split(" ").index("\0")
        for a in members:
            for b in members:
                if a >= b or DamerauLevenshtein.distance(a.split()[i], b.split()[i]) != 1 \
                        or _inflected(a.split()[i], b.split()[i]):
                    continue
                low, high = sorted((a, b), key=lambda s: (uses[s], s))
                if len(high.split()[i]) < MIN_WORD and not _short_slip(low.split(), high.split(), i):
                    continue
                if uses[high] >= options["min_majority"] and uses[low] <= options["max_ratio"] * uses[high] \
                        or _slip(a.split()[i], b.split()[i]) and uses[high] >= options["slip_majority"] \
                        and 2 * uses[low] <= uses[high]:
                    pairs.add((low, high))
    return sorted(pairs)


def _blocks(spellings) -> dict[str, list[str]]:
    """The spellings, in order, that are one name with one word masked (blocking), for the blocks of two or more."""
    blocks: dict[str, list[str]] = {}
    alone: dict[str, str] = {}            # a block of one spelling holds no list
    for spelling in sorted(spellings):
        words = spelling.split()
        for i, word in enumerate(words):
            if len(word) >= MIN_WORD - 2:
                key = " ".join(words[:i] + ["\0"] + words[i + 1:])
                member = alone.setdefault(key, spelling)
                if member != spelling:
                    blocks.setdefault(key, [member]).append(spelling)
    return blocks


def _short_slip(minority: list[str], majority: list[str], i: int) -> bool:
    """A short word (Peck, West, Lisa) told apart from another name by the rest of the name and the kind of slip:
    another word of five letters or more is the same, the majority's word has four letters, and the minority's
    is a slip of the fingers (_inner_slip) that is not a common given name."""
    a, b = minority[i], majority[i]
    return len(b) == MIN_WORD - 1 and any(len(w) >= MIN_WORD for k, w in enumerate(majority) if k != i) \
        and _inner_slip(a, b) and language.given_name_frequency(a) < COMMON_NAME


def _inner_slip(a: str, b: str) -> bool:
    """One slip of the fingers that keeps the first letter: two letters swapped ("Tory"/"Troy", "Wets"/"West"),
    or, inside the word, a letter replaced by its neighbour on the keyboard, doubled or dropped ("Wesst"/"West",
    "Pck"/"Peck"). Real names differ by their first letter (Carl/Karl, Kim/Jim) or their last (Lisa/Lise,
    Mark/Mary, Mack/Mac, Jan/Jana); and another letter inside a name, not a neighbour on the keyboard, is
    another name (Dan/Don)."""
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 2:
            return diff[0] > 0   # swapped, the last two letters too ("Wets")
        return 0 < diff[0] < len(a) - 1 and frozenset((a[diff[0]], b[diff[0]])) in _keyboard_neighbours()
    k = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    if not 0 < k < min(len(a), len(b)):
        return False
    return len(a) < len(b) or a[k] == a[k - 1]   # dropped, or doubled


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
def _keyboard_neighbours() -> frozenset:
    """Pairs of letters side by side or one above the other on a keyboard of any language (rows staggered)."""
    pairs = set()
    for code in language.codes():
        rows = language.load(code)["keyboard_rows"]
        for r, row in enumerate(rows):
            for k, letter in enumerate(row):
                near = [row[k + 1]] if k + 1 < len(row) else []
                if r + 1 < len(rows):
                    near += [rows[r + 1][j] for j in (k - 1, k) if 0 <= j < len(rows[r + 1])]
                pairs.update(frozenset((letter, other)) for other in near)
    return frozenset(pairs)


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
