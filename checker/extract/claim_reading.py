"""Reading one sentence's claims: a figure's measure, subject, period and source in its clause (the claim model
of claims.py, which walks the article's sentences and hands each its figures and what its paragraph said before)."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from .. import patterns
from ..fold import fold
from ..lang import alternation, longest_word
from .clauses import attribution, clause_breaks
from .figures import Figure, last_words, may_end_with
from .measures import (
    Frame,
    SentenceWords,
    clause_subject,
    context_words,
    marker,
    marks,
    normalised,
    np_after,
    np_before,
    stem,
    verb_measure,
)
from .measures import _data as frame_data
from .periods import Period, shifted
from .subjects import Owner, possessive
from .tense import is_future

HEAD_WORDS = 6            # "Au premier tour, …": a sentence's opening words that qualify its clauses


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class Claim:
    figure: Figure
    sentence: tuple[int, int]
    index: int                      # its place among the claims of its sentence
    measure: tuple[str, ...]        # the stems of its words, sorted; () when unknown
    marks: tuple[str, ...]          # what makes it another measure: "total", "core", "premier", "+", "-", "share"
    measure_text: str
    role: str                       # level, to (a level reached: "rose to"), up, down, start, compare
    subject: Owner | None
    subject_how: str                # named, sentence, paragraph, article, noun, "" when unknown
    period: Period
    source: str | None
    words: tuple[str, ...]          # the stems of its clause's words, numbers left out
    changing: str                   # "toll" (grows after its event), "level" (changes with time), "" (neither)
    qualifiers: tuple[str, ...] = ()    # the stems of the words that open its sentence before its clause
    places: tuple[str, ...] = ()        # names after what it measures ("… met in Washington"): where, not whose
    generic: bool = False               # it counts "people", "personnes": whoever its clause says

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end


@functools.lru_cache(maxsize=None)
def claim_data(code: str) -> dict:
    data = language.load(code)
    bounds = [b for group in data["figure_bounds"].values() for b in group] + data["approximation_words"]
    return {
        "bounds": patterns.compile(rf"(?:(?<![\w-])(?:{alternation(bounds)})\s*)+$", regex.I),
        "bound_ends": last_words(bounds),
        "changing": frozenset(stem(fold(w)) for w in data["measure_changing"]),
        "tolls": frozenset(stem(fold(w)) for w in data["measure_tolls"]),
        "generic": frozenset(stem(fold(w)) for w in data["measure_generic"]),
        "events": patterns.compile(rf"(?<!\w)(?:{alternation(fold(e) for e in data['event_nouns'])})(?!\w)"),
        "event_nouns": tuple(fold(e) for e in data["event_nouns"]),
        "event_needles": _needles(fold(e) for e in data["event_nouns"]),
        "function": frozenset(fold(w) for w in data["function_words"] if isinstance(w, str)),
    }


def _needles(phrases) -> tuple[str, ...]:
    """Substrings one of which the text of any match of the phrases' alternation holds as written: the longest word
    of each phrase (its pattern reads only spaces and apostrophes loosely), without those that hold another."""
    words = {longest_word(phrase) for phrase in phrases}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


class SentenceReader:
    """One sentence being read: its words, period mentions, names and what its paragraph said before it (`before`:
    the sentences of its paragraph before it; `carry_period`: the last period they said)."""

    def __init__(self, prose, folded, code, sentence, mentions, people, before, carry_period, article,
                 ambiguous=False, breaks=None):
        self.prose, self.folded, self.code, self.sentence = prose, folded, code, sentence
        self.mentions, self.people, self.before = mentions, people, before
        self.carry_period, self.article = carry_period, article
        self.ambiguous = ambiguous
        self.data, self.frames = claim_data(code), frame_data(code)
        self.words = SentenceWords(prose, folded, sentence[0], sentence[1], [(m.start, m.end) for m in mentions],
                                   people.between(sentence[0], sentence[1]))
        self.source, self.attribution = attribution(prose, sentence, code)
        breaks = breaks if breaks is not None else clause_breaks(prose, sentence, code)
        self.break_starts, self.break_ends = [b[0] for b in breaks], [b[1] for b in breaks]
        self._future: bool | None = None

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause that holds [start, end): between the sentence's breaks around it (bisection: linear overall)."""
        j = bisect.bisect_right(self.break_ends, start) - 1
        k = bisect.bisect_left(self.break_starts, end)
        left = self.break_ends[j] if j >= 0 else self.sentence[0]
        right = self.break_starts[k] if k < len(self.break_starts) else self.sentence[1]
        return left, right

    def read(self, figures: list[Figure]) -> list[Claim]:
        out: list[Claim] = []
        frames: list[Frame] = []
        for i, figure in enumerate(figures):
            clause = self._interrupted(self._clause(figure.start, figure.end), figure)
            clause, speaker = self._reported(clause, figure)
            nxt = figures[i + 1] if i + 1 < len(figures) else None
            frame, owners = self._frame(figure, clause, figures[i - 1] if i else None, frames[-1] if frames else None,
                                        nxt, frames)
            frames.append(frame)
            if figure.kind == "number" and not (frame.measure and frame.role in ("level", "to", "up", "down")
                                                and frame.verb):
                continue        # a number without a unit is a claim only as the level a verb gives a noun
            subject, how, places = self._subject(figure, clause, owners, frame)
            period = self._period(figure, clause, frame.role)
            words = sorted({stem(w) for w in context_words(self.words, clause[0], clause[1], (figure.start, figure.end),
                                                          self.frames)} | set(frame.measure))
            said = set(frame.measure) | {stem(m) for m in frame.marks}
            changing = "toll" if said & self.data["tolls"] else \
                "level" if said & self.data["changing"] or frame.role in ("up", "down") or figure.unit == "points" else ""
            qualifiers = self._qualifiers(clause[0])
            generic = bool(frame.measure) and set(frame.measure) <= self.data["generic"]
            out.append(Claim(figure, self.sentence, 0, frame.measure, frame.marks, frame.text, frame.role, subject, how,
                             period, self.source or speaker, tuple(words), changing, qualifiers, places, generic))
        return out

    def _interrupted(self, clause: tuple[int, int], figure: Figure) -> tuple[int, int]:
        """A clause that opens with its verb continues the one before it, cut by a date or an aside: "La
        participation en Lorraine, les 16 et 17 juin, a été de 55 %" is one clause."""
        if clause[0] <= self.sentence[0]:
            return clause
        first = bisect.bisect_right(self.words.ends, clause[0])
        if first >= len(self.words.tokens) or self.words.tokens[first][0] >= figure.start:
            return clause
        kind, start, _ = marker(self.words, figure.start, clause[0], self.frames)
        if kind not in ("level", "change", "change_to") or start > self.words.tokens[first][0]:
            return clause
        left = clause[0]
        while left > self.sentence[0]:     # back over the asides that hold only a period (", les 16 et 17 juin,")
            left = self._clause(left - 1, left - 1)[0]
            if any(not self.words.skipped(self.words.tokens[i][0]) and self.words.folded[i] not in self.frames["stop"]
                   for i in self.words.between(left, clause[0])):
                break
        return left, clause[1]

    def _reported(self, clause: tuple[int, int], figure: Figure) -> tuple[tuple[int, int], str | None]:
        """(the clause after "X said", the speaker X's words): "Organizers said attendance … topped 1,910,000" reports
        a figure whose clause begins after the verb of speech, and whose source is its speaker."""
        toks, folded = self.words.tokens, self.words.folded
        indexes = self.words.between(clause[0], figure.start)
        if self.frames["speech"].isdisjoint(folded[indexes.start:indexes.stop]):
            return clause, None   # most clauses: no verb of speech, asked of all their words at once
        said = next(i for i in reversed(indexes) if folded[i] in self.frames["speech"])
        speaker = [folded[i] for i in range(indexes.start, said) if folded[i] not in self.frames["stop"]][:3]
        return (toks[said][1], clause[1]), " ".join(speaker) or None

    def _qualifiers(self, clause_start: int) -> tuple[str, ...]:
        """The words of the phrases that open the sentence with a preposition, before the claim's clause (periods
        and sources left out): "Among high school graduates, the rate was …", "In the fibers segment, profit …"."""
        a0, a1 = self.attribution
        words, inside = set(), False
        for i in self.words.between(self.sentence[0], clause_start):
            start, word = self.words.tokens[i][0], self.words.folded[i]
            if self.words.skipped(start) or a0 <= start < a1:
                continue
            if word in self.frames["prepositions"]:
                inside = True
            elif inside and word not in self.frames["stop"]:
                words.add(stem(word))
        return tuple(sorted(words))

    # -- measure -----------------------------------------------------------------------------------------
    # complex by design (C901): one decision over the markers around a figure (a bound, a direction, the previous frame, the next figure)
    def _frame(self, figure: Figure, clause, previous: Figure | None, previous_frame: Frame | None,  # noqa: C901
               nxt: Figure | None, frames: list[Frame]) -> tuple[Frame, list]:
        d, prose = self.frames, self.prose
        lo = max(clause[0], figure.start - 40)
        bound = self.data["bounds"].search(prose, lo, figure.start) \
            if may_end_with(prose[lo:figure.start], self.data["bound_ends"]) else None
        cut = figure.start - (len(bound.group()) if bound else 0)
        name, marked, direction = marker(self.words, cut, clause[0], d)
        role, np, copied = "level", [], None
        between = prose[previous.end:cut] if previous is not None and previous.end <= cut else None
        if between is not None and previous_frame is not None and d["apposition"].match(between):
            copied = previous_frame                         # ", or 15 cents a share", "(311 miles)"
        elif between is not None and previous_frame is not None and d["to"].match(between) \
                and previous_frame.role in ("up", "down", "start"):
            copied = Frame(previous_frame.measure, tuple(m for m in previous_frame.marks if m not in "+-"),
                           previous_frame.text, "to", previous_frame.per, True)   # "… points to 35527.29"
        if nxt is not None and nxt.change and name in ("start", "of") and d["to"].match(prose[figure.end:nxt.start]):
            role = "start"                                  # "de 27 à 28 membres", "from 2 to 3 billion"
        if copied is None:
            if name == "change_to":
                role = "to"                                 # "Sales rose to $3 million": a level reached by a change
            elif name == "change" and role != "start":
                role = direction
            elif name in ("start", "compare"):
                role = name
            nominal = name is not None and fold(prose[marked:cut].split()[0]) in d["determiners"]   # "une hausse de 5 %"
            if name is not None and name not in ("start", "compare") and not nominal:
                np = np_before(self.words, marked, clause[0], d)
                if not np and figure.kind != "count" and name in ("change_to", "change", "level"):
                    np = clause_subject(self.words, clause[0], cut, d)   # "Citadel shares closed yesterday at $45.75"
        # "a $2 billion military aid package", "a 24% conversion premium": a noun after the figure, in the
        # languages that put adjectives first, when a determiner introduces the figure
        introduced = bool(d["determiner_before"].search(prose, max(clause[0], cut - 12), cut))
        bare = 3 if not d["adjective_after"] and figure.kind in ("money", "percent", "amount") and introduced else 0
        ceiling = min(clause[1], nxt.start) if nxt is not None else clause[1]
        chain, names, chain_end = np_after(self.words, figure.end, ceiling, d, bare)
        if copied is not None:
            words, text, found = set(copied.measure), copied.text, set(copied.marks)
            role = copied.role if role == "level" else role
        else:
            # what follows an amount of money says to whom it goes ("2 milliards d'euros à l'Ukraine"), not what it is
            after = normalised(chain, d) if figure.kind not in ("money", "amount") or bare else []
            words = set(normalised(np, d)) | set(figure.counted.split()) | set(after)
            if not words and name is None:
                words = set(verb_measure(self.words, cut, clause[0], d))      # "General Motors earned $120 million"
            if name is None and figure.kind == "percent" and not np:
                # "le chômage touchait 8,8 % des actifs": a percentage after a verb is of the noun before that verb
                j = self.words.index_before(cut)
                if j >= 0 and self.words.tokens[j][0] >= clause[0] and self.words.tokens[j][2].islower() \
                        and self.words.folded[j] not in d["stop"] and self.words.folded[j] not in d["links"]:
                    np = np_before(self.words, self.words.tokens[j][0], clause[0], d)
                    words = set(normalised(np, d)) | words
            unit = prose[figure.unit_span[0]:figure.unit_span[1]].strip() if figure.kind == "count" and figure.unit_span else ""
            text = " ".join(" ".join([*(t[2] for t in np), unit, *(t[2] for t in chain)]).split()) or " ".join(sorted(words))
            found = set()
            if not words and role in ("up", "down", "start", "compare"):
                earlier = next((f for f in reversed(frames) if f.measure and f.per == bool(figure.per)
                                and f.role not in ("start", "compare")), None)      # ", up 56% from $163 million"
                if earlier is not None:
                    words, text, found = set(earlier.measure), earlier.text, set(earlier.marks) - {"+", "-"}
            elif words:
                if len(self.words.between(self.sentence[0], clause[0])) <= HEAD_WORDS:
                    found |= marks(self.words, self.sentence[0], clause[0], d)     # "Au premier tour, …"
                found |= marks(self.words, np[0][0] if np else clause[0], max(chain_end, figure.end), d)
        if figure.per and words:
            found = (found - {"+", "-"}) | {"share"}
            text = text if "share" in text else f"{text} per share"
        elif role in ("up", "down"):
            found = (found - {"+", "-"}) | {"+" if role == "up" else "-"}
        measure = tuple(sorted({stem(w) for w in words}))
        verb = name in ("level", "change", "change_to", "to_end") or (copied is not None and copied.verb)
        return Frame(measure, tuple(sorted(found)), text, role, bool(figure.per), verb), names

    # -- subject -----------------------------------------------------------------------------------------
    # complex by design (C901): the places a subject may come from are tried in their order of precedence (clause, sentence, paragraph, article, noun)
    def _subject(self, figure: Figure, clause, owners, frame: Frame) -> tuple[Owner | None, str, tuple[str, ...]]:  # noqa: C901
        """The names of its clause ("NATO now has …", "… of NATO", "… reward for the arrest of Eric Rudolph"); else the
        name its sentence opens with, its paragraph's, the article's main subject, or the noun its sentence is about."""
        a0, a1 = self.attribution
        inside = [n for n in self.people.between(clause[0], clause[1]) if not (figure.start <= n.start < figure.end)
                  and not (a0 <= n.start < a1) and not self.words.skipped(n.start)]
        # names after what the figure measures ("… of NATO met in Washington") say where, not whose
        reach = max((o[1] for o in owners), default=figure.end)
        places = tuple(sorted({self.people.owner(n).key for n in inside if n.start >= reach}))
        inside = [n for n in inside if n.start < reach] or [n for n in inside if n.start >= reach]
        owners_of = [n for n in inside if n.start < figure.start and possessive(self.prose, n)]
        if owners_of:          # "The accord helps RJR … and boosts Nestle's 7% share … to 12%": Nestle's share
            inside, places = owners_of, ()
        if not inside and clause[0] > self.sentence[0]:
            if self.words.opens_with(clause[0], self.frames["relatives"]):
                # "Hershey Foods Corp. and Mars Inc., which have about 40% and 36%": the names the clause refers to
                start = self._clause(clause[0] - 1, clause[0] - 1)[0]
            else:
                start = self.sentence[0]   # "Au salon de l'agriculture de Verdun, 595 visiteurs …": what opens it
            inside = [n for n in self.people.between(start, clause[0]) if not (a0 <= n.start < a1)
                      and not self.words.skipped(n.start)]
        keys = {}
        for span in inside:
            owner = self.people.owner(span)
            keys[owner.key] = owner
        if keys:
            ordered = sorted(keys)
            return Owner("+".join(ordered), ", ".join(keys[k].text for k in ordered)), "named", places
        opener = self.people.sentence_subject(*self.sentence)
        if opener is not None:
            return opener, "sentence", places
        for earlier in reversed(self.before):     # the last subject its paragraph named before it
            owner = self.people.sentence_subject(*earlier)
            if owner is not None:
                return owner, "paragraph", places
        if self.people.main is not None:
            return self.people.main, "article", places
        noun = clause_subject(self.words, self.sentence[0], figure.start, self.frames, introduced=True)
        if noun and not self.people.is_anaphor(noun[-1][2]):
            words = normalised(noun[:1], self.frames)
            owner = self.people.word_key(noun[0][2]) if words and not {stem(w) for w in words} <= set(frame.measure) \
                else None
            if owner is not None and owner.key:
                return owner, "noun", places
        return None, "", places

    # -- period ------------------------------------------------------------------------------------------
    # complex by design (C901): a claim's period comes from its own clause, the ones before or after it, in their order of precedence
    def _period(self, figure: Figure, clause, role: str) -> Period:  # noqa: C901
        own = [m for m in self.mentions if clause[0] <= m.start < clause[1]]
        head = [m for m in self.mentions if m.start < clause[0]]
        later = [m for m in self.mentions if m.start >= clause[1]]
        shift = next((m for m in own if m.shift), None) or next((m for m in head if m.shift), None)
        if shift is None and role in ("start", "compare"):
            shift = next((m for m in later if m.shift), None)     # "from $163 million, …, a year earlier"
        base = min((m for m in own if m.key), key=lambda m: abs(m.start - figure.start), default=None) \
            or next((m for m in reversed(head) if m.key), None)
        how = "said"
        if base is None and role not in ("start", "compare"):
            # "a loss of $158,666, or 10 cents a share, in the third quarter, compared with …": said after it
            base = next((m for m in later if m.key), None)
            if base is not None and self.frames["start_any"].search(self.prose, figure.end, base.start):
                base = None
        if base is None and self.carry_period is not None:
            base, how = self.carry_period, "before"
        if shift is not None:
            key = shifted(base.key, shift.shift) if base is not None else None
            if key is None and base is None:
                return Period("implicit-1y", shift.text, "said")
            return Period(key, f"{shift.text}" + (f" ({base.text})" if base else ""), "said") if key else \
                Period("unknown", shift.text, "unknown")
        if role == "compare" and not any(m.key for m in own):
            return Period("unknown", "a comparison's, not said", "unknown")   # "compared with $2.9 million": when?
        if base is not None:
            if role == "start":
                return Period("<" + base.key, f"before {base.text}", how)
            return Period(base.key, base.text, how)
        if self._future is None:
            self._future = is_future(self.prose[self.sentence[0]:self.sentence[1]], self.code)
        if self._future and is_future(self.prose[clause[0]:clause[1]], self.code):
            return Period("unknown", "the future", "unknown")
        if role in ("to", "up", "down", "start"):
            return Period("unknown", "a change over a period not said", "unknown")   # "Sales rose to $3 million"
        if self.ambiguous:
            return Period("unknown", "not said, and the article speaks of several", "unknown")
        return Period("implicit", "", "article")

    # -- dates of named events ---------------------------------------------------------------------------
    def read_events(self, dated) -> list[Claim]:
        out = []
        for mention, first, last, head, right in dated:
            folded = " " + " ".join((self.folded[head:mention.start] + " " + self.folded[mention.end:right]).split()) + " "
            nouns = {e for e in self.data["event_nouns"] if f" {e} " in folded}
            found = marks(self.words, head, mention.start, self.frames) | marks(self.words, mention.end, right, self.frames)
            measure = tuple(sorted({stem(w) for n in nouns for w in n.split()}))
            inside = [n for n in self.people.between(head, right) if not (mention.start <= n.start < mention.end)]
            keys = {self.people.owner(n).key: self.people.owner(n) for n in inside}
            subject = Owner("+".join(sorted(keys)), ", ".join(keys[k].text for k in sorted(keys))) if keys else None
            figure = Figure(mention.start, mention.end, None, float(first.toordinal()), 1.0, float(first.toordinal()),
                            float(last.toordinal()), "range" if last != first else None, "date", "date")
            words = tuple(sorted(stem(w) for w in context_words(self.words, head, right, (mention.start, mention.end),
                                                              self.frames) if w not in self.data["function"]))
            period = Period(f"Y:{first.year}", str(first.year), "said")
            out.append(Claim(figure, self.sentence, 0, measure, tuple(sorted(found)), " ".join(sorted(nouns)), "level",
                             subject, "named" if subject else "", period, None, words, False))
        return out
