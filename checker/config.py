"""Configuration: factlint.toml, or [tool.factlint] in pyproject.toml, found by walking up from the
checked files. Every value remembers where it came from (default, file:line, command line).

    rules = ["@shipped", "rules/"]      # "@shipped": the packs installed with factlint
    fail-on = "warning"
    [checks.stale-qualifier]
    severity = "error"
    max_days = 90

Per-check keys are `enabled`, `severity` and the check's own options (its OPTIONS), so a check
added to the registry is configurable without touching this module.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .finding import Severity
from .safeio import read_regular

FAIL_LEVELS = ("error", "warning", "info", "never")
FORMATS = ("text", "json", "markdown", "sarif", "github", "gitlab")
SEVERITIES = ("error", "warning", "info")
SHIPPED = "@shipped"
CHECK_KEYS = ("enabled", "severity")


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


TOP_HELP = {
    "rules": "rule files or directories, relative to this file; \"@shipped\" = the packs installed with factlint",
    "fail-on": "exit 1 when a finding reaches this severity: error, warning, info or never",
    "format": "report format: text, json, markdown, sarif, github or gitlab",
    "output": "write the report to this file instead of standard output",
    "select": "run only these checks",
    "ignore": "do not run these checks",
    "baseline": "report only findings that are not in this baseline file",
    "link-base": "URL prefix for links to article lines in the Markdown report",
    "include": "globs of the files that are articles in the folders walked (default *.md, *.markdown, *.txt)",
    "exclude": "gitignore-style globs of files and folders that are not articles, relative to this file",
    "respect-gitignore": "leave out what git ignores, in a git work tree",
    "against": "an archive index built by factlint index, also compared with the articles (--against)",
}


def _check_defaults(module) -> dict[str, object]:
    values = {"enabled": True, "severity": module.SEVERITY.label}
    values.update({name: default for name, (_kind, default, _help) in getattr(module, "OPTIONS", {}).items()})
    return values


def defaults() -> Config:
    from .checks import REGISTRY
    config = Config()
    config.values = {k: Value(v, "default") for k, v in _top_defaults().items()}
    config.checks = {cid: {k: Value(v, "default") for k, v in _check_defaults(m).items()} for cid, m in REGISTRY.items()}
    return config


# -- finding and reading the file ------------------------------------------------------------
def find(start: Path) -> Path | None:
    """factlint.toml, or a pyproject.toml with [tool.factlint], in start's directory or above."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        candidate = folder / "factlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    import tomllib
    try:
        return "factlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        try:
            return "[tool.factlint" in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line of each table header and key: enough to say where a value came from (no TOML parser gives it)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[+\s*([^\]]+?)\s*\]+", line)
        if header:
            table = tuple(part.strip().strip('"\'') for part in header.group(1).split("."))
            lines.setdefault(table, number)
            continue
        key = re.match(r"\s*([\"']?[\w.-]+[\"']?)\s*=", line)
        if key:
            lines.setdefault(table + tuple(p.strip('"\'') for p in key.group(1).split(".")), number)
    return lines


def load(path: Path) -> Config:
    """The configuration in path over the defaults; ConfigError lists every problem (file:line: key: message)."""
    try:
        text = read_regular(path, 16 * 1024 ** 2).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
        raise ConfigError([f"{path}: cannot read the configuration: {reason}"]) from None
    import tomllib
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError([f"{path}:{line.group(1) if line else 1}: invalid TOML: {exc}"]) from None
    except RecursionError:   # tomllib reads nested arrays and tables by recursion
        raise ConfigError([f"{path}: invalid TOML: nested too deeply"]) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "factlint")
        doc = doc.get("tool", {}).get("factlint", {})
    lines = _key_lines(text)
    shown = _shown(path)

    def where(keys: tuple[str, ...]) -> str:
        keys = prefix + keys
        while keys and keys not in lines:
            keys = keys[:-1]
        return f"{shown}:{lines[keys]}" if keys in lines else shown

    return _build(doc, path.parent, where, prefix, file=path)


def from_mapping(doc, base_dir: Path) -> Config:
    """A configuration given as a mapping with the keys of the file (the Python API); paths in it are
    relative to base_dir. ConfigError lists every problem (key: message)."""
    if not isinstance(doc, dict):
        raise ConfigError([f"configuration: expected a mapping of settings, got {type(doc).__name__}"])
    return _build(doc, base_dir, lambda keys: "configuration", ())


def _build(doc: dict, base_dir: Path, where, prefix: tuple[str, ...], file: Path | None = None) -> Config:
    from .checks import REGISTRY
    from .facts.schema import did_you_mean
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
    from .checks import REGISTRY
    from .facts.schema import did_you_mean
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
    from .checks import REGISTRY
    module = REGISTRY.get(check_id)
    if module is not None and getattr(module, "OPTIONS", {}).get(key, (None,))[0] is str:
        return raw
    import tomllib
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return raw


def _shown(path: Path) -> str:
    from .articles import display_path
    return display_path(path)


def _anchor(key: str, value, base_dir: Path):
    """Paths in a configuration file are relative to that file."""
    if key == "rules":
        return [v if v == SHIPPED else str(_join(base_dir, v)) for v in value]
    if key in ("output", "baseline", "against") and value is not None:
        return str(_join(base_dir, value))
    return value


def _join(base_dir: Path, value: str) -> Path:
    from .articles import display_path
    return Path(display_path(base_dir / value))


def _is_texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _validate_top(key, value, registry, did_you_mean):
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
    if key == "severity":
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


def effective(paths: list[Path], explicit: Path | None) -> Config:
    """The configuration that applies to a run over paths: --config, else the one found above them."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError([f"{explicit}: no such configuration file"])
        return load(explicit)
    start = (paths[0] if paths else Path.cwd()).absolute()
    while not start.exists():   # a name given with --stdin-filename need not exist yet
        start = start.parent
    found = find(start)
    return load(found) if found else defaults()


def override(config: Config, key: str, value, flag: str) -> None:
    """A command-line value wins over the file (None: not given on the command line)."""
    if value is not None:
        config.values[key] = Value(value, f"command line ({flag})")


# -- from configuration to a run ---------------------------------------------------------------
def rule_paths(config: Config, cwd: Path) -> list[Path]:
    """The rule files and folders of a run: the configuration's, else ./rules beside the configuration
    file (or in cwd without one) when it exists, else the shipped packs."""
    from . import facts
    declared = config.get("rules")
    if not declared:
        return [Path(_shown(p)) for p in facts.default_rule_paths([], config.base_dir or cwd)]
    out: list[Path] = []
    seen: set[Path] = set()
    for item in declared:
        path = facts.shipped_rules_dir() if item == SHIPPED else Path(item)
        if path.resolve() not in seen:   # "@shipped" and ./rules are one directory in factlint's own repository
            seen.add(path.resolve())
            out.append(path)
    return out


def selection(config: Config, extra_exclude=(), gitignore: bool | None = None, force_exclude: bool = False):
    """Which files of the folders walked are articles (selection.Selection), from the configuration's
    include, exclude and respect-gitignore, and the command line's --exclude and --no-gitignore."""
    from .selection import Selection
    respect = config.get("respect-gitignore") if gitignore is None else gitignore
    return Selection.make(config.get("include"), config.get("exclude"), config.base_dir or Path.cwd(), extra_exclude,
                          respect, force_exclude)


def enabled_sets(config: Config) -> tuple[frozenset[str] | None, frozenset[str]]:
    """(select, ignore) for the runner: select/ignore keys plus each check's `enabled`."""
    select = config.get("select")
    ignore = set(config.get("ignore") or ())
    ignore |= {cid for cid, values in config.checks.items() if values["enabled"].value is False}
    return (frozenset(select) if select is not None else None), frozenset(ignore)


def severities(config: Config) -> dict[str, Severity]:
    """Severities that differ from a check's default (a check keeps its own nuances otherwise)."""
    return {cid: Severity.parse(values["severity"].value) for cid, values in config.checks.items()
            if values["severity"].source != "default"}


def options(config: Config) -> dict[str, dict]:
    return {cid: {k: v.value for k, v in values.items() if k not in CHECK_KEYS and v.source != "default"}
            for cid, values in config.checks.items()}


# -- printing ----------------------------------------------------------------------------------
def describe(config: Config) -> str:
    """The effective configuration as TOML, each value followed by where it came from."""
    where = _shown(config.file) if config.file else "none found (defaults)"
    out = [f"# factlint configuration: {where}", ""]

    def line(key: str, value: Value) -> str:
        shown = "" if value.value is None else json.dumps(value.value, ensure_ascii=False)
        left = f"{key} = {shown}" if shown else f"# {key} (not set)"
        return f"{left:44} # {value.source}"

    for key, value in config.values.items():
        out.append(line(key, value))
    for check_id, values in config.checks.items():
        out += ["", f"[checks.{check_id}]"]
        out += [line(key, value) for key, value in values.items()]
    return "\n".join(out) + "\n"
