"""Check each planted copy on its own, in-process through factlint's Python API, from a temporary folder
(never the repository): one copy at a time, or with its partner for the pair kinds, since a copy
beside its own original would hand the cross-article checks the answer."""
from __future__ import annotations

import multiprocessing
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import factlint
from checker.articles import display_path

from .corpus import Host, plant
from .model import Case

REPORTED = ("warning", "error")


@dataclass(frozen=True)
class Seen:
    """A finding as the benchmark reports it."""
    rule: str
    severity: str
    line: int
    column: int
    message: str

    def covers(self, line: int, first: int, last: int) -> bool:
        return self.line == line and first <= self.column <= last


@dataclass
class Result:
    case: Case
    hits: list[Seen] = field(default_factory=list)   # the findings on the planted sentence

    @property
    def found(self) -> bool:
        return any(s.rule == self.case.kind and s.severity in REPORTED for s in self.hits)

    @property
    def info_only(self) -> bool:
        return not self.found and any(s.rule == self.case.kind for s in self.hits)

    @property
    def flagged(self) -> bool:
        return any(s.severity in REPORTED for s in self.hits)


_STATE: dict = {}


def _init(hosts: dict[str, Host], rules: Path) -> None:
    _STATE["hosts"] = hosts
    # no configuration file: the defaults, with the rules measured
    _STATE["linter"] = factlint.Linter(config={}, root=rules.parent, rules=[rules], baseline=False)
    _STATE["dir"] = Path(tempfile.mkdtemp(prefix="factlint-planted-"))


def _findings(paths: list[Path]) -> list:
    report = _STATE["linter"].check_paths(paths)
    if report.errors:
        raise RuntimeError(f"factlint could not check {paths}: {report.errors[0]}")
    return report.findings


def check_case(case: Case) -> Result:
    hosts, folder = _STATE["hosts"], _STATE["dir"]
    for old in folder.iterdir():
        old.unlink()
    host = hosts[case.host]
    copy = plant(host, case.sentence, case.where, case.append)
    path = folder / ("a-" + Path(case.host).name)
    path.write_text(copy.text, encoding="utf-8")
    paths = [path]
    if case.partner:
        partner = hosts[case.partner]
        text = partner.text
        if case.partner_sentence:
            text = plant(partner, case.partner_sentence, case.partner_where, False).text
        other = folder / ("b-" + Path(case.partner).name)
        other.write_text(text, encoding="utf-8")
        paths.append(other)
    shown = display_path(path)
    hits = [Seen(f.rule, f.severity.label, f.location.line, f.location.column, f.message)
            for f in _findings(paths) if f.location.path == shown]
    last = copy.last_column
    return Result(case, [s for s in hits if s.covers(copy.line, copy.first_column, last)])


def check_original(name: str) -> list[tuple[str, Seen]]:
    """The warnings and errors on a host as it is, checked alone as its copies are."""
    folder = _STATE["dir"]
    for old in folder.iterdir():
        old.unlink()
    path = folder / Path(name).name
    path.write_text(_STATE["hosts"][name].text, encoding="utf-8")
    return [(name, Seen(f.rule, f.severity.label, f.location.line, f.location.column, f.message))
            for f in _findings([path]) if f.severity.label in REPORTED]


def check_all(cases: list[Case], originals: list[str], hosts: dict[str, Host], rules: Path, jobs: int):
    """(results of the cases, warnings and errors on the unmutated hosts), on `jobs` processes."""
    if jobs <= 1:
        _init(hosts, rules)
        return [check_case(c) for c in cases], [s for n in originals for s in check_original(n)]
    with multiprocessing.get_context("fork").Pool(jobs, _init, (hosts, rules)) as pool:
        results = pool.map(check_case, cases, chunksize=8)
        seen = pool.map(check_original, originals, chunksize=8)
    return results, [s for part in seen for s in part]
