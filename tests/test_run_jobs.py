"""The jobs a run holds for its whole length (runner._Jobs): every path handed back equal to the one given, in
order, beside articles already read; a few bytes a path, not an object (objects made one by one while the folders
are walked kept the walk's memory resident once it was freed: about 500 bytes an article)."""
from __future__ import annotations

import gc
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from checker import runner
from checker.articles import Article
from checker.pipeline import Settings
from checker.report import Report

PER_PATH = 48       # bytes held per job beyond its file name: about 16 (where its name ends, its folder, its flag);
                    # a Path object and its text took about 500, the text alone about 120 with its name in it
WALK_PEAK = 450     # bytes per article at most while the jobs are collected: about 220 (the walk's set of the files
                    # met); about 580 when the walk's paths were first all listed


def _given() -> list[tuple]:
    odd = os.fsdecode(b"caf\xe9-latin1.md")    # a name that is not UTF-8: a lone surrogate once decoded
    paths = [Path("/srv/news/2024/01/a.md"), Path("b.md"), Path("relative/dir/c.md"), Path("/d.md"),
             Path("/srv/news/2024/01/") / odd, Path("/srv/news/2024/01/été.md"), Path("/srv/news/2024/02/a.md")]
    article = Article("(stdin)", "Un texte.\n", "Un texte.\n")
    jobs = [(p, i % 3 != 0) for i, p in enumerate(paths)]
    jobs.insert(2, (article, True))
    jobs.append((Article("(stdin-2)", "Text.\n", "Text.\n"), False))
    return jobs


def test_jobs_are_handed_back_as_given():
    given = _given()
    jobs = runner._Jobs()
    for job in given:
        jobs.append(job)
    assert len(jobs) == len(given)
    assert list(jobs) == given
    assert [jobs[i] for i in range(len(given))] == given
    assert jobs[-1] == given[-1] and jobs[-len(given)] == given[0]
    assert jobs[1:4] == given[1:4] and jobs[::-2] == given[::-2]
    assert all(type(item) is type(expected) for (item, _), (expected, _) in zip(jobs, given))
    assert all(type(target) is bool for _, target in jobs)
    with pytest.raises(IndexError):
        jobs[len(given)]
    with pytest.raises(IndexError):
        jobs[-len(given) - 1]


def _held(value) -> int:
    """The bytes of value and of everything it refers to (classes aside)."""
    seen, todo, total = set(), [value], 0
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, type):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        todo.extend(gc.get_referents(item))
    return total


def test_a_job_is_a_few_bytes(tmp_path):
    count, name = 20_000, "article-{:06d}.md"
    jobs = runner._Jobs()
    for i in range(count):   # each path made, given and let go, as the walk gives them
        jobs.append((tmp_path / f"{i // 1000:03d}" / name.format(i), True))
    per_path = (_held(jobs) - count * len(name.format(0))) / count
    assert per_path < PER_PATH, f"{per_path:.0f} bytes a job beyond its file name"
    assert jobs[12_345] == (tmp_path / "012" / name.format(12_345), True)


def test_collecting_the_jobs_lists_no_path(tmp_path):
    """The walk is read as it goes: the jobs of an archive are collected without every path found held at once."""
    count = 3_000
    for i in range(count):
        folder = tmp_path / f"{i // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"article-{i:06d}.md").write_text("x\n", encoding="utf-8")
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        jobs = runner._jobs([tmp_path], (), Settings(), Report(), {}, True)
        peak = tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()
    assert len(jobs) == count
    assert peak / count < WALK_PEAK, f"{peak / count:.0f} bytes an article while the jobs were collected"
