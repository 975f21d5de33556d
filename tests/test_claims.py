"""The claim reader, French and English: each figure with its value, bounds, unit, measure, subject, period and
source; and the quotations beside them. Cases are short sentences written like newswire and the seeds."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.articles import parse_article
from checker.context import ArticleContext
from checker.extract.figures import find_figures
from checker.extract.numbers import find_numbers
from checker.records import dump, load_claim, load_quote, pack, record_of, unpack_claim, unpack_quote

INF = float("inf")


@pytest.mark.parametrize("code, text, written, low, high, unit, counted", [
    ("fr", "une aide de 2 milliards d'euros", "2 milliards d'euros", 2e9, 2e9, "EUR", ""),
    ("fr", "puis 1,2 milliard.", "1,2 milliard", 1.2e9, 1.2e9, None, ""),
    ("fr", "l'UE compte 27 États membres", "27 États membres", 27, 27, None, "etats membres"),
    ("fr", "soit 1 000 soldats", "1 000 soldats", 1000, 1000, None, "soldats"),
    ("fr", "206 blindés supplémentaires", "206 blindés supplémentaires", 206, 206, None, "blindes supplementaires"),
    ("fr", "27 personnes souhaitaient partir", "27 personnes", 27, 27, None, "personnes"),     # a verb, no adjective
    ("fr", "1 milliard de personnes", "1 milliard de personnes", 1e9, 1e9, None, "personnes"),
    ("en", "NATO has 32 member countries", "32 member countries", 32, 32, None, "member countries"),
    ("fr", "plus de 700 personnes", "700 personnes", 700, INF, None, "personnes"),
    ("fr", "jusqu'à 1 200 soldats", "1 200 soldats", 0, 1200, None, "soldats"),
    ("en", "up to 1,200 soldiers", "1,200 soldiers", 0, 1200, None, "soldiers"),
    ("fr", "entre 2 et 3 milliards d'euros", "2 et 3 milliards d'euros", 2e9, 3e9, "EUR", ""),
    ("fr", "de pas moins de 400 %", "400 %", 400, INF, "percent", ""),
    ("fr", "500 millions de livres sterling", "500 millions de livres sterling", 5e8, 5e8, "GBP", ""),
    ("en", "a $1.2bn package", "$1.2bn", 1.2e9, 1.2e9, "USD", ""),
    ("en", "£500m for schools", "£500m", 5e8, 5e8, "GBP", ""),
    ("en", "some 1,200 troops", "1,200 troops", 1080, 1320, None, "troops"),
    ("en", "3.5 percent of GDP", "3.5 percent", 3.5, 3.5, "percent", ""),
    ("en", "or 18 Canadian cents a share", "18 Canadian cents a share", 18, 18, "cent", ""),
    ("en", "sales of C$348.2 million compared with", "C$348.2 million", 348.2e6, 348.2e6, "CAD", ""),
    ("en", "to buy 22 million LIN shares", "22 million LIN shares", 22e6, 22e6, None, "shares"),
    ("en", "fell 151.20 points to 35527.29", "151.20 points", 151.2, 151.2, "points", ""),
    ("en", "It was -5C (41F).", "-5C", -5, -5, "degC", ""),
    ("en", "the 26.2-mile (422-kilometer) event", "26.2-mile", 26.2, 26.2, "mi", ""),
])
def test_figures_with_their_unit(code, text, written, low, high, unit, counted):
    figures = find_figures(text, code, find_numbers(text, code))
    f = figures[0]
    assert (text[f.start:f.end], f.unit, f.counted) == (written, unit, counted)
    assert f.low == pytest.approx(low) and (f.high == INF if high == INF else f.high == pytest.approx(high))


@pytest.mark.parametrize("code, text", [
    ("fr", "à partir de 2026, puis en 2024 les"),      # years
    ("fr", "à 16:12 le 24 juin"),                       # a time; a date is skipped by its span
    ("en", "Sales were 348.2 million compared with"),   # "compared" is no unit
    ("en", "18 Canadian, 22 million LIN"),              # a capitalised word is no counted noun
    ("fr", "la version 2.0 du texte"),                  # no unit
    ("fr", "le numéro 1 de l'équipe"),                  # "de l'" after a bare number: no litre
    ("en", "12 days later, 3 years on"),                # durations
    ("en", "its 80486 microprocessor chip's unit"),     # a model number
])
def test_what_is_not_a_figure(code, text):
    found = [text[f.start:f.end] for f in find_figures(text, code, find_numbers(text, code)) if f.kind not in ("amount", "number")]
    assert found == []


def _record(text: str, lang: str = "fr", base=None, date=None):
    article = parse_article(text, "a.txt", markdown=False)
    article.language = lang
    return record_of(ArticleContext(article, base, date))


def _claims(text, lang, base, date=None):
    return {c.written: c for c in _record(text, lang, base, date).claims}


def test_earnings_brief_subject_measure_period(base):
    claims = _claims("Savin Corp. reported a third-quarter net loss of $35.2 million, or 31 cents a share, compared with "
                     "year-earlier profit of $3.8 million, or one cent a share. Sales rose 6.2% to $1.45 billion from "
                     "$1.37 billion.\n", "en", base, dt.date(1989, 11, 2))
    loss, per_share, profit = claims["$35.2 million"], claims["31 cents a share"], claims["$3.8 million"]
    assert loss.subject == per_share.subject == profit.subject == "savin"
    assert loss.measure == per_share.measure == ("loss", "net") and per_share.marks == ("share",)
    assert profit.measure == ("income", "net")                    # "profit" is net income
    assert loss.period == "Q:1989-3" and profit.period == "Q:1988-3"
    rise, level, start = claims["6.2%"], claims["$1.45 billion"], claims["$1.37 billion"]
    assert rise.measure == level.measure == start.measure == ("sale",) and rise.marks == ("+",) and not level.marks
    assert level.period == "Q:1989-3" and start.period == "<Q:1989-3"   # the quarter, from the sentence before
    assert rise.subject == "savin"                                 # the paragraph's subject


def test_french_subject_measure_period(base):
    claims = _claims("En 2014, l'Allemagne consacrait 1,2 % de son PIB à la défense, contre 2,7 % pour l'alliance.\n"
                     "Au troisième trimestre, le chiffre d'affaires de Renault a reculé de 5 % à 10,2 milliards d'euros.\n",
                     "fr", base, dt.date(2024, 11, 2))
    germany, alliance = claims["1,2 %"], claims["2,7 %"]
    assert germany.subject == "allemagne" and germany.measure == ("defens", "pib") and germany.period == "Y:2014"
    assert alliance.period is None                       # "contre 2,7 %": compared, of no period it says
    fall, level = claims["5 %"], claims["10,2 milliards d'euros"]
    assert fall.subject == level.subject == "renault"
    assert fall.measure == level.measure == ("affair", "chiffr") and fall.marks == ("-",)
    assert fall.period == level.period == "Q:2024-3"


def test_a_count_that_changes_and_one_that_does_not(base):
    claims = _claims("Le bilan de l'accident s'élève à 40 morts. L'État a débloqué une aide de 2 millions d'euros.\n",
                     "fr", base, dt.date(2024, 8, 8))
    assert claims["40 morts"].changing and not claims["2 millions d'euros"].changing


def test_future_and_unknown_subjects(base):
    claims = _claims("The company will spend $2 billion. It said sales were $3 million.\n", "en", base, dt.date(2024, 1, 5))
    assert claims["$2 billion"].period is None            # the future is no known period
    assert claims["$3 million"].subject is None           # "the company", "it": no single main subject


def test_the_main_subject_when_the_article_has_one(base):
    claims = _claims("Compaq Computer Corp. said its net income rose. Compaq said sales were $3 million. "
                     "Revenue was $4 million, the company said.\n", "en", base, dt.date(1989, 10, 26))
    assert claims["$4 million"].subject == "compaq computer"
    assert claims["$3 million"].subject == "compaq computer"   # "Compaq" is the longer name's short form


def test_quotations_and_their_speakers(base):
    record = _record("« Poutine ne comprend que la force », a déclaré Mark Rutte.\n"
                     "Pete Hegseth a répondu : « Nous sommes prêts ».\n"
                     "« Nous le sommes aussi », a-t-il ajouté.\n", base=base)
    assert [(q.text, q.speaker, q.explicit) for q in record.quotes] == [
        ("Poutine ne comprend que la force", "Mark Rutte", True),
        ("Nous sommes prêts", "Pete Hegseth", True),
        ("Nous le sommes aussi", "Pete Hegseth", False),
    ]


@pytest.mark.parametrize("lang, text, named", [
    ("fr", "L'armée compte 700 soldats, selon  .", "L'armée compte 700 soldats, selon  la police."),
    ("en", "The army has 700 soldiers, according to \t.", "The army has 700 soldiers, according to \tthe police."),
    ("fr", "Selon  ; l'armée compte 700 soldats.", "Selon  ; selon la police, l'armée compte 700 soldats."),
])
def test_a_source_word_followed_by_blanks_names_no_source(base, lang, text, named):
    # only blanks between the source word and a punctuation mark: nobody is named there, and reading never fails
    [claim] = _record(text, lang, base).claims
    assert claim.source is None and claim.written.startswith("700")
    assert [c.source for c in _record(named, lang, base).claims] == ["police"]   # the trap: its source named


def test_records_go_through_the_index_unchanged(base):
    record = _record("L'armée compte plus de 700 personnes, selon le ministère.\n« Nous sommes l'OTAN », a dit Rutte.\n",
                     base=base, date=dt.date(2024, 10, 15))
    for claim in record.claims:
        assert load_claim(dump(claim)) == claim
    for quote in record.quotes:
        assert load_quote(dump(quote)) == quote
    claim = record.claims[0]
    assert claim.high == INF and claim.source == "ministere" and claim.subject == "armee"
    _packed_as_through_json(record)


def _packed_as_through_json(record) -> None:
    """A large run's store (records.pack) gives back what the index's JSON does: equal values of the same types."""
    for item, load, unpack in [(c, load_claim, unpack_claim) for c in record.claims] + \
                              [(q, load_quote, unpack_quote) for q in record.quotes]:
        through_json, unpacked = load(dump(item)), unpack(pack(item))
        assert unpacked == through_json == item
        assert [type(getattr(unpacked, f)) for f in item.__slots__] == [type(getattr(through_json, f)) for f in item.__slots__]


def test_records_go_through_a_store_as_through_the_index_on_the_seeds_and_corpora(base):
    from conftest import ROOT
    from test_fast_forms import _corpus_texts
    texts = [(p.read_text(encoding="utf-8"), lang) for p in sorted((ROOT / "seeds").iterdir()) for lang in ("fr", "en")]
    texts += [(text, lang) for text in _corpus_texts()[:60] for lang in ("fr", "en")]
    records = [_record(text, lang, base, dt.date(2024, 10, 15)) for text, lang in texts]
    assert sum(len(r.claims) for r in records) > 100 and sum(len(r.quotes) for r in records) > 20
    for record in records:
        _packed_as_through_json(record)
