"""Which files under the given folders are articles: `include` globs (default *.md, *.markdown,
*.txt), minus the repository's own documents and tool folders (DEFAULT_EXCLUDE), minus `exclude`
globs of the configuration and of --exclude, minus what git ignores (.gitignore, .git/info/exclude,
the user's excludes file) when the folder is in a git work tree and git is installed.

Globs are gitignore-style, as ruff's `extend-exclude`: `drafts/` (a folder, at any depth),
`*.tmp.md` (a name, at any depth), `/archive/2019` or `desk/**/notes.md` (containing a slash:
relative to the configuration file's folder, or to the working directory for --exclude), `**`
for any number of folders, `*`, `?` and `[abc]` within one name. Negation (`!`) is not supported.

Files named on the command line are always checked (the user asked for them), unless
--force-exclude, which applies the globs to them too (for pre-commit, which names every staged
file). Folders named on the command line are walked even when git ignores them. Without git, or
outside a work tree, .gitignore files are not read: `exclude` still applies.
"""
from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
# A repository's own documents (as markdownlint-cli2 and Vale users exclude them) and the folders of
# build tools and package managers: never articles.
DEFAULT_EXCLUDE = ("README*", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "CHANGELOG*", "CHANGES*",
                   "HISTORY*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "CODEOWNERS*",
                   "node_modules/", "build/", "dist/", "site-packages/", "venv/", "__pycache__/")


class Glob:
    """One gitignore-style pattern, relative to `base` when it contains a slash."""

    def __init__(self, pattern: str, base: Path | None = None, ignore_case: bool = False) -> None:
        self.pattern = pattern
        text = pattern.strip()
        self.dir_only = text.endswith("/")
        text = text.rstrip("/")
        self.anchored = "/" in text
        text = text.lstrip("/")
        self.base = base.absolute() if base is not None else None
        self.body = f"(?i:{_translate(text)})" if ignore_case else _translate(text)

    @functools.cached_property
    def _full(self) -> re.Pattern:
        """The glob as one pattern, compiled when first matched alone: a glob without a slash is matched through
        _Globs' pattern of all such names, and compiling the twenty-odd default globs one by one cost every run
        about 5 million instructions."""
        return re.compile(rf"{self.body}\Z" if self.anchored else rf"(?:.*/)?{self.body}\Z", re.S)

    def matches(self, path: Path, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        relative = _relative(path, self.base)
        if relative is None:   # outside the base: only a pattern without a slash can speak of it
            return not self.anchored and bool(self._full.match(path.name))
        return bool(self._full.match(relative))


class _Globs:
    """Several globs matched at once: the ones without a slash by one pattern over the name, which is
    all they can speak of; the others one by one on the path relative to their base."""

    def __init__(self, globs: list[Glob]) -> None:
        self.globs = tuple(globs)
        names = [g for g in globs if not g.anchored]
        self._anchored = [g for g in globs if g.anchored]
        self._names = _union(g.body for g in names)
        self._file_names = _union(g.body for g in names if not g.dir_only)

    def matches(self, path: Path, is_dir: bool) -> bool:
        names = self._names if is_dir else self._file_names
        if names is not None and names.match(path.name):
            return True
        return any(g.matches(path, is_dir) for g in self._anchored)


def _union(bodies) -> re.Pattern | None:
    bodies = list(bodies)
    return re.compile("(?:" + "|".join(bodies) + r")\Z", re.S) if bodies else None


def _relative(path: Path, base: Path | None) -> str | None:
    if base is None:
        return path.name
    try:
        return path.absolute().relative_to(base).as_posix()
    except ValueError:
        return None


def _translate(glob: str) -> str:
    out, i = [], 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            out.append(_bracket(glob[i + 1:end]))
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _bracket(inner: str) -> str:
    """A glob's bracket expression ("[a-z]", "[!._]") as a class of a regular expression: its characters escaped, so
    that whatever a user writes compiles ("[z-a]", "[[]", "[a&&b]"), a range written backwards matching nothing (as
    git reads it), and a negated class never matching a slash (a glob's character stays within one name)."""
    negated = inner[:1] in ("!", "^")
    inner = inner[negated:]
    parts, k = [], 0
    while k < len(inner):
        if k + 2 < len(inner) and inner[k + 1] == "-":
            low, high = inner[k], inner[k + 2]
            if low <= high:
                parts.append(f"{re.escape(low)}-{re.escape(high)}")
            k += 3
        else:
            parts.append(re.escape(inner[k]))
            k += 1
    if negated:
        return "[^/" + "".join(parts) + "]"
    return "[" + "".join(parts) + "]" if parts else "(?!)"


@dataclass
class Selection:
    """The article files of a run (see the module docstring)."""
    include: _Globs
    exclude: _Globs
    gitignore: bool = True
    force_exclude: bool = False
    _ignored: dict[Path, frozenset[str] | None] = field(default_factory=dict, repr=False)

    @classmethod
    def make(cls, include=None, exclude=(), base: Path | None = None, extra_exclude=(), gitignore: bool = True,
             force_exclude: bool = False) -> "Selection":
        """include/exclude globs of the configuration (relative to base), extra_exclude of the command
        line (relative to the working directory)."""
        includes = [Glob(p, base, ignore_case=include is None) for p in (include or DEFAULT_INCLUDE)]
        excludes = ([Glob(p, None, ignore_case=True) for p in DEFAULT_EXCLUDE]
                    + [Glob(p, base) for p in exclude] + [Glob(p, Path.cwd()) for p in extra_exclude])
        return cls(_Globs(includes), _Globs(excludes), gitignore, force_exclude)

    def named(self, path: Path) -> bool:
        """A file named on the command line: checked, unless --force-exclude and a glob excludes it
        (or one of its folders)."""
        if not self.force_exclude:
            return True
        if self.exclude.matches(path, False):
            return False
        return not any(self.exclude.matches(parent, True) for parent in path.absolute().parents)

    def walk_dir(self, root: Path, folder: Path) -> bool:
        """Whether to walk into folder (found under root)."""
        if folder.name.startswith("."):
            return False
        return not (self.exclude.matches(folder, True) or self._git_ignores(root, folder, True))

    def article(self, root: Path, path: Path) -> bool:
        """Whether a file found under root is an article to check."""
        return (self.include.matches(path, False) and not self.exclude.matches(path, False)
                and not self._git_ignores(root, path, False))

    def _git_ignores(self, root: Path, path: Path, is_dir: bool) -> bool:
        if not self.gitignore:
            return False
        if root not in self._ignored:
            self._ignored[root] = git_ignored(root)
        ignored = self._ignored[root]
        if not ignored:
            return False
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        return relative in ignored or (is_dir and f"{relative}/" in ignored)


def git_ignored(root: Path) -> frozenset[str] | None:
    """Paths under root (relative to it; folders end with /) that git ignores and does not track, or
    None when root is not in a git work tree or git is not installed (nothing is then ignored)."""
    try:
        done = subprocess.run(["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
                              cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    entries = {os.fsdecode(e) for e in done.stdout.split(b"\0") if e}
    entries.discard("./")   # the folder named on the command line itself: walked all the same
    return frozenset(entries)
