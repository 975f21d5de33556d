"""The configuration's values, each with where it came from, and the defaults of every key."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..finding import DEFAULT

FAIL_LEVELS = ("error", "warning", "info", "never")
FORMATS = ("text", "json", "markdown", "sarif", "github", "gitlab")
SEVERITIES = ("error", "warning", "info")
SHIPPED = "@shipped"
CHECK_KEYS = ("enabled", "severity")
LEVEL_KEY = "severity-"   # severity-majority: the severity of one level of a check


@dataclass(frozen=True)
class Value:
    value: object
    source: str          # "default", "factlint.toml:4", "command line"


@dataclass
class Config:
    file: Path | None = None
    base_dir: Path | None = None     # the folder its paths are relative to (the file's); None: the working directory
    values: dict[str, Value] = field(default_factory=dict)               # top-level key → value
    checks: dict[str, dict[str, Value]] = field(default_factory=dict)   # check id → key → value

    def get(self, key: str):
        return self.values[key].value

    def check_value(self, check_id: str, key: str):
        return self.checks[check_id][key].value


class _Bad(ValueError):
    """A value of the wrong type or out of its choices; the message says what was expected."""


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# -- the keys --------------------------------------------------------------------------------
def _top_defaults() -> dict[str, object]:
    return {"rules": [], "fail-on": "error", "format": "text", "output": None, "select": None, "ignore": [],
            "baseline": None, "link-base": None, "include": None, "exclude": [], "respect-gitignore": True,
            "against": None}


def _check_defaults(module) -> dict[str, object]:
    values = {"enabled": True, "severity": module.SEVERITY.label}
    values.update({LEVEL_KEY + level: severity.label for level, severity in getattr(module, "LEVELS", {}).items()
                   if level != DEFAULT})
    values.update({name: default for name, (_kind, default, _help) in getattr(module, "OPTIONS", {}).items()})
    return values


def defaults() -> Config:
    # deferred: every command reads the configuration first; the checks and rules load only when needed
    from ..checks import REGISTRY
    config = Config()
    config.values = {k: Value(v, "default") for k, v in _top_defaults().items()}
    config.checks = {cid: {k: Value(v, "default") for k, v in _check_defaults(m).items()} for cid, m in REGISTRY.items()}
    return config
