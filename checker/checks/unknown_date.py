"""The article's date could not be established, so time-dependent checks were limited.

## What it finds
An article whose date is given neither by `--date`, nor by a front matter `date`, nor by a dateline
or a date in the text, nor can be inferred from the dated events of the rules that it mentions
("à deux semaines du sommet de La Haye (24-25 juin)"). Reported once per article, as info.

## Why it matters
`anachronistic-title` and `stale-qualifier` need to know when an article speaks: "ancien président"
is right one year and wrong the next. Saying that they were skipped keeps a clean report honest.

## Fails
```text
Le secrétaire général de l'OTAN, Mark Rutte, a averti que … (no date anywhere)
```

## Passes
```text
---
date: 2026-02-11
---
Le secrétaire général de l'OTAN, Mark Rutte, a averti que …
```

## Options
None.
"""
from __future__ import annotations

from ..finding import DEFAULT, Severity, levels

ID = "unknown-date"
SEVERITY = Severity.INFO
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}


def check(ctx, options):
    date = ctx.date
    if date.value is not None:
        return
    message = (f"Article date unknown ({date.how}); time-dependent checks were skipped: "
               "add `date:` to the front matter or pass --date")
    yield ctx.finding(ID, 0, 0, message, DEFAULT)
