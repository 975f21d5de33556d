"""The matches of a pattern, tried only where one can begin.

A pattern scanned over a whole article is tried at every position that passes its first-character
test; for the long patterns of dates, relative dates and reckonings, whose words begin with frequent
letters, that is most of the text, and the `regex` module's cost per position dominates an article's
extraction. The words a match can begin with are few and known (weekdays, months, "hier", "demain",
a day's digits), and str.find finds them in a fraction of that time: so the words are found first,
and the pattern is matched only there.

`finditer_at(pattern, text, starts)` gives exactly what `pattern.finditer(text)` gives when every
match of the pattern begins at one of `starts` (each extractor says why its starts are enough): the
same matches, in order, none overlapping an earlier one.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Iterable, Iterator

import regex

from .. import lang as language
from .. import patterns


@functools.lru_cache(maxsize=None)
def _finder(words: frozenset[str]) -> regex.Pattern:
    # Named lists are not kept in the pattern cache (its key is the pattern's text): compiled once a process.
    return regex.compile(r"\b\L<words>", regex.I, words=sorted(words))


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    """The word each phrase begins with, in lower case, up to its first space ("la semaine dernière" →
    "la"), with either apostrophe ("l'an" → "l'an", "l’an"): a match of the phrase (spaces and apostrophes
    loose, see lang.alternation) begins where that word does.

    A word that another of them begins is left out ("dimanche" and "dim." beside "dim"): where it begins,
    so does the shorter one, and only the places are wanted (word_hits looks for each word in turn)."""
    out = set()
    for phrase in phrases:
        if phrase.split():
            first = phrase.split()[0].lower()
            out.update({first, first.replace("'", "’"), first.replace("’", "'")})
    return frozenset(w for w in out if not any(w[:k] in out for k in range(1, len(w))))


def word_hits(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """(where, which word) for each place one of the words (lower case) begins a word of the text, in
    any case, in the order of the text. A word is found even when it continues ("mars" in "marseille"):
    these are places to try, not matches. Found on the text in lower case (see _searches), many times
    cheaper than a pattern; a text whose lower case is not its case folding, offset for offset (ß, ſ),
    is searched with a pattern instead."""
    low = lowered(text)
    if low is None:
        return [(m.start(), m.group().lower()) for m in _finder(words).finditer(text, overlapped=True)]
    short, groups = _searches(words)
    hits = []
    find, append = low.find, hits.append
    for word, finditer in short:
        for m in finditer(low):
            at = m.start()
            # the pattern told every character before U+0100; one beyond it is looked at here
            if at and low[at - 1] >= _BEYOND and _in_word(low[at - 1]):
                continue
            append((at, word))
    for key, group in groups:
        at = find(key)
        while at >= 0:
            before = low[at - 1] if at else " "
            # a letter, a digit or "_" before it is \w: not a word start (a space, the most frequent, is quickly told)
            if before == " " or not (before.isalpha() or before.isdecimal() or before == "_"):
                if group is None:
                    append((at, key))
                else:
                    hits += [(at, word) for word in group if low.startswith(word, at)]
            at = find(key, at + 1)
    hits.sort()
    return hits


def _in_word(c: str) -> bool:
    """A character that goes on a word, for word_hits: a letter, a decimal digit or "_"."""
    return c.isalpha() or c.isdecimal() or c == "_"


def _ranges(chars: Iterable[str]) -> str:
    """A character class's inside for the sorted characters, as runs ("0-9A-Z_a-z…"): shorter to compile."""
    runs: list[list[str]] = []
    for c in chars:
        if runs and ord(runs[-1][1]) == ord(c) - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in runs)


# the class is of characters below U+0100, compiled into a map of 256; one reaching beyond builds one of 65,536
_BEYOND = "\u0100"
_IN_WORD_BELOW = _ranges(c for c in map(chr, range(ord(_BEYOND))) if _in_word(c))


@functools.lru_cache(maxsize=None)
def _searches(words: frozenset[str]) -> tuple[tuple, tuple]:
    """How word_hits looks for the words: a scan of the text for each costs as much as the text is long, and
    each place it stops at is a step of the interpreter.
    - A word of one or two characters ("a", "le", "un") is mostly inside other words: a pattern finds it only
      where no letter, digit or "_" below U+0100 stands before it (a lookbehind after the word, so that the
      pattern's scan is for the word's own letters), so the places inside words cost no step. Its matches do
      not overlap, and need not: a place inside a match follows a letter of the word.
    - Longer words are scanned for in groups sharing their first three characters ("juil.", "juillet",
      "juin" → "jui"): one scan for their common start, each word then tried where it begins a word.
    (short words: (word, its pattern's finditer); groups: (common start, its words or None for one word))"""
    short, groups = [], {}
    for word in sorted(words):
        if len(word) <= 2 and all(map(_in_word, word[:-1])):
            w = re.escape(word)
            short.append((word, re.compile(f"{w}(?<![{_IN_WORD_BELOW}]{w})").finditer))
        else:
            groups.setdefault(word[:3], []).append(word)
    return tuple(short), tuple((os.path.commonprefix(g), None if len(g) == 1 else tuple(g))
                               for g in groups.values())


DIGIT_RUN = patterns.compile(r"\d+")   # where numbers in digits begin: dates and numbers read their runs

@functools.lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """The text in lower case when that is its case folding, offset for offset; else None. Kept for the few
    extractors that search the same article in turn."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and low != text.casefold()):
        return None
    return low


def rests(phrases: Iterable[str], words: frozenset[str]) -> dict[str, frozenset[tuple[bool, str]]]:
    """What may follow each of `words` (first_words of the phrases) in a phrase that begins with it, told by
    (a space first, the next characters up to a space, four at most): "la" → (True, "sema") of "la semaine
    dernière", "ce" → (False, "tte") of "cette année" and (True, "mois") of "ce mois-ci". In lower case,
    apostrophes as "'"; a phrase that ends with the word gives (False, "")."""
    norm = {" ".join(p.lower().split()).replace("’", "'") for p in phrases}
    out = {}
    for word in words:
        w = word.replace("’", "'")
        follow = set()
        for phrase in norm:
            if phrase.startswith(w):
                rest = phrase[len(w):]
                follow.add((rest[:1] == " ", rest.lstrip(" ").split(" ", 1)[0][:4]))
        out[word] = frozenset(follow)
    return out


def may_go_on(low: str, at: int, follow: frozenset[tuple[bool, str]]) -> bool:
    """Can a phrase whose first word ends at `at` of the text in lower case go on as one of `follow` (see rests)?
    The phrase's pattern has a run of spaces (\\s+) where it has a space: every such character is a space to
    str.isspace, so a run the pattern matches is within the one skipped here; either apostrophe stands for "'"."""
    for space, head in follow:
        i = at
        if space:
            if not low[i:i + 1].isspace():
                continue
            i += 1
            while low[i:i + 1].isspace():
                i += 1
        if low[i:i + len(head)].replace("’", "'") == head:
            return True
    return False


class PhraseStarts:
    """The places where phrases that begin with `words` (first_words) may begin: a place of word_hits where the text
    goes on as a phrase that begins with its word may (`follow`: rests of the phrases, may_go_on).

    A frequent first word ("le", "la", "the", "this") mostly goes on as no phrase does ("le président", "the
    government"), and each place found costs a step. A word that no phrase ends with, whose characters but its
    last go on a word, is found by a pattern that reads what follows it too: \\s is a space to str.isspace in the
    `re` module, and either apostrophe stands for "'", as for may_go_on. Its matches do not overlap, and need not
    (a place inside one follows a character of a word). The other words (`plain`) are read from hits the caller
    finds, with those of other extractors (one scan of the text for all)."""

    def __init__(self, words: frozenset[str], follow: dict[str, frozenset[tuple[bool, str]]]) -> None:
        screened = {w for w in words if (False, "") not in follow[w] and all(map(_in_word, w[:-1]))}
        self.words, self.follow, self.plain = words, follow, words - screened
        self._screens = tuple((w, re.compile(f"{re.escape(w)}(?<![{_IN_WORD_BELOW}]{re.escape(w)})(?={_going(follow[w])})").finditer)
                              for w in sorted(screened))

    def __call__(self, low: str, hits: list[tuple[int, str]]) -> list[int]:
        """`low`: the text in lower case (lowered, not None); `hits`: word_hits of the text for words that hold
        `plain`."""
        found = [(at, word) for at, word in hits if word in self.plain and may_go_on(low, at + len(word), self.follow[word])]
        for word, finditer in self._screens:
            for m in finditer(low):
                at = m.start()
                if at and low[at - 1] >= _BEYOND and _in_word(low[at - 1]):
                    continue
                found.append((at, word))
        found.sort()
        return [at for at, _ in found]


def _going(follow: frozenset[tuple[bool, str]]) -> str:
    """A pattern of what may_go_on reads after a word: a run of spaces if the phrase has one, then the head."""
    return "|".join(("\\s+" if space else "") + "".join("['’]" if c == "'" else re.escape(c) for c in head)
                    for space, head in sorted(follow))


def starts_of(hits: list[tuple[int, str]], words: frozenset[str]) -> list[int]:
    """The places of `hits` where one of `words` begins."""
    return [start for start, word in hits if word in words]


def finditer_at(pattern: regex.Pattern, text: str, starts: Iterable[int],
                endpos: int | None = None) -> Iterator[regex.Match]:
    """pattern.finditer(text) (or pattern.finditer(text, starts[0], endpos)), tried only at the sorted `starts`:
    the same matches when each begins at one."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start) if endpos is None else pattern.match(text, start, endpos)
        if m is not None:
            yield m
            end = max(m.end(), start + 1)


_LETTERS = regex.compile(r"\p{L}+")


@functools.lru_cache(maxsize=None)
def needed_words(code: str, key: str) -> dict[str, regex.Pattern | None] | None:
    """A word (lower case) one of which every match of the templates `key` contains as written: the
    longest run of letters of each template outside its slots; None when a template has none. Each word
    → a pattern of it as a whole word when every template that needs it has a space or its own edge on
    both sides of it (a match then has no letter there: "ans" of "il y a 5 ans" is not in "dans"), else None."""
    words: dict[str, regex.Pattern | None] = {}
    for template in language.load(code)[key]:
        # offsets kept; a filler ({_}) then a space is spaces: a match has a space there, filled or not
        masked = regex.sub(r"\{[^}]*\}", lambda m: "#" * len(m.group()), template.replace("{_} ", "    "))
        runs = list(_LETTERS.finditer(masked))
        if not runs:
            return None
        run = max(runs, key=lambda m: len(m.group()))
        word = run.group().lower()
        whole = masked[run.start() - 1:run.start()] in ("", " ") and masked[run.end():run.end() + 1] in ("", " ")
        pattern = patterns.compile(rf"(?<!\w){patterns.escape(word)}(?!\w)", regex.I) if whole else None
        words[word] = pattern if words.get(word, pattern) is not None else None
    return words


def may_match(prose: str, low: str | None, s: int, e: int, words: dict[str, regex.Pattern | None] | None) -> bool:
    """Can a sentence of the text (`low`: in lower case, None when that is not its case folding) match
    templates that need one of `words` (see needed_words)? A word needed whole is looked for where it occurs in
    `low`, with the same pattern module and case folding as the templates: every match has it so."""
    if low is None or words is None:
        return True
    sentence = low[s:e]
    for word, whole in words.items():
        at = sentence.find(word)
        if whole is None and at >= 0:
            return True
        while at >= 0:   # "ans" of "dans", "sans": most French sentences have one
            if whole.match(prose, s + at, e):
                return True
            at = sentence.find(word, at + 1)
    return False
