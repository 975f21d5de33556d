"""The planted-error benchmark's generator (tests/benchmarks/planted): enough sentence shapes per kind and
language, every slot filled, errors that differ from their twins, the same cases for the same seed, and a
planted sentence found where the copy says it is. Runs on two invented articles, without the corpora."""
from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.planted.corpus import Host, _paragraphs, plant
from benchmarks.planted.generate import generate
from benchmarks.planted.kinds import KINDS
from benchmarks.planted.kinds.common import keystrokes, year_typo
from benchmarks.planted.world import factbase
from conftest import RULES

CATALOG = {"year-typo", "invalid-date", "weekday-mismatch", "date-format", "anachronistic-title", "stale-qualifier",
           "title-gender", "role-mismatch", "name-typo", "name-variant", "event-date", "fact-mismatch",
           "contradiction", "unit-conversion", "arithmetic"}


def _host(name: str, lang: str, day: str, body: str) -> Host:
    text = f"---\ndate: {day}\nlang: {lang}\n---\n\n{body}\n"
    return Host(name, text, lang, dt.date.fromisoformat(day), _paragraphs(text))


FR = [_host(f"fr/{i}.md", "fr", day, "Jean-Pierre Martin, maire de Nancy, a présenté mardi le budget de la ville "
            "devant le conseil municipal.\n\nSelon Jean-Pierre Martin, les impôts locaux n'augmenteront pas cette "
            "année, a-t-il assuré devant la presse.")
      for i, day in enumerate(("2012-06-14", "1999-11-03", "2012-09-20"))]
EN = [_host(f"en/{i}.md", "en", day, "Robert Kimball, the mayor of Dayton, presented the city budget to the "
            "council on Tuesday.\n\nRobert Kimball said property taxes would not rise this year, according to a "
            "statement released by his office.")
      for i, day in enumerate(("1998-02-12", "1989-10-30", "1998-03-02"))]


def test_every_kind_of_the_catalog_has_ten_shapes_per_language():
    assert set(KINDS) == CATALOG
    for kind in KINDS.values():
        for lang in ("fr", "en"):
            templates = [t for _, t in kind.shapes[lang]]
            assert len(set(templates)) >= 10, (kind.id, lang)


@pytest.fixture(scope="module")
def cases():
    base = factbase(RULES)
    drawn, skipped = generate(list(KINDS.values()), ["fr", "en"], {"fr": FR, "en": EN}, base, seed=7, reps=1)
    again, _ = generate(list(KINDS.values()), ["fr", "en"], {"fr": FR, "en": EN}, base, seed=7, reps=1)
    assert drawn == again   # seeded: the same cases
    return drawn, skipped


def test_errors_have_twins_and_every_slot_is_filled(cases):
    drawn, skipped = cases
    errors = [c for c in drawn if c.planted]
    assert {c.kind for c in errors} >= CATALOG - {"name-variant"}   # no name written twice in another article here
    for case in drawn:
        assert "{" not in case.sentence and "}" not in case.sentence, case.sentence
    twins = {(c.kind, c.lang, c.shape, c.host, c.where): c.sentence for c in drawn if not c.planted}
    for error in errors:
        twin = twins[(error.kind, error.lang, error.shape, error.host, error.where)]
        assert error.sentence != twin and error.expected == twin
    assert all(s.startswith(("name-variant",)) or "fact-mismatch" in s or "event-date" in s for s in skipped), skipped


def test_a_planted_sentence_is_where_the_copy_says():
    host = FR[0]
    for append in (False, True):
        copy = plant(host, "Une phrase plantée.", 1, append)
        line = copy.text.splitlines()[copy.line - 1]
        assert line[copy.first_column - 1:copy.last_column] == "Une phrase plantée."
        assert copy.text.replace(" Une phrase plantée.", "").replace("\n\nUne phrase plantée.", "") == host.text


def test_year_typos_are_one_slip_of_the_finger_and_cannot_be_the_year():
    assert "206" in keystrokes("2026") and "20226" in keystrokes("2026") and "2062" in keystrokes("2026")
    assert "6026" not in keystrokes("2026")   # 2 and 6 are not neighbours on the number row
    import random
    rng = random.Random(3)
    for _ in range(50):
        typo = year_typo(2026, 2025, ("short", "long", "far"), rng, far=100)
        assert len(typo) in (3, 5) or int(typo) > 2125
