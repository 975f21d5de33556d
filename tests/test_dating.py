"""When does an article speak: each source of the date, its provenance, and the traps."""
from __future__ import annotations

import datetime as dt

import pytest

from checker.articles import parse_article
from checker.context import ArticleContext


def _date(base, text, file="a.txt", option=None, lang=None):
    article = parse_article(text, file, file.endswith(".md"))
    if lang:
        article.language = lang
    return ArticleContext(article, base, option).date


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


def test_an_event_named_without_its_day_or_year_does_not_date_the_article(base):
    # "the Washington summit" was also NATO's of April 1999: the rules' edition of 2024 needs confirming
    text = "Titre\n\nCette annonce intervient à deux semaines du sommet de Washington.\n"
    assert _date(base, text).value is None
    d = _date(base, "Titre\n\nCette annonce intervient à deux semaines du sommet de Washington de juillet 2024.\n")
    assert (d.value, d.source) == (dt.date(2024, 6, 25), "inferred")


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


# -- datelines: the date an article gives itself where it begins -----------------------------------------
DATELINES = [
    ("en", "NEW YORK, Oct. 25, 2012 (Reuters) - Stocks fell on Thursday.\n", dt.date(2012, 10, 25)),
    ("en", "SAN JOSE, Calif., Oct. 25, 1989 (AP) _ The company said it would cut jobs.\n", dt.date(1989, 10, 25)),
    ("en", "Published March 5, 2024\n\nThe minister said on Monday that the bill would pass.\n", dt.date(2024, 3, 5)),
    ("fr", "PARIS, 12 mars 2003 (AFP) - Le gouvernement a annoncé mercredi un plan.\n", dt.date(2003, 3, 12)),
    ("fr", "NANTES, 3 mai 2002 — Le maire a inauguré la médiathèque.\n", dt.date(2002, 5, 3)),
    ("fr", "Bruxelles, le 12 février 2026\n\nLe secrétaire général a parlé aux ministres.\n", dt.date(2026, 2, 12)),
    ("fr", "Publié le 12/02/2026 à 16h12\n\nLe secrétaire général a parlé.\n", dt.date(2026, 2, 12)),
    ("fr", "Titre\n\n29 mai 2012. - Un postier a été retrouvé mort à son domicile.\n", dt.date(2012, 5, 29)),
]


@pytest.mark.parametrize("lang, text, expected", DATELINES, ids=[t.split("\n")[0][:30] for _, t, _ in DATELINES])
def test_a_dateline_gives_the_date_with_high_confidence(base, lang, text, expected):
    d = _date(base, text, lang=lang)
    assert (d.value, d.source, d.confidence) == (expected, "dateline", "high"), d.how


NOT_DATELINES = [
    # a wire dateline without a date, and dates that are not in a dateline's place or shape
    ("en", "WASHINGTON (AP) _ The Senate voted on Thursday to raise the debt limit.\n"),
    ("fr", "Le discours de Churchill du 5 mars 1946 – un tournant\n\nIl a marqué les esprits.\n"),
    ("fr", "Le 3 mars 2019, il a démissionné de ses fonctions.\n"),
    ("en", "The company said its debentures due March 1, 2011, would be redeemed.\n"),
    # a date at the head of the article that the text itself contradicts: a history, not a dateline
    ("fr", "5 mars 1946 – Churchill à Fulton\n\nLe 3 avril 1999, l'OTAN a fêté ses 50 ans à Washington.\n"),
]


@pytest.mark.parametrize("lang, text", NOT_DATELINES, ids=[t.split("\n")[0][:30] for _, t in NOT_DATELINES])
def test_no_date_from_what_is_not_a_dateline(base, lang, text):
    d = _date(base, text, lang=lang)
    assert d.value is None and d.source == "unknown", d.how


def test_a_dateline_without_a_year_dates_only_when_the_bounds_leave_one_year(base):
    text = "NEW YORK, Oct. 25 (Reuters) - Stocks fell on Thursday as investors sold.\n"
    d = _date(base, text, lang="en")
    assert d.value is None and "writes no year" in d.how
    # a year written elsewhere in the text is not the dateline's: news recalls earlier years
    text = "PARIS, 12 mars (AFP) - Le procès s'est ouvert mercredi, cinq ans après les faits du 3 mars 1998.\n"
    d = _date(base, text, lang="fr")
    assert d.value is None and "writes no year" in d.how and d.earliest == dt.date(1998, 3, 3)
    # reported on 20 June 2025, and The Hague summit (24-25 June 2025) still to come: 22 June can only be 2025
    text = ("THE HAGUE, June 22 (Reuters) - Ministers met on June 20, 2025 to prepare. "
            "Leaders will gather at The Hague summit next week.\n")
    d = _date(base, text, lang="en")
    assert (d.value, d.source, d.confidence) == (dt.date(2025, 6, 22), "dateline", "medium"), d.how


# -- sentences about the past never date the article ----------------------------------------------------
PAST = [
    ("fr", "Agée de 90 ans, Fernande avait vu le jour le 21 janvier 1913. Elle épousa, le 23 septembre 1933, "
           "Georges Garnier, agriculteur.\n", dt.date(1933, 9, 23)),
    ("fr", "Monique est décédée le 13 février. Ils se sont mariés le 1er mai 1962. Ses obsèques seront célébrées "
           "lundi 17 février.\n", dt.date(1962, 5, 1)),
    ("en", "Churchill spoke of an iron curtain on March 5, 1946, and the alliance was founded three years later.\n",
     dt.date(1946, 3, 5)),
    ("en", "Howes probably died within weeks of his capture on March 26, 1996, the Foreign Office said.\n",
     dt.date(1996, 3, 26)),
]


@pytest.mark.parametrize("lang, text, after", PAST, ids=[t[:30] for _, t, _ in PAST])
def test_a_past_date_only_bounds_the_article(base, lang, text, after):
    d = _date(base, text, lang=lang)
    assert (d.value, d.earliest, d.latest) == (None, after, None), d.how


def test_a_date_of_a_schedule_or_a_term_does_not_even_bound_it(base):
    d = _date(base, "Automatic Data Processing plans to redeem on Nov. 16 its debentures due March 1, 2011.\n",
              lang="en")
    assert (d.value, d.earliest) == (None, None)
    d = _date(base, "Les actions porteront un dividende jusqu'au 31 décembre 1994, selon la banque.\n", lang="fr")
    assert (d.value, d.earliest) == (None, None)


# -- a date the text calls today ------------------------------------------------------------------------
def test_a_date_the_text_calls_today_has_low_confidence(base):
    d = _date(base, "Aujourd'hui 12 mars 2003, le maire a inauguré la salle des fêtes.\n", lang="fr")
    assert (d.value, d.source, d.confidence) == (dt.date(2003, 3, 12), "text", "low")
    d = _date(base, "Hier, 12 mars 2003, le maire a inauguré la salle des fêtes.\n", lang="fr")
    assert d.value == dt.date(2003, 3, 13)
    d = _date(base, "Yesterday, March 4, 1998, the Senate voted on the budget.\n", lang="en")
    assert d.value == dt.date(1998, 3, 5)


def test_today_next_to_a_date_of_the_past_is_not_the_date(base):
    d = _date(base, "Aujourd'hui 12 mars 2003, il y a cinquante ans jour pour jour, le village était libéré.\n",
              lang="fr")
    assert d.value is None
    d = _date(base, "Aujourd'hui, le village se souvient du 12 mars 1953.\n", lang="fr")
    assert d.value is None


# -- findings that rest on an uncertain date are said as info --------------------------------------------
def _severities(check_id: str, text: str, date: str | None = None) -> list[tuple[str, str]]:
    """(severity, message) of a check's findings through the whole run (where severities are settled)."""
    import factlint
    from conftest import RULES
    linter = factlint.Linter({}, rules=[RULES], select=[check_id])
    return [(f.severity.label, f.message) for f in linter.check_text(text, "a.txt", date=date, language="fr").findings]


def test_a_finding_that_rests_on_an_uncertain_date_is_info():
    low = ("Aujourd'hui 12 juin 2025, le sommet s'ouvre à La Haye. L'ancien président américain Donald Trump "
           "est arrivé.\n")
    found = _severities("anachronistic-title", low)
    assert [s for s, _ in found] == ["info"] and "the article's date is uncertain" in found[0][1]
    # the same text with a date of high confidence: the error is reported as such
    assert [s for s, _ in _severities("anachronistic-title", low, "2025-06-12")] == ["error"]
    # a sentence that gives its own time does not rest on the article's date
    own = "Aujourd'hui 12 juin 2025, l'ancien président américain Donald Trump est arrivé à La Haye.\n"
    assert [s for s, _ in _severities("anachronistic-title", own)] == ["error"]


def test_a_weekday_with_the_year_of_an_uncertain_date_is_info():
    text = "Hier, 12 mars 2003, le maire est mort. Ses obsèques seront célébrées mardi 17 mars.\n"
    assert [s for s, _ in _severities("weekday-mismatch", text)] == ["info"]   # 17 March 2003 is a Monday
    assert [s for s, _ in _severities("weekday-mismatch", text, "2003-03-13")] == ["warning"]


def test_an_article_only_bounded_breaks_no_check():
    """Bounds without a date (an event spoken of as future, a date reported) reach the checks that read them."""
    import factlint
    from conftest import RULES
    text = ("Au sommet de La Haye, les alliés devront prendre des décisions. Il dirige le pays depuis 2062, "
            "a-t-il dit le 3 mars 2019.\n")
    report = factlint.check_text(text, "a.txt", rules=[RULES])
    assert not report.errors
    # "depuis 2062" before the summit of 2025 is a year typo, said as info: the bound is of low confidence
    assert [(f.rule, f.severity.label) for f in report.findings if f.rule == "year-typo"] == [("year-typo", "info")]
