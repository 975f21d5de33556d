"""Command line: parse, call, print, exit codes. No checking logic lives here."""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from . import __version__

FAIL_LEVELS = ("error", "warning", "info", "never")
EXIT_OK, EXIT_FINDINGS, EXIT_BROKEN = 0, 1, 2


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def _ids(ctx, param, value):
    from .checks import REGISTRY
    from .facts.schema import did_you_mean
    if not value:
        return None
    ids = {v.strip() for item in value for v in item.split(",") if v.strip()}
    for check_id in ids:
        if check_id not in REGISTRY:
            raise click.BadParameter(f"unknown check {check_id!r}{did_you_mean(check_id, REGISTRY)}")
    return frozenset(ids)


def _options(ctx, param, value):
    options: dict = {}
    for item in value:
        key, sep, raw = item.partition("=")
        check_id, dot, name = key.partition(".")
        if not sep or not dot:
            raise click.BadParameter(f"{item!r}: expected CHECK.OPTION=VALUE, e.g. stale-qualifier.max_days=90")
        options.setdefault(check_id, {})[name] = raw
    return options


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """factlint: fact-consistency checks for news articles (names, titles, dates, figures)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable); default ./rules, else the shipped packs.")
@click.option("--date", "date", callback=_date, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--select", multiple=True, callback=_ids, help="Run only these checks (comma-separated ids).")
@click.option("--ignore", multiple=True, callback=_ids, help="Do not run these checks (comma-separated ids).")
@click.option("--option", "options", multiple=True, callback=_options, metavar="CHECK.OPTION=VALUE",
              help="Set a check's option, e.g. stale-qualifier.max_days=90.")
@click.option("--against", type=click.Path(path_type=Path), metavar="INDEX",
              help="Also compare the articles with this archive index (built by factlint index).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-rules cache.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths, rule_paths, date, fmt, output, fail_on, select, ignore, options, against, no_cache, debug):
    """Check articles (.md, .txt; directories are walked) against the rules."""
    from .checks import REGISTRY, options_for
    from .finding import Severity
    from .render import render
    from .runner import Settings, run

    for check_id, values in options.items():
        if check_id not in REGISTRY:
            raise click.BadParameter(f"unknown check {check_id!r}", param_hint="--option")
        try:
            options_for(REGISTRY[check_id], values)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--option") from None
    settings = Settings(rule_paths=tuple(rule_paths), date=date, select=select, ignore=ignore or frozenset(),
                        check_options=options, debug=debug, use_cache=not no_cache, against=against)
    try:
        report = run(list(paths), settings)
    except Exception:  # a bug of factlint: still one line unless --debug
        if debug:
            traceback.print_exc()
        else:
            exc = sys.exc_info()[1]
            click.echo(f"factlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(EXIT_BROKEN)
    for problem in report.problems:
        click.echo(f"factlint: warning: {problem}", err=True)
    for error in report.errors:
        click.echo(f"factlint: error: {error}", err=True)
    text = render(report, fmt, color=output is None and fmt == "text" and sys.stdout.isatty())
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    if report.errors:
        sys.exit(EXIT_BROKEN)
    if fail_on != "never":
        level = Severity.parse(fail_on)
        if any(f.severity >= level for f in report.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("rule", required=False)
def explain(rule):
    """Print a check's documentation (no RULE: list the checks)."""
    from .checks import REGISTRY
    from .facts.schema import did_you_mean
    if rule is None:
        for check_id, module in REGISTRY.items():
            first = (module.__doc__ or "").strip().splitlines()[0]
            click.echo(f"{check_id:22} {module.SEVERITY.label:8} {first}")
        return
    module = REGISTRY.get(rule)
    if module is None:
        click.echo(f"factlint: error: unknown check {rule!r}{did_you_mean(rule, REGISTRY)}", err=True)
        sys.exit(EXIT_BROKEN)
    click.echo(f"# {rule} (default severity: {module.SEVERITY.label})\n")
    click.echo(module.__doc__.strip())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The index file (SQLite), created if missing.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable): they date the articles.")
@click.option("--date", "date", callback=_date, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the compiled-rules cache.")
def index(paths, db, rule_paths, date, no_cache):
    """Build or update the archive index of PATHS: statements, quotations, name spellings."""
    from . import facts
    from .indexing import rules_fingerprint, update_index
    targets = facts.default_rule_paths(list(rule_paths), Path.cwd())
    base, errors = facts.load_factbase(targets, use_cache=not no_cache)
    for error in errors:
        click.echo(f"factlint: error: {error}", err=True)
    if base is None:
        sys.exit(EXIT_BROKEN)
    stats = update_index(list(paths), db, base, rules_fingerprint(targets), date)
    if stats.rebuilt:
        click.echo(f"factlint: rebuilding {db}: {stats.rebuilt}", err=True)
    for problem in stats.problems:
        click.echo(f"factlint: warning: {problem}", err=True)
    for error in stats.errors:
        click.echo(f"factlint: error: {error}", err=True)
    click.echo(f"{db}: {stats.line()}")
    sys.exit(EXIT_BROKEN if stats.errors or errors else EXIT_OK)


@main.group()
def rules():
    """Validate and build rule files."""


@rules.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def rules_validate(paths):
    """Validate rule files (default: ./rules, else the shipped packs)."""
    from . import facts
    targets = facts.default_rule_paths(list(paths), Path.cwd())
    base, errors = facts.load_factbase(targets, use_cache=False)
    for error in errors:
        click.echo(f"factlint: error: {error}", err=True)
    if base is None or errors:
        sys.exit(EXIT_BROKEN)
    r = base.rules
    click.echo(f"{len(r.files)} rule file(s) valid: {len(r.offices)} offices, {len(r.people)} people, "
               f"{len(r.organisations)} organisations, {len(r.events)} events, {len(r.facts)} facts, "
               f"{sum(len(v) for v in r.rates.values())} rates")


@rules.command("import-us-executive")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
def rules_import_us_executive(source, output):
    """Convert unitedstates/congress-legislators executive.yaml into a rule pack of US presidents and VPs."""
    from .importers.us_executive import convert
    try:
        text = convert(source)
    except ValueError as exc:
        click.echo(f"factlint: error: {source}: {exc}", err=True)
        sys.exit(EXIT_BROKEN)
    write_atomic(output, text)
    click.echo(f"wrote {output}")
