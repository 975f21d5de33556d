"""Malformed or glued date and time strings, and times that do not exist.

## What it finds
Dates and times that a layout or copy-paste accident has run together or garbled: a time glued to a
date ("16:1212/02/2026" for 16:12, 12/02/2026), a date glued to a time, a doubled separator
("12//02/2026") or mixed separators ("12/02.2026"); and impossible times: a minute from 60
("10h75", "à 14:75") or an hour from 25 in a time of day ("à 25h30", "at 25:30").

## Why it matters
Such strings come from CMS templates and agency feeds; readers cannot tell which date is meant,
and tools (including factlint's own article dating) may read the wrong one. An impossible time is a
typo that hides the real one.

## Fails
```text
16:1212/02/2026, jeudi
Le coup d'envoi sera donné à 25h30.
The vote closes at 14:75 GMT.
```

## Passes
```text
16:12, 12/02/2026, jeudi
le 12 février 2026 à 16 h 12
Il a bouclé la course en 25h30.      (a duration, not a time of day)
Le score était de 14:75.             (a colon without "à"/"at" is not a time)
```

## Options
None.
"""
from __future__ import annotations

from ..finding import DEFAULT, Severity, levels

ID = "date-format"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}


def check(ctx, options):
    for item in ctx.malformed:
        message = f"Malformed date: {item.problem}; expected “{item.suggestion}”"
        yield ctx.finding(ID, item.start, item.end, message, DEFAULT, item.suggestion)
    for item in ctx.impossible_times:
        yield ctx.finding(ID, item.start, item.end, item.problem[0].upper() + item.problem[1:], DEFAULT)
