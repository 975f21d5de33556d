"""Ctrl-C is never lost.

Python raises KeyboardInterrupt wherever the main thread is when it handles the signal. When that place is
a finaliser (a `__del__`, as the regex module's pattern clean-up has, run while patterns compile), the
interpreter prints "Exception ignored in ..." and carries on: the run went on to its end and exited as if
nothing had happened. `install()` has such an interrupt noted instead of printed, and `check()`, called
between articles and when a command ends, raises it again where it can be handled.
"""
from __future__ import annotations

import sys

_swallowed: list[bool] = []      # not empty once an interrupt was raised where it could not be handled
_previous = [sys.unraisablehook]  # the hook every other unraisable error still goes to


def _note(unraisable) -> None:
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        _swallowed.append(True)
    else:
        _previous[0](unraisable)


def install() -> None:
    if sys.unraisablehook is not _note:
        _previous[0] = sys.unraisablehook
        sys.unraisablehook = _note


def check() -> None:
    """Raise the interrupt that a finaliser swallowed, if any."""
    if _swallowed:
        _swallowed.clear()
        raise KeyboardInterrupt
