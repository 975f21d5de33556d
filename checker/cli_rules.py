"""`factlint rules`: validate rule files, run the examples they carry, import public data as a pack."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .outputs import write_atomic
from .render import lines
from .report import EXIT_BROKEN, EXIT_FINDINGS, EXIT_OK


@click.group()
def rules():
    """Validate and build rule files."""


def _valid_rules(paths, config_path):
    """The compiled rules of the configuration (found from here) and of PATHS, and the files of PATHS as
    shown (None without PATHS: the configuration's rule set is the subject). Errors of the subject: one
    line each and exit 2. PATHS are read together with the configuration's rules, so a house person may
    hold a shipped office; the configuration's own files are checked by a run without PATHS."""
    from . import config as cfg, facts
    from .cli import _load_config
    config = _load_config([Path.cwd()], config_path)
    context = cfg.rule_paths(config, Path.cwd())
    base, errors = facts.load_factbase(list(paths) + context, use_cache=False)
    subject = None
    if paths:
        subject = {facts.shown_rule_file(p) for p in facts.rule_files(list(paths))[0]}
        context_only = {facts.shown_rule_file(p) for p in facts.rule_files(context)[0]} - subject
        errors = [e for e in errors if e.file not in context_only]
    for error in errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if base is None or errors:
        sys.exit(EXIT_BROKEN)
    return base, subject


_CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(path_type=Path),
                              help="Configuration file (default: the one found from the working directory).")


@rules.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_CONFIG_OPTION
def rules_validate(paths, config_path):
    """Validate the configuration's rule files (default: ./rules beside it, else the shipped packs), or
    PATHS, read together with them."""
    base, subject = _valid_rules(paths, config_path)
    r = base.rules
    files = len(r.files) if subject is None else len(subject)
    context = "" if subject is None else f" (with the {len(r.files) - len(subject)} other rule file(s) in use)"
    click.echo(f"{files} rule file(s) valid{context}: {len(r.offices)} offices, {len(r.people)} people, "
               f"{len(r.organisations)} organisations, {len(r.events)} events, {len(r.facts)} facts, "
               f"{sum(len(v) for v in r.rates.values())} rates")


IMPORTERS = {"us-executive": "checker.importers.us_executive"}


@rules.command("import")
@click.argument("kind", type=click.Choice(sorted(IMPORTERS)))
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True)
def rules_import(kind, source, output):
    """Convert public reference data into a rule pack.

    us-executive: unitedstates/congress-legislators executive.yaml (US presidents and vice-presidents)."""
    import importlib
    convert = importlib.import_module(IMPORTERS[kind]).convert
    try:
        text = convert(source)
    except ValueError as exc:
        click.echo(lines.line(f"factlint: error: {source}: {exc}"), err=True)
        sys.exit(EXIT_BROKEN)
    write_atomic(output, text)
    click.echo(lines.line(f"wrote {output}"))


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every example, not only the failing ones.")
@_CONFIG_OPTION
def rules_test(paths, verbose, config_path):
    """Run the examples of rule entries (of the configuration's rules, or of PATHS): `fail` ones must be
    flagged, `pass` ones must not."""
    from .rulestest import run_examples
    base, subject = _valid_rules(paths, config_path)
    outcomes = [o for o in run_examples(base) if subject is None or o.example.where.rpartition(":")[0] in subject]
    for outcome in outcomes:
        if verbose or not outcome.ok:
            click.echo(lines.line(f"{'ok  ' if outcome.ok else 'FAIL'} {outcome}"))
    failed = sum(not o.ok for o in outcomes)
    click.echo(f"{len(outcomes)} rule example(s): {len(outcomes) - failed} as expected, {failed} not")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
