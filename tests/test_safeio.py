"""safeio.read_regular: a regular file's bytes up to a limit, read in one allocation of the size fstat gives."""
import os
from types import SimpleNamespace

import pytest

from checker import safeio
from checker.safeio import NotReadable, read_regular


def test_reads_the_whole_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 5000)
    assert read_regular(path, 10_000) == b"x" * 5000
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert read_regular(empty, 10) == b""


def test_a_file_at_the_limit_is_read_one_over_it_is_not(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"y" * 100)
    assert read_regular(path, 100) == b"y" * 100
    with pytest.raises(NotReadable, match="over the"):
        read_regular(path, 99)


def _fstat_saying(size: int):
    real = os.fstat

    def fstat(fd):
        st = real(fd)
        return SimpleNamespace(st_mode=st.st_mode, st_size=size)
    return fstat


@pytest.mark.parametrize("said", [0, 10, 99])
def test_a_file_that_grew_after_fstat_is_read_on(tmp_path, monkeypatch, said):
    """fstat said fewer bytes than the file holds (it grew in between, or a file system that does not know sizes):
    everything is read up to the limit, and a file over the limit is refused as before."""
    path = tmp_path / "a.md"
    path.write_bytes(b"z" * 100)
    monkeypatch.setattr(safeio.os, "fstat", _fstat_saying(said))
    assert read_regular(path, 1000) == b"z" * 100
    assert read_regular(path, 100) == b"z" * 100
    with pytest.raises(NotReadable, match="over the"):
        read_regular(path, 60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_is_not_read(tmp_path):
    pipe = tmp_path / "a.md"
    os.mkfifo(pipe)
    with pytest.raises(NotReadable, match="not a regular file"):
        read_regular(pipe, 100)


def test_a_folder_is_not_read_and_its_descriptor_is_closed(tmp_path):
    folder = tmp_path / "2024.md"   # a folder named like an article
    folder.mkdir()
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(50):
        with pytest.raises(NotReadable):   # on Windows the open itself is refused: "cannot read"
            read_regular(folder, 100)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before
    big = tmp_path / "big.md"
    big.write_bytes(b"y" * 200)
    for _ in range(50):
        with pytest.raises(NotReadable, match="over the"):
            read_regular(big, 100)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before
