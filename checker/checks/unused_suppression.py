"""A suppression comment that suppresses nothing, names an unknown rule, or is misspelt.

## What it finds
- `<!-- factlint-disable RULE -->`, `<!-- factlint-disable-next-line RULE -->`,
  `<!-- factlint-disable-line RULE -->` or a front matter
  `factlint: {disable: [RULE]}` that silenced no finding of RULE (or, without ids, no finding at
  all): the error it was written for is gone, and the comment would hide the next one.
- A suppression that names a rule factlint does not know ("year-typoo"), with the closest id.
- A comment that looks like a directive but is not one ("factlint-disabel", "factlnt-disable-next-line",
  "fact-lint-disable"): it silently suppresses nothing.
Rules that did not run (`--select`, `--ignore`, `enabled = false`) never make a suppression unused.

## Why it matters
Suppressions outlive the text they were written for. A stale one hides the next real error in
that paragraph, and a misspelt one silently suppresses nothing.

## Fails
```markdown
<!-- factlint-disable-next-line year-typoo -->
<!-- factlint-disabel name-typo -->
<!-- factlnt-disable-next-line name-typo -->
<!-- factlint-disable-next-line name-typo -->
Le chancelier Olaf Scholz a parlé.        (nothing to suppress on this line)
```

## Passes
```markdown
<!-- factlint-disable-next-line name-typo -->
Le chancelier Oprav Scholz, dans la fiction de l'auteur, a parlé.
```

## Options
None.
"""
from __future__ import annotations

from .. import suppress
from ..finding import Severity

ID = suppress.RULE_ID
SEVERITY = Severity.INFO
OPTIONS: dict = {}


def check(ctx, options):
    """Directives that are wrong in themselves; unused ones are found after the other checks ran."""
    from . import REGISTRY
    _, problems = suppress.parse(ctx.article, set(REGISTRY))
    for problem in problems:
        yield ctx.finding(ID, problem.start, problem.end, problem.message, SEVERITY)
