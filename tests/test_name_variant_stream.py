"""name-variant streams the spellings twice and keeps aggregates, not every use: its findings (messages,
evidence, order) must be those of the straightforward algorithm that holds every use in lists, kept here
as the reference, on generated collections with many names, variants, leads, possessives, capitals,
transliterations and an archive whose names come in any order."""
from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest

from checker.checks import name_variant as nv
from checker.collection import Collection
from checker.finding import DEFAULT, Evidence, Location, found
from checker.fold import fold_name
from checker.records import ArticleRecord, NameSpelling

OPTIONS = {key: default for key, (_, default, _) in nv.OPTIONS.items()}


# --- the reference: every use held in lists ---------------------------------------------------------------
def _reference(collection, options):
    spellings = [n for n in nv._with_leads(_reference_names(collection)) if len(n.folded.split()) >= 2]
    uses = Counter(n.folded for n in spellings)
    forms: dict[str, Counter] = defaultdict(Counter)
    for n in spellings:
        forms[n.folded][n.text] += 1
    written = {folded: nv._usual(counts) for folded, counts in forms.items()}
    for minority, majority in nv._variants(uses, options):
        if written[majority] is None or nv._transliterated(forms[minority], forms[majority]):
            continue
        house = nv._TRIPLED.sub(r"\1\1", written[majority])
        if fold_name(house) == minority:
            continue
        others = [n for n in spellings if n.folded == majority]
        evidence = tuple(Evidence.at(n, n.text) for n in _spread(others)[:nv.MAX_EVIDENCE])
        for n in spellings:
            if n.folded != minority or not collection.is_checked(n.path):
                continue
            message = (f"“{n.text}” is written “{written[majority]}” {uses[majority]} times in the articles "
                       f"checked together; expected “{house}”")
            location = Location(n.path, n.line, n.column, n.line, n.column + len(n.text))
            yield found(nv.ID, message, location, DEFAULT, n.text, house, evidence)


def _reference_names(collection):
    local = [n for record in collection.records for n in record.names]
    yield from local
    if collection.archive is not None:
        tokens = {t for n in local if len(n.folded.split()) >= 2 for t in n.folded.split()}
        yield from collection.archive.names_with_tokens(tokens, exclude=collection.checked)


def _spread(names):
    seen, first, rest = set(), [], []
    for n in sorted(names, key=lambda n: (n.path, n.line, n.column)):
        (rest if n.path in seen else first).append(n)
        seen.add(n.path)
    return first + rest


# --- generated collections ---------------------------------------------------------------------------------
class _Archive:
    """names_with_tokens as the index answers it, but in a shuffled order: the evidence must not depend on it."""

    def __init__(self, names: list[NameSpelling], rng: random.Random) -> None:
        self.names, self.rng = names, rng

    def names_with_tokens(self, tokens, exclude=()):
        wanted, skip = set(tokens), set(exclude)
        out = [n for n in self.names if n.path not in skip and wanted & set(n.folded.split())]
        self.rng.shuffle(out)
        return out


def _word(rng, low, high):
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    size = rng.randint(low, high)
    return "".join(rng.choice(vowels if k % 2 else letters) for k in range(size)).capitalize()


def _slip(word, rng):
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice(("swap", "drop", "double", "near", "last", "triple"))
    if how == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "triple":
        return word[:i] + word[i] * 2 + word[i:]
    if how == "near":
        return word[:i] + rng.choice("aeioubdt") + word[i + 1:]
    if how == "last":
        return word[:-1] + rng.choice("aio")
    return word[:i] + word[i + 1:]


def _forms(rng):
    """A name and the ways articles write it: mostly as is, sometimes slipped, in capitals, after a
    possessive, followed by a company word, transliterated."""
    first, last = _word(rng, 3, 7), _word(rng, 4, 9)
    if rng.random() < 0.15:
        last = last[:2] + "ö" + last[3:]
    name = f"{first} {last}"
    forms = [name] * rng.randint(2, 6)
    for _ in range(rng.randint(0, 3)):
        words = name.split()
        k = rng.randrange(len(words))
        words[k] = _slip(words[k], rng)
        forms.append(" ".join(words))
    if rng.random() < 0.2:
        forms.append(name.upper())
    if rng.random() < 0.2:
        forms.append(f"The World's {name}")
    if rng.random() < 0.2:
        forms.append(f"{name} Industries")
    if "ö" in name and rng.random() < 0.5:
        forms.append(name.replace("ö", "oe"))
    return forms


def _collection(seed: int, articles: int = 60, archived: int = 30):
    rng = random.Random(seed)
    vocabulary = [_forms(rng) for _ in range(40)]
    every = []
    for index in range(articles + archived):
        path = f"p{index:03d}.md" if index < articles else f"{rng.choice('az')}/q{index:03d}.md"
        names = []
        line = 1
        for _ in range(rng.randint(3, 25)):
            line += rng.choice((0, 0, 1, 2))
            forms = rng.choice(vocabulary[:8] if rng.random() < 0.4 else vocabulary)
            text = rng.choice(forms)
            names.append(NameSpelling(path, line, rng.randint(1, 60), text, fold_name(text), rng.random() < 0.1))
        names.sort(key=lambda n: (n.line, n.column))
        every.append(ArticleRecord(path, "en", None, names=names))
    records, archive = every[:articles], [n for r in every[articles:] for n in r.names]
    rng.shuffle(records)
    return records, _Archive(archive, random.Random(seed))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("against", [False, True])
def test_streaming_findings_are_those_of_the_reference(seed, against):
    records, archive = _collection(seed)
    expected = list(_reference(Collection(records, archive if against else None), OPTIONS))
    got = list(nv.check_collection(Collection(records, archive if against else None), OPTIONS))
    assert got == expected
    assert len(expected) >= 5   # the generated collections do have variants to find


def test_the_reference_comparison_covers_short_evidence_and_shared_minorities():
    """Over the seeds, evidence from one or two articles (uses of one article after the first) and
    several findings per minority spelling occur: the branches of the bounded sample are exercised."""
    short = shared = 0
    for seed in range(12):
        records, archive = _collection(seed, articles=20, archived=5)
        findings = list(nv.check_collection(Collection(records, archive), OPTIONS))
        assert findings == list(_reference(Collection(records, archive), OPTIONS))
        short += sum(len({e.place.path for e in f.evidence}) < len(f.evidence) for f in findings)
        texts = [f.text for f in findings]
        shared += len(texts) - len(set(texts))
    assert short and shared


def test_a_collection_without_names():
    records = [ArticleRecord("a.md", "en", None), ArticleRecord("b.md", "en", None)]
    assert list(nv.check_collection(Collection(records), OPTIONS)) == []


def test_the_counting_pass_sees_the_spellings_of_the_reporting_pass():
    """The first pass counts (text, folded) pairs without a record per lead (_forms); they must be those the second
    pass gives as records (_spellings), names across a line break and names whose folding drops a word included."""
    records, _ = _collection(3)
    names = [n for r in records for n in r.names]
    names += [NameSpelling("x.md", 1, 1, text, fold_name(text), False)
              for text in ("Air Force Colonel Eileen\nCollins", "Jean-Luc  Picard Sr", "J. D. Vance Jr", "Ann", "Lu Xun Li")]
    from_records = Counter((n.text, n.folded) for n in nv._spellings(names))
    assert Counter(nv._forms((n.text, n.folded) for n in names)) == from_records
    assert {("Air Force Colonel Eileen", "air force colonel eileen"), ("Lu Xun", "lu xun"),
            ("Xun Li", "xun li")} <= set(from_records)   # leading and trailing words are counted
    assert not any(text.startswith("Jean-Luc") and text != "Jean-Luc  Picard Sr" for text, _ in from_records)
