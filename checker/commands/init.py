"""`factlint init`: a starter configuration and rule file."""
from __future__ import annotations

from pathlib import Path

import click

from ..outputs import write_atomic
from ..render import lines
from .common import fail


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory, force):
    """Write a starter factlint.toml and a commented starter rule file (rules/house.yaml)."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..init import targets
    planned = targets(directory)
    existing = [path for path, _ in planned if path.exists()]
    if existing and not force:
        fail(f"{', '.join(str(p) for p in existing)} already exist(s); use --force to overwrite")
    for path, text in planned:
        write_atomic(path, text)
        click.echo(lines.line(f"wrote {path}"))
