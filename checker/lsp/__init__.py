"""`factlint lsp`: a Language Server Protocol server over standard input and output, so that an editor
shows factlint's findings while the article is written. pygls is an optional dependency
(`pip install 'factlint[lsp]'`); see docs/editors.md.

    server.py     the protocol: documents, diagnostics, hovers, quick fixes (pygls)
    scheduler.py  when and where documents are checked: debounce, worker processes, newest version first
    worker.py     the checking, in a worker process, through the factlint API
    convert.py    findings → LSP values (positions in the client's units, evidence, fixes)
"""
from __future__ import annotations

import sys

INSTALL_HINT = "factlint: error: the language server needs pygls: pip install 'factlint[lsp]'"


def main() -> int:
    """Serve until the client says exit; 2 (after one line on stderr) when pygls is not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from .server import serve
    serve()
    return 0
