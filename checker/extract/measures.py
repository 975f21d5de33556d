"""Measures: what a figure counts or measures, and the role it plays, read from the words around it.

The measure is a noun phrase of the figure's clause, normalised through the language data: the noun a number
counts ("27 États membres", "40 morts"), the noun phrase before "of"/"de" ("net income of $1.9 million",
"une aide de 2 milliards"), the subject of a verb of level or change ("Sales rose to $3 million", "le chômage
a reculé à 7,5 %", "the Nikkei index fell 151.20 points"), what a percentage is of ("5 % du PIB"), and the
words that make a measure another one (total, core, first round, dead, injured …). ", or 15 cents a share"
takes the measure of the figure it restates, per share. The role says whether the figure is a level, a change
("rose 5 %", "en hausse de 5 %"), or the start of one ("from $2.9 million", "contre 2,9 millions").

Pure: a sentence's tokens and figures → Frames."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import accumulate

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation

MAX_NP = 3                     # content words of a noun phrase
_TOKEN = patterns.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_TOKEN_SPLIT = patterns.compile(r"(\p{L}[\p{L}\p{M}'’-]*)")
# The same split for text of the Latin letters (up to U+024F) and a few common signs beyond them: there \p{L} is this
# class and no character is a mark (tests/test_claim_patterns.py checks every one), and the standard engine splits a
# sentence in a third less time than `regex` with its Unicode properties
LATIN_LETTERS = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
LATIN_SIGNS = "\u2009\u200b\u202f\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac"
_LATIN_TOKEN_SPLIT = re.compile(rf"([{LATIN_LETTERS}][{LATIN_LETTERS}'’-]*)")
_NOT_LATIN = re.compile(rf"[^\x00-\u024f{LATIN_SIGNS}]")
_ELISION = patterns.compile(r"^\p{L}{1,2}['’]")


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Frame:
    measure: tuple[str, ...]       # the stems of the measure's words, sorted; () when unknown
    marks: tuple[str, ...]         # what makes it another measure: discriminating words, "+"/"-" (a change), "share"
    text: str                      # the measure as written, for messages
    role: str                      # "level", "up", "down", "start" (of a change) or "compare" (with another)
    per: bool = False              # of a figure per share
    verb: bool = False             # a verb of level or change says what it is ("topped", "s'élève à")


@functools.lru_cache(maxsize=None)
def _data(code: str) -> dict:
    data = language.load(code)
    f = data["claim_frames"]
    flags = regex.I
    change = {fold(k): v for k, v in f["change"].items()}
    return {
        "stop": frozenset(fold(w) for w in data["statement_stopwords"]) | frozenset(fold(w) for w in data["function_words"]
                                                                                   if isinstance(w, str)),
        "links": frozenset(fold(w).rstrip("'") for w in data["measure_links"]),
        "determiners": frozenset(fold(w).rstrip("'") for w in data["measure_determiners"]),
        "verbs": frozenset(fold(w) for w in f["verbs"]),
        "verb_endings": tuple(f["verb_endings"]),
        "synonyms": {_phrase(k, data): tuple(fold(v).split()) for k, v in f["synonyms"].items()},
        "marks": frozenset(fold(w) for w in data["statement_discriminators"] if " " not in w),
        "mark_phrases": tuple(fold(w) for w in data["statement_discriminators"] if " " in w),
        "adjective_after": bool(data["measure_adjective_after"]),
        "change_words": change,
        "start_any": patterns.compile(rf"(?<![\w-])(?:{alternation(f['start'] + f['compare'])})(?![\w-])", flags),
        "apposition": patterns.compile(rf"^\s*[,(]?\s*(?:(?:{alternation(f['apposition'])})\s*)?$", flags),
        "to": patterns.compile(rf"^\s*(?:{alternation(f['level_link'] + f['range_to'])})\s*$", flags),
        "markers": _marker_table(f),
        "verb_measures": {fold(k): tuple(fold(v).split()) for k, v in f["verb_measures"].items()},
        "relatives": frozenset(fold(w) for w in data["subject_relatives"]),
        "speech": frozenset(fold(w) for w in data["attribution_verbs"]),
        "prepositions": frozenset(fold(w) for w in data["subject_prepositions"]) | frozenset(
            fold(w) for w in data["measure_links"]),
        "determiner_before": patterns.compile(rf"(?<![\w-])(?:{alternation(data['measure_determiners'])})\s*$", flags),
    }


def _phrase(text: str, data) -> str:
    """A phrase of the language data as normalised() reads it: content words, folded."""
    stop = {fold(w) for w in data["statement_stopwords"]} | {fold(w).rstrip("'") for w in data["measure_links"]}
    return " ".join(w for w in (_content(t) for t in _TOKEN.findall(text)) if len(w) > 1 and w not in stop)


MAX_MARKER = 4                 # words of the longest phrase that can stand right before a figure


def _marker_table(f: dict) -> dict[tuple[str, ...], tuple[str, str | None]]:
    """Folded phrases → (kind, direction): "rose to" → change_to, "fell" → change/down, "a été de" → level, "of",
    "to", "from", "compared with"; the longest phrase before a figure decides (see marker)."""
    table: dict[tuple[str, ...], tuple[str, str | None]] = {}

    def put(phrase: str, kind: str, direction: str | None = None) -> None:
        words = tuple(fold(phrase).replace("’", "'").split())
        table.setdefault(words, (kind, direction))

    for word, direction in f["change"].items():
        for link in f["level_link"]:
            put(f"{word} {link}", "change_to", direction)
        for link in f["change_link"]:
            put(f"{word} {link}", "change", direction)
        put(word, "change", direction)
    for kind in ("level", "of", "start", "compare"):
        for phrase in f[kind]:
            put(phrase, kind)
    for phrase in f["level_link"]:
        put(phrase, "to_end")
    return table


def marker(words: "SentenceWords", cut: int, floor: int, data: dict) -> tuple[str | None, int, str | None]:
    """(kind, start, direction) of the phrase that ends right before a figure (at `cut`, within the clause from
    `floor`): "rose to", "fell", "was", "of", "d'", "to", "from", "compared with"; (None, cut, None) when none.
    Looked up word by word in a table, the longest phrase first."""
    toks, prose = words.tokens, words.prose
    j = bisect.bisect_left(words.ends, cut + 1) - 1 + 1      # a token that straddles the cut ("d'|environ")
    starts: list[int] = []   # the phrase's words, from the figure back
    phrase: list[str] = []
    right = cut
    while j >= 0 and len(phrase) < MAX_MARKER:
        if j >= len(toks) or toks[j][0] >= cut:
            j -= 1
            continue
        start, end, raw = toks[j]
        if start < floor or prose[min(end, cut):right].strip(" \u00a0\u202f"):
            break
        starts.append(start)
        phrase.append(fold(raw[:cut - start] if end > cut else raw).replace("’", "'"))
        right = start
        j -= 1
    phrase.reverse()
    markers = data["markers"]
    for n in range(len(phrase), 0, -1):
        found = markers.get(tuple(phrase[-n:]))
        if found:
            return found[0], starts[n - 1], found[1]
    return None, cut, None


@functools.lru_cache(maxsize=65536)
def _content(word: str) -> str:
    return _ELISION.sub("", fold(word)).strip("-'’")


def _elided(word: str) -> bool:
    """Does the word open with an elided article or pronoun ("l'", "qu'")? Its apostrophe, second or third, is
    looked for first: most words have none, and the test is much cheaper than the pattern's."""
    return ("'" in word[1:3] or "’" in word[1:3]) and _ELISION.match(word) is not None


@functools.lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold(word)


class SentenceWords:
    """The words of one sentence, with their positions and folded forms, for reading noun phrases around figures;
    which of them are names or inside a period mention is marked once (offsets relative to the sentence)."""

    def __init__(self, prose: str, folded: str, start: int, end: int, skip: list[tuple[int, int]], names: list) -> None:
        self.prose, self.start = prose, start
        # the pattern has no lookaround: splitting the sentence's text finds the same words, and their offsets are
        # the running sum of the pieces' lengths (no match object per word)
        text = prose[start:end]
        parts = (_LATIN_TOKEN_SPLIT if text.isascii() or not _NOT_LATIN.search(text) else _TOKEN_SPLIT).split(text)
        offsets = list(accumulate(map(len, parts), initial=start))
        self.tokens = list(zip(offsets[1::2], offsets[2::2], parts[1::2]))
        # the folded prose keeps offsets: a word's folded form is a slice (the few letters it keeps, œ æ ß, folded apart)
        self.folded = [folded[a:b] for a, b, _ in self.tokens] if folded[start:end].isascii() else \
            [folded[a:b] if folded[a:b].isascii() else _folded(raw) for a, b, raw in self.tokens]
        self.ends = [t[1] for t in self.tokens]
        self._skip = _marked(start, end, skip)
        self._names = _marked(start, end, ((n.start, n.end) for n in names))

    def is_name(self, offset: int) -> bool:
        """A capitalised word that is a name ("Sales" opening a sentence is not one)."""
        i = offset - self.start
        return 0 <= i < len(self._names) and bool(self._names[i])

    def skipped(self, offset: int) -> bool:
        i = offset - self.start
        return 0 <= i < len(self._skip) and bool(self._skip[i])

    def index_before(self, offset: int) -> int:
        """The index of the last token that ends at or before offset (-1 when none)."""
        return bisect.bisect_right(self.ends, offset) - 1

    def opens_with(self, offset: int, words: frozenset) -> bool:
        """Whether the first word at or after offset is one of the words."""
        i = bisect.bisect_right(self.ends, offset)
        return i < len(self.tokens) and self.folded[i] in words

    def between(self, start: int, end: int) -> range:
        """The indexes of the tokens within [start, end)."""
        return range(bisect.bisect_left(self.ends, start + 1), bisect.bisect_right(self.ends, end))


def _marked(start: int, end: int, spans) -> bytearray:
    flags = bytearray(end - start)
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a < b:
            flags[a - start:b - start] = b"\x01" * (b - a)
    return flags


# complex by design (C901): one stop rule per kind of token met walking back (name, determiner, verb, punctuation, period mention)
def np_before(words: SentenceWords, offset: int, floor: int, data: dict) -> list[tuple[int, int, str]]:  # noqa: C901
    """The noun phrase that ends right before offset (within the clause starting at floor): "net income",
    "chiffre d'affaires", "taux de chômage"; a period mention and its link words are passed over ("Net for the
    nine months was …"); a name, a determiner, a verb or punctuation ends it."""
    toks, prose = words.tokens, words.prose
    out: list[tuple[int, int, str]] = []
    j, right, passing = words.index_before(offset), offset, False
    while j >= 0 and toks[j][0] >= floor:
        start, end, raw = toks[j]
        if prose[end:right].strip(" \u00a0\u202f"):
            break
        right = start
        j -= 1
        word = fold(raw)
        name = raw[0].isupper() and words.is_name(start) or raw[2:3].isupper() and _elided(raw)
        if words.skipped(start):
            if out:
                break                           # "its third-quarter loss": a period inside the phrase ends it
            passing = True                      # "Net for the nine months was": pass over it and its link words
            continue
        if passing and (word in data["stop"] or word in data["links"]):
            continue
        passing = False
        if out and word in data["links"] and j >= 0 and not name:
            nxt = toks[j]
            if fold(nxt[2]) not in data["stop"] and not (nxt[2][0].isupper() and words.is_name(nxt[0])):
                out.insert(0, (start, end, raw))   # "taux de chômage": a link inside the phrase
                continue
        if word in data["stop"] or name or word in data["verbs"] or word in data["change_words"]:
            break
        if word.endswith(data["verb_endings"]) and len(word) > 4 and not (j >= 0 and fold(toks[j][2]) in data["determiners"]):
            break                               # "reported net income": a verb, unless a determiner makes it an adjective
        out.insert(0, (start, end, raw))
        if sum(1 for t in out if fold(t[2]) not in data["links"]) >= MAX_NP:
            break
    while out and fold(out[0][2]) in data["links"]:
        out.pop(0)
    return out


def np_after(words: SentenceWords, offset: int, ceiling: int, data: dict, bare: int) -> tuple[list, list, int]:
    """(words, names, end) of what follows a figure and says what it is of: "du PIB aux dépenses de défense",
    "of its GDP on defence", "of operating profit", "military aid package"; names met there are the figure's
    owners ("of NATO", "à l'Ukraine"). After a link, a run of words: the noun and its adjective where the
    language puts it after, the adjectives and the noun otherwise."""
    toks, prose = words.tokens, words.prose
    out, names = [], []
    j = words.index_before(offset) + 1
    left, stop, run = offset, offset, bare
    run_size = 2 if data["adjective_after"] else MAX_NP
    while j < len(toks) and toks[j][1] <= ceiling:
        start, end, raw = toks[j]
        if prose[left:start].strip(" \u00a0\u202f'’") or words.skipped(start):
            break                               # punctuation, or a period ("à partir de 2026", "in March")
        left = end
        j += 1
        word = fold(raw)
        if raw[2:3].isupper() and _elided(raw) and words.is_name(start + 2):
            names.append((start + 2, end, raw[2:]))   # "à l'Ukraine"
            stop, run = end, 0
            continue
        if word in data["links"]:
            run = run_size
            continue
        if _elided(raw) and fold(raw[:2]).rstrip("'") in data["links"] and len(raw) > 2:
            run, word = run_size, _content(raw)            # "d'affaires"
        elif word in data["determiners"] and run == run_size:
            continue
        elif raw[0].isupper() and words.is_name(start):
            if run <= 0:
                break
            names.append((start, end, raw))
            stop, run = end, 0                  # "of NATO met in …": the verb after the name ends it
            continue
        if run <= 0 or word in data["stop"] or word in data["verbs"] or word in data["change_words"] \
                or (word.endswith(data["verb_endings"]) and run != run_size and len(word) > 4):
            break
        out.append((start, end, raw))
        stop = end
        run -= 1
    return out, names, stop


# complex by design (C901): one rule per kind of token that may open a clause (name, determiner, elided determiner, capitalised word)
def clause_subject(words: SentenceWords, floor: int, offset: int, data: dict,  # noqa: C901
                   introduced: bool = False) -> list[tuple[int, int, str]]:
    """The first noun phrase of the clause, after its names and determiners: "Citadel shares closed …" →
    shares, "The Nikkei index was …" → index, "L'armée est …" → armée. `introduced`: only a noun after a
    determiner (or an elided one, "l'armée"), or a capitalised word opening the clause ("Airbus employs …")."""
    toks = words.tokens
    out: list = []
    j = words.index_before(floor) + 1
    if introduced:
        if j < len(toks) and toks[j][0] == floor and toks[j][2][0].isupper() and fold(toks[j][2]) not in data["stop"] \
                and not _elided(toks[j][2]):
            return [toks[j]]                    # "Airbus employs 5,000 people"
        while j < len(toks) and toks[j][1] <= offset:   # the first noun after a determiner: "Il rappelle que le gouvernement"
            start, end, raw = toks[j]
            j += 1
            if _elided(raw) and fold(raw[:1]) in data["determiners"] | {"l"}:
                return [(start, end, raw)]
            if fold(raw) in data["determiners"] and j < len(toks) and toks[j][1] <= offset:
                word = fold(toks[j][2])
                if word not in data["stop"] and word not in data["verbs"] and not toks[j][2][0].isupper():
                    return [toks[j]]
        return []
    while j < len(toks) and toks[j][1] <= offset:
        start, end, raw = toks[j]
        j += 1
        word = fold(raw)
        if words.skipped(start):
            if out:
                break
            continue
        name = raw[0].isupper() and words.is_name(start)
        if name and not out:
            continue
        if not out and (word in data["determiners"] or word in data["stop"]):
            continue
        if out and word in data["links"] and j < len(toks) and not toks[j][2][0].isupper() \
                and fold(toks[j][2]) not in data["stop"]:
            out.append((start, end, raw))          # "taux de chômage", "number of dead": a link inside the phrase
            continue
        if word in data["stop"] or word in data["verbs"] or word in data["change_words"] or name \
                or word.endswith(data["verb_endings"]) and out:
            break
        out.append((start, end, raw))
        if sum(1 for t in out if fold(t[2]) not in data["links"]) >= MAX_NP:
            break
    while out and fold(out[-1][2]) in data["links"]:
        out.pop()
    return out


def normalised(tokens, data: dict) -> list[str]:
    """Content words of a phrase with the language's synonyms applied ("net" → "net income")."""
    words = [_content(t[2]) for t in tokens]
    words = [w for w in words if len(w) > 1 and w not in data["stop"] and w not in data["links"]]
    phrase = " ".join(words)
    return list(data["synonyms"].get(phrase, words))


def stem(word: str) -> str:
    """A crude stem that two forms of one word share: "visiteurs"/"visité" → "visite", "employees"/"employed" →
    "employ", "countries"/"country" → "countr" (a plural ending off, then six letters at most)."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def verb_measure(words: SentenceWords, cut: int, floor: int, data: dict) -> tuple[str, ...]:
    """The measure a verb right before a figure names ("earned $120 million" is net income), from the language data."""
    j = words.index_before(cut)
    if j < 0 or words.tokens[j][0] < floor or words.prose[words.tokens[j][1]:cut].strip():
        return ()
    return data["verb_measures"].get(words.folded[j], ())


def marks(words: SentenceWords, start: int, end: int, data: dict) -> set[str]:
    """Discriminating words written in lower case ("premier tour", "core", "dead") between two offsets, and
    phrases; words inside period mentions are not marks ("troisième trimestre")."""
    found, seen = set(), []
    for i in words.between(start, end):
        raw = words.tokens[i][2]
        if words.skipped(words.tokens[i][0]):
            continue
        word = words.folded[i]
        seen.append(word)
        if raw[0].islower() and word in data["marks"] and word not in data["change_words"]:
            found.add(word)
    if data["mark_phrases"]:
        folded = " " + " ".join(seen) + " "
        found |= {p for p in data["mark_phrases"] if f" {p} " in folded}
    return found


def context_words(words: SentenceWords, start: int, end: int, skip: tuple[int, int], data: dict) -> set[str]:
    """The content words between two offsets, those of the `skip` span left out (the figure itself)."""
    out = set()
    for i in words.between(start, end):
        if skip[0] <= words.tokens[i][0] < skip[1] or words.skipped(words.tokens[i][0]):
            continue
        word = _content(words.tokens[i][2])
        if len(word) > 2 and word not in data["stop"]:
            out.add(word)
    return out
