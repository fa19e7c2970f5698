"""The approval status of the selected unit's period, with the buttons this account may press:
Ajukan (a kelurahan's operator; at a kecamatan the camat's account, for its rekap), Setujui /
Kembalikan (pimpinan above, admin; at the kota its walikota), Buka kembali (pimpinan, admin)."""

from __future__ import annotations

import streamlit as st

from skm import approval
from skm.access import APPROVE, REOPEN, SUBMIT
from skm.errors import SkmError
from skm.formatting import tanggal
from skm.labels import level_name
from skm.storage import STATUS_DIAJUKAN, STATUS_DIKEMBALIKAN, STATUS_DISETUJUI, STATUS_DRAFT, PeriodStatus
from skm.units import Unit
from ui import auth, completeness, data
from ui.components import md
from ui.context import Selection
from ui.flash import flash, show

LOCKED_TEXT = (
    "Data periode ini sudah **disetujui** dan dikunci: impor, penggantian, pembatalan impor dan perubahan "
    "rencana tindak lanjut tidak dapat dilakukan sampai pimpinan membukanya kembali."
)
# A wilayah's list of its kelurahan's statuses is built only while open (a click on the expander
# reruns the page): picking a unit in the sidebar does not draw a list nobody opened.
STATUSES_KEY = "approval_statuses"
REKAP_LOCKED_TEXT = "Rekap periode ini sudah **disetujui**: angkanya adalah hasil akhir semester ini."


def status_of(sel: Selection, unit: Unit | None = None) -> PeriodStatus:
    return data.get_store().period_status((unit or sel.unit).id, sel.period)


def is_leaf(sel: Selection, unit: Unit | None = None) -> bool:
    """A unit that reports its own data (nothing below it in the whole tree)."""
    target = unit or sel.unit
    return not any(u.parent_id == target.id for u in data.units(sel.version))


def badge(status: PeriodStatus) -> None:
    st.badge(
        f"Status: {approval.STATUS_LABELS[status.status]}",
        color=approval.STATUS_COLORS[status.status],  # type: ignore[arg-type]
        icon=":material/lock:" if status.locked else None,
    )


def _act(kind: str, sel: Selection, note_key: str | None = None) -> None:
    store, session, uid, period = data.get_store(), auth.session(), sel.unit.id, sel.period
    note = st.session_state.get(note_key, "") if note_key else None
    actions = {
        "submit": lambda: approval.submit(store, session, uid, period),
        "approve": lambda: approval.approve(store, session, uid, period),
        "return": lambda: approval.return_for_changes(store, session, uid, period, note),
        "reopen": lambda: approval.reopen(store, session, uid, period, note),
    }
    try:
        new = actions[kind]()
    except SkmError as exc:
        flash("approval", "error", md(exc))
        return
    if note_key:
        st.session_state[note_key] = ""
    flash("approval", "success", f"Status {period.label}: {approval.STATUS_LABELS[new.status]}.")


def _caption(sel: Selection, status: PeriodStatus, leaf: bool) -> str:
    """Whose approval this is and where it stands: 'Persetujuan Semester I 2024 · …' at a kelurahan,
    'Rekap Kec. Makasar Semester I 2024 · …' at a kecamatan or kota."""
    what = f"Persetujuan {sel.period.label}" if leaf else f"Rekap {md(level_name(sel.unit))} {sel.period.label}"
    if status.updated_by and status.updated_at:
        when = f"{tanggal(status.updated_at.date(), with_day=False)} {status.updated_at:%H.%M}"
        return f"{what} · terakhir diubah oleh {md(status.updated_by)}, {when}"
    if leaf or sel.unit.id not in sel.access.tops:
        return f"{what}: belum diajukan."
    return f"{what}: belum disetujui."  # the kota: nobody above to submit to


def _not_final_note(sel: Selection) -> str | None:
    """At a kecamatan or kota, before its rekap is submitted or approved: the kelurahan not yet
    approved (their data may still change the rekap)."""
    found = completeness.of(sel.unit, sel.period, sel.version)
    leaves = [u for u in found.expected if u.id != sel.unit.id]
    waiting = [u for u in leaves if found.status_of(u) != STATUS_DISETUJUI]
    if not waiting:
        return None
    return (
        f"{len(waiting)} dari {len(leaves)} {found.noun} belum disetujui; angka rekap masih dapat berubah "
        "bila datanya diubah."
    )


def _buttons(sel: Selection, status: PeriodStatus, leaf: bool) -> None:
    access, uid = sel.access, sel.unit.id
    top = uid in access.tops  # the kota: approved without a submission
    waiting = status.status in (STATUS_DRAFT, STATUS_DIKEMBALIKAN)
    if waiting and not top and access.can(SUBMIT, uid):
        st.button(
            "Ajukan untuk disetujui" if leaf else "Ajukan rekap untuk disetujui",
            key="approval_submit",
            type="primary",
            icon=":material/send:",
            on_click=_act,
            args=("submit", sel),
        )
    if (status.status == STATUS_DIAJUKAN or (waiting and top)) and access.can(APPROVE, uid):
        st.button(
            "Setujui",
            key="approval_approve",
            type="primary",
            icon=":material/verified:",
            on_click=_act,
            args=("approve", sel),
        )
    if status.status == STATUS_DIAJUKAN and access.can(APPROVE, uid):
        with st.popover("Kembalikan…", icon=":material/undo:"):
            st.text_area("Catatan untuk pengaju (wajib)", key="approval_return_note", max_chars=1000)
            st.button("Kembalikan", key="approval_return", on_click=_act, args=("return", sel, "approval_return_note"))
    if status.status == STATUS_DISETUJUI and access.can(REOPEN, uid):
        with st.popover("Buka kembali…", icon=":material/lock_open:"):
            st.text_area("Alasan membuka kembali (wajib)", key="approval_reopen_note", max_chars=1000)
            st.button(
                "Buka kembali", key="approval_reopen", on_click=_act, args=("reopen", sel, "approval_reopen_note")
            )


def status_panel(sel: Selection) -> PeriodStatus | None:
    """The unit's own status with the actions this account may take: a kelurahan's period, or a
    kecamatan's or kota's rekap (then also the status of every kelurahan below). Returns the unit's
    own status at a kelurahan (None at wilayah level: its figures are its kelurahan's)."""
    leaf = is_leaf(sel)
    status = status_of(sel)
    with st.container(border=True):
        left, right = st.columns([3, 2], vertical_alignment="center")
        with left:
            badge(status)
            st.caption(_caption(sel, status, leaf))
            if status.note:
                st.markdown(f"Catatan: {md(status.note)}")
            if status.locked:
                st.caption(LOCKED_TEXT if leaf else REKAP_LOCKED_TEXT)
            elif not leaf and status.status != STATUS_DISETUJUI and (note := _not_final_note(sel)):
                st.caption(note)
        with right:
            show("approval")
            _buttons(sel, status, leaf)
    if leaf:
        return status
    _wilayah_statuses(sel)
    return None


def _wilayah_statuses(sel: Selection) -> None:
    found = completeness.of(sel.unit, sel.period, sel.version)
    leaves = [u for u in found.expected if u.id != sel.unit.id and sel.access.sees(u.id)]
    if not leaves:
        return
    with_data = {u.id for u in found.with_data}
    counts: dict[str, int] = {}
    for u in leaves:
        s = found.status_of(u)
        counts[s] = counts.get(s, 0) + 1
    noun = found.noun
    summary = " · ".join(
        f"{counts[k]} {noun}: {approval.STATUS_LABELS[k].lower()}" for k in approval.STATUS_LABELS if k in counts
    )
    reported = sum(1 for u in leaves if u.id in with_data)
    with st.expander(
        f"Status persetujuan {sel.period.label}: {summary} · {reported} dari {len(leaves)} ada data",
        icon=":material/fact_check:",
        key=STATUSES_KEY,
        on_change="rerun",
    ) as opened:
        if not opened.open:
            return
        statuses = data.get_store().period_statuses([u.id for u in leaves], sel.period)
        lines = []
        for u in leaves:
            note = statuses.get(u.id, PeriodStatus()).note
            name = " › ".join(md(p) for p in sel.path_labels(u)[len(sel.path_labels()) :])
            has = "ada data" if u.id in with_data else "**belum ada data**"
            lines.append(
                f"- {name}: **{approval.STATUS_LABELS[found.status_of(u)]}** · {has}"
                + (f" — {md(note)}" if note else "")
            )
        st.markdown("\n".join(lines))
        st.caption("Pilih kelurahan di samping untuk mengajukan, menyetujui atau mengembalikannya.")
