"""Title mentions: an office title of the rules, its qualifier (ancien, élu, new …), its determiner and the
name it goes with, before or after it ("l'ancien président américain Donald Trump", "Rutte, qui est
récemment devenu secrétaire général", "Pete Hegseth, then-Secretary of Defense")."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .. import lang as language
from ..facts.factbase import FactBase, find_words, first_words_index
from ..facts.model import TitleForm
from ..fold import fold
from ..lang import alternation, starts
from .. import patterns

# A name's word: initials, dotted and glued or not ("J.", "J.D.", "J.-P.", "U.S."), or a capitalised word with its
# hyphenated parts and inner apostrophes ("O'Brien", "N'Djamena"); a possessive is not part of it ("Nations'",
# "Gonzalez’", "Trump's").
_WORD_PART = r"\p{Lu}[\p{Ll}\p{Lu}]*(?:['’](?!s(?!\p{L}))\p{L}[\p{Ll}\p{Lu}]*)*"
NAME_TOKEN = rf"(?:\p{{Lu}}\.(?:-?\p{{Lu}}\.)*|{_WORD_PART}(?:-{_WORD_PART})*)"


@dataclass(slots=True, unsafe_hash=True)   # not frozen, to be made faster: see VALUES in finding.py
class TitleMention:
    start: int
    end: int
    text: str
    forms: tuple[tuple[TitleForm, str], ...]      # (form, office id) pairs the words can stand for
    qualifier: str | None                         # former, future, new, then, outgoing
    qualifier_span: tuple[int, int] | None
    determiner_gender: str | None                 # "m" or "f" when a determiner shows it
    name: str | None
    name_span: tuple[int, int] | None

    @property
    def office_ids(self) -> frozenset[str]:
        return frozenset(office for _, office in self.forms)




@functools.lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, regex.Pattern]:
    data = language.load(code)
    qb = data["qualifiers_before"]
    qa = data["qualifiers_after"]
    clause = data["become_clause"]
    particles = alternation(data["name_particles"])
    name = rf"(?P<name>{NAME_TOKEN}(?:\s+(?:(?:{particles})\s+)?{NAME_TOKEN}){{0,4}})"
    dets = data["determiners"]
    all_dets = dets["m"] + dets["f"] + dets["elided"] + dets.get("n", [])
    det = alternation(all_dets) or "(?!)"
    # what a match can begin with (lang.starts): lets the engine skip the rest of the window at once
    first_det_or_qualifier = starts(all_dets, *(words for words in qb.values() if words))
    first_det = starts(all_dets)
    possessors = [rf"(?:(?:{det})\s+)?[\w-]+{patterns.escape(e)}" for e in data["possessor_endings"]]
    if possessors:   # "the company's chairwoman": a possessor stands where a determiner would
        det = "|".join([det] + possessors)
        first_det_or_qualifier = first_det = ""
    complement = rf"(?:{alternation(data['apposition_complements'])})(?:\s+[^\s,;:.()]+){{1,3}}"
    # "de l'usine", "d'Italie en Espagne", "of the board": an elided head is glued to its first word
    complement_glued = rf"(?:{alternation(data['apposition_complements'])})(?:(?<=['’])|\s+)[^\s,;:.()]+(?:\s+[^\s,;:.()]+){{0,3}}"
    flags = 0
    groups_before = "|".join(f"(?P<{kind}>{alternation(words)})" for kind, words in qb.items() if words)
    groups_after = "|".join(f"(?P<{kind}>{alternation(words)})" for kind, words in qa.items() if words) or "(?!)"
    groups_clause = "|".join(f"(?P<{kind}>{alternation(words)})" for kind, words in clause.items() if words)
    # The patterns searched in the text before a title end where it ends ("…$"): a forward search tries every
    # place of that text, and most titles have no qualifier, clause or name before them. So each one's tail
    # ("…_tail": what it must end with, less lookbehinds and names) is tried first, backwards from the end (the
    # REVERSE flag), in the time of one attempt: a text it rules out has no match. "$" also matches before a
    # final line break, which only "-" leaves unread: hence "\n?". No words: an empty group, as above.
    qualifier_words = alternation([w for words in qb.values() for w in words])
    clause_words = alternation([w for words in clause.values() for w in words])
    return {
        # "l'ancien ", "le nouveau ", "l'ex-", "former ", "then-"
        "qualifier_before": patterns.compile(rf"{first_det_or_qualifier}(?:(?<![\w])(?P<det>{det})\s*)?(?<![\w-])(?:{groups_before})(?:\s+|-)$", flags | regex.I),
        "qualifier_before_tail": patterns.compile(rf"(?r)(?:{qualifier_words})(?:\s+|-)\n?", flags | regex.I),
        "determiner": patterns.compile(rf"{first_det}(?<![\w])(?P<det>{det})\s*$", flags | regex.I),
        "determiner_tail": patterns.compile(rf"(?r)(?:{det})\s*", flags | regex.I),
        # "Fraîchement nommé, le chancelier …": a qualifier that opens the sentence, detached by a comma
        "detached": patterns.compile(rf"^\s*(?:{groups_before})\s*,\s*(?:(?P<det>{det})\s*)?$", flags | regex.I),
        # an apposition closes after its title, or after a short complement ("a spokeswoman for the ministry,")
        "closed": patterns.compile(rf"\s*(?:{complement}\s*)?(?:[,;:.)–—]|$)", flags | regex.I),
        "qualifier_after": patterns.compile(rf"^(?:\s+|-)(?:{groups_after})(?![\w])", flags | regex.I),
        # "Rutte, qui est récemment devenu ", "Mark Rutte, ", "Olaf Scholz, alors "
        "name_before": patterns.compile(rf"(?=\p{{Lu}}){name}\s*,\s*(?:(?:{groups_clause})\s+)?$", flags),
        "name_before_tail": patterns.compile(rf"(?r),\s*(?:(?:{clause_words})\s+)?", flags),
        "clause_before": patterns.compile(rf"(?=\p{{Lu}}){name}\s*,?\s+(?:{groups_clause})\s+$", flags),
        "clause_before_tail": patterns.compile(rf"(?r)\s+(?:{clause_words})\s+", flags),
        # " Donald Trump", ", Pete Hegseth,"
        "name_after": patterns.compile(rf"(?:\s*,)?\s+{name}(?![\w-])", flags),
        # "La directrice de l'usine, Claire Petit, a …": a complement, then the name in apposition, which the
        # name must close (a comma before a lower-case word, a stop): "…, Jean Dupont et Paul Martin" and
        # "…, Jean Dupont, Paul Martin" are lists
        "name_after_complement": patterns.compile(
            rf"\s+{complement_glued}\s*,\s*{name}(?![\w-])(?=\s*(?:[;:.)–—]|,(?!\s*\p{{Lu}})|$))", flags),
    }


@functools.lru_cache(maxsize=None)
def _function_words(code: str) -> frozenset[str]:
    return frozenset(language.load(code)["function_words"])


@functools.lru_cache(maxsize=None)
def _weekdays(code: str) -> frozenset[str]:
    return frozenset(language.load(code)["weekdays"])


_ELIDED_WORD = regex.compile(r"\p{Lu}['’]\p{Ll}+$")   # "L'entourage de …": a sentence's first word, not a name ("L'Oréal" is)


def trim_name(text: str, start: int, code: str) -> tuple[str, int]:
    """Drop leading function words a sentence start capitalised ("Selon Rutte" → "Rutte"; "L'entourage de
    Julian Assange" → "Julian Assange": an elided common noun, then its "de"), and weekdays at
    either end, which English capitalises ("Bill Clinton Saturday vowed" → "Bill Clinton")."""
    words, weekdays = _function_words(code), _weekdays(code)
    while True:
        head, sep, rest = text.partition(" ")
        folded = head.lower().strip("'’")
        if not sep or (folded not in words and folded not in weekdays
                       and not (head[1:2] in ("'", "’") and _ELIDED_WORD.match(head))):   # the pattern only where it may match
            break
        offset = len(head) + len(sep)
        while rest.startswith(" "):
            rest, offset = rest[1:], offset + 1
        text, start = rest, start + offset
    while True:
        rest, sep, tail = text.rpartition(" ")
        if not sep or tail.lower() not in weekdays:
            return text, start
        text = rest.rstrip()


def _kind(match: regex.Match, kinds) -> str | None:
    for kind in kinds:
        try:
            if match.group(kind):
                return kind
        except IndexError:
            continue
    return None


WINDOW = 200
KINDS = ("former", "future", "new", "then", "outgoing")


def find_titles(prose: str, folded: str, code: str, base: FactBase, sentences: list[tuple[int, int]],
                tokens: list[tuple[int, int, str]]) -> list[TitleMention]:
    """Titles of the rules' offices."""
    spans = base.find("title", code, folded, tokens)
    return _find(prose, folded, code, spans, lambda written: base.title_forms(code, written), sentences, False)


@functools.lru_cache(maxsize=None)
def _generic(code: str) -> tuple[dict, dict[str, tuple[tuple[TitleForm, str], ...]]]:
    forms: dict[str, list] = {}
    for gender, words in language.load(code)["gendered_titles"].items():
        for word in words:
            forms.setdefault(fold(word), []).append((TitleForm(word, gender, code), ""))
    return first_words_index(forms), {k: tuple(v) for k, v in forms.items()}


def find_generic_titles(prose: str, folded: str, code: str, sentences: list[tuple[int, int]],
                        tokens: list[tuple[int, int, str]]) -> list[TitleMention]:
    """Common gendered titles of the language ("ministre", "présidente", "chairwoman"), office unknown. Their name
    may follow a complement ("La directrice de l'usine, Claire Petit,"): the title's gender is all that is read
    from them, and a complement does not change it, where it can make an office title another office's ("le
    président du conseil général, …")."""
    index, forms = _generic(code)
    spans = find_words(index, folded, tokens)
    return _find(prose, folded, code, spans, lambda written: forms.get(fold(" ".join(written.split())), ()), sentences,
                 True)


# complex by design (C901): a title form, its determiner, its gender and the name after it are read together in one scan
def _find(prose, folded, code, spans, forms_for, sentences, after_complement: bool) -> list[TitleMention]:  # noqa: C901
    pats = _patterns(code)
    dets = language.load(code)["determiners"]
    det_gender = {**{w: "m" for w in dets["m"]}, **{w: "f" for w in dets["f"]}}
    found = []
    sentence_iter = iter(sentences)
    sentence = next(sentence_iter, (0, len(prose)))
    for m_start, m_end in spans:
        while sentence[1] <= m_start:
            sentence = next(sentence_iter, (m_start, len(prose)))
        # what binds to a title is near it: a bounded window keeps the work linear in the text
        s_start = max(min(sentence[0], m_start), m_start - WINDOW)
        before = prose[s_start:m_start]
        s_end = min(sentence[1] if sentence[1] > m_end else len(prose), m_end + WINDOW)
        after = prose[m_end:s_end]
        if before.endswith("-") and not _search_at_end(pats, "qualifier_before", before):
            continue  # "sous-secrétaire": the title is part of another word
        written = prose[m_start:m_end]
        forms = tuple(forms_for(written))
        if not forms:
            continue
        qualifier, q_span, determiner = None, None, None
        qb = _search_at_end(pats, "qualifier_before", before) or pats["detached"].search(before)
        dm = None
        if qb:
            qualifier = _kind(qb, KINDS)
            q_span = (s_start + qb.start(qualifier), s_start + qb.end(qualifier))
            determiner = qb.group("det")
        else:
            dm = _search_at_end(pats, "determiner", before)
            determiner = dm.group("det") if dm else None
        end = m_end
        qa = pats["qualifier_after"].match(after)
        if qa and qualifier is None:
            qualifier = _kind(qa, KINDS)
            q_span = (m_end + qa.start(qualifier), m_end + qa.end(qualifier))
            end = q_span[1]
        name = name_span = None
        na = pats["name_after"].match(prose, end, max(end, s_end)) \
            if not prose[end:end + 1].isalnum() else None
        if na is None and after_complement and not prose[end:end + 1].isalnum():
            na = pats["name_after_complement"].match(prose, end, max(end, s_end))
        head = before[:qb.start()] if qb else before[:dm.start()] if dm else before   # "Hegseth, the US Secretary"
        nb = _search_at_end(pats, "clause_before", head) or _search_at_end(pats, "name_before", head)
        if nb and determiner and not pats["closed"].match(prose, end, min(len(prose), end + 80)):
            nb = None   # "Selon Merz, le chancelier a tort": an apposition with a determiner closes after the title
        # "le président Donald Trump" binds closest; in "Elbridge Colby, sous-secrétaire …, Rutte a dit"
        # the name before the comma is the apposition and the one after begins the next clause
        if na and (not nb or not prose[end:na.start("name")].strip()):
            name, n_start = trim_name(na.group("name"), na.start("name"), code)
            name_span = (n_start, n_start + len(name))
        elif nb:
            name, n_start = trim_name(nb.group("name"), s_start + nb.start("name"), code)
            name_span = (n_start, n_start + len(name))
            clause_kind = _kind(nb, KINDS)
            if clause_kind and qualifier is None:
                qualifier = clause_kind
                first_clause = next(k for k in KINDS if _group(nb, k))
                q_span = (s_start + nb.start(first_clause), s_start + nb.end(first_clause))
        gender = det_gender.get((determiner or "").lower())
        found.append(TitleMention(m_start, m_end, written, forms, qualifier, q_span, gender, name, name_span))
    return found


def _search_at_end(pats: dict[str, regex.Pattern], key: str, text: str) -> regex.Match | None:
    """pats[key].search(text), for a pattern that ends at the text's end: None at once when its tail does not."""
    return pats[key].search(text) if pats[key + "_tail"].match(text) else None


@functools.lru_cache(maxsize=None)
def _historical_clause(code: str) -> regex.Pattern:
    words = language.load(code)["historical_clauses"]
    return patterns.compile(rf"\s*,?\s*(?:{alternation(words) or '(?!)'})(?!\w)", regex.I)


def historical_clause_at(prose: str, offset: int, code: str) -> bool:
    """Does a clause that puts a title in the past begin here ("…, under whom NATO was founded")?"""
    return _historical_clause(code).match(prose, offset, offset + 80) is not None


def _group(match: regex.Match, name: str):
    try:
        return match.group(name)
    except IndexError:
        return None
