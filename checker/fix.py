"""Safe fixes: apply the fixes marked safe to the files they were found in, or show them as a diff.

Nothing is written unless asked (`--fix`). A file is written atomically (a temporary file in the
same directory, then a rename) and only if it is still exactly the text that was checked: a file
changed since it was read is refused, never merged.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .finding import Finding, RunError

BOM = "\ufeff"


@dataclass
class FilePlan:
    path: str
    original: str                  # the text as checked (BOM excluded)
    fixed: str
    bom: bool = False
    applied: list[Finding] = field(default_factory=list)

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True), self.fixed.splitlines(keepends=True),
                                            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


def safe_findings(findings: list[Finding]) -> dict[str, list[Finding]]:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None and f.fix.safe:
            by_path.setdefault(f.location.path, []).append(f)
    return by_path


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The text with the fixes applied (overlapping ones after the first are left for the next run)."""
    chosen: list[Finding] = []
    last_start = len(text) + 1
    for f in sorted(findings, key=lambda f: (f.fix.start, f.fix.end), reverse=True):
        fix = f.fix
        if fix.end > last_start or not 0 <= fix.start <= fix.end <= len(text) or text[fix.start:fix.end] != f.text:
            continue
        text = text[:fix.start] + fix.replacement + text[fix.end:]
        last_start = fix.start
        chosen.append(f)
    return text, sorted(chosen, key=Finding.sort_key)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> tuple[bytes, str]:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    return raw, text


def plan(findings: list[Finding], digests: dict[str, str], texts: dict[str, str] | None = None
         ) -> tuple[list[FilePlan], list[RunError]]:
    """What --fix would write, file by file; texts gives articles that are not files (standard input)."""
    plans, errors = [], []
    for path, chosen in sorted(safe_findings(findings).items()):
        if texts and path in texts:
            original, bom = texts[path], False
        else:
            try:
                _, original = _read(Path(path))
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(RunError(path, None, f"not fixed: cannot read it again ({exc})"))
                continue
            bom = original.startswith(BOM)
            original = original[1:] if bom else original
            if _digest(original) != digests.get(path):
                errors.append(RunError(path, None, "not fixed: the file changed since it was checked; run factlint again"))
                continue
        fixed, applied = apply_fixes(original, chosen)
        if applied:
            plans.append(FilePlan(path, original, fixed, bom, applied))
    return plans, errors


def write(file_plan: FilePlan) -> RunError | None:
    """Write one fixed file atomically, refusing it if it changed since it was read for the plan."""
    path = Path(file_plan.path).resolve()   # through a symbolic link: the article, not the link, is fixed
    expected = (BOM if file_plan.bom else "") + file_plan.original
    try:
        raw, current = _read(path)
        if current != expected:
            return RunError(file_plan.path, None, "not fixed: the file changed while it was being fixed")
        mode = os.stat(path).st_mode
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(((BOM if file_plan.bom else "") + file_plan.fixed).encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode & 0o7777)
            if path.read_bytes() != raw:   # a last look: another writer between our read and now
                raise OSError("the file changed while it was being fixed")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, UnicodeDecodeError) as exc:
        return RunError(file_plan.path, None, f"not fixed: {getattr(exc, 'strerror', None) or exc}")
    return None
