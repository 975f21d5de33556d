"""`factlint check`: read the options and the configuration, check through the API (api.Linter), and hand
the report to check_output.py."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import FAIL_LEVELS, FORMATS
from ..render import lines
from ..report import EXIT_BROKEN
from .check_output import apply_fixes, finish
from .common import (
    date_option,
    disk_full,
    engine_jobs,
    engine_options,
    fail,
    ids_option,
    internal_error,
    load_config,
    no_cache_option,
    selection_options,
    settings_option,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))   # unreadable: one line each
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file (default: factlint.toml or pyproject.toml [tool.factlint] found above the paths).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
              help="Rule file or directory (repeatable); default: the configuration's, else rules/ beside it, else the "
                   "shipped packs.")
@click.option("--date", "date", callback=date_option, help="The articles' date, YYYY-MM-DD (overrides everything else).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Report format (default: text).")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write the report to FILE instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), help="Exit 1 when a finding reaches this severity (default: error).")
@click.option("--select", multiple=True, callback=ids_option, help="Run only these checks (comma-separated ids).")
@click.option("--ignore", multiple=True, callback=ids_option, help="Do not run these checks (comma-separated ids).")
@click.option("--option", "options", multiple=True, callback=settings_option, metavar="CHECK.KEY=VALUE",
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
@selection_options
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in the text report: auto when standard output is a terminal and NO_COLOR is not set.")
@engine_options("the per-article checks")
@click.option("--against", type=click.Path(path_type=Path), metavar="INDEX",
              help="Also compare the articles with this archive index (built by factlint index).")
@click.option("--no-cache", is_flag=True, is_eager=True, callback=no_cache_option,
              help="Do not read or write the caches of compiled rules and patterns.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(paths, config_path, rule_paths, date, fmt, output, fail_on, select, ignore, options, baseline,
          write_baseline, changed, stdin_filename, fix, diff, link_base, max_chars, full_report, full_output, exclude, no_gitignore, force_exclude, color,
          jobs, engine, scheduler, against, no_cache, debug):
    """Check articles (.md, .txt; directories are walked; '-' reads standard input) against the rules."""
    jobs = engine_jobs(jobs, engine, scheduler)
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from .. import config as cfg
    from ..api import BaselineError, Linter
    from ..engines import EngineError
    from ..progress import Progress

    if not paths:
        if changed is None:
            raise click.UsageError("give PATHS to check ('.' for the whole repository, '-' for standard input)")
        paths = (Path("."),)
    stdin = Path("-") in paths
    files = [p for p in paths if p != Path("-")]
    if fix and diff:
        raise click.UsageError("--fix writes the fixes, --diff only shows them: choose one")
    config = load_config(files or [Path(stdin_filename or ".")], config_path)
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
                        baseline=False if write_baseline else None, use_cache=not no_cache, debug=debug,
                        fingerprints=bool(write_baseline) or config.get("format") in FINGERPRINTED)
    except BaselineError as exc:
        fail(f"{exc}; create it with --write-baseline FILE")
    _refuse_overwriting(config, write_baseline, full_output, files, stdin_filename if stdin else None, linter.selection)
    texts = _stdin_text(stdin, stdin_filename)
    try:
        report = linter.check(files, texts, date=date, only=_targets(changed, linter), progress=Progress(sys.stderr))
        apply_fixes(report, texts, fix, diff, stdin)
    except EngineError as exc:   # the scheduler cannot be reached
        fail(str(exc))
    except Exception:  # a bug of factlint: still one line unless --debug
        disk_full(debug)
        internal_error(debug)
    finish(report, config, write_baseline, quiet_stdout=diff or (fix and stdin), color=color,
            markdown={"max_chars": max_chars, "full_report": full_report, "full_output": full_output})


FINGERPRINTED = ("sarif", "gitlab")   # the formats that show the findings' fingerprints


def _targets(changed, linter):
    """The articles --changed reports on; None (every article) when a rule file in use or the
    configuration changed: any article may then have findings it did not have."""
    if changed is None:
        return None
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from .. import facts
    from ..articles import display_path
    from ..gitchanged import GitError, changed_files
    try:
        files = frozenset(changed_files(changed, Path.cwd()))
    except GitError as exc:
        fail(f"--changed: {exc}")
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
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..outputs import overwritten_inputs
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
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..articles import _decode
    shown = name or "-"
    text = _decode(sys.stdin.buffer.read(), shown)
    if not isinstance(text, str):
        fail(str(text))
    return {shown: text}
