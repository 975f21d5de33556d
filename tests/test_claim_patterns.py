"""The claim reader's faster forms of its patterns find what the plain forms find: the Latin split of a sentence's
words, clause breaks found as punctuation and words apart, `\\b` for "no word character before", future endings
without the ones a shorter ending decides. Each is compared with the plain form, on traps where they could part."""
from __future__ import annotations

import re

import pytest
import regex

from checker import lang as language
from checker.extract import clauses, measures, tense
from checker.lang import alternation

SENTENCES = [
    "Sales rose 5% to $3 million, compared with $2.9 million (a year earlier); profit fell.",
    "La participation, alors qu'elle était de 55 %, a reculé contre 48 % tandis que l'abstention montait.",
    "The index (against 35,000 points) rose while x-against and 5against and “while” stood.",
    "Il y aura 27 membres, dont 3 nouveaux — soit 30 — face à 28 l'an dernier… «contre» 2.",
    "L’armée française comptera 1 200 soldats ; elle sera renforcée, d’ici 2030, de 300 hommes.",
    "Ελλάδα: 5 % de croissance; café, naïve, Ærø, ŒUVRE, Łódź, ǅemal, µ-metal, º, ª, e\u0301te\u0301.",
    "The company said it will hire 500 people next year; they'll start in the upcoming quarter.",
    "Le ministre sera là ; la caméra, l'opéra et SERA, ira, Sera : le budget progressera de 3 %.",
]


def test_latin_letters_are_the_letters_below_u0250_and_the_signs_are_neither_letters_nor_marks():
    """The standard engine's split stands in for `regex`'s only on text where the two classes agree."""
    chars = [chr(c) for c in range(0x250)] + list(measures.LATIN_SIGNS)
    letter, letter_std = regex.compile(r"\p{L}"), re.compile(f"[{measures.LATIN_LETTERS}]")
    inner, inner_std = regex.compile(r"[\p{L}\p{M}'’-]"), re.compile(f"[{measures.LATIN_LETTERS}'’-]")
    for char in chars:
        assert bool(letter.fullmatch(char)) == bool(letter_std.fullmatch(char)), repr(char)
        assert bool(inner.fullmatch(char)) == bool(inner_std.fullmatch(char)), repr(char)


@pytest.mark.parametrize("text", SENTENCES)
def test_a_sentences_words_are_split_alike_in_latin_text_and_beyond(text):
    words = measures.SentenceWords(text, text.lower(), 0, len(text), [], [])
    plain = [(m.start(), m.end(), m.group()) for m in regex.finditer(r"\p{L}[\p{L}\p{M}'’-]*", text)]
    assert words.tokens == plain


def _plain_breaks(code: str) -> regex.Pattern:
    return regex.compile(rf",(?=\s)|[;:()\[\]–—«»“”]|(?<!\w)(?={alternation(language.load(code)['clause_breaks'])}(?!\w))",
                         regex.I)


@pytest.mark.parametrize("code", ["en", "fr"])
@pytest.mark.parametrize("text", SENTENCES)
def test_clause_breaks_are_those_of_one_alternation(code, text):
    plain = [m.span() for m in _plain_breaks(code).finditer(text)]
    assert clauses.clause_breaks(text, (0, len(text)), code) == plain
    # a window inside the text: what lies before it is still read by the lookbehinds
    assert clauses.clause_breaks(text, (7, len(text) - 3), code) == [m.span() for m in _plain_breaks(code).finditer(
        text, 7, len(text) - 3)]


def test_a_word_start_is_b_only_when_every_word_begins_with_a_word_character():
    assert clauses.word_start(["against", "compared with"]) == r"\b"
    assert clauses.word_start(["will", "'ll"]) == r"(?<!\w)"     # "he'll": the apostrophe is no word character
    assert clauses.word_start([]) == r"(?<!\w)"                  # nothing to begin with: the plain form, as it was


def test_an_ending_another_ending_decides_is_left_out():
    assert tense._shortest(["erai", "irai", "rai", "ra", "ras", "ront", "eront"]) == {"rai", "ra", "ras", "ront"}
    assert tense._shortest(["ré", "rás", "rá"]) == {"ré", "rás", "rá"}
    assert tense._shortest(["Xra", "ra"]) == {"Xra", "ra"}      # a capital before: not a lower-case letter


def _plain_future(code: str) -> regex.Pattern:
    data = language.load(code)
    words = "|".join(regex.escape(w) for w in sorted(data["future_words"], key=len, reverse=True))
    endings = "|".join(sorted(data["future_verb_endings"], key=len, reverse=True))
    verb = rf"|\b\p{{Ll}}++(?<=\p{{Ll}}{{2}}(?:{endings}))\b" if endings else ""
    return regex.compile(rf"(?:(?<!\w)(?:{words})(?!\w){verb})", regex.I)


@pytest.mark.parametrize("code", ["en", "fr", "es"])
def test_the_future_pattern_finds_what_the_plain_one_finds(code):
    texts = SENTENCES + ["Las ventas crecerán un 5 %; el año que viene será mejor, pronto.", "Il pleuvra. Cara, extra."]
    for text in texts:
        for clause in (text, text[10:], text[:25]):
            assert [m.span() for m in tense._future(code).finditer(clause)] == \
                [m.span() for m in _plain_future(code).finditer(clause)], clause
    assert tense.is_future("Le budget progressera de 3 %.", "fr")
    assert not tense.is_future("La caméra et l'opéra coûtent 3 %.", "fr")     # endings of words that are no verbs


BEFORE_FIGURES = [
    "les alliés ont promis plus de ", "environ ", "about ", "ABOUT\u00a0", "rose more than\t", "up to ", "près d’",
    "jusqu’à ", "d'environ ", "(au moins ", "passé de 5 % à ", "from 3-", "rose 5 to ", "Environ", "aboutissent ",
    "au-delà de ", "les 32 ", "NATO's ", "the ", "", "   ", "ſome ", "\u212aelvin ", "moins de\u2009", "of", "5 À ",
]


@pytest.mark.parametrize("code", ["fr", "en"])
def test_the_word_before_a_figure_rules_out_a_bound_only_where_the_patterns_find_none(code):
    """may_end_with() is asked before the bound, approximation and change patterns: where it says no, they match
    nothing (case folded by Unicode, spaces the pattern takes, words glued to a bracket or an apostrophe)."""
    from checker.extract import claim_reading, figures
    data, claims = figures._data(code), claim_reading.claim_data(code)
    pairs = [(data["approx"], data["approx_ends"]), (data["bound"], data["bound_ends"]),
             (data["change_before"], data["change_ends"]), (claims["bounds"], claims["bound_ends"])]
    ruled_out = 0
    for text in BEFORE_FIGURES + [w + " " for w in figures.last_words(claims["bound_ends"])]:
        for pattern, ends in pairs:
            if not figures.may_end_with(text, ends):
                ruled_out += 1
                assert pattern.search(text) is None, (text, pattern.pattern[:60])
    assert ruled_out > 0   # the condition does rule texts out


def test_is_future_keeps_short_sentences_only_and_answers_alike():
    from checker.extract import tense
    short = "Le gouvernement annoncera les chiffres demain."
    long = "Le ministre a parlé de la dette, " * 100 + "et il annoncera les chiffres demain."
    past = "Le ministre a parlé de la dette. " * 100
    assert len(long) > tense.CACHED_CHARS and len(short) <= tense.CACHED_CHARS
    tense._remembered.cache_clear()
    assert tense.is_future(short, "fr") and tense.is_future(long, "fr")
    assert not tense.is_future(past, "fr")
    assert tense._remembered.cache_info().currsize == 1   # the short one only
    assert tense.is_future(short, "fr") and tense._remembered.cache_info().hits == 1
