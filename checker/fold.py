"""Text folding for comparison: case, diacritics, apostrophes and dashes do not distinguish names.

Names are folded further (`fold_name`): hyphens are spaces and a run of initials is one token however it is
dotted or spaced ("J.D.", "J. D." and "JD" are "jd"). A name written with ä, ö, ü, ß, å or ø has a second
key, its accepted transliteration (`name_keys`: "Schröder" is both "schroder" and "schroeder"), so that
"Gerhard Schroeder" is a spelling of "Gerhard Schröder"; a name written without the letter has one key
(transliteration goes from the letter to its digraph, never back: "Michael" is not "Michal")."""
from __future__ import annotations

import functools
import re
import unicodedata

_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i",
                        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "’": "'", "ʼ": "'", "‘": "'",
                        "‐": "-", "‑": "-", "–": "-", "—": "-"})


class _WithoutMarks(dict):
    """A str.translate table that drops the combining marks (what NFKD splits off a letter's accents), filled
    character by character as texts bring them: one lookup a character instead of a call."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, without diacritics, typographic apostrophes made plain."""
    if text.isascii():
        return text.lower()   # what the steps below make of it (the rules fold thousands of names at start)
    return unicodedata.normalize("NFKD", text.translate(_EXTRA)).translate(_WITHOUT_MARKS).casefold()


# the usual ASCII spellings of letters that lose more than an accent when folded (German, Scandinavian)
_TRANSLITERATION = str.maketrans({"ä": "ae", "Ä": "Ae", "ö": "oe", "Ö": "Oe", "ü": "ue", "Ü": "Ue", "ß": "ss",
                                  "ẞ": "SS", "å": "aa", "Å": "Aa", "ø": "oe", "Ø": "Oe"})
_INITIALS = re.compile(r"(?:\w\.)+")    # "j.", "j.d.", "u.s." (folded)


@functools.lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """fold() with hyphens and runs of spaces as one space (Jean-Paul ≈ Jean Paul), and a run of initials as one
    token without dots ("J.D. Vance", "J. D. Vance" and "JD Vance" are "jd vance")."""
    out: list[str] = []
    initials = False   # the last token is a run of initials
    for token in fold(text).replace("-", " ").split():
        dotted = _INITIALS.fullmatch(token) is not None
        if dotted:
            token = token.replace(".", "")
        if initials and (dotted or len(token) == 1):
            out[-1] += token
            continue
        out.append(token)
        initials = dotted or len(token) == 1
    return " ".join(out)


@functools.lru_cache(maxsize=65536)
def name_keys(text: str) -> tuple[str, ...]:
    """Every folded form a name stands for: fold_name(text), then its transliteration when it differs."""
    plain = fold_name(text)
    transliterated = fold_name(text.translate(_TRANSLITERATION))
    return (plain,) if transliterated == plain else (plain, transliterated)


def _same_length_table() -> dict[int, str]:
    table = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base != char:
            table[code] = base
    for char, plain in (("’", "'"), ("ʼ", "'"), ("‘", "'"), ("‐", "-"), ("‑", "-"), ("–", "-"), ("—", "-"),
                        ("\u00a0", " "), ("\u202f", " ")):
        table[ord(char)] = plain
    return table


_SAME_LENGTH = _same_length_table()
# the characters beyond ASCII that the table changes (the ASCII ones it changes are capitals, which lower()
# changes alike), and those whose replacement another one replaces ("Ǿ" → "ø", "ø" → "o"): these go last,
# so that each character of the text is replaced once, as a translation would
_WIDE = {chr(code): plain for code, plain in _SAME_LENGTH.items() if code > 0x7f}
_WIDE_KEYS = frozenset(_WIDE)
_WIDE_LAST = frozenset(char for char, plain in _WIDE.items() if plain in _WIDE)
_ASCII = bytes(range(0x80))


def fold_same_length(text: str) -> str:
    """fold() that keeps every offset: one character for one (œ, æ, ß stay, lowercased)."""
    if text.isascii():
        return text.lower()
    # The few distinct characters to change (a French article has some five: é, è, à, ’, the no-break space)
    # are each replaced over the whole text, in C: a lookup per character, or a callback per run of them, costs
    # several times more. They are found among the characters left when the ASCII bytes of the text are dropped.
    wide = text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
    found = _WIDE_KEYS.intersection(wide)
    folded = text
    for char in sorted(found, key=_WIDE_LAST.__contains__) if found & _WIDE_LAST else found:
        folded = folded.replace(char, _WIDE[char])
    folded = folded.lower()
    if len(folded) != len(text):   # a rare character whose lowercase is longer: keep it as it is
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_SAME_LENGTH))
    return folded
