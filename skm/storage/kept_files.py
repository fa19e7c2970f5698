"""The uploaded file itself, kept under `uploads/`: written whole or not at all, and, when copied
from the file the command line read, checked against the Survey's sha256 as it is copied.

    write_atomically(path, data_or_source_path, sha256)

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
from io import RawIOBase
from pathlib import Path

from skm.errors import StoreError

CHUNK = 8 << 20  # bytes read, hashed and written at a time; a multiple of every block size
BLOCK = 4096  # O_DIRECT writes whole blocks from block-aligned memory (mmap's pages are)


def write_atomically(path: Path, data: bytes | Path, sha256: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    if isinstance(data, Path):
        copy_checked(data, tmp, sha256)
    else:
        tmp.write_bytes(data)
    tmp.replace(path)


def copy_checked(source: Path, target: Path, sha256: str) -> None:
    """Copy a file; it must still be the file that was read (its sha256)."""
    digest = _copy_direct(source, target)
    if digest is None:
        digest = _copy_buffered(source, target)
    if digest != sha256:
        target.unlink(missing_ok=True)
        raise StoreError(f"File {source.name} berubah selama diimpor; tidak ada yang disimpan. Jalankan impor lagi.")


def _copy_buffered(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def _copy_direct(source: Path, target: Path) -> str | None:
    """The copy written with O_DIRECT, and its sha256; None when the file system refuses it (then
    nothing of the copy is left behind). The last block is padded with zeros and cut back after."""
    flag = getattr(os, "O_DIRECT", 0)
    if not flag:
        return None
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | flag, 0o666)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise
        return None
    digest = hashlib.sha256()
    size = 0
    with mmap.mmap(-1, CHUNK) as buffer, memoryview(buffer) as view:
        try:
            with source.open("rb", buffering=0) as src:
                while n := _fill(src, view):
                    digest.update(view[:n])
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
            return None
        os.close(fd)
    return digest.hexdigest()


def _fill(src: RawIOBase, view: memoryview) -> int:
    """Read until the buffer is full or the file ends (a short read mid-file would otherwise
    put a padded block in the middle of the copy)."""
    n = 0
    while n < len(view) and (got := src.readinto(view[n:])):
        n += got
    return n
