"""`factlint lsp`: the language server for editors."""
from __future__ import annotations

import sys

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only way; "
                                            "accepted because editors pass it).")
def lsp(stdio):
    """Run the language server for editors (pip install 'factlint[lsp]'; see docs/editors.md)."""
    # deferred: a command loads only what it runs (`factlint --help` stays quick)
    from ..lsp import main as serve
    sys.exit(serve())
