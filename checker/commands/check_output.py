"""The end of `factlint check`: apply or show the safe fixes, say what went wrong, write the baseline and
the report, and exit with the report's code."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..outputs import write_atomic
from ..render import lines
from .common import fail


def apply_fixes(report, texts, fix: bool, diff: bool, stdin: bool) -> None:
    """Apply (or with --diff, show) the safe fixes; fixed findings leave the report."""
    if not (fix or diff):
        return
    # deferred: loaded only when the option that needs it is given
    from .. import fix as fixes
    plans, errors = fixes.plan(report.findings, report.digests, texts)
    report.errors.extend(errors)
    applied = []
    for file_plan in plans:
        if diff:
            click.echo(file_plan.diff(), nl=False)
        elif file_plan.path in texts:
            click.echo(file_plan.fixed, nl=False)   # standard input: the fixed article on standard output
            applied += file_plan.applied
        else:
            error = fixes.write(file_plan)
            if error:
                report.errors.append(error)
            else:
                applied += file_plan.applied
    if stdin and fix and not plans:
        click.echo(next(iter(texts.values())), nl=False)
    if applied:
        done = set(applied)
        report.keep(lambda f: f not in done)
        click.echo(lines.line(f"factlint: fixed {len(applied)} finding(s) in {len({f.location.path for f in applied})} file(s)"), err=True)


def _colour(choice: str, fmt: str, output) -> bool:
    """--color: always, never, or auto (a terminal, and NO_COLOR unset or empty, as no-color.org asks)."""
    if fmt != "text" or choice == "never" or (output and choice == "auto"):
        return False
    return choice == "always" or (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
                                  and os.environ.get("TERM") != "dumb")


def finish(report, config, write_baseline, quiet_stdout: bool, color: str = "auto", markdown=None) -> None:
    for problem in report.problems:
        click.echo(lines.line(f"factlint: warning: {problem}"), err=True)
    for error in report.errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if report.baselined:
        click.echo(lines.line(f"factlint: {report.baselined} finding(s) in the baseline were not reported"), err=True)
    if write_baseline:
        _write_baseline(report, write_baseline)
    fmt, output = config.get("format"), config.get("output")
    colour = _colour(color, fmt, output)
    markdown = markdown or {}
    pieces = report.render_chunks(fmt, color=colour, link_base=config.get("link-base"),
                                  max_chars=markdown.get("max_chars"), full_report=markdown.get("full_report"))
    if markdown.get("full_output"):
        _write_report(markdown["full_output"], report.render("markdown", link_base=config.get("link-base"),
                                                             max_chars=0))
    if output:
        _write_report(Path(output), pieces)
    elif not quiet_stdout:
        for piece in pieces:   # written as made: the report of a large archive is never held whole
            click.echo(piece, nl=False, color=colour)   # click would strip the colours off a pipe otherwise
    sys.exit(report.exit_code(config.get("fail-on")))


def _write_baseline(report, path: Path) -> None:
    # deferred: loaded only when the option that needs it is given
    from ..baseline import dump
    if report.errors:
        click.echo(lines.line(f"factlint: error: the baseline {path} was not written: the run is broken"), err=True)
        return
    try:
        write_atomic(path, dump(report.fingerprinted(), path))
    except OSError as exc:   # a folder, a full disk, no permission
        fail(f"cannot write the baseline {path}: {exc.strerror or exc}")
    click.echo(lines.line(f"factlint: wrote {len(report.findings)} finding(s) to the baseline {path}"), err=True)


def _write_report(path: Path, text) -> None:
    """A report that cannot be written (a folder, a full disk, no permission) is lost: the run is broken."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        fail(f"cannot write the report to {path}: {exc.strerror or exc}")
