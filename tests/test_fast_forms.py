"""The extractors' faster forms find what their plain forms find: each is compared with the plain form on
generated text built to part them and on the shared corpora (skipped when absent)."""
from __future__ import annotations

import random

import pytest

from checker import fold
from conftest import shared_dir


def _corpus_texts() -> list[str]:
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpora not found: set FACTLINT_SHARED to the shared directory")
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted((shared / "corpora").rglob("*"))
            if p.is_file() and p.suffix in (".md", ".txt", ".tml", ".xml")]


def _generated(alphabet: str, count: int = 300, seed: int = 5) -> list[str]:
    """Random texts over `alphabet` with some ASCII around, of every length up to 60."""
    rng = random.Random(seed)
    chars = alphabet + "aZ '-.,\n"
    return ["".join(rng.choice(chars) for _ in range(rng.randrange(60))) for _ in range(count)]


def _fold_same_length_plain(text: str) -> str:
    """The plain form: every character through the table, then lower case (the length kept)."""
    folded = text.translate(fold._SAME_LENGTH).lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(fold._SAME_LENGTH))
    return folded


def test_fold_same_length_replaces_each_character_once_as_the_table_does():
    # the table's characters, those whose replacement is itself replaced (Ǿ → ø → o), ones whose lowercase is
    # longer (İ), characters it leaves (€, Greek), and a lone surrogate (a file read with surrogateescape)
    alphabet = "".join(map(chr, fold._SAME_LENGTH)) + "ǾǿøØİ€…“”ΣσßẞµÆæŒœ\udcff"
    assert not {fold._WIDE[c] for c in fold._WIDE_LAST} & fold._WIDE_LAST   # one replacement after another is enough
    for text in _generated(alphabet) + ["Ǿø", "øǾ", "ǾİøÉ", "Élysée, l’État — 5\u202f%"]:
        assert fold.fold_same_length(text) == _fold_same_length_plain(text), repr(text)


def test_fold_same_length_on_the_corpora():
    for text in _corpus_texts():
        assert fold.fold_same_length(text) == _fold_same_length_plain(text)
