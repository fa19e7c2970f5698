"""An open skips reading every table only when the database file is exactly as the last clean
close left it (skm.storage.closed_file); any write, a WAL, or a session that did not close cleanly
means the full read again, as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from skm.storage import Store, closed_file
from skm.storage import core as core_module
from skm.storage.backup import wal_path

ROOT = Path(__file__).resolve().parents[1]
UNIT = "Jakarta Timur/Makasar/Halim Perdanakusuma"


@pytest.fixture
def full_reads(monkeypatch):
    """The files an open read every table of (StoreCore.table_checksums called from _open)."""
    seen: list[Path] = []
    real_open = core_module.StoreCore._open

    def watched_open(self, verify):
        real = core_module.StoreCore.table_checksums

        def counting(store):
            seen.append(store.path)
            return real(store)

        monkeypatch.setattr(core_module.StoreCore, "table_checksums", counting)
        try:
            return real_open(self, verify)
        finally:
            monkeypatch.setattr(core_module.StoreCore, "table_checksums", real)

    monkeypatch.setattr(core_module.StoreCore, "_open", watched_open)
    return seen


@pytest.fixture
def closed_db(tmp_path):
    """A database with a unit in it, closed cleanly."""
    path = tmp_path / "skm.duckdb"
    store = Store(path)
    store.ensure_unit_path(UNIT)
    store.close()
    return path


def test_an_open_after_a_clean_close_reads_no_table_and_uses_the_note_up(closed_db, full_reads):
    assert closed_file.note_path(closed_db).exists()
    store = Store(closed_db)
    assert full_reads == []
    assert not closed_file.note_path(closed_db).exists()  # used up before DuckDB opened the file
    assert "Halim Perdanakusuma" in {u.name for u in store.units()}
    store.close()
    assert closed_file.note_path(closed_db).exists()
    Store(closed_db).close()
    assert full_reads == []


@pytest.mark.parametrize("times_put_back", [False, True])
def test_a_file_written_after_the_clean_close_is_read_whole(closed_db, full_reads, times_put_back):
    before = closed_db.stat()
    con = duckdb.connect(str(closed_db))
    con.execute("INSERT INTO meta VALUES ('ditulis', 'di luar')")
    con.execute("CHECKPOINT")
    con.close()
    if times_put_back:  # the change time still moves: no user program can set it back
        os.utime(closed_db, ns=(before.st_atime_ns, before.st_mtime_ns))
    store = Store(closed_db)
    assert full_reads == [closed_db]
    store.close()


def test_a_wal_beside_the_file_means_a_full_read(closed_db, full_reads):
    con = duckdb.connect(str(closed_db))
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute("INSERT INTO meta VALUES ('hanya', 'di WAL')")
    con.close()
    assert wal_path(closed_db).exists()
    store = Store(closed_db)
    assert full_reads == [closed_db]
    assert store.cursor().execute("SELECT value FROM meta WHERE key = 'hanya'").fetchall() == [("di WAL",)]
    store.close()


def test_a_close_without_its_checkpoint_leaves_no_note(closed_db, full_reads):
    store = Store(closed_db)
    store.close(checkpoint=False)
    assert not closed_file.note_path(closed_db).exists()
    Store(closed_db).close()
    assert full_reads == [closed_db]


@pytest.mark.parametrize("writes", [False, True])
def test_a_session_that_ends_without_closing_means_a_full_read_next(closed_db, full_reads, writes):
    child = f"""
import os
from skm.storage import Store
store = Store({str(closed_db)!r})
if {writes}:
    store.ensure_unit_path("Jakarta Timur/Makasar/Lain")
os._exit(0)
"""
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not closed_file.note_path(closed_db).exists()
    store = Store(closed_db)
    assert full_reads == [closed_db]
    assert ("Lain" in {u.name for u in store.units()}) == writes
    store.close()


def test_a_note_that_cannot_be_read_means_a_full_read(closed_db, full_reads):
    closed_file.note_path(closed_db).write_text("bukan catatan")
    Store(closed_db).close()
    assert full_reads == [closed_db]


def test_an_import_whose_messages_cannot_be_written_keeps_the_new_database(tmp_path):
    """The import is stored before its messages are printed; a closed stdout (`| head -1`) once
    made the command remove the new database it had just filled."""
    db = tmp_path / "baru.duckdb"
    seed = ROOT / "skm" / "demo" / "halim_2024s1_tabel1.csv"
    args = ["-m", "skm", "--db", str(db), "import", str(seed), "--unit", UNIT, "--period", "2024-S1"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # nobody reads: the first message fails with a broken pipe
    with child.stderr:
        err = child.stderr.read().decode()
    assert child.wait(timeout=120) != 0
    assert "BrokenPipeError" in err
    store = Store(db)
    batches = store.cursor().execute("SELECT file_name, row_count FROM import_batches").fetchall()
    store.close()
    assert len(batches) == 1 and batches[0][0] == seed.name and batches[0][1] > 0
