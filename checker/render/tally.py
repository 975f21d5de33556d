"""How many findings of each severity: the line every format opens or closes with."""
from __future__ import annotations

from ..finding import Severity


def summary(findings) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return counts


def counting(findings, counts: dict[str, int]):
    """The findings as they are, each added to `counts` (a summary()) on the way: one pass for a report that
    lists its findings and then says how many (findings of a large run are read from disk)."""
    for f in findings:
        counts[f.severity.label] += 1
        yield f
