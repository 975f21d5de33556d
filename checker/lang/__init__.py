"""Language knowledge as data: one YAML file per language (a new language is a new file)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import regex

from .. import cachedir

SUPPORTED = ("fr", "en")


@dataclass(frozen=True)
class Language:
    code: str
    data: dict

    def __getitem__(self, key: str):
        return self.data[key]

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@functools.lru_cache(maxsize=None)
def load(code: str) -> Language:
    if code not in SUPPORTED:
        raise ValueError(f"unsupported language {code!r} (supported: {', '.join(SUPPORTED)})")
    data = resources.files(__package__).joinpath(f"{code}.yaml").read_bytes()
    return Language(code, cachedir.parsed("lang", data, _parse_yaml, cachedir.is_mapping))


def _parse_yaml(data: bytes):
    import yaml
    return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def alternation(words, loose: bool = True) -> str:
    """A regex alternation of the words of a language file, longest first; loose: any run of spaces
    between words and either apostrophe (' or ’)."""
    out = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = regex.escape(word)
        if loose:
            escaped = escaped.replace(r"\ ", r"\s+").replace("'", "['’]")
        out.append(escaped)
    return "|".join(out)


def starts(*word_lists, digits: bool = False, also: str = "") -> str:
    """A lookahead for what a match must begin with: the first letter of one of the words (either case),
    a digit when `digits`, or a character of `also`. Put first in a pattern whose every match begins so,
    it changes no match; it lets the regex engine skip at once the places where no match can begin, where
    it would otherwise try a lookbehind and every alternative (several times faster on prose)."""
    firsts = {w[0] for words in word_lists for w in words if w}
    chars = {c for f in firsts for c in (f.lower(), f.upper())} | set(also)
    body = "".join(regex.escape(c) for c in sorted(chars)) + (r"\d" if digits else "")
    return f"(?=[{body}])" if body else ""   # no words: no lookahead, the pattern decides


def detect(prose: str) -> str:
    """The supported language whose stop words are most frequent in the text (French on a tie)."""
    words = prose.lower().split()
    best, best_count = SUPPORTED[0], -1
    for code in SUPPORTED:
        stop = set(load(code)["stopwords"])
        count = sum(1 for w in words if w in stop)
        if count > best_count:
            best, best_count = code, count
    return best


@functools.lru_cache(maxsize=None)
def _given_names() -> dict[str, tuple[str, str]]:
    from ..fold import fold
    text = resources.files(__package__).joinpath("given-names.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, fr, en = line.split("\t")
        key = fold(name)
        if key in table and table[key] != (fr, en):   # Élise and Elise: keep only what they agree on
            old = table[key]
            fr, en = _agree(old[0], fr), _agree(old[1], en)
        table[key] = (fr, en)
    return table


def _agree(a: str, b: str) -> str:
    """Two spellings' genders in one language: "-" (not used there: "Jämes") says nothing against the other."""
    if a == b or b == "-":
        return a
    return b if a == "-" else "?"


def given_name_gender(first_name: str, code: str) -> str | None:
    """"m" or "f" when the first name is of one gender in the language's use (else the other's); None otherwise."""
    from ..fold import fold
    entry = _given_names().get(fold(first_name.split("-")[0]))
    if entry is None:
        return None
    own, other = (entry[0], entry[1]) if code == "fr" else (entry[1], entry[0])
    gender = own if own != "-" else other
    return gender if gender in ("m", "f") else None
