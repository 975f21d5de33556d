"""Text folding for comparison: case, diacritics, apostrophes and dashes do not distinguish names."""
from __future__ import annotations

import functools
import unicodedata

_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i",
                        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "’": "'", "ʼ": "'", "‘": "'",
                        "‐": "-", "‑": "-", "–": "-", "—": "-"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, without diacritics, typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """fold() with hyphens and runs of spaces as one space: Jean-Paul ≈ Jean Paul."""
    return " ".join(fold(text).replace("-", " ").split())


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


def fold_same_length(text: str) -> str:
    """fold() that keeps every offset: one character for one (œ, æ, ß stay, lowercased)."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_SAME_LENGTH).lower()
    if len(folded) != len(text):   # a rare character whose lowercase is longer: keep it as it is
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_SAME_LENGTH))
    return folded
