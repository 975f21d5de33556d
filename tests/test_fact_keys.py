"""The keys facts gained for fact-mismatch (subject_terms, since, until) validate like the others."""
from __future__ import annotations

import datetime as dt

from checker import facts
from checker.factmatch import COUNT, YEAR, figure
from conftest import RULES


def _load(tmp_path, text):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return facts.load_factbase([path], use_cache=False)


GOOD = """
facts:
  members:
    about: {fr: [pays membres], en: [member states]}
    subject_terms: {fr: [OTAN], en: [NATO]}
    since: 2024-03-07
    until: 2030-12-31
    value: 32
    unit: member countries
    source: test
"""


def test_new_keys_are_read(tmp_path):
    base, errors = _load(tmp_path, GOOD)
    assert not errors
    fact = base.rules.facts["members"]
    assert fact.subject_terms == {"fr": ("OTAN",), "en": ("NATO",)}
    assert (fact.since, fact.until) == (dt.date(2024, 3, 7), dt.date(2030, 12, 31))
    assert figure(fact).family == COUNT and figure(fact).value == 32


def test_bad_new_keys_name_file_line_and_key(tmp_path):
    _, errors = _load(tmp_path, GOOD.replace("since: 2024-03-07", "since: soon").replace("until: 2030-12-31", "until: 2020-01-01")
                      .replace("subject_terms: {fr: [OTAN], en: [NATO]}", "subject_terms: {de: [NATO]}"))
    text = "\n".join(map(str, errors))
    assert "facts.yaml:6: facts.members.since: expected a date YYYY-MM-DD" in text
    assert "facts.members.subject_terms.de: unknown language 'de'" in text


def test_until_before_since(tmp_path):
    _, errors = _load(tmp_path, GOOD.replace("until: 2030-12-31", "until: 2020-01-01"))
    assert any("facts.members.until: the fact ends (2020-01-01) before it starts (2024-03-07)" in str(e) for e in errors)


def test_figures_of_the_shipped_facts():
    base, _ = facts.load_factbase([RULES], use_cache=False)
    read = {f.id: figure(f) for f in base.rules.facts.values()}
    assert read["uk-air-defence-package-2026"].family == "GBP" and read["uk-air-defence-package-2026"].value == 5e8
    assert read["us-long-range-fires-germany"].family == YEAR
    assert read["nato-population"].value == 1e9
