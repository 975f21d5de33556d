"""From a configuration to a run: its rule paths, which files are articles, which checks run, their
severities (by level) and options."""
from __future__ import annotations

from pathlib import Path

from ..finding import Severity
from ..selection import Selection
from .model import CHECK_KEYS, LEVEL_KEY, SHIPPED, Config
from .validation import _shown


def rule_paths(config: Config, cwd: Path) -> list[Path]:
    """The rule files and folders of a run: the configuration's, else ./rules beside the configuration
    file (or in cwd without one) when it exists, else the shipped packs."""
    # deferred: every command reads the configuration first; the checks and rules load only when needed
    from .. import facts
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
    """The severities configured: "ID" for a check's default level, "ID.LEVEL" for one of its other levels
    (postprocess.configured_severity applies them; a check keeps its own levels otherwise)."""
    out = {}
    for cid, values in config.checks.items():
        for key, value in values.items():
            if value.source == "default" or not (key == "severity" or key.startswith(LEVEL_KEY)):
                continue
            out[cid if key == "severity" else f"{cid}.{key.removeprefix(LEVEL_KEY)}"] = Severity.parse(value.value)
    return out


def options(config: Config) -> dict[str, dict]:
    return {cid: {k: v.value for k, v in values.items()
                  if k not in CHECK_KEYS and not k.startswith(LEVEL_KEY) and v.source != "default"}
            for cid, values in config.checks.items()}
