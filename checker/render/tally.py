"""How many findings of each severity: the line every format opens or closes with."""
from __future__ import annotations

from ..finding import Severity


def summary(findings) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return counts
