"""Language knowledge as data: one YAML file per language (a new language is a new file).

A language is a file `<code>.yaml` of this package whose name is an ISO 639 code (two or three lowercase
letters: `units.yaml` is not a language); docs/languages.md lists its keys. The file marked `default: true`
is the language of an article whose words say nothing, and wins a tie of language detection.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from .. import cachedir, patterns
from ..fold import fold

_CODE = regex.compile(r"[a-z]{2,3}")
# The language files, beside this module: the folder importlib.resources.files() gives for a package on disk
# (tests/test_lang_data.py compares them), without importing importlib.resources, tempfile and zipfile in every run.
FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class Language:
    code: str
    data: dict

    def __getitem__(self, key: str):
        return self.data[key]

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@functools.lru_cache(maxsize=None)
def codes() -> tuple[str, ...]:
    """The languages of the package's files: the default first, then by code."""
    found = sorted(name[:-5] for name in (p.name for p in FOLDER.iterdir())
                   if name.endswith(".yaml") and _CODE.fullmatch(name[:-5]))
    return tuple(sorted(found, key=lambda code: not _read(code).get("default")))


def default() -> str:
    return codes()[0]


@functools.lru_cache(maxsize=None)
def load(code: str) -> Language:
    if code not in codes():
        raise ValueError(f"unsupported language {code!r} (supported: {', '.join(codes())})")
    return _read(code)


@functools.lru_cache(maxsize=None)
def _read(code: str) -> Language:
    data = (FOLDER / f"{code}.yaml").read_bytes()
    return Language(code, cachedir.parsed("lang", data, _parse_yaml, cachedir.is_mapping))


def _parse_yaml(data: bytes):
    import yaml
    return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def alternation(words, loose: bool = True) -> str:
    """A regex alternation of the words of a language file, longest first; loose: any run of spaces
    between words and either apostrophe (' or ’)."""
    out = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = patterns.escape(word)
        if loose:
            escaped = escaped.replace(r"\ ", r"\s+").replace("'", "['’]")
        out.append(escaped)
    return "|".join(out)


def template(text: str, slots: dict[str, str], space: str = r"\s+") -> str:
    """A template of the language files ("from {a} to {b}", "{a}-{b}") as a pattern: its words escaped, `space`
    for each space and either apostrophe for one, each {name} of `slots` the pattern given for it."""
    body = patterns.escape(text).replace(r"\ ", space).replace("'", "['’]")
    for name, pattern in slots.items():
        body = body.replace(patterns.escape("{" + name + "}"), pattern)
    return body


def forms(phrase: str) -> list[str]:
    """The forms a phrase of the language files stands for: "ralli{é,ée,és,ées} à" is "rallié à", "ralliée à",
    "ralliés à" and "ralliées à" (an ending in braces, one form per choice; several braces multiply)."""
    start = phrase.find("{")
    if start < 0:
        return [phrase]
    end = phrase.index("}", start)
    return [form for choice in phrase[start + 1:end].split(",")
            for form in forms(phrase[:start] + choice + phrase[end + 1:])]


_LOOSE = regex.compile(r"[\s'’]+")   # what alternation(loose=True) reads loosely between a phrase's words


def longest_word(phrase: str) -> str:
    """The longest word of a phrase (the first of the longest): a match of the phrase's loose alternation holds it
    as written, since only the spaces and apostrophes between words are read loosely. A cheap `in` test for it
    tells where the phrase cannot be."""
    return max(_LOOSE.split(phrase), key=len)


def starts(*word_lists, digits: bool = False, also: str = "") -> str:
    """A lookahead for what a match must begin with: the first letter of one of the words (either case),
    a digit when `digits`, or a character of `also`. Put first in a pattern whose every match begins so,
    it changes no match; it lets the regex engine skip at once the places where no match can begin, where
    it would otherwise try a lookbehind and every alternative (several times faster on prose)."""
    firsts = {w[0] for words in word_lists for w in words if w}
    chars = {c for f in firsts for c in (f.lower(), f.upper())} | set(also)
    body = "".join(patterns.escape(c) for c in sorted(chars)) + (r"\d" if digits else "")
    return f"(?=[{body}])" if body else ""   # no words: no lookahead, the pattern decides


def month_name(code: str, month: int) -> str:
    """The month's name as the language writes it in full (its first full name in the file: "février",
    "April")."""
    data = load(code)
    name = next(k for k, v in data["months"].items() if v == month and not k.endswith("."))
    return name.capitalize() if data["months_capitalised"] else name


def write_date(code: str, form: str, **parts) -> str:
    """A date written the language's way: `form` is a key of its date_formats ("day_first", "days", ...);
    parts: day, day_end, year and month, month_end (numbers, written as the month's name)."""
    names = {key: month_name(code, parts[key]) for key in ("month", "month_end") if parts.get(key)}
    return load(code)["date_formats"][form].format_map({**parts, **names})


def detect(prose: str) -> str:
    """The language whose stop words are most frequent in the text (on a tie, the default, then by code)."""
    counts = Counter(prose.lower().split())
    best, best_count = default(), -1
    for code in codes():
        count = sum(counts[w] for w in set(load(code)["stopwords"]))
        if count > best_count:
            best, best_count = code, count
    return best


# The usages given-names.tsv records, in the order of its columns: a language file's given_name_usage names one.
_GIVEN_NAME_COLUMNS = ("fr", "en")


@functools.lru_cache(maxsize=None)
def _given_names() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for name, fr, en, _ in _given_name_rows():
        key = fold(name)
        if key in table and table[key] != (fr, en):   # Élise and Elise: keep only what they agree on
            old = table[key]
            fr, en = _agree(old[0], fr), _agree(old[1], en)
        table[key] = (fr, en)
    return table


@functools.lru_cache(maxsize=None)
def _given_name_frequencies() -> dict[str, int]:
    table: dict[str, int] = {}
    for name, _, _, frequency in _given_name_rows():
        key = fold(name)
        table[key] = max(table.get(key, 0), int(frequency))
    return table


def _given_name_rows() -> list[list[str]]:
    text = (FOLDER / "given-names.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _agree(a: str, b: str) -> str:
    """Two spellings' genders in one language: "-" (not used there: "Jämes") says nothing against the other."""
    if a == b or b == "-":
        return a
    return b if a == "-" else "?"


def given_name_gender(first_name: str, code: str) -> str | None:
    """"m" or "f" when the first name is of one gender in the language's use (else the other's); None otherwise."""
    entry = _given_names().get(fold(first_name.split("-")[0]))
    if entry is None:
        return None
    usage = load(code)["given_name_usage"]
    if usage not in _GIVEN_NAME_COLUMNS:   # "": the language follows neither usage; its names tell nothing
        return None
    column = _GIVEN_NAME_COLUMNS.index(usage)
    own, other = entry[column], entry[1 - column]
    gender = own if own != "-" else other
    return gender if gender in ("m", "f") else None


def given_name_frequency(first_name: str) -> int:
    """How common a given name is in the country where it is most common: 0 (not a given name the list
    knows) to 13, a logarithmic scale on which 10 is 2 % of people and each step about a factor of two."""
    return _given_name_frequencies().get(fold(first_name), 0)
