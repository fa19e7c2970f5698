"""The uploaded file itself, kept under `uploads/`: written whole or not at all, and, when copied
from the file the command line read, checked to be the bytes that were read.

    source = SourceFile.look(path)        # the command line, just before it reads the file
    write_atomically(kept, data_or_source_or_path, sha256)

A copy from a path is checked against the Survey's sha256 as it is copied. A copy from a
SourceFile (skm.source_file) that had settled when it was looked at is checked by looking at it
again after the copy instead: the second hash of a 168 MiB CSV was 0,1 s of CPU beside the
import's own insert on two cores.

The copy of a file bypasses the page cache where the file system allows it (O_DIRECT): a buffered
write of a 168 MiB CSV cost 0,1–0,37 s of kernel CPU copying every page into the cache (the cache's
state decides), beside the import's own insert on a two-core machine; written directly it cost
0,03–0,06 s (issue 17). Where O_DIRECT is refused the copy is written through the cache as before.
"""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
from collections.abc import Callable
from io import RawIOBase
from pathlib import Path

from skm.errors import StoreError
from skm.source_file import SourceFile

CHUNK = 8 << 20  # bytes read, hashed and written at a time; a multiple of every block size
BLOCK = 4096  # O_DIRECT writes whole blocks from block-aligned memory (mmap's pages are)


def write_atomically(path: Path, data: bytes | Path | SourceFile, sha256: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        copy_checked(data, tmp, sha256)
    tmp.replace(path)


def copy_checked(source: Path | SourceFile, target: Path, sha256: str) -> None:
    """Copy a file; it must still be the file that was read (its sha256, or unchanged times)."""
    path = source.path if isinstance(source, SourceFile) else source
    settled = source if isinstance(source, SourceFile) and source.settled else None
    digest = hashlib.sha256()
    update = digest.update if settled is None else _nothing
    if not _copy_direct(path, target, update):
        _copy_buffered(path, target, update)
    if not (digest.hexdigest() == sha256 if settled is None else settled.unchanged()):
        target.unlink(missing_ok=True)
        raise StoreError(f"File {path.name} berubah selama diimpor; tidak ada yang disimpan. Jalankan impor lagi.")


def _nothing(_chunk: object) -> None:
    return None


def _copy_buffered(source: Path, target: Path, update: Callable[[memoryview], object]) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(1 << 20):
            update(memoryview(chunk))
            dst.write(chunk)


def _copy_direct(source: Path, target: Path, update: Callable[[memoryview], object]) -> bool:
    """The copy written with O_DIRECT, each chunk given to `update` as it goes; False when the
    file system refuses it (then nothing of the copy is left behind). The last block is padded
    with zeros and cut back after."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return False
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | flag, 0o666)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
        return False
    size = 0
    with mmap.mmap(-1, CHUNK) as buffer, memoryview(buffer) as view:
        try:
            with source.open("rb", buffering=0) as src:
                while n := _fill(src, view):
                    update(view[:n])
                    whole = -(-n // BLOCK) * BLOCK
                    view[n:whole] = bytes(whole - n)
                    os.write(fd, view[:whole])
                    size += n
            os.ftruncate(fd, size)
        except OSError as exc:
            os.close(fd)
            target.unlink(missing_ok=True)
            if exc.errno != errno.EINVAL:
                raise
            return False
        os.close(fd)
    return True


def _fill(src: RawIOBase, view: memoryview) -> int:
    """Read until the buffer is full or the file ends (a short read mid-file would otherwise
    put a padded block in the middle of the copy)."""
    n = 0
    while n < len(view) and (got := src.readinto(view[n:])):
        n += got
    return n
