"""The real-text gate: factlint on real published news that nobody here wrote (`../shared/corpora/`).

Every corpus is checked as a user would check it, through the installed package's Python API (`import
factlint`): the dated copies of a corpus as one archive (every check, the cross-article ones included),
and the undated copies article by article, to measure how the date is established (the real dates are
in the corpus's `manifest.tsv`). What the gate asks:

- no warning or error that is not on the reviewed list of true positives (`true_positives.tsv`) or,
  for now, on the list of known false positives being fixed (`pending.tsv`, which may only shrink);
- no pending entry that no longer occurs (remove it when its cause is fixed);
- no article of an undated copy dated wrong by more than 30 days (dating fewer articles is fine).

`python -m tests.realtext` prints the report (see `docs/realtext.md`); `tests/test_realtext.py` fails on it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TRUE_POSITIVES = HERE / "true_positives.tsv"
PENDING = HERE / "pending.tsv"
COLUMNS = ("corpus", "path", "line", "rule", "reason")
PENDING_PREFIX = "open: "
REPORTED = ("error", "warning")     # infos are not judged: they never fail a CI run
CLOSE_DAYS = 3                       # a date this close to the real one is right
WRONG_DAYS = 30                      # a date further than this from the real one is wrong


def shared_dir() -> Path | None:
    """The shared material: $FACTLINT_SHARED, else ../shared beside the project (as tests/conftest.py)."""
    candidate = Path(os.environ.get("FACTLINT_SHARED", ROOT.parent / "shared"))
    return candidate if (candidate / "corpora").is_dir() else None


# -- the corpora ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Copy:
    """One folder to check: `name` as the lists write it ("timebank-en/dated", "wikinews-fr")."""
    name: str
    folder: Path
    real_dates: dict[str, dt.date] | None = None   # undated copies: path in the copy → the real date
    in_memory: bool = False     # an undated copy made by taking the date out of the articles' front matter

    @property
    def undated(self) -> bool:
        return self.real_dates is not None


_FRONT_MATTER_DATE = re.compile(r"\A(---\r?\n(?:.*\r?\n)*?)date:[ \t]*['\"]?(\d{4}-\d\d-\d\d)['\"]?[ \t]*\r?\n")


def copies(corpora: Path) -> list[Copy]:
    """Every copy of every corpus: a corpus with dated/, undated/ and manifest.tsv; or a folder of articles
    whose front matter gives each its date, and its undated copy made in memory (front matter date removed)."""
    found = []
    for corpus in sorted(p for p in corpora.iterdir() if p.is_dir()):
        manifest = corpus / "manifest.tsv"
        if not manifest.is_file():
            found.append(Copy(corpus.name, corpus))
            real = {p.relative_to(corpus).as_posix(): _front_matter_date(p) for p in sorted(corpus.rglob("*.md"))}
            if real and all(real.values()):
                found.append(Copy(f"{corpus.name}/undated", corpus, real, in_memory=True))
            continue
        real = {}
        with manifest.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                real[(corpus / row["undated"]).relative_to(corpus / "undated").as_posix()] = dt.date.fromisoformat(row["date"])
        found.append(Copy(f"{corpus.name}/dated", corpus / "dated"))
        found.append(Copy(f"{corpus.name}/undated", corpus / "undated", real))
    return found


def _front_matter_date(path: Path) -> dt.date | None:
    m = _FRONT_MATTER_DATE.match(path.read_text(encoding="utf-8"))
    return dt.date.fromisoformat(m.group(2)) if m else None


def _without_date(path: Path) -> str:
    return _FRONT_MATTER_DATE.sub(r"\1", path.read_text(encoding="utf-8"), count=1)


# -- the reviewed lists --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    corpus: str
    path: str
    line: int
    rule: str
    reason: str
    where: str = ""            # file:line of the entry, for messages

    @property
    def key(self) -> tuple[str, str, int, str]:
        return self.corpus, self.path, self.line, self.rule


class ListError(ValueError):
    pass


def read_list(path: Path) -> list[Entry]:
    """A reviewed list: tab-separated corpus, path, line, rule, reason; '#' starts a comment line."""
    entries = []
    if not path.is_file():
        return entries
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise ListError(f"{where}: expected {len(COLUMNS)} tab-separated fields ({', '.join(COLUMNS)}), got {len(fields)}")
        corpus, article, lineno, rule, reason = (f.strip() for f in fields)
        if not lineno.isdigit():
            raise ListError(f"{where}: line {lineno!r} is not a number")
        if not reason:
            raise ListError(f"{where}: the reason is empty")
        entries.append(Entry(corpus, article, int(lineno), rule, reason, where))
    return entries


# -- running factlint ------------------------------------------------------------------------------------
@dataclass
class Result:
    copy: Copy
    articles: list[dict] = field(default_factory=list)    # the JSON report's article entries
    findings: list[dict] = field(default_factory=list)    # its warnings and errors, "path" relative to the copy
    broken: list[str] = field(default_factory=list)       # the run's own errors (exit code 2, stderr)


def _cross_article_checks() -> list[str]:
    from checker.checks import REGISTRY
    return sorted(check_id for check_id, module in REGISTRY.items() if hasattr(module, "check_collection"))


def check(copy: Copy, rules: Path = ROOT / "rules") -> Result:
    """factlint on one copy, through the installed package's Python API (import factlint). The undated copies are the dated
    texts again: their cross-article comparison is the dated copy's; they are checked for what their dates
    change, article by article."""
    import factlint
    ignore = _cross_article_checks() if copy.undated else None
    linter = factlint.Linter({}, root=ROOT, rules=[rules], ignore=ignore, jobs=os.cpu_count() or 1)
    if copy.in_memory:
        base = Path.cwd()
        report = linter.check(texts={name: _without_date(copy.folder / name) for name in copy.real_dates})
    else:
        base = copy.folder.resolve()
        report = linter.check_paths([copy.folder])
    result = Result(copy, broken=[str(e) for e in report.errors])
    for article in report.articles:
        entry = {"path": _relative(article.path, base), "date": article.date, "date_source": article.date_source,
                 "date_how": article.date_how, "language": article.language}
        if hasattr(article, "date_confidence"):
            entry["date_confidence"] = article.date_confidence
        result.articles.append(entry)
    for f in report.findings:
        if f.severity.label in REPORTED:
            result.findings.append({"path": _relative(f.location.path, base), "line": f.location.line,
                                    "column": f.location.column, "rule": f.rule, "severity": f.severity.label,
                                    "message": f.message})
    return result


def _relative(path: str, base: Path) -> str:
    full = (Path.cwd() / path).resolve()
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return path


# -- judging -----------------------------------------------------------------------------------------------
@dataclass
class Verdict:
    results: list[Result]
    true_positives: list[Entry]
    pending: list[Entry]
    listed: dict[int, str] = field(default_factory=dict)   # id(finding) → "true positive" or the pending reason
    unexpected: list[tuple[str, dict]] = field(default_factory=list)   # (copy, finding) on neither list
    gone: list[Entry] = field(default_factory=list)        # pending entries that no longer occur
    lost: list[Entry] = field(default_factory=list)        # true positives no longer found
    wrong_dates: list[tuple[str, dict, dt.date]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    @property
    def regressions(self) -> bool:
        """What the test fails on."""
        return bool(self.unexpected or self.gone or self.lost or self.wrong_dates or self.broken)

    @property
    def met(self) -> bool:
        """The gate: no regression and nothing pending."""
        return not self.regressions and not self.pending


def judge(results: list[Result], true_positives: list[Entry], pending: list[Entry]) -> Verdict:
    """Match findings to list entries one for one (several findings on one line need as many entries)."""
    checked = {r.copy.name for r in results}
    # a corpus not run this time (--corpus) says nothing about its entries
    true_positives = [e for e in true_positives if e.corpus in checked]
    pending = [e for e in pending if e.corpus in checked]
    verdict = Verdict(results, true_positives, pending)
    wanted: dict[tuple, list[tuple[Entry, str]]] = {}
    for entry in true_positives:
        wanted.setdefault(entry.key, []).append((entry, "true positive"))
    for entry in pending:
        wanted.setdefault(entry.key, []).append((entry, entry.reason))
    for result in results:
        verdict.broken += [f"{result.copy.name}: {line}" for line in result.broken]
        for finding in result.findings:
            key = (result.copy.name, finding["path"], finding["line"], finding["rule"])
            entries = wanted.get(key)
            if entries:
                _entry, label = entries.pop(0)
                verdict.listed[id(finding)] = label
            else:
                verdict.unexpected.append((result.copy.name, finding))
        if result.copy.undated:
            for article in result.articles:
                real = result.copy.real_dates.get(article["path"])
                if article["date"] and real and _days(article["date"], real) > WRONG_DAYS:
                    verdict.wrong_dates.append((result.copy.name, article, real))
    for entries in wanted.values():
        for entry, label in entries:
            (verdict.lost if label == "true positive" else verdict.gone).append(entry)
    return verdict


def _days(date: str, real: dt.date) -> int:
    return abs((dt.date.fromisoformat(date) - real).days)


def dating_row(result: Result) -> dict:
    """Articles, dated, within 3 days, wrong by more than 30 days, for an undated copy."""
    real = result.copy.real_dates or {}
    dated = [a for a in result.articles if a["date"]]
    close = [a for a in dated if _days(a["date"], real[a["path"]]) <= CLOSE_DAYS]
    wrong = [a for a in dated if _days(a["date"], real[a["path"]]) > WRONG_DAYS]
    return {"corpus": result.copy.name, "articles": len(result.articles), "dated": len(dated),
            "within_3_days": len(close), "wrong_by_over_30_days": len(wrong),
            "wrong": [{"path": a["path"], "date": a["date"], "real": real[a["path"]].isoformat(),
                       "date_source": a["date_source"], "date_confidence": a.get("date_confidence"),
                       "how": a.get("date_how")} for a in wrong]}


def run(corpora: Path, only: list[str] | None = None) -> Verdict:
    """Check every copy (or those named in `only`: a corpus name selects its dated and undated copies)."""
    selected = [c for c in copies(corpora)
                if not only or c.name in only or c.name.split("/")[0] in only]
    if only:
        unknown = set(only) - {c.name for c in selected} - {c.name.split("/")[0] for c in selected}
        if unknown:
            raise ListError(f"unknown corpus {', '.join(sorted(unknown))}: "
                            f"expected one of {', '.join(c.name for c in copies(corpora))}")
    results = [check(copy) for copy in selected]
    return judge(results, read_list(TRUE_POSITIVES), read_list(PENDING))


# -- the report -------------------------------------------------------------------------------------------
def as_json(verdict: Verdict) -> dict:
    def entry(e: Entry) -> dict:
        return {"corpus": e.corpus, "path": e.path, "line": e.line, "rule": e.rule, "reason": e.reason}
    copies_out = []
    for result in verdict.results:
        findings = [{**f, "status": verdict.listed.get(id(f), "unexpected")} for f in result.findings]
        item = {"corpus": result.copy.name, "articles": len(result.articles), "findings": findings,
                "by_rule": dict(Counter(f"{f['rule']} ({f['severity']})" for f in result.findings))}
        if result.copy.undated:
            item["dating"] = dating_row(result)
        copies_out.append(item)
    return {"corpora": copies_out, "unexpected": len(verdict.unexpected), "pending": len(verdict.pending),
            "pending_gone": [entry(e) for e in verdict.gone], "true_positives_lost": [entry(e) for e in verdict.lost],
            "wrong_dates": len(verdict.wrong_dates), "broken": verdict.broken,
            "regressions": verdict.regressions, "met": verdict.met}


def as_text(verdict: Verdict, listing: bool = True) -> str:
    from tabulate import tabulate
    out = io.StringIO()
    rows = []
    for result in verdict.results:
        counts = Counter((f["rule"], f["severity"], _status(verdict, f)) for f in result.findings)
        for rule, severity in sorted({(rule, severity) for rule, severity, _ in counts}):
            rows.append([result.copy.name, len(result.articles), rule, severity,
                         sum(n for k, n in counts.items() if k[:2] == (rule, severity)),
                         counts[rule, severity, "true positive"], counts[rule, severity, "pending"],
                         counts[rule, severity, "unexpected"]])
        if not counts:
            rows.append([result.copy.name, len(result.articles), "-", "-", 0, 0, 0, 0])
    print("Warnings and errors per corpus and rule (pending: known false positives being fixed; "
          "unexpected: on neither list)\n", file=out)
    print(tabulate(rows, ["corpus", "articles", "rule", "severity", "findings", "true positives", "pending", "unexpected"], tablefmt="github"), file=out)
    if listing:
        for result in verdict.results:
            for f in result.findings:
                print(f"{result.copy.name}/{f['path']}:{f['line']}: {f['rule']} ({f['severity']}, "
                      f"{_status(verdict, f)}): {f['message']}", file=out)
    dating = [dating_row(r) for r in verdict.results if r.copy.undated]
    if dating:
        print("\nDating of the undated copies (real dates: manifest.tsv, or the front matter of a copy made in memory)\n", file=out)
        print(tabulate([[d["corpus"], d["articles"], d["dated"], d["within_3_days"], d["wrong_by_over_30_days"]]
                        for d in dating],
                       ["corpus", "articles", "dated", f"within {CLOSE_DAYS} days", f"wrong by > {WRONG_DAYS} days"],
                       tablefmt="github"), file=out)
        for d in dating:
            for w in d["wrong"]:
                print(f"{d['corpus']}/{w['path']}: dated {w['date']} ({w['date_source']}"
                      f"{', ' + w['date_confidence'] if w['date_confidence'] else ''}), really {w['real']}"
                      f"{': ' + w['how'] if w['how'] else ''}", file=out)
    print("", file=out)
    for copy_name, f in verdict.unexpected:
        print(f"UNEXPECTED {copy_name}\t{f['path']}\t{f['line']}\t{f['rule']}\t{f['message']}", file=out)
    for e in verdict.gone:
        print(f"PENDING ENTRY NO LONGER OCCURS ({e.where}): {e.corpus}/{e.path}:{e.line} {e.rule}: remove it", file=out)
    for e in verdict.lost:
        print(f"TRUE POSITIVE NO LONGER FOUND ({e.where}): {e.corpus}/{e.path}:{e.line} {e.rule}", file=out)
    for line in verdict.broken:
        print(f"BROKEN RUN {line}", file=out)
    if verdict.met:
        print("Gate met: no finding beyond the reviewed true positives, nothing pending, no date wrong by more "
              f"than {WRONG_DAYS} days.", file=out)
    elif verdict.regressions:
        print(f"Gate failed: {len(verdict.unexpected)} unexpected finding(s), {len(verdict.gone)} stale pending "
              f"entr(y/ies), {len(verdict.lost)} lost true positive(s), {len(verdict.wrong_dates)} date(s) wrong by "
              f"more than {WRONG_DAYS} days, {len(verdict.broken)} broken run line(s).", file=out)
    else:
        print(f"Gate not met yet: no regression, but {len(verdict.pending)} pending false positive(s) remain "
              f"({PENDING.relative_to(ROOT)}).", file=out)
    return out.getvalue()


def _status(verdict: Verdict, finding: dict) -> str:
    label = verdict.listed.get(id(finding))
    if label is None:
        return "unexpected"
    return "true positive" if label == "true positive" else "pending"


def installed_package() -> Path:
    """Where `checker` comes from. The gate tests the installed package, never the tree beside it: `python -m`
    from the project root puts the root first on sys.path, where ./checker would shadow the installed one
    (an editable install's own path entry, added by its .pth file, is kept)."""
    if sys.path and Path(sys.path[0] or ".").resolve() == ROOT:
        del sys.path[0]
    import checker
    return Path(checker.__file__).resolve().parent
