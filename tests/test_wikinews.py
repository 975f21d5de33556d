"""False positives: 52 real French Wikinews articles (2012) must give no warning and no error."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, cli, shared_dir

# Findings on the corpus that are true errors of the articles, with the reason (none so far).
TRUE_ERRORS: dict[tuple[str, int, str], str] = {}


def test_no_warning_or_error_on_wikinews():
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared/corpora not found: set FACTLINT_SHARED to the shared directory")
    corpus = shared / "corpora" / "wikinews-fr"
    code, out, err = cli("check", corpus, "--format", "json", "--fail-on", "never", cwd=ROOT)
    assert code == 0, err
    report = json.loads(out)
    assert len(report["articles"]) == 52
    flagged = {(f["path"].split("/")[-1], f["line"], f["rule"]): f["message"] for f in report["findings"]
               if f["severity"] in ("error", "warning")}
    unexpected = {k: v for k, v in flagged.items() if k not in TRUE_ERRORS}
    assert not unexpected
    # every article is dated by its front matter (the corpus gives each its dateline's date)
    assert {a["date_source"] for a in report["articles"]} == {"front-matter"}
