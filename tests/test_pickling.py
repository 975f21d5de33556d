"""Results of worker processes travel pickled: every value comes back equal, field for field."""
from __future__ import annotations

import pickle

from conftest import ROOT, run_check
from checker.articles import read_article
from checker.context import ArticleContext
from checker.records import record_of


def test_findings_and_records_survive_pickling(base):
    article = read_article(ROOT / "seeds" / "001_2261a6fc945c081f.txt")
    record = record_of(ArticleContext(article, base, None))
    assert record.claims and record.quotes and record.names
    assert pickle.loads(pickle.dumps(record)) == record
    findings = run_check("name-typo", "La chancelière Angela Merkle a parlé.", base)
    assert findings and findings[0].fix is not None and findings[0].evidence
    assert pickle.loads(pickle.dumps(findings)) == findings
