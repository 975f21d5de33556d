"""When does an article speak: each source of the date, its provenance, and the traps."""
from __future__ import annotations

import datetime as dt

from checker.articles import parse_article
from checker.context import ArticleContext


def _date(base, text, file="a.txt", option=None):
    return ArticleContext(parse_article(text, file, file.endswith(".md")), base, option).date


def test_option_wins_over_front_matter(base):
    text = "---\ndate: 2020-01-01\n---\nTexte du 3 mars 2019.\n"
    assert _date(base, text, "a.md", dt.date(2024, 5, 1)).source == "option"
    d = _date(base, text, "a.md")
    assert (d.value, d.source) == (dt.date(2020, 1, 1), "front-matter")


def test_dateline_even_when_glued_to_a_time(base):
    d = _date(base, "Titre\n\n16:1212/02/2026, jeudi\nTexte.\n")
    assert (d.value, d.source) == (dt.date(2026, 2, 12), "dateline")
    d = _date(base, "PARIS, 3 mars 2019 — Le gouvernement a annoncé …\n")
    assert (d.value, d.source) == (dt.date(2019, 3, 3), "dateline")


def test_inferred_from_a_relative_offset_to_an_event(base):
    d = _date(base, "Titre\n\nCette annonce intervient à deux semaines du sommet de l’OTAN à La Haye (24-25 juin).\n")
    assert (d.value, d.source) == (dt.date(2025, 6, 10), "inferred")
    assert d.earliest < d.value < d.latest


def test_inferred_from_a_cited_date_and_a_dated_event(base):
    text = ("Il l'a dit lundi, cité le 15 octobre. Trump affrontera Harris lors de l'élection présidentielle "
            "américaine du 5 novembre.\n")
    d = _date(base, text)
    assert (d.value, d.source) == (dt.date(2024, 10, 15), "inferred")


def test_an_event_without_its_date_does_not_give_a_year(base):
    text = "Depuis l'adhésion de la Suède, l'alliance a grandi, a-t-il déclaré, cité le 15 octobre.\n"
    assert _date(base, text).value is None


def test_events_of_different_years_give_nothing(base):
    text = ("Après le sommet de La Haye (24-25 juin) et l'élection présidentielle américaine du 3 novembre, "
            "il a parlé, cité le 15 octobre.\n")
    assert _date(base, text).value is None


def test_bounded_by_an_event_spoken_of_as_future(base):
    d = _date(base, "Au sommet de La Haye, les alliés devront prendre des décisions.\n")
    assert d.value is None and d.latest == dt.date(2025, 6, 24) and "before 2025-06-24" in d.how


def test_a_date_of_the_text_is_a_lower_bound_not_the_date(base):
    # news recalls the past in any sentence: the latest date reported says only that the article is later
    d = _date(base, "Le 3 mars 2019, il a démissionné. Le 4 avril 2019, il est parti.\n")
    assert (d.value, d.source, d.earliest, d.latest) == (None, "unknown", dt.date(2019, 4, 4), None)
    assert "after 2019-04-04" in d.how


def test_unknown(base):
    d = _date(base, "Le secrétaire général a parlé.\n")
    assert (d.value, d.source) == (None, "unknown")
