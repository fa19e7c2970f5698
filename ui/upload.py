"""Helpers of the Unggah Data page: reading an upload (cached), the column-mapping table and its
corrections, the preview tables, the import history, and the import / undo callbacks.

Callbacks run before the page script, so they may move the sidebar selection to the unit and
period just imported and reset the file uploader; their results reach the page through
session state (ui.flash `unggah_import`, `unggah_undo`; `unggah_conflict`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

import ui.flash
from skm.access import Access
from skm.actions import imports
from skm.errors import ImportConflict, ImportRejected, Problem, SkmError
from skm.formatting import angka, tanggal
from skm.ingest import (
    KIND_AGGREGATE,
    NO_LAYANAN,
    Column,
    Survey,
    assign_layanan,
    duplicate_rows,
    read_survey,
    without_rows,
)
from skm.labels import place_name
from skm.storage import Batch
from skm.units import Period, Unit
from skm.unsur import CODES, UNSUR
from ui import auth
from ui.components import source_label
from ui.data import get_store

log = logging.getLogger(__name__)

NEW = -1  # selectbox option: a unit that does not exist yet
PREVIEW_ROWS = 10
MAP_COLUMN = "Dipakai sebagai"
UNUSED = "Tidak dipakai"

# What a user may choose for a column, and the override read_survey takes for it.
CHOICES: dict[str, str | None] = {
    **{f"{c} {UNSUR[c].name}": c for c in CODES},
    "Jenis layanan": "layanan",
    "Waktu pengisian": "timestamp",
    "Jenis kelamin": "jenis_kelamin",
    "Usia": "usia",
    "Pendidikan": "pendidikan",
    "Pekerjaan": "pekerjaan",
    "Saran / kritik": "saran",
    "IKM layanan (angka di file)": "ikm",
    "Jumlah responden": "respondents",
    UNUSED: None,
}
# Roles the reader finds by itself but that cannot be chosen (they are never stored as data).
DETECTED_ONLY = {
    "nomor": "Nomor urut (tidak disimpan)",
    "row_mean": "Rata-rata baris (hanya diperiksa)",
    "mutu": "Mutu (dihitung ulang)",
    "personal": "Data pribadi (tidak disimpan)",
    "nrr": "NRR per unsur",
    "unsur_label": "Kode/nama unsur",
}
_ROLE_CHOICE = {code: label for label, code in CHOICES.items() if code is not None and code not in CODES}

PREVIEW_NAMES = {
    "row": "Baris",
    "layanan": "Layanan",
    "submitted_at": "Waktu isi",
    "jenis_kelamin": "Jenis kelamin",
    "usia": "Usia",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "saran": "Saran",
    "ikm_reported": "IKM (di file)",
    "respondents": "Responden",
}


# ---------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ReadResult:
    survey: Survey | None
    problems: tuple[Problem, ...]
    columns: tuple[Column, ...]  # what each column became; from the header row alone when refused


@st.cache_data(max_entries=16, show_spinner="Membaca file…")
def read_upload(
    content: bytes, filename: str, layanan: str, overrides: tuple[tuple[str, str | None], ...]
) -> ReadResult:
    """read_survey, with a refusal turned into its problems (so the result can be cached)."""
    mapping = dict(overrides)
    try:
        survey = read_survey(content, filename, layanan=layanan.strip() or None, overrides=mapping or None)
    except ImportRejected as exc:
        return ReadResult(None, tuple(exc.problems), tuple(exc.columns or ()))
    except SkmError as exc:
        return ReadResult(None, (Problem(filename, str(exc)),), ())
    except Exception as exc:  # a bug in the reader must not show the user a traceback
        log.exception("read_survey failed on %s", filename)
        problem = Problem(filename, f"File tidak dapat dibaca karena kesalahan tak terduga ({type(exc).__name__}).")
        return ReadResult(None, (problem,), ())
    return ReadResult(survey, (), tuple(survey.columns))


def with_choices(survey: Survey) -> Survey:
    """The read Survey with the page's choices applied: a layanan for rows without one, and the
    exact duplicates dropped when asked."""
    survey = assign_layanan(survey, st.session_state.get("unggah_blank_layanan") or NO_LAYANAN)
    if st.session_state.get("unggah_drop_duplicates"):
        survey = without_rows(survey, [row for row, _ in duplicate_rows(survey)])
    return survey


def has_layanan_column(columns: Sequence[Column]) -> bool:
    return any(c.role == "layanan" for c in columns)


# ---------------------------------------------------------------------------------------- mapping


def role_label(col: Column) -> str:
    if col.role == "unsur" and col.unsur:
        return f"{col.unsur} {UNSUR[col.unsur].name}" if col.unsur in UNSUR else f"{col.unsur} (bukan U1–U9)"
    return _ROLE_CHOICE.get(col.role) or DETECTED_ONLY.get(col.role) or UNUSED


def mapping_table(columns: Sequence[Column]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kolom": [c.letter for c in columns],
            "Judul di file": [c.header or "(tanpa judul)" for c in columns],
            MAP_COLUMN: [role_label(c) for c in columns],
            "Alasan": [c.how or ("judul tidak dikenali" if c.role in ("unused", "unnamed") else "–") for c in columns],
        }
    )


def mapping_options(table: pd.DataFrame) -> list[str]:
    extra = [v for v in dict.fromkeys(table[MAP_COLUMN]) if v not in CHOICES and v not in DETECTED_ONLY.values()]
    return [*CHOICES, *DETECTED_ONLY.values(), *extra]


def apply_choice(overrides: dict[str, str | None], letter: str, choice: str, current: str) -> None:
    """Record the user's choice for a column. Choosing what is shown already changes nothing; a
    role the user cannot assign (nomor, data pribadi, …) means the column is not used."""
    if choice == current:
        return
    overrides[letter] = CHOICES.get(choice)


def on_mapping_edit(editor_key: str, letters: list[str], current: list[str]) -> None:
    """data_editor callback: fold the edited cells into `unggah_overrides`, then give the editor a
    fresh key so it redraws from the re-read file."""
    edits = (st.session_state.get(editor_key) or {}).get("edited_rows", {})
    overrides = dict(st.session_state.get("unggah_overrides", {}))
    for row, change in edits.items():
        choice = change.get(MAP_COLUMN)
        if choice:
            i = int(row)
            apply_choice(overrides, letters[i], choice, current[i])
    st.session_state["unggah_overrides"] = overrides
    st.session_state["unggah_editor_rev"] = st.session_state.get("unggah_editor_rev", 0) + 1


def reset_mapping() -> None:
    st.session_state["unggah_overrides"] = {}
    st.session_state["unggah_editor_rev"] = st.session_state.get("unggah_editor_rev", 0) + 1


# ---------------------------------------------------------------------------------------- preview


def kind_label(survey: Survey) -> str:
    if survey.kind == KIND_AGGREGATE:
        return "Tabel NRR agregat (nilai rata-rata per layanan)"
    return "Data responden (satu baris per responden)"


def details_text(survey: Survey) -> str:
    parts = [f"Format {survey.file_format.upper()}"]
    parts += [f"{key} {value}" for key, value in survey.details.items()]
    return " · ".join(parts)


def problems_table(problems: Sequence[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "File": [p.file for p in problems],
            "Baris": ["–" if p.row is None else str(p.row) for p in problems],
            "Kolom": [p.column or "–" for p in problems],
            "Masalah": [p.message for p in problems],
        }
    )


def layanan_table(survey: Survey) -> pd.DataFrame:
    if survey.kind == KIND_AGGREGATE:
        agg = survey.aggregates
        assert agg is not None
        return pd.DataFrame(
            {
                "Layanan": agg["layanan"],
                "Baris di file": agg["row"].astype(str),
                "Responden": [angka(v, 0) if pd.notna(v) else "–" for v in agg["respondents"]],
                "IKM (di file)": [angka(v) if pd.notna(v) else "–" for v in agg["ikm_reported"]],
            }
        )
    resp = survey.responses
    assert resp is not None
    counts = resp.groupby("layanan", sort=False).size()
    return pd.DataFrame({"Layanan": counts.index, "Responden": [angka(int(n), 0) for n in counts]})


def word_map_table(survey: Survey) -> pd.DataFrame:
    rows = [
        (f"{code} {UNSUR[code].name}", raw, score, count)
        for code in CODES
        for raw, score, count in survey.word_maps.get(code, [])
    ]
    return pd.DataFrame(rows, columns=["Unsur", "Jawaban di file", "Nilai", "Jumlah"])


def preview_table(survey: Survey, n: int = PREVIEW_ROWS) -> pd.DataFrame:
    frame = survey.aggregates if survey.kind == KIND_AGGREGATE else survey.responses
    assert frame is not None
    head = frame.head(n).copy()
    head = head[[c for c in head.columns if c in CODES or c in ("row", "layanan") or head[c].notna().any()]]
    if survey.kind == KIND_AGGREGATE:
        for c in (*CODES, "ikm_reported"):
            if c in head:
                head[c] = [angka(v) if pd.notna(v) else "–" for v in head[c]]
        if "respondents" in head:
            head["respondents"] = [angka(v, 0) if pd.notna(v) else "–" for v in head["respondents"]]
    else:  # an empty text cell reads "–" (the grid would write "None"); a blank answer stays blank
        for c in head.columns:
            if c not in CODES and c != "row":
                head[c] = [v if isinstance(v, str) else "–" for v in head[c].astype(object)]
    return head.rename(columns=PREVIEW_NAMES)


# ---------------------------------------------------------------------------------------- history


@st.cache_data(max_entries=64, show_spinner=False)
def batches(unit_ids: tuple[int, ...], version: int) -> list[Batch]:
    store = get_store()
    found = [b for uid in unit_ids for b in store.batches(uid)]
    return sorted(found, key=lambda b: b.id, reverse=True)


def batch_status(batch: Batch) -> str:
    if batch.undone_at is not None:
        return "dibatalkan"
    return "aktif" if batch.active_layanan else "diganti"


def waktu(moment: datetime) -> str:
    return f"{tanggal(moment.date(), with_day=False)}, {moment:%H.%M}"


def unit_short(unit: Unit, root: Unit) -> str:
    """A unit named from below `root`: 'Makasar › Halim Perdanakusuma' under Jakarta Timur."""
    return " › ".join(unit.path[len(root.path) :]) or unit.name


HISTORY_ROWS = 10  # imports per page of Riwayat impor (two lines each: the page stays short)


def history_table(items: Sequence[Batch], unit_names: Mapping[int, str] | None = None) -> pd.DataFrame:
    """Riwayat impor: one row per import, newest first, every detail in view (a static table wraps
    long file and layanan names to the page's width)."""
    table: dict[str, list] = {"#": [b.id for b in items]}
    if unit_names is not None:
        table["Unit"] = [unit_names.get(b.unit_id, "?") for b in items]
    table.update(
        {
            "Periode": [b.period.label.replace("Semester", "Sem.") for b in items],
            "Status": [batch_status(b) for b in items],
            "File": [b.file_name for b in items],
            "Baris": [angka(b.row_count, 0) for b in items],
            "Waktu": [f"{b.imported_at:%d/%m/%Y %H.%M}" for b in items],
            "Sumber": [source_label(b.source) for b in items],
            "Layanan": [b.layanan or "–" for b in items],
        }
    )
    return pd.DataFrame(table)


def batch_choice(batch: Batch, unit_names: Mapping[int, str] | None = None) -> str:
    where = f" · {unit_names.get(batch.unit_id, '?')}" if unit_names else ""
    return f"#{batch.id} · {batch.period.label}{where} · {batch.file_name} ({angka(batch.row_count, 0)} baris)"


# ---------------------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class Target:
    """Where the data goes: an existing unit, or a path whose missing units are created on save."""

    unit_id: int | None
    path: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def path_text(self) -> str:
        return "/".join(self.path)


def flash(area: str, kind: str, text: str, **extra: object) -> None:
    """A message for the next run, shown where the user acted: area 'import' or 'undo'."""
    ui.flash.flash(f"unggah_{area}", kind, text, **extra)


def save(
    survey: Survey, content: bytes, target: Target, period: Period, replace: bool, attempt: tuple, access: Access
) -> None:
    """Button callback: import the read survey; afterwards point the sidebar at it. New units
    (a path not yet in the tree) only for an admin."""
    store = get_store()
    st.session_state.pop("unggah_conflict", None)
    try:
        where = target.path_text if target.unit_id is None else target.unit_id
        unit_id, outcome = imports.import_survey(store, auth.session(), survey, content, where, period, replace=replace)
    except ImportConflict as exc:
        st.session_state["unggah_conflict"] = {"attempt": attempt, "message": str(exc)}
        return
    except SkmError as exc:
        flash("import", "error", f"Data tidak tersimpan: {exc}")
        return
    except Exception as exc:  # never a traceback in front of the user
        log.exception("import of %s failed", survey.filename)
        flash(
            "import", "error", f"Data tidak tersimpan karena kesalahan tak terduga ({type(exc).__name__}). Coba lagi."
        )
        return
    if outcome.status == "duplicate":
        flash("import", "info", outcome.message)
        return
    flash(
        "import",
        "success",
        outcome.message,
        where=f"{saved_place(unit_id, access)}, {period.label}",
        warnings=outcome.warnings,
    )
    st.session_state["unggah_uploader_rev"] = st.session_state.get("unggah_uploader_rev", 0) + 1
    st.session_state["unggah_overrides"] = {}
    st.session_state["unggah_layanan_name"] = ""
    # The sidebar now shows what was just imported, so Ringkasan opens on it.
    st.session_state["unit_id"] = unit_id
    st.session_state["period_code"] = period.code


def saved_place(unit_id: int, access: Access) -> str:
    """Where the data went, in words: 'Kel. Halim Perdanakusuma, Kec. Makasar' (an operator sees its
    own kelurahan only; a kelurahan made by this import is in the tree by now)."""
    by_id = {u.id: u for u in get_store().units()}
    chain: list[Unit] = []
    unit = by_id.get(unit_id)
    while unit is not None and (unit.id == unit_id or access.is_admin or access.sees(unit.id)):
        chain.append(unit)
        unit = by_id.get(unit.parent_id) if unit.parent_id is not None else None
    return place_name(chain)


def request_undo(pick_key: str) -> None:
    st.session_state["unggah_undo_pending"] = st.session_state.get(pick_key)


def cancel_undo() -> None:
    st.session_state.pop("unggah_undo_pending", None)


def confirm_undo(batch_id: int) -> None:
    st.session_state.pop("unggah_undo_pending", None)
    try:
        names = imports.undo_import(get_store(), auth.session(), batch_id)
    except SkmError as exc:
        flash("undo", "error", f"Impor #{batch_id} tidak dapat dibatalkan: {exc}")
        return
    listed = f" (layanan: {', '.join(names)})" if names else ""
    flash(
        "undo",
        "success",
        f"Impor #{batch_id} dibatalkan{listed}. Datanya tidak lagi dihitung; data lama yang pernah "
        "digantikan impor ini aktif kembali.",
    )
