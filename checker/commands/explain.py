"""`factlint explain`: a check's documentation, or the list of checks."""
from __future__ import annotations

import sys

import click

from ..render import lines
from ..report import EXIT_BROKEN


@click.command()
@click.argument("rule", required=False)
def explain(rule):
    """Print a check's documentation (no RULE: list the checks)."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..checks import REGISTRY
    from ..facts.schema import did_you_mean
    if rule is None:
        for check_id, module in REGISTRY.items():
            first = (module.__doc__ or "").strip().splitlines()[0]
            click.echo(f"{check_id:22} {module.SEVERITY.label:8} {first}")
        return
    module = REGISTRY.get(rule)
    if module is None:
        click.echo(lines.line(f"factlint: error: unknown check {rule!r}{did_you_mean(rule, REGISTRY)}"), err=True)
        sys.exit(EXIT_BROKEN)
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..api import explain as documentation
    click.echo(documentation(rule), nl=False)
