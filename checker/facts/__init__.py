"""Load rule files (with includes), validate them across files, compile them into a FactBase, cache it."""
from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from ..articles import display_path
from ..cachedir import cache_dir, trusted
from ..safeio import NotReadable, read_regular
from . import store
from .factbase import FactBase
from .model import Rules
from .schema import RuleError, _Reader

CACHE_VERSION = "3"


def _code_digest() -> bytes:
    """The compiled form depends on this code and the language files: a change to them must not reuse an old cache."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")) + [Path(__file__).parent.parent / "fold.py"]:
        digest.update(source.read_bytes())
    for source in sorted((Path(__file__).parent.parent / "lang").glob("*.yaml")):   # which languages, their stop words
        digest.update(source.name.encode() + source.read_bytes())
    return digest.digest()
RULE_SUFFIXES = (".yaml", ".yml")
# `include:` as a key of the top-level mapping, or a document in flow style: only these are parsed
# to find the files they include (a word "include" in a comment or a source is not a key).
_INCLUDE_KEY = re.compile(rb"""(?m)^(?:include|"include"|'include')[ \t]*:|^[ \t]*\{""")
MAX_RULE_BYTES = 48 * 1024 ** 2   # a registry of 100,000 people is about 20 MB


# Where the packs are installed: the folder importlib.resources.files("checker") gives for a package on disk
# (tests/test_rule_packs.py compares them), without importing importlib.resources and zipfile in every run.
INSTALLED = Path(__file__).parent.parent / "shipped_rules"


def shipped_rules_dir() -> Path:
    """The packs installed with factlint (the repository's rules/, shipped as package data)."""
    if INSTALLED.is_dir():
        return INSTALLED
    return Path(__file__).resolve().parents[2] / "rules"   # a source checkout, not installed


SHIPPED_PREFIX = "factlint:rules/"


def shown_rule_file(path: Path) -> str:
    """A rule file as evidence and errors show it: a pack installed with factlint by its name in the
    pack ("factlint:rules/people.yaml"), never a path into site-packages; any other file relative to the
    working directory."""
    try:
        return SHIPPED_PREFIX + path.resolve().relative_to(INSTALLED.resolve()).as_posix()
    except ValueError:   # not an installed pack (or a source checkout, where rules/ is the repository's)
        return display_path(path)


def rule_file_shown(shown: str) -> Path:
    """The file a rule file as shown names (the inverse of shown_rule_file)."""
    if shown.startswith(SHIPPED_PREFIX):
        return INSTALLED / shown[len(SHIPPED_PREFIX):]
    return Path(shown)


def default_rule_paths(explicit: list[Path], cwd: Path) -> list[Path]:
    """--rules first; else ./rules when it exists; else the packs installed with factlint."""
    if explicit:
        return explicit
    local = cwd / "rules"
    return [local] if local.is_dir() else [shipped_rules_dir()]


def rule_files(paths: list[Path]) -> tuple[list[Path], list[RuleError]]:
    files, errors = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        elif path.exists():   # a device or a pipe: never opened (reading /dev/zero or a pipe would not end)
            errors.append(RuleError(display_path(path), None, "", "not a regular file or directory (a device or a "
                                                                  "pipe): not read"))
        else:
            errors.append(RuleError(display_path(path), None, "", "no such rule file or directory"))
    return files, errors


def rule_roots(paths: list[Path]) -> tuple[Path, ...]:
    """The folders of the rule paths given (a directory, or the folder of a file): includes may reach
    anywhere inside them."""
    roots = []
    for path in paths:
        try:
            real = path.resolve()
        except OSError:
            continue
        roots.append(real if real.is_dir() else real.parent)
    return tuple(roots)


def _read_all(files: list[Path], roots: tuple[Path, ...] = ()) -> tuple[list[tuple[Path, bytes]], list[RuleError]]:
    """Every file's bytes, includes resolved (each file once; a cycle is an error). An include must be a
    regular file inside the including file's folder (or one below it) or inside a rule root; any other
    is refused unread, so nothing of it can appear in a message."""
    seen: dict[Path, bytes] = {}
    errors: list[RuleError] = []

    def visit(path: Path, chain: tuple[Path, ...], written: str) -> None:
        shown = display_path(path)
        real = path.resolve()
        if real in chain:
            cycle = " -> ".join(display_path(p) for p in chain[chain.index(real):] + (real,))
            errors.append(RuleError(shown, None, "include", f"include cycle: {cycle}"))
            return
        if real in seen:
            return
        if chain and not any(real.is_relative_to(folder) for folder in (chain[-1].parent, *roots)):
            errors.append(RuleError(display_path(chain[-1]), None, "include",
                                    f"{written}: outside the folder of this file and the rule folders (not read)"))
            return
        data = _read_rule_file(real, shown, errors)
        if data is None:
            return
        seen[real] = data
        for included in _includes(data):
            visit(real.parent / included, chain + (real,), included)

    for file in files:
        visit(file, (), str(file))
    return list(seen.items()), errors


def _read_rule_file(real: Path, shown: str, errors: list[RuleError]) -> bytes | None:
    """The bytes of a regular file of at most MAX_RULE_BYTES; anything else (a pipe, a device, a folder) is
    refused without waiting for it or reading it."""
    try:
        return read_regular(real, MAX_RULE_BYTES)
    except NotReadable as exc:
        if exc.size is not None:
            exc = f"{exc.size / 1024 ** 2:.0f} MB: rule files over {MAX_RULE_BYTES // 1024 ** 2} MB are refused; " \
                  "split the pack with `include:`"
        errors.append(RuleError(shown, None, "", str(exc)))
        return None


def _includes(data: bytes) -> list[str]:
    if not _INCLUDE_KEY.search(data):
        return []
    # deferred: a rules cache hit parses no YAML
    from .yamlnodes import YamlProblem, load_with_lines
    try:
        value, _ = load_with_lines(data.decode("utf-8", errors="replace"))
    except YamlProblem:   # the file's own check reports it
        return []
    included = value.get("include") if isinstance(value, dict) else None
    if isinstance(included, str):   # one file
        included = [included]
    if isinstance(included, list):
        return [v for v in included if isinstance(v, str)]
    return []


def parse_rules(contents: list[tuple[Path, bytes]]) -> tuple[Rules, list[RuleError]]:
    """The rules of every file that has no error; the errors of the others (one bad file never stops the rest)."""
    # deferred: a rules cache hit parses no YAML
    from .yamlnodes import YamlProblem, load_with_lines
    errors: list[RuleError] = []
    good: list[tuple[str, object, dict]] = []
    for path, data in contents:
        shown = shown_rule_file(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(RuleError(shown, data.count(b"\n", 0, exc.start) + 1, "", "not valid UTF-8"))
            continue
        try:
            value, lines = load_with_lines(text)
        except YamlProblem as exc:
            errors.append(RuleError(shown, exc.line, "", exc.message))
            continue
        reader = _Reader(shown, lines, Rules())
        reader.document(value)
        if reader.errors:
            errors.extend(reader.errors)
        else:
            good.append((shown, value, lines))
    rules = Rules(files=tuple(shown for shown, _, _ in good))
    for shown, value, lines in good:
        reader = _Reader(shown, lines, rules)
        reader.document(value)
        errors.extend(reader.errors)   # ids defined twice across files
    errors.extend(_cross_checks(rules))
    return rules, errors


# complex by design (C901): every check across rule files in one place, so that a reader sees them all
def _cross_checks(rules: Rules) -> list[RuleError]:  # noqa: C901
    errors = []

    def err(where: str, key: str, message: str) -> None:
        file, _, line = where.rpartition(":")
        errors.append(RuleError(file, int(line) if line.isdigit() else None, key, message))

    for person in rules.people.values():
        for term in person.terms:
            if term.office not in rules.offices:
                err(term.where, f"people.{person.id}.held.office",
                    f"unknown office {term.office!r}" + _suggest(term.office, rules.offices))
    for event in rules.events.values():
        if event.organisation and event.organisation not in rules.organisations:
            err(event.where, f"events.{event.id}.organisation",
                f"unknown organisation {event.organisation!r}" + _suggest(event.organisation, rules.organisations))
    holders: dict[str, list] = {}
    for person in rules.people.values():
        for term in person.terms:
            holders.setdefault(term.office, []).append((term, person))
    for office_id, terms in holders.items():
        office = rules.offices.get(office_id)
        if not office or not office.single_holder:
            continue
        terms.sort(key=lambda tp: tp[0].start)
        for (a, pa), (b, pb) in zip(terms, terms[1:]):
            if b.start < a.last_day and pa.id != pb.id:
                err(b.where, f"people.{pb.id}.held.from",
                    f"{pb.name} starts as {office_id} on {b.start} while {pa.name} holds it "
                    f"({a.describe()}, {a.where}); the office has one holder at a time")
    return errors


def _suggest(word: str, choices) -> str:
    # deferred: a rules cache hit parses no YAML
    from .schema import did_you_mean
    return did_you_mean(word, choices)


def load_factbase(paths: list[Path], use_cache: bool = True) -> tuple[FactBase | None, list[RuleError]]:
    """The compiled facts of the rule files under paths, and the errors found in them.

    A file with errors is left out and the others are used; the base is None only when no
    rule file could be read at all."""
    files, errors = rule_files(paths)
    contents, read_errors = _read_all(files, rule_roots(paths))
    errors += read_errors
    digest = hashlib.sha256(_code_digest())
    for path, data in contents:
        digest.update(shown_rule_file(path).encode() + b"\0" + hashlib.sha256(data).digest())
    cache_file = cache_dir() / f"rules-{digest.hexdigest()[:32]}.sqlite"
    if use_cache and not errors and trusted(cache_file):   # another user's file could change the facts
        try:
            return store.read(cache_file, lambda: load_factbase(paths, use_cache=False)[0]), []
        except (OSError, sqlite3.Error, ValueError):   # none yet, unreadable, damaged, foreign: rebuilt
            pass
    rules, parse_errors = parse_rules(contents)
    errors += parse_errors
    if not rules.files and errors:
        return None, errors
    base = FactBase(rules)
    if use_cache and not errors:
        try:
            store.write(cache_file, base)
        except (OSError, sqlite3.Error):
            pass  # no cache is only slower
    return base, errors
