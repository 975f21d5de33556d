"""Matching quotations across articles: whether two quotations are the same words, with a score (0-100,
rapidfuzz), how many words changed, and whether the same speaker says them.

Blocking keeps the cost near-linear: a quotation is compared only with those that share two consecutive
words with it; a pair of words shared by more than `max_block` quotations says too little and is not used."""
from __future__ import annotations

import difflib
import functools
import re
from itertools import filterfalse
from typing import NamedTuple

from rapidfuzz import fuzz

from .extract.quotes import normalise
from .records import QuoteRecord


def quote_keys(q: QuoteRecord, min_words: int) -> list[str]:
    """Pairs of consecutive words: a quotation with a word changed still shares most of them."""
    words = q.norm.split()
    if len(words) < min_words:
        return []
    return sorted({f"q|{a} {b}" for a, b in zip(words, words[1:])})


def quote_score(a: QuoteRecord, b: QuoteRecord, cutoff: float = 0) -> float:
    """How alike two quotations are (0-100): the shorter one against its best place in the longer one
    (0 when below `cutoff`)."""
    short, long_ = sorted((a.norm, b.norm), key=len)
    if len(short) >= 0.8 * len(long_):
        return round(fuzz.ratio(short, long_, score_cutoff=cutoff), 1)
    return round(fuzz.partial_ratio(short, long_, score_cutoff=cutoff), 1)


_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.")


def is_excerpt(a: QuoteRecord, b: QuoteRecord) -> bool:
    """The shorter quotation is a part of the longer one, or its parts cut by an ellipsis ("[…]") are, in order."""
    (short, short_text), (long_, _) = sorted(((a.norm, a.text), (b.norm, b.text)), key=lambda x: len(x[0]))
    if f" {short} " in f" {long_} ":
        return True
    parts = _ELLIPSIS.split(short_text)
    if len(parts) < 2:   # no ellipsis: nothing to normalise
        return False
    parts = [normalise(p) for p in parts]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    position, padded = 0, f" {long_} "
    for part in parts:
        found = padded.find(f" {part} ", position)
        if found < 0:
            return False
        position = found + len(part) + 1
    return True


def same_speaker(a: QuoteRecord, b: QuoteRecord) -> bool | None:
    """True or False when both speakers are named explicitly; None when either is not."""
    if not (a.explicit and b.explicit and a.speaker_key and b.speaker_key):
        return None
    return a.speaker_key == b.speaker_key


SAME = "same"           # wording(): the same words, or an excerpt of the other's
WORDINGS = 4096         # pairs of wordings wording() and marked_versions() remember: a few MB of the quotations' strings


@functools.lru_cache(maxsize=WORDINGS)
def marked_versions(a: str, b: str) -> tuple[str, str]:
    """Both wordings with the words that differ in [brackets]: "notre [réaction]" / "notre [réponse]". Each
    finding marks itself against up to five versions, and an archive repeats them (at 4,000 benchmark
    articles, 3,887 markings of 29 pairs of wordings): a pair met again is not aligned again."""
    wa, wb = a.split(), b.split()
    norm = lambda w: "".join(c for c in w.casefold() if c.isalnum())  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[norm(w) for w in wa], b=[norm(w) for w in wb], autojunk=False)
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out_a += wa[i1:i2]
            out_b += wb[j1:j2]
        else:
            if i2 > i1:
                out_a.append("[" + " ".join(wa[i1:i2]) + "]")
            if j2 > j1:
                out_b.append("[" + " ".join(wb[j1:j2]) + "]")
    return " ".join(out_a), " ".join(out_b)


class Wording(NamedTuple):
    """What the wording of a quotation is compared on: its folded words and its text as written."""
    norm: str
    text: str


@functools.lru_cache(maxsize=WORDINGS)
def wording(a_norm: str, a_text: str, b_norm: str, b_text: str, threshold: float, max_changed: int
            ) -> str | float | None:
    """How one quotation's words stand to another's: SAME (the same words, or an excerpt); the score when they
    are the same quotation (`threshold`) with 1 to `max_changed` words changed; else None. It depends on the two
    wordings alone, and an archive repeats quotations (wire copy, follow-ups): a pair of wordings met again is
    not compared again."""
    a, b = Wording(a_norm, a_text), Wording(b_norm, b_text)
    if a_norm == b_norm or is_excerpt(a, b):
        return SAME
    # all three must hold, the cheapest asked first: the words of the shorter one that the longer one lacks (a set
    # lookup each: most pairs of an archive's quotations differ in more words than max_changed); the score
    # (rapidfuzz, compiled, but a best place in a long quotation costs milliseconds); the alignment (difflib)
    short, long_ = sorted((a_norm.split(), b_norm.split()), key=len)
    if _missing(short, long_) > max_changed:
        return None
    score = quote_score(a, b, threshold)
    if score < threshold or not 0 < changed_words(a, b, max_changed) <= max_changed:
        return None
    return score


def _missing(short: list[str], long_: list[str]) -> int:
    """Words of the shorter quotation that the longer one lacks: changed, whatever the alignment."""
    return sum(1 for _ in filterfalse(set(long_).__contains__, short))


def changed_words(a: QuoteRecord, b: QuoteRecord, most: int | None = None) -> int:
    """Words changed between the shorter quotation and its place in the longer one: words of the shorter one
    not found there, or words of the longer one left out from the middle (an excerpt's ends do not count).
    With `most`, a count known to be above it is returned as soon as it is known (then it may be below the
    exact count, never at or under `most`)."""
    short, long_ = sorted((a.norm.split(), b.norm.split()), key=len)
    if most is not None:
        # counting the words the longer one lacks (a set lookup each) settles most pairs without aligning them
        missing = _missing(short, long_)
        if missing > most:
            return missing
    blocks = [blk for blk in difflib.SequenceMatcher(a=short, b=long_, autojunk=False).get_matching_blocks()
              if blk.size]
    if not blocks:
        return len(short)
    matched = sum(blk.size for blk in blocks)
    inside = blocks[-1].b + blocks[-1].size - blocks[0].b
    return max(len(short) - matched, inside - matched)
