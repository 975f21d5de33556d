"""Baselines: the findings an archive already has, so that only new ones are reported.

A finding is recorded by rule, path and a fingerprint of its text and of the line it stands on
(whitespace folded), not by its line number: inserting a paragraph above it does not make it new,
editing the sentence it is in does. Identical findings on identical lines are counted.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .finding import Finding
from .safeio import read_regular

VERSION = 1
MAX_BYTES = 512 * 1024 ** 2   # a baseline of a million findings is about 200 MB


LONG_LINE = 10_000   # characters: a longer line stands for itself by the part around the finding


def fingerprints(findings: list[Finding], article_text: str) -> dict[Finding, str]:
    """Each finding's fingerprint. The text is split into lines and each line folded once, and a line
    longer than LONG_LINE is represented by the LONG_LINE characters around the finding: per finding, a
    1 MB article on one line with thousands of findings took minutes (quadratic)."""
    lines = article_text.splitlines()
    folded: dict[int, bytes] = {}
    return {f: fingerprint(f, lines, folded) for f in findings}


def fingerprint(finding: Finding, lines: list[str], folded: dict[int, bytes] | None = None) -> str:
    """A hash of the rule, the quoted text and the line it stands on (lines: the article's; folded: the
    lines already folded, by index)."""
    index = finding.location.line - 1
    line = lines[index] if 0 <= index < len(lines) else ""
    if len(line) > LONG_LINE:
        middle = finding.location.column - 1
        part = line[max(0, middle - LONG_LINE // 2):middle + LONG_LINE // 2]
        tail = " ".join(part.split()).encode("utf-8")
    else:
        tail = folded.get(index) if folded is not None else None
        if tail is None:
            tail = " ".join(line.split()).encode("utf-8")
            if folded is not None:
                folded[index] = tail
    digest = hashlib.sha256("\0".join((finding.rule, " ".join(finding.text.split()), "")).encode("utf-8"))
    digest.update(tail)
    return digest.hexdigest()[:20]


@dataclass(frozen=True)
class Baseline:
    path: str
    counts: dict[tuple[str, str, str], int]      # (path, rule, fingerprint) → how many

    def for_path(self, path: str) -> Counter:
        return Counter({key: n for key, n in self.counts.items() if key[0] == path})


class BaselineError(ValueError):
    pass


def load(path: Path) -> Baseline:
    try:
        doc = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {getattr(exc, 'reason', None) or exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a factlint baseline (invalid JSON: {exc})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a factlint baseline (invalid JSON: nested too deeply)") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a factlint baseline (expected {{\"version\": {VERSION}, \"findings\": [...]}})")
    counts: Counter = Counter()
    base_dir = path.resolve().parent
    for i, entry in enumerate(doc["findings"]):
        try:
            shown = os.path.relpath(base_dir / str(entry["path"]))   # stored relative to the baseline file
            counts[(shown, str(entry["rule"]), str(entry["fingerprint"]))] += 1
        except (TypeError, KeyError) as exc:
            raise BaselineError(f"{path}: findings[{i}]: missing {exc}") from None
    return Baseline(str(path), dict(counts))


def _relative(shown: str, base_dir: Path) -> str:
    return Path(os.path.relpath(Path(shown).resolve(), base_dir)).as_posix()


def dump(findings: list[Finding], fingerprints: dict, baseline_path: Path) -> str:
    """The baseline file for these findings: sorted, one entry per finding, line and message for people.

    Paths are stored relative to the baseline file, so the baseline works from any directory."""
    base_dir = baseline_path.resolve().parent
    entries = [{"path": _relative(f.location.path, base_dir), "rule": f.rule, "fingerprint": fingerprints[f], "line": f.location.line,
                "message": f.message} for f in findings]
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
