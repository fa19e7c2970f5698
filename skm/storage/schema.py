"""The schema: numbered migrations, each run once in its own transaction (see core.StoreCore._migrate)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from skm.names import account_key
from skm.storage.sql import U_COLS, summary_sql

SCHEMA_VERSION = 9


MIGRATIONS: dict[int, str] = {
    1: f"""
    CREATE SEQUENCE seq_unit START 1;
    CREATE SEQUENCE seq_layanan START 1;
    CREATE SEQUENCE seq_batch START 1;
    CREATE SEQUENCE seq_rtl START 1;
    CREATE TABLE units (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_unit'),
        parent_id INTEGER,
        name VARCHAR NOT NULL,
        level VARCHAR NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE layanan (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_layanan'),
        unit_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        UNIQUE (unit_id, name)
    );
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_batch'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        kind VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        stored_path VARCHAR,
        row_count INTEGER NOT NULL,
        imported_at TIMESTAMP NOT NULL,
        imported_by VARCHAR,
        warnings VARCHAR,
        undone_at TIMESTAMP,
        undone_by VARCHAR
    );
    CREATE TABLE batch_layanan (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        active BOOLEAN NOT NULL,
        replaced_by INTEGER,
        PRIMARY KEY (batch_id, layanan_id)
    );
    CREATE TABLE responses (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        submitted_at VARCHAR,
        jenis_kelamin VARCHAR,
        usia VARCHAR,
        pendidikan VARCHAR,
        pekerjaan VARCHAR,
        saran VARCHAR,
        {", ".join(f"{u} TINYINT CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)}
    );
    CREATE TABLE aggregates (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        {", ".join(f"{u} DOUBLE NOT NULL CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)},
        ikm_reported DOUBLE,
        respondents INTEGER
    );
    CREATE TABLE rtl_items (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_rtl'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        nomor INTEGER NOT NULL,
        unsur VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        triwulan VARCHAR NOT NULL,
        penanggung_jawab VARCHAR,
        status VARCHAR NOT NULL DEFAULT 'belum',
        tanggal DATE,
        deskripsi VARCHAR,
        hambatan VARCHAR
    );
    """,
    2: """
    CREATE TABLE unit_population (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        populasi INTEGER NOT NULL CHECK (populasi > 0),
        PRIMARY KEY (unit_id, tahun, semester)
    );
    """,
    3: """
    CREATE SEQUENCE seq_photo START 1;
    CREATE TABLE rtl_photos (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_photo'),
        rtl_id INTEGER NOT NULL,
        file_name VARCHAR NOT NULL,
        stored_path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        caption VARCHAR NOT NULL DEFAULT '',
        uploaded_at TIMESTAMP NOT NULL
    );
    CREATE TABLE report_settings (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        settings VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (unit_id, tahun, semester)
    );
    """,
    4: f"""
    CREATE TABLE layanan_summary (
        batch_id INTEGER NOT NULL,
        layanan_id INTEGER NOT NULL,
        n INTEGER NOT NULL,
        blank INTEGER NOT NULL,
        {", ".join(f"s_{u} BIGINT NOT NULL" for u in U_COLS)},
        {", ".join(f"c_{u} BIGINT NOT NULL" for u in U_COLS)},
        deviance DOUBLE,
        PRIMARY KEY (batch_id, layanan_id)
    );
    {summary_sql("true")}
    """,
    5: """
    CREATE SEQUENCE seq_user START 1;
    CREATE SEQUENCE seq_audit START 1;
    CREATE TABLE users (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_user'),
        name VARCHAR NOT NULL UNIQUE,
        role VARCHAR NOT NULL CHECK (role IN ('admin', 'pimpinan', 'operator')),
        unit_id INTEGER,
        password_hash VARCHAR,
        disabled BOOLEAN NOT NULL DEFAULT false,
        email VARCHAR,
        created_at TIMESTAMP NOT NULL,
        password_changed_at TIMESTAMP NOT NULL
    );
    CREATE TABLE sessions (
        token_hash VARCHAR PRIMARY KEY,
        user_id INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL,
        expires_at TIMESTAMP NOT NULL,
        revoked_at TIMESTAMP
    );
    CREATE TABLE login_attempts (
        name VARCHAR NOT NULL,
        client VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        ok BOOLEAN NOT NULL
    );
    CREATE TABLE period_status (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('draft', 'diajukan', 'disetujui', 'dikembalikan')),
        note VARCHAR,
        updated_by VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (unit_id, tahun, semester)
    );
    CREATE TABLE audit_log (
        id BIGINT PRIMARY KEY DEFAULT nextval('seq_audit'),
        "at" TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        unit_id INTEGER,
        tahun SMALLINT,
        semester TINYINT,
        detail VARCHAR
    );
    """,
    # The public questionnaire (skm.kuesioner): unguessable links per unit (and layanan), the
    # periods a unit has opened it for, and each online answer's service date.
    6: """
    CREATE TABLE kuesioner_links (
        token VARCHAR PRIMARY KEY,
        unit_id INTEGER NOT NULL,
        layanan_id INTEGER,
        created_at TIMESTAMP NOT NULL
    );
    CREATE TABLE kuesioner_periods (
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        open BOOLEAN NOT NULL,
        opened_by VARCHAR,
        changed_at TIMESTAMP NOT NULL,  -- when it was last opened or closed
        PRIMARY KEY (unit_id, tahun, semester)
    );
    CREATE TABLE kuesioner_entries (
        batch_id INTEGER NOT NULL,
        row_number INTEGER NOT NULL,
        tanggal_layanan DATE NOT NULL,
        submitted_at TIMESTAMP NOT NULL,
        PRIMARY KEY (batch_id, row_number)
    );
    """,
    # Logins: one normal form of the name (skm.names.account_key, filled in by MIGRATION_STEPS[7]
    # and unique), sessions bound to the client they were made from, attempts with an id so an
    # attempt is recorded (as a failure) before the password is checked and settled afterwards.
    7: """
    ALTER TABLE users ADD COLUMN name_key VARCHAR;
    CREATE UNIQUE INDEX users_name_key ON users (name_key);
    ALTER TABLE sessions ADD COLUMN client_fp VARCHAR;
    CREATE SEQUENCE seq_login_attempt START 1;
    CREATE TABLE login_attempts_7 (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_login_attempt'),
        name VARCHAR NOT NULL,  -- account_key of what was typed
        client VARCHAR NOT NULL,
        "at" TIMESTAMP NOT NULL,
        ok BOOLEAN NOT NULL
    );
    INSERT INTO login_attempts_7 (name, client, "at", ok) SELECT name, client, "at", ok FROM login_attempts;
    DROP TABLE login_attempts;
    ALTER TABLE login_attempts_7 RENAME TO login_attempts;
    """,
    # The questionnaire's integrity (skm.kuesioner_store, skm.tinjauan): one-time form tokens (their
    # sha256 only), every submission with fingerprints of its link, client and answer pattern, and
    # the answers held for review (not in `responses`, so no figure counts them).
    8: f"""
    CREATE TABLE kuesioner_forms (
        token_hash VARCHAR PRIMARY KEY,
        link_token VARCHAR NOT NULL,
        issued_at TIMESTAMP NOT NULL,
        expires_at TIMESTAMP NOT NULL,
        used_at TIMESTAMP
    );
    CREATE SEQUENCE seq_kuesioner_submission START 1;
    CREATE TABLE kuesioner_submissions (
        id BIGINT PRIMARY KEY DEFAULT nextval('seq_kuesioner_submission'),
        link_token VARCHAR NOT NULL,
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        layanan_id INTEGER NOT NULL,
        client VARCHAR NOT NULL,
        pattern VARCHAR NOT NULL,
        submitted_at TIMESTAMP NOT NULL,
        state VARCHAR NOT NULL CHECK (state IN ('dihitung', 'ditahan', 'diterima', 'ditolak')),
        reason VARCHAR,
        group_key VARCHAR,
        batch_id INTEGER,
        row_number INTEGER,
        reviewed_by VARCHAR,
        reviewed_at TIMESTAMP
    );
    CREATE TABLE kuesioner_held (
        submission_id BIGINT PRIMARY KEY,
        tanggal_layanan DATE NOT NULL,
        jenis_kelamin VARCHAR,
        usia VARCHAR,
        pendidikan VARCHAR,
        pekerjaan VARCHAR,
        saran VARCHAR,
        {", ".join(f"{u} TINYINT CHECK ({u} BETWEEN 1 AND 4)" for u in U_COLS)}
    );
    """,
    # Where a unit published its SKM results (PEKPPP indicators 6 and 7, skm.pekppp): medium, date,
    # place or URL, and a proof image kept like RTL photos (decoded and re-encoded).
    9: """
    CREATE SEQUENCE seq_publikasi START 1;
    CREATE TABLE publikasi (
        id INTEGER PRIMARY KEY DEFAULT nextval('seq_publikasi'),
        unit_id INTEGER NOT NULL,
        tahun SMALLINT NOT NULL,
        semester TINYINT NOT NULL,
        media VARCHAR NOT NULL,
        tanggal DATE NOT NULL,
        tempat VARCHAR NOT NULL DEFAULT '',
        file_name VARCHAR,
        stored_path VARCHAR,
        sha256 VARCHAR,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL
    );
    """,
}


def _fill_name_keys(cur: duckdb.DuckDBPyConnection) -> None:
    for user_id, name in cur.execute("SELECT id, name FROM users").fetchall():
        cur.execute("UPDATE users SET name_key = ? WHERE id = ?", [account_key(name), user_id])


# Python run after a migration's SQL, in the same transaction: what SQL cannot compute.
MIGRATION_STEPS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {7: _fill_name_keys}

META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"


def migrate(cur: duckdb.DuckDBPyConnection, target: int) -> None:
    """One migration, inside the caller's transaction, and the version it reached."""
    cur.execute(MIGRATIONS[target])
    if target in MIGRATION_STEPS:
        MIGRATION_STEPS[target](cur)
    cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(target)])
    cur.execute("INSERT OR IGNORE INTO meta VALUES ('data_version', '0')")


def create(cur: duckdb.DuckDBPyConnection) -> None:
    """A new database at SCHEMA_VERSION in one transaction: the same migrations, one commit (the
    per-migration commits were most of opening a new file; tests/test_storage.py checks that both
    routes give the same schema)."""
    cur.begin()
    cur.execute(META)
    for target in range(1, SCHEMA_VERSION + 1):
        migrate(cur, target)
    cur.commit()
