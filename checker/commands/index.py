"""`factlint index`: build or update the archive index that `factlint check --against` compares with."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..render import lines
from ..report import EXIT_BROKEN, EXIT_OK
from .common import (
    date_option,
    engine_jobs,
    engine_options,
    fail,
    internal_error,
    load_config,
    no_cache_option,
    selection_options,
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The index file (SQLite), created if missing.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable): they date the articles.")
@click.option("--date", "date", callback=date_option, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@selection_options
@engine_options("the extraction of changed articles")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file (as for check).")
@click.option("--no-cache", is_flag=True, is_eager=True, callback=no_cache_option,
              help="Do not read or write the caches of compiled rules and patterns.")
@click.option("--wait", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="How long to wait for another factlint index writing the same file.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def index(paths, db, rule_paths, date, exclude, no_gitignore, force_exclude, jobs, engine, scheduler, config_path,
          no_cache, wait, debug):
    """Build or update the archive index of PATHS: statements, quotations, name spellings.

    The rules and the articles are those factlint check uses: the configuration's, unless --rules."""
    jobs = engine_jobs(jobs, engine, scheduler)
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from .. import config as cfg
    from .. import engines, facts
    from ..indexing import rules_fingerprint, update_index
    config = load_config(list(paths), config_path)
    targets = list(rule_paths) or cfg.rule_paths(config, Path.cwd())
    selection = cfg.selection(config, exclude, False if no_gitignore else None, force_exclude)
    base, errors = facts.load_factbase(targets, use_cache=not no_cache)
    for error in errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if base is None:
        sys.exit(EXIT_BROKEN)
    rules = engines.rule_contents(targets) if engine == "dask" else ()
    try:   # a failed first build leaves no file: update_index builds a new index in a private file
        stats = update_index(list(paths), db, base, rules_fingerprint(targets), date, workers=jobs, engine=engine,
                             scheduler=scheduler, rules=rules, wait=wait, selection=selection)
    except Exception as exc:   # the index keeps its previous content: it is written in one transaction
        if isinstance(exc, engines.EngineError):   # the scheduler cannot be reached
            fail(str(exc))
        internal_error(debug)
    _say(stats, db)
    sys.exit(EXIT_BROKEN if stats.errors or errors else EXIT_OK)


def _say(stats, db: Path) -> None:
    """What the update did: rebuilt, its problems and errors (stderr), and the counts when it was committed."""
    if stats.rebuilt and stats.committed:
        click.echo(lines.line(f"factlint: rebuilt {db}: {stats.rebuilt}"), err=True)
    for problem in stats.problems:
        click.echo(lines.line(f"factlint: warning: {problem}"), err=True)
    for error in stats.errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if stats.committed:
        click.echo(f"{lines.path(db)}: {stats.line()}")
