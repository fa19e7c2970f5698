"""The kept copy of an uploaded file (skm.storage.kept_files): the same bytes whatever the size
(O_DIRECT writes whole blocks, the last one cut back), through the page cache where O_DIRECT is
refused, and a file changed since it was read leaves nothing behind, whether the copy is hashed or
the file's times are looked at again (skm.source_file)."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import time

import pytest

from skm import source_file
from skm.errors import StoreError
from skm.source_file import SourceFile
from skm.storage import kept_files


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two blocks, so a few kilobytes cross several of them."""
    monkeypatch.setattr(kept_files, "CHUNK", 2 * kept_files.BLOCK)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 8192, 8193, 3 * 8192 + 17])
def test_copies_are_byte_for_byte_the_file(tmp_path, small_chunks, size):
    data = random.Random(size).randbytes(size)
    source = tmp_path / "ekspor.csv"
    source.write_bytes(data)
    target = tmp_path / "kept.csv"
    kept_files.write_atomically(target, source, hashlib.sha256(data).hexdigest())
    assert target.read_bytes() == data
    assert not target.with_suffix(".csv.tmp").exists()


def test_the_copy_goes_past_the_page_cache_where_the_file_system_allows(tmp_path):
    """On this machine's file system O_DIRECT is accepted: the direct copy is the one taken."""
    if not hasattr(os, "O_DIRECT"):
        pytest.skip("no O_DIRECT on this system")
    data = random.Random(1).randbytes(kept_files.CHUNK + 5)
    source = tmp_path / "ekspor.csv"
    source.write_bytes(data)
    digest = hashlib.sha256()
    if not kept_files._copy_direct(source, tmp_path / "kept.csv", digest.update):
        pytest.skip("this file system refuses O_DIRECT")
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert (tmp_path / "kept.csv").read_bytes() == data


def test_a_file_system_that_refuses_o_direct_gets_a_buffered_copy(tmp_path, monkeypatch, small_chunks):
    real_open = os.open

    def refusing(path, flags, *args):
        if flags & getattr(os, "O_DIRECT", 0):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, flags, *args)

    monkeypatch.setattr(kept_files.os, "open", refusing)
    data = random.Random(2).randbytes(20_000)
    source = tmp_path / "ekspor.csv"
    source.write_bytes(data)
    assert not kept_files._copy_direct(source, tmp_path / "x", hashlib.sha256().update)
    kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert (tmp_path / "kept.csv").read_bytes() == data


def test_a_changed_file_leaves_no_copy(tmp_path, small_chunks):
    data = random.Random(3).randbytes(10_000)
    source = tmp_path / "ekspor.csv"
    source.write_bytes(data[:-1] + b"!")
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor.csv"]


@pytest.fixture
def settles_at_once(monkeypatch):
    """A file counts as settled as soon as its times are in the past (the real wait is 3 s)."""
    monkeypatch.setattr(source_file, "SETTLE_SECONDS", 0)


def _settled(path):
    time.sleep(0.02)  # the file system's clock ticks coarsely: its times are now behind the clock
    source = SourceFile.look(path)
    assert source.settled
    return source


def test_a_settled_file_is_checked_by_its_times_not_hashed_again(tmp_path, settles_at_once, small_chunks):
    """Nothing wrote to the file since it was looked at: the copy is of the bytes that were read and
    hashed, so the sha256 is not computed again (a wrong one given here is not even looked at)."""
    data = random.Random(4).randbytes(30_000)
    path = tmp_path / "ekspor.csv"
    path.write_bytes(data)
    source = _settled(path)
    kept_files.write_atomically(tmp_path / "kept.csv", source, "0" * 64)
    assert (tmp_path / "kept.csv").read_bytes() == data


def test_a_settled_file_written_to_after_it_was_looked_at_leaves_no_copy(tmp_path, settles_at_once):
    """Same size, its modification time put back: the change time still moved, which no user call
    can set back."""
    data = random.Random(5).randbytes(10_000)
    path = tmp_path / "ekspor.csv"
    path.write_bytes(data)
    source = _settled(path)
    before = path.stat()
    path.write_bytes(data[:-1] + b"!")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor.csv"]


def test_a_file_replaced_by_another_of_the_same_size_leaves_no_copy(tmp_path, settles_at_once):
    data = random.Random(6).randbytes(10_000)
    path = tmp_path / "ekspor.csv"
    path.write_bytes(data)
    source = _settled(path)
    other = tmp_path / "other.csv"
    other.write_bytes(data[::-1])
    other.replace(path)  # a new inode where the file was
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())


def test_a_file_written_just_before_it_was_looked_at_is_hashed_as_it_is_copied(tmp_path):
    """Written within the last few seconds, a second write in the same tick of the file system's
    clock could leave its times as they were: its copy is checked against the sha256."""
    data = random.Random(7).randbytes(10_000)
    path = tmp_path / "ekspor.csv"
    path.write_bytes(data)
    source = SourceFile.look(path)
    assert not source.settled
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(b"other").hexdigest())
    kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert (tmp_path / "kept.csv").read_bytes() == data


def test_a_file_with_times_in_the_future_is_not_settled(tmp_path):
    path = tmp_path / "ekspor.csv"
    path.write_bytes(b"x")
    future = time.time_ns() + 3600 * 1_000_000_000
    os.utime(path, ns=(future, future))
    assert not SourceFile.look(path).settled
