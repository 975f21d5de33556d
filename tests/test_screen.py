"""The screen of a large run's blocks (screen.Screen, blocks.unit_verdicts): pairs of parts of a set of keys
whose screen keys fail the test are never judged, and the verdicts are exactly those of judging every pair. For
contradiction, the screen is whose the claims are (match.Whose): contradiction() refuses two claims whose subjects
are not alike unless they are one sentence of one article or of a copy (match.together)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
from itertools import combinations

from checker.articles import parse_article, read_article, walk
from checker.blocks import unit_verdicts
from checker.checks import contradiction as check
from checker.context import ArticleContext
from checker.match import Claim, claim_keys, contradiction, subjects_alike, together
from checker.records import record_of
from checker.screen import Screen
from test_blocks import Item, _items


@dataclasses.dataclass(frozen=True)
class Placed(Item):
    """An item with what a judge of the screen's contract reads: whose it is, and the sentence it stands in."""
    who: frozenset = frozenset()
    sentence: str = ""


def _sides(a, b, options):
    """A judge that keeps the contract: None for pairs of no common who, unless they stand in one sentence."""
    if a.who & b.who or a.sentence == b.sentence:
        return a.order(), b.order(), a.sentence == b.sentence
    return None


SIDES = Screen(lambda item: item.who, lambda x, y: bool(x & y), lambda item: (item.sentence,))


def test_the_screen_spares_judging_refused_pairs_and_keeps_every_verdict_in_order():
    people = ["ana", "bo", "cy", "dee", "eve"]
    refused = together_only = 0
    for seed in range(30):
        rng = random.Random(seed)
        items = [Placed(**dataclasses.asdict(item), who=frozenset(rng.sample(people, rng.randint(0, 2))),
                        sentence=f"s{rng.randint(0, 12)}") for item in _items(rng, "claim", repeated=True)]
        usable = sorted({k for item in items for k in item.keys})
        rows = [(item, item.keys) for item in items if item.keys]
        judged = []

        def counted(a, b, options):
            judged.append((a.order(), b.order()))
            return _sides(a, b, options)

        asked = []
        every = unit_verdicts("claim", usable[0], usable[-1], rows,
                              lambda a, b, o: asked.append(1) or _sides(a, b, o), {}, 400) if usable else []
        screened = unit_verdicts("claim", usable[0], usable[-1], rows, counted, {}, 400,
                                 screen=SIDES) if usable else []
        assert screened == every, "the same verdicts, in the same order"
        assert len(judged) == len(set(judged)), "each pair judged once"
        refused += len(asked) - len(judged)
        together_only += sum(1 for a, b, _ in every if not a.who & b.who)
    assert refused > 1000, "the screen spares judging most pairs of no common who"
    assert together_only > 50, "pairs of no common who in one sentence are judged, and found"


def test_the_screen_judges_a_pair_of_one_sentence_whoever_it_is_of():
    a = Placed("a.md", 1, ("k",), 1.0, who=frozenset({"ana"}), sentence="s1")
    b = Placed("b.md", 1, ("k",), 2.0, who=frozenset({"bo"}), sentence="s1")
    c = Placed("c.md", 1, ("k",), 3.0, who=frozenset({"cy"}), sentence="s2")
    d = Placed("d.md", 1, ("k",), 4.0, who=frozenset({"cy"}), sentence="s3")
    rows = [(item, item.keys) for item in (a, b, c, d)]
    found = [(x.path, y.path, verdict) for x, y, verdict in unit_verdicts("claim", "k", "k", rows, _sides, {}, 400,
                                                                          screen=SIDES)]
    assert found == [("a.md", "b.md", (a.order(), b.order(), True)), ("c.md", "d.md", (c.order(), d.order(), False))]


def _record(text: str, path: str, date: dt.date, base):
    article = parse_article(text, path, markdown=False)
    article.language = "fr"
    return record_of(ArticleContext(article, base, date))


def test_a_copy_with_a_figure_changed_is_judged_though_its_subject_is_unknown(base):
    """The trap of the screen: the same sentence of a copy of one article, its subject unknown, is the same claim
    (contradiction() says so before it asks whose they are); the screen lets it through."""
    text = "Le bilan s'élève à {} morts après l'explosion.\n\nLa police a bouclé le quartier.\n"
    one, copy = (_record(text.format(n), path, dt.date(2024, 8, 8), base).claims[0] for n, path in ((40, "a.txt"), (47, "b.txt")))
    options = {name: default for name, (_, default, _) in check.OPTIONS.items()}
    x, y = check.prepare(one, options), check.prepare(copy, options)
    assert not subjects_alike(x.whose, y.whose) and contradiction(x, y, 50) == (100.0, False)
    rows = [(claim, claim_keys(claim)) for claim in (one, copy)]
    [key] = rows[0][1]
    assert unit_verdicts("claim", key, key, rows, check.judge, options, 400, check.prepare, check.SCREEN) == [
        (one, copy, (100.0, False))]


def test_contradiction_gives_none_to_every_pair_its_screen_refuses(base, tmp_path):
    """On the claims of the seeds and of a benchmark archive (names of people swapped, figures moved, the same
    sentences again and again): every pair of claims refused by whose they are, and not of one sentence of one
    article, is refused by contradiction() too; and the screen does refuse hundreds of them."""
    from benchmarks.generate import archive
    from conftest import ROOT
    archive(300, tmp_path)
    claims = [Claim(c, 0.01) for p in walk([ROOT / "seeds", tmp_path])
              for c in record_of(ArticleContext(read_article(p), base)).claims]
    blocks: dict[str, list[int]] = {}
    for n, claim in enumerate(claims):
        for key in claim_keys(claim.record):
            blocks.setdefault(key, []).append(n)
    pairs = {pair for block in blocks.values() for pair in combinations(block, 2)}
    refused = judged = found = 0
    for a, b in ((claims[x], claims[y]) for x, y in sorted(pairs)):
        passes = subjects_alike(a.whose, b.whose)
        assert passes == subjects_alike(b.whose, a.whose)
        if not passes and not any(x == y for x, y in zip(together(a), together(b))):
            refused += 1
            assert contradiction(a, b, 50) is None and contradiction(b, a, 50) is None, (a.record, b.record)
        else:
            judged += 1
            found += contradiction(a, b, 50) is not None
    assert refused > 300 and judged > found > 100
