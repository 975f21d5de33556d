"""Baselines: the findings an archive already has, so that only new ones are reported.

A finding is recorded by rule, path and a fingerprint of its quoted text and of the sentence it
stands in (whitespace folded), not by its line number nor by its whole line: inserting a paragraph
above it, or editing another sentence of its paragraph (a news paragraph is one line), does not
make it new; editing its own sentence does. Identical findings in identical sentences are counted.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .extract.sentences import sentence_at, sentences
from .finding import Finding
from .safeio import read_regular
from .textmap import TextMap

VERSION = 2   # 1 fingerprinted the whole line
MAX_BYTES = 512 * 1024 ** 2   # a baseline of a million findings is about 200 MB
LONG_SENTENCE = 10_000   # characters: a longer "sentence" stands for itself by the part around the finding


def fingerprints(findings: list[Finding], article_text: str) -> dict[Finding, str]:
    """A hash of each finding's rule, quoted text and the sentence it starts in. Each sentence is folded
    once, and one longer than LONG_SENTENCE (a megabyte without a full stop) is represented by the part
    around the finding: per finding, the whole of it made such a text quadratic."""
    if not findings:
        return {}
    textmap, spans = TextMap(article_text), sentences(article_text)
    folded: dict[tuple[int, int], bytes] = {}
    out = {}
    for f in findings:
        try:
            offset = min(textmap.line_start(max(f.location.line, 1)) + f.location.column - 1, len(article_text))
        except IndexError:   # a position past the text (a finding of an article changed since): its end
            offset = len(article_text)
        start, end = sentence_at(spans, offset)
        if end - start > LONG_SENTENCE:
            part = article_text[max(start, offset - LONG_SENTENCE // 2):min(end, offset + LONG_SENTENCE // 2)]
            sentence = " ".join(part.split()).encode("utf-8")
        else:
            sentence = folded.get((start, end))
            if sentence is None:
                sentence = folded[(start, end)] = " ".join(article_text[start:end].split()).encode("utf-8")
        digest = hashlib.sha256("\0".join((f.rule, " ".join(f.text.split()), "")).encode("utf-8"))
        digest.update(sentence)
        out[f] = digest.hexdigest()[:20]
    return out


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
    if isinstance(doc, dict) and doc.get("version") == 1:
        raise BaselineError(f"{path}: a baseline of an older factlint (version 1, by whole lines); write it again "
                            "with --write-baseline")
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


def dump(fingerprinted: Iterable[tuple[Finding, str]], baseline_path: Path) -> str:
    """The baseline file for these (finding, fingerprint) pairs (Report.fingerprinted()): sorted, one entry
    per finding, line and message for people.

    Paths are stored relative to the baseline file, so the baseline works from any directory."""
    base_dir = baseline_path.resolve().parent
    entries = [{"path": _relative(f.location.path, base_dir), "rule": f.rule, "fingerprint": fingerprint,
                "line": f.location.line, "message": f.message} for f, fingerprint in fingerprinted]
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
