"""The collection a cross-article check sees: the records of the articles checked together and, with
`--against`, the archive index. It hands out candidate pairs by blocking (see match.py); the same pairs
involving a checked article come out whether the other articles were read now or from the index."""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, TypeVar

from .match import quote_keys, statement_keys
from .records import ArticleRecord, NameSpelling, QuoteRecord, StatementRecord

T = TypeVar("T", StatementRecord, QuoteRecord)


class Collection:
    def __init__(self, records: list[ArticleRecord], archive=None) -> None:
        self.records = sorted(records, key=lambda r: r.path)
        self.checked = {r.path for r in records}
        self.archive = archive          # an archive.ArchiveIndex, or None

    def is_checked(self, path: str) -> bool:
        return path in self.checked

    def statement_pairs(self, max_block: int) -> list[tuple[StatementRecord, StatementRecord]]:
        local = [s for r in self.records for s in r.statements]
        return self._pairs("statement", local, statement_keys, max_block)

    def quote_pairs(self, max_block: int, min_words: int) -> list[tuple[QuoteRecord, QuoteRecord]]:
        local = [q for r in self.records for q in r.quotes]
        return self._pairs("quote", local, lambda q: quote_keys(q, min_words), max_block)

    def names(self) -> Iterable[NameSpelling]:
        """Every name spelling of the checked articles, then of the archive (for name-variant)."""
        for record in self.records:
            yield from record.names
        if self.archive is not None:
            yield from self.archive.name_spellings(exclude=self.checked)

    def _pairs(self, kind: str, local: list[T], keys_of: Callable[[T], list[str]], max_block: int
               ) -> list[tuple[T, T]]:
        blocks: dict[str, list[T]] = defaultdict(list)
        for item in local:
            for key in keys_of(item):
                blocks[key].append(item)
        if self.archive is not None and blocks:
            counts = self.archive.key_counts(kind, list(blocks), exclude=self.checked)
            usable = [k for k in blocks if len(blocks[k]) + counts.get(k, 0) <= max_block]
            for key, item in self.archive.items_with_keys(kind, usable, exclude=self.checked):
                blocks[key].append(item)
        pairs: dict[tuple, tuple[T, T]] = {}
        for key in sorted(blocks):
            members = blocks[key]
            if len(members) < 2 or len(members) > max_block:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if self.archive is not None and a.path not in self.checked and b.path not in self.checked:
                        continue        # two archive records: not this run's business
                    first, second = (a, b) if a.order() <= b.order() else (b, a)
                    if first.order() == second.order():
                        continue
                    pairs.setdefault((first.order(), second.order()), (first, second))
        return [pairs[k] for k in sorted(pairs)]
