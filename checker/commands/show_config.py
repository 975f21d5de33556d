"""`factlint config`: the effective configuration and where each value comes from."""
from __future__ import annotations

from pathlib import Path

import click

from .common import load_config


@click.command("config")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Configuration file to read.")
def config_command(paths, config_path):
    """Print the effective configuration for PATHS and where each value comes from."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from .. import config as cfg
    config = load_config(list(paths), config_path)
    rules = config.values["rules"]
    if not rules.value:
        shown = [str(p) for p in cfg.rule_paths(config, Path.cwd())]
        config.values["rules"] = cfg.Value(shown, "default (rules/ beside the configuration when it exists, else the shipped packs)")
    click.echo(cfg.describe(config), nl=False)
