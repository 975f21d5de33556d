"""The collection a cross-article check sees: the records of the articles checked together and, with
`--against`, the archive index. It hands out candidate pairs by blocking (see match.py); the same pairs
involving a checked article come out whether the other articles were read now or from the index."""
from __future__ import annotations

from collections import Counter, defaultdict
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
        return self._pairs("statement", local, statement_keys, max_block, 1)

    def quote_pairs(self, max_block: int, min_words: int) -> list[tuple[QuoteRecord, QuoteRecord]]:
        local = [q for r in self.records for q in r.quotes]
        # a quotation with one word changed still shares two of its word pairs with the other version
        return self._pairs("quote", local, lambda q: quote_keys(q, min_words), max_block, 2)

    def names(self) -> Iterable[NameSpelling]:
        """Every name spelling of the checked articles, then of the archive (for name-variant)."""
        for record in self.records:
            yield from record.names
        if self.archive is not None:
            yield from self.archive.name_spellings(exclude=self.checked)

    def _pairs(self, kind: str, local: list[T], keys_of: Callable[[T], list[str]], max_block: int,
               min_keys: int) -> list[tuple[T, T]]:
        """Pairs (in a stable order) that share at least `min_keys` usable keys, one side at least checked."""
        items: dict[tuple, T] = {}                     # by (path, line, column)
        blocks: dict[str, list[tuple]] = defaultdict(list)
        for item in local:
            order = item.order()
            items[order] = item
            for key in keys_of(item):
                blocks[key].append(order)
        if self.archive is not None and blocks:
            counts = self.archive.key_counts(kind, list(blocks), exclude=self.checked)
            usable = [k for k in blocks if len(blocks[k]) + counts.get(k, 0) <= max_block]
            for key, item in self.archive.items_with_keys(kind, usable, exclude=self.checked):
                order = item.order()
                items.setdefault(order, item)
                blocks[key].append(order)
        checked = self.checked
        archived = self.archive is not None
        pairs: Counter[tuple[tuple, tuple]] = Counter()
        for key, members in blocks.items():
            if len(members) < 2 or len(members) > max_block:
                continue
            members = sorted(set(members))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if archived and a[0] not in checked and b[0] not in checked:
                        continue        # two archive records: not this run's business
                    pairs[(a, b)] += 1
        return [(items[a], items[b]) for a, b in sorted(p for p, n in pairs.items() if n >= min_keys)]
