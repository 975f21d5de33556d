"""Quotations and their speaker: « … », “ … ”, „ … “ and "…". Pure: prose (with sentences and names) → Quotes.

The speaker is the name right after the quotation (", a déclaré Mark Rutte", "said Rutte") or, failing
that, the name before it in the sentence ("Rutte a déclaré : « … »"). When a pronoun gives it
(", a-t-il déclaré", "he said"), the speaker is the previous quotation's, or the sentence's first name,
and it is marked as inferred: only explicit speakers are compared."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..fold import fold, fold_name
from .names import NameSpan
from .sentences import sentence_at
from .. import patterns

_QUOTES = patterns.compile(r"«(?P<a>[^«»]{2,1500}?)»|“(?P<b>[^“”]{2,1500}?)”|„(?P<c>[^„“”]{2,1500}?)[“”]|"
                        r"(?<![\w\"])\"(?P<d>[^\"\n]{2,1500}?)\"(?![\w\"])")
AFTER_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Quote:
    start: int                 # the inside of the quotation marks
    end: int
    text: str
    speaker: str | None        # as written ("Mark Rutte")
    speaker_explicit: bool


@functools.lru_cache(maxsize=None)
def _cues(code: str) -> regex.Pattern:
    cues = sorted(language.load(code)["quote_pronoun_cues"], key=len, reverse=True)
    alt = "|".join(regex.escape(c).replace("'", "['’]").replace(r"\ ", r"\s+") for c in cues)
    return patterns.compile(rf"^[\s,.:;!?—–-]*(?:\p{{L}}+\s+){{0,1}}(?:{alt})(?![\w-])", regex.I)


_WORDS = patterns.compile(r"[\p{L}\p{N}]+")


def normalise(text: str) -> str:
    """The quotation's words folded, punctuation out: what two versions are compared on."""
    return " ".join(_WORDS.findall(fold(text).replace("'", " ")))


def speaker_key(name: str | None) -> str | None:
    return fold_name(name).split()[-1] if name else None


def find_quotes(prose: str, code: str, sentences: list[tuple[int, int]], names: list[NameSpan]) -> list[Quote]:
    quotes: list[Quote] = []
    previous_speaker: str | None = None
    for m in _QUOTES.finditer(prose):
        group = next(g for g in "abcd" if m.group(g) is not None)
        raw = m.group(group)
        inner = raw.strip()
        if not inner:
            continue
        start = m.start(group) + (len(raw) - len(raw.lstrip()))
        end = start + len(inner)
        speaker, explicit = _speaker(prose, code, sentences, names, m.start(), m.end())
        if speaker is None and explicit is None:
            speaker = previous_speaker or _first_name(prose, sentences, names, m.start(), m.end())
            explicit = False
        quotes.append(Quote(start, end, inner, speaker, bool(explicit)))
        if speaker:
            previous_speaker = speaker
    return quotes


def _sentence(sentences, offset):
    return sentence_at(sentences, offset)


def _people(found: list[NameSpan]) -> list[NameSpan]:
    """Names that can speak: acronyms (organisations, places) only when no person-like name is there."""
    people = [n for n in found if not n.text.isupper()]
    return people or found


def _speaker(prose, code, sentences, names, q_start, q_end) -> tuple[str | None, bool | None]:
    """(speaker, explicit); (None, None) when a pronoun says it is someone named before."""
    _, s_end = _sentence(sentences, max(q_end - 1, 0))
    after = prose[q_end:min(s_end if s_end > q_end else q_end, q_end + AFTER_WINDOW)]
    if _cues(code).match(after):
        return None, None
    found = _people([n for n in names if q_end <= n.start < q_end + len(after)])
    if found:
        return found[0].text, len(found) == 1 or found[0].start - q_end < 25
    s_start, _ = _sentence(sentences, q_start)
    before_text = prose[s_start:q_start]
    if _cues(code).match(before_text.strip() and before_text or ""):
        return None, None
    found = _people([n for n in names if s_start <= n.start and n.end <= q_start])
    if found:
        return found[-1].text, len(found) == 1
    return None, False


def _first_name(prose, sentences, names, q_start, q_end) -> str | None:
    s_start, s_end = _sentence(sentences, q_start)
    found = _people([n for n in names if s_start <= n.start < s_end and not q_start <= n.start < q_end])
    return found[0].text if found else None
