"""The compiled facts: people, offices, organisations, events, figures and rates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class TitleForm:
    text: str
    gender: str           # "m", "f" or "n" (either)
    lang: str


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    titles: tuple[TitleForm, ...]
    single_holder: bool
    where: str            # "rules/offices.yaml:12"
    source: str


@dataclass(frozen=True, slots=True)
class Term:
    office: str
    start: dt.date
    end: dt.date | None   # None while in office
    where: str

    @property
    def last_day(self) -> dt.date:
        return self.end or FAR_FUTURE

    def covers(self, day: dt.date) -> bool:
        # The day a term ends is the first day of the successor: it belongs to the next term.
        return self.start <= day < self.last_day

    def describe(self) -> str:
        return f"from {self.start.isoformat()} to {self.end.isoformat()}" if self.end else f"since {self.start.isoformat()}"


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    gender: str
    aliases: tuple[str, ...]
    variants: tuple[str, ...]
    terms: tuple[Term, ...]
    where: str
    source: str

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases + self.variants

    def terms_of(self, office_ids) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.office in office_ids)


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    descriptions: dict[str, tuple[str, ...]]
    where: str
    source: str

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases + self.acronyms


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    names: dict[str, tuple[str, ...]]
    start: dt.date
    end: dt.date
    where: str
    source: str
    kind: str | None = None                       # "accession", "signature", …: words of the language say it
    participants: dict[str, tuple[str, ...]] = field(default_factory=dict)   # who or what, per language
    organisation: str | None = None               # what was joined: an organisation of the rules


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    about: dict[str, tuple[str, ...]]
    subject: str
    value: str
    unit: str | None
    by: int | None
    tolerance: float
    where: str
    source: str
    subject_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)   # words that name the subject
    since: dt.date | None = None      # the figure holds from this day (a new member, a new target)
    until: dt.date | None = None      # … and until this day


@dataclass(frozen=True, slots=True)
class Rate:
    pair: str
    start: dt.date
    end: dt.date
    rate: float
    where: str
    source: str


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence that must (fail) or must not (pass) be flagged: the rule file's own test."""
    entry: str            # "people.olaf-scholz"
    where: str            # "rules/people.yaml:40"
    text: str
    flagged: bool         # True: must be flagged (by `rule`); False: must not be
    rule: str | None      # the check id; for a pass example, None means no check at all
    date: dt.date | None
    lang: str | None
    suggestion: str | None


@dataclass
class Rules:
    offices: dict[str, Office] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    rates: dict[str, tuple[Rate, ...]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    examples: list[RuleExample] = field(default_factory=list)
