"""changed_words with a bound: the words one quotation lacks settle most pairs before any alignment, and the
answer about the bound is the aligned count's, whatever the pair."""
from __future__ import annotations

import itertools

from checker.extract.quotes import normalise
from checker.quotematch import changed_words
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


def _mutated(rng, text: str) -> str:
    """A version of a quotation as a rewrite makes it: a word changed, dropped, added or two swapped, or cut."""
    words = text.split()
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(words))
        change = rng.choice(["change", "drop", "add", "swap", "cut"])
        if change == "change":
            words[i] = rng.choice(["réponse", "sera", "the", "cost", "alliance", "[…]", "..."])
        elif change == "drop" and len(words) > 3:
            del words[i]
        elif change == "add":
            words.insert(i, rng.choice(["très", "very", "notre", "…"]))
        elif change == "swap" and i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
        elif change == "cut" and len(words) > 6:
            words = words[:i] + ["[…]"] + words[i + 2:] if rng.random() < 0.5 else words[i // 2:]
    return " ".join(words)


def test_the_remembered_wording_is_the_computed_one_whatever_the_pair():
    import random

    from checker.quotematch import wording
    rng = random.Random(7)
    texts = VERSIONS + [_mutated(rng, rng.choice(VERSIONS)) for _ in range(60)]
    for _ in range(800):
        a, b = rng.choice(texts), rng.choice(texts)
        threshold, most = rng.choice([60.0, 88.0, 95.0]), rng.choice([0, 1, 3])
        args = (normalise(a), a, normalise(b), b, threshold, most)
        assert wording(*args) == wording.__wrapped__(*args), (a, b, threshold, most)
        assert wording(*args) == wording.__wrapped__(*args)     # asked again: from memory, the same


def test_remembered_wordings_are_bounded():
    from checker.quotematch import WORDINGS, wording
    for n in range(WORDINGS + 50):
        text = f"a quotation of several words number {n}"
        wording(text, text, text + " more", text + " more", 88.0, 3)
    info = wording.cache_info()
    assert info.maxsize == WORDINGS and info.currsize <= WORDINGS


def test_a_remembered_wording_leaves_place_and_speakers_to_each_pair():
    from checker.checks.quote_drift import OPTIONS, drift
    options = {name: default for name, (_, default, _) in OPTIONS.items()}
    text = VERSIONS[0]
    said = [QuoteRecord(path, 1, 1, 1, 10, text, normalise(text), who, who and who.split()[-1].lower(), bool(who), None)
            for path, who in [("a.md", "Mark Rutte"), ("b.md", "Mark Rutte"), ("c.md", "Pete Hegseth"), ("a.md", None)]]
    reworded = _quote(VERSIONS[1], 9)
    assert drift(said[0], said[1], options) is None                    # the same words, the same speaker
    assert drift(said[0], said[2], options) == ("speaker", 100.0)     # the same words, another speaker
    assert drift(said[0], said[3], options) is None                    # one article: not compared
    assert drift(said[0], reworded, options)[0] == "wording"
    assert drift(said[3], reworded, options)[0] == "wording"
    assert drift(said[3], QuoteRecord("a.md", 5, 1, 5, 9, VERSIONS[1], normalise(VERSIONS[1]), None, None, False, None),
                 options) is None                                      # the same wording met again, in one article
