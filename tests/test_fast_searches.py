"""Shortcuts of the per-article searches give the answers of their plain forms: each is compared with the plain
form on generated text built to part them and on the shared corpora (skipped when absent)."""
from __future__ import annotations

import random

from checker.checks import fact_mismatch
from checker.extract import reckoning
from checker.extract.anchored import lowered
from checker.fold import fold_same_length
from conftest import build_base
from test_fast_forms import _corpus_texts

_SEPARATORS = [" ", " ", " ", "  ", "\u202f", "\u00a0", "\n", "-", "'", "’", ", ", ". ", ""]
_AGO_WORDS = {
    "fr": ["il", "Il", "y", "a", "ans", "ANS", "Ans", "dans", "sans", "an", "années", "voilà", "Voilà", "voilàs",
           "cela", "celas", "fait", "faits", "jour", "toujours", "pour", "après", "aprèsent", "plus", "tard", "5",
           "50", "cinq", "tout", "juste", "aujourd", "_ans", "ans2", "ça"],
    "en": ["years", "Years", "yearslong", "ago", "since", "to", "the", "day", "after", "later", "5", "five",
           "10-years", "years_", "just"],
    "es": ["hace", "hacer", "se", "cumplen", "años", "atrás", "atrásado", "después", "más", "tarde", "tardes", "5"],
}
_AGO_KEYS = {"ago_patterns": "ago", "ago_after_patterns": "ago_after"}


def _joined(words: list[str], rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(words) + rng.choice(_SEPARATORS) for _ in range(rng.randrange(1, 12)))
            for _ in range(count)]


def _ago_compared(text: str, s: int, e: int, code: str) -> int:
    """Asserts the whole-word precondition of the "N years ago" templates keeps every sentence the templates
    match and the plain one (one of the words anywhere) kept, and no other; 1 when the two preconditions part."""
    low = lowered(text)
    parted = 0
    for key, name in _AGO_KEYS.items():
        needed = reckoning._needed(code, key)
        plain = low is None or any(word in low[s:e] for word in needed)
        new = reckoning._may_match(text, low, s, e, needed)
        matched = reckoning._patterns(code)[name].search(text, s, e) is not None
        assert not new or plain, (text[s:e], key)
        assert new or not (plain and matched), (text[s:e], key)
        parted |= plain and not new
    return parted


def test_ago_templates_are_looked_for_where_their_word_is_whole_on_generated_text():
    rng = random.Random(7)
    for code, words in _AGO_WORDS.items():
        texts = _joined(words, rng, 3000)
        assert sum(_ago_compared(text, 0, len(text), code) for text in texts) > 100   # the forms part often


def test_ago_templates_precondition_traps():
    needed = reckoning._needed("fr", "ago_patterns")
    for text, expected in [("Il y a 5 ans, le traité fut signé.", True), ("dans 5 jours et sans délai", False),
                           ("Voilà\u202f20 ans que l'usine tourne.", True), ("toujours plus, pour sa part", False),
                           ("Les ANS de la ville", True), ("Le 5 ans2 de la ville", False)]:
        assert reckoning._may_match(text, lowered(text), 0, len(text), needed) is expected, text


def test_ago_templates_precondition_on_the_corpora():
    for text in _corpus_texts():
        start = 0
        for line in text.split("\n"):   # every line as a sentence, offsets in the whole text
            for code in _AGO_WORDS:
                _ago_compared(text, start, start + len(line), code)
            start += len(line) + 1


def _found_plain(facts: dict, code: str, folded: str):
    """fact_mismatch._searched as it was: every needle of the candidate facts looked for in the text."""
    prepared, stems, *_ = fact_mismatch._prepared(facts, code)
    stems = {s for s in stems if s in folded}
    candidates = [p for p in prepared if not p.stems.isdisjoint(stems)]
    plain = folded.replace("'", "' ")
    return (candidates, {n for p in candidates for n in p.needles if n in plain}) if stems else None


def test_fact_needles_found_as_by_looking_for_each_on_generated_text():
    facts = build_base().rules.facts
    rng = random.Random(11)
    for code in ("fr", "en"):
        prepared, stems, *_ = fact_mismatch._prepared(facts, code)
        needles = sorted({n for p in prepared for n in p.needles})
        # the needles, the stems and their pieces (a stem without the needle that begins with it, "membr" cut
        # before its stem ends), with apostrophes and spaces between them
        pieces = needles + sorted(stems) + [n[:k] for n in needles for k in (2, 3, 5)] + ["l'", "d'", "x"]
        kept = 0
        for text in _joined(pieces, rng, 3000):
            folded = fold_same_length(text)
            expected = _found_plain(facts, code, folded)
            assert fact_mismatch._searched(facts, code, folded) == expected, text
            kept += expected is not None and 0 < len(expected[1]) < len({n for p in expected[0] for n in p.needles})
        assert kept > 1000   # most texts hold some needles of their candidates, not all


def test_fact_needles_found_on_the_corpora():
    facts = build_base().rules.facts
    for text in _corpus_texts():
        folded = fold_same_length(text)
        for code in ("fr", "en"):
            assert fact_mismatch._searched(facts, code, folded) == _found_plain(facts, code, folded)
