"""--changed [REF]: the articles changed since a git ref, so a pull request checks only its own articles.

Changed means: different in the working tree (staged or not) from the merge base of REF and HEAD,
or new and not ignored. Deleted files are not articles any more. The rest of the repository is
still read as the archive that cross-article checks compare with.
"""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise GitError("--changed needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} did not answer within 60 s") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def changed_files(ref: str, cwd: Path) -> set[Path]:
    """Resolved paths of the files changed since ref (see the module docstring)."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(f"unknown git ref {ref!r} (for a pull request, fetch the base branch first)") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd).strip() or ref
    except GitError:
        base = ref   # unrelated histories: compare with the ref itself
    names = _git(["diff", "--name-only", "--diff-filter=d", "-z", base, "--"], cwd).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd).split("\0")
    return {(top / name).resolve() for name in names if name}
