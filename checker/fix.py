"""Safe fixes: apply the fixes marked safe to the files they were found in, or show them as a diff.

A check marks a fix safe when it needs no person to look; `cannot_change_meaning` then keeps only
what cannot damage correct text: a replacement of the finding's own text, within one line, that
changes the letters of one word and keeps every space, apostrophe, hyphen and punctuation mark
("Keir Stramer" → "Keir Starmer", "NSatu" → "NSATU"; never "Kamala Harris'" → "Kamala Harris", never a
name split over a line end joined into one line). Only those are applied, shown by --diff and
given to SARIF as fixes.

Nothing is written unless asked (`--fix`). A file is written atomically (a temporary file in the
same directory, then a rename) and only if it is still exactly the text that was checked: a file
changed since it was read is refused, never merged. A fix is applied only at the finding's own
position, and only where the text there is still the finding's text.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .finding import Finding, RunError
from .textmap import TextMap

BOM = "\ufeff"
_LINE_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _skeleton(text: str) -> str:
    """What a fix must keep: every character that is not a letter or a digit (spaces, apostrophes,
    hyphens, punctuation), in order."""
    return "".join(c for c in text if not c.isalnum())


def cannot_change_meaning(written: str, replacement: str) -> bool:
    """True when replacing written (the finding's text) by replacement only changes the letters of one
    word: no line break on either side, the same spaces and punctuation, every other word kept."""
    if not written or any(b in written or b in replacement for b in _LINE_BREAKS):
        return False
    if _skeleton(written) != _skeleton(replacement):
        return False
    old, new = written.split(), replacement.split()
    return len(old) == len(new) and sum(a != b for a, b in zip(old, new)) == 1


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


def is_safe(finding: Finding) -> bool:
    """A fix --fix applies: marked safe by its check, and one that cannot change meaning."""
    fix = finding.fix
    return fix is not None and fix.safe and cannot_change_meaning(finding.text, fix.replacement)


def judged(finding: Finding) -> Finding:
    """The finding with its fix marked unsafe when it could change meaning (a person must look)."""
    if finding.fix is None or not finding.fix.safe or is_safe(finding):
        return finding
    return replace(finding, fix=replace(finding.fix, safe=False))


def safe_findings(findings: list[Finding]) -> dict[str, list[Finding]]:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if is_safe(f):
            by_path.setdefault(f.location.path, []).append(f)
    return by_path


def _in_place(text: str, textmap: TextMap, f: Finding) -> bool:
    """The fix replaces exactly the finding's text at the finding's position."""
    fix, loc = f.fix, f.location
    return (0 <= fix.start <= fix.end <= len(text) and text[fix.start:fix.end] == f.text
            and textmap.position(fix.start) == (loc.line, loc.column)
            and textmap.position(fix.end) == (loc.end_line, loc.end_column))


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The text with the safe fixes applied, each at its finding's own position (overlapping ones after
    the first are left for the next run)."""
    chosen: list[Finding] = []
    last_start = len(text) + 1
    textmap = TextMap(text)
    for f in sorted((f for f in findings if is_safe(f)), key=lambda f: (f.fix.start, f.fix.end), reverse=True):
        fix = f.fix
        if fix.end > last_start or not _in_place(text, textmap, f):
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
