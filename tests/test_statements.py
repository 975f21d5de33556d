"""The extractors behind the collection checks: figures with units, statements, quotations and speakers."""
from __future__ import annotations

import pytest

from checker.articles import parse_article
from checker.context import ArticleContext
from checker.extract.figures import find_figures
from checker.records import load_quote, load_statement, dump, record_of

INF = float("inf")


@pytest.mark.parametrize("code, text, written, low, high, unit", [
    ("fr", "une aide de 2 milliards d'euros", "2 milliards d'euros", 2e9, 2e9, "EUR"),
    ("fr", "puis 1,2 milliard.", "1,2 milliard", 1.2e9, 1.2e9, ""),
    ("fr", "l'UE compte 27 États membres", "27 États membres", 27, 27, "etats membres"),
    ("fr", "soit 1 000 soldats", "1 000 soldats", 1000, 1000, "soldats"),
    ("fr", "206 blindés supplémentaires", "206 blindés supplémentaires", 206, 206, "blindes supplementaires"),
    ("fr", "27 personnes souhaitaient partir", "27 personnes", 27, 27, "personnes"),     # a verb, not an adjective
    ("fr", "1 milliard de personnes", "1 milliard de personnes", 1e9, 1e9, "personnes"),
    ("en", "NATO has 32 member countries", "32 member", 32, 32, "member"),           # English adjectives come first
    ("fr", "plus de 700 personnes", "700 personnes", 700, INF, "personnes"),
    ("fr", "entre 2 et 3 milliards d'euros", "2 et 3 milliards d'euros", 2e9, 3e9, "EUR"),
    ("fr", "de pas moins de 400 %", "400 %", 400, INF, "%"),
    ("fr", "500 millions de livres sterling", "500 millions de livres sterling", 5e8, 5e8, "GBP"),
    ("en", "a $1.2bn package", "$1.2bn", 1.2e9, 1.2e9, "USD"),
    ("en", "£500m for schools", "£500m", 5e8, 5e8, "GBP"),
    ("en", "some 1,200 troops", "1,200 troops", 1080, 1320, "troops"),
    ("en", "3.5 percent of GDP", "3.5 percent", 3.5, 3.5, "%"),
])
def test_figures_with_their_unit(code, text, written, low, high, unit):
    figures = find_figures(text, code)
    assert len(figures) == 1
    f = figures[0]
    assert (text[f.start:f.end], f.low, f.unit) == (written, pytest.approx(low), unit)
    assert f.high == pytest.approx(high) if high != INF else f.high == INF


@pytest.mark.parametrize("code, text", [
    ("fr", "à partir de 2026, puis en 2024 les"),      # years
    ("fr", "à 16:12 le 24 juin"),                       # a time; a date is skipped by its span, a month is no unit
    ("fr", "Il a 28 ans et 3 enfants"),                 # ages are not compared ("ans" is no unit)
    ("en", "a 500m race"),                              # metres, not millions, without a currency
    ("fr", "la version 2.0 du texte"),                  # no unit
    ("fr", "le numéro 1 de l'équipe"),                  # "de" after a bare number: no unit
])
def test_what_is_not_a_figure(code, text):
    found = [text[f.start:f.end] for f in find_figures(text, code) if f.unit not in ("enfants",)]
    assert found == []


def _record(text: str, lang: str = "fr", base=None):
    article = parse_article(text, "a.txt", markdown=False)
    article.language = lang
    return record_of(ArticleContext(article, base))


def test_statement_context_subject_measure_period(base):
    record = _record("En 2014, l'Allemagne consacrait 1,2 % de son PIB à la défense, contre 2,7 % pour l'alliance.\n",
                     base=base)
    germany, alliance = record.statements
    assert germany.entities == ("allemagne", "pib") and alliance.entities == ()
    assert germany.years == alliance.years == (2014,)
    assert germany.measure == ("defense", "pib") and "defense" in germany.words
    assert (germany.line, germany.column, germany.written) == (1, 33, "1,2 %")


def test_quotations_and_their_speakers(base):
    record = _record("« Poutine ne comprend que la force », a déclaré Mark Rutte.\n"
                     "Pete Hegseth a répondu : « Nous sommes prêts ».\n"
                     "« Nous le sommes aussi », a-t-il ajouté.\n", base=base)
    assert [(q.text, q.speaker, q.explicit) for q in record.quotes] == [
        ("Poutine ne comprend que la force", "Mark Rutte", True),
        ("Nous sommes prêts", "Pete Hegseth", True),
        ("Nous le sommes aussi", "Pete Hegseth", False),
    ]


def test_records_go_through_the_index_unchanged(base):
    record = _record("L'armée compte plus de 700 personnes, selon le ministère.\n« Nous sommes l'OTAN », a dit Rutte.\n",
                     base=base)
    for statement in record.statements:
        assert load_statement(dump(statement)) == statement
    for quote in record.quotes:
        assert load_quote(dump(quote)) == quote
    assert record.statements[0].high == INF and record.statements[0].source == "ministere"
