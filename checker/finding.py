"""Findings: what a check reports, as small values never changed once made (detection and printing are separate).

The framework owns severity. A check declares its levels, named kinds of finding with the severity each
has by default (`LEVELS = levels(ID, Severity.WARNING, majority=Severity.INFO)`), and makes its findings
with `found()` (or `ArticleContext.finding()`) naming a level; the finding keeps the level's name, and the
configuration's severities are applied by level (postprocess.configured_severity), so turning a check
up or down keeps the distinction between its levels."""
from __future__ import annotations

import dataclasses
import enum
import operator
from dataclasses import dataclass, field


def pickled_by_fields(cls):
    """Pickle instances of a slotted dataclass as its class and field values. The default
    pickling of slotted classes stores every slot by name; results of worker processes travel by the
    thousand, and this halves the cost of reading them back."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    if len(names) < 2:   # attrgetter of one name gives the value itself, not a tuple
        raise TypeError(f"{cls.__name__}: pickled_by_fields needs at least two fields")
    # attrgetter of several names gives their values as a tuple, read in C: a generator of getattr calls took
    # a third of a worker's time spent pickling its results
    values = operator.attrgetter(*names)

    def __reduce__(self):
        return cls, values(self)
    cls.__reduce__ = __reduce__
    return cls


# VALUES: findings, their locations and evidence, the records of articles (records.py) and the mentions extracted
# from every article (names, numbers, figures, dates) are values, hashable by their fields as frozen dataclasses
# are (unsafe_hash), but not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__,
# several times slower, and they are made by the thousand (findings and records twice: made in a worker, then read
# back through __init__, pickled_by_fields). Nothing changes them once made: dataclasses.replace() makes a new one.


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


DEFAULT = "default"   # the level every check has
_LEVELS: dict[str, dict[str, Severity]] = {}   # rule id → level name → its severity, as the checks declare


def levels(rule: str, default: Severity, **others: Severity) -> dict[str, Severity]:
    """Declare a check's levels: `default` and any others (a keyword `bare_title` is the level
    "bare-title"); the check keeps the result as its LEVELS."""
    declared = {DEFAULT: default, **{name.replace("_", "-"): severity for name, severity in others.items()}}
    _LEVELS[rule] = declared
    return declared


def level_severity(rule: str, level: str) -> Severity:
    try:
        return _LEVELS[rule][level]
    except KeyError:
        raise ValueError(f"{rule} declares no level {level!r}") from None


@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES above
class Location:
    path: str
    line: int          # 1-based
    column: int        # 1-based, in characters
    end_line: int
    end_column: int    # 1-based, exclusive


@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES above
class Place:
    """Where a piece of evidence stands: a rule file or an article, its line (and column when known)."""
    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@pickled_by_fields
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES above
class Evidence:
    """What backs a finding: `source` as shown ("rules/people.yaml:12", "articles/b.md:4", a data file) and
    `place`, the same typed, for the formats that link to it (SARIF, the language server)."""
    source: str        # as shown
    text: str          # what that source says
    place: Place | None = None

    def __post_init__(self) -> None:
        if self.place is None:   # a rule's position, kept as "file:line" text in the compiled rules: read once here
            path, colon, line = self.source.rpartition(":")
            place = Place(path, int(line)) if colon and line.isdigit() and path else Place(self.source)
            self.place = place

    @classmethod
    def at(cls, where, text: str) -> "Evidence":
        """Evidence at a Place, or at anything with a path, a line and a column (an article's record)."""
        place = where if isinstance(where, Place) else Place(where.path, where.line, getattr(where, "column", None))
        return cls(str(place), text, place)


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
@dataclass(slots=True, unsafe_hash=True)   # not frozen: see VALUES above
class Finding:
    rule: str
    message: str
    location: Location
    severity: Severity
    text: str = ""                      # the quoted text of the article
    suggestion: str | None = None
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    fix: Fix | None = None
    level: str = DEFAULT                # which of its check's levels (see levels())

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


def found(rule: str, message: str, location: Location, level: str | Severity = DEFAULT, text: str = "",
          suggestion: str | None = None, evidence: tuple[Evidence, ...] = ()) -> Finding:
    """The one way a check makes a finding: at one of the levels its check declared (by name). A Severity
    instead of a name is a check's one severity, for a check that declares no levels."""
    if isinstance(level, Severity):
        return Finding(rule, message, location, level, text, suggestion, tuple(evidence))
    return Finding(rule, message, location, level_severity(rule, level), text, suggestion, tuple(evidence), None, level)


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
