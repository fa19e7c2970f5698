"""The Store's base: the connection, one write transaction at a time, migrations, the data
version and what is kept per data version, clean copies of uploaded images."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from skm.errors import StoreError
from skm.storage import backup, closed_file, schema
from skm.storage.checksums import table_checksums
from skm.storage.query import _one, _scalar

DEFAULT_DB = Path("data") / "skm.duckdb"
_BULK_CHECKPOINT = "1MiB"  # a bulk commit's WAL estimate passes it: DuckDB checkpoints at the commit


def default_db_path() -> Path:
    return Path(os.environ.get("SKM_DB") or DEFAULT_DB)


class StoreCore:
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        verify: bool = True,
        recover: bool = True,
        backup_root: str | Path | None = None,
    ):
        """Open (or create) the database. A file DuckDB reports as damaged, on opening, on migrating
        or (verify) on reading every table once, is moved aside and the newest backup under
        backup_root (default: backups/ next to the file) restored (skm.storage.backup.recover);
        `recovery_note` then tells the admin what happened, in this or an earlier process, until
        skm.storage.backup.acknowledge_recovery(); None normally. recover=False raises StoreError instead.
        A file held by another process is never touched: that is a StoreError saying so."""
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.upload_dir = self.path.parent / "uploads"
        self.backup_root = Path(backup_root) if backup_root is not None else backup.backup_root_for(self.path)
        self.recovery_note: str | None = None
        self._lock = threading.RLock()
        self._memo_version: int | None = None
        self._memo: dict[object, Any] = {}
        try:
            self._open(verify)
        except duckdb.Error as exc:
            if not (recover and backup.is_damage_error(exc)):
                raise self._open_error(exc) from exc
            backup.recover(self.path, self.backup_root, exc)
            try:
                self._open(verify)
            except duckdb.Error as again:
                raise self._open_error(again) from again
        self.recovery_note = backup.pending_note(self.path)

    def _open(self, verify: bool) -> None:
        as_left = closed_file.take(self.path)  # before DuckDB opens (and may write to) the file
        self._con = duckdb.connect(str(self.path))
        try:
            created = self._migrate()
            # Reads every block once, so a damaged block is found now and not by a page later (a
            # file just created has none to read; nothing touched one as a clean close left it).
            if verify and not created and not as_left:
                self.table_checksums()
        except BaseException:
            self._con.close()
            raise

    def _open_error(self, exc: duckdb.Error) -> StoreError:
        hint = ""
        if backup.is_lock_error(exc):
            hint = (
                " Berkas ini sedang dipakai proses lain (misalnya aplikasi yang sedang berjalan): "
                "hentikan proses itu, atau impor lewat halaman Unggah Data."
            )
        return StoreError(f"Basis data {self.path} tidak dapat dibuka: {exc}.{hint}")

    def close(self, checkpoint: bool = True) -> None:
        """Checkpoint explicitly, then close. DuckDB's own checkpoint-at-shutdown, killed midway,
        once left a block with a bad checksum in our crash trials (tests/test_crash.py); the
        explicit CHECKPOINT never has, and afterwards the shutdown has nothing left to write.
        checkpoint=False leaves what the WAL holds there (with PRAGMA disable_checkpoint_on_shutdown).
        After a checkpoint that succeeded, how the file looks is noted (skm.storage.closed_file):
        the next open need not read every block when the file is still exactly so."""
        with self._lock:
            clean = False
            if checkpoint:
                with contextlib.suppress(duckdb.Error):  # a failing connection still closes; the WAL stays
                    self._con.execute("CHECKPOINT")
                    clean = True
            self._con.close()
            if clean:
                closed_file.record(self.path)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one thread's reads."""
        return self._con.cursor()

    @contextmanager
    def transaction(
        self, *, bump: bool = True, bulk: bool = False, serial: bool = False
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction under the store's lock. bump=False for writes no cached page
        result depends on (sessions, login attempts), so a login does not empty every cache.
        bulk=True (an import of many rows): the commit writes them straight into the database file,
        as a checkpoint (DuckDB then skips the WAL), instead of into the WAL and again into the
        file at the next checkpoint: a 100k-row import and the closing checkpoint 0,22 → 0,19 s
        (medians of 12), the same file. Only for many rows: DuckDB's estimate of a small commit can
        pass the threshold too, and a small import would then pay a whole checkpoint.
        serial=True (an import of less than one row group): its statements run on one thread. DuckDB
        writes nothing of a partial row group before the commit, so a second thread only hands rows
        over: a 100k-row import 0,225 → 0,19 s (medians of 10). From one row group on, two threads
        write whole row groups during the insert (250k rows: 0,15 s against 0,19 s on one). The
        thread count is the database's: a page read meanwhile runs on one thread too, for as long."""
        with self._lock:
            cur = self._con.cursor()
            cur.begin()
            try:
                if serial:
                    cur.execute("SET threads = 1")
                yield cur
                if bump:
                    cur.execute(
                        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) WHERE key = 'data_version'"
                    )
                if bulk:
                    cur.execute(f"SET checkpoint_threshold = '{_BULK_CHECKPOINT}'")
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                for setting, was_set in (("checkpoint_threshold", bulk), ("threads", serial)):
                    if was_set:
                        with contextlib.suppress(duckdb.Error):  # never hides why the commit failed
                            cur.execute(f"RESET {setting}")
                cur.close()

    def _migrate(self) -> bool:
        """Bring the schema to SCHEMA_VERSION; True when the database was new. A new database gets
        every migration in one transaction (one commit, not one per migration: schema.create);
        an existing one each missing migration in its own, as it always did."""
        with self._lock:
            cur = self._con.cursor()
            try:
                if not _scalar(cur, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta'"):
                    schema.create(cur)
                    return True
                row = _one(cur, "SELECT value FROM meta WHERE key = 'schema_version'")
                version = int(row[0]) if row else 0
                if version > schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"Basis data {self.path} dibuat oleh versi aplikasi yang lebih baru "
                        f"(skema {version}); perbarui aplikasi."
                    )
                for target in range(version + 1, schema.SCHEMA_VERSION + 1):
                    cur.begin()
                    schema.migrate(cur, target)
                    cur.commit()
                return False
            finally:
                cur.close()

    def data_version(self) -> int:
        row = _one(self.cursor(), "SELECT value FROM meta WHERE key = 'data_version'")
        return int(row[0]) if row else 0

    def _memoised(self, key: object, make: Callable[[], Any]) -> Any:
        """make() once per data version: every write moves the version, so an answer kept here is
        never stale (units, each period's figures, whether any NRR table exists)."""
        version = self.data_version()
        if version != self._memo_version:
            self._memo, self._memo_version = {}, version
        memo = self._memo  # this version's dict: a slower thread's older answer lands in its own, never here
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def forget(self) -> None:
        """Drop what _memoised keeps (benchmarks measure the uncached path with it)."""
        self._memo_version = None

    def table_checksums(self) -> dict[str, str]:
        """A fingerprint of every table's content, for tests that prove nothing changed."""
        return table_checksums(self.cursor())

    def _keep_image(self, data: bytes, file_name: str, folder_name: str) -> tuple[Path, str]:
        """A clean copy of an uploaded image (`skm.images.clean_image`) under the store's folder,
        named by its content; returns its path and sha256. ImageRefused names the file otherwise."""
        from skm.images import clean_image  # Pillow only where images are kept, not on every open

        clean = clean_image(data, file_name)
        digest = hashlib.sha256(clean.data).hexdigest()
        folder = self.path.parent / folder_name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}.{clean.kind}"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(clean.data)
            tmp.replace(path)
        return path, digest
