"""Every check against its fixture file of pass and fail cases (tests/fixtures/checks/<id>.yaml).

`pytest -k year-typo` runs one check's cases. A registered check without fixtures fails the suite.
A case is one article (`text:`, with `date:`, `lang:`, `file:`) or, for the checks that compare articles,
several checked together (`articles: [{path, text, date, lang}, ...]`); an expectation then names the
article it is in with `path:` besides `at:`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from checker.checks import REGISTRY
from conftest import build_base, run_check, run_collection_check

FIXTURES = Path(__file__).parent / "fixtures" / "checks"


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["check"], case, id=f"{doc['check']}::{case['name']}")


def _position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


_bases: dict = {}


@pytest.mark.parametrize("check_id, case", list(_cases()))
def test_fixture_case(check_id, case, base):
    assert check_id in REGISTRY, f"fixture for unknown check {check_id}"
    rules = case.get("rules")
    if rules:
        if rules not in _bases:
            _bases[rules] = build_base(rules)
        use = _bases[rules]
    else:
        use = base
    date = case.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    articles = case.get("articles") or [{"path": case.get("file", "article.txt"), "text": case["text"], "date": date}]
    texts = {a["path"]: a["text"] for a in articles}
    if hasattr(REGISTRY[check_id], "check_collection"):
        findings = run_collection_check(check_id, articles, use, case.get("lang"), case.get("options"))
    else:
        assert len(articles) == 1, f"{check_id} checks one article at a time"
        findings = run_check(check_id, articles[0]["text"], use, date, case.get("lang"), articles[0]["path"],
                             case.get("options"))
    expected = case.get("expect", [])

    def where(e):
        path = e.get("path", articles[0]["path"])
        return (path, *_position(texts[path], e["at"], e.get("occurrence", 1)))

    got = [(f.location.path, f.location.line, f.location.column) for f in findings]
    want = [where(e) for e in expected]
    assert sorted(got) == sorted(want), "\n".join(f"{f.location.path}:{f.location.line}:{f.location.column} "
                                                   f"{f.message}" for f in findings)
    for e, f in zip(sorted(expected, key=where),
                    sorted(findings, key=lambda f: (f.location.path, f.location.line, f.location.column))):
        assert f.rule == check_id
        assert f.text.startswith(e["at"]) or e["at"].startswith(f.text[:len(e["at"])]), (f.text, e["at"])
        if "suggestion" in e:
            assert f.suggestion == e["suggestion"], f.message
        if "severity" in e:
            assert f.severity.label == e["severity"]
        assert f.message and not f.message.endswith(".")
        if "evidence" in e:       # the other side, cited as path:line
            assert [ev.source for ev in f.evidence] == e["evidence"], f.evidence


def test_every_check_has_pass_and_fail_fixtures():
    seen: dict[str, set[str]] = {}
    for path in FIXTURES.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == doc["check"], f"{path.name} must be named after its check"
        kinds = seen.setdefault(doc["check"], set())
        for case in doc["cases"]:
            kinds.add("fail" if case.get("expect") else "pass")
    for check_id in REGISTRY:
        assert seen.get(check_id) == {"pass", "fail"}, f"{check_id} needs pass and fail cases in tests/fixtures/checks/"
