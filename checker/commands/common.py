"""What the commands share: their option callbacks and option groups, the configuration as every command
loads it (its problems one line each on stderr and exit 2), and failing in one line."""
from __future__ import annotations

import datetime as dt
import os
import sys

import click

from .. import cachedir
from ..config import ConfigError, effective
from ..render import lines
from ..report import EXIT_BROKEN


def load_config(paths, config_path):
    try:
        return effective(list(paths), config_path)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(lines.line(f"factlint: error: {problem}"), err=True)
        sys.exit(EXIT_BROKEN)


def date_option(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def ids_option(ctx, param, value):
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..checks import REGISTRY
    from ..facts.schema import did_you_mean
    if not value:
        return None
    ids = {v.strip() for item in value for v in item.split(",") if v.strip()}
    for check_id in ids:
        if check_id not in REGISTRY:
            raise click.BadParameter(f"unknown check {check_id!r}{did_you_mean(check_id, REGISTRY)}")
    return frozenset(ids)


def no_cache_option(ctx, param, value):
    # eager: before the callbacks of --select and --ignore import the checks, whose patterns read the cache
    if value:
        cachedir.disable()
    return value


def settings_option(ctx, param, value):
    """CHECK.KEY=VALUE items as (check, key, value); the configuration validates them as it does its own."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..config import parse_setting
    options = []
    for item in value:
        key, sep, raw = item.partition("=")
        check_id, dot, name = key.partition(".")
        if not sep or not dot:
            raise click.BadParameter(f"{item!r}: expected CHECK.KEY=VALUE, e.g. stale-qualifier.max_days=90 "
                                     "or name-typo.severity=error")
        options.append((check_id, name, parse_setting(check_id, name, raw)))
    return options


def fail(message: str) -> None:
    click.echo(lines.line(f"factlint: error: {message}"), err=True)
    sys.exit(EXIT_BROKEN)


def engine_options(work: str):
    """--jobs, --engine and --scheduler, declared once for check and index; `work` is what the workers do."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help=f"Worker processes for {work} (default: the machine's cores)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="Run on this machine, or on a Dask cluster (pip install 'factlint[dask]')."),
        click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler (default: a LocalCluster)."),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


def selection_options(command):
    """--exclude, --no-gitignore and --force-exclude: which files of the paths are articles."""
    for option in reversed([
        click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
                     help="Files or folders that are not articles (gitignore-style glob, repeatable), added to "
                          "the configuration's exclude."),
        click.option("--no-gitignore", is_flag=True, help="Check files that git ignores too."),
        click.option("--force-exclude", is_flag=True, help="Apply the exclusions to files named on the command line too."),
    ]):
        command = option(command)
    return command


def engine_jobs(jobs: int | None, engine: str, scheduler: str | None) -> int:
    """The number of worker processes; one line and exit 2 when the dask engine cannot run."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..engines import EngineError, require_dask
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        try:
            require_dask()
        except EngineError as exc:
            fail(str(exc))
    return jobs or os.cpu_count() or 1




def disk_full(debug: bool) -> None:
    """One line and exit 2 when the error at hand is a full disk (or quota), else nothing. While articles are
    checked, the only files written are the run's temporary ones (a large run's records, findings and the
    workers' results, in the system's temporary folder): name that folder, since TMPDIR can move it."""
    import errno
    import tempfile
    exc = sys.exc_info()[1]
    full = (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or \
        (type(exc).__name__ == "OperationalError" and "disk is full" in str(exc))   # SQLite's SQLITE_FULL
    if full and not debug:
        click.echo(lines.line(f"factlint: error: {tempfile.gettempdir()}: no space left for the run's temporary "
                              f"files ({exc}); free some space, or set TMPDIR to a folder with room"), err=True)
        sys.exit(EXIT_BROKEN)


def internal_error(debug: bool) -> None:
    """A bug of factlint (or a worker that died): one line and exit 2; the traceback with --debug."""
    if debug:
        import traceback   # deferred: only --debug prints a traceback
        traceback.print_exc()
    else:
        exc = sys.exc_info()[1]
        click.echo(lines.line(f"factlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)"), err=True)
    sys.exit(EXIT_BROKEN)
