"""The configuration as every command loads it: found above the paths (or given), its problems one line
each on stderr and exit 2."""
from __future__ import annotations

import sys

import click

from .config import ConfigError, effective
from .render import lines
from .report import EXIT_BROKEN


def load_config(paths, config_path):
    try:
        return effective(list(paths), config_path)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(lines.line(f"factlint: error: {problem}"), err=True)
        sys.exit(EXIT_BROKEN)
