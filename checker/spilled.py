"""The findings of a large run, kept on disk in sorted runs and read back merged, in report order.

An archive of 100,000 articles can have hundreds of thousands of findings; held as objects until the
report is written they would be most of the run's memory. A run that keeps its records on disk
(store.py) keeps its findings here: up to BUFFER in memory, then sorted by Finding.sort_key and written
as a run (pickled batches of BATCH) to an anonymous temporary file, which the system removes when it is
closed or the process ends, however it ends. Reading merges the runs (heapq.merge, stable: findings of
equal keys come in the order they were added, as a stable sort of a list would give them), holding one
batch of each. As runs are written, every MAX_RUNS runs of one size are merged into one larger run, so a
reader holds a batch from fewer than MAX_RUNS runs of each size (a handful of sizes for millions of
findings) and each finding is written once per size it goes through.

Each finding travels with its fingerprint (baseline.py), which a report otherwise keeps in a dictionary
keyed by finding, and with its sort key, computed once when it is added. The file is written and read by this
process only.

A finding of the usual shape (exactly a Finding, a Location, a Severity, Evidence at Places and a Fix or none) is
pickled as plain values, its fields' strings, numbers and tuples (_flat), and rebuilt by setting the fields of new
objects (_rebuilt): pickled as objects, each of its dozen objects went through a Python __reduce__ on the way out
and its class's __init__ on the way in. A finding of any other shape (a subclass, a field of another class) is
pickled as it is. Either way pickle keeps every value and its type.
"""
from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from operator import itemgetter

from .finding import Evidence, Finding, Fix, Location, Place, Severity

BUFFER = 4_096   # findings held before a run is written: about 4.6 KB each in memory (20,000 held 92 MB), so a
                 # run of 16,000 benchmark articles peaked at 166 MB with 20,000 and 93 MB with 4,096, the same CPU:
                 # a finding is written about twice up to a million findings either way (MAX_RUNS)
BATCH = 128      # findings pickled together; a reader holds a batch of every run, up to MAX_RUNS - 1 of each level
MAX_RUNS = 16


_key = itemgetter(0)   # of an entry (sort key, (finding, fingerprint)), as written or read back
_pair = itemgetter(1)
_SEVERITIES = {severity.value: severity for severity in Severity}
_new = object.__new__


def _place(finding: Finding) -> tuple[str, str, int, int]:
    location = finding.location
    return finding.rule, location.path, location.line, location.column


def places(findings: "Iterable[Finding] | SpilledFindings", rules: set[str]) -> Iterator[tuple[str, str, int, int]]:
    """(rule, path, line, column) of each of the findings of one of `rules`, in no particular order: spilled ones
    read from their sort keys (SpilledFindings.places), others from the findings."""
    if isinstance(findings, SpilledFindings):
        return findings.places(rules)
    return (_place(finding) for finding in findings if finding.rule in rules)


def _flat(entry: tuple) -> tuple:
    """An entry (sort key, (finding, fingerprint)) as plain values: (key, (end_line, end_column, severity's value,
    text, suggestion, evidence, fix, level, fingerprint)), the key holding the rest of the finding (path, line,
    column, rule, message: Finding.sort_key), each piece of evidence a tuple (source, text, path, line, column), a
    fix a tuple of its fields. A finding of another shape: the entry as it is."""
    finding, fingerprint = entry[1]
    location, severity, fix = finding.location, finding.severity, finding.fix
    if type(finding) is not Finding or type(location) is not Location or type(severity) is not Severity \
            or type(finding.evidence) is not tuple:
        return entry
    evidence = []
    for item in finding.evidence:
        place = item.place
        if type(item) is not Evidence or type(place) is not Place:
            return entry
        evidence.append((item.source, item.text, place.path, place.line, place.column))
    if fix is not None:
        if type(fix) is not Fix:
            return entry
        fix = (fix.start, fix.end, fix.replacement, fix.safe)
    return entry[0], (location.end_line, location.end_column, severity._value_, finding.text, finding.suggestion,
                      tuple(evidence), fix, finding.level, fingerprint)


def _rebuilt(entries: list) -> Iterator[tuple]:
    """The entries of a batch as _flat gave them, their findings rebuilt: each object made by object.__new__ and
    its fields set, fewer instructions than calling each class's __init__ (an Evidence at its Place: 2.8 K against
    4.3 K, where Evidence.__init__ calls __post_init__ too)."""
    for key, rest in entries:
        if len(rest) == 2:   # (finding, fingerprint): not of the shape _flat writes
            yield key, rest
            continue
        end_line, end_column, severity, text, suggestion, evidence, fix, level, fingerprint = rest
        items = []
        for source, said, path, line, column in evidence:
            place = _new(Place)
            place.path = path
            place.line = line
            place.column = column
            item = _new(Evidence)
            item.source = source
            item.text = said
            item.place = place
            items.append(item)
        path, line, column, rule, message = key
        location = _new(Location)
        location.path = path
        location.line = line
        location.column = column
        location.end_line = end_line
        location.end_column = end_column
        finding = _new(Finding)
        finding.rule = rule
        finding.message = message
        finding.location = location
        finding.severity = _SEVERITIES[severity]
        finding.text = text
        finding.suggestion = suggestion
        finding.evidence = tuple(items)
        finding.fix = fix and Fix(*fix)
        finding.level = level
        yield key, (finding, fingerprint)


class _Batches:
    """An anonymous temporary file of pickled batches of BATCH entries, written and read by this process only."""

    def __init__(self, prefix: str) -> None:
        self._file = tempfile.TemporaryFile(prefix=prefix)

    def close(self) -> None:
        self._file.close()

    def _write(self, entries: Iterable, flat=None) -> list[tuple[int, int]]:
        """The entries appended as batches (each as flat(entry) gives it, when flat is given): their (offset,
        size)."""
        batches = []
        entries = iter(entries)
        while batch := list(islice(entries, BATCH)):   # reading a batch may move the file's position
            data = pickle.dumps(batch if flat is None else list(map(flat, batch)), protocol=pickle.HIGHEST_PROTOCOL)
            self._file.seek(0, 2)
            batches.append((self._file.tell(), len(data)))
            self._file.write(data)
        return batches

    def _loaded(self, batches: list[tuple[int, int]]) -> Iterator[list]:
        for offset, size in batches:
            self._file.seek(offset)
            yield pickle.loads(self._file.read(size))

    def _read(self, batches: list[tuple[int, int]]) -> Iterator:
        for batch in self._loaded(batches):
            yield from batch


class SpilledFindings(_Batches):
    """A sequence of findings for a report: append and extend, len, indexing and iteration in sorted order (the
    order `list.sort(key=Finding.sort_key)` gives); `pairs()` gives each with its fingerprint. Indexing walks
    the findings from the first: iterate instead."""

    def __init__(self, findings: Iterable[Finding] = (), fingerprints: dict | None = None):
        super().__init__("factlint-findings-")
        self._runs: list[tuple[int, list]] = []   # each run: its level, the (offset, size) of its batches
        self._buffer: list[tuple[tuple, tuple[Finding, str | None]]] = []   # (sort key, (finding, fingerprint))
        self._length = 0
        self.extend(findings, fingerprints)

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __iter__(self) -> Iterator[Finding]:
        return (finding for finding, _ in self.pairs())

    def __getitem__(self, index):
        """A finding or a list of them by position, as of a list; each read walks the findings to it."""
        if isinstance(index, slice):
            forward = (index.step or 1) > 0 and all(i is None or i >= 0 for i in (index.start, index.stop))
            return list(islice(self, index.start, index.stop, index.step)) if forward else list(self)[index]
        position = index + self._length if index < 0 else index
        if not 0 <= position < self._length:
            raise IndexError("finding index out of range")
        return next(islice(self, position, None))

    def append(self, finding: Finding, fingerprint: str | None = None) -> None:
        self._buffer.append((finding.sort_key(), (finding, fingerprint)))
        self._length += 1
        if len(self._buffer) >= BUFFER:
            self._flush()

    def extend(self, findings: Iterable[Finding], fingerprints: dict | None = None) -> None:
        """Add findings; `fingerprints` (finding → fingerprint, a report's) gives each its own."""
        for finding in findings:
            self.append(finding, fingerprints.get(finding) if fingerprints else None)

    def __iadd__(self, findings: Iterable[Finding]) -> "SpilledFindings":
        self.extend(findings)
        return self

    def sort(self, key=None) -> None:
        """Kept sorted by Finding.sort_key already; any other order is refused rather than ignored."""
        if key is not None and key is not Finding.sort_key:
            raise ValueError("spilled findings are kept in report order only")

    def pairs(self) -> Iterator[tuple[Finding, str | None]]:
        """(finding, fingerprint) in report order."""
        return map(_pair, self._entries())

    def _entries(self) -> Iterator[tuple]:
        """(sort key, (finding, fingerprint)) in report order."""
        buffered = sorted(self._buffer, key=_key)
        return heapq.merge(*(self._rebuilt(batches) for _, batches in self._runs), buffered, key=_key)

    def _rebuilt(self, batches: list[tuple[int, int]]) -> Iterator[tuple]:
        for batch in self._loaded(batches):
            yield from _rebuilt(batch)

    def places(self, rules: set[str]) -> Iterator[tuple[str, str, int, int]]:
        """(rule, path, line, column) of each finding of one of `rules`, in no particular order, read without
        rebuilding the findings written (their sort keys hold all four)."""
        for _, batches in self._runs:
            for key, rest in self._read(batches):
                if len(rest) != 2:
                    if key[3] in rules:
                        yield key[3], key[0], key[1], key[2]
                elif rest[0].rule in rules:   # not of the shape _flat writes
                    yield _place(rest[0])
        for _, (finding, _) in self._buffer:
            if finding.rule in rules:
                yield _place(finding)

    def filtered(self, wanted) -> "SpilledFindings":
        """The findings for which wanted(finding) is true, with their fingerprints, spilled anew."""
        kept = SpilledFindings()
        for finding, fingerprint in self.pairs():
            if wanted(finding):
                kept.append(finding, fingerprint)
        return kept

    def _flush(self) -> None:
        self._buffer.sort(key=_key)
        self._runs.append((0, self._write(self._buffer, _flat)))
        self._buffer = []
        # MAX_RUNS runs of one level merged into one of the next: each finding is written a few times,
        # and a reader holds a batch of at most MAX_RUNS runs a level; entries merged as written, never rebuilt
        while len(self._runs) >= MAX_RUNS and len({level for level, _ in self._runs[-MAX_RUNS:]}) == 1:
            level = self._runs[-1][0]
            merged = heapq.merge(*(self._read(batches) for _, batches in self._runs[-MAX_RUNS:]), key=_key)
            written = self._write(merged)
            self._runs[-MAX_RUNS:] = [(level + 1, written)]


class SpilledList(_Batches):
    """A list kept on disk in pickled batches of BATCH, in the order its items were added: append, extend and +=,
    len, and iteration (again and again). What a large run holds one of per article (the articles' summaries
    for the report) lives here, not in its memory."""

    def __init__(self, items: Iterable = ()):
        super().__init__("factlint-list-")
        self._batches: list[tuple[int, int]] = []
        self._buffer: list = []
        self._length = 0
        self.extend(items)

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def append(self, item) -> None:
        self._buffer.append(item)
        self._length += 1
        if len(self._buffer) >= BATCH:
            self._batches += self._write(self._buffer)
            self._buffer = []

    def extend(self, items: Iterable) -> None:
        for item in items:
            self.append(item)

    def __iadd__(self, items: Iterable) -> "SpilledList":
        self.extend(items)
        return self

    def __iter__(self) -> Iterator:
        yield from self._read(self._batches)
        yield from list(self._buffer)


class SpilledDigests(Mapping):
    """path → digest of the text checked (Report.digests, what --fix needs) for a large run: the pairs kept on disk
    (a SpilledList) while the articles are read, and read into a dictionary when first looked up (--fix, once the
    run is over). Held in memory, the digests of the articles whose findings carry a fix (a fifth of the benchmark's)
    took about 270 bytes each for the whole run."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self._pairs = SpilledList(pairs)
        self._index: dict[str, str] | None = None

    def update(self, digests) -> None:
        self._pairs.extend(digests.items())
        self._index = None

    def __setitem__(self, path: str, digest: str) -> None:
        self._pairs.append((path, digest))
        self._index = None

    def _indexed(self) -> dict[str, str]:
        if self._index is None:
            self._index = dict(self._pairs)   # the last given for a path, as dict.update keeps it
        return self._index

    def __getitem__(self, path: str) -> str:
        return self._indexed()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._indexed())

    def __len__(self) -> int:
        return len(self._indexed())
