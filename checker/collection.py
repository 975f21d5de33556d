"""The collection a cross-article check sees: the records of the articles checked together and, with
`--against`, the archive index. It hands out candidate pairs by blocking (see match.py, quotematch.py); the same pairs
involving a checked article come out whether the other articles were read now or from the index."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import filterfalse
from typing import Callable, Hashable, Iterator, TypeVar

from .match import claim_keys
from .quotematch import quote_keys
from .records import ArticleRecord, ClaimRecord, NameSpelling, QuoteRecord
from .screen import Screen
from .workers import fork_context, map_with_state, pool as worker_pool

T = TypeVar("T", ClaimRecord, QuoteRecord)
# fewer pairs are judged in this process. A pool costs CPU beyond the judging: its forks, every page of records its
# workers touch copied for them, their own caches; at 1,000 articles and 20,000 pairs some 0.1 s, more than the half
# of the judging it saves in time. Here the time saved outweighs it.
PARALLEL_PAIRS = 60_000


class Collection:
    def __init__(self, records: list[ArticleRecord], archive=None, jobs: int = 1) -> None:
        self.records = sorted(records, key=lambda r: r.path)
        self.checked = {r.path for r in records}
        self.archive = archive          # an archive.ArchiveIndex, or None
        self.jobs = jobs                # worker processes for judging pairs

    def verdicts(self, judge: Callable, pairs: list[tuple[T, T]], options: dict,
                 prepare: Callable | None = None) -> Iterator[tuple[T, T, object]]:
        """(a, b, verdict) for the pairs whose judge(a, b, options) is not None, in the order of the pairs; with
        `prepare`, the judge is given prepare(item, options) of each, made once per item. From PARALLEL_PAIRS
        pairs on, they are judged by `jobs` forked processes that inherit them; the verdicts are the same."""
        if self.jobs > 1 and len(pairs) >= PARALLEL_PAIRS:
            context = fork_context()
            if context is not None:
                yield from _forked_verdicts(judge, pairs, options, self.jobs, context, prepare)
                return
        view = _prepared(prepare, options)
        for a, b in pairs:
            verdict = judge(view(a), view(b), options)
            if verdict is not None:
                yield a, b, verdict

    def is_checked(self, path: str) -> bool:
        return path in self.checked

    def judged(self, kind: str, judge: Callable, options: dict, max_block: int, min_words: int = 0,
               prepare: Callable | None = None, screen: Screen | None = None) -> Iterator[tuple]:
        """(a, b, verdict) for the candidate pairs of claims (kind "claim") or quotations ("quote", of at
        least `min_words` words) whose judge(a, b, options) is not None; blocks.StoreCollection gives the same
        verdicts, in another order, from records kept on disk. `screen` only spares a large run judging
        pairs it knows the verdict of (None): here every pair is judged."""
        pairs = self.claim_pairs(max_block) if kind == "claim" else self.quote_pairs(max_block, min_words)
        return self.verdicts(judge, pairs, options, prepare)

    def name_spellings(self) -> Iterator[NameSpelling]:
        """Every name spelling of the checked articles, in (path, line, column) order; each call streams again."""
        return (n for r in self.records for n in r.names)

    def name_forms(self) -> Iterator[tuple[str, str]]:
        """(text, folded) of every name spelling of the checked articles, in no set order."""
        return ((n.text, n.folded) for r in self.records for n in r.names)

    def claim_pairs(self, max_block: int, focus: list[ClaimRecord] | None = None) -> list[tuple[ClaimRecord, ClaimRecord]]:
        """Candidate pairs of claims, at least one side in `focus` (default: the checked articles'); two with the
        same value as written never contradict, so are not paired. With a focus on archived claims, their pairs
        come out as they would if the whole archive were checked."""
        local = [c for r in self.records for c in r.claims]
        return self._pairs("claim", local, claim_keys, max_block, 1, lambda c: (c.value, c.low, c.high, c.step), focus)

    def quote_pairs(self, max_block: int, min_words: int, focus: list[QuoteRecord] | None = None
                    ) -> list[tuple[QuoteRecord, QuoteRecord]]:
        """Candidate pairs of quotations (at least one side in `focus`, as for claims); the same words from the
        same speaker (or from unnamed ones) are not paired. A quotation with one word changed still shares two of
        its word pairs with the other version."""
        local = [q for r in self.records for q in r.quotes]
        return self._pairs("quote", local, lambda q: quote_keys(q, min_words), max_block, 2,
                           lambda q: (q.norm, q.speaker_key if q.explicit else None), focus)

    # complex by design (C901): the conditions of a pair (shared keys, another group, the focus, archived sides) are tested in one pass over the blocks
    def _pairs(self, kind: str, local: list[T], keys_of: Callable[[T], list[str]], max_block: int,  # noqa: C901
               min_keys: int, group_of: Callable[[T], Hashable], focus: list[T] | None = None) -> list[tuple[T, T]]:
        """Pairs, in a stable order, that share at least `min_keys` usable keys, are not of the same group, and
        (with an archive or a focus) have at least one side in the focus (default: the checked articles)."""
        items: dict[tuple, T] = {}                     # by (path, line, column)
        blocks: dict[str, list[tuple]] = defaultdict(list)
        for item in local:
            order = item.order()
            items[order] = item
            for key in keys_of(item):
                blocks[key].append(order)
        focused = None if focus is None else {item.order() for item in focus}
        if focus is not None:
            wanted = {key for item in focus for key in keys_of(item)}
            blocks = defaultdict(list, {k: v for k, v in blocks.items() if k in wanted})
            for key in wanted:
                blocks.setdefault(key, [])
        if self.archive is not None and blocks:
            counts = self.archive.key_counts(kind, sorted(blocks), exclude=self.checked)
            usable = [k for k in sorted(blocks) if len(blocks[k]) + counts.get(k, 0) <= max_block]
            for key, item in self.archive.items_with_keys(kind, usable, exclude=self.checked, min_keys=min_keys):
                order = item.order()
                items.setdefault(order, item)
                blocks[key].append(order)
        ordered = sorted(items)
        number = {order: i for i, order in enumerate(ordered)}
        group = {}
        for order in ordered:
            group.setdefault(group_of(items[order]), len(group))
        group_ids = [group[group_of(items[order])] for order in ordered]
        if focused is not None:
            checked = [order in focused for order in ordered]
        else:
            checked = [order[0] in self.checked for order in ordered]
        archived = self.archive is not None or focused is not None
        size = len(ordered)
        numbered = ([number[o] for o in members] for members in blocks.values())
        chosen = _pair_numbers(numbered, group_ids, checked if archived else None, max_block, min_keys)
        objects = [items[order] for order in ordered]
        return [(objects[p // size], objects[p % size]) for p in chosen]


def _pair_numbers(blocks, group_ids: list[int], checked: list[bool] | None, max_block: int,
                  min_keys: int) -> list[int]:
    """The pairs of items (blocks of their numbers in a stable order) that share at least `min_keys` blocks of at most
    `max_block` members and are not of one group, as a * size + b (a < b), sorted; with `checked`, only
    those with a checked side. Each member's row of pairs is made and counted by C loops (map, filter,
    set/Counter update) rather than pair by pair in Python: a block of 400 is 80,000 pairs."""
    size = len(group_ids)
    counted = set() if min_keys <= 1 else Counter()
    for members in blocks:
        if len(members) < 2 or len(members) > max_block:
            continue
        idx = sorted(set(members))
        by_group: dict[int, set[int]] = defaultdict(set)
        for i in idx:
            by_group[group_ids[i]].add(i)
        if len(by_group) < 2:
            continue
        focus = idx if checked is None else [i for i in idx if checked[i]]
        if not focus:
            continue        # neither side of any pair is this run's business
        for x, a in enumerate(idx[:-1]):
            # (a, b > a): every later member when a is this run's, else the later ones that are
            later = idx[x + 1:] if focus is idx or checked[a] else focus[bisect_right(focus, a):]
            own = by_group[group_ids[a]]
            counted.update(map((a * size).__add__, later if len(own) == 1 else filterfalse(own.__contains__, later)))
    if min_keys > 1:
        return sorted(p for p, n in counted.items() if n >= min_keys)
    return sorted(counted)


def _prepared(prepare: Callable | None, options: dict) -> Callable:
    """item -> prepare(item, options), made once per item (the item itself without `prepare`). Items are told
    apart by identity: the callers hold one object per item, alive while they judge."""
    if prepare is None:
        return lambda item: item
    views: dict[int, object] = {}

    def view(item):
        found = views.get(id(item))
        if found is None:
            found = views[id(item)] = prepare(item, options)
        return found
    return view


def _forked_verdicts(judge: Callable, pairs: list, options: dict, jobs: int, context,
                     prepare: Callable | None) -> Iterator:
    step = -(-len(pairs) // (jobs * 4))
    spans = [(judge, lo, min(lo + step, len(pairs)), options) for lo in range(0, len(pairs), step)]
    # forked: the workers inherit the pairs and an empty table of prepared items, which each fills for all its spans
    # (a table per span prepared most items once per span: the later sides of a span's pairs are all over)
    with worker_pool(jobs, context, (pairs, _prepared(prepare, options))) as pool:
        for found in map_with_state(pool, _judge_span, spans):
            for index, verdict in found:
                yield pairs[index][0], pairs[index][1], verdict


def _judge_span(task, given: tuple) -> list[tuple[int, object]]:
    """In a forked worker: the verdicts of pairs [lo, hi) of the inherited pairs (only those not None)."""
    judge, lo, hi, options = task
    pairs, view = given
    out = []
    for index in range(lo, hi):
        a, b = pairs[index]
        verdict = judge(view(a), view(b), options)
        if verdict is not None:
            out.append((index, verdict))
    return out
