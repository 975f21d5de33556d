"""Two statements about the same thing, in different articles or in one, with different values.

## What it finds
A figure (an amount, a percentage, a count of something) or the date of a named event (a summit, an
election, a referendum … with the names around it) whose statement matches another one, in another
article or in the same article, and whose value differs beyond `tolerance` (dates: by a day). Statements match
when their unit agrees, the names around them (the subject) are the same, no word makes one a
different measure (total, core, annual, first, rose …), what one measures (the words right after it:
"candidats au baccalauréat général") is in the other's context, they speak of the same time, and their context
words, with the numbers masked, score at least `threshold` (rapidfuzz token set ratio, shown in the
message). Each side is reported and cites the other as evidence (path:line and the sentence).

Time matters: statements that name different years are different statements ("2 % en 2014", "5 %
d'ici 2035"); when the text says when ("compte désormais", "now"), articles of different dates may
give different figures; articles more than `max_days_apart` apart are not compared unless they name
the same year. Bounds and estimates widen a value: "plus de 700", "environ 2 milliards",
"entre 2 et 3 milliards". A disagreement between figures attributed to different sources ("selon le
parquet … selon la fédération") is reported as info only, and so is a statement whose every rival
disagrees with more statements than it does: the value of the majority, facing the odd one out (which
gets the warning).

## Why it matters
The same figure must agree across everything a newsroom publishes, whether or not anyone wrote a
rule for it; a desk editor cannot remember every figure of the archive.

## Fails
```text
a.md: Le gouvernement a annoncé une aide de 2 milliards d'euros à l'Ukraine.
b.md: Le gouvernement a annoncé mardi une aide de 1,2 milliard d'euros à l'Ukraine.
```
```text
L'Union européenne compte 27 États membres. (…) Les 28 États membres de l'Union européenne ont signé.
```
```text
a.md: Le sommet de l'OTAN à La Haye aura lieu les 24 et 25 juin 2025.
b.md: Le sommet de l'OTAN à La Haye s'ouvrira le 7 juillet 2025.
```

## Passes
```text
Les alliés consacrent 3,5 % du PIB aux dépenses de défense de base, et 5 % au total.
En 2014, les alliés visaient 2 % du PIB ; ils visent 5 % du PIB d'ici 2035.
a.md (2018): L'Union européenne compte 28 États membres.  b.md (2021): L'Union européenne compte désormais 27 États membres.
Le chômage a reculé à 7,5 % en mars. (…) Le chômage a reculé à 7,3 % en avril.
```
Reported as info only:
```text
Selon le parquet, la manifestation a réuni 12 000 personnes. Selon la fédération, la manifestation a réuni 30 000 personnes.
```

## Options
- `threshold` (number, default 75): the least context score (0-100) for two statements to be the same.
- `tolerance` (number, default 0.01): the relative difference below which two values agree.
- `min_shared` (integer, default 2): the least number of context words the two statements share.
- `max_block` (integer, default 400): a blocking key shared by more statements than this is not used.
- `max_days_apart` (integer, default 365): statements of articles dated further apart than this, that name
  no year, speak of different times and are not compared.
"""
from __future__ import annotations

from collections import defaultdict

from ..finding import Evidence, Finding, Location, Severity
from ..match import contradiction

ID = "contradiction"
SEVERITY = Severity.WARNING
OPTIONS = {
    "threshold": (float, 75.0, "least context score (0-100) for two statements to be the same"),
    "tolerance": (float, 0.01, "relative difference below which two values agree"),
    "min_shared": (int, 2, "least number of shared context words"),
    "max_block": (int, 400, "a blocking key shared by more statements is not used"),
    "max_days_apart": (int, 365, "articles further apart are not compared unless they name the same year"),
}
MAX_EVIDENCE = 5


def judge(a, b, options):
    return contradiction(a, b, options["threshold"], options["tolerance"], options["min_shared"],
                         options["max_days_apart"])


def _conflicts(collection, pairs, options) -> dict[tuple, list]:
    conflicts = defaultdict(list)
    for a, b, (score, attributed) in collection.verdicts(judge, pairs, options):
        conflicts[a.order()].append((a, score, attributed, b))
        conflicts[b.order()].append((b, score, attributed, a))
    return conflicts


def check_collection(collection, options):
    conflicts = _conflicts(collection, collection.statement_pairs(options["max_block"]), options)
    reported = sorted(key for key in conflicts if collection.is_checked(key[0]))
    # how many statements each other side disagrees with: an archived one's are counted over the whole archive
    degree = {key: len(entries) for key, entries in conflicts.items() if collection.is_checked(key[0])}
    archived = {e[3].order(): e[3] for key in reported for e in conflicts[key] if not collection.is_checked(e[3].path)}
    if archived:
        around = _conflicts(collection, collection.statement_pairs(options["max_block"], focus=list(archived.values())),
                            options)
        degree.update({key: len(around.get(key, ())) for key in archived})
    for key in reported:
        entries = sorted(conflicts[key], key=lambda e: (-e[1], e[3].order()))
        yield _finding(entries[0][0], entries, degree)


def _finding(stmt, entries, degree) -> Finding:
    _, score, _, best = entries[0]
    where = f"at line {best.line} of this article" if best.path == stmt.path else f"in {best.where}"
    others = f" and {len(entries) - 1} more" if len(entries) > 1 else ""
    thing = "the same event" if stmt.unit_kind == "date" else "the same figure"
    message = (f"{stmt.written} here, but {best.written} {where}{others} for {thing} "
               f"(match {score:g}); expected one value")
    severity = SEVERITY
    mine = len(entries)
    if all(e[2] for e in entries):
        message += ", unless the sources differ as the texts say"
        severity = Severity.INFO
    elif all(degree[e[3].order()] > mine for e in entries):
        # every other side disagrees with more statements than this one: this one is with the majority
        message += f"; the other side disagrees with {degree[best.order()]} statements, this one with {mine}"
        severity = Severity.INFO
    evidence = tuple(Evidence(other.where, other.quoted) for _, _, _, other in entries[:MAX_EVIDENCE])
    location = Location(stmt.path, stmt.line, stmt.column, stmt.end_line, stmt.end_column)
    return Finding(ID, message, location, severity, stmt.written, best.written, evidence)
