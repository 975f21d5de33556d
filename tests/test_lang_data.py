"""The language files are data and are tested like code: no entry YAML turns into something else."""
from __future__ import annotations

import pytest
import yaml

from checker import lang


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


@pytest.mark.parametrize("code", lang.SUPPORTED)
def test_no_word_turns_into_a_boolean(code):
    with open(lang.__path__[0] + f"/{code}.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for path, value in _walk(data):
        if path.endswith("]"):   # words in lists; a setting may be a real boolean
            assert not isinstance(value, bool), f"{code}.yaml{path}: {value!r} is read as a boolean (quote it)"


@pytest.mark.parametrize("code", lang.SUPPORTED)
def test_word_lists_have_no_duplicates(code):
    data = lang.load(code).data
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            assert len(value) == len(set(value)), f"{code}.yaml {key}: duplicate entries"
