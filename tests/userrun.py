"""Running the installed factlint as an ordinary user, for permission tests that must be real.

Root reads every file whatever its mode, so a test of "an unreadable file" run as root proves
nothing. When the suite runs as root, these helpers run `python -m checker` as the user `nobody`
(subprocess's user=, no monkeypatch); when it runs as an ordinary user, as that user. The interpreter
must be one that user can execute: this one, or else the system's python of the same version with
the installed packages on its path. A test that cannot arrange it is skipped with the reason.
"""
from __future__ import annotations

import functools
import importlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

USER = "nobody"
_PACKAGES = ("checker", "regex", "yaml", "rapidfuzz", "click", "tabulate")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@functools.lru_cache(maxsize=None)
def _runner() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], int | None] | str:
    """(interpreter command, extra environment, uid to run as) or why it is impossible."""
    if not hasattr(os, "geteuid"):
        return "no POSIX users on this system"
    if not is_root():
        return (sys.executable,), (), None
    try:
        uid = pwd.getpwnam(USER).pw_uid
    except KeyError:
        return f"running as root and there is no user {USER!r} to drop to"
    paths = sorted({str(Path(importlib.import_module(name).__file__).resolve().parent.parent) for name in _PACKAGES})
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python, env in ((sys.executable, ()), (shutil.which(version, path="/usr/local/bin:/usr/bin:/bin"),
                                                (("PYTHONPATH", os.pathsep.join(paths)),))):
        if not python:
            continue
        try:
            done = subprocess.run([python, "-c", "import checker, regex, yaml, rapidfuzz"], user=uid, group=_gid(uid),
                                  extra_groups=[], env={**os.environ, **dict(env)}, capture_output=True, cwd="/")
        except OSError:   # the interpreter sits in a folder that user cannot enter
            continue
        if done.returncode == 0:
            return (python,), env, uid
    return (f"running as root, and user {USER!r} can run neither {sys.executable} nor a system {version} "
            "that imports factlint's packages")


def _gid(uid: int) -> int:
    return pwd.getpwuid(uid).pw_gid


def require() -> None:
    """Skip the calling test when factlint cannot be run as an ordinary user here."""
    runner = _runner()
    if isinstance(runner, str):
        pytest.skip(runner)


def uid() -> int:
    runner = _runner()
    require()
    return runner[2] if runner[2] is not None else os.geteuid()


def factlint(*args, cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m checker ARGS` as an ordinary user (skips the test when that cannot be arranged)."""
    require()
    python, extra, user = _runner()
    full_env = {**os.environ, "PYTHONSAFEPATH": "1", **dict(extra), **(env or {})}
    if user is not None:
        full_env["HOME"] = str(cwd)
    kwargs = {"user": user, "group": _gid(user), "extra_groups": []} if user is not None else {}
    return subprocess.run([*python, "-m", "checker", *map(str, args)], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout, **kwargs)


@pytest.fixture
def open_tmp():
    """A folder the unprivileged user can enter and write in (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="factlint-user-"))
    os.chmod(folder, 0o755)
    if is_root() and not isinstance(_runner(), str) and _runner()[2] is not None:
        os.chown(folder, _runner()[2], _gid(_runner()[2]))
    yield folder
    for path in [folder, *folder.rglob("*")]:   # modes the tests took away must not stop the clean-up
        try:
            if path.is_dir() and not path.is_symlink():
                os.chmod(path, 0o755)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
