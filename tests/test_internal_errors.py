"""A check that fails is one run error, one line; with --debug it carries the traceback (pipeline.error_detail,
which imports traceback only then)."""
from __future__ import annotations

from types import SimpleNamespace

from checker.articles import parse_article
from checker.pipeline import Settings, check_article
from checker.report import Report


def _failing(ctx, options):
    raise RuntimeError("broken on purpose")
    yield


def _errors(base, debug: bool) -> list[str]:
    report = Report()
    module = SimpleNamespace(ID="failing", check=_failing)
    check_article(parse_article("Le 3 mars 2024, rien.", "a.txt", False), base, ((module, {}),),
                  Settings(debug=debug), report)
    return [error.message for error in report.errors]


def test_a_failing_check_is_one_line(base):
    assert _errors(base, debug=False) == ["internal error in check failing: RuntimeError: broken on purpose"]


def test_with_debug_the_traceback(base):
    (message,) = _errors(base, debug=True)
    assert message.startswith("internal error in check failing: Traceback (most recent call last):")
    assert "in _failing" in message and message.rstrip().endswith("RuntimeError: broken on purpose")
