"""Every check against its fixture file of pass and fail cases (tests/fixtures/checks/<id>.yaml), each case
run through the real pipeline (runner.run: configuration, suppression comments, severities), as a user's
run would.

`pytest -k year-typo` runs one check's cases. A registered check without fixtures fails the suite.
A case is one article (`text:`, with `date:`, `lang:`, `file:`) or, for the checks that compare articles,
several checked together (`articles: [{path, text, date, lang}, ...]`); an expectation then names the
article it is in with `path:` besides `at:`.

Besides the check itself, a case may turn on other checks (`also: [unused-suppression]`, so that "a
suppression that suppresses nothing" is a case), and give a configuration (`config:`, the [checks] tables
of factlint.toml: `{invalid-date: {severity: info}}`). An expectation of another check than the file's
names it (`rule:`); `severity:` is the severity reported, after the configuration.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from checker import config as cfg
from checker.articles import parse_article
from checker.checks import REGISTRY
from checker.runner import Settings, run
from conftest import build_base

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


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _run(check_id: str, case: dict, articles: list[dict], base):
    """The case's findings, from a run of its check (and those of `also`) with its configuration."""
    read = []
    for item in articles:
        article = parse_article(item["text"], item["path"], markdown=item["path"].endswith(".md"))
        if item.get("lang") or case.get("lang"):
            article.language = item.get("lang") or case.get("lang")
        if item.get("date") is not None and len(articles) > 1:   # each article its own date, as front matter gives it
            article.front_matter = {**article.front_matter, "date": _date(item["date"])}
        read.append(article)
    config = cfg.from_mapping({"checks": {check_id: case.get("options") or {}, **(case.get("config") or {})}},
                              Path.cwd())
    settings = Settings(date=_date(case.get("date")) if len(articles) == 1 else None,
                        select=frozenset([check_id, *case.get("also", ())]),
                        check_options=cfg.options(config), severities=cfg.severities(config), use_cache=False)
    report = run([], settings, articles=tuple(read), loaded=(base, []))
    assert not report.errors, [str(e) for e in report.errors]
    return report.findings


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
    articles = case.get("articles") or [{"path": case.get("file", "article.txt"), "text": case["text"],
                                         "date": case.get("date")}]
    assert len(articles) == 1 or hasattr(REGISTRY[check_id], "check_collection"), f"{check_id} checks one article at a time"
    texts = {a["path"]: a["text"] for a in articles}
    findings = _run(check_id, case, articles, use)
    expected = case.get("expect", [])

    def where(e):
        path = e.get("path", articles[0]["path"])
        return (path, *_position(texts[path], e["at"], e.get("occurrence", 1)), e.get("rule", check_id))

    got = [(f.location.path, f.location.line, f.location.column, f.rule) for f in findings]
    want = [where(e) for e in expected]
    assert sorted(got) == sorted(want), "\n".join(f"{f.location.path}:{f.location.line}:{f.location.column} "
                                                   f"{f.rule} {f.message}" for f in findings)
    for e, f in zip(sorted(expected, key=where),
                    sorted(findings, key=lambda f: (f.location.path, f.location.line, f.location.column, f.rule))):
        assert f.rule == e.get("rule", check_id)
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
