"""What happens to one article's findings after the checks ran: configured severities, suppression
comments, fingerprints, and the baseline. Kept apart from the runner so each step stays testable."""
from __future__ import annotations

from dataclasses import replace

from . import suppress
from .baseline import fingerprint
from .finding import Finding


def finish(article, findings: list[Finding], settings, report, ran: set[str]) -> list[Finding]:
    """The findings to report for this article (the report's counters and fingerprints are updated)."""
    from .checks import REGISTRY
    if settings.severities:
        findings = [replace(f, severity=settings.severities[f.rule]) if f.rule in settings.severities else f
                    for f in findings]
    findings, unused, suppressed = suppress.apply(article, findings, ran, set(REGISTRY))
    severity = settings.severities.get(suppress.RULE_ID)
    findings += [replace(f, severity=severity) for f in unused] if severity else unused
    report.suppressed += suppressed
    prints = {f: fingerprint(f, article.text) for f in findings}
    if settings.baseline is not None:
        remaining = settings.baseline.for_path(article.path)
        kept = []
        for f in findings:
            key = (f.location.path, f.rule, prints[f])
            if remaining[key] > 0:
                remaining[key] -= 1
                report.baselined += 1
            else:
                kept.append(f)
        findings = kept
    report.fingerprints.update(prints)
    return findings
