"""Agreement with the date checks of three peer tools (Grammalecte, LanguageTool, textlint), on sentences of
our own that test what each of their test cases tests (tests/fixtures/peers/*.yaml). docs/dates-and-figures.md states the
counts; this test keeps them honest."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_check

PEERS = Path(__file__).parent / "fixtures" / "peers"
DATE_CHECKS = ("invalid-date", "weekday-mismatch", "date-format")


def _load():
    for path in sorted(PEERS.glob("*.yaml")):
        yield yaml.safe_load(path.read_text(encoding="utf-8"))


def _findings(case, base):
    date = case.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return [f for check in DATE_CHECKS for f in run_check(check, case["text"], base, date, case.get("lang", "fr"))]


def _agrees(case, base) -> bool:
    found = _findings(case, base)
    if case["flags"]:
        return bool(found) and len(found) == case.get("count", len(found))
    return not found


def _tally(base):
    out = {}
    for doc in _load():
        cases = doc["cases"]
        in_scope = [c for c in cases if c.get("scope") != "out"]
        agreed = sum(_agrees(c, base) for c in in_scope)
        out[doc["tool"]] = (agreed, len(in_scope), len(cases))
    return out


@pytest.mark.parametrize("doc", list(_load()), ids=lambda d: d["tool"])
def test_every_case_in_scope_agrees(doc, base):
    wrong = [c["text"] for c in doc["cases"] if c.get("scope") != "out" and not _agrees(c, base)]
    assert not wrong, wrong


def test_the_documentation_states_the_agreement(base):
    readme = (ROOT / "docs" / "dates-and-figures.md").read_text(encoding="utf-8")
    for tool, (agreed, in_scope, total) in _tally(base).items():
        line = re.search(rf"\| {re.escape(tool)} \| (\d+) \| (\d+) \| (\d+) \|", readme)
        assert line, f"docs/dates-and-figures.md: no agreement row for {tool}"
        assert tuple(map(int, line.groups())) == (total, in_scope, agreed), (tool, total, in_scope, agreed)
