"""Backups and recovery: consistent snapshots, retention, verified restore, a damaged file kept aside.

    folder = backup(store)                        # data/backups/2026-11-28T20-31-05/
    prune(backup_root_for(store.path), keep=14)   # the 14 newest stay
    restore(latest_backup(root), "data/skm-baru.duckdb")

A backup folder holds:

    manifest.json    schema and data version, creation time, table checksums, sha256 of every file
    db/              EXPORT DATABASE (FORMAT parquet): schema.sql, load.sql, one .parquet per table
    files/uploads/   the uploaded survey files (data/uploads/)
    files/rtl/       the RTL documentation photos (data/rtl/)
    files/publikasi/ the publication proofs (data/publikasi/)

It is written under a hidden temporary name and renamed when complete, so a crash during a
backup never leaves a folder that looks like a backup. The export runs while holding the store's
write lock: no import is half in it. DuckDB's export includes the sequences at their current value
(`CREATE SEQUENCE ... START n`), so ids continue after a restore.

A restore builds a NEW database file next to the target (IMPORT DATABASE), checks every table
against the manifest's checksums, and only then renames it into place; an existing database is
moved aside (`<name>.before-restore-<time>`) only with `force=True`. Uploaded files come back into
`uploads/`, `rtl/` and `publikasi/` next to the database, without overwriting any file already there (their
names are the sha256 of their content).

`recover()` is what `Store` calls when its file cannot be opened: the damaged file (and its
.wal) is renamed `<name>.damaged-<time>` (+ `.wal`), the newest backup that verifies is
restored, and a note (Bahasa Indonesia) tells the admin what happened. The note is also kept in
`<name>.recovery.txt` until acknowledge_recovery(), so whichever process opened the file first
(`python -m skm demo` in scripts/run, or the app), the app still shows it (`Store.recovery_note`).
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from skm.errors import SkmError, StoreError
from skm.storage.checksums import table_checksums
from skm.storage.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from skm.storage import Store

log = logging.getLogger("skm.backup")

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
STAMP = "%Y-%m-%dT%H-%M-%S"
FILE_DIRS = ("uploads", "rtl", "publikasi")  # next to the database file, copied into files/<name>/
DEFAULT_EVERY = timedelta(hours=24)
DEFAULT_KEEP = 14
_TMP_PREFIX = ".tmp-"

# Messages DuckDB gives for a file it cannot read back (checked lower-case). A lock held by
# another process, a missing folder, no permission or a newer storage version are NOT damage:
# moving such a file aside would lose data, so those errors are raised as they are.
_DAMAGE_MARKERS = (
    "not a valid duckdb database file",
    "corrupt",  # "Corrupt database file: computed checksum ...", "Corrupt WAL file"
    "could not read enough bytes",  # a truncated file
    "failure while replaying wal",
    "deserializ",
)
_LOCK_MARKERS = ("could not set lock", "conflicting lock")


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    backup_dir: Path
    manifest: dict[str, Any]
    moved_aside: list[Path] = field(default_factory=list)  # the old database (and .wal), with force=True
    files_copied: int = 0

    @property
    def message(self) -> str:
        text = (
            f"Cadangan {self.backup_dir.name} (dibuat {_human_time(self.manifest.get('created'))}) "
            f"dipulihkan ke {self.target}; {len(self.manifest['tables'])} tabel cocok dengan manifes."
        )
        if self.moved_aside:
            text += f" Basis data lama disimpan sebagai {self.moved_aside[0]}."
        return text


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(m in text for m in _LOCK_MARKERS)


def is_damage_error(exc: BaseException) -> bool:
    """True for the errors DuckDB raises on a damaged database or WAL file (see _DAMAGE_MARKERS)."""
    if is_lock_error(exc):
        return False
    text = str(exc).lower()
    return any(m in text for m in _DAMAGE_MARKERS)


def backup_root_for(db_path: str | Path) -> Path:
    """Where backups of this database live by default: `backups/` next to it (data/backups/)."""
    return Path(db_path).parent / "backups"


def wal_path(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".wal")


def note_path(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".recovery.txt")


def pending_note(db_path: str | Path) -> str | None:
    """The recovery notes nobody has acknowledged yet, or None."""
    try:
        text = note_path(db_path).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def _record_note(db_path: Path, text: str) -> None:
    path = note_path(db_path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"[{datetime.now():%d-%m-%Y %H:%M:%S}] {text}\n\n")


def acknowledge_recovery(db_path: str | Path) -> Path | None:
    """The admin has read the note: it is kept as `<name>.recovery-read-<time>.txt`, no longer shown."""
    path = note_path(db_path)
    if not path.exists():
        return None
    done = path.with_name(f"{Path(db_path).name}.recovery-read-{_stamp()}.txt")
    path.rename(done)
    return done


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime(STAMP)


def _human_time(iso: object) -> str:
    try:
        return datetime.fromisoformat(str(iso)).strftime("%d-%m-%Y %H:%M:%S")
    except ValueError:
        return str(iso)


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    """Flush a file or a folder (a rename) to disk; best effort where the OS does not allow it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _checksums(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Store.table_checksums() of a bare connection (a restored file before any migration)."""
    return table_checksums(con.cursor())


# ---------------------------------------------------------------- backup


def backup(store: Store, dest_root: str | Path | None = None) -> Path:
    """A consistent snapshot of the store into a new timestamped folder under dest_root
    (default data/backups/); returns the folder."""

    root = Path(dest_root) if dest_root is not None else backup_root_for(store.path)
    root.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    name = _stamp(now)
    n = 1
    while (root / name).exists():
        n += 1
        name = f"{_stamp(now)}-{n}"
    work = root / f"{_TMP_PREFIX}{name}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    try:
        with store._lock:  # no write of this process can start or be half-done during the export
            cur = store.cursor()
            try:
                cur.execute(f"EXPORT DATABASE '{_sql_text((work / 'db').resolve())}' (FORMAT parquet)")
            finally:
                cur.close()
            tables = store.table_checksums()
            data_version = store.data_version()
        # Every file the snapshot refers to was written before its row (content-addressed and
        # never deleted), so copying after the lock is released is still complete.
        previous = latest_backup(root)
        for sub in FILE_DIRS:
            _copy_tree(store.path.parent / sub, work / "files" / sub, link_from=previous and previous / "files" / sub)
        files = {
            p.relative_to(work).as_posix(): {"sha256": _sha256(p), "size": p.stat().st_size}
            for p in sorted(work.rglob("*"))
            if p.is_file()
        }
        manifest = {
            "format": MANIFEST_FORMAT,
            "app": "skm-dashboard",
            "created": now.isoformat(),
            "database": str(store.path),
            "schema_version": SCHEMA_VERSION,
            "data_version": data_version,
            "duckdb": duckdb.__version__,
            "tables": tables,
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        for p in (*work.rglob("*"), work):
            _fsync(p)
        final = root / name
        work.rename(final)
        _fsync(root)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log.info("backup written: %s", final)
    return final


def _copy_tree(src: Path, dst: Path, link_from: Path | None = None) -> int:
    """Copy the files of src into dst (flat folders of content-addressed files). A file with the same
    name in link_from (the previous backup) is hard-linked instead of copied, to keep backups small."""
    if not src.is_dir():
        return 0
    dst.mkdir(parents=True, exist_ok=True)
    count = 0
    for f in sorted(src.iterdir()):
        if not f.is_file() or f.name.endswith(".tmp"):
            continue
        target = dst / f.name
        old = link_from / f.name if link_from is not None else None
        if old is not None and old.is_file() and old.stat().st_size == f.stat().st_size:
            try:
                os.link(old, target)
                count += 1
                continue
            except OSError:
                pass
        shutil.copy2(f, target)
        count += 1
    return count


def read_manifest(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SkmError(f"{folder} bukan folder cadangan SKM: {MANIFEST} tidak ada.") from None
    except (OSError, ValueError) as exc:
        raise SkmError(f"Manifes cadangan {path} tidak dapat dibaca: {exc}") from exc
    if not isinstance(manifest, dict) or not {"schema_version", "tables", "files"} <= manifest.keys():
        raise SkmError(f"Manifes cadangan {path} tidak lengkap.")
    return manifest


def list_backups(dest_root: str | Path) -> list[Path]:
    """Complete backups under dest_root, oldest first."""
    root = Path(dest_root)
    if not root.is_dir():
        return []
    found: list[tuple[str, str, Path]] = []
    for d in root.iterdir():
        if not d.is_dir() or d.name.startswith(".") or not (d / MANIFEST).is_file():
            continue
        try:
            created = str(read_manifest(d).get("created", ""))
        except SkmError:
            created = ""
        found.append((created, d.name, d))
    return [d for _, _, d in sorted(found)]


def latest_backup(dest_root: str | Path) -> Path | None:
    backups = list_backups(dest_root)
    return backups[-1] if backups else None


def prune(dest_root: str | Path, keep: int) -> list[Path]:
    """Keep the `keep` newest backups, delete the older ones (and unfinished ones older than a day);
    returns what was deleted."""
    if keep < 1:
        raise SkmError("Jumlah cadangan yang disimpan (--keep) minimal 1.")
    root = Path(dest_root)
    removed = list_backups(root)[:-keep]
    for d in removed:
        shutil.rmtree(d)
    if root.is_dir():
        day_ago = datetime.now().timestamp() - 86400
        for d in root.iterdir():
            if d.is_dir() and d.name.startswith(_TMP_PREFIX) and d.stat().st_mtime < day_ago:
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d)
    return removed


def maybe_backup(
    store: Store,
    dest_root: str | Path | None = None,
    every: timedelta = DEFAULT_EVERY,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> Path | None:
    """The scheduled snapshot: a backup when the newest one is older than `every` and the data has
    changed since (data_version), then retention. Returns the new folder, or None."""
    root = Path(dest_root) if dest_root is not None else backup_root_for(store.path)
    latest = latest_backup(root)
    if latest is not None:
        manifest = read_manifest(latest)
        created = datetime.fromisoformat(str(manifest["created"]))
        if (now or datetime.now()) - created < every or manifest.get("data_version") == store.data_version():
            return None
    folder = backup(store, root)
    prune(root, keep)
    return folder


class BackupScheduler:
    """A daemon thread calling maybe_backup() every `check` (the app starts one per process)."""

    def __init__(
        self,
        store: Store,
        dest_root: str | Path | None = None,
        every: timedelta = DEFAULT_EVERY,
        keep: int = DEFAULT_KEEP,
        check: timedelta = timedelta(minutes=10),
        on_error: Callable[[BaseException], None] | None = None,
    ):
        self.store, self.dest_root, self.every, self.keep, self.check = store, dest_root, every, keep, check
        self.on_error = on_error
        self.last_backup: Path | None = None
        self.last_error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="skm-backup", daemon=True)

    def start(self) -> BackupScheduler:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = 10) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        # The first check comes one interval after start: a server that restarts (or a test that
        # opens the app) does not export the database at once.
        while not self._stop.wait(self.check.total_seconds()):
            try:
                folder = maybe_backup(self.store, self.dest_root, self.every, self.keep)
                if folder is not None:
                    self.last_backup = folder
            except Exception as exc:  # a failed backup must not stop the app; it is reported
                self.last_error = exc
                log.exception("scheduled backup failed")
                if self.on_error is not None:
                    self.on_error(exc)


def start_scheduler(store: Store, dest_root: str | Path | None = None, **kwargs: Any) -> BackupScheduler:
    return BackupScheduler(store, dest_root, **kwargs).start()


# ---------------------------------------------------------------- restore


def verify_files(folder: str | Path, manifest: dict[str, Any] | None = None) -> None:
    """Every file the manifest lists is there with its sha256; raises SkmError otherwise."""
    folder = Path(folder)
    manifest = manifest if manifest is not None else read_manifest(folder)
    bad: list[str] = []
    for rel, info in manifest["files"].items():
        p = folder / rel
        if not p.is_file():
            bad.append(f"{rel} hilang")
        elif p.stat().st_size != info.get("size") or _sha256(p) != info.get("sha256"):
            bad.append(f"{rel} berubah")
    listed = set(manifest["files"])
    extra = [
        p.relative_to(folder).as_posix()
        for p in (folder / "db").rglob("*")
        if p.is_file() and p.relative_to(folder).as_posix() not in listed
    ]
    bad += [f"{rel} tidak tercatat di manifes" for rel in sorted(extra)]
    if bad:
        shown = "; ".join(bad[:10]) + (f"; … dan {len(bad) - 10} lagi" if len(bad) > 10 else "")
        raise SkmError(f"Cadangan {folder} rusak atau telah diubah, tidak dipulihkan: {shown}.")


def move_aside(db_path: str | Path, label: str) -> list[Path]:
    """Rename the database file and its .wal to `<name>.<label>-<time>` (+ `.wal`, so DuckDB still
    finds the pair); returns the new paths of what existed."""
    db = Path(db_path)
    wal = wal_path(db)
    stamp = _stamp()
    base = db.with_name(f"{db.name}.{label}-{stamp}")
    n = 1
    while base.exists() or wal_path(base).exists():
        n += 1
        base = db.with_name(f"{db.name}.{label}-{stamp}-{n}")
    moved = []
    if db.exists():
        db.rename(base)
        moved.append(base)
    if wal.exists():
        wal.rename(wal_path(base))
        moved.append(wal_path(base))
    return moved


def _ensure_not_in_use(target: Path) -> None:
    try:
        duckdb.connect(str(target)).close()
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise StoreError(
                f"Basis data {target} sedang dipakai proses lain (misalnya aplikasi yang sedang berjalan): "
                "hentikan proses itu sebelum memulihkan cadangan."
            ) from exc
        # a damaged target is exactly what a forced restore replaces


def restore(backup_dir: str | Path, target_db_path: str | Path, *, force: bool = False) -> RestoreResult:
    """Restore a backup into a new database file at target_db_path, verified against its manifest.
    An existing target is refused unless force=True, which moves it (and its .wal) aside first."""

    folder = Path(backup_dir)
    target = Path(target_db_path)
    if not folder.is_dir():
        raise SkmError(f"Folder cadangan {folder} tidak ada.")
    manifest = read_manifest(folder)
    if int(manifest["schema_version"]) > SCHEMA_VERSION:
        raise SkmError(
            f"Cadangan {folder.name} dibuat oleh versi aplikasi yang lebih baru "
            f"(skema {manifest['schema_version']}); perbarui aplikasi sebelum memulihkannya."
        )
    verify_files(folder, manifest)
    exists = target.exists() or wal_path(target).exists()
    if exists and not force:
        raise SkmError(
            f"Basis data {target} sudah ada; pemulihan tidak menimpanya. Pulihkan ke berkas baru "
            "(--db), atau pakai --force untuk menyimpan berkas lama di samping lalu menggantinya."
        )
    if exists:
        _ensure_not_in_use(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.restoring-*"):  # of a crashed restore
        leftover.unlink(missing_ok=True)
    tmp = target.with_name(f".{target.name}.restoring-{_stamp()}")
    moved: list[Path] = []
    try:
        try:
            con = duckdb.connect(str(tmp))
        except duckdb.Error as exc:
            raise SkmError(f"Berkas sementara {tmp} tidak dapat dibuat: {exc}") from exc
        try:
            con.execute(f"IMPORT DATABASE '{_sql_text((folder / 'db').resolve())}'")
            got = _checksums(con)
            con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise SkmError(f"Cadangan {folder} tidak dapat dimuat: {exc}") from exc
        finally:
            con.close()
        expected = manifest["tables"]
        if got != expected:
            differ = sorted(t for t in set(got) | set(expected) if got.get(t) != expected.get(t))
            raise SkmError(
                f"Cadangan {folder} tidak dipulihkan: isi tabel {', '.join(differ)} tidak cocok dengan "
                "manifes (cadangan rusak atau telah diubah)."
            )
        if exists:
            moved = move_aside(target, "before-restore")
        wal_path(tmp).unlink(missing_ok=True)  # a clean close leaves none; never pair a stale one
        tmp.replace(target)
        _fsync(target.parent)
    finally:
        for leftover in (tmp, wal_path(tmp)):
            leftover.unlink(missing_ok=True)
    copied = sum(_restore_tree(folder / "files" / sub, target.parent / sub) for sub in FILE_DIRS)
    return RestoreResult(target, folder, manifest, moved, copied)


def _restore_tree(src: Path, dst: Path) -> int:
    """Put the backup's files back; a file already there (same name = same content) stays."""
    if not src.is_dir():
        return 0
    dst.mkdir(parents=True, exist_ok=True)
    count = 0
    for f in sorted(src.iterdir()):
        target = dst / f.name
        if f.is_file() and not target.exists():
            part = target.with_name(target.name + ".tmp")
            shutil.copy2(f, part)
            part.replace(target)
            count += 1
    return count


# ---------------------------------------------------------------- recovery on open


def _checkpoint_state(path: Path) -> int | None:
    """The data_version of a database file opened alone (no WAL), if it opens and reads cleanly."""
    trial = path.with_name(f".{path.name}.probe")
    for p in (trial, wal_path(trial)):
        p.unlink(missing_ok=True)
    try:
        shutil.copyfile(path, trial)
        con = duckdb.connect(str(trial))
        try:
            _checksums(con)  # reads every block: a checksum error surfaces here
            rows = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
            return int(rows[0][0]) if rows else 0
        finally:
            con.close()
    except (duckdb.Error, OSError, ValueError):
        return None
    finally:
        for p in (trial, wal_path(trial)):
            p.unlink(missing_ok=True)


def recover(db_path: str | Path, backup_root: str | Path, error: BaseException) -> str:
    """Handle a database that cannot be opened: keep the damaged file (and .wal) aside, restore the
    newest backup that verifies (or, when only the WAL is damaged and the file alone is newer than
    every backup, keep the file as of its last checkpoint), and return a note for the admin, also
    recorded in `<name>.recovery.txt`. With no usable backup the path is left free (start empty)."""
    db = Path(db_path)
    text = _recover(db, Path(backup_root), error)
    _record_note(db, text)
    return text


def _recover(db: Path, backup_root: Path, error: BaseException) -> str:
    reason = str(error).splitlines()[0][:300]
    lowered = reason.lower()
    wal_damaged = db.exists() and ("replaying wal" in lowered or "corrupt wal" in lowered)
    moved = move_aside(db, "damaged")
    kept = ", ".join(str(p) for p in moved) or "(tidak ada berkas)"
    head = f"Basis data {db} rusak dan tidak dapat dibuka ({reason}). Berkas rusak disimpan sebagai {kept}."
    log.error("damaged database %s moved aside to %s: %s", db, kept, reason)

    backups = list_backups(backup_root)
    if wal_damaged and moved:
        version = _checkpoint_state(moved[0])
        newest = None
        if backups:
            try:
                newest = int(read_manifest(backups[-1]).get("data_version", -1))
            except SkmError:
                newest = None
        if version is not None and (newest is None or version >= newest):
            shutil.copyfile(moved[0], db)
            return (
                f"{head} Hanya log WAL yang rusak: data sampai checkpoint terakhir dipakai (versi data "
                f"{version}); perubahan sesudahnya hilang dan perlu diulang (misalnya impor ulang)."
            )

    failures = []
    for folder in reversed(backups):
        try:
            result = restore(folder, db)
        except SkmError as exc:
            failures.append(f"{folder.name}: {exc}")
            log.error("backup %s not restored: %s", folder, exc)
            continue
        text = (
            f"{head} Cadangan terakhir {folder.name} (dibuat {_human_time(result.manifest.get('created'))}) "
            "telah dipulihkan; perubahan sesudah waktu itu hilang dan perlu diulang (misalnya impor ulang)."
        )
        if failures:
            text += " Cadangan yang lebih baru tidak dapat dipakai: " + " | ".join(failures)
        return text
    if failures:
        return (
            f"{head} Tidak ada cadangan yang dapat dipulihkan ({' | '.join(failures)}); aplikasi mulai "
            "dengan basis data kosong. Hubungi admin sebelum mengimpor data baru."
        )
    return (
        f"{head} Tidak ada cadangan di {backup_root}; aplikasi mulai dengan basis data kosong. "
        "Hubungi admin sebelum mengimpor data baru."
    )
