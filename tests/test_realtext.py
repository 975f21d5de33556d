"""The real-text gate (tests/realtext): real published news must give no warning or error beyond the reviewed
true positives, and no article may be dated wrong by more than 30 days. `python -m tests.realtext` prints
the same run as a report (docs/realtext.md)."""
from __future__ import annotations

import pytest

from checker.checks import REGISTRY
from conftest import shared_dir
from realtext import (PENDING, PENDING_PREFIX, TRUE_POSITIVES, WRONG_DAYS, Entry, ListError, Result, copies, judge,
                      read_list, run)


@pytest.fixture(scope="module")
def verdict():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpora not found (the real-text gate needs ../shared/corpora or $FACTLINT_SHARED)")
    return run(shared / "corpora")


def test_every_corpus_is_checked(verdict):
    names = {r.copy.name for r in verdict.results}
    assert {"wikinews-fr", "wikinews-fr/undated", "timebank-en/dated", "timebank-en/undated", "fr-timebank/dated",
            "fr-timebank/undated"} <= names
    assert not verdict.broken
    for result in verdict.results:
        assert len(result.articles) == len(list(result.copy.folder.rglob("*.md"))), result.copy.name
    # the undated copies are really undated: the date, when there is one, is factlint's own
    undated = [a for r in verdict.results if r.copy.undated for a in r.articles]
    assert undated and not {a["date_source"] for a in undated} & {"front-matter", "option"}


def test_no_warning_or_error_beyond_the_lists(verdict):
    unexpected = [f"{name}\t{f['path']}\t{f['line']}\t{f['rule']}\t{f['message']}" for name, f in verdict.unexpected]
    assert not unexpected, "findings on neither list:\n" + "\n".join(unexpected)


def test_pending_entries_still_occur(verdict):
    # the pending list only shrinks: an entry whose false positive is fixed must go
    gone = [f"{e.where}: {e.corpus}\t{e.path}\t{e.line}\t{e.rule}" for e in verdict.gone]
    assert not gone, "pending entries that no longer occur (remove them):\n" + "\n".join(gone)


def test_true_positives_are_still_found(verdict):
    assert not verdict.lost, [e.where for e in verdict.lost]


def test_no_date_wrong_by_more_than_30_days(verdict):
    wrong = [f"{name}/{a['path']}: {a['date']} ({a['date_source']}), really {real}" for name, a, real in verdict.wrong_dates]
    assert not wrong, f"dates wrong by more than {WRONG_DAYS} days:\n" + "\n".join(wrong)


def test_the_lists_are_well_formed():
    true_positives, pending = read_list(TRUE_POSITIVES), read_list(PENDING)
    for entry in true_positives + pending:
        assert entry.rule in REGISTRY, f"{entry.where}: unknown rule {entry.rule}"
        assert entry.path.endswith(".md") and "/" not in entry.path, entry.where
    assert all(e.reason.startswith(PENDING_PREFIX) for e in pending)
    assert not any(e.reason.startswith(PENDING_PREFIX) for e in true_positives)
    assert not any(e.corpus.endswith("/undated") for e in pending), "a dating failure is never pending"
    shared = shared_dir()
    if shared is not None:
        names = {c.name for c in copies(shared / "corpora")}
        assert {e.corpus for e in true_positives + pending} <= names


def test_judging_one_for_one(tmp_path):
    """Each entry covers one finding; a finding on neither list and an entry left over are both reported."""
    from realtext import Copy
    copy = Copy("news", tmp_path)
    findings = [{"path": "a.md", "line": 3, "rule": "contradiction", "message": "m"} for _ in range(2)]
    result = Result(copy, articles=[], findings=findings)
    pending = [Entry("news", "a.md", 3, "contradiction", "open: x"), Entry("news", "b.md", 1, "name-variant", "open: y")]
    verdict = judge([result], [], pending)
    assert len(verdict.unexpected) == 1 and [e.path for e in verdict.gone] == ["b.md"]
    assert verdict.regressions and not verdict.met
    assert judge([Result(copy)], [], []).met


def test_a_bad_list_line_is_one_clear_error(tmp_path):
    bad = tmp_path / "list.tsv"
    bad.write_text("# header\nnews\ta.md\tseven\tcontradiction\twhy\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"list.tsv:2: line 'seven' is not a number"):
        read_list(bad)
