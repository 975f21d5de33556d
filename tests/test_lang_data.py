"""The language files are data and are tested like code: no entry YAML turns into something else."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from checker import lang

SAMPLES = Path(__file__).parent / "fixtures" / "languages.yaml"

# Keys a language file may leave out, each with why. A key missing from one file and not listed here fails
# test_every_language_has_the_same_keys: a check reading it would fail on that language. Today none is
# optional: a language without a kind of word (French has no possessor ending) says so with an empty list.
OPTIONAL_KEYS: dict[str, str] = {}


def _walk(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), f"{path}: key {key!r} is not text (quote it)"
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    else:
        yield path, value


@pytest.mark.parametrize("code", lang.codes())
def test_no_word_turns_into_a_boolean(code):
    with open(lang.__path__[0] + f"/{code}.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for path, value in _walk(data):
        if path.endswith("]"):   # words in lists; a setting may be a real boolean
            assert not isinstance(value, bool), f"{code}.yaml{path}: {value!r} is read as a boolean (quote it)"


@pytest.mark.parametrize("code", lang.codes())
def test_word_lists_have_no_duplicates(code):
    data = lang.load(code).data
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            assert len(value) == len(set(value)), f"{code}.yaml {key}: duplicate entries"


def _shape(value):
    """The type of a value, and of what it holds: ("list", "str"), ("dict", ("list", "str")), ...; None for an
    empty list or mapping (it agrees with any), a frozenset when one list or mapping holds several types
    (a record such as a relative period: words, unit, offset)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "str"
    items = value.values() if isinstance(value, dict) else value
    inner = None
    for item in items:
        inner = _merge(inner, _shape(item))
    return ("dict" if isinstance(value, dict) else "list", inner)


def _merge(a, b):
    if a is None or a == b:
        return b
    if b is None:
        return a
    if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0]:
        return (a[0], _merge(a[1], b[1]))
    return _one_of([*(a if isinstance(a, frozenset) else [a]), *(b if isinstance(b, frozenset) else [b])])


def _one_of(shapes):
    """Several shapes held together, two lists (or two mappings) merged into one."""
    out: list = []
    for shape in shapes:
        same = next((i for i, o in enumerate(out) if isinstance(o, tuple) and isinstance(shape, tuple)
                     and o[0] == shape[0]), None)
        if same is None:
            out.append(shape)
        else:
            out[same] = _merge(out[same], shape)
    return frozenset(out) if len(out) > 1 else out[0]


def _agree(a, b) -> bool:
    if a is None or b is None or a == b:
        return True
    if isinstance(a, frozenset) or isinstance(b, frozenset):
        a_all = a if isinstance(a, frozenset) else [a]
        b_all = b if isinstance(b, frozenset) else [b]
        return all(any(_agree(x, y) for y in b_all) for x in a_all) and \
            all(any(_agree(x, y) for x in a_all) for y in b_all)
    return isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0] and _agree(a[1], b[1])


def test_languages_are_the_files_of_the_package():
    files = sorted(p.stem for p in Path(lang.__path__[0]).glob("*.yaml") if p.stem != "units")
    assert sorted(lang.codes()) == files
    assert "units" not in lang.codes()   # unit definitions, not a language


def test_exactly_one_default_language():
    defaults = [code for code in lang.codes() if lang.load(code)["default"] is True]
    assert defaults == [lang.default()], f"default: true in {defaults or 'no file'}; exactly one language file has it"


@pytest.mark.parametrize("code", lang.codes())
def test_the_code_is_the_file_name(code):
    assert lang.load(code)["code"] == code


def test_every_language_has_the_same_keys():
    keys = {code: set(lang.load(code).data) for code in lang.codes()}
    every = set().union(*keys.values())
    for code, own in keys.items():
        missing = sorted(every - own - set(OPTIONAL_KEYS))
        assert not missing, f"{code}.yaml lacks {missing}: add them (an empty list if the language has no such words)"
    assert set(OPTIONAL_KEYS) <= every, "an optional key that no language has: remove it from OPTIONAL_KEYS"


def test_the_values_of_a_key_have_one_type_in_every_language():
    shapes: dict[str, tuple[str, object]] = {}
    for code in lang.codes():
        for key, value in lang.load(code).data.items():
            shape = _shape(value)
            if key in shapes:
                first, seen = shapes[key]
                assert _agree(seen, shape), f"{key}: {code}.yaml has {shape}, {first}.yaml has {seen}"
                shapes[key] = (first, _merge(seen, shape))
            else:
                shapes[key] = (code, shape)


def test_the_shape_comparison_tells_types_apart():
    assert not _agree(_shape(["a"]), _shape({"a": 1}))
    assert not _agree(_shape({"a": 1}), _shape({"a": "1"}))
    assert not _agree(_shape([["a", "b"]]), _shape(["a"]))
    assert _agree(_shape([]), _shape(["a"]))
    assert _agree(_shape({"m": [], "f": ["la"]}), _shape({"m": ["el"]}))
    assert _agree(_shape({"tag": "T", "words": [], "more": ["a"]}), _shape({"tag": "Q", "words": ["b"]}))
    assert not _agree(_shape({"tag": "T", "words": ["a"]}), _shape({"tag": ["T"], "words": ["b"]}))


def test_detection_picks_each_language():
    samples = yaml.safe_load(SAMPLES.read_text(encoding="utf-8"))
    assert set(samples) == set(lang.codes()), f"{SAMPLES.name}: sentences for each language of checker/lang/"
    for code, sentences in samples.items():
        for sentence in sentences:
            assert lang.detect(sentence) == code, sentence


def test_text_without_words_of_any_language_is_the_default():
    assert lang.detect("") == lang.default()
    assert lang.detect("2024 – 3,2 % — 12/02/2026") == lang.default()


def _language_branches(source: str, codes: set[str]) -> list[int]:
    """Lines of the source that compare a value with a language code (`code == "fr"`, `lang in ("fr", "en")`)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            values = [n for n in sides if isinstance(n, ast.Constant)]
            values += [e for n in sides if isinstance(n, (ast.Tuple, ast.List, ast.Set)) for e in n.elts
                       if isinstance(e, ast.Constant)]
            if any(v.value in codes for v in values):
                lines.append(node.lineno)
    return lines


def test_no_branch_on_a_language_code():
    """A language is data: code that tests for a language code would leave a new language out."""
    codes = set(lang.codes())
    checker = Path(lang.__path__[0]).parent
    found = [f"{path.relative_to(checker)}:{line}" for path in sorted(checker.rglob("*.py"))
             for line in _language_branches(path.read_text(encoding="utf-8"), codes)]
    assert not found, f"branches on a language code (move the rule to checker/lang/*.yaml): {found}"


def test_language_branches_are_found():
    codes = {"fr", "en"}
    assert _language_branches('if code == "en":\n    pass\nx = 1 if "fr" != lang else 2\n', codes) == [1, 3]
    assert _language_branches('ok = lang in ("fr", "en")\n', codes) == [1]
    assert _language_branches('words = ["en", "in"]\nif gender in ("m", "f"):\n    pass\n', codes) == []


def test_given_name_frequency_tells_common_names_from_rare_ones_and_from_words():
    frequency = lang.given_name_frequency
    assert frequency("Jan") >= 3 and frequency("jean") >= 3   # other people's names
    assert 0 < frequency("Tory") < 3                          # a name, but rare
    assert frequency("Pck") == 0 and frequency("") == 0       # no name


def test_every_language_has_keyboard_rows_of_letters():
    for code in lang.codes():
        rows = lang.load(code)["keyboard_rows"]
        assert len(rows) >= 3 and all(isinstance(row, str) and row.isalpha() for row in rows), code


def test_the_folder_is_the_one_importlib_resources_gives():
    from importlib import resources
    assert lang.FOLDER == Path(str(resources.files("checker.lang")))


@pytest.mark.parametrize("code", lang.codes())
def test_every_named_period_ends_with_a_word_that_introduces_a_year(code):
    """year-typo reads a number after a named period through the year_before words: a period that does not end
    with one of them would be looked for and never read."""
    data = lang.load(code)
    words = {w.lower() for ws in data["year_before"].values() for w in ws}
    for period in data["year_period_words"]:
        assert any(period.lower() == w or period.lower().endswith(" " + w) for w in words), f"{code}.yaml: {period}"


def test_choices_in_braces_stand_for_one_form_each():
    assert lang.forms("ralli{é,ée} {dans,au sein de}") == ["rallié dans", "rallié au sein de", "ralliée dans",
                                                         "ralliée au sein de"]
    assert lang.forms("joined") == ["joined"]


@pytest.mark.parametrize("code", lang.codes())
def test_event_phrases_have_whole_braces(code):
    data = lang.load(code)
    for key in ("event_kinds", "event_states"):
        for phrases in data[key].values():
            for form in (f for phrase in phrases for f in lang.forms(phrase)):
                assert "{" not in form and "}" not in form and "," not in form, (code, key, form)
