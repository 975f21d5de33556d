"""contradiction() asks what two claims' frames say of each other (match.Frame: all it reads besides where the claims
stand, their values and their days) once per two frames met, not once per pair. Its verdicts must be those of the
straightforward judge that asks every pair, kept here as the reference, on the claims of the seeds and of a benchmark
archive (the same sentences again and again, figures and dates changed) and on claims that share a frame but not
their place, value or time (the traps: a shared frame must not carry one pair's answer to another)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
from itertools import combinations

from checker.articles import parse_article, read_article, walk
from checker.context import ArticleContext
from checker import match
from checker.match import Claim, claim_keys, contradiction
from checker.records import record_of


def _reference(a: Claim, b: Claim, threshold: float, max_days_apart: int = 7):
    """contradiction() as it reads every pair in full."""
    if a.path == b.path and a.sentence == b.sentence:
        return None
    one_sentence = a.sentence_key == b.sentence_key
    if one_sentence and a.index != b.index:
        return None
    alike = match.subjects_alike(a.whose, b.whose)
    if not one_sentence and not alike:
        return None
    if not match.units_compatible(a, b) or not match.values_disagree(a, b):
        return None
    attributed = bool(a.source and b.source and a.source != b.source)
    one_article = a.path == b.path or (a.article_key == b.article_key and a.date is not None and b.date is not None
                                       and match.days_apart(a.date, b.date) <= max_days_apart)
    if one_article and one_sentence:
        if (a.changing or b.changing) and not match.same_time(a.date, b.date):
            return None
        return 100.0, attributed
    if not alike or not match.measures_compatible(a, b):
        return None
    if not (match.restated(a, b) if one_article else match.qualified_alike(a, b)) \
            or not match.same_period(a, b, max_days_apart):
        return None
    score = match.claim_score(a, b)
    return (score, attributed) if score >= threshold else None


def _claims(base, folder):
    from benchmarks.generate import archive
    from conftest import ROOT
    archive(300, folder)
    return [c for p in walk([ROOT / "seeds", folder]) for c in record_of(ArticleContext(read_article(p), base)).claims]


def _moved(rng: random.Random, c):
    """The claim elsewhere: another article or the same one, another value, another day, another copy, another
    source."""
    changes = {}
    if rng.random() < 0.5:
        changes["path"] = rng.choice([c.path, c.path + ".copy", "other.md"])
    if rng.random() < 0.5:
        changes["value"] = changes["low"] = changes["high"] = c.value * rng.choice([1, 1.004, 1.3, 10, 0.5])
    if rng.random() < 0.4 and c.date is not None:
        day = rng.choice(["2024-01-01", c.date[0], "2024-01-05", "2025-06-30"])
        changes["date"] = (day, day)
    if rng.random() < 0.3:
        changes["article_key"] = rng.choice([c.article_key, "copy"])
    if rng.random() < 0.3:
        changes["source"] = rng.choice([None, c.source, "le parquet", "la fédération"])
    if rng.random() < 0.3:
        changes["sentence"] = c.sentence + rng.choice([0, 1])
        changes["index"] = rng.choice([c.index, c.index + 1])
    return dataclasses.replace(c, **changes)


def test_verdicts_through_frames_are_those_of_every_pair_judged_in_full(base, tmp_path):
    records = _claims(base, tmp_path)
    rng = random.Random(7)
    records += [_moved(rng, c) for c in rng.choices(records, k=1500)]
    claims = [Claim(c, 0.01) for c in records]
    blocks: dict[str, list[int]] = {}
    for n, claim in enumerate(claims):
        for key in claim_keys(claim.record):
            blocks.setdefault(key, []).append(n)
    pairs = sorted({pair for block in blocks.values() if len(block) <= 400 for pair in combinations(block, 2)})
    before = match.frames_alike.cache_info()
    found = 0
    answers: dict[tuple, set] = {}     # what the pairs of two frames were told
    for x, y in pairs:
        a, b = claims[x], claims[y]
        for one, two in ((a, b), (b, a)):
            for threshold, days in ((50, 7), (90, 0)):
                verdict = contradiction(one, two, threshold, days)
                assert verdict == _reference(one, two, threshold, days), (one.record, two.record)
                found += verdict is not None
                answers.setdefault((id(one.frame), id(two.frame), threshold, days), set()).add(verdict is None)
    after = match.frames_alike.cache_info()
    assert len(pairs) > 10_000 and found > 10_000
    assert sum(len(told) == 2 for told in answers.values()) > 100, "pairs of the same two frames told apart"
    assert after.hits - before.hits > 10 * (after.misses - before.misses), "frames are shared by many pairs"


def test_claims_alike_but_for_their_place_value_or_time_share_a_frame(base):
    article = parse_article("Le gouvernement a annoncé une aide de 2 milliards d'euros à l'Ukraine.\n", "a.txt",
                            markdown=False)
    article.language = "fr"
    [c] = record_of(ArticleContext(article, base, dt.date(2024, 3, 1))).claims
    moved = dataclasses.replace(c, path="b.md", value=1.2e9, step=1e8, low=1.2e9, high=1.2e9, line=7, sentence=40,
                                date=("2024-03-02", "2024-03-02"), article_key="b", sentence_key="t")
    other = dataclasses.replace(c, source="le parquet")
    a, b, o = Claim(c, 0.01), Claim(moved, 0.01), Claim(other, 0.01)
    assert a.frame is b.frame and a.frame is not o.frame
    assert all(getattr(a.frame, name) == getattr(a, name) for name in set(match.Frame.__slots__) & set(Claim.__slots__))
    assert contradiction(a, b, 50) == _reference(a, b, 50) is not None
