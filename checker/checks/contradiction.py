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

from dataclasses import dataclass

from ..finding import DEFAULT, Evidence, Finding, Severity, found, levels
from ..match import Claim, contradiction, subjects_alike, together, whose
from ..screen import Screen
from ._rivals import Reported, Rivals, Side, reported

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


# most pairs of an archive's blocks are claims of other subjects sharing a word: contradiction() refuses them unless
# they are one sentence of one article (match.subjects_alike), and a large run refuses them a part at a time
SCREEN = Screen(whose, subjects_alike, together)


@dataclass(frozen=True, slots=True)
class _Side(Side):
    """What a finding says of one claim of a conflict (kept on disk until it is reported: _rivals.py)."""
    written: str
    what: str
    quoted: str

    def evidence(self) -> Evidence:
        return Evidence.at(self.place, f"{self.quoted} [{self.what}]")


def _side(claim) -> tuple:
    return (claim.path, claim.line, claim.column, claim.end_line, claim.end_column, claim.written, _what(claim),
            claim.quoted)


def _conflicts(verdicts, collection) -> Rivals:
    """The conflicts of each claim, flagged when attributed (the records of the archived ones among them are held:
    their own conflicts are looked for over the archive)."""
    rivals = Rivals(_side, MAX_EVIDENCE, lambda claim: not collection.is_checked(claim.path))
    return rivals.fill((a, b, score, 0, attributed) for a, b, (score, attributed) in verdicts)


def check_collection(collection, options):
    def around(focus: list) -> Rivals:
        pairs = collection.claim_pairs(options["max_block"], focus=focus)
        return _conflicts(collection.verdicts(judge, pairs, options, prepare=prepare), collection)

    found = collection.judged("claim", judge, options, options["max_block"], prepare=prepare, screen=SCREEN)
    with _conflicts(found, collection) as rivals:
        for item in reported(rivals, collection, around):
            yield _finding(rivals, item)


def _what(claim) -> str:
    """Subject, measure and period of a claim, for the message and the evidence."""
    subject = claim.subject_text or "subject not said"
    measure = claim.measure_text or " ".join(claim.measure) or "measure not said"
    return f"{subject}; {measure}; {claim.period_text}"


def _finding(rivals: Rivals, item: Reported) -> Finding:
    claim = _Side(*item.side)
    _, score, rival = item.best[0]
    other = _Side(*rivals.side(rival))
    count = rivals.counts[item.n]
    where = f"at line {other.line} of this article" if other.path == claim.path else f"in {other.where}"
    others = f" and {count - 1} more" if count > 1 else ""
    message = (f"“{claim.written}” here ({claim.what}), but “{other.written}” {where}{others} "
               f"({other.what}), match {score:g}; expected one value")
    level = DEFAULT
    if rivals.flags[item.n]:   # all its conflicts are flagged: attributed to sources that differ
        message += ", unless the sources differ as the texts say"
        level = "attributed"
    elif item.majority:
        # every other side disagrees with more claims than this one: this one is with the majority
        message += f"; the other side disagrees with {item.rival_degree} claims, this one with {count}"
        level = "majority"
    evidence = tuple(_Side(*rivals.side(m)).evidence() for _, _, m in item.best)
    return found(ID, message, claim.location, level, claim.written, other.written, evidence)
