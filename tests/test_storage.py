"""The DuckDB store: units, atomic imports, duplicates, replace, undo, persistence."""

from __future__ import annotations

import threading
from datetime import date

import duckdb
import pytest

from skm.errors import ImportConflict, StoreError, UnitNotFound
from skm.ingest import read_survey
from skm.storage import SCHEMA_VERSION, Store
from skm.storage import imports as imports_module
from skm.storage import schema as schema_module
from skm.storage import units as units_module
from skm.storage.backup import wal_path
from skm.summary import unit_summary
from skm.units import Period

P1 = Period(2024, 1)
P1_START = date(2024, 1, 2)
HEADER = "Jenis Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9\n"


def csv_bytes(rows: list[str]) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def survey(rows: list[str], name: str = "data.csv"):
    data = csv_bytes(rows)
    return read_survey(data, name), data


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "skm.duckdb")
    yield s
    s.close()


@pytest.fixture
def unit(store):
    return store.ensure_unit_path("Jakarta Timur/Makasar/Halim Perdanakusuma")[0]


def import_rows(store, unit, rows, *, name="data.csv", period=P1, replace=False):
    sv, data = survey(rows, name)
    return store.import_survey(sv, data, unit.id, period, replace=replace)


def ikm_of(store, unit, period=P1):
    result = unit_summary(store, unit, period)
    return None if result is None else result.score.ikm


def test_unit_paths_created_once_and_found_by_path_or_unique_name(store):
    u, created = store.ensure_unit_path("Jakarta Timur / Makasar / Halim Perdanakusuma")
    assert created == ["Jakarta Timur", "Jakarta Timur/Makasar", "Jakarta Timur/Makasar/Halim Perdanakusuma"]
    assert (u.level, store.unit(u.parent_id).level) == ("kelurahan", "kecamatan")
    again, created_again = store.ensure_unit_path("jakarta timur/MAKASAR/Halim Perdanakusuma")
    assert again.id == u.id and created_again == []
    assert store.find_unit("Halim Perdanakusuma").id == u.id
    store.ensure_unit_path("Jakarta Timur/Makasar/Makasar")
    with pytest.raises(UnitNotFound, match="tidak unik"):
        store.find_unit("Makasar")
    assert store.find_unit("Jakarta Timur/Makasar").level == "kecamatan"
    with pytest.raises(UnitNotFound, match="tidak ditemukan"):
        store.find_unit("Kebon Pala")


def test_import_then_same_file_again_is_a_noop(store, unit):
    first = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "PPSU;3;3;3;3;3;3;3;3;3"])
    assert first.status == "imported" and first.rows == 2 and first.created_layanan == ["PPSU"]
    before = store.table_checksums()
    again = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "PPSU;3;3;3;3;3;3;3;3;3"], name="other-name.csv")
    assert again.status == "duplicate" and again.batch_id == first.batch_id
    assert "sudah diimpor" in again.message
    assert store.table_checksums() == before


def test_different_data_for_same_layanan_needs_replace(store, unit):
    import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"], name="lama.csv")
    before = store.table_checksums()
    with pytest.raises(ImportConflict, match="PPSU.*lama.csv"):
        import_rows(store, unit, ["PPSU;2;2;2;2;2;2;2;2;2"], name="baru.csv")
    assert store.table_checksums() == before
    assert ikm_of(store, unit) == 100.0
    out = import_rows(store, unit, ["PPSU;2;2;2;2;2;2;2;2;2"], name="baru.csv", replace=True)
    assert out.replaced == ["PPSU (file 'lama.csv')"]
    assert ikm_of(store, unit) == 50.0


def test_other_layanan_and_other_period_do_not_conflict(store, unit):
    import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"])
    import_rows(store, unit, ["Posyandu;2;2;2;2;2;2;2;2;2"])
    import_rows(store, unit, ["PPSU;3;3;3;3;3;3;3;3;3"], period=Period(2024, 2))
    assert ikm_of(store, unit) == 75.0  # (100 + 50) / 2
    assert ikm_of(store, unit, Period(2024, 2)) == 75.0
    assert store.periods_with_data([unit.id]) == [P1, Period(2024, 2)]


def test_undo_restores_what_a_replace_replaced(store, unit):
    old = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "Posyandu;4;4;4;4;4;4;4;4;4"])
    new = import_rows(store, unit, ["PPSU;2;2;2;2;2;2;2;2;2"], replace=True)
    assert ikm_of(store, unit) == 75.0
    assert store.undo_import(new.batch_id) == ["PPSU"]
    assert ikm_of(store, unit) == 100.0
    with pytest.raises(StoreError, match="sudah dibatalkan"):
        store.undo_import(new.batch_id)
    store.undo_import(old.batch_id)
    assert ikm_of(store, unit) is None
    states = {b.id: (b.undone_at is not None, b.active_layanan) for b in store.batches(unit.id)}
    assert states == {old.batch_id: (True, 0), new.batch_id: (True, 0)}


def test_reimport_after_undo_is_allowed(store, unit):
    first = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"])
    store.undo_import(first.batch_id)
    again = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"])
    assert again.status == "imported" and again.batch_id != first.batch_id
    assert ikm_of(store, unit) == 100.0


def test_error_mid_import_leaves_nothing(store, unit, monkeypatch):
    import_rows(store, unit, ["PKK;3;3;3;3;3;3;3;3;3"])
    before = store.table_checksums()
    version = store.data_version()

    def broken_insert(self, cur, survey, batch_id, layanan_ids):
        cur.execute("INSERT INTO responses (batch_id, layanan_id, row_number, u1) VALUES (?, 1, 2, 4)", [batch_id])
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_insert_rows", broken_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "Jumantik;4;4;4;4;4;4;4;4;4"])
    assert store.table_checksums() == before
    assert store.data_version() == version
    monkeypatch.undo()
    assert import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"]).status == "imported"


def test_row_count_check_refuses_partial_insert(store, unit, monkeypatch):
    sv, data = survey(["PPSU;4;4;4;4;4;4;4;4;4", "PPSU;3;3;3;3;3;3;3;3;3"])
    before = store.table_checksums()
    assert sv.responses is not None
    sv.responses = sv.responses.iloc[:1]  # fewer rows than the file said it has
    monkeypatch.setattr(type(sv), "row_count", property(lambda self: 2))
    with pytest.raises(StoreError, match="Hanya 1 dari 2"):
        store.import_survey(sv, data, unit.id, P1)
    assert store.table_checksums() == before


def test_uploaded_file_is_kept(store, unit):
    out = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"])
    batch = store.batches(unit.id)[0]
    assert batch.id == out.batch_id and batch.stored_path
    from pathlib import Path

    assert Path(batch.stored_path).read_bytes() == csv_bytes(["PPSU;4;4;4;4;4;4;4;4;4"])


def test_blanks_are_stored_as_null_and_not_counted(store, unit):
    import_rows(store, unit, ["PPSU;4;4;4;;4;4;4;4;4", "PPSU;2;2;2;2;2;2;2;2;2"])
    result = unit_summary(store, unit, P1)
    assert result is not None
    layanan = result.score.parts[0]
    assert layanan.nrr["U4"] == 2.0 and layanan.nrr["U1"] == 3.0
    assert layanan.respondents == 2 and layanan.blank_respondents == 1
    nulls = store.cursor().execute("SELECT count(*) FROM responses WHERE u4 IS NULL").fetchall()[0][0]
    assert nulls == 1


def test_data_persists_across_reopen_and_schema_is_versioned(tmp_path):
    path = tmp_path / "skm.duckdb"
    s = Store(path)
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]
    import_rows(s, u, ["PPSU;4;4;4;4;4;4;4;4;4"])
    s.close()
    s2 = Store(path)
    assert ikm_of(s2, s2.find_unit("Kota/Kec/Kel")) == 100.0
    version = s2.cursor().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0]
    assert int(version) == SCHEMA_VERSION
    s2.close()


def test_a_bulk_import_is_written_into_the_file_at_its_commit_and_a_small_one_into_the_wal(tmp_path):
    path = tmp_path / "skm.duckdb"
    wal = wal_path(path)
    s = Store(path)
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]
    small = import_rows(s, u, ["PPSU;4;4;4;4;4;4;4;4;4"])
    assert wal.exists() and 0 < wal.stat().st_size < 64 * 1024  # a few rows: the WAL, as before
    rows = [f"KTP;{1 + i % 4};4;4;4;4;4;4;4;4" for i in range(imports_module.BULK_ROWS)]
    bulk = import_rows(s, u, rows, name="besar.csv")
    # The commit was a checkpoint: the rows are in the file and the WAL holds nothing any more.
    assert not wal.exists() or wal.stat().st_size == 0
    assert s.cursor().execute("SELECT current_setting('checkpoint_threshold')").fetchall()[0][0] == "16.0 MiB"
    s.close(checkpoint=False)
    s2 = Store(path)
    counts = dict(s2.cursor().execute("SELECT batch_id, count(*) FROM responses GROUP BY ALL").fetchall())
    assert counts == {small.batch_id: 1, bulk.batch_id: imports_module.BULK_ROWS}
    s2.close()


def test_an_import_of_less_than_a_row_group_runs_on_one_thread(tmp_path, monkeypatch):
    """DuckDB's thread count is 1 while such an import's statements run, and back afterwards, also
    after a refused import; from one row group on, the import keeps every thread."""
    s = Store(tmp_path / "skm.duckdb")
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]

    def threads(cur):
        return cur.execute("SELECT current_setting('threads')").fetchall()[0][0]

    default = threads(s.cursor())
    assert default >= 1
    seen = []
    real = imports_module.ImportsMixin._insert_rows
    monkeypatch.setattr(
        imports_module.ImportsMixin,
        "_insert_rows",
        lambda self, cur, *args: seen.append(threads(cur)) or real(self, cur, *args),
    )
    import_rows(s, u, ["PPSU;4;4;4;4;4;4;4;4;4", "KTP;3;4;4;4;4;4;4;4;4"])
    assert seen == [1] and threads(s.cursor()) == default
    with pytest.raises(ImportConflict):
        import_rows(s, u, ["PPSU;1;4;4;4;4;4;4;4;4"], name="lagi.csv")
    assert threads(s.cursor()) == default
    monkeypatch.setattr(imports_module, "ROW_GROUP_ROWS", 2)
    import_rows(s, u, ["PPSU;4;4;4;4;4;4;4;4;4", "KTP;3;4;4;4;4;4;4;4;4"], period=Period(2024, 2))
    assert seen == [1, default] and threads(s.cursor()) == default
    s.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "skm.duckdb"
    s = Store(path)
    s.cursor().execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    s.close()
    with pytest.raises(StoreError, match="lebih baru"):
        Store(path)


def test_migrations_run_in_order_from_empty(tmp_path, monkeypatch):
    monkeypatch.setattr(
        schema_module, "MIGRATIONS", {**schema_module.MIGRATIONS, 2: "CREATE TABLE extra_v2 (x INTEGER);"}
    )
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 2)
    s = Store(tmp_path / "m.duckdb")
    tables = {r[0] for r in s.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"extra_v2", "responses", "units"} <= tables
    s.close()


def _schema_of(path) -> dict[str, list[tuple]]:
    """Everything DuckDB's catalog says about a database's schema, in a stable order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        queries = {
            "tables": "SELECT table_name, temporary, has_primary_key, column_count, sql FROM duckdb_tables()",
            "columns": """SELECT table_name, column_index, column_name, data_type, column_default, is_nullable,
                                 numeric_precision, numeric_scale FROM duckdb_columns()""",
            "constraints": """SELECT table_name, constraint_index, constraint_type, constraint_text,
                                     constraint_column_names FROM duckdb_constraints()""",
            "indexes": "SELECT index_name, table_name, is_unique, sql FROM duckdb_indexes()",
            "sequences": "SELECT sequence_name, start_value, increment_by, last_value FROM duckdb_sequences()",
            "views": "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal",
            "meta": "SELECT key, value FROM meta",
        }
        return {k: sorted(map(tuple, con.execute(q).fetchall()), key=repr) for k, q in queries.items()}
    finally:
        con.close()


def test_a_new_database_gets_the_schema_the_migrations_give_one_by_one(tmp_path, monkeypatch):
    """A new file is created at SCHEMA_VERSION in one transaction (schema.create); a file of
    schema 1 brought up migration by migration must end with the same tables, columns,
    constraints, indexes, sequences and meta rows."""
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 1)
    Store(tmp_path / "stepwise.duckdb").close()
    monkeypatch.undo()
    Store(tmp_path / "stepwise.duckdb").close()  # migrations 2..SCHEMA_VERSION, each in its own transaction
    Store(tmp_path / "new.duckdb").close()
    stepwise, new = _schema_of(tmp_path / "stepwise.duckdb"), _schema_of(tmp_path / "new.duckdb")
    assert len(new["tables"]) > 20 and ("schema_version", str(SCHEMA_VERSION)) in new["meta"]
    for part in new:
        assert new[part] == stepwise[part], part


def test_wilayah_summary_means_children_and_lists_missing(store):
    a = store.ensure_unit_path("Kota/Kec/A")[0]
    b = store.ensure_unit_path("Kota/Kec/B")[0]
    store.ensure_unit_path("Kota/Kec/C")
    import_rows(store, a, ["PPSU;4;4;4;4;4;4;4;4;4"] * 9)
    import_rows(store, b, ["PPSU;2;2;2;2;2;2;2;2;2"])
    kec = store.find_unit("Kota/Kec")
    result = unit_summary(store, kec, P1)
    assert result is not None
    assert result.score.ikm == 75.0
    assert [u.name for u in result.missing_children] == ["C"]
    assert result.pooled is not None and result.pooled.ikm == pytest.approx((9 * 4 + 2) / 10 * 25)
    kota = unit_summary(store, store.find_unit("Kota"), P1)
    assert kota is not None and kota.score.ikm == 75.0


def test_concurrent_readers_use_their_own_cursors(store, unit):
    import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "PPSU;3;3;3;3;3;3;3;3;3"])
    results, errors = [], []

    def read():
        try:
            for _ in range(20):
                results.append(ikm_of(store, unit))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert set(results) == {87.5}


def test_refused_import_leaves_no_file_behind(store, unit):
    import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4"], name="lama.csv")
    files = sorted(p.name for p in store.upload_dir.iterdir())
    with pytest.raises(ImportConflict):
        import_rows(store, unit, ["PPSU;1;1;1;1;1;1;1;1;1"], name="baru.csv")
    assert sorted(p.name for p in store.upload_dir.iterdir()) == files


def _raw_stats(store, unit):
    """The layanan's figures computed straight from its active raw rows, without layanan_summary."""
    from skm.storage import summary_select

    source = """SELECT r.* FROM responses r JOIN batch_layanan bl USING (batch_id, layanan_id)
                JOIN layanan l ON l.id = r.layanan_id WHERE bl.active AND l.unit_id = ?"""
    row = store.cursor().execute(summary_select(source, "layanan_id"), [unit.id]).fetchall()
    assert len(row) == 1
    _lid, n, blank, *rest = row[0]
    return n, blank, rest[:9], rest[9:18], rest[18]


def test_summary_kept_at_import_matches_the_raw_rows(store, unit):
    rows = ["PPSU;4;3;;2;4;4;1;3;4", "PPSU;2;2;2;2;2;2;2;2;2", "PPSU;3;4;4;;4;3;3;3;3", "PPSU;1;2;3;4;1;2;3;4;1"]
    import_rows(store, unit, rows)
    (stats,) = store.layanan_stats([unit.id], P1)[unit.id]
    n, blank, sums, counts, deviance = _raw_stats(store, unit)
    assert (stats.respondents, stats.blank_respondents) == (n, blank) == (4, 2)
    assert list(stats.sums.values()) == [float(x) for x in sums]
    assert list(stats.answered.values()) == counts
    assert stats.deviance == pytest.approx(deviance, rel=1e-12) and deviance > 0


def test_two_active_batches_of_one_layanan_are_pooled_exactly(store, unit):
    """An upload and the online questionnaire can both hold rows of one layanan: sums add up and
    the deviance is taken around the pooled NRR, not added from each batch's own."""
    first = import_rows(store, unit, ["PPSU;4;4;4;4;4;4;4;4;4", "PPSU;4;3;4;4;;4;4;4;4"], name="a.csv")
    import_rows(store, unit, ["PPSU;1;2;1;2;1;2;1;2;1"], name="b.csv", replace=True)
    store.cursor().execute("UPDATE batch_layanan SET active = true WHERE batch_id = ?", [first.batch_id])
    (stats,) = store.layanan_stats([unit.id], P1)[unit.id]
    n, blank, sums, counts, deviance = _raw_stats(store, unit)
    assert (stats.respondents, stats.blank_respondents) == (n, blank) == (3, 1)
    assert list(stats.sums.values()) == [float(x) for x in sums]
    assert list(stats.answered.values()) == counts
    assert stats.deviance == pytest.approx(deviance, rel=1e-12)
    per_batch = store.cursor().execute("SELECT sum(deviance) FROM layanan_summary").fetchall()[0][0]
    assert stats.deviance != pytest.approx(per_batch)


def test_migration_4_fills_the_summary_for_existing_data(tmp_path, monkeypatch):
    path = tmp_path / "v3.duckdb"
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(imports_module, "summary_sql", lambda _filter: "SELECT 1")  # schema 3 kept no summary
    for writer in (imports_module, units_module):  # nor an audit log (schema 5)
        monkeypatch.setattr(writer, "audit", lambda *_a, **_k: None)
    monkeypatch.setattr(Store, "_check_unlocked", lambda *_a: None)  # nor approvals (schema 5)
    s = Store(path)
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]
    import_rows(s, u, ["PPSU;4;4;3;4;4;4;4;4;4", "KTP;3;3;3;3;3;3;3;;3", "KTP;3;3;3;3;3;3;3;3;3"])
    tables = {r[0] for r in s.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "layanan_summary" not in tables
    s.close()
    monkeypatch.undo()
    s2 = Store(path)
    assert s2.cursor().execute("SELECT count(*) FROM layanan_summary").fetchall()[0][0] == 2
    result = unit_summary(s2, s2.find_unit("Kota/Kec/Kel"), P1)
    assert result is not None and result.score.ikm == pytest.approx((35 / 36 + 3 / 4) / 2 * 100)
    s2.close()


def test_migration_7_gives_accounts_one_normal_name_and_keeps_their_logins(tmp_path, monkeypatch):
    from skm import accounts

    path = tmp_path / "v6.duckdb"
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 6)
    s = Store(path)
    pw_hash = accounts.hash_password("kata-sandi-yang-panjang")
    s.cursor().execute(
        """INSERT INTO users (name, role, unit_id, password_hash, created_at, password_changed_at)
           VALUES ('Op.Halim', 'admin', NULL, ?, now(), now())""",
        [pw_hash],
    )
    s.cursor().execute("INSERT INTO login_attempts VALUES ('op.halim', '10.0.0.1', now(), false)")
    s.close()
    monkeypatch.undo()
    s2 = Store(path)
    try:
        assert s2.cursor().execute("SELECT name, name_key FROM users").fetchall() == [("Op.Halim", "op.halim")]
        assert accounts.recent_failures(s2, "OP.HALIM") == 1
        assert accounts.login(s2, "ｏｐ.halim", "kata-sandi-yang-panjang", "10.0.0.2")
        with pytest.raises(duckdb.ConstraintException):
            s2.cursor().execute(
                """INSERT INTO users (name, name_key, role, password_hash, created_at, password_changed_at)
                   VALUES ('OP.HALIM', 'op.halim', 'admin', NULL, now(), now())"""
            )
    finally:
        s2.close()


def test_the_review_migration_adds_its_tables_and_keeps_the_figures(tmp_path, monkeypatch):
    """The migration that brought the questionnaire's form tokens, submissions and held answers:
    a database one schema older gets them empty, with its figures as they were."""
    new_tables = {"kuesioner_forms", "kuesioner_submissions", "kuesioner_held"}
    path = tmp_path / "older.duckdb"
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 7)  # migration 8 brought them
    s = Store(path)
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]
    import_rows(s, u, ["PPSU;4;4;3;4;4;4;4;4;4", "KTP;3;3;3;3;3;3;3;3;3"])
    tables = {r[0] for r in s.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert not new_tables & tables
    s.close()
    monkeypatch.undo()
    s2 = Store(path)
    tables = {r[0] for r in s2.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert new_tables <= tables
    result = unit_summary(s2, s2.find_unit("Kota/Kec/Kel"), P1)
    assert result is not None and result.held == 0
    assert result.score.ikm == pytest.approx((35 / 36 + 3 / 4) / 2 * 100)
    s2.close()


def test_migration_to_the_publication_record_keeps_existing_data(tmp_path, monkeypatch):
    path = tmp_path / "v8.duckdb"
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 8)  # migration 9 brought it
    s = Store(path)
    u = s.ensure_unit_path("Kota/Kec/Kel")[0]
    import_rows(s, u, ["PPSU;4;4;3;4;4;4;4;4;4"])
    tables = {r[0] for r in s.cursor().execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "publikasi" not in tables
    s.close()
    monkeypatch.undo()
    s2 = Store(path)
    assert s2.publications(u.id) == []
    pub = s2.add_publication(u.id, P1, "cetak", P1_START, "Papan pengumuman kantor", actor="uji")
    assert [p.id for p in s2.publications(u.id, P1)] == [pub.id]
    assert unit_summary(s2, s2.find_unit("Kota/Kec/Kel"), P1) is not None
    s2.close()
