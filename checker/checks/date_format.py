"""Malformed or glued date and time strings.

## What it finds
Dates and times that a layout or copy-paste accident has run together or garbled: a time glued to a
date ("16:1212/02/2026" for 16:12, 12/02/2026), a date glued to a time, a doubled separator
("12//02/2026") or mixed separators ("12/02.2026").

## Why it matters
Such strings come from CMS templates and agency feeds; readers cannot tell which date is meant,
and tools (including factlint's own article dating) may read the wrong one.

## Fails
```text
16:1212/02/2026, jeudi
```

## Passes
```text
16:12, 12/02/2026, jeudi
le 12 février 2026 à 16 h 12
```

## Options
None.
"""
from __future__ import annotations

from ..finding import Severity

ID = "date-format"
SEVERITY = Severity.WARNING
OPTIONS: dict = {}


def check(ctx, options):
    for item in ctx.malformed:
        message = f"Malformed date: {item.problem}; expected “{item.suggestion}”"
        yield ctx.finding(ID, item.start, item.end, message, SEVERITY, item.suggestion)
