"""changed_words with a bound: the words one quotation lacks settle most pairs before any alignment, and the
answer about the bound is the aligned count's, whatever the pair."""
from __future__ import annotations

import itertools

from checker.extract.quotes import normalise
from checker.match import changed_words
from checker.records import QuoteRecord

VERSIONS = [
    "Si quelqu'un tente d'attaquer cette alliance défensive, notre réaction sera létale",
    "Si quelqu'un tente d'attaquer cette alliance défensive, notre réponse sera létale",
    "Si quelqu'un tente d'attaquer cette alliance, notre réaction sera létale",
    # the same words in another order: nothing is missing, only the alignment sees the change
    "notre réaction sera létale si quelqu'un tente d'attaquer cette alliance défensive",
    "Cette alliance défensive répondra de façon létale à quiconque tentera de l'attaquer",
    "We will defend every inch of allied territory, whatever it takes",
    "We will defend every inch of allied territory, whatever the cost",
    "We will defend every single inch of our allied territory, whatever it takes",
    "every inch every inch every inch of allied territory",
    "We will not defend anything",
]


def _quote(text: str, n: int) -> QuoteRecord:
    return QuoteRecord(f"a{n}.md", 1, 1, 1, 1 + len(text), text, normalise(text), None, None, False, None)


def test_a_bound_gives_the_aligned_answer_for_every_pair():
    quotes = [_quote(text, n) for n, text in enumerate(VERSIONS)]
    for a, b in itertools.permutations(quotes, 2):
        exact = changed_words(a, b)
        for most in (0, 1, 3, 6):
            bounded = changed_words(a, b, most)
            assert (bounded <= most) == (exact <= most), (a.text, b.text, most)
            assert bounded == exact or bounded > most


def test_pairs_settled_without_alignment_and_pairs_that_need_it():
    one, reworded, shorter, reordered, rewritten = (_quote(t, n) for n, t in enumerate(VERSIONS[:5]))
    assert changed_words(one, reworded, 3) == 1          # one word changed
    assert changed_words(one, shorter, 3) == 1           # one word left out of the middle
    assert changed_words(one, rewritten, 3) > 3          # another sentence: settled by the missing words
    assert changed_words(one, reordered, 3) == changed_words(one, reordered) > 3   # reordered: aligned to tell
