"""What happens to one article's findings after the checks ran: configured severities, fixes that could
change meaning marked unsafe, suppression comments, fingerprints, and the baseline. Kept apart from
the runner so each step stays testable."""
from __future__ import annotations

from dataclasses import replace

from . import fix, suppress
from .baseline import fingerprints
from .finding import Finding, Severity


def finish(article, findings: list[Finding], settings, report, ran: set[str], uncertain=None) -> list[Finding]:
    """The findings to report for this article (the report's counters and fingerprints are updated).
    `uncertain(finding)` says why a finding rests on an uncertain article date (None: it does not)."""
    from .checks import REGISTRY
    findings = [fix.judged(f) for f in _severities(findings, settings)]
    if uncertain is not None:
        findings = [_as_info(f, uncertain(f)) for f in findings]
    findings, unused, suppressed = suppress.apply(article, findings, ran, set(REGISTRY))
    severity = settings.severities.get(suppress.RULE_ID)
    findings += [replace(f, severity=severity) for f in unused] if severity else unused
    report.suppressed += suppressed
    return _baseline(article, findings, settings, report)


def finish_collection(article, findings: list[Finding], settings, report) -> list[Finding]:
    """Cross-article findings of one article: severities, suppression and baseline (suppressions that
    silence nothing were already judged with the article's own findings)."""
    from .checks import REGISTRY
    findings = _severities(findings, settings)
    findings, _unused, suppressed = suppress.apply(article, findings, {f.rule for f in findings}, set(REGISTRY))
    report.suppressed += suppressed
    return _baseline(article, findings, settings, report)


def _severities(findings: list[Finding], settings) -> list[Finding]:
    if not settings.severities:
        return findings
    return [replace(f, severity=settings.severities[f.rule]) if f.rule in settings.severities else f for f in findings]


def _as_info(finding: Finding, why: str | None) -> Finding:
    """A finding that rests on an uncertain date is said, never above info."""
    if why is None or finding.severity <= Severity.INFO:
        return finding
    return replace(finding, severity=Severity.INFO, message=f"{finding.message} ({why})")


def _baseline(article, findings: list[Finding], settings, report) -> list[Finding]:
    """Fingerprint the findings and leave out those the baseline already has."""
    prints = fingerprints(findings, article.text)
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
