"""The result of a run: articles checked, findings, run errors; rendered on demand in every format."""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import FAIL_LEVELS
from .finding import Finding, RunError, Severity, pickled_by_fields

EXIT_OK, EXIT_FINDINGS, EXIT_BROKEN = 0, 1, 2


@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class ArticleSummary:
    """One article checked: its path as shown, its date, how that date was established and how sure it is
    (high, medium, low; None without a date), its language."""
    path: str
    date: str | None
    date_source: str
    date_how: str
    language: str
    date_confidence: str | None = None


@dataclass
class Report:
    """What a run found. `findings` are sorted by path and position (a list; in a run of more articles than
    store.SPILL, a spilled.SpilledFindings: iterable, not indexable, `articles` a spilled.SpilledList:
    iterable, not indexable, and `digests` a spilled.SpilledDigests: a mapping, read from disk when first
    looked up); `errors` mean the run is broken (exit code 2: a bad rule file, an unreadable article);
    `problems` are worth saying but break nothing."""
    articles: list[ArticleSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)      # the run is broken: exit 2
    problems: list[RunError] = field(default_factory=list)    # worth saying, the run goes on
    fingerprints: dict[Finding, str] = field(default_factory=dict)   # for baselines, SARIF and GitLab
    digests: dict[str, str] = field(default_factory=dict)    # path → sha256 of the text checked, for --fix: of
                                                              # the articles whose findings carry a fix
    archive: list[str] = field(default_factory=list)         # articles read as context only, never reported on
    suppressed: int = 0                                       # findings silenced by suppression comments
    baselined: int = 0                                        # findings left out because the baseline has them
    records: list = field(default_factory=list)               # statements of one article, on the way to the runner
    directed: set[str] = field(default_factory=set)           # articles that hold suppression directives

    def keep(self, wanted) -> None:
        """Leave out the findings for which wanted(finding) is false (findings kept on disk stay there)."""
        filtered = getattr(self.findings, "filtered", None)
        self.findings = filtered(wanted) if filtered else [f for f in self.findings if wanted(f)]

    def fingerprinted(self):
        """(finding, its fingerprint or None) in the order of the findings."""
        pairs = getattr(self.findings, "pairs", None)
        return pairs() if pairs else ((f, self.fingerprints.get(f)) for f in self.findings)

    def summary(self) -> dict[str, int]:
        """How many findings of each severity: {"error": n, "warning": n, "info": n}."""
        # deferred: workers build reports and never render them
        from .render import summary
        return summary(self.findings)

    def exit_code(self, fail_on: str = "error") -> int:
        """The command's exit code: 2 when the run is broken, 1 when a finding reaches fail_on, else 0."""
        if fail_on not in FAIL_LEVELS:
            raise ValueError(f"fail_on: expected one of {', '.join(FAIL_LEVELS)}, got {fail_on!r}")
        if self.errors:
            return EXIT_BROKEN
        if fail_on != "never":
            level = Severity.parse(fail_on)
            if any(f.severity >= level for f in self.findings):
                return EXIT_FINDINGS
        return EXIT_OK

    def render(self, fmt: str = "text", **options) -> str:
        """The report in a format of `factlint check --format` (options as for the to_… methods)."""
        # deferred: workers build reports and never render them
        from .render import render
        return render(self, fmt, **options)

    def render_chunks(self, fmt: str = "text", **options):
        """The same text as render(), in pieces to write one after the other (JSON and text: a few hundred
        findings a piece), so that the report of a large archive is never held whole."""
        # deferred: workers build reports and never render them
        from .render import render_chunks
        return render_chunks(self, fmt, **options)

    def to_text(self, color: bool = False) -> str:
        return self.render("text", color=color)

    def to_json(self) -> str:
        return self.render("json")

    def to_markdown(self, link_base: str | None = None, max_chars: int | None = None,
                    full_report: str | None = None) -> str:
        """max_chars: cut the report (summary kept) to fit, default under GitHub's comment limit, 0 for
        no limit; full_report: a link to the whole report, named in the note of a cut report."""
        return self.render("markdown", link_base=link_base, max_chars=max_chars, full_report=full_report)

    def to_sarif(self) -> str:
        return self.render("sarif")

    def to_github(self) -> str:
        return self.render("github")

    def to_gitlab(self) -> str:
        return self.render("gitlab")
