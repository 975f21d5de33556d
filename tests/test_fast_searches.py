"""Shortcuts of the per-article searches give the answers of their plain forms: each is compared with the plain
form on generated text built to part them and on the shared corpora (skipped when absent)."""
from __future__ import annotations

import random

import regex
from rapidfuzz import fuzz

from checker import factmatch, lang as language
from checker.checks import fact_mismatch, name_typo
from checker.extract import anchors, clauses, dates, figures, reckoning
from checker.extract.anchored import lowered
from checker.extract.numbers import find_numbers
from checker.fold import fold_same_length
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
        needed = reckoning._needed(code, key)
        plain = low is None or any(word in low[s:e] for word in needed)
        new = reckoning._may_match(text, low, s, e, needed)
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
    needed = reckoning._needed("fr", "ago_patterns")
    for text, expected in [("Il y a 5 ans, le traité fut signé.", True), ("dans 5 jours et sans délai", False),
                           ("Voilà\u202f20 ans que l'usine tourne.", True), ("toujours plus, pour sa part", False),
                           ("Les ANS de la ville", True), ("Le 5 ans2 de la ville", False)]:
        assert reckoning._may_match(text, lowered(text), 0, len(text), needed) is expected, text


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
    kept = reckoning._may_match(text, lowered(text), s, e, reckoning._needed(code, "founding_words"))
    matched = reckoning._patterns(code)["founded"].search(text, s, e) is not None
    assert kept or not matched, (text[s:e], code)
    return not kept


def test_founding_words_looked_for_where_one_of_their_words_is_on_generated_text():
    rng = random.Random(13)
    for code, words in _FOUNDING_WORDS.items():
        texts = _joined(words, rng, 3000)
        assert sum(_founding_compared(text, 0, len(text), code) for text in texts) > 100   # the forms part often
        assert sum(reckoning._patterns(code)["founded"].search(text) is not None for text in texts) > 50


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
    """Asserts the years found backwards are those of the forward search; the number found."""
    expected = [m.span("year") for m in plain.finditer(text, start, end)]
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
            assert anchors._has_four_digits(text, start, end) == (anchors._FOUR_DIGITS.search(text, start, end) is not None)


def _corpus_texts_or_none() -> list[str]:
    shared = shared_dir()
    return _corpus_texts() if shared is not None else []
