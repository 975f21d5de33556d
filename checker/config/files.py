"""Finding the configuration (factlint.toml, or [tool.factlint] of a pyproject.toml, above the checked files)
and reading it, each key with its line."""
from __future__ import annotations

import re
from pathlib import Path

from ..safeio import read_regular
from .model import Config, ConfigError, defaults
from .validation import _build, _shown


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


def effective(paths: list[Path], explicit: Path | None) -> Config:
    """The configuration that applies to a run over paths: --config, else the one found above them."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError([f"{explicit}: not a regular file (a device, a pipe or a folder): not read"
                               if explicit.exists() else f"{explicit}: no such configuration file"])
        return load(explicit)
    start = (paths[0] if paths else Path.cwd()).absolute()
    while not start.exists():   # a name given with --stdin-filename need not exist yet
        start = start.parent
    found = find(start)
    return load(found) if found else defaults()
