"""The kept copy of an uploaded file (skm.storage.kept_files): the same bytes whatever the size
(O_DIRECT writes whole blocks, the last one cut back), through the page cache where O_DIRECT is
refused, and a file changed since it was read leaves nothing behind."""

from __future__ import annotations

import errno
import hashlib
import os
import random

import pytest

from skm.errors import StoreError
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
    digest = kept_files._copy_direct(source, tmp_path / "kept.csv")
    if digest is None:
        pytest.skip("this file system refuses O_DIRECT")
    assert digest == hashlib.sha256(data).hexdigest()
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
    assert kept_files._copy_direct(source, tmp_path / "x") is None
    kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert (tmp_path / "kept.csv").read_bytes() == data


def test_a_changed_file_leaves_no_copy(tmp_path, small_chunks):
    data = random.Random(3).randbytes(10_000)
    source = tmp_path / "ekspor.csv"
    source.write_bytes(data[:-1] + b"!")
    with pytest.raises(StoreError, match="berubah selama diimpor"):
        kept_files.write_atomically(tmp_path / "kept.csv", source, hashlib.sha256(data).hexdigest())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor.csv"]
