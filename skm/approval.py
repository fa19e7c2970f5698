"""Approval of a unit's period: the operator submits, the pimpinan above approves or returns it.

    submit(store, session, unit.id, period)              # draft / dikembalikan -> diajukan
    approve(store, session, unit.id, period)             # diajukan -> disetujui (locked)
                                                         # (a top unit, the kota: also from draft)
    return_for_changes(store, session, unit.id, period, "Lengkapi foto")   # diajukan -> dikembalikan
    reopen(store, session, unit.id, period, "Salah unggah")               # disetujui -> draft

A kelurahan is submitted by its operator; a kecamatan's own period (its Laporan Rekapitulasi) by
the camat's account to the walikota; both are approved by the pimpinan above (skm.access). The kota
has nobody above it: its walikota approves the kota's period without a submission first.

Each is an action (skm.actions): the session (token and client) is checked against the database at
that moment and the Access built from the live account, never one captured when the page was drawn.

While a period is disetujui, Store refuses imports, replacements, undos and RTL plan changes for
it (skm.errors.PeriodLocked), whatever page or command asks.
"""

from __future__ import annotations

from skm.access import APPROVE, REOPEN, SUBMIT
from skm.actions.door import Session, authorise
from skm.errors import SkmError
from skm.storage import (
    STATUS_DIAJUKAN,
    STATUS_DIKEMBALIKAN,
    STATUS_DISETUJUI,
    STATUS_DRAFT,
    PeriodStatus,
    Store,
)
from skm.units import Period

STATUS_LABELS = {
    STATUS_DRAFT: "Draf",
    STATUS_DIAJUKAN: "Diajukan",
    STATUS_DISETUJUI: "Disetujui",
    STATUS_DIKEMBALIKAN: "Dikembalikan",
}
STATUS_COLORS = {
    STATUS_DRAFT: "gray",
    STATUS_DIAJUKAN: "blue",
    STATUS_DISETUJUI: "green",
    STATUS_DIKEMBALIKAN: "orange",
}


def _note(note: str | None, what: str) -> str:
    clean = " ".join((note or "").split())
    if not clean:
        raise SkmError(f"Tulis catatan {what}.")
    return clean[:1000]


def submit(store: Store, session: Session, unit_id: int, period: Period) -> PeriodStatus:
    access = authorise(store, session, SUBMIT, unit_id)
    return store.set_period_status(
        unit_id,
        period,
        STATUS_DIAJUKAN,
        allowed_from=(STATUS_DRAFT, STATUS_DIKEMBALIKAN),
        actor=access.user.name,
    )


def approve(store: Store, session: Session, unit_id: int, period: Period, note: str | None = None) -> PeriodStatus:
    access = authorise(store, session, APPROVE, unit_id)
    top = unit_id in access.tops  # nobody above to submit to: approved as it stands
    return store.set_period_status(
        unit_id,
        period,
        STATUS_DISETUJUI,
        allowed_from=(STATUS_DRAFT, STATUS_DIAJUKAN, STATUS_DIKEMBALIKAN) if top else (STATUS_DIAJUKAN,),
        actor=access.user.name,
        note=" ".join((note or "").split()) or None,
    )


def return_for_changes(store: Store, session: Session, unit_id: int, period: Period, note: str | None) -> PeriodStatus:
    access = authorise(store, session, APPROVE, unit_id)
    return store.set_period_status(
        unit_id,
        period,
        STATUS_DIKEMBALIKAN,
        allowed_from=(STATUS_DIAJUKAN,),
        actor=access.user.name,
        note=_note(note, "pengembalian (apa yang perlu diperbaiki)"),
    )


def reopen(store: Store, session: Session, unit_id: int, period: Period, note: str | None) -> PeriodStatus:
    access = authorise(store, session, REOPEN, unit_id)
    return store.set_period_status(
        unit_id,
        period,
        STATUS_DRAFT,
        allowed_from=(STATUS_DISETUJUI,),
        actor=access.user.name,
        note=_note(note, "alasan membuka kembali"),
    )
