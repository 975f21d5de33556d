"""patterns.escape gives regex.escape's text: on every string of the language files (the words the pattern builders
escape), on every character that regex.escape treats specially and on generated text. It goes stale when the regex
module escapes other characters, or when Python's Unicode tables change what is whitespace: both are checked here."""
from __future__ import annotations

import random
import sys

import regex

from checker import lang as language
from checker import patterns


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_whitespace_is_what_python_calls_whitespace():
    assert set(patterns._WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_every_character_regex_escapes():
    # every ASCII and Latin-1 character, the whitespace of the whole range, and the typographic characters of the prose
    chars = [chr(c) for c in range(256)] + list(patterns._WHITESPACE) + list("’‘“”«»–—…€£¥°\u200b\ufeff")
    for char in chars:
        assert patterns.escape(char) == regex.escape(char), repr(char)


def test_the_words_of_the_language_files():
    words = {s for code in language.codes() for s in _strings(language.load(code).data)}
    assert len(words) > 1000
    for word in words:
        assert patterns.escape(word) == regex.escape(word), word


def test_generated_text():
    rng = random.Random(7)
    alphabet = "aéZ0 '’-.()[]{}?*+|^$\\#&~\t\n\u00a0\u202f\u3000,;:!/\"_«»"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert patterns.escape(text) == regex.escape(text), text
