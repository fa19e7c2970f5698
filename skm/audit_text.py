"""The audit log's detail in words: each action's detail (a JSON object in `audit_log.detail`)
as one readable Indonesian line for the Log Audit page, never JSON.

>>> rincian("import", {"batch": 30, "file": "data.csv", "rows": 120, "layanan": ["PPSU", "KTP"], "replaced": []})
'Impor #30, file “data.csv”, 120 baris, layanan PPSU, KTP.'
>>> rincian("status_disetujui", {"dari": "diajukan", "catatan": ""})
'Sebelumnya diajukan.'
>>> rincian("login_failed", {"client": "10.0.0.7", "reason": "kata sandi salah", "baru": True})
'Dari alamat 10.0.0.7, alasan: kata sandi salah, baru: ya.'
>>> rincian("login_failed", {"client": "tidak-diketahui", "reason": "kata sandi salah"})
'Alasan: kata sandi salah.'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from skm.accounts import ROLE_LABELS, UNKNOWN_CLIENT
from skm.approval import STATUS_LABELS
from skm.formatting import angka, tanggal
from skm.publication import MEDIA

Phrase = Callable[[object], str]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return angka(value, 0)
    if isinstance(value, float):
        return angka(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _quoted(value: object) -> str:
    return f"“{_text(value)}”"


def _numbers(value: object) -> str:
    items = value if isinstance(value, (list, tuple)) else [value]
    return ", ".join(f"#{v}" for v in items)


def _date(value: object) -> str:
    try:
        return tanggal(date.fromisoformat(str(value)[:10]), with_day=False)
    except ValueError:
        return _text(value)


def _status(value: object) -> str:
    return STATUS_LABELS.get(str(value), _text(value)).lower()


# Each known key's phrase; an empty value (None, "", []) says nothing.
PHRASES: dict[str, Phrase] = {
    "batch": lambda v: f"impor #{v}",
    "file": lambda v: f"file {_quoted(v)}",
    "rows": lambda v: f"{_text(v)} baris",
    "layanan": lambda v: f"layanan {_text(v)}",
    "replaced": lambda v: f"menggantikan impor {_numbers(v)}",
    "items": lambda v: f"{_text(v)} kegiatan RTL",
    "removed": lambda v: f"{_text(v)} kegiatan dihapus" if v else "",
    "rtl": lambda v: f"kegiatan RTL #{v}",
    "photo": lambda v: f"foto #{v}",
    "populasi": lambda v: f"populasi {_text(v)}",
    "dari": lambda v: f"dari {_quoted(v)}",
    "menjadi": lambda v: f"menjadi {_quoted(v)}",
    "catatan": lambda v: f"catatan: {_text(v)}",
    # An address the server did not see (no browser connection) is not a fact worth a phrase.
    "client": lambda v: "" if v == UNKNOWN_CLIENT else f"dari alamat {_text(v)}",
    "reason": lambda v: f"alasan: {_text(v)}",
    "alasan": lambda v: f"alasan: {_text(v)}",
    "user": lambda v: f"akun {_text(v)}",
    "role": lambda v: f"peran {ROLE_LABELS.get(str(v), _text(v))}",
    "email": lambda v: f"email SSO {_text(v)}",
    "unit_id": lambda v: f"unit #{v}",
    "disabled": lambda v: "",  # the action (nonaktifkan/aktifkan) already says it
    "password": lambda v: "kata sandi diubah",
    "path": lambda v: f"unit {' › '.join(str(v).split('/'))}",  # a unit path as the pages show it
    "jumlah": lambda v: f"{_text(v)} jawaban",
    "kelompok": lambda v: f"kelompok {_text(v)}",
    "id": lambda v: f"catatan #{v}",
    "media": lambda v: MEDIA[str(v)].label if str(v) in MEDIA else f"media {_text(v)}",
    "tanggal": lambda v: f"tanggal {_date(v)}",
    "tempat": lambda v: f"tempat {_text(v)}",
    "bukti": lambda v: f"bukti {_quoted(v)}",
    "failures": lambda v: f"setelah {_text(v)} kali gagal",
}
# Where an action reads a key its own way.
ACTION_PHRASES: dict[tuple[str, str], Phrase] = {
    ("status", "dari"): lambda v: f"sebelumnya {_status(v)}",
    ("undo", "batch"): lambda v: f"impor #{v} dibatalkan",
}


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value)


def rincian(action: str, detail: Mapping[str, object] | None, unit_names: Mapping[int, str] | None = None) -> str:
    """One sentence for an audit row's detail; unknown keys as "kunci: nilai", empty values left out.
    `unit_names` turns a unit id into its name ("unit Makasar › Halim")."""
    if not detail:
        return ""
    family = action.split("_")[0] if action.startswith("status_") else action
    parts = []
    for key, value in detail.items():
        if _empty(value):
            continue
        if key == "unit_id" and unit_names and value in unit_names:
            parts.append(f"unit {unit_names[value]}")  # type: ignore[index]
            continue
        phrase = ACTION_PHRASES.get((family, key)) or PHRASES.get(key)
        parts.append(phrase(value) if phrase else f"{key}: {_text(value)}")
    text = ", ".join(p for p in parts if p)
    return f"{text[:1].upper()}{text[1:]}." if text else ""
