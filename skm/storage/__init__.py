"""DuckDB system of record: schema and migrations, the unit tree, atomic imports, queries.

    store = Store("data/skm.duckdb")
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Halim Perdanakusuma")[0]
    outcome = store.import_survey(survey, data, unit.id, Period(2024, 1))

One `Store` per process: writes go through one lock (DuckDB connections are not
thread-safe, so every read takes its own cursor). The Store is composed of one part per area:

    core.py       connection, transaction, migrations, data version, memo    schema.py  MIGRATIONS
    units.py      the unit tree          imports.py   imports, undo, history  stats.py   figures' queries
    rtl.py        RTL plan and photos    publikasi.py publication record      settings.py letter settings
    approval.py   period status, lock    tinjauan.py  held online answers     audit.py   audit log
    accounts.py   accounts               sessions.py  sessions, login limit   kuesioner.py questionnaire SQL
    tautan.py     questionnaire links, open periods, the answer's transaction
    sql.py        the summary SQL        query.py     row helpers             checksums.py table fingerprints
"""

from skm.storage.accounts import AccountsMixin, UserRow
from skm.storage.approval import (
    STATUS_DIAJUKAN,
    STATUS_DIKEMBALIKAN,
    STATUS_DISETUJUI,
    STATUS_DRAFT,
    ApprovalMixin,
    PeriodStatus,
)
from skm.storage.audit import AuditEntry, AuditMixin, audit
from skm.storage.core import DEFAULT_DB, default_db_path
from skm.storage.imports import SOURCE_KUESIONER, Batch, ImportOutcome, ImportsMixin
from skm.storage.publikasi import PublikasiMixin
from skm.storage.rtl import RtlMixin
from skm.storage.schema import MIGRATION_STEPS, MIGRATIONS, SCHEMA_VERSION
from skm.storage.sessions import SessionRow, SessionsMixin
from skm.storage.settings import SettingsMixin
from skm.storage.sql import U_COLS, summary_select, summary_sql
from skm.storage.stats import PROFILE_GROUPS, SARAN_LIMIT, StatsMixin
from skm.storage.tautan import TautanMixin
from skm.storage.tinjauan import TinjauanMixin


class Store(
    ImportsMixin,
    RtlMixin,
    TinjauanMixin,
    TautanMixin,
    ApprovalMixin,
    StatsMixin,
    PublikasiMixin,
    SettingsMixin,
    AuditMixin,
    AccountsMixin,
    SessionsMixin,
):
    """The one front every caller uses; each area's methods live in its own module (see above)."""


__all__ = [
    "AuditEntry",
    "Batch",
    "DEFAULT_DB",
    "ImportOutcome",
    "MIGRATIONS",
    "MIGRATION_STEPS",
    "PROFILE_GROUPS",
    "PeriodStatus",
    "SARAN_LIMIT",
    "SCHEMA_VERSION",
    "SOURCE_KUESIONER",
    "STATUS_DIAJUKAN",
    "STATUS_DIKEMBALIKAN",
    "STATUS_DISETUJUI",
    "STATUS_DRAFT",
    "SessionRow",
    "Store",
    "U_COLS",
    "UserRow",
    "audit",
    "default_db_path",
    "summary_select",
    "summary_sql",
]
