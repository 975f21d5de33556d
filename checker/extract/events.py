"""Mentions of the rules' events in prose, with the date written next to them and any relative offset
("à deux semaines du sommet", "two weeks before the summit")."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..lang import alternation, longest_word
from ..facts.factbase import FactBase
from ..facts.model import Event
from ..fold import fold
from .anchored import finditer_at, first_words, lowered, starts_of, word_hits
from .dates import DateMention
from .. import patterns


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class EventMention:
    start: int
    end: int
    text: str
    events: tuple[Event, ...]
    date: DateMention | None          # the date written with the name, if any
    offset_days: int | None           # the text's distance to the event: -14 = two weeks before it


@functools.lru_cache(maxsize=None)
def _relative(code: str) -> list[tuple[regex.Pattern, str]]:
    data = language.load(code)
    n = "(?P<n>" + "|".join(sorted(map(patterns.escape, data["number_words"]), key=len, reverse=True)) + r"|\d+)"
    unit = "(?P<unit>" + "|".join(sorted(map(patterns.escape, data["time_units"]), key=len, reverse=True)) + ")"
    out = []
    for direction, templates in data["relative_to_event"].items():
        for template in templates:
            body = template.replace(" ", r"\s+").replace("{n}", n).replace("{unit}", unit).replace("'", "['’]")
            out.append((patterns.compile(rf"(?:^|(?<=\W)){body}\w*['’]?\s*(?:\p{{Ll}}+\s+)?$", regex.I), direction))
    return out


def _offset(before: str, code: str) -> int | None:
    data = language.load(code)
    for pattern, direction in _relative(code):
        m = pattern.search(before)
        if not m:
            continue
        if direction == "eve":
            return -1
        if direction == "next_day":
            return 1
        raw = m.group("n").lower()
        count = int(raw) if raw.isdigit() else data["number_words"][raw]
        days = count * data["time_units"][m.group("unit").lower()]
        return -days if direction == "before" else days
    return None


def find_events(prose: str, folded: str, code: str, base: FactBase, dates: list[DateMention],
                tokens: list[tuple[int, int, str]]) -> list[EventMention]:
    names = base.event_names.get(code, {})
    starts = [d.start for d in dates]
    found = []
    for m_start, m_end in base.find("event", code, folded, tokens):
        text = prose[m_start:m_end]
        events = _events_for(text, names)
        nearby = bisect.bisect_left(starts, m_end)
        date = dates[nearby] if nearby < len(dates) and dates[nearby].start - m_end <= 4 else None
        if date is not None and len(events) > 1:
            # "l'élection présidentielle américaine du 5 novembre": the date picks the event
            events = [e for e in events if agrees(e, date)] or events
        found.append(EventMention(m_start, m_end, text, tuple(events), date,
                                  _offset(prose[max(0, m_start - 60):m_start], code)))
    return found


def agrees(event: Event, date: DateMention) -> bool:
    """Does a date written next to an event's name fit the event's dates?"""
    if date.year and date.year not in (event.start.year, event.end.year):
        return False
    day = date.date(event.start.year)
    return day is not None and event.start <= day <= event.end


def _events_for(matched: str, names: dict[str, list[Event]]) -> list[Event]:
    key = fold(" ".join(matched.split()))
    if key in names:
        return names[key]
    # an adjective was inserted after the head noun: drop it and look again
    words = key.split(" ")
    if len(words) > 2 and " ".join(words[:1] + words[2:]) in names:
        return names[" ".join(words[:1] + words[2:])]
    return []


# --- events described in the article's own words -----------------------------------------------------

@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class EventClaim:
    """A sentence that says what participants of the rules' events did, and when: "Germany joined NATO
    in 1955", "l'adhésion de la Turquie à l'OTAN remonte au 18 février 1952"."""
    start: int                       # the words that say it ("joined NATO", "adhésion … à l'OTAN")
    end: int
    events: tuple[Event, ...]        # the events it can be: of that kind, of a participant the sentence names
    date_start: int                  # the date written with it
    date_end: int
    year: int | None                 # None: a day and month of the year the sentence speaks of ("le 18 juillet")
    month: int | None                # None: a year only
    day: int | None                  # None: a month or a year only
    day_end: int | None = None       # "les 8 et 9 juillet", "July 8-9"


_GAP_WORD = r"[\p{L}\d'’.-]+"
@functools.lru_cache(maxsize=None)
def kind_phrases(code: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """The phrases of each kind and state of a language ("kind" and "state" → kind → phrases), forms derived."""
    data = language.load(code)
    return {group: {kind: tuple(dict.fromkeys(f for phrase in phrases for f in language.forms(phrase)))
                    for kind, phrases in data[key].items()}
            for group, key in (("kind", "event_kinds"), ("state", "event_states"))}


@functools.lru_cache(maxsize=None)
def _claim_patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    months = list(data["months"]) + list(data.get("month_abbreviations", {}))
    kinds = {kind: alternation(words) for kind, words in kind_phrases(code)["kind"].items()}
    states = {kind: alternation(words) for kind, words in kind_phrases(code)["state"].items()}
    since = alternation(data["event_state_since"])
    flags = regex.I
    return {
        **{f"kind:{k}": patterns.compile(rf"(?<!\w)(?:{v})(?!\w)", flags) for k, v in kinds.items()},
        **{f"state:{k}": patterns.compile(rf"(?<!\w)(?:{v})(?!\w)", flags) for k, v in states.items()},
        # what may stand between the words of an event and its date: up to four words, a leading comma
        "gap": patterns.compile(rf"\s*,?\s*(?:{_GAP_WORD}\s+){{0,4}}", flags),
        "gap_back": patterns.compile(rf"\s*,?\s*(?:{_GAP_WORD}\s+){{0,4}}$", flags),
        "since": patterns.compile(rf"(?<!\w)(?:{since})\s*$", flags),
        # what may stand before a date that opens its clause: the start of the sentence or a comma, two words
        "opens": patterns.compile(rf"(?:^|[,;:(«“\"]|\n)\s*(?:{_GAP_WORD}\s+){{0,2}}$", flags | regex.M),
        "month_year": patterns.compile(rf"(?<![\w'’])(?P<month>{alternation(months, loose=False)})(?:(?<=\.)|(?!\w))\s+"
                                       rf"(?P<year>(?:1[6-9]|20)\d\d)(?!\d)", flags),
        "year": patterns.compile(r"(?<![\w.,/-])(?P<year>(?:1[6-9]|20)\d\d)(?![\d\p{L}]|[.,]\d)"),
        # between what was done and what it was done to: a few words, no punctuation
        "near": patterns.compile(rf"\s*(?:{_GAP_WORD}\s*){{0,8}}", flags),
        "intent": patterns.compile(rf"(?<!\w)(?:{alternation(data['event_intent_words'])})(?!\w)", flags),
        # what may stand between the words of an event and what was joined or founded (besides participants)
        "links": patterns.compile(rf"(?:\s*(?:{alternation(data['event_links'])})(?:(?<=['’])|(?!\w)))*\s*", flags),
        "determiners": patterns.compile(rf"(?:\s*(?:{alternation(w for ws in data['determiners'].values() for w in ws)})"
                                        rf"(?:(?<=['’])|(?!\w)))*\s*", flags),
        "possessor": patterns.compile(rf"(?:{alternation(data['possessor_endings'])})(?!\w)", flags)
        if data["possessor_endings"] else None,
        # the word after what a verb of the kind bears on, to tell whether that ends there
        "next": patterns.compile(r"\s*(?P<word>\p{L}[\p{L}-]*['’]?)(?P<digit>\s*\d)?"),
    }


@functools.lru_cache(maxsize=None)
def _claim_words(code: str) -> dict:
    """Folded words for what follows the words of an event: the kinds' nouns, the words after which what a verb
    bears on has ended (function words, months, weekdays), and the determiners, which end it only before a date
    ("a rejoint l'OTAN le 12 mars 1999"); and whether the language puts a noun's modifiers before it ("NATO
    troops": a word after what was joined is then the head of another thing)."""
    data = language.load(code)
    determiners = _folded(w for words in data["determiners"].values() for w in words)
    ends = _folded([*data["function_words"], *data["year_follow_words"], *data["months"],
                    *data.get("month_abbreviations", {}), *data["weekdays"], *data.get("weekday_abbreviations", {})])
    nouns = _folded(f for phrase in data["event_kind_nouns"] for f in language.forms(phrase))
    return {"nouns": nouns, "ends": ends - determiners, "determiners": determiners,
            "modifiers_first": not data["measure_adjective_after"]}


def _folded(words) -> frozenset[str]:
    return frozenset(fold(" ".join(w.split())) for w in words if isinstance(w, str))


@functools.lru_cache(maxsize=None)
def _claim_firsts(code: str) -> dict[str, frozenset[str]]:
    """The words a match of each kind's and state's pattern begins with (see anchored.py)."""
    return {f"{group}:{k}": first_words(words) for group, kinds in kind_phrases(code).items() for k, words in kinds.items()}


@functools.lru_cache(maxsize=None)
def _claim_needles(code: str) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """For each kind's and state's pattern: (needle, its phrases), the needle the longest word of those phrases in
    lower case. A match of a phrase holds its needle as written, in any case (its pattern reads only spaces and
    apostrophes loosely), so a phrase whose needle the article's text in lower case lacks cannot match in it. A
    phrase that begins with its needle ("adhésion", "joined") has none (""): the place its first word is looked
    for tells as much."""
    out = {}
    for prefix, groups in kind_phrases(code).items():
        for kind, phrases in groups.items():
            by_needle: dict[str, list[str]] = {}
            for phrase in phrases:
                needle = longest_word(phrase.lower())
                by_needle.setdefault("" if phrase.lower().startswith(needle) else needle, []).append(phrase)
            out[f"{prefix}:{kind}"] = tuple((needle, tuple(found)) for needle, found in by_needle.items())
    return out


@functools.lru_cache(maxsize=1024)
def _phrase_firsts(phrases: tuple[str, ...]) -> frozenset[str]:
    return first_words(phrases)


def _present_firsts(prose: str, code: str, kinds) -> dict[str, frozenset[str]]:
    """The words the patterns of these kinds and their states may begin a match with in this text: those of the
    phrases whose needle (_claim_needles) the text holds, in lower case. Most articles hold the needles of few
    phrases, and the words of all (short ones: "a", "was") begin words everywhere; a text whose lower case is not
    its case folding, offset for offset (see anchored.lowered), keeps every phrase's words."""
    low = lowered(prose)
    firsts, needles = _claim_firsts(code), _claim_needles(code)
    out = {}
    for key in firsts:
        if key.partition(":")[2] not in kinds:
            continue
        if low is None:
            out[key] = firsts[key]
            continue
        present = tuple(phrase for needle, phrases in needles[key] if needle in low for phrase in phrases)
        out[key] = _phrase_firsts(present) if present else frozenset()
    return out


def _times(prose: str, s: int, e: int, code: str, dates: list[DateMention]):
    """(start, end, year, month, day, last day) of the dates, months and years of a sentence."""
    p = _claim_patterns(code)
    months = {k.lower().rstrip("."): v for k, v in list(language.load(code)["months"].items())
              + list(language.load(code).get("month_abbreviations", {}).items())}
    out, taken = [], []
    for d in dates:
        if s <= d.start < e and (d.year or d.day):
            out.append((d.start, d.end, d.year, d.month, d.day, d.day_end))
            taken.append((d.start, d.end))
    for m in p["month_year"].finditer(prose, s, e):
        if not any(a <= m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), int(m.group("year")), months.get(m.group("month").lower().rstrip(".")), None, None))
            taken.append((m.start(), m.end()))
    for m in p["year"].finditer(prose, s, e):
        if not any(a <= m.start() < b for a, b in taken):
            out.append((m.start(), m.end(), int(m.group("year")), None, None, None))
    return out


def _adjacent(p, prose: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Are two spans a few words apart, with no punctuation between?"""
    first, second = sorted((a, b))
    if second[0] < first[1]:
        return False
    m = p["near"].match(prose, first[1], second[0])
    return m is not None and m.end() == second[0]


def _bears_on(p, words, prose: str, kind_span: tuple[int, int], target: tuple[int, int], named) -> bool:
    """Do the words of an event's kind bear on the target itself (what was joined or founded), rather than on
    another thing of it or made with it? Between them stand only links ("accession to", "la création de l'",
    "NATO's founding") and participants named in the sentence ("l'adhésion de l'Espagne à l'OTAN"): "signed an
    agreement with NATO", "la création de la force de réaction de l'OTAN", "NATO's reaction force was created"
    are other things. A target after the kind's words is not a possessor ("joined NATO's Partnership for
    Peace"), nor, after a verb's words ("joined", "a rejoint", "signed"), anything but its object, an article
    at most between ("le commandement intégré de l'OTAN"); and after a verb's words the phrase ends there: a
    function word, a date or punctuation follows, not a word of the thing the target is part of ("joined NATO
    troops") nor the verb's own object ("NATO signed an accord")."""
    if not _adjacent(p, prose, kind_span, target):
        return False
    first, second = sorted((kind_span, target))
    if not _links_only(p, prose, first[1], second[0], named):
        return False
    after = target[0] >= kind_span[1]
    if after and p["possessor"] is not None and p["possessor"].match(prose, target[1]):
        return False
    if fold(" ".join(prose[kind_span[0]:kind_span[1]].split())) in words["nouns"]:
        return True
    if after and not p["determiners"].fullmatch(prose, kind_span[1], target[0]):
        return False                # a verb has what it joined as its object: "le commandement intégré de l'OTAN"
    if after and not words["modifiers_first"]:
        return True                 # "a adhéré à l'Alliance atlantique": a word after what was joined qualifies it
    return _ends_there(p, words, prose, second[1])


def _links_only(p, prose: str, start: int, end: int, named) -> bool:
    """Is the text between two words of a claim links and participants named in the sentence only?"""
    at = start
    for a, b, _ in named:           # in the order of the text
        if a >= start and b <= end:
            if not p["links"].fullmatch(prose, at, a):
                return False
            at = b
    return p["links"].fullmatch(prose, at, end) is not None


def _ends_there(p, words, prose: str, end: int) -> bool:
    """Does a phrase end here: punctuation, a number, a function word, a month or weekday, or a determiner
    before a date ("le 12 mars") follows?"""
    m = p["next"].match(prose, end)
    if m is None:
        return True
    word = fold(m.group("word"))
    if word in words["determiners"] or word.rstrip("'") + "'" in words["determiners"]:
        return m.group("digit") is not None
    return word in words["ends"] or word.rstrip("'") in words["ends"]


# complex by design (C901): participants, verbs and dates of one sentence are matched together, in one pass over the sentences
def find_event_claims(prose: str, folded: str, code: str, base: FactBase, sentences: list[tuple[int, int]],  # noqa: C901
                      dates: list[DateMention], tokens: list[tuple[int, int, str]]) -> list[EventClaim]:
    participants = base.event_participants.get(code, {})
    if not participants:
        return []
    p, words = _claim_patterns(code), _claim_words(code)
    who = [(a, b, participants.get(fold(" ".join(prose[a:b].split())), []))
           for a, b in base.find("participant", code, folded, tokens)]
    orgs = [(a, b, base.event_organisations.get(fold(" ".join(prose[a:b].split())), []))
            for a, b in base.find("organisation", code, folded, tokens)] if base.event_organisations else []
    claims = []
    firsts, hits = {}, None
    who_starts = [a for a, _, _ in who]           # in the order of the text, as find_words gives them
    for s, e in sentences:
        lo = bisect.bisect_left(who_starts, s)
        named = who[lo:bisect.bisect_left(who_starts, e, lo)]
        if not named:
            continue
        if hits is None:   # where the kinds' and states' words begin: the patterns are tried there only
            # only the kinds some participant of the article has events of can be asked for (below)
            # a participant named often is one list of events: each list read once
            lists = {id(events): events for _, _, events in who}.values()
            firsts = _present_firsts(prose, code, frozenset(ev.kind for events in lists for ev in events))
            hits = word_hits(prose, frozenset().union(*firsts.values()))
        here = hits[bisect.bisect_left(hits, (s,)):bisect.bisect_left(hits, (e,))]
        times = None
        for kind in sorted({ev.kind for _, _, events in named for ev in events}):
            for state in (False, True):
                key = f"{'state' if state else 'kind'}:{kind}"
                pattern = p.get(key)
                for m in finditer_at(pattern, prose, starts_of(here, firsts[key]), e) if pattern and firsts[key] else ():
                    pair = _pair(p, prose, m.span(), kind, named, [o for o in orgs if s <= o[0] < e], words)
                    if pair is None:
                        continue
                    span, events = pair
                    if p["intent"].search(prose, max(s, span[0] - 40), span[0]) or p["intent"].match(prose, span[1] + 1, e):
                        continue   # "applied to join NATO in May 2022", "its NATO membership bid": not the accession
                    if times is None:
                        times = _times(prose, s, e, code, dates)
                    when = _linked_time(p, prose, span, times, state, s)
                    if when is not None:
                        claims.append(EventClaim(span[0], span[1], events, *when))
    return claims


def _pair(p, prose, kind_span, kind, named, orgs, words):
    """The words of the event (the kind's words and what was joined, or who was founded) and its events."""
    candidates = [ev for _, _, events in named for ev in events if ev.kind == kind]
    joined = [ev for ev in candidates if ev.organisation]
    if joined:
        for a, b, ids in orgs:
            # an organisation before the kind's noun is read loosely: "Spain's NATO membership", "NATO
            # leaders will hold their summit in Warsaw" (the participant named in the sentence ties it)
            loose = b <= kind_span[0] and fold(" ".join(prose[kind_span[0]:kind_span[1]].split())) in words["nouns"]
            if _adjacent(p, prose, kind_span, (a, b)) if loose else _bears_on(p, words, prose, kind_span, (a, b), named):
                events = tuple({ev.id: ev for ev in joined if ev.organisation in ids}.values())
                if events:
                    return (min(a, kind_span[0]), max(b, kind_span[1])), events
    for a, b, events in named:   # "the North Atlantic Treaty was signed", "l'OTAN a été fondée"
        mine = tuple(ev for ev in events if ev.kind == kind and not ev.organisation)
        if mine and _bears_on(p, words, prose, kind_span, (a, b), named):
            return (min(a, kind_span[0]), max(b, kind_span[1])), mine
    return None


def _linked_time(p, prose, span, times, state: bool, sentence_start: int):
    """The date written with the event's words: right after them, or right before them, a few words away;
    for a state ("membre de l'OTAN"), only after "depuis"/"since"."""
    best = None
    for start, end, *when in times:
        if start >= span[1]:
            gap = p["gap"].match(prose, span[1], start)
            ok = gap is not None and gap.end() == start
            if ok and state:
                ok = bool(p["since"].search(prose, span[1], start))
        elif end <= span[0]:   # "En 1999, la Pologne a rejoint …": a date that opens the clause
            gap = p["gap_back"].search(prose, end, span[0])
            ok = gap is not None and gap.start() == end and not state \
                and (not prose[end:span[0]].strip()    # "the 1999 accession of Poland to NATO"
                     or p["opens"].search(prose[max(sentence_start, start - 40):start]) is not None)
        else:
            continue
        distance = start - span[1] if start >= span[1] else span[0] - end
        if ok and (best is None or distance < best[0]):
            best = (distance, (start, end, *when))
    return best[1] if best else None
