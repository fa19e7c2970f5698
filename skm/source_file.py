"""A file the command line is about to read, as it looked just then: whether a copy made later,
from the file, holds the bytes that were read, without reading them again to hash them.

    source = SourceFile.look(path)   # just before the file is read
    ...                              # read, hash, import
    source.unchanged()               # after the copy: True when nothing wrote to the file

Looked at again, the same file (device, inode), size, modification and change time mean nothing
wrote to it in between: every write moves the change time, which no call of a user's program can
set back. Unless the file was written shortly before it was looked at: a second write within the
same tick of the file system's clock can leave its times as they were (git's "racy" files; FAT
keeps times to 2 s). Such a file is not `settled`, and its copy is hashed as it is made
(skm.storage.kept_files), as is a file whose times lie in the future. Standard library only: the
command line looks before it imports anything heavy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

SETTLE_SECONDS = 3  # a file last written longer ago than this may be checked by its times


@dataclass(frozen=True)
class SourceFile:
    """A regular file as it looked just before it was read."""

    path: Path
    seen: tuple[int, ...]  # device, inode, size, modification and change time (ns)
    settled: bool  # last written more than SETTLE_SECONDS before it was looked at

    @classmethod
    def look(cls, path: Path) -> SourceFile:
        now = time.time_ns()
        seen = identity(path)
        return cls(path, seen, max(seen[3:]) < now - SETTLE_SECONDS * 1_000_000_000)

    def unchanged(self) -> bool:
        try:
            return identity(self.path) == self.seen
        except OSError:
            return False


def identity(path: Path) -> tuple[int, ...]:
    """Device, inode, size, modification and change time (ns) of a file: equal twice, nothing
    wrote to it in between (see above for a write within the same tick of the clock)."""
    st = path.stat()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
