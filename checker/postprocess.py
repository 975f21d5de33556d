"""What happens to one article's findings after the checks ran: configured severities, fixes that could
change meaning marked unsafe, suppression comments, fingerprints, and the baseline. Kept apart from
the runner so each step stays testable."""
from __future__ import annotations

from dataclasses import replace

from . import fix, suppress
from .finding import DEFAULT, Finding, Severity


def finish(article, findings: list[Finding], settings, report, ran: set[str], known: set[str],
           uncertain=None) -> list[Finding]:
    """The findings to report for this article (the report's counters and fingerprints are updated).
    `ran`: the ids of the checks that ran; `known`: every check id (what a suppression may name);
    `uncertain(finding)` says why a finding rests on an uncertain article date (None: it does not)."""
    directives, problems = suppress.parse(article, known)
    if directives:   # the cross-article findings of the article read it again for them (without_text)
        report.directed.add(article.path)
    if suppress.RULE_ID in ran:   # directives wrong in themselves, judged like any check's findings
        findings = findings + [suppress.problem_finding(article, p) for p in problems]
    findings = [fix.judged(f) for f in _severities(findings, settings)]
    if uncertain is not None:
        findings = [_as_info(f, uncertain(f)) for f in findings]
    findings, unused, suppressed = suppress.apply(article, directives, findings, ran)
    findings += _severities(unused, settings)
    report.suppressed += suppressed
    return _baseline(article, findings, settings, report)


def finish_collection(article, findings: list[Finding], settings, report, known: set[str]) -> list[Finding]:
    """Cross-article findings of one article: severities, suppression and baseline (suppressions that
    silence nothing were already judged with the article's own findings)."""
    findings = _severities(findings, settings)
    directives, _problems = suppress.parse(article, known)
    findings, _unused, suppressed = suppress.apply(article, directives, findings, {f.rule for f in findings})
    report.suppressed += suppressed
    return _baseline(article, findings, settings, report)


def without_text(findings: list[Finding], settings) -> list[Finding]:
    """finish_collection for an article that holds no suppression directive (Report.directed), when neither a
    baseline nor the report needs fingerprints: all it would do is apply the severities, so the article is
    not read again for it."""
    return _severities(findings, settings)


def needs_text(settings) -> bool:
    """Whether the findings of every article are fingerprinted (finish_collection reads each article again)."""
    return settings.baseline is not None or settings.fingerprints


def _severities(findings: list[Finding], settings) -> list[Finding]:
    if not settings.severities:
        return findings
    out = []
    for f in findings:
        severity = configured_severity(f, settings.severities)
        out.append(f if severity == f.severity else replace(f, severity=severity))
    return out


def configured_severity(finding: Finding, configured: dict[str, Severity]) -> Severity:
    """A finding's severity under the configuration (config.severities): "ID.LEVEL" sets its level exactly;
    "ID" sets the default level and caps the others, so a check turned up keeps its quieter levels quiet
    and a check turned down is down throughout."""
    exact = configured.get(f"{finding.rule}.{finding.level}")
    if exact is not None:
        return exact
    whole = configured.get(finding.rule)
    if whole is None:
        return finding.severity
    return whole if finding.level == DEFAULT else min(finding.severity, whole)


def _as_info(finding: Finding, why: str | None) -> Finding:
    """A finding that rests on an uncertain date is said, never above info."""
    if why is None or finding.severity <= Severity.INFO:
        return finding
    return replace(finding, severity=Severity.INFO, message=f"{finding.message} ({why})")


def _baseline(article, findings: list[Finding], settings, report) -> list[Finding]:
    """Fingerprint the findings and leave out those the baseline already has."""
    if not needs_text(settings):
        return findings   # each fingerprint hashes the finding's sentence, found by splitting the whole text anew
    from .baseline import fingerprints   # deferred: a run with neither a baseline nor fingerprints never loads it
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
