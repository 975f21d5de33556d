"""Command line: parse, call, print, exit codes. No checking logic lives here."""
from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__, cachedir
from .render import lines

from .cli_output import apply_fixes, finish
from .cli_rules import rules
from .config import FAIL_LEVELS, FORMATS
from .outputs import write_atomic
from .report import EXIT_BROKEN, EXIT_OK


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


def _no_cache(ctx, param, value):
    # eager: before the callbacks of --select and --ignore import the checks, whose patterns read the cache
    if value:
        cachedir.disable()
    return value


def _options(ctx, param, value):
    """CHECK.KEY=VALUE items as (check, key, value); the configuration validates them as it does its own."""
    from .config import parse_setting
    options = []
    for item in value:
        key, sep, raw = item.partition("=")
        check_id, dot, name = key.partition(".")
        if not sep or not dot:
            raise click.BadParameter(f"{item!r}: expected CHECK.KEY=VALUE, e.g. stale-qualifier.max_days=90 "
                                     "or name-typo.severity=error")
        options.append((check_id, name, parse_setting(check_id, name, raw)))
    return options


class _Commands(click.Group):
    """The exit codes keep their meaning whatever happens: Ctrl-C is 130 (not 1, which means findings),
    and an output that cannot be written (standard output on a full disk, a closed pipe) is one line and 2."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except KeyboardInterrupt:
            _leave_stdout()
            click.echo("factlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except OSError as exc:
            if exc.filename is not None:   # a file of ours: not the output
                raise
            _leave_stdout()
            click.echo(lines.line(f"factlint: error: cannot write to standard output: {exc.strerror or exc}"), err=True)
            sys.exit(EXIT_BROKEN)


EXIT_INTERRUPTED = 130   # 128 + SIGINT, as shells report it


def _leave_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what could not be
    written fails no more (it would print a traceback and exit 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factlint")
def main() -> None:
    """factlint: fact-consistency checks for news articles (names, titles, dates, figures)."""


def _fail(message: str) -> None:
    click.echo(lines.line(f"factlint: error: {message}"), err=True)
    sys.exit(EXIT_BROKEN)


def _engine_options(work: str):
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


def _selection_options(command):
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


def _engine_jobs(jobs: int | None, engine: str, scheduler: str | None) -> int:
    """The number of worker processes; one line and exit 2 when the dask engine cannot run."""
    from .engines import EngineError, require_dask
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if engine == "dask":
        try:
            require_dask()
        except EngineError as exc:
            _fail(str(exc))
    return jobs or os.cpu_count() or 1


def _load_config(paths, config_path):
    from .config import ConfigError, effective
    try:
        return effective(list(paths), config_path)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(lines.line(f"factlint: error: {problem}"), err=True)
        sys.exit(EXIT_BROKEN)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))   # unreadable: one line each
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file (default: factlint.toml or pyproject.toml [tool.factlint] found above the paths).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable); default: the configuration's, else rules/ beside it, else the "
                   "shipped packs.")
@click.option("--date", "date", callback=_date, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Report format (default: text).")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), help="Exit 1 when a finding reaches this severity (default: error).")
@click.option("--select", multiple=True, callback=_ids, help="Run only these checks (comma-separated ids).")
@click.option("--ignore", multiple=True, callback=_ids, help="Do not run these checks (comma-separated ids).")
@click.option("--option", "options", multiple=True, callback=_options, metavar="CHECK.KEY=VALUE",
              help="A check's setting, as in the configuration: enabled, severity or one of its options "
                   "(stale-qualifier.max_days=90, name-typo.severity=error).")
@click.option("--baseline", type=click.Path(path_type=Path), help="Report only findings that are not in this baseline.")
@click.option("--write-baseline", type=click.Path(path_type=Path), help="Record the current findings in FILE as the baseline.")
@click.option("--changed", is_flag=False, flag_value="HEAD", default=None, metavar="[REF]",
              help="Check only articles changed since REF (default HEAD); the rest of the paths is the archive.")
@click.option("--stdin-filename", help="With PATH '-': the name of the article read from standard input.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes (name spellings, acronym case) to the articles.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--link-base", help="URL prefix for links to article lines in the Markdown report.")
@click.option("--max-chars", type=click.IntRange(min=0), default=None, metavar="N",
              help="Cut the Markdown report to N characters, summary first (default 60,000, under GitHub's "
                   "comment limit; 0: never).")
@click.option("--full-report", metavar="URL", help="Where the whole report is, linked from a cut Markdown report.")
@click.option("--full-output", type=click.Path(path_type=Path), metavar="FILE",
              help="Also write the whole Markdown report, never cut, to FILE (for a CI artifact).")
@_selection_options
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in the text report: auto when standard output is a terminal and NO_COLOR is not set.")
@_engine_options("the per-article checks")
@click.option("--against", type=click.Path(path_type=Path), metavar="INDEX",
              help="Also compare the articles with this archive index (built by factlint index).")
@click.option("--no-cache", is_flag=True, is_eager=True, callback=_no_cache,
              help="Do not read or write the caches of compiled rules and patterns.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths, config_path, rule_paths, date, fmt, output, fail_on, select, ignore, options, baseline,
          write_baseline, changed, stdin_filename, fix, diff, link_base, max_chars, full_report, full_output, exclude, no_gitignore, force_exclude, color,
          jobs, engine, scheduler, against, no_cache, debug):
    """Check articles (.md, .txt; directories are walked; '-' reads standard input) against the rules."""
    jobs = _engine_jobs(jobs, engine, scheduler)
    from . import config as cfg
    from .api import BaselineError, Linter
    from .engines import EngineError
    from .progress import Progress

    if not paths:
        if changed is None:
            raise click.UsageError("give PATHS to check ('.' for the whole repository, '-' for standard input)")
        paths = (Path("."),)
    stdin = Path("-") in paths
    files = [p for p in paths if p != Path("-")]
    if fix and diff:
        raise click.UsageError("--fix writes the fixes, --diff only shows them: choose one")
    config = _load_config(files or [Path(stdin_filename or ".")], config_path)
    cfg.override(config, "rules", [str(p) for p in rule_paths] or None, "--rules")
    for key, value, flag in (("fail-on", fail_on, "--fail-on"), ("format", fmt, "--format"),
                             ("output", output and str(output), "--output"), ("baseline", baseline and str(baseline), "--baseline"),
                             ("select", select and sorted(select), "--select"), ("ignore", ignore and sorted(ignore), "--ignore"),
                             ("link-base", link_base, "--link-base")):
        cfg.override(config, key, value, flag)
    for check_id, key, value in options:
        wrong = cfg.set_check(config, check_id, key, value, "command line (--option)")
        if wrong:
            raise click.BadParameter(f"{check_id}.{key}: {wrong[1]}", param_hint="--option")
    try:
        linter = Linter(config, exclude=exclude, gitignore=False if no_gitignore else None,
                        force_exclude=force_exclude, jobs=jobs, engine=engine, scheduler=scheduler, against=against,
                        baseline=False if write_baseline else None, use_cache=not no_cache, debug=debug)
    except BaselineError as exc:
        _fail(f"{exc}; create it with --write-baseline FILE")
    _refuse_overwriting(config, write_baseline, full_output, files, stdin_filename if stdin else None, linter.selection)
    texts = _stdin_text(stdin, stdin_filename)
    try:
        report = linter.check(files, texts, date=date, only=_targets(changed, linter), progress=Progress(sys.stderr))
        apply_fixes(report, texts, fix, diff, stdin)
    except EngineError as exc:   # the scheduler cannot be reached
        _fail(str(exc))
    except Exception:  # a bug of factlint: still one line unless --debug
        _internal_error(debug)
    finish(report, config, write_baseline, quiet_stdout=diff or (fix and stdin), color=color,
            markdown={"max_chars": max_chars, "full_report": full_report, "full_output": full_output})


def _internal_error(debug: bool) -> None:
    """A bug of factlint (or a worker that died): one line and exit 2; the traceback with --debug."""
    if debug:
        traceback.print_exc()
    else:
        exc = sys.exc_info()[1]
        click.echo(lines.line(f"factlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)"), err=True)
    sys.exit(EXIT_BROKEN)


def _targets(changed, linter):
    """The articles --changed reports on; None (every article) when a rule file in use or the
    configuration changed: any article may then have findings it did not have."""
    if changed is None:
        return None
    from . import facts
    from .articles import display_path
    from .gitchanged import GitError, changed_files
    try:
        files = frozenset(changed_files(changed, Path.cwd()))
    except GitError as exc:
        _fail(f"--changed: {exc}")
    rules = {facts.rule_file_shown(shown).resolve(): shown for shown in linter.rule_files}
    if linter.config.file is not None:
        rules[linter.config.file.resolve()] = display_path(linter.config.file)
    touched = sorted(rules[path] for path in files & set(rules))
    if touched:
        click.echo(lines.line(f"factlint: {', '.join(touched)} changed since {changed}: every article is checked"), err=True)
        return None
    return files


def _refuse_overwriting(config, write_baseline, full_output, files, stdin_name, selection) -> None:
    """A report or baseline path that is one of the articles: one line each, exit 2, nothing run."""
    from .outputs import overwritten_inputs
    output = config.get("output")
    problems = overwritten_inputs([("report", output and Path(output)), ("baseline", write_baseline),
                                   ("full report", full_output)], files,
                                  [Path(stdin_name)] if stdin_name else [], selection)
    for problem in problems:
        click.echo(lines.line(f"factlint: error: {problem}"), err=True)
    if problems:
        sys.exit(EXIT_BROKEN)


def _stdin_text(stdin: bool, name: str | None) -> dict[str, str]:
    """{name: text} of the article read from standard input (none without '-')."""
    if not stdin:
        return {}
    from .articles import _decode
    shown = name or "-"
    text = _decode(sys.stdin.buffer.read(), shown)
    if not isinstance(text, str):
        _fail(str(text))
    return {shown: text}


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
        click.echo(lines.line(f"factlint: error: unknown check {rule!r}{did_you_mean(rule, REGISTRY)}"), err=True)
        sys.exit(EXIT_BROKEN)
    from .api import explain as documentation
    click.echo(documentation(rule), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The index file (SQLite), created if missing.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable): they date the articles.")
@click.option("--date", "date", callback=_date, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@_selection_options
@_engine_options("the extraction of changed articles")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file (as for check).")
@click.option("--no-cache", is_flag=True, is_eager=True, callback=_no_cache,
              help="Do not read or write the caches of compiled rules and patterns.")
@click.option("--wait", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="How long to wait for another factlint index writing the same file.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def index(paths, db, rule_paths, date, exclude, no_gitignore, force_exclude, jobs, engine, scheduler, config_path,
          no_cache, wait, debug):
    """Build or update the archive index of PATHS: statements, quotations, name spellings.

    The rules and the articles are those factlint check uses: the configuration's, unless --rules."""
    jobs = _engine_jobs(jobs, engine, scheduler)
    from . import config as cfg, engines, facts
    from .indexing import rules_fingerprint, update_index
    config = _load_config(list(paths), config_path)
    targets = list(rule_paths) or cfg.rule_paths(config, Path.cwd())
    selection = cfg.selection(config, exclude, False if no_gitignore else None, force_exclude)
    base, errors = facts.load_factbase(targets, use_cache=not no_cache)
    for error in errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if base is None:
        sys.exit(EXIT_BROKEN)
    rules = engines.rule_contents(targets) if engine == "dask" else ()
    existed = db.exists()
    stats = None
    try:
        stats = update_index(list(paths), db, base, rules_fingerprint(targets), date, workers=jobs, engine=engine,
                             scheduler=scheduler, rules=rules, wait=wait, selection=selection)
    except Exception as exc:   # the index keeps its previous content: it is written in one transaction
        if isinstance(exc, engines.EngineError):   # the scheduler cannot be reached
            _fail(str(exc))
        _internal_error(debug)
    finally:
        if not existed and not (stats and stats.committed):   # a new index is not left behind empty
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    if stats.rebuilt and stats.committed:
        click.echo(lines.line(f"factlint: rebuilt {db}: {stats.rebuilt}"), err=True)
    for problem in stats.problems:
        click.echo(lines.line(f"factlint: warning: {problem}"), err=True)
    for error in stats.errors:
        click.echo(lines.line(f"factlint: error: {error}"), err=True)
    if stats.committed:
        click.echo(f"{lines.path(db)}: {stats.line()}")
    sys.exit(EXIT_BROKEN if stats.errors or errors else EXIT_OK)


main.add_command(rules)


@main.command("config")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to read.")
def config_command(paths, config_path):
    """Print the effective configuration for PATHS and where each value comes from."""
    from . import config as cfg
    config = _load_config(list(paths), config_path)
    rules = config.values["rules"]
    if not rules.value:
        shown = [str(p) for p in cfg.rule_paths(config, Path.cwd())]
        config.values["rules"] = cfg.Value(shown, "default (rules/ beside the configuration when it exists, else the shipped packs)")
    click.echo(cfg.describe(config), nl=False)


@main.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory, force):
    """Write a starter factlint.toml and a commented starter rule file (rules/house.yaml)."""
    from .init import targets
    planned = targets(directory)
    existing = [path for path, _ in planned if path.exists()]
    if existing and not force:
        _fail(f"{', '.join(str(p) for p in existing)} already exist(s); use --force to overwrite")
    for path, text in planned:
        write_atomic(path, text)
        click.echo(lines.line(f"wrote {path}"))


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only way; "
                                            "accepted because editors pass it).")
def lsp(stdio):
    """Run the language server for editors (pip install 'factlint[lsp]'; see docs/editors.md)."""
    from .lsp import main as serve
    sys.exit(serve())
