"""The command line: one module per command, each parsing its options, calling the API (api.py) and
printing; no checking logic lives here. `main` is the `factlint` group (entry point: checker.cli)."""
from __future__ import annotations

import atexit
import gc
import os
import sys

import click

from .. import __version__, interrupt
from ..render import lines
from ..report import EXIT_BROKEN
from .check import check
from .explain import explain
from .index import index
from .init import init
from .lsp import lsp
from .rules import rules
from .show_config import config_command


class _Commands(click.Group):
    """The exit codes keep their meaning whatever happens: Ctrl-C is 130 (not 1, which means findings),
    and an output that cannot be written (standard output on a full disk, a closed pipe) is one line and 2."""

    def invoke(self, ctx):
        interrupt.install()
        _no_collection_at_exit()
        try:
            result = super().invoke(ctx)
            interrupt.check()
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


def _no_collection_at_exit() -> None:
    """Freeze every object out of the garbage collector as the process ends (the last exit handler), so that the
    interpreter's final collections, which walk every object left (the modules, the compiled rules, the report:
    some 45 million instructions, a twentieth of a one-article run), find nothing to walk: the memory goes
    with the process. Files are closed by the code that opened them, not by a collection at exit."""
    atexit.unregister(gc.freeze)   # once, however many commands a process runs (the tests run many)
    atexit.register(gc.freeze)


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


for _command in (check, explain, index, rules, config_command, init, lsp):
    main.add_command(_command)
