"""A quotation worded differently, or given to another speaker, than the same quotation in another article.

## What it finds
Two quotations (« … », “ … ”, "…") of at least `min_words` words in different articles that are the
same quotation, by a rapidfuzz score of at least `threshold` (the shorter one against its best place in
the longer one), but differ in at most `max_changed` words: one version is reported against the other,
with the differing words in [brackets]. The same quotation, or an excerpt of it, given to two different
speakers named explicitly ("», a déclaré Mark Rutte" against "», a déclaré Pete Hegseth") is reported
too. The speaker is the one the quotation's attribution names (a verb such as "a déclaré", "said",
"told", or "selon", "according to": its subject, or the phrase after it up to "de", "in", "qui", …),
never a capitalised word that merely stands near the quotation; an attribution that names no one ("the
communique said") leaves the speaker unknown, and an unknown speaker is not compared. Each side cites the other (path:line and the other version); a version whose every rival differs
from more quotations than it does is the majority's and is reported as info, the odd one out as a warning.

## Why it matters
A quotation is a promise that these were the speaker's words. Rewritten agency copy drifts one word at a
time ("notre réaction" becomes "notre réponse"), and a misattributed quotation is a correction waiting
to happen.

## Fails
```text
a.md: « Si quelqu'un tente d'attaquer cette alliance défensive, notre réaction sera létale », a déclaré Mark Rutte.
b.md: « Si quelqu'un tente d'attaquer cette alliance défensive, notre réponse sera létale », a déclaré Mark Rutte.
```

## Passes
```text
a.md: « Poutine ne comprend que la force », a déclaré Rutte.
b.md: « Poutine ne comprend que la force », a affirmé Mark Rutte.       (the same words, the same speaker)
b.md: Il a répété que « Poutine ne comprend que la force ».            (an unnamed speaker is not compared)
c.md: “The boy must be returned to his father,” the communique said, urging the Immigration Service to act.
d.md: “The boy must be returned to his father,” said Fidel Castro.      (the communiqué speaks in c.md, not "Immigration")
```

## Options
- `threshold` (number, default 88): the least score (0-100) for two quotations to be the same.
- `min_words` (integer, default 5): shorter quotations (scare quotes, single words) are not compared.
- `max_changed` (integer, default 3): more changed words than this make it another quotation.
- `max_block` (integer, default 400): a blocking key shared by more quotations than this is not used.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..finding import DEFAULT, Evidence, Finding, Severity, found, levels
from ..quotematch import SAME, marked_versions, same_speaker, wording
from ._rivals import Reported, Rivals, Side, reported

ID = "quote-drift"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY, majority=Severity.INFO)
OPTIONS = {
    "threshold": (float, 88.0, "least score (0-100) for two quotations to be the same"),
    "min_words": (int, 5, "shorter quotations are not compared"),
    "max_changed": (int, 3, "more changed words make it another quotation"),
    "max_block": (int, 400, "a blocking key shared by more quotations is not used"),
}
MAX_EVIDENCE = 5


def drift(a, b, options) -> tuple[str, float] | None:
    """("wording" | "speaker", score) when b is the same quotation as a with other words or speaker."""
    if a.path == b.path:
        return None
    words = wording(a.norm, a.text, b.norm, b.text, options["threshold"], options["max_changed"])
    if words is None:
        return None
    if words != SAME:
        return "wording", words
    if 100.0 >= options["threshold"] and same_speaker(a, b) is False:
        return "speaker", 100.0
    return None


def _drifts(verdicts, collection) -> Rivals:
    """Each quotation's drifts, best first: other words (the highest score first), then another speaker (the
    records of the archived ones among them are held: their own drifts are looked for over the archive)."""
    rivals = Rivals(_side, MAX_EVIDENCE, lambda quote: not collection.is_checked(quote.path))
    return rivals.fill((a, b, verdict[1], 0 if verdict[0] == "wording" else 1, True)
                       for a, b, verdict in verdicts if verdict)


def _side(quote) -> tuple:
    return quote.path, quote.line, quote.column, quote.end_line, quote.end_column, quote.text, quote.speaker


@dataclass(frozen=True, slots=True)
class _Side(Side):
    """What a finding says of one quotation (kept on disk until it is reported: _rivals.py)."""
    text: str
    speaker: str | None


def check_collection(collection, options):
    def around(focus: list) -> Rivals:
        pairs = collection.quote_pairs(options["max_block"], options["min_words"], focus=focus)
        return _drifts(collection.verdicts(drift, pairs, options), collection)

    found = collection.judged("quote", drift, options, options["max_block"], options["min_words"])
    with _drifts(found, collection) as rivals:
        for item in reported(rivals, collection, around):
            yield _finding(rivals, item)


def _finding(rivals: Rivals, item: Reported) -> Finding:
    quote = _Side(*item.side)
    tier, score, first = item.best[0]
    other = _Side(*rivals.side(first))
    others = [_Side(*rivals.side(m)) for _, _, m in item.best]
    if tier == 0:
        here, there = marked_versions(quote.text, other.text)
        message = f"Quotation worded differently in {other.where} (match {score:g}): here “{here}”, there “{there}”"
        suggestion = other.text
        evidence = tuple(Evidence.at(o.place, marked_versions(quote.text, o.text)[1]) for o in others)
    else:
        message = (f"Quotation given to {quote.speaker} here but to {other.speaker} in {other.where}; "
                   f"expected one speaker")
        suggestion = other.speaker
        evidence = tuple(Evidence.at(o.place, f"{o.text} ({o.speaker})") for o in others)
    level = DEFAULT
    count = rivals.counts[item.n]
    if item.majority:
        # every other version differs from more quotations than this one: this one is the majority's
        message += f"; the other version differs from {item.rival_degree} quotations, this one from {count}"
        level = "majority"
    return found(ID, message, quote.location, level, quote.text, suggestion, evidence)
