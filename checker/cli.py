"""The `factlint` command (the entry point of pyproject.toml): the commands are in checker/commands/."""
from __future__ import annotations

from .commands import main

__all__ = ["main"]
