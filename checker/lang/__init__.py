"""Language knowledge as data: one YAML file per language (a new language is a new file)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

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
    text = resources.files(__package__).joinpath(f"{code}.yaml").read_text(encoding="utf-8")
    return Language(code, yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


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
