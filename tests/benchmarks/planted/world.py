"""What the shipped rules know at an article's date: who holds which office, who held one before,
the events already past and the figures that hold. Planted facts come from here, so that a trap
is right by the rules and an error is wrong by them, whatever the article's date."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from checker import facts
from checker.facts.model import Event, Fact, Person, Term


@functools.lru_cache(maxsize=None)
def factbase(rules: Path):
    base, errors = facts.load_factbase([rules], use_cache=True)
    if base is None or errors:
        raise SystemExit(f"the rules under {rules} do not load: {errors[:1]}")
    return base


@dataclass(frozen=True)
class Holding:
    person: Person
    office: str
    term: Term


class World:
    """The rules seen from one day."""

    def __init__(self, base, day: dt.date) -> None:
        self.base, self.day = base, day

    @functools.cached_property
    def holders(self) -> list[Holding]:
        """Office holders on the day, each office once, in a stable order."""
        out = []
        for office in sorted(self.base.holders):
            held = self.base.holder_at(office, self.day)
            if held is not None:
                out.append(Holding(held[1], office, held[0]))
        return out

    @functools.cached_property
    def formers(self) -> list[Holding]:
        """People whose last term of an office ended in the 25 years before the day and who do not
        hold it on the day (the last term each)."""
        out = []
        for office in sorted(self.base.holders):
            last: dict[str, Holding] = {}
            for term, person in self.base.holders[office]:
                if term.end and self.day - dt.timedelta(days=25 * 365) < term.end <= self.day:
                    last[person.id] = Holding(person, office, term)
            current = self.base.holder_at(office, self.day)
            for pid, holding in sorted(last.items()):
                if current is None or current[1].id != pid:
                    out.append(holding)
        return out

    def future_holders(self, within_days: int = 3650) -> list[Holding]:
        """People who first take an office after the day (within the given time): not yet in it."""
        out = []
        for office in sorted(self.base.holders):
            for term, person in self.base.holders[office]:
                before = [t for t in person.terms_of({office}) if t.start <= self.day]
                if self.day < term.start <= self.day + dt.timedelta(days=within_days) and not before:
                    out.append(Holding(person, office, term))
        return out

    def titles(self, office: str, lang: str, gender: str) -> list[str]:
        """The office's title forms in the language for that gender (epicene forms included)."""
        forms = [f.text for f in self.base.office(office).titles if f.lang == lang and f.gender in (gender, "n")]
        return sorted(set(forms), key=lambda t: (-len(t), t))

    def specific_titles(self, office: str, lang: str, gender: str) -> list[str]:
        """Title forms that name this office alone ("président américain", not "président")."""
        return [t for t in self.titles(office, lang, gender) if self.base.is_specific(lang, t)]

    @functools.cached_property
    def past_events(self) -> list[Event]:
        return sorted((e for e in self.base.rules.events.values() if e.end < self.day), key=lambda e: e.start)

    def facts_holding(self) -> list[Fact]:
        return [f for f in self.base.rules.facts.values()
                if (f.since is None or f.since <= self.day) and (f.until is None or self.day < f.until)]
