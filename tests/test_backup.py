"""Backups: snapshot of the demo database, restore into a fresh file with every table identical,
retention, tampered backups refused, ids continuing after a restore, and recovery of a damaged file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from skm.cli import main
from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.errors import SkmError, StoreError
from skm.ingest import read_survey
from skm.storage import Store
from skm.storage import backup as bk
from skm.units import Period
from tests.test_rtl import png_bytes

NEW_CSV = "Jenis Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9\nPPSU;4;4;4;4;4;4;4;4;4\nPPSU;3;3;3;3;3;3;3;3;3\n"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """The demo database (with one RTL photo) built once; tests work on copies of its folder."""
    folder = tmp_path_factory.mktemp("demo")
    store = Store(folder / "skm.duckdb")
    ensure_demo(store)
    rtl_id = store.cursor().execute("SELECT min(id) FROM rtl_items").fetchall()[0][0]
    store.add_rtl_photo(rtl_id, png_bytes(), "foto.png", "dokumentasi")
    unit = store.find_unit(SEED_UNIT)
    store.add_publication(
        unit.id,
        SEED_PERIOD,
        "website",
        date(2024, 7, 15),
        "https://x.go.id",
        "uji",
        proof=(png_bytes(3, 3), "bukti.png"),
    )
    store.close()
    return folder


@pytest.fixture
def demo(demo_dir, tmp_path) -> Path:
    """A private copy of the demo folder (database, uploads, rtl, publikasi); returns the database path."""
    dst = tmp_path / "data"
    shutil.copytree(demo_dir, dst)
    return dst / "skm.duckdb"


def rows(path: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()
    finally:
        con.close()


def import_new(store: Store, name: str = "baru.csv", unit: str = "Jakarta Timur/Makasar/Unit Baru"):
    data = NEW_CSV.encode()
    u, _ = store.ensure_unit_path(unit)
    return u, store.import_survey(read_survey(data, name), data, u.id, Period(2026, 1))


# ---------------------------------------------------------------- round trip


def test_restore_into_fresh_file_has_every_table_identical(demo, tmp_path):
    store = Store(demo)
    before = store.table_checksums()
    version = store.data_version()
    folder = bk.backup(store)
    store.close()

    assert folder.parent == demo.parent / "backups"
    assert datetime.strptime(folder.name, bk.STAMP)  # 2026-11-28T20-31-05
    manifest = bk.read_manifest(folder)
    assert manifest["tables"] == before and manifest["data_version"] == version
    assert {"db/schema.sql", "db/load.sql", "db/responses.parquet"} <= set(manifest["files"])

    target = tmp_path / "pulih" / "skm.duckdb"
    result = bk.restore(folder, target)
    assert result.target == target and not result.moved_aside
    restored = Store(target)
    assert restored.recovery_note is None
    assert restored.table_checksums() == before
    assert restored.data_version() == version
    restored.close()
    for table in ("responses", "import_batches", "rtl_items", "units", "publikasi"):
        original = rows(demo, table)
        assert original and rows(target, table) == original

    for sub in ("uploads", "rtl", "publikasi"):
        names = sorted(p.name for p in (demo.parent / sub).iterdir())
        assert names and names == sorted(p.name for p in (target.parent / sub).iterdir())
        for n in names:
            assert (target.parent / sub / n).read_bytes() == (demo.parent / sub / n).read_bytes()
    assert result.files_copied == sum(len(list((demo.parent / s).iterdir())) for s in ("uploads", "rtl", "publikasi"))


def test_new_import_after_restore_gets_fresh_ids(demo, tmp_path):
    store = Store(demo)
    folder = bk.backup(store)
    store.close()
    target = tmp_path / "pulih.duckdb"
    bk.restore(folder, target)
    s = Store(target)
    cur = s.cursor()
    max_batch, max_layanan, max_unit = cur.execute(
        "SELECT (SELECT max(id) FROM import_batches), (SELECT max(id) FROM layanan), (SELECT max(id) FROM units)"
    ).fetchall()[0]
    unit, outcome = import_new(s)
    assert outcome.status == "imported" and outcome.batch_id == max_batch + 1
    assert unit.id == max_unit + 1
    new_layanan = cur.execute("SELECT id FROM layanan WHERE unit_id = ?", [unit.id]).fetchall()
    assert [r[0] for r in new_layanan] == [max_layanan + 1]
    assert cur.execute("SELECT count(*) FROM responses WHERE batch_id = ?", [outcome.batch_id]).fetchall() == [(2,)]
    s.close()


def test_backup_is_consistent_while_an_import_waits_for_the_lock(demo, tmp_path):
    """The export holds the write lock: an import started meanwhile lands after it, whole."""
    import threading

    store = Store(demo)
    before = store.table_checksums()
    started = threading.Event()
    result: dict = {}

    def importer():
        started.wait()
        result["outcome"] = import_new(store)[1]

    t = threading.Thread(target=importer)
    t.start()
    with store._lock:  # what backup() takes; the importer blocks on it
        started.set()
        time.sleep(0.2)
        folder = bk.backup(store)
    t.join()
    assert bk.read_manifest(folder)["tables"] == before
    assert result["outcome"].status == "imported"
    store.close()


# ---------------------------------------------------------------- retention, schedule


def test_prune_keeps_the_newest(demo):
    store = Store(demo)
    root = demo.parent / "backups"
    made = [bk.backup(store, root) for _ in range(4)]
    (root / ".tmp-2020-01-01T00-00-00").mkdir()  # an unfinished backup is never listed
    assert bk.list_backups(root) == made
    assert bk.latest_backup(root) == made[-1]
    removed = bk.prune(root, keep=2)
    assert removed[:2] == made[:2]
    assert bk.list_backups(root) == made[2:]
    with pytest.raises(SkmError, match="minimal 1"):
        bk.prune(root, keep=0)
    store.close()


def test_second_backup_links_unchanged_uploads(demo):
    store = Store(demo)
    a, b = bk.backup(store), bk.backup(store)
    store.close()
    name = next((a / "files" / "uploads").iterdir()).name
    assert (a / "files" / "uploads" / name).stat().st_ino == (b / "files" / "uploads" / name).stat().st_ino


def test_scheduled_backup_only_when_due_and_changed(demo):
    store = Store(demo)
    root = demo.parent / "backups"
    first = bk.maybe_backup(store, root, every=timedelta(hours=24), keep=3)
    assert first is not None
    assert bk.maybe_backup(store, root, every=timedelta(hours=24), keep=3) is None  # not due
    later = datetime.now() + timedelta(days=2)
    assert bk.maybe_backup(store, root, every=timedelta(hours=24), keep=3, now=later) is None  # unchanged
    import_new(store)
    second = bk.maybe_backup(store, root, every=timedelta(hours=24), keep=3, now=later)
    assert second is not None and bk.list_backups(root) == [first, second]

    import_new(store, "lagi.csv", "Jakarta Timur/Makasar/Unit Lain")
    sched = bk.start_scheduler(store, root, every=timedelta(0), keep=2, check=timedelta(seconds=0.05))
    deadline = time.monotonic() + 20
    while sched.last_backup is None and time.monotonic() < deadline:
        time.sleep(0.05)
    sched.stop()
    assert sched.last_error is None and sched.last_backup is not None
    assert bk.list_backups(root) == [second, sched.last_backup]
    store.close()


# ---------------------------------------------------------------- refusals


@pytest.fixture
def made_backup(demo) -> Path:
    store = Store(demo)
    folder = bk.backup(store)
    store.close()
    return folder


def no_leftovers(folder: Path) -> bool:
    return not folder.exists() or not any(p.name.startswith(".") for p in folder.iterdir())


def test_tampered_parquet_is_refused(made_backup, tmp_path):
    parquet = made_backup / "db" / "responses.parquet"
    con = duckdb.connect()
    changed = tmp_path / "changed.parquet"
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN row_number = 2 THEN 5 - u1 ELSE u1 END AS u1) FROM '{parquet}') "
        f"TO '{changed}' (FORMAT parquet)"
    )
    shutil.copyfile(changed, parquet)
    target = tmp_path / "baru" / "skm.duckdb"
    with pytest.raises(SkmError, match=r"rusak atau telah diubah.*responses\.parquet berubah"):
        bk.restore(made_backup, target)
    assert not target.exists() and no_leftovers(target.parent)

    # Even with the file hash in the manifest updated, the table's content no longer matches.
    manifest = json.loads((made_backup / "manifest.json").read_text())
    manifest["files"]["db/responses.parquet"] = {"sha256": bk._sha256(parquet), "size": parquet.stat().st_size}
    (made_backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SkmError, match="isi tabel responses tidak cocok"):
        bk.restore(made_backup, target)
    assert not target.exists() and no_leftovers(target.parent)


def test_manifest_checksum_mismatch_is_refused(made_backup, tmp_path):
    manifest = json.loads((made_backup / "manifest.json").read_text())
    manifest["tables"]["units"] = "7:1"
    (made_backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SkmError, match="isi tabel units tidak cocok dengan manifes"):
        bk.restore(made_backup, tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_missing_or_extra_files_are_refused(made_backup, tmp_path):
    (made_backup / "db" / "extra.sql").write_text("SELECT 1;")
    with pytest.raises(SkmError, match="extra.sql tidak tercatat"):
        bk.restore(made_backup, tmp_path / "x.duckdb")
    (made_backup / "db" / "extra.sql").unlink()
    (made_backup / "db" / "units.parquet").unlink()
    with pytest.raises(SkmError, match="units.parquet hilang"):
        bk.restore(made_backup, tmp_path / "x.duckdb")
    with pytest.raises(SkmError, match="bukan folder cadangan"):
        bk.restore(tmp_path, tmp_path / "x.duckdb")


def test_existing_target_needs_force_which_keeps_the_old_file(demo, made_backup):
    store = Store(demo)
    import_new(store)  # the live database now differs from the backup
    store.close()
    with pytest.raises(SkmError, match="sudah ada"):
        bk.restore(made_backup, demo)
    result = bk.restore(made_backup, demo, force=True)
    assert len(result.moved_aside) == 1 and result.moved_aside[0].name.startswith("skm.duckdb.before-restore-")
    s = Store(demo)
    assert s.table_checksums() == bk.read_manifest(made_backup)["tables"]
    s.close()
    old = Store(result.moved_aside[0])
    assert any(u.name == "Unit Baru" for u in old.units())
    old.close()


def test_backup_of_a_newer_schema_is_refused(made_backup, tmp_path):
    manifest = json.loads((made_backup / "manifest.json").read_text())
    manifest["schema_version"] = 999
    (made_backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SkmError, match="lebih baru"):
        bk.restore(made_backup, tmp_path / "x.duckdb")


# ---------------------------------------------------------------- damaged database on open


def damage_header(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(0)
        fh.write(b"\xde\xad\xbe\xef" * 2048)


def damage_truncate(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def damage_db_header_block(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\x00\x01" * 4096)


@pytest.mark.parametrize("damage", [damage_header, damage_truncate, damage_db_header_block])
def test_damaged_database_is_kept_aside_and_latest_backup_restored(demo, damage):
    store = Store(demo)
    bk.backup(store)
    import_new(store)  # a change after the first backup ...
    newest = bk.backup(store)  # ... is in the newest backup
    import_new(store, "hilang.csv", "Jakarta Timur/Makasar/Sesudah Cadangan")  # and this one in none
    store.close()
    expected = bk.read_manifest(newest)["tables"]
    damage(demo)
    damaged_bytes = demo.read_bytes()
    s = Store(demo)
    assert s.recovery_note is not None
    assert "rusak" in s.recovery_note and newest.name in s.recovery_note and "dipulihkan" in s.recovery_note
    assert s.table_checksums() == expected
    names = {u.name for u in s.units()}
    assert "Unit Baru" in names and "Sesudah Cadangan" not in names
    s.close()
    aside = [p for p in demo.parent.glob("skm.duckdb.damaged-*") if not p.name.endswith(".wal")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert str(aside[0]) in s.recovery_note
    again = Store(demo)  # a normal start, but the note stays until the admin has read it
    assert again.recovery_note == s.recovery_note
    again.close()
    read = bk.acknowledge_recovery(demo)
    assert read is not None and read.exists() and bk.pending_note(demo) is None
    later = Store(demo)
    assert later.recovery_note is None
    later.close()


def test_newest_backup_unusable_falls_back_to_an_older_one(demo):
    store = Store(demo)
    older = bk.backup(store)
    import_new(store)
    newest = bk.backup(store)
    store.close()
    (newest / "db" / "units.parquet").write_bytes(b"rusak")
    damage_header(demo)
    s = Store(demo)
    assert s.recovery_note is not None and older.name in s.recovery_note and newest.name in s.recovery_note
    assert s.table_checksums() == bk.read_manifest(older)["tables"]
    s.close()


def test_damaged_database_without_backup_starts_empty_and_says_so(demo):
    damage_header(demo)
    s = Store(demo)
    assert s.recovery_note is not None and "Tidak ada cadangan" in s.recovery_note
    assert s.units() == []
    s.close()
    assert len(list(demo.parent.glob("skm.duckdb.damaged-*"))) == 1


def test_damaged_wal_alone_keeps_the_file_as_of_its_last_checkpoint(demo):
    store = Store(demo)
    bk.backup(store)
    import_new(store)
    store.cursor().execute("CHECKPOINT")  # the file alone is now newer than the backup
    store.cursor().execute("PRAGMA disable_checkpoint_on_shutdown")
    import_new(store, "di-wal.csv", "Jakarta Timur/Makasar/Hanya di WAL")
    store.close(checkpoint=False)
    wal = bk.wal_path(demo)
    size = wal.stat().st_size
    assert size > 0
    with wal.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xff" * 256)
    s = Store(demo)
    assert s.recovery_note is not None and "Hanya log WAL yang rusak" in s.recovery_note
    names = {u.name for u in s.units()}
    assert "Unit Baru" in names and "Hanya di WAL" not in names
    s.close()
    assert len(list(demo.parent.glob("skm.duckdb.damaged-*.wal"))) == 1  # kept with its file


def test_recover_false_raises_and_touches_nothing(demo):
    damage_header(demo)
    with pytest.raises(StoreError, match="tidak dapat dibuka"):
        Store(demo, recover=False)
    assert not list(demo.parent.glob("*.damaged-*"))


def test_error_classification():
    lock = duckdb.IOException(
        'IO Error: Could not set lock on file "/x/skm.duckdb": Conflicting lock is held in python (PID 1)'
    )
    assert bk.is_lock_error(lock) and not bk.is_damage_error(lock)
    for text in (
        'IO Error: The file "/x" exists, but it is not a valid DuckDB database file!',
        "Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 4096",
        'IO Error: Could not read enough bytes from file "/x": attempted to read 4 bytes from location 1',
        'Failure while replaying WAL file "/x.wal": Corrupt WAL file: entry at byte position 1',
    ):
        err = duckdb.Error(text)
        assert bk.is_damage_error(err) and not bk.is_lock_error(err), text  # "block" is not a lock
    for text in (
        'IO Error: Cannot open file "/x/skm.duckdb": Permission denied',
        "Trying to read a database file with version number 99, but we can only read version 67",
    ):
        assert not bk.is_damage_error(duckdb.Error(text))


# ---------------------------------------------------------------- command line


def test_cli_backup_and_restore(demo, tmp_path, capsys):
    dest = tmp_path / "cadangan"
    for _ in range(3):
        assert main(["--db", str(demo), "backup", "--dest", str(dest), "--keep", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("Cadangan dibuat:") == 3 and out.count("Cadangan lama dihapus:") == 1
    latest = bk.latest_backup(dest)
    assert latest is not None and len(bk.list_backups(dest)) == 2

    assert main(["--db", str(demo), "restore", str(latest)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    fresh = tmp_path / "baru" / "skm.duckdb"
    assert main(["--db", str(fresh), "restore", str(latest)]) == 0
    assert "dipulihkan" in capsys.readouterr().out
    s = Store(fresh)
    assert s.table_checksums() == bk.read_manifest(latest)["tables"]
    s.close()
    assert main(["--db", str(demo), "restore", str(latest), "--force"]) == 0
    assert "Basis data lama disimpan sebagai" in capsys.readouterr().out
    assert main(["--db", str(demo), "restore", str(tmp_path / "tidak-ada")]) == 1
    assert "tidak ada" in capsys.readouterr().err
    assert main(["--db", str(demo), "backup", "--keep", "0"]) == 1
    assert "minimal 1" in capsys.readouterr().err


def test_cli_reports_a_recovery(demo, capsys):
    store = Store(demo)
    bk.backup(store)
    store.close()
    damage_header(demo)
    assert main(["--db", str(demo), "init"]) == 0
    err = capsys.readouterr().err
    assert "PERHATIAN:" in err and "rusak" in err and "dipulihkan" in err and "recovery.txt" in err
    assert main(["--db", str(demo), "init"]) == 0  # still shown: nobody has read it yet
    assert "PERHATIAN:" in capsys.readouterr().err
    bk.acknowledge_recovery(demo)
    assert main(["--db", str(demo), "init"]) == 0
    assert "PERHATIAN" not in capsys.readouterr().err


def test_a_database_held_by_another_process_is_neither_recovered_nor_restored_over(demo, made_backup, capsys):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)",
            str(demo),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="sedang dipakai proses lain"):
            Store(demo)
        assert main(["--db", str(demo), "restore", str(made_backup), "--force"]) == 1
        assert "sedang dipakai proses lain" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.communicate()
    assert not list(demo.parent.glob("skm.duckdb.*-20*"))  # nothing moved aside
