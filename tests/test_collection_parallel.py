"""Pairs judged by forked processes give the same cross-article findings, in the same order."""
from __future__ import annotations

import pytest

from checker import collection as collection_module
from checker.articles import read_article
from checker.checks import REGISTRY, options_for
from checker.collection import Collection
from checker.context import ArticleContext
from checker.records import record_of
from benchmarks.generate import archive


@pytest.fixture(scope="module")
def records(base, tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    return [record_of(ArticleContext(read_article(path), base)) for path in archive(240, folder)]


@pytest.mark.parametrize("check_id", ["contradiction", "quote-drift"])
def test_forked_judges_change_nothing(records, check_id, monkeypatch):
    module = REGISTRY[check_id]
    options = options_for(module, None)
    alone = list(module.check_collection(Collection(records), options))
    assert alone, "the synthetic archive has contradictions and drifted quotations to find"
    monkeypatch.setattr(collection_module, "PARALLEL_PAIRS", 1)
    forked = list(module.check_collection(Collection(records, jobs=2), options))
    assert forked == alone
