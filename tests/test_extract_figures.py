"""The figure and date readers, French and English: what each writing means (item by item of the issue)."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.extract.dates import find_dates
from checker.extract.numbers import find_numbers
from checker.extract.figures import find_figures
from checker.extract.relative import find_relative_dates, resolve


def _numbers(text, code):
    return [(text[n.start:n.end], n.value, n.kind) for n in find_numbers(text, code)]


@pytest.mark.parametrize("code, text, value, step", [
    ("fr", "1 000", 1000, 1), ("en", "1,000", 1000, 1), ("fr", "3,5", 3.5, 0.1), ("en", "3.5", 3.5, 0.1),
    ("fr", "3.5", 3.5, 0.1), ("fr", "1,2 milliard", 1.2e9, 1e8), ("fr", "500 millions", 5e8, 1e6),
    ("en", "1.2 billion", 1.2e9, 1e8), ("en", "$2bn", 2e9, 1e9), ("fr", "12 345 678", 12345678, 1),
    ("fr", "deux", 2, 1), ("fr", "dix", 10, 1), ("fr", "vingt-deux", 22, 1), ("fr", "quatre-vingt-dix", 90, 1),
    ("en", "twenty", 20, 1),
])
def test_numbers(code, text, value, step):
    found = [n for n in find_numbers(f"Il y a {text} ici.", code) if n.kind in ("digits", "words")]
    assert len(found) == 1
    assert found[0].value == pytest.approx(value) and found[0].step == pytest.approx(step)


def test_ordinals_and_centuries():
    assert ("1er", 1.0, "ordinal") in _numbers("le 1er mai", "fr")
    assert ("XXe siècle", 20.0, "century") in _numbers("au XXe siècle", "fr")
    assert ("XXIe siècle", 21.0, "century") in _numbers("au XXIe siècle", "fr")
    assert ("21st century", 21.0, "century") in _numbers("in the 21st century", "en")


def test_unsettled_figures_are_set_aside():
    assert [n.ambiguous for n in find_numbers("1.500 euros", "fr")] == [True]
    assert _numbers("F-16 et COVID-19", "fr") == []


@pytest.mark.parametrize("code, text, unit, value", [
    ("fr", "5 %", "percent", 5), ("en", "5%", "percent", 5), ("fr", "5 pour cent", "percent", 5),
    ("en", "5 per cent", "percent", 5), ("fr", "500 kilomètres", "km", 500), ("en", "311 miles", "mi", 311),
    ("fr", "500 millions de livres sterling", "GBP", 5e8), ("fr", "500 millions de livres", "GBP", 5e8),
    ("en", "£500m", "GBP", 5e8), ("fr", "-5 °C", "degC", -5), ("fr", "120 km/h", "kmh", 120),
    ("fr", "2 millions d'euros", "EUR", 2e6),
])
def test_quantities(code, text, unit, value):
    sentence = f"Ils parlent de {text} ici."
    found = find_figures(sentence, code, find_numbers(sentence, code))
    assert [(q.unit, q.value) for q in found] == [(unit, pytest.approx(value))]


@pytest.mark.parametrize("code, text, units", [
    ("en", "-5C (41F)", ["degC", "degF"]), ("en", "60mph (37km/h)", ["mph", "kmh"]),
    ("en", "the 26.2-mile (422-kilometer) event", ["mi", "km"]), ("fr", "un trajet de 12km", ["km"]),
    ("en", "5G networks and 3D films", []), ("en", "an F-16 and a 747", []),
])
def test_units_glued_to_their_number(code, text, units):
    assert [f.unit for f in find_figures(text, code, find_numbers(text, code)) if f.kind != "number"] == units


def test_pounds_stay_undecided_without_context():
    found = find_figures("Il pèse 20 livres.", "fr", find_numbers("Il pèse 20 livres.", "fr"))
    assert found[0].candidates == ("lb", "GBP")


@pytest.mark.parametrize("code, text, day, month, year, day_end", [
    ("fr", "les 24 et 25 juin", 24, 6, None, 25), ("fr", "24-25 juin 2025", 24, 6, 2025, 25),
    ("en", "June 24-25, 2025", 24, 6, 2025, 25), ("fr", "le 1er mai", 1, 5, None, None),
    ("fr", "le 12/02/2026", 12, 2, 2026, None), ("en", "on 12/02/2026", 2, 12, 2026, None),
    ("fr", "le 02/13/2026", 13, 2, 2026, None), ("fr", "le 10-06-2014", 10, 6, 2014, None),
    ("fr", "le 12.02.2026", 12, 2, 2026, None), ("fr", "le 31/septembre/1969", 31, 9, 1969, None),
    ("en", "on 2014/04/21", 21, 4, 2014, None), ("en", "Tue Apr 21st, 2014", 21, 4, 2014, None),
    ("fr", "2016-12-29 (jeudi)", 29, 12, 2016, None),
])
def test_dates(code, text, day, month, year, day_end):
    found = find_dates(text, code)
    assert [(d.day, d.month, d.year, d.day_end) for d in found] == [(day, month, year, day_end)]


def test_weekday_positions():
    d = find_dates("mercredi, le 10 juin 2014", "fr")[0]
    assert d.weekday == 2 and d.weekday_span == (0, 8)
    d = find_dates("2021-07-02 (Thursday)", "en")[0]
    assert d.weekday == 3
    d = find_dates("du mardi 20 au vendredi 24 août 2012", "fr")[0]
    assert (d.day, d.weekday, d.weekday_span, d.day_end, d.weekday_end, d.weekday_end_span) == (20, 1, (3, 8), 24, 4, (15, 23))
    d = find_dates("le 1er mai 2012, un lundi.", "fr")[0]
    assert d.weekday == 0 and d.weekday_span == (20, 25)
    assert [d.weekday for d in find_dates("a Wednesday meeting on May 7, 2024, a Wednesday meeting", "en")] == [None]
    assert [(d.day, d.year, d.weekday) for d in find_dates("due Monday 2/17/98; due 2/17/98", "en")] == [(17, 1998, 0)]
    assert [d.weekday for d in find_dates("le lundi suivant le 3 mars 2014", "fr")] == [None]


def test_not_dates():
    assert find_dates("score 3-1, version 1.2.2012, l'article 32.13.2018, 3 sept ans", "fr") == []
    assert find_dates("prices may 2 percent rise", "en") == []


TUESDAY = (dt.date(2025, 6, 10), dt.date(2025, 6, 10))


@pytest.mark.parametrize("code, text, first, last", [
    ("fr", "hier", "2025-06-09", "2025-06-09"), ("fr", "lundi", "2025-06-09", "2025-06-09"),
    ("fr", "lundi dernier", "2025-06-09", "2025-06-09"), ("fr", "jeudi prochain", "2025-06-12", "2025-06-12"),
    ("fr", "la semaine dernière", "2025-06-02", "2025-06-08"), ("fr", "l'an prochain", "2026-01-01", "2026-12-31"),
    ("fr", "en octobre dernier", "2024-10-01", "2024-10-31"), ("en", "last October", "2024-10-01", "2024-10-31"),
    ("en", "next week", "2025-06-16", "2025-06-22"), ("en", "yesterday", "2025-06-09", "2025-06-09"),
])
def test_relative_dates(code, text, first, last):
    found = find_relative_dates(f"Il l'a dit {text}.", code)
    assert len(found) == 1
    assert resolve(found[0], TUESDAY) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_a_bare_weekday_in_a_sentence_about_the_future_is_ahead():
    found = find_relative_dates("Il viendra jeudi.", "fr")
    assert resolve(found[0], TUESDAY, future=True) == (dt.date(2025, 6, 12), dt.date(2025, 6, 12))


def test_a_weekday_of_a_full_date_is_not_relative():
    text = "lundi 3 mars 2025"
    taken = [(d.start, d.end) for d in find_dates(text, "fr")]
    assert find_relative_dates(text, "fr", taken) == []
