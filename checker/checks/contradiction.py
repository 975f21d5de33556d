"""The same claim given two incompatible values, in different articles or in one.

## What it finds
Two claims (a figure, or the date of a named event) contradict when they have the same subject, the same
measure and the same period, all three known on both sides (see docs/claims.md), and values that are
incompatible beyond the precision they are written with and their bounds: "2 milliards" allows 1.5 to 2.5
billion, "1,2 milliard" 1.15 to 1.25; "plus de 700" is 700 or more, "environ 2 milliards" about 10 % either
side, "jusqu'à 1 200" at most 1 200; a ten-fold difference is incompatible whatever the bounds ("plus de
8 000" and "plus de 80 000"), and so are two lower bounds further apart than one value rounded down by two
writers: two units of the smaller's first digit ("plus de 60 000" and "plus de 100 000"; not "more than
100,000" and "more than 130,000"). Dates of events disagree by a day. Their clauses must also be alike: context
words, numbers left out, score at least `threshold` (rapidfuzz token set ratio, shown in the message).

- The subject is whom the figure belongs to (the names of its clause, else of its sentence, its paragraph,
  the article's main subject when it has a single one); a claim whose subject is unknown is never compared.
- The measure is what is counted ("net income", "États membres", "death toll"), with the role of the
  figure: a level, a change ("rose 5 %"), the start of one ("from $2.9 million").
- The period is what time it is about: a date, month, quarter, year, "a year earlier", "the nine months", the
  sentence before's ("For the nine months, …"), or the article's own time. The future is not compared.

A count that changes with time (a toll, members, troops, prices, an index) given in articles of different
days is an update, not a contradiction; the article's own time is the same time only for articles at most
`max_days_apart` days apart. Two figures of one sentence are never compared, nor two different figures of the
same sentence written in two articles. Each side is reported, shows the subject, measure and period of both,
and cites the other as evidence (path:line and the sentence). A disagreement between figures attributed to
different sources ("selon le parquet … selon la fédération") is info only, and so is a claim whose every rival
disagrees with more claims than it does: the value of the majority, facing the odd one out (which gets the
warning).

## Why it matters
The same figure must agree across everything a newsroom publishes, whether or not anyone wrote a rule for it;
a desk editor cannot remember every figure of the archive.

## Fails
```text
a.md: Le gouvernement a annoncé une aide de 2 milliards d'euros à l'Ukraine.
b.md: Mardi, le gouvernement a annoncé une aide de 1,2 milliard d'euros à l'Ukraine.
```
```text
L'Union européenne compte 27 États membres. (…) Les 28 États membres de l'Union européenne ont signé.
```
```text
a.md: Plus de 8 000 soldats ont été déployés par l'OTAN en Roumanie.
b.md: Plus de 80 000 soldats ont été déployés par l'OTAN en Roumanie.
```
```text
a.md: Le sommet de l'OTAN à La Haye aura lieu les 24 et 25 juin 2025.
b.md: Le sommet de l'OTAN à La Haye s'ouvrira le 7 juillet 2025.
```

## Passes
```text
Savin Corp. reported a third-quarter net loss of $35.2 million. (…) In the year-ago quarter, the company had
net income of $3.8 million.                                    (other periods)
a.md (2 August): The toll rose to 40 dead.  b.md (26 August): The toll rose to 247 dead.   (an update)
The Nikkei index fell 151.20 points on Friday. (…) On Monday, the Nikkei index fell 148.85 points.
Les alliés consacrent 3,5 % du PIB aux dépenses de défense de base, et 5 % au total.
En 2014, les alliés visaient 2 % du PIB ; ils visent 5 % du PIB d'ici 2035.
a.md: Sales rose 6.2% to $1.45 billion.  b.md: Sales rose 6.7% to $4.27 billion.   (other companies)
```
Reported as info only:
```text
Selon le parquet, la manifestation a réuni 12 000 personnes. Selon la fédération, la manifestation a réuni 30 000 personnes.
```

## Options
- `threshold` (number, default 50): the least context score (0-100) for two claims to be the same.
- `tolerance` (number, default 0.01): the relative difference below which two values agree (when larger than
  half the precision written).
- `max_block` (integer, default 400): a blocking key shared by more claims than this is not used.
- `max_days_apart` (integer, default 7): claims of the article's own time (no period said) in articles dated
  further apart than this are of different times and are not compared.
"""
from __future__ import annotations

from array import array
from bisect import insort
from dataclasses import dataclass, field
from operator import itemgetter

from ..finding import DEFAULT, Evidence, Finding, Location, Severity, found, levels
from ..match import Claim, contradiction

ID = "contradiction"
SEVERITY = Severity.WARNING
# attributed: the texts themselves say the sources differ; majority: the other side disagrees with more claims
LEVELS = levels(ID, SEVERITY, attributed=Severity.INFO, majority=Severity.INFO)
OPTIONS = {
    "threshold": (float, 50.0, "least context score (0-100) for two claims to be the same"),
    "tolerance": (float, 0.01, "relative difference below which two values agree"),
    "max_block": (int, 400, "a blocking key shared by more claims is not used"),
    "max_days_apart": (int, 7, "claims of the article's own time in articles further apart are not compared"),
}
MAX_EVIDENCE = 5


def prepare(claim, options) -> Claim:
    return Claim(claim, options["tolerance"])


def judge(a: Claim, b: Claim, options):
    return contradiction(a, b, options["threshold"], options["max_days_apart"])


@dataclass(frozen=True, slots=True)
class _Side:
    """What a finding says of one claim of a conflict, kept instead of the claim's record (a tenth of its size:
    an archive with many conflicts holds thousands)."""
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    written: str
    what: str
    evidence: Evidence       # one object, shared by every finding that cites this claim

    def order(self) -> tuple:
        return (self.path, self.line, self.column)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _side(claim) -> _Side:
    what = _what(claim)
    return _Side(claim.path, claim.line, claim.column, claim.end_line, claim.end_column, claim.written, what,
                 Evidence.at(claim, f"{claim.quoted} [{what}]"))


@dataclass(slots=True)
class _Tally:
    """What the finding of one claim needs of its conflicts, kept as the verdicts come: how many, whether
    every one is attributed, the best MAX_EVIDENCE (by score, then place), and the other sides as numbers for
    the majority test once every claim's count is known. An archive with many conflicts holds one per claim,
    not one entry per pair."""
    side: _Side
    number: int                                            # its place in the list of every tally
    place: tuple                                           # the claim's order()
    count: int = 0
    attributed: bool = True
    best: list = field(default_factory=list)               # ((-score, the other's place), its tally), best first
    others: array = field(default_factory=lambda: array("i"))   # the others' numbers

    def add(self, score: float, attributed: bool, other: "_Tally") -> None:
        self.count += 1
        if not attributed:
            self.attributed = False
        self.others.append(other.number)
        rank = (-score, other.place)
        if len(self.best) == MAX_EVIDENCE and rank >= self.best[-1][0]:
            return   # it would come after the last kept (after its equals: the order the verdicts came in)
        insort(self.best, (rank, other), key=itemgetter(0))
        del self.best[MAX_EVIDENCE:]


def _conflicts(verdicts, collection) -> tuple[dict[tuple, _Tally], list[_Tally], dict[tuple, object]]:
    """The conflicts of each claim, by its order and by its number; and the records of the archived claims
    among them (their own conflicts are looked for over the archive)."""
    tallies: dict[tuple, _Tally] = {}
    numbered: list[_Tally] = []
    archived: dict[tuple, object] = {}
    for a, b, (score, attributed) in verdicts:
        ends = []
        for claim in (a, b):
            key = claim.order()
            tally = tallies.get(key)
            if tally is None:
                if not collection.is_checked(claim.path):
                    archived[key] = claim
                tally = tallies[key] = _Tally(_side(claim), len(numbered), key)
                numbered.append(tally)
            ends.append(tally)
        ends[0].add(score, attributed, ends[1])
        ends[1].add(score, attributed, ends[0])
    return tallies, numbered, archived


def check_collection(collection, options):
    found = collection.judged("claim", judge, options, options["max_block"], prepare=prepare)
    tallies, numbered, archived = _conflicts(found, collection)
    reported = sorted(key for key in tallies if collection.is_checked(key[0]))
    # how many claims each other side disagrees with: an archived one's are counted over the whole archive
    degree = [tally.count for tally in numbered]
    if archived:   # the archived rivals of the claims reported
        rivals = dict.fromkeys(numbered[n].place for key in reported for n in tallies[key].others)
        archived = {order: archived[order] for order in rivals if order in archived}
    if archived:
        pairs = collection.claim_pairs(options["max_block"], focus=list(archived.values()))
        around, _, _ = _conflicts(collection.verdicts(judge, pairs, options, prepare=prepare), collection)
        for order in archived:
            degree[tallies[order].number] = around[order].count if order in around else 0
    for key in reported:
        yield _finding(tallies[key], degree)


def _what(claim) -> str:
    """Subject, measure and period of a claim, for the message and the evidence."""
    subject = claim.subject_text or "subject not said"
    measure = claim.measure_text or " ".join(claim.measure) or "measure not said"
    return f"{subject}; {measure}; {claim.period_text}"


def _finding(tally: _Tally, degree: list[int]) -> Finding:
    claim = tally.side
    (minus, _), rival = tally.best[0]
    score, best = -minus, rival.side
    where = f"at line {best.line} of this article" if best.path == claim.path else f"in {best.where}"
    others = f" and {tally.count - 1} more" if tally.count > 1 else ""
    message = (f"“{claim.written}” here ({claim.what}), but “{best.written}” {where}{others} "
               f"({best.what}), match {score:g}; expected one value")
    level = DEFAULT
    mine = tally.count
    if tally.attributed:
        message += ", unless the sources differ as the texts say"
        level = "attributed"
    elif all(degree[n] > mine for n in tally.others):
        # every other side disagrees with more claims than this one: this one is with the majority
        message += f"; the other side disagrees with {degree[rival.number]} claims, this one with {mine}"
        level = "majority"
    evidence = tuple(other.side.evidence for _, other in tally.best)
    location = Location(claim.path, claim.line, claim.column, claim.end_line, claim.end_column)
    return found(ID, message, location, level, claim.written, best.written, evidence)
