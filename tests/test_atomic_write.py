"""safeio.replacing: the one way factlint writes a file whole or not at all (reports, fixed articles,
caches, the rules cache)."""
from __future__ import annotations

import os

import pytest

from checker.safeio import replacing


def test_the_new_file_takes_the_place_of_the_old_one(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    with replacing(target, 0o640) as (fd, tmp):
        assert tmp.parent == tmp_path and tmp != target
        with os.fdopen(fd, "w") as fh:
            fh.write("new")
        assert target.read_text() == "old"        # a reader still sees the old file
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_failure_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "article.md"
    target.write_text("old")
    with pytest.raises(OSError, match="changed"):
        with replacing(target) as (fd, _tmp):
            with os.fdopen(fd, "w") as fh:
                fh.write("half")
            raise OSError("the file changed while it was being fixed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.md"]


def test_written_through_the_path(tmp_path):
    target = tmp_path / "rules.sqlite"
    with replacing(target, prefix=".rules-", suffix=".sqlite") as (fd, tmp):
        os.close(fd)
        assert tmp.name.startswith(".rules-") and tmp.name.endswith(".sqlite")
        tmp.write_bytes(b"data")
    assert target.read_bytes() == b"data"
