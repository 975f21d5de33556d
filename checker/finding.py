"""Findings: what a check reports, as small immutable values (detection and printing are separate)."""
from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field


def pickled_by_fields(cls):
    """Pickle instances of a frozen, slotted dataclass as its class and field values. The default
    pickling of slotted classes stores every slot by name; results of worker processes travel by the
    thousand, and this halves the cost of reading them back."""
    names = tuple(f.name for f in dataclasses.fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, name) for name in names)
    cls.__reduce__ = __reduce__
    return cls


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int          # 1-based
    column: int        # 1-based, in characters
    end_line: int
    end_column: int    # 1-based, exclusive


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    source: str        # "rules/people.yaml:12" or "articles/b.md:4"
    text: str          # what that source says


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of the article text: offsets into the text as read (BOM excluded), end exclusive.

    `safe` means the fix can be applied without a person looking: a name spelling or an acronym case
    with one unambiguous suggestion. `factlint check --fix` applies only safe fixes."""
    start: int
    end: int
    replacement: str
    safe: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    message: str
    location: Location
    severity: Severity
    text: str = ""                      # the quoted text of the article
    suggestion: str | None = None
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RunError:
    """A problem with the run itself (unreadable file, bad rule file): exit code 2."""
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
