"""Shortcuts of the per-article searches give the answers of their plain forms: each is compared with the plain
form on generated text built to part them and on the shared corpora (skipped when absent)."""
from __future__ import annotations

import datetime as dt
import random
import re
from types import SimpleNamespace

import regex
from rapidfuzz import fuzz

from checker import factmatch, lang as language
from checker.checks import fact_mismatch, name_typo, year_typo
from checker.context import ArticleContext
from checker.articles import parse_article
from checker.extract import (anchored, anchors, claim_reading, claims, clauses, dates, events, figures, numbers, quoted,
                             quotes, reckoning, relative, subjects, titles)
from checker.extract.sentences import sentences as split_sentences
from checker.facts import factbase
from checker.extract.anchored import lowered
from checker.extract.numbers import find_numbers
from checker.extract import years
from checker.extract.years import YearSpot
from checker.fold import fold, fold_same_length
from checker.lang import alternation
from conftest import build_base, run_check, shared_dir
from test_fast_forms import _corpus_texts

_SEPARATORS = [" ", " ", " ", "  ", "\u202f", "\u00a0", "\n", "-", "'", "’", ", ", ". ", ""]
_AGO_WORDS = {
    "fr": ["il", "Il", "y", "a", "ans", "ANS", "Ans", "dans", "sans", "an", "années", "voilà", "Voilà", "voilàs",
           "cela", "celas", "fait", "faits", "jour", "toujours", "pour", "après", "aprèsent", "plus", "tard", "5",
           "50", "cinq", "tout", "juste", "aujourd", "_ans", "ans2", "ça"],
    "en": ["years", "Years", "yearslong", "ago", "since", "to", "the", "day", "after", "later", "5", "five",
           "10-years", "years_", "just"],
    "es": ["hace", "hacer", "se", "cumplen", "años", "atrás", "atrásado", "después", "más", "tarde", "tardes", "5"],
}
_AGO_KEYS = {"ago_patterns": "ago", "ago_after_patterns": "ago_after"}


def _joined(words: list[str], rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(words) + rng.choice(_SEPARATORS) for _ in range(rng.randrange(1, 12)))
            for _ in range(count)]


def _ago_compared(text: str, s: int, e: int, code: str) -> int:
    """Asserts the whole-word precondition of the "N years ago" templates keeps every sentence the templates
    match and the plain one (one of the words anywhere) kept, and no other; 1 when the two preconditions part."""
    low = lowered(text)
    parted = 0
    for key, name in _AGO_KEYS.items():
        needed = anchored.needed_words(code, key)
        plain = low is None or any(word in low[s:e] for word in needed)
        new = anchored.may_match(text, low, s, e, needed)
        matched = reckoning._patterns(code)[name].search(text, s, e) is not None
        assert not new or plain, (text[s:e], key)
        assert new or not (plain and matched), (text[s:e], key)
        parted |= plain and not new
    return parted


def test_ago_templates_are_looked_for_where_their_word_is_whole_on_generated_text():
    rng = random.Random(7)
    for code, words in _AGO_WORDS.items():
        texts = _joined(words, rng, 3000)
        assert sum(_ago_compared(text, 0, len(text), code) for text in texts) > 100   # the forms part often


def test_ago_templates_precondition_traps():
    needed = anchored.needed_words("fr", "ago_patterns")
    for text, expected in [("Il y a 5 ans, le traité fut signé.", True), ("dans 5 jours et sans délai", False),
                           ("Voilà\u202f20 ans que l'usine tourne.", True), ("toujours plus, pour sa part", False),
                           ("Les ANS de la ville", True), ("Le 5 ans2 de la ville", False)]:
        assert anchored.may_match(text, lowered(text), 0, len(text), needed) is expected, text


def _corpus_lines():
    """(text, start, end) of every line of the corpora: each a sentence, its offsets in the whole text."""
    for text in _corpus_texts():
        start = 0
        for line in text.split("\n"):
            yield text, start, start + len(line)
            start += len(line) + 1


def test_ago_templates_precondition_on_the_corpora():
    for text, start, end in _corpus_lines():
        for code in _AGO_WORDS:
            _ago_compared(text, start, end, code)


_FOUNDING_WORDS = {
    "fr": ["fondé", "Fondée", "FONDÉES", "fondés", "refondé", "fondéen", "créé", "Créée", "né", "Née", "année", "nés", "est",
           "a", "vu", "le", "jour", "toujours", "en", "En", "1945", "2024", "19455", "bâti", "bâtie", "ouverture", "l'", "_né",
           "fondée en 1945", "Née en  2024", "a vu le jour en 1999"],
    "en": ["founded", "Founded", "cofounded", "born", "Born", "reborn", "was", "set", "up", "sets", "first", "published",
           "in", "In", "inn", "1945", "2024", "19455", "opening", "openings", "_born",
           "founded in 1945", "born in\u00a02024", "set up in 1999"],
    "es": ["fundado", "Fundada", "nacido", "nació", "Nació", "creación", "en", "En", "1945", "2024", "fundadoen", "_nacida",
           "fundada en 1945", "nació en 2024"],
}


def _founding_compared(text: str, s: int, e: int, code: str) -> int:
    """Asserts that a sentence where the founding pattern matches holds one of its words (the precondition of
    _founded); 1 when the precondition skips a sentence the plain form would have searched."""
    kept = anchored.may_match(text, lowered(text), s, e, anchored.needed_words(code, "founding_words"))
    matched = _founded_plain(code).search(text, s, e) is not None
    assert kept or not matched, (text[s:e], code)
    return not kept


def test_founding_words_looked_for_where_one_of_their_words_is_on_generated_text():
    rng = random.Random(13)
    for code, words in _FOUNDING_WORDS.items():
        texts = _joined(words, rng, 3000)
        assert sum(_founding_compared(text, 0, len(text), code) for text in texts) > 100   # the forms part often
        assert sum(_founded_plain(code).search(text) is not None for text in texts) > 50


def test_founding_words_precondition_on_the_corpora():
    for text, start, end in _corpus_lines():
        for code in _FOUNDING_WORDS:
            _founding_compared(text, start, end, code)


def _found_plain(facts: dict, code: str, folded: str):
    """fact_mismatch._searched as it was: every needle of the candidate facts looked for in the text."""
    prepared, stems, *_ = fact_mismatch._prepared(facts, code)
    stems = {s for s in stems if s in folded}
    candidates = [p for p in prepared if not p.stems.isdisjoint(stems)]
    plain = folded.replace("'", "' ")
    return (candidates, {n for p in candidates for n in p.needles if n in plain}) if stems else None


def test_fact_needles_found_as_by_looking_for_each_on_generated_text():
    facts = build_base().rules.facts
    rng = random.Random(11)
    for code in ("fr", "en"):
        prepared, stems, *_ = fact_mismatch._prepared(facts, code)
        needles = sorted({n for p in prepared for n in p.needles})
        # the needles, the stems and their pieces (a stem without the needle that begins with it, "membr" cut
        # before its stem ends), with apostrophes and spaces between them
        pieces = needles + sorted(stems) + [n[:k] for n in needles for k in (2, 3, 5)] + ["l'", "d'", "x"]
        kept = 0
        for text in _joined(pieces, rng, 3000):
            folded = fold_same_length(text)
            expected = _found_plain(facts, code, folded)
            assert fact_mismatch._searched(facts, code, folded) == expected, text
            kept += expected is not None and 0 < len(expected[1]) < len({n for p in expected[0] for n in p.needles})
        assert kept > 1000   # most texts hold some needles of their candidates, not all


def test_fact_needles_found_on_the_corpora():
    facts = build_base().rules.facts
    for text in _corpus_texts():
        folded = fold_same_length(text)
        for code in ("fr", "en"):
            assert fact_mismatch._searched(facts, code, folded) == _found_plain(facts, code, folded)


def _years_plain(code: str):
    """fact_mismatch's year pattern as it was: its words, spaces and a year, searched forward."""
    data = language.load(code)
    words = data["year_before"]["start"] + data["year_before"]["deadline"] + data["year_in_words"]
    return regex.compile(rf"(?<!\w)(?:{alternation(words)})\s+(?P<year>\d{{4}})(?!\d)", regex.I)


def _years_compared(text: str, start: int, end: int, code: str, plain) -> int:
    """Asserts the years found backwards are those of the forward search, and that a text without four digits
    in a row, as anchors.has_four_digits tells it (fact_mismatch.check then skips it), has none; the number
    found."""
    expected = [m.span("year") for m in plain.finditer(text, start, end)]
    assert anchors.has_four_digits(text, start, end) or not expected, (text, start, end)
    assert [m.span() for m in fact_mismatch._years(text, start, end, fact_mismatch._patterns(code))] == expected, \
        (text, start, end)
    return len(expected)


def test_fact_years_found_backwards_as_by_the_forward_search_on_generated_text():
    rng = random.Random(13)
    for code in language.codes():
        data = language.load(code)
        words = data["year_before"]["start"] + data["year_before"]["deadline"] + data["year_in_words"]
        assert not any(c.isdigit() for w in words for c in w)   # what the backwards form relies on
        # the year words, pieces of them glued to others, years and numbers of other lengths, glued digits
        pieces = words + [w.upper() for w in words[:3]] + [w[1:] for w in words if len(w) > 2] + \
            ["2024", "1999", "20245", "202", "12", "x", "a2024", "le", "the", "-", "'"] + ["2031"] * len(words)
        plain, found = _years_plain(code), 0
        for text in _joined(pieces, rng, 3000):
            # bounds inside the text: a sentence whose first word is cut, whose last year is cut, or whole
            start = rng.choice([0, 0, rng.randrange(len(text) + 1)])
            end = rng.choice([len(text), rng.randrange(start, len(text) + 1)])
            found += _years_compared(text, start, end, code, plain)
        assert found > 300   # the texts hold years after their words


def test_fact_years_traps():
    patterns = fact_mismatch._patterns("en")
    for text, expected in [("by 2030 and in 2024", ["2030", "2024"]), ("in  2024, in 20245", ["2024"]),
                           ("within 2024", []), ("in\u00a02024", ["2024"]), ("in 2024 2025", ["2024"]),
                           ("no later than\n2031.", ["2031"]), ("begin 12024 in", [])]:
        assert [m.group() for m in fact_mismatch._years(text, 0, len(text), patterns)] == expected, text


def test_fact_years_found_backwards_on_the_corpora():
    plain = {code: _years_plain(code) for code in ("fr", "en")}
    for text, start, end in _corpus_lines():
        for code in plain:
            _years_compared(text, start, end, code, plain[code])


def test_near_match_cutoff_gives_the_verdict_of_the_whole_score():
    """factmatch.hit asks rapidfuzz for the near match with a cutoff: the same verdict as the full score, on terms
    with letters changed, dropped or doubled inside generated sentences (scores on both sides of the cutoff)."""
    rng = random.Random(17)
    terms = ["dépenses de défense", "produit intérieur brut", "defence spending", "gross domestic product",
             "taux de chomage", "member states"]
    sides = set()
    for _ in range(4000):
        term = rng.choice(terms)
        chars = list(term)
        for _ in range(rng.randrange(4)):
            i = rng.randrange(len(chars))
            chars[i:i + 1] = rng.choice([[], [chars[i], chars[i]], [rng.choice("aeiostx ")]])
        text = " ".join(rng.choice(["le", "the", "of", "des", "x", "2024"]) for _ in range(rng.randrange(8))) + \
            " " + "".join(chars) + " " + rng.choice(["", "en 2024", "rose", "a augmenté"])
        whole = fuzz.partial_ratio(term, text) >= factmatch.NEAR
        assert (fuzz.partial_ratio(term, text, score_cutoff=factmatch.NEAR) >= factmatch.NEAR) == whole, (term, text)
        sides.add(whole)
    assert sides == {True, False}


_ACRONYM_WORDS = ["NATO", "OTAN", "NTAO", "ANTO", "Nato", "NAto", "nato", "FAP", "AFP", "APF", "SPD", "PSD", "DPS",
                  "NSATU", "NSatu", "SNATU", "hr", "HR", "Hr", "RH", "AA", "Otan", "PURL", "PRUL", "Paris", "ÉTAT",
                  "l'OTAN", "Agence France-Presse", "le", "the", "Macron", "UE", "Ue", "XYZ"]


def _acronym_findings_compared(text: str, base, monkeypatch) -> int:
    """Asserts name-typo reports the same with and without the test that skips an article's acronyms; the number of
    findings."""
    expected_lang = "fr" if " le " in f" {text} " else "en"
    found = run_check("name-typo", text, base, lang=expected_lang)
    with monkeypatch.context() as patched:
        patched.setattr(name_typo, "_may_report", lambda base, token: True)
        assert run_check("name-typo", text, base, lang=expected_lang) == found, text
    return len(found)


def test_acronyms_skipped_only_where_none_can_be_reported_on_generated_text(base, monkeypatch):
    rng = random.Random(19)
    reported = sum(_acronym_findings_compared(text, base, monkeypatch) > 0
                   for text in _joined(_ACRONYM_WORDS, rng, 600))
    assert reported > 100   # the texts hold misspelt acronyms


def test_acronyms_skipped_only_where_none_can_be_reported_on_the_corpora(base, monkeypatch):
    for text in _corpus_texts():
        _acronym_findings_compared(text, base, monkeypatch)


def test_date_leads_need_their_separator_after_the_digits():
    """dates._LEAD_SEPARATORS and _LEAD_DIGITS say which character each kind's lead needs right after a number's
    digits, and how many digits it reads at most: no lead matches a number followed by another character, or one
    of more digits, in any language."""
    others = [chr(c) for c in range(0x20, 0x7f) if not chr(c).isdigit()] + list("\t\n\u00a0\u202f\u2009–—／－·º")
    for code in language.codes():
        for kind, lead in dates._patterns(code)[2].items():
            for n in range(1, 8):
                for digits in ("7" * n, "1" * n, "3" + "0" * (n - 1), "2024"[:n] + "1" * (n - 4)):
                    for c in others:
                        for rest in ("12/12/2024", "12 2024", "x", "", "er juin", "st of", ".º"):
                            if lead.match(digits + c + rest):
                                assert n <= dates._LEAD_DIGITS[kind], (code, kind, digits, c + rest)
                                assert kind not in dates._LEAD_SEPARATORS or c in dates._LEAD_SEPARATORS[kind], \
                                    (code, kind, digits, c)


def _dates_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the dates found are those found when every number is tried for every kind; their number."""
    found = dates.find_dates(text, code)
    with monkeypatch.context() as patched:
        patched.setattr(dates, "_may_begin", lambda kind, after_numbers: True)
        patched.setattr(dates, "_LEAD_DIGITS", {kind: len(text) for kind in dates._LEAD_DIGITS})
        assert dates.find_dates(text, code) == found, text
    return len(found)


def test_dates_found_without_searching_for_separators_no_number_has_on_generated_text(monkeypatch):
    rng = random.Random(23)
    pieces = ["12", "3", "31", "2024", "1999", "12/03/2024", "12-03-2024", "2024-03-12", "12.03.2024", "12 03 2024",
              "4/23 (Wed)", "2024/4/5", "5-mars-2024", "3/2", "12.5", "1er", "24th", "lundi", "Monday", "mars", "March",
              "juin", "June", "-", "/", ".", " ", "(", "le", "the", "du", "x7"]
    for code in ("fr", "en"):
        assert sum(_dates_compared(text, code, monkeypatch) for text in _joined(pieces, rng, 1500)) > 500


def test_dates_found_without_searching_for_separators_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _dates_compared(text, code, monkeypatch)


def _figures_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the figures found are those found when every number is tried for a percent or points word, a
    range and a currency sign; the number of percentages and points."""
    numbers = find_numbers(text, code)
    found = figures.find_figures(text, code, numbers, [])
    data = figures._data
    with monkeypatch.context() as patched:
        patched.setattr(figures, "_may_be_percent", lambda prose, end, firsts: True)
        patched.setattr(figures, "may_end_with", lambda before, ends: True)
        patched.setattr(figures, "_data", lambda code: {**data(code), "symbol_ends": _EVERYWHERE})
        assert figures.find_figures(text, code, numbers, []) == found, text
    return sum(f.kind in ("percent", "points") for f in found)


class _Everywhere(frozenset):
    def isdisjoint(self, other) -> bool:
        return False


_EVERYWHERE = _Everywhere()


def test_figures_tried_only_where_their_words_may_stand_on_generated_text(monkeypatch):
    rng = random.Random(29)
    pieces = ["12", "3,5", "2.5", "40", "2 millions", "1,2 milliard", "%", "\u00a0%", "pour cent", "POUR CENT",
              "Pourcent", "p. cent", "p.c.", "percent", "Per Cent", "pc", "PC", "points", "Points", "point",
              "point de pourcentage", "points de pourcentage", "percentage points", "pts", "pourcentage", "pour",
              "par", "x", "€", "$", "km", "ans", "personnes", "membres", "\t", "\u202f",
              # a range ("entre 2 et 3", "between 2 and 3") and a currency sign before a number
              "entre", "Entre", "between", "from", "et", "and", "à", "to", "US$", "C$", "£", "$ ", "€\n"]
    for code in ("fr", "en"):
        assert sum(_figures_compared(text, code, monkeypatch) for text in _joined(pieces, rng, 2000)) > 50


def test_figures_tried_only_where_their_words_may_stand_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _figures_compared(text, code, monkeypatch)


def _breaks_compared(text: str, start: int, end: int, code: str, monkeypatch) -> int:
    """Asserts a sentence's clause breaks are those found when its clause words are always looked for; the number
    of clause words found."""
    found = clauses.clause_breaks(text, (start, end), code)
    with monkeypatch.context() as patched:
        patched.setattr(clauses, "_may_break", lambda prose, sentence, needles: True)
        assert clauses.clause_breaks(text, (start, end), code) == found, (text, start, end)
    return sum(a == b for a, b in found)


def test_clause_words_looked_for_where_one_may_occur_on_generated_text(monkeypatch):
    rng = random.Random(31)
    for code in language.codes():
        phrases = language.load(code)["clause_breaks"]
        words = [w for p in phrases for w in p.replace("'", " ").replace("’", " ").split()]
        pieces = phrases + [p.upper() for p in phrases] + words + [w[:-1] for w in words] + ["x", "le", "the", "-"]
        found = 0
        for text in _joined(pieces, rng, 1500):
            start = rng.choice([0, rng.randrange(len(text) + 1)])
            found += _breaks_compared(text, start, rng.choice([len(text), rng.randrange(start, len(text) + 1)]), code,
                                      monkeypatch)
        assert found > 300


def test_clause_words_looked_for_where_one_may_occur_on_the_corpora(monkeypatch):
    for text, start, end in _corpus_lines():
        for code in ("fr", "en"):
            _breaks_compared(text, start, end, code, monkeypatch)


def test_four_digits_told_by_bisection_as_by_the_search():
    rng = random.Random(37)
    texts = ["".join(rng.choice("12345 ab٣\n") for _ in range(rng.randrange(40))) for _ in range(3000)]
    for text in texts + _corpus_texts_or_none():
        for _ in range(20):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, min(len(text), start + 500) + 1)
            assert anchors.has_four_digits(text, start, end) == (anchors._FOUR_DIGITS.search(text, start, end) is not None)


def _corpus_texts_or_none() -> list[str]:
    shared = shared_dir()
    return _corpus_texts() if shared is not None else []


def _year_problem_plain(spot, future: bool, ahead: bool, low: int, high: int):
    """year_typo._problem with the tense of the sentence read first, whatever the spot."""
    y = year_typo
    year, digits = int(spot.digits), spot.digits
    forward = future if spot.position == "start" else ahead
    near = {c for c in y.candidates(digits) if low - y.BEFORE <= c <= high + y.AFTER}
    if spot.position == "span_end":
        near = {c for c in near if spot.other_end < c <= spot.other_end + y.SPAN}
    elif spot.position == "span_start":
        near = {c for c in near if spot.other_end - y.SPAN <= c < spot.other_end}
    if len(digits) != 4:
        return (f"{len(digits)} digits", near, "future" if ahead else "any") if near else None
    if spot.position == "since" and year > high:
        return f"after the article's date ({high})", {c for c in y.candidates(digits) if c <= high}, "past"
    if spot.position in y.FORWARD and forward and year < low:
        return "before the article's date in a sentence about the future", \
               {c for c in y.candidates(digits) if c >= low}, "future"
    horizon = year % y.ROUND == 0 and year <= high + y.HORIZON
    looking_ahead = ahead or spot.position in y.FORWARD
    if not horizon and near and year > high + (y.FAR_FUTURE if looking_ahead else y.FAR_PAST):
        return f"{year - high} years after the article's date", near, "future" if ahead else "past"
    return None


class _KnownTense:
    def __init__(self, future: bool, ahead: bool) -> None:
        self.future, self.ahead = future, ahead


def test_year_typo_reads_the_tense_only_where_it_matters_with_the_plain_verdicts():
    rng = random.Random(11)
    positions = ("deadline", "start", "since", "plain", "date", "adjective")
    numbers = [str(n) for n in range(1750, 2450)] + [str(rng.randrange(100, 1000)) for _ in range(300)] \
        + [str(rng.randrange(10000, 100000)) for _ in range(300)] + ["206", "212", "20122", "22009", "2104", "2910"]
    spans = [("span_end", 2013), ("span_start", 2013), ("span_end", 1995), ("span_start", 1999), ("span_end", 1870)]
    for digits in numbers:
        for position, other in [(position, None) for position in positions] + spans:
            spot = YearSpot(0, len(digits), digits, position, 0, other)
            for low, high in ((2024, 2024), (1998, 1999), (1870, 1870), (2012, 2013)):
                for future, ahead in ((False, False), (False, True), (True, True)):
                    assert year_typo._problem(spot, _KnownTense(future, ahead), low, high) == \
                        _year_problem_plain(spot, future, ahead, low, high), (digits, position, low, future, ahead)


def _year_spans_compared(text: str, code: str) -> int:
    """Asserts the spans of years found backwards from each number (years._matches) are those of a scan of the
    whole text, and that a named period is found backwards before a number as by a forward search; the number
    of spans found."""
    p = years._span_patterns(code)
    candidates = list(years._CANDIDATE.finditer(text))
    starts = {c.start() for c in candidates}
    found = [(m.span(), m.span("a"), m.span("year"))
             for m in years._matches(p["span"], text, candidates, p["reach"], p["tail"])]
    plain = [(m.span(), m.span("a"), m.span("year")) for m in p["span"].finditer(text, overlapped=True)
             if m.start("year") in starts]
    assert found == plain, text
    period = regex.compile(rf"(?<![\w'’])(?:{alternation(language.load(code)['year_period_words'])})\s+\Z", regex.I)
    for c in candidates:
        assert (years._period(code).match(text, 0, c.start()) is not None) == \
            (period.search(text[:c.start()]) is not None), (text, c.start())
    return len(found)


def test_year_spans_found_backwards_as_by_the_scan_on_generated_text():
    rng = random.Random(53)
    for code in language.codes():
        data = language.load(code)
        words = [w for t in data["year_span_patterns"] for w in t.replace("{a}", " ").replace("{b}", " ").split()]
        numbers = ["2013", "215", "20133", "1995", "197", "97", "12", "2000", "200"]
        spans = [t.format(a=a, b=b) for t in data["year_span_patterns"] for a in numbers for b in numbers]
        pieces = words + [w.upper() for w in words] + data["year_period_words"] + numbers + spans \
            + ["x", "le", "the", "n°", "(617)"]
        found = sum(_year_spans_compared(text, code) for text in _joined(pieces, rng, 3000))
        assert found > 300


def test_year_spans_found_backwards_on_the_corpora():
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _year_spans_compared(text, code)


def _percent_first_compared(text: str, start: int, end: int, code: str) -> int:
    """Asserts that a sentence where a change with its percentage first is read holds a percentage found by the one
    scan of the whole text that reckoning.find_reckonings tells such sentences by; the number of changes read."""
    p = reckoning._patterns(code)
    found = list(p["percent_first"].finditer(text, start, end))
    percents = [m.start() for m in p["percent"].finditer(text)]
    assert not found or reckoning._count(percents, start, end), (text, start, end)
    return len(found)


def test_changes_with_the_percentage_first_read_only_where_a_percentage_is_on_generated_text():
    rng = random.Random(59)
    for code in language.codes():
        data = language.load(code)
        movers = list(data["change_words"]) + list(data["change_verbs"])
        figures = ["30", "$45 million", "1,50 euro", "130 yen", "50 000", "20 millions d'euros", "2000", "x"]
        pieces = movers + data["change_links"] + data["percent_words"] + figures \
            + [f"{w} {n} {pc}" for w in movers[:4] for n in ("25", "1,5", "3.7") for pc in data["percent_words"][:2]] \
            + [t.format(a=a, b=b) for t in data["change_after_percent"] for a in figures[:4] for b in figures[:4]]
        found = 0
        for text in _joined(pieces, rng, 1500):
            start = rng.choice([0, rng.randrange(len(text) + 1)])
            found += _percent_first_compared(text, start, rng.choice([len(text), rng.randrange(start, len(text) + 1)]), code)
        assert found > 100, code


def test_changes_with_the_percentage_first_read_only_where_a_percentage_is_on_the_corpora():
    for text, start, end in _corpus_lines():
        for code in ("fr", "en"):
            _percent_first_compared(text, start, end, code)


def _founded_plain(code: str):
    """The scan of a sentence for a founding's words, spaces and year that reckoning._founded stands for."""
    words = alternation(language.load(code)["founding_words"])
    return regex.compile(rf"(?<!\w)(?:{words})\s+(?P<year>{reckoning.YEAR})(?!\d)", regex.I)


def _founded_compared(text: str, start: int, end: int, code: str, plain) -> int:
    years = [m.start() for m in reckoning._YEARISH.finditer(text)]
    found = reckoning._founded(text, start, end, reckoning._patterns(code), reckoning._ByStart([]), years,
                               lowered(text), anchored.needed_words(code, "founding_words"))
    assert found == [(int(m.group("year")), m.span("year"), None) for m in plain.finditer(text, start, end)], \
        (text, start, end)
    return len(found)


def test_foundings_found_backwards_from_the_years_as_by_the_scan_on_generated_text():
    rng = random.Random(47)
    for code in language.codes():
        plain = _founded_plain(code)
        founding = language.load(code)["founding_words"]
        pieces = founding + [w.upper() for w in founding] + [w.split()[-1] for w in founding] \
            + [f"{w} {y}" for w in founding for y in ("1945", "19456", "2024x")] \
            + ["1945", "2024", "19456", "1", "x1950", "21", "1600", "2199", "x", "le", "the", "_"]
        found = 0
        for text in _joined(pieces, rng, 1500):
            start = rng.choice([0, rng.randrange(len(text) + 1)])
            found += _founded_compared(text, start, rng.choice([len(text), rng.randrange(start, len(text) + 1)]),
                                       code, plain)
        assert found > 300


def test_foundings_found_backwards_on_the_corpora():
    plains = {code: _founded_plain(code) for code in ("fr", "en")}
    for text, start, end in _corpus_lines():
        for code, plain in plains.items():
            _founded_compared(text, start, end, code, plain)


def _find_words_plain(index, folded: str, tokens, adjective: bool = False) -> list[tuple[int, int]]:
    """The plain form of factbase.find_words: every token tried in turn."""
    found, after = [], 0
    for i, (_, _, word) in enumerate(tokens):
        if i >= after and word in index:
            end = factbase._longest(index[word], tokens, i, folded, adjective)
            if end is not None:
                found.append((tokens[i][0], tokens[end][1]))
                after = end + 1
    return found


def _indexes(base) -> list[tuple[str, dict, bool]]:
    """(language, index, adjective) of every search find_words serves: the rules' titles, descriptions, events,
    participants and organisations, and the languages' gendered titles."""
    out = [(code, titles._generic(code)[0], False) for code in ("fr", "en")]
    for kind in ("title", "description", "event", "participant", "organisation"):
        out += [(code, base._first_words(kind, code), kind == "event") for code in ("fr", "en")]
    return [(code, index, adjective) for code, index, adjective in out if index]


def _find_words_compared(text: str, indexes) -> int:
    folded = fold_same_length(text)
    tokens = ArticleContext.tokens.func(SimpleNamespace(folded=folded))
    found = 0
    for _, index, adjective in indexes:
        expected = _find_words_plain(index, folded, tokens, adjective)
        assert factbase.find_words(index, folded, tokens, adjective) == expected, text
        assert factbase.find_words(index, folded, list(tokens), adjective) == expected, text   # another list
        found += len(expected)
    return found


def test_find_words_tries_the_words_that_begin_a_name_as_every_word_on_generated_text(base):
    rng = random.Random(41)
    indexes = _indexes(base)
    for code, index, _ in indexes:
        pieces = [w for names, _, _ in index.values() for words, _ in names for w in words] + \
            ["le", "la", "the", "de", "of", "s", "'", "grand", "x"]
        texts = _joined(pieces, rng, 300)
        assert sum(_find_words_compared(text, indexes) > 0 for text in texts) > 50, code


def test_find_words_tries_the_words_that_begin_a_name_as_every_word_on_the_corpora(base):
    indexes = _indexes(base)
    for text in _corpus_texts():
        _find_words_compared(text, indexes)


def _elided_compared(text: str) -> int:
    plain = [(m.span(), m.span("n")) for m in subjects._ELIDED.finditer(text)]
    assert [(m.span(), m.span("n")) for m in subjects._elided(text)] == plain, text
    return len(plain)


def test_elided_names_looked_for_after_their_apostrophe_on_generated_text():
    rng = random.Random(43)
    pieces = ["l'", "L'", "d’", "qu'", "'", "’", "Ukraine", "Élysée", "état", "ÉTAT", "x", "it's", "O'Brien", "A",
              "ab", "Ωmega", "ωmega", "'Z", "-", "1"]
    texts = ["".join(rng.choice(pieces) + rng.choice(["", "", " ", "\n", "'"]) for _ in range(rng.randrange(1, 14)))
             for _ in range(4000)]
    assert sum(_elided_compared(text) > 0 for text in texts) > 500


def test_elided_names_looked_for_after_their_apostrophe_on_the_corpora():
    for text in _corpus_texts():
        _elided_compared(text)


def _near_findings_compared(text: str, base, monkeypatch, date) -> int:
    """Asserts name-typo reports the same with and without the test that skips names with no token one keystroke
    from a known one; the number of findings."""
    lang = "fr" if " le " in f" {text} " else "en"
    found = run_check("name-typo", text, base, date=date, lang=lang)
    with monkeypatch.context() as patched:
        patched.setattr(name_typo, "may_be_near", lambda base, tokens, skip, shortest: True)
        assert run_check("name-typo", text, base, date=date, lang=lang) == found, text
    return len(found)


def _slips(word: str, rng: random.Random) -> str:
    """The word with one keystroke wrong: a letter dropped, doubled, changed, or two swapped."""
    i = rng.randrange(len(word))
    return rng.choice([word[:i] + word[i + 1:], word[:i] + word[i] + word[i:], word[:i] + "e" + word[i + 1:],
                       word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]]) or word


def test_names_with_no_near_token_skipped_as_near_spellings_would_on_generated_text(base, monkeypatch):
    rng = random.Random(47)
    spellings = sorted({s for p in base.rules.people.values() for s in p.spellings})
    words = sorted({w for s in spellings for w in s.split()}) + ["a", "de", "and"] * 50
    cues = ["le président", "la chancelière", "President", "le gouvernement", "Chancellor", "the", "le", ",", "."]
    texts = []
    for _ in range(500):
        pieces = []
        for _ in range(rng.randrange(1, 6)):
            name = rng.choice(spellings).split()
            k = rng.randrange(len(name))
            name[k] = _slips(name[k], rng) if rng.random() < 0.8 else name[k]
            pieces += [rng.choice(cues), " ".join(name), rng.choice(["a dit", "said", ".", ","]), rng.choice(words)]
        texts.append(" ".join(pieces) + ".")
    reported = sum(_near_findings_compared(text, base, monkeypatch, dt.date(2024, 6, 1)) > 0 for text in texts)
    assert reported > 100


def test_names_with_no_near_token_skipped_as_near_spellings_would_on_the_corpora(base, monkeypatch):
    for text in _corpus_texts():
        _near_findings_compared(text, base, monkeypatch, None)


def _event_claims_compared(text: str, code: str, base, monkeypatch) -> int:
    """Asserts the event claims found are those found when every phrase of the participants' kinds is looked for,
    whatever words the text holds; the number of claims."""
    article = parse_article(text, "article.txt", markdown=False)
    article.language = code
    ctx = ArticleContext(article, base, dt.date(2024, 6, 1))
    arguments = (text, ctx.folded, code, base, ctx.sentences, ctx.dates, ctx.tokens)
    found = events.find_event_claims(*arguments)
    with monkeypatch.context() as patched:
        patched.setattr(events, "_present_firsts", lambda prose, code, kinds: {
            key: words for key, words in events._claim_firsts(code).items() if key.partition(":")[2] in kinds})
        assert events.find_event_claims(*arguments) == found, text
    return len(found)


def test_event_phrases_looked_for_where_their_needle_is_on_generated_text(base, monkeypatch):
    rng = random.Random(47)
    for code in ("fr", "en"):
        data = language.load(code)
        phrases = [p for group in events.kind_phrases(code).values() for ps in group.values() for p in ps]
        words = [w for p in phrases for w in p.replace("'", " ").replace("’", " ").split()]
        kinds = phrases + [p.upper() for p in phrases] + [p.capitalize() for p in phrases] + words + \
            [w[:-1] for w in words] + ["Straße", "x"]
        names = [n.title() for n in base.event_participants.get(code, {})] + [n.upper() for n in base.event_organisations]
        times = ["1955", "en 1999", "in 2004", "le 4 avril 1949", "April 4, 1949", "depuis 1952", "since 1952", "mai 2022"]
        found = 0
        # sentences of a participant, an event's words, what was joined (or a word between) and a date
        for _ in range(6000):
            parts = [rng.choice(pool) for pool in (names, kinds, names + kinds + data["event_links"], times, kinds, names)
                     if rng.random() < 0.85]
            text = "".join(part + rng.choice(_SEPARATORS) for part in parts)
            found += _event_claims_compared(text, code, base, monkeypatch)
        assert found > 50, code


def test_event_phrases_looked_for_where_their_needle_is_on_the_corpora(base, monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _event_claims_compared(text, code, base, monkeypatch)


def _event_dates_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the dates of named events found are those found when every sentence's clauses are read for an event's
    noun; the number found."""
    article = parse_article(text, "article.txt", markdown=False)
    article.language = code
    ctx = ArticleContext(article, None, dt.date(2024, 6, 1))
    interval = (dt.date(2024, 6, 1), dt.date(2024, 6, 1))

    def found() -> list:
        return claims._event_dates(text, ctx.folded, code, ctx.sentences, ctx.dates, interval, claims._Breaks(text, code))
    expected = found()
    data = claim_reading.claim_data(code)
    with monkeypatch.context() as patched:
        patched.setattr(claims, "claim_data", lambda code: {**data, "event_needles": ("",)})
        assert found() == expected, text
    return len(expected)


def test_event_dates_read_only_in_sentences_with_an_event_noun_on_generated_text(monkeypatch):
    rng = random.Random(53)
    for code in ("fr", "en"):
        nouns = language.load(code)["event_nouns"]
        pieces = nouns + [n.upper() for n in nouns] + [n[:-1] for n in nouns] + [n + "s" for n in nouns] + \
            ["le 4 avril 2024", "4 avril", "le 12 mars", "April 4, 2024", "March 12", "du", "de l'", "the", "of", ",", ".",
             ";", "x", "Élection", "SÉISME", "séismes"]
        assert sum(_event_dates_compared(text, code, monkeypatch) for text in _joined(pieces, rng, 2000)) > 100, code


def test_event_dates_read_only_in_sentences_with_an_event_noun_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _event_dates_compared(text, code, monkeypatch)


def _quotes_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the quotations found are those of the pattern scanned over the whole text; the number found."""
    sentences = split_sentences(text)
    expected = quotes.find_quotes(text, code, sentences, [])
    with monkeypatch.context() as patched:
        patched.setattr(quotes, "_quotations", quotes._QUOTES.finditer)
        assert quotes.find_quotes(text, code, sentences, []) == expected, text
    return len(expected)


def test_quotations_tried_only_at_their_opening_marks_on_generated_text(monkeypatch):
    rng = random.Random(59)
    pieces = ["«", "»", "“", "”", "„", '"', "'", "« ", " »", "a", "Le ministre", "dit", "x", "\n", "—", "\"\"", "«»"]
    texts = ["".join(rng.choice(pieces) + rng.choice(["", "", " ", "  "]) for _ in range(rng.randrange(1, 30)))
             for _ in range(4000)]
    assert sum(_quotes_compared(text, "fr", monkeypatch) > 0 for text in texts) > 1000


def test_quotations_tried_only_at_their_opening_marks_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        _quotes_compared(text, "fr", monkeypatch)


def _quote_spans_compared(text: str) -> int:
    expected = [m.span() for m in quoted._PAIRS.finditer(text)]
    assert quoted.quote_spans(text) == expected, text
    return len(expected)


def test_quoted_passages_tried_only_at_their_opening_marks_on_generated_text():
    rng = random.Random(61)
    pieces = ["«", "»", "“", "”", "„", '"', "'", "« ", " »", "a", "Le ministre", "dit", "x", "\n", "—", "\"\"", "«»"]
    texts = ["".join(rng.choice(pieces) + rng.choice(["", "", " ", "  "]) for _ in range(rng.randrange(1, 30)))
             for _ in range(4000)]
    assert sum(_quote_spans_compared(text) > 0 for text in texts) > 1000


def test_quoted_passages_tried_only_at_their_opening_marks_on_the_corpora():
    for text in _corpus_texts():
        _quote_spans_compared(text)


def _sources_compared(text: str, start: int, end: int, code: str, monkeypatch) -> int:
    """Asserts a sentence's source is the one found when its phrases are always looked for (or the same error: a
    phrase followed by blanks alone, "selon  ", names no one and is not read); 1 when it has one."""
    def outcome():
        clauses.attribution.cache_clear()
        try:
            return clauses.attribution(text, (start, end), code)
        except IndexError as error:
            return type(error)
    found = outcome()
    with monkeypatch.context() as patched:
        patched.setattr(clauses, "_may_break", lambda prose, sentence, needles: True)
        assert outcome() == found, (text, start, end)
    clauses.attribution.cache_clear()
    return isinstance(found, tuple) and found[0] is not None


def test_sources_looked_for_where_one_may_occur_on_generated_text(monkeypatch):
    rng = random.Random(67)
    for code in language.codes():
        phrases = language.load(code)["statement_sources"]
        words = [w for p in phrases for w in p.replace("'", " ").replace("’", " ").split()]
        pieces = phrases + [p.upper() for p in phrases] + [p.replace("'", "’") for p in phrases] + words + \
            [w[:-1] for w in words] + ["x", "le parquet", "the police", "-", ",", "Straße"]
        found = 0
        for text in _joined(pieces, rng, 1500):
            start = rng.choice([0, rng.randrange(len(text) + 1)])
            found += _sources_compared(text, start, rng.choice([len(text), rng.randrange(start, len(text) + 1)]), code,
                                       monkeypatch)
        assert found > 100, code


def test_sources_looked_for_where_one_may_occur_on_the_corpora(monkeypatch):
    for text, start, end in _corpus_lines():
        for code in ("fr", "en"):
            _sources_compared(text, start, end, code, monkeypatch)


def _word_hits_plain(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """The plain form: each word looked for in the whole text, kept where no letter, digit or "_" is before it."""
    low = lowered(text)
    if low is None:
        return anchored.word_hits(text, words)   # the pattern's answer either way
    hits = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            if not at or not (low[at - 1].isalpha() or low[at - 1].isdecimal() or low[at - 1] == "_"):
                hits.append((at, word))
            at = low.find(word, at + 1)
    return sorted(hits)


def _word_sets() -> list[frozenset[str]]:
    """The word sets the extractors look for (dates, relative dates, numbers in words, events' kinds), and sets
    made to part the searches: one- and two-character words, words sharing their first characters or
    beginning one another, words holding an apostrophe or a point."""
    out = [frozenset({"a", "le", "la", "l'", "l’", "se", "aa", "ab", "aba", "abab", "mar.", "mars", "mardi", "mar",
                      "jun", "june", "juil.", "juillet", "juin", "x_", "_a", "1er", "1", "é", "éa", "ɐa", "œa", "ωa", "'a", "a'a"}),
           frozenset({"a"}), frozenset({"le", "les", "l’an", "l'an"})]
    for code in ("fr", "en", "es"):
        firsts = relative._patterns(code)[4]
        out.append(firsts["days"] | firsts["period"] | firsts["named"])
        out.append(frozenset().union(*dates._patterns(code)[1].values()))
        out.append(numbers._first_words(code))
        out.append(frozenset().union(*events._claim_firsts(code).values()))
    return out


def _word_hits_compared(text: str, sets: list[frozenset[str]]) -> int:
    found = 0
    for words in sets:
        expected = _word_hits_plain(text, words)
        assert anchored.word_hits(text, words) == expected, (text, sorted(words))
        found += len(expected)
    return found


def test_word_hits_as_by_looking_for_each_word_on_generated_text():
    # before a word: letters below and beyond U+0100 (œ, ɐ, ω), decimal digits beyond it (٣), numbers that are not
    # decimal digits (², ½, Ⅻ), "_", apostrophes, points, hyphens, spaces of every kind
    rng = random.Random(47)
    sets = _word_sets()
    pieces = sorted({w for words in sets for w in words}) + ["A", "LE", "Mars", "œ", "ɐ", "ω", "Ω", "٣", "²", "½", "Ⅻ",
                                                             "_", "x", "ab", "b", "é", "É", "«", "(", "’", "'", "."]
    texts = ["".join(rng.choice(pieces) + rng.choice(_SEPARATORS) for _ in range(rng.randrange(1, 16)))
             for _ in range(3000)]
    assert sum(_word_hits_compared(text, sets) > 0 for text in texts) > 2500


def test_word_hits_traps():
    # a word found again inside itself, after its apostrophe; words after numbers that are not decimal digits, after
    # letters and digits beyond U+0100, after "_"; a text searched with the pattern (ß)
    sets = _word_sets()
    for text in ["a'a'a", "l'l'an", "²a ½le Ⅻla ɐa œa ωa ٣a _a", "Le la LE. (Mars) mardi, créa éle", "aaa abab ababab", "Maß a la"]:
        assert _word_hits_compared(text, sets) > 0, text


def test_word_hits_on_the_corpora():
    sets = _word_sets()
    for text in _corpus_texts():
        _word_hits_compared(text, sets)


def _anchors_plain(prose: str, code: str, start: int, end: int) -> list[anchors.Anchor]:
    """find_anchors with no precondition: both patterns tried over the whole window."""
    year, ago = anchors._patterns(code)
    months, words = anchors._tables(code)
    found = [anchors.Anchor(m.start(), m.end(), year=int(m.group("year")),
                            month=months[m.group("month").lower()] if m.group("month") else None)
             for m in year.finditer(prose, start, end)]
    for m in ago.finditer(prose, start, end):
        n = m.group("n")
        found.append(anchors.Anchor(m.start(), m.end(), years_ago=int(n) if n.isdigit() else words[n.lower()]))
    return sorted(found, key=lambda a: a.start)


def _ago_anchors_compared(text: str, code: str, s: int, e: int) -> int:
    """Asserts the article's places of the words an "N years ago" needs tell a window as may_match does, and
    find_anchors finds what its patterns find with no precondition; the "N years ago" found."""
    plain = anchored.may_match(text, lowered(text), s, e, anchored.needed_words(code, "years_ago"))
    assert anchors._may_say_ago(text, code, s, e) is plain, (text, s, e)
    found = _anchors_plain(text, code, s, e)
    assert anchors.find_anchors(text, code, s, e) == found, (text, s, e)
    return sum(a.years_ago is not None for a in found)


def test_years_ago_words_found_once_an_article_as_in_each_window_on_generated_text():
    # windows that cut a word ("ans" of "ansible" at a window's end), letters before the word below and beyond
    # ASCII (dans, éans, Kans with the Kelvin sign, Ωans), "_" and numbers that are not decimal digits (²ans)
    rng = random.Random(53)
    extra = {"fr": ["voici", "Voici", "il y a 5 ans", "voilà 12 ans", "Voici deux ans", "il y a", "ansible", "éans", "\u212aans", "Ωans", "²ans", "12", "deux"],
             "en": ["5 years ago", "two years ago", "years ago", "year", "yearbook", "ayear", "\u212ayears", "²years", "12", "two"],
             "es": ["hace 5 años", "Hace dos años", "hace", "Hace", "hacemos", "ahace", "12", "dos"]}
    for code in ("fr", "en", "es"):
        texts = _joined(_AGO_WORDS[code] + extra[code], rng, 1500)
        found = 0
        for text in texts:
            for _ in range(4):
                s, e = sorted(rng.randrange(len(text) + 1) for _ in range(2))
                found += _ago_anchors_compared(text, code, s, e)
            found += _ago_anchors_compared(text, code, 0, len(text))
            found += sum(_ago_anchors_compared(text, code, m.start(), len(text)) for m in regex.finditer(r"\w+", text))
        assert found > 300, code


def test_years_ago_words_found_once_an_article_on_the_corpora():
    for text in _corpus_texts():
        code = "en" if " the " in text else "fr"
        for line in range(0, len(text), 97):
            _ago_anchors_compared(text, code, line, min(len(text), line + 400))


class _EveryFirstWord:
    """PhraseStarts' plain form: every place one of the words begins a word of the text (word_hits)."""

    def __init__(self, text: str, words: frozenset[str]) -> None:
        self.text, self.words = text, words

    def __call__(self, low: str, hits) -> list[int]:
        return anchored.starts_of(anchored.word_hits(self.text, self.words), self.words)


def _relative_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the relative dates found trying the patterns only where the text may go on as a phrase are those
    found trying them at every place one of the phrases' first words begins; how many."""
    found = relative.find_relative_dates(text, code)
    firsts = relative._patterns(code)[4]
    with monkeypatch.context() as m:
        m.setattr(relative, "_phrases", lambda code: {k: _EveryFirstWord(text, firsts[k]) for k in ("days", "period")})
        assert relative.find_relative_dates(text, code) == found, text
    return len(found)


def _phrase_starts_compared(text: str, code: str) -> int:
    """Asserts PhraseStarts gives the places of word_hits where may_go_on keeps them, for each language's relative
    days and periods and phrases made to part them; how many."""
    low = lowered(text)
    if low is None:
        return 0
    kept = 0
    for words, follow in _phrase_sets(code):
        expected = [at for at, word in anchored.word_hits(text, words) if anchored.may_go_on(low, at + len(word), follow[word])]
        starts = anchored.PhraseStarts(words, follow)
        assert starts(low, anchored.word_hits(text, starts.plain)) == expected, (text, sorted(words))
        kept += len(expected)
    return kept


_PHRASES = ["l'an d'avant", "le jour d’après", "x  y", "ce jour", "ce", "la  semaine", "lala lo", "the day", "a'b c",
            "ab'c", "œa bé", "ab"]


def _phrase_sets(code: str) -> list[tuple[frozenset[str], dict]]:
    out = [(relative._patterns(code)[4][k], relative._phrases(code)[k].follow) for k in ("days", "period")]
    firsts = anchored.first_words(_PHRASES)
    return out + [(firsts, anchored.rests(_PHRASES, firsts))]


def test_phrase_starts_as_word_hits_kept_by_may_go_on_on_generated_text():
    # runs of spaces of every kind, either apostrophe, capitals, words repeated inside themselves, letters beyond
    # U+0100 before a word, heads cut short
    rng = random.Random(71)
    pieces = sorted({w for p in _PHRASES for w in p.split()}) + [
        "la", "La", "le", "LE", "ce", "cette", "semaine", "sema", "mois", "the", "The", "day", "days", "this", "week",
        "next", "last", "year", "l'an", "l’an", "née", "prochain", "ɐla", "œle", "٣the", "²ce", "_la", "lala", "x"]
    separators = _SEPARATORS + [" \n", "\u00a0 ", "\t\u202f", " \u2028 ", "\x1c", "\x85"]
    texts = ["".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randrange(1, 14))) for _ in range(2000)]
    for code in ("fr", "en", "es"):
        assert sum(_phrase_starts_compared(text, code) > 0 for text in texts) > 300, code


def test_phrase_starts_on_the_corpora():
    for text in _corpus_texts():
        for code in ("fr", "en", "es"):
            _phrase_starts_compared(text, code)


def test_a_pattern_space_is_a_space_to_str_isspace():
    # what may_go_on rests on: every character \s matches is one str.isspace tells a space; and what PhraseStarts
    # rests on: the `re` module's \s is every such character
    every = "".join(map(chr, range(0x110000))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    assert all(c.isspace() for c in regex.findall(r"\s", every))
    assert set(re.findall(r"\s", every)) == {c for c in every if c.isspace()}


def _calendar_compared(text: str, code: str) -> int:
    """Asserts the dates and relative dates read from one scan for both extractors' words are those each finds
    alone (the places of a word do not depend on the other words looked for); how many."""
    hits = anchored.word_hits(text, dates.date_words(code) | relative.relative_words(code))
    found = dates.find_dates(text, code)
    assert dates.find_dates(text, code, hits) == found, text
    taken = [(d.start, d.end) for d in found]
    relative_found = relative.find_relative_dates(text, code, taken)
    assert relative.find_relative_dates(text, code, taken, hits) == relative_found, text
    return len(found) + len(relative_found)


def test_dates_and_relative_dates_from_one_scan_on_generated_text():
    rng = random.Random(73)
    pieces = {"fr": ["lundi", "Lundi", "mar.", "mardi", "mars", "Mars", "marseille", "1er", "premier", "3", "12", "2024",
                     "juin", "juil.", "juillet", "sept", "septembre", "sept.", "hier", "demain", "l'an", "l’an",
                     "dernier", "prochain", "la", "semaine", "dernière", "le", "mois", "ce", "cette", "année", "x"],
              "en": ["Monday", "monday", "Mon", "May", "may", "March", "march", "mar", "the", "day", "before", "after",
                     "yesterday", "last", "next", "this", "week", "month", "year", "3rd", "3", "12", "2024", "x"]}
    for code, words in pieces.items():
        assert sum(_calendar_compared(text, code) for text in _joined(words, rng, 1500)) > 500, code


def test_dates_and_relative_dates_from_one_scan_on_the_corpora():
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _calendar_compared(text, code)


def test_the_context_reads_dates_and_relative_dates_from_one_scan():
    for code, text in [("fr", "Lundi 3 mars 2025, la semaine dernière, hier et mardi dernier."),
                       ("en", "On Monday, March 3, 2025, last week, yesterday and the day before yesterday."),
                       ("fr", "Maß: lundi 3 mars 2025 et la semaine dernière.")]:
        ctx = ArticleContext(parse_article(text, "a.txt", False), build_base())
        ctx.article.language = code
        assert ctx.dates == dates.find_dates(text, code) and ctx.dates
        assert ctx.relative_dates == relative.find_relative_dates(text, code, [(d.start, d.end) for d in ctx.dates])
        assert ctx.relative_dates


def test_relative_dates_tried_where_a_phrase_may_go_on_on_generated_text(monkeypatch):
    # runs of spaces of every kind, either apostrophe, capitals, words that begin a phrase's next word or differ
    rng = random.Random(59)
    pieces = {"fr": ["la", "La", "LA", "le", "ce", "Ce", "cette", "l'an", "l’an", "L'année", "l’année", "semaine",
                     "Semaine", "semaines", "mois", "mois-ci", "mois-là", "moisson", "dernière", "dernier", "passé",
                     "prochain", "prochaine", "hier", "demain", "après-demain", "aujourd'hui", "aujourd’hui", "ann",
                     "anée", "tte", "sem", "mardi", "mai", "x"],
              "en": ["the", "The", "THE", "day", "Day", "days", "daily", "before", "after", "yesterday", "tomorrow",
                     "today", "last", "Last", "this", "next", "week", "Weeks", "month", "months", "year", "yearly",
                     "Monday", "May", "x"]}
    separators = _SEPARATORS + [" \n", "\u00a0 ", "\t\u202f", " \u2028 "]
    for code, words in pieces.items():
        texts = ["".join(rng.choice(words) + rng.choice(separators) for _ in range(rng.randrange(1, 12)))
                 for _ in range(1500)]
        assert sum(_relative_compared(text, code, monkeypatch) > 0 for text in texts) > 300, code


def test_may_go_on_keeps_every_place_a_phrase_matches():
    # apostrophes after the first word, either written; a phrase with two spaces; runs of spaces of every kind
    phrases = ["l'an d'avant", "le jour d’après", "x  y", "ce jour"]
    pattern = regex.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", regex.I)
    firsts = anchored.first_words(phrases)
    follow = anchored.rests(phrases, firsts)
    kept = {}
    for text in ["l'an d’avant", "L’an D'Avant", "le jour d'après", "le  \n jour d’après", "x \u00a0y", "x\u00a0 y",
                 "xy", "x y", "le jeudi", "cette", "ce  jour", "l'an davant"]:
        low = lowered(text)
        for at, word in anchored.word_hits(text, firsts):
            kept[text] = anchored.may_go_on(low, at + len(word), follow[word])
            assert kept[text] or not pattern.match(text, at), text
    assert not kept["xy"] and not kept["le jeudi"] and not kept["cette"] and not kept["l'an davant"]


def test_relative_dates_tried_where_a_phrase_may_go_on_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _relative_compared(text, code, monkeypatch)


def _hit_plain(term: str, plain: str) -> bool:
    """factmatch.hit without its test of the term's words: the pattern searched in every text."""
    near = factmatch._matcher(term)[2]
    return bool(factmatch._term_pattern(term).search(plain)) or (
        near is not None and near[0] in plain and fuzz.partial_ratio(near[1], plain, score_cutoff=factmatch.NEAR)
        >= factmatch.NEAR)


def _fact_terms() -> list[str]:
    facts = build_base().rules.facts
    return sorted({t for code in ("fr", "en") for p in fact_mismatch._prepared(facts, code)[0] for t in p.about | p.subject})


def test_fact_terms_searched_only_where_their_words_are_on_generated_text():
    # the terms' words, their plurals and pieces, glued or spaced: a term whose words are all there and one that
    # lacks one, matches and near matches
    rng = random.Random(61)
    terms = _fact_terms()
    words = sorted({w for t in terms for w in factmatch._term_words(t)})
    pieces = words + [w + "s" for w in words] + [w[:-1] for w in words if len(w) > 2] + ["x", "the", "de", "'"]
    found = 0
    for text in _joined(pieces, rng, 2000):
        plain = fold(text).replace("'", "' ")
        for term in rng.sample(terms, 20):
            expected = _hit_plain(term, plain)
            assert factmatch.hit(term, plain) is expected, (term, plain)
            found += expected
    assert found > 300


def test_fact_terms_searched_only_where_their_words_are_on_the_corpora():
    terms = _fact_terms()
    for text in _corpus_texts():
        for line in fold(text).replace("'", "' ").split("\n"):
            for term in terms:
                assert factmatch.hit(term, line) is _hit_plain(term, line), (term, line)


def _readable_plain(found, of_terms) -> set[str]:
    """fact_mismatch._readable's plain form: every term of the rules asked whether one of its needles was found."""
    return {t for t, ns in of_terms.items() if not found.isdisjoint(ns)}


def _read_compared(base, text: str, monkeypatch) -> int:
    ctx = SimpleNamespace(base=base, folded=fold_same_length(text))
    read = 0
    for code in ("fr", "en"):
        with monkeypatch.context() as plain:
            of_terms = fact_mismatch._prepared(base.rules.facts, code)[4]
            plain.setattr(fact_mismatch, "_readable", lambda found, _: _readable_plain(found, of_terms))
            expected = fact_mismatch._read(ctx, code)
        got = fact_mismatch._read(ctx, code)
        # the terms searched are a set made into a tuple: the same terms, in any order
        assert (got is None) == (expected is None), text
        if got is not None:
            assert got[:2] == expected[:2] and set(got[2][0]) == set(expected[2][0]) and got[2][1] == expected[2][1], text
            read += 1
    return read


def test_fact_terms_readable_from_the_needles_found_on_generated_text(monkeypatch):
    base = build_base()
    rng = random.Random(67)
    pieces = []
    for code in ("fr", "en"):
        prepared, stems, *_ = fact_mismatch._prepared(base.rules.facts, code)
        needles = sorted({n for p in prepared for n in p.needles})
        pieces += needles + sorted(stems) + [n[:k] for n in needles for k in (2, 3, 5)]
    assert sum(_read_compared(base, text, monkeypatch) for text in _joined(pieces + ["l'", "x"], rng, 2000)) > 500


def test_fact_terms_readable_from_the_needles_found_on_the_corpora(monkeypatch):
    base = build_base()
    for text in _corpus_texts():
        _read_compared(base, text, monkeypatch)


def _numbers_compared(text: str, code: str, monkeypatch) -> int:
    """Asserts the numbers found trying the ordinal and digit patterns only where a run of digits begins (and at
    a sign before one; an ordinal's run followed by a suffix) are those found trying them at every place; how many."""
    found = find_numbers(text, code)
    with monkeypatch.context() as m:
        m.setattr(numbers, "_starts", lambda prose, code: (range(len(prose)), range(len(prose))))
        assert find_numbers(text, code) == found, text
    return len(found)


def test_numbers_tried_where_a_run_of_digits_begins_on_generated_text(monkeypatch):
    # runs of every length, decimal digits beyond ASCII (٣, ３), numbers that are not decimal digits (², ½), signs,
    # groups and decimals, each language's suffixes glued or spaced, centuries, words around
    rng = random.Random(79)
    pieces = ["1", "12", "123", "1234", "12345", "2024", "1 000", "1,5", "3.5", "1.500", "-", "−", "-3", "(", "/", ":",
              "٣", "３", "²", "½", "er", "re", "e", "è", "ème", "ᵉ", "ʳᵉ", "nd", "nde", "st", "rd", "th", ".º", "º", "ª",
              "XXe", "siècle", "century", "millions", "milliard", "m", "k", "km", "%", "x", "_", "deux", "two"]
    for code in ("fr", "en", "es"):
        assert sum(_numbers_compared(text, code, monkeypatch) > 0 for text in _joined(pieces, rng, 1500)) > 1000, code


def test_numbers_tried_where_a_run_of_digits_begins_on_the_corpora(monkeypatch):
    for text in _corpus_texts():
        for code in ("fr", "en"):
            _numbers_compared(text, code, monkeypatch)


def test_no_ordinal_suffix_begins_with_a_digit():
    # else an ordinal's digits may stop inside their run, and every run start is tried (numbers._suffix_firsts)
    assert all(numbers._suffix_firsts(code) is not None for code in language.codes())
