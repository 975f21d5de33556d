"""How names and titles are read: folding, transliterations, initials, possessives, generic titles, anchors.

The checks' behaviour on whole sentences is in tests/fixtures/checks/; these pin the reading underneath.
"""
from __future__ import annotations

import pytest

from checker.extract.anchors import find_anchors
from checker.extract.names import find_names
from checker.extract.roles import role_dates_at, tenure_cues
from checker.fold import fold_name, name_keys


@pytest.mark.parametrize("a, b", [
    ("J.D. Vance", "J. D. Vance"),
    ("J.D. Vance", "JD Vance"),
    ("George H. W. Bush", "George H.W. Bush"),
    ("J.-P. Raffarin", "J. P. Raffarin"),
    ("Jean-Paul Bailly", "Jean Paul Bailly"),
    ("Lech Wałęsa", "LECH WALESA"),
])
def test_spellings_that_fold_alike(a, b):
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("a, b", [
    ("Donald J. Trump", "Donald Trump"),
    ("Barnett Slepian", "Barnet Slepian"),
])
def test_spellings_that_stay_apart(a, b):
    assert fold_name(a) != fold_name(b)


def test_a_transliteration_goes_from_the_letter_to_its_digraph_only():
    assert set(name_keys("Gerhard Schröder")) == {"gerhard schroder", "gerhard schroeder"}
    assert name_keys("Gerhard Schroeder") == ("gerhard schroeder",)
    assert name_keys("Michael") == ("michael",)           # not "Michal"
    assert name_keys("Strauß") == ("strauss",)               # ß folds to ss already


@pytest.mark.parametrize("text, names", [
    ("it is the United Nations' highest judicial body.", ["United Nations"]),
    ("so Elian Gonzalez’ relatives spoke to Trump's lawyer.", ["Elian Gonzalez", "Trump"]),
    ("then O'Brien met N'Djamena officials.", ["O'Brien", "N'Djamena"]),
    ("then Ex-President Bill Clinton Saturday vowed to fight.", ["Ex-President Bill Clinton"]),
    ("then U.S. President Bill Clinton spoke.", ["U.S. President Bill Clinton"]),
])
def test_name_spans(text, names):
    assert [n.text for n in find_names(text, "en")] == names


def test_monsieur_is_not_part_of_the_name():
    assert [n.text for n in find_names("on a vu M. Scholz hier.", "fr")] == ["Scholz"]


def test_generic_and_specific_titles(base):
    for lang, generic in (("fr", ["ministre de la Défense", "secrétaire d'État", "président", "secrétaire général"]),
                          ("en", ["Defence Minister", "Secretary of State", "Defense Secretary", "President"])):
        for title in generic:
            assert base.title_forms(lang, title), title      # a title of the rules …
            assert not base.is_specific(lang, title), title  # … that names no office by itself
    for lang, specific in (("fr", ["ministre ukrainien de la Défense", "secrétaire d'État américain",
                                   "chef de l'OTAN", "président du Conseil européen"]),
                           ("en", ["US Secretary of State", "NATO chief", "Ukraine's Defence Minister"])):
        for title in specific:
            assert base.is_specific(lang, title), title


def test_a_possessive_after_the_first_word_of_a_title(base):
    assert base.title_forms("en", "NATO's Secretary General") == base.title_forms("en", "NATO Secretary General")


@pytest.mark.parametrize("text, lang, expected", [
    ("the creation of NATO 50 years ago", "en", {"years_ago": 50}),
    ("ratifié il y a cinquante ans", "fr", {"years_ago": 50}),
    ("ratified in July 1949", "en", {"year": 1949, "month": 7}),
    ("En 2018, le président", "fr", {"year": 2018}),
])
def test_time_anchors(text, lang, expected):
    (anchor,) = find_anchors(text, lang)
    assert {k: getattr(anchor, k) for k in expected} == expected


def test_no_anchor_in_a_role_date():
    assert find_anchors("secrétaire général depuis octobre 2023", "fr") == []


@pytest.mark.parametrize("text, lang, year, month", [
    (", depuis octobre 2023", "fr", 2023, 10),
    (" depuis le 1er octobre 2024", "fr", 2024, 10),
    (" since October 1, 2024", "en", 2024, 10),
    (" since 2022", "en", 2022, None),
])
def test_role_since(text, lang, year, month):
    written = role_dates_at(text, 0, lang)
    assert (written.since, written.since_month) == (year, month)


@pytest.mark.parametrize("text, lang", [
    (", en poste depuis octobre 2023", "fr"),
    (", qui dirige l'OTAN depuis 2024", "fr"),
    (", who has led NATO since 2024", "en"),
])
def test_tenure_without_a_title(text, lang):
    (start, end), = tenure_cues("Mark Rutte" + text, lang)
    assert start == len("Mark Rutte") and role_dates_at("Mark Rutte" + text, end, lang).since in (2023, 2024)
