"""The seeds and the 52 Wikinews articles checked together: every contradiction or quote drift reported is a
real one. The matcher does compare them, and what it rejects it rejects for a reason."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.articles import read_article, walk
from checker.collection import Collection
from checker.context import ArticleContext
from checker.match import known
from checker.records import record_of
from conftest import ROOT, cli, shared_dir

# Every contradiction and quote drift on seeds/ + wikinews-fr/ checked together, with why it is real.
# None: the seeds repeat figures (400 %, 5 % of GDP) and quotations consistently, and the Wikinews
# articles of 2012 are about different subjects.
REAL: dict[tuple[str, int, str], str] = {}


def _corpus() -> Path:
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpora not found: set FACTLINT_SHARED to the shared directory")
    return shared / "corpora" / "wikinews-fr"


def test_every_contradiction_on_seeds_and_wikinews_is_real():
    corpus = _corpus()
    code, out, err = cli("check", "seeds", corpus, "--select", "contradiction,quote-drift", "--format", "json",
                         "--fail-on", "never", cwd=ROOT)
    assert code == 0, err
    report = json.loads(out)
    assert len(report["articles"]) == 57
    found = {(Path(f["path"]).name, f["line"], f["rule"]): f["message"] for f in report["findings"]}
    assert found.keys() == REAL.keys(), found


def test_the_corpus_is_really_compared(base):
    corpus = _corpus()
    records = [record_of(ArticleContext(read_article(p), base)) for p in walk([ROOT / "seeds", corpus])]
    claims = [c for r in records for c in r.claims]
    assert len(claims) > 150
    # most claims know their subject, measure and period: the matcher does compare them
    assert sum(known(c) for c in claims) >= 0.6 * len(claims)
    assert sum(len(r.quotes) for r in records) > 100
    collection = Collection(records)
    assert collection.claim_pairs(400)          # blocking: only claims of the same subject, measure and period
    assert len(collection.quote_pairs(400, 5)) >= 20   # quotations sharing two word pairs
