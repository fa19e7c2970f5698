"""The database file as the Store left it at its last clean close, so that the next open need not
read every block to look for damage when nothing has touched the file since.

    closed_file.record(path)   # StoreCore.close, after its CHECKPOINT and once DuckDB has closed
    closed_file.take(path)     # StoreCore._open, before DuckDB opens the file: True = as left

Why: the open reads every table once (StoreCore._open) so that a block damaged by a killed
checkpoint is found then, and the newest backup restored, rather than by a page later. That read
grows with the database (a 36 MB file: 0,1–0,18 s and 35 MB more peak memory on every command-line
import and every start of the app), yet a file exactly as a clean close left it holds nothing a
crash could have damaged.

"Exactly as left": the same device, inode, size, modification and change time (skm.source_file;
every write moves the change time, which no user program can set back) and no WAL beside it. The
note is used up by the open that reads it: it is removed before DuckDB opens the file, so after a
session that does not close cleanly (killed, a failed CHECKPOINT, `close(checkpoint=False)`) the
next open reads every block again. Any trouble with the note itself means the full read, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from skm.source_file import identity
from skm.storage.backup import wal_path


def note_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".closed")


def record(db_path: Path) -> None:
    """Note how the file looks now, after a clean close. Nothing is noted while a WAL is beside it."""
    note = note_path(db_path)
    try:
        if wal_path(db_path).exists():
            return
        tmp = note.with_name(note.name + ".tmp")
        tmp.write_text(json.dumps(identity(db_path)))
        os.replace(tmp, note)
    except OSError:
        forget(db_path)  # no note: the next open reads every block


def take(db_path: Path) -> bool:
    """Whether the file is exactly as the last clean close left it. The note is removed first; if
    it cannot be, the answer is False."""
    note = note_path(db_path)
    try:
        text = note.read_text()
    except OSError:
        return False
    try:
        note.unlink()
    except OSError:
        return False
    try:
        noted = tuple(json.loads(text))
        return not wal_path(db_path).exists() and noted == identity(db_path)
    except (OSError, ValueError, TypeError):
        return False


def forget(db_path: Path) -> None:
    """Remove the note (a database file removed or replaced)."""
    with contextlib.suppress(OSError):
        note_path(db_path).unlink(missing_ok=True)
