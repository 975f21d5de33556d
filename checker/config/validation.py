"""Checking a configuration's keys and values (from a file or a mapping), with "did you mean" for a typo,
and where each value came from."""
from __future__ import annotations

from pathlib import Path

from ..articles import display_path
from .model import (
    FAIL_LEVELS,
    FORMATS,
    LEVEL_KEY,
    SEVERITIES,
    SHIPPED,
    Config,
    ConfigError,
    Value,
    _Bad,
    _check_defaults,
    _top_defaults,
    defaults,
)


def from_mapping(doc, base_dir: Path) -> Config:
    """A configuration given as a mapping with the keys of the file (the Python API); paths in it are
    relative to base_dir. ConfigError lists every problem (key: message)."""
    if not isinstance(doc, dict):
        raise ConfigError([f"configuration: expected a mapping of settings, got {type(doc).__name__}"])
    return _build(doc, base_dir, lambda keys: "configuration", ())


# complex by design (C901): walks the top keys, then the check tables, gathering every problem so that all are said at once
def _build(doc: dict, base_dir: Path, where, prefix: tuple[str, ...], file: Path | None = None) -> Config:  # noqa: C901
    # deferred: every command reads the configuration first; the checks and rules load only when needed
    from ..checks import REGISTRY
    from ..facts.schema import did_you_mean
    problems: list[str] = []

    def problem(keys: tuple[str, ...], message: str) -> None:
        problems.append(f"{where(keys)}: {'.'.join(prefix + keys)}: {message}")

    config = defaults()
    config.file, config.base_dir = file, base_dir
    top = set(_top_defaults()) | {"checks"}
    for key, value in doc.items():
        if key not in top:
            problem((key,), f"unknown key {key!r}{did_you_mean(key, top)}")
        elif key != "checks":
            try:
                checked = _validate_top(key, value, REGISTRY, did_you_mean)
            except _Bad as exc:
                problem((key,), str(exc))
            else:
                config.values[key] = Value(_anchor(key, checked, base_dir), where((key,)))
    checks = doc.get("checks", {})
    if not isinstance(checks, dict):
        problem(("checks",), "expected a table of check ids, e.g. [checks.year-typo]")
        checks = {}
    for check_id, table in checks.items():
        if check_id not in REGISTRY:
            problem(("checks", check_id), f"unknown check {check_id!r}{did_you_mean(check_id, REGISTRY)}")
        elif not isinstance(table, dict):
            problem(("checks", check_id), "expected a table of settings (enabled, severity, options)")
        else:
            for key, value in table.items():
                wrong = set_check(config, check_id, key, value, where(("checks", check_id, key)))
                if wrong:
                    problem(*wrong)
    if problems:
        raise ConfigError(problems)
    return config


def set_check(config: Config, check_id: str, key: str | None, value, source: str):
    """Set one setting of a check (enabled, severity or one of its options), validated as the file's are.

    Returns None, or (keys, message) saying what is wrong: an unknown check or setting (with "did you
    mean"), or a value of the wrong type."""
    # deferred: every command reads the configuration first; the checks and rules load only when needed
    from ..checks import REGISTRY
    from ..facts.schema import did_you_mean
    if check_id not in REGISTRY:
        return ("checks", check_id), f"unknown check {check_id!r}{did_you_mean(check_id, REGISTRY)}"
    module = REGISTRY[check_id]
    allowed = _check_defaults(module)
    if key not in allowed:
        return ("checks", check_id, key), f"unknown setting {key!r} of {check_id}{did_you_mean(str(key), allowed)}"
    try:
        checked = _validate_check(module, key, value, did_you_mean)
    except _Bad as exc:
        return ("checks", check_id, key), str(exc)
    config.checks[check_id][key] = Value(checked, source)
    return None


def parse_setting(check_id: str, key: str, raw: str):
    """A value written on the command line (`--option CHECK.KEY=VALUE`) read as TOML would read it
    (90, 0.5, true, "text"); a bare word stays a text, and so does anything for a text option."""
    # deferred: every command reads the configuration first; the checks and rules load only when needed
    from ..checks import REGISTRY
    module = REGISTRY.get(check_id)
    if module is not None and getattr(module, "OPTIONS", {}).get(key, (None,))[0] is str:
        return raw
    import tomllib
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return raw


def _shown(path: Path) -> str:
    return display_path(path)


def _anchor(key: str, value, base_dir: Path):
    """Paths in a configuration file are relative to that file."""
    if key == "rules":
        return [v if v == SHIPPED else str(_join(base_dir, v)) for v in value]
    if key in ("output", "baseline", "against") and value is not None:
        return str(_join(base_dir, value))
    return value


def _join(base_dir: Path, value: str) -> Path:
    return Path(display_path(base_dir / value))


def _is_texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# complex by design (C901): one short branch per top-level key of the configuration
def _validate_top(key, value, registry, did_you_mean):  # noqa: C901
    """The value, checked; _Bad says what is wrong with it."""
    if key in ("fail-on", "format"):
        choices = FAIL_LEVELS if key == "fail-on" else FORMATS
        if value not in choices:
            raise _Bad(f"expected one of {', '.join(choices)}, got {value!r}{_hint(value, choices, did_you_mean)}")
        return value
    if key in ("output", "baseline", "link-base", "against"):
        if not (isinstance(value, str) and value.strip()):
            raise _Bad(f"expected a text, got {value!r}")
        return value
    if key == "respect-gitignore":
        if not isinstance(value, bool):
            raise _Bad(f"expected true or false, got {value!r}")
        return value
    if key in ("rules", "select", "ignore", "include", "exclude"):
        if isinstance(value, str):
            value = [value]
        if not _is_texts(value):
            raise _Bad(f"expected a list of texts, got {value!r}")
        if key in ("select", "ignore"):
            for check_id in value:
                if check_id not in registry:
                    raise _Bad(f"unknown check {check_id!r}{did_you_mean(check_id, registry)}")
        return value
    return value


def _hint(value, choices, did_you_mean) -> str:
    hint = did_you_mean(str(value), choices)
    return hint if "did you mean" in hint else ""


def _validate_check(module, key, value, did_you_mean):
    if key == "enabled":
        if not isinstance(value, bool):
            raise _Bad(f"expected true or false, got {value!r}")
        return value
    if key == "severity" or key.startswith(LEVEL_KEY):
        if value not in SEVERITIES:
            raise _Bad(f"expected one of {', '.join(SEVERITIES)}, got {value!r}{_hint(value, SEVERITIES, did_you_mean)}")
        return value
    kind = module.OPTIONS[key][0]
    ok = {bool: lambda v: isinstance(v, bool),
          int: lambda v: isinstance(v, int) and not isinstance(v, bool),
          float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
          str: lambda v: isinstance(v, str)}.get(kind, lambda v: True)
    if not ok(value):
        raise _Bad(f"expected {getattr(kind, '__name__', kind)}, got {value!r}")
    if kind in (int, float) and not 0 <= value <= MAX_OPTION:   # days, counts, scores and ratios; nan fails too
        raise _Bad(f"expected a number from 0 to {MAX_OPTION:,}, got {value!r}")
    return kind(value)


MAX_OPTION = 1_000_000   # a number of days or of statements; more overflows dates, and means nothing


def override(config: Config, key: str, value, flag: str) -> None:
    """A command-line value wins over the file (None: not given on the command line)."""
    if value is not None:
        config.values[key] = Value(value, f"command line ({flag})")
