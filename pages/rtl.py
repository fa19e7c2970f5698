"""Rencana Tindak Lanjut: for a kelurahan, the proposed priorities, the plan (Tabel 2), its
realisation with photos (BAB III) and progress as the national evaluation reads it; for a
kecamatan or kota, every kelurahan's progress with a drill-down."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui.flash
from skm import rtl, scoring
from skm.access import RTL_EDIT
from skm.actions import rtl as rtl_actions
from skm.errors import SkmError
from skm.formatting import angka, persen, tanggal
from skm.labels import level_name
from skm.rtl import STATUS_BELUM, STATUS_SUDAH, TRIWULAN, RtlItem
from skm.units import Unit
from skm.unsur import UNSUR
from ui import auth, data
from ui.approval import LOCKED_TEXT, status_panel
from ui.components import md, page_header, photo_thumb
from ui.context import sidebar
from ui.tables import bar_css, static_table

sel = sidebar()
if sel is None:
    st.stop()
page_header("Rencana Tindak Lanjut", sel)
period_status = status_panel(sel)

today = date.today()
unit, period, version = sel.unit, sel.period, sel.version
name_below = sel.name_below  # a kelurahan named with its level below the selected unit
all_units = list(sel.units)
ns = f"{unit.id}_{period.code}"  # session keys of this unit and period
can_edit = sel.access.can(RTL_EDIT, unit.id)
plan_locked = period_status is not None and period_status.locked
STATUS_TEXT = {STATUS_SUDAH: "Sudah", STATUS_BELUM: "Belum"}


# ---------------------------------------------------------------- small helpers
def flash(area: str, kind: str, text: str) -> None:
    ui.flash.flash(f"rtl_{area}", kind, text)


def show_flash(area: str) -> None:
    ui.flash.show(f"rtl_{area}")


def problem_list(title: str, problems: list[str]) -> str:
    return f"**{title}**\n\n" + "\n".join(f"- {md(p)}" for p in problems)


def tw_text(item: RtlItem) -> str:
    if not item.triwulan:
        return "tanpa triwulan"
    return ", ".join(f"TW {t}" for t in item.triwulan) + f" {rtl.plan_year(period)}"


def overdue_text(item: RtlItem) -> str:
    last = max(item.triwulan, key=TRIWULAN.index)
    end = rtl.triwulan_end(rtl.plan_year(period), last)
    return f"{item.program} — rencana {tw_text(item)}, lewat sejak {tanggal(end, with_day=False)}"


def progress_metrics(p: rtl.Progress, noun: str = "kegiatan") -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        "RTL terealisasi",
        persen(p.percent),
        delta=f"{p.realised} dari {p.planned} {noun}",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    c2.metric(
        "Nilai evaluasi realisasi",
        "–" if p.band is None else str(p.band),
        delta=rtl.band_rule(p.band),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=f"Penilaian nasional atas realisasi RTL (terealisasi ÷ direncanakan): {rtl.band_rules_text()}.",
    )
    mean = p.mean_months
    since = "laporan SKM terbit" if p.from_issue else "periode berakhir"
    if mean is None:
        speed, speed_note = "–", "belum ada realisasi"
    elif mean < 0.05:
        speed, speed_note = "0 bulan", f"sebelum {since}"
    else:
        speed, speed_note = f"{angka(mean, 1)} bulan", f"setelah {since}"
    start = tanggal(p.counted_from, with_day=False) if p.counted_from else "–"
    c3.metric(
        "Rata-rata waktu realisasi",
        speed,
        delta=speed_note,
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=(
            f"Dihitung dari tanggal terbit laporan SKM ({start}) sampai tanggal realisasi, seperti indikator 9 PEKPPP; "
            if p.from_issue
            else f"Dihitung dari akhir periode survei ({start}) karena tanggal terbit laporan SKM belum dicatat "
            "(Laporan → Pengaturan surat); "
        )
        + "kegiatan yang terlaksana sebelumnya dihitung 0 bulan.",
    )
    late = len(p.overdue)
    c4.metric(
        "Terlambat",
        str(late),
        delta="lewat triwulan rencana" if late else "tidak ada",
        delta_color="red" if late else "off",
        delta_arrow="off",
        border=True,
    )


# ---------------------------------------------------------------- kecamatan / kota
def leaf_units() -> list[Unit]:
    parents = {u.parent_id for u in all_units}
    return sorted(
        (u for u in all_units if u.path[: len(unit.path)] == unit.path and u.id != unit.id and u.id not in parents),
        key=lambda u: [p.casefold() for p in u.path],
    )


def _open_unit(unit_id: int) -> None:
    st.session_state["unit_id"] = unit_id


def wilayah_view() -> None:
    leaves = leaf_units()
    if not leaves:
        st.info(f"Belum ada kelurahan di bawah {md(level_name(unit))}.", icon=":material/info:")
        return
    rows: list[dict] = []
    realisation: list[float | None] = []
    overdue: list[tuple[Unit, RtlItem]] = []
    missing: list[Unit] = []
    planned = realised = 0
    for u in leaves:
        items = data.rtl_items(u.id, period.tahun, period.semester, version)
        p = rtl.progress(items, period, today)
        planned += p.planned
        realised += p.realised
        overdue.extend((u, i) for i in p.overdue)
        if not items:
            missing.append(u)
        realisation.append(p.percent)
        rows.append(
            {
                "Kelurahan": u.name,
                "Kecamatan": u.path[-2] if len(u.path) > 1 else "",
                "Direncanakan": p.planned,
                "Terealisasi": p.realised,
                "Realisasi": persen(p.percent, 0),
                "Nilai evaluasi": "–" if p.band is None else str(p.band),
                "Terlambat": len(p.overdue),
                "Keterangan": "belum ada RTL" if not items else ("ada yang terlambat" if p.overdue else ""),
            }
        )
    total = rtl.Progress(
        planned=planned,
        realised=realised,
        band=rtl.realisation_band(planned, realised),
        overdue=tuple(i for _, i in overdue),
        months_to_realise=(),
    )
    st.caption(
        f"Realisasi RTL {period.label} setiap kelurahan di {md(level_name(unit))}. Pilih kelurahan "
        "di bawah tabel untuk membuka dan mengisi RTL-nya."
    )
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        "Kelurahan dengan RTL",
        f"{len(leaves) - len(missing)} dari {len(leaves)}",
        delta=f"{len(missing)} belum ada RTL" if missing else "semua sudah",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    c2.metric(
        "Kegiatan terealisasi",
        persen(total.percent),
        delta=f"{realised} dari {planned} kegiatan",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    c3.metric(
        "Nilai evaluasi (gabungan)",
        "–" if total.band is None else str(total.band),
        delta=rtl.band_rule(total.band),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=f"Seluruh kegiatan kelurahan dijumlahkan: {rtl.band_rules_text(with_none=False)}.",
    )
    c4.metric(
        "Kegiatan terlambat",
        str(len(overdue)),
        delta="lewat triwulan rencana" if overdue else "tidak ada",
        delta_color="red" if overdue else "off",
        delta_arrow="off",
        border=True,
    )

    frame = pd.DataFrame(rows)
    if len({u.path[:-1] for u in leaves}) == 1:
        frame = frame.drop(columns="Kecamatan")
    ids = [u.id for u in leaves]
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    css["Realisasi"] = [bar_css(v) for v in realisation]
    static_table(frame, css)
    st.caption(f"Nilai evaluasi: {rtl.band_rules_text(with_none=False)}.")
    if overdue:
        st.warning(
            problem_list(
                f"{len(overdue)} kegiatan terlambat (triwulan rencananya sudah lewat, belum terlaksana):",
                [f"{name_below(u)}: {overdue_text(i)}" for u, i in overdue],
            ),
            icon=":material/warning:",
        )
    if missing:
        st.info(
            f"Belum ada RTL {period.label}: " + ", ".join(md(name_below(u)) for u in missing) + ".",
            icon=":material/info:",
        )

    by_id = {u.id: u for u in leaves}
    col_a, col_b = st.columns([2, 1], vertical_alignment="bottom")
    col_a.selectbox(
        "Kelurahan",
        ids,
        format_func=lambda i: name_below(by_id[i]),
        key="rtl_target",
        placeholder="Pilih…",
    )
    col_b.button(
        "Buka RTL kelurahan",
        on_click=lambda: _open_unit(st.session_state["rtl_target"]),
        icon=":material/arrow_forward:",
        type="primary",
        key="rtl_open",
    )


# ---------------------------------------------------------------- kelurahan: priorities
def _prefill(codes: list[str]) -> None:
    st.session_state[f"rtl_prefill_{ns}"] = rtl.prefill_rows(codes)
    st.session_state[f"rtl_editor_rev_{ns}"] += 1


def priorities_panel(items: list[RtlItem]) -> None:
    st.subheader("Usulan prioritas")
    result = data.summary(unit.id, period.tahun, period.semester, version)
    if result is None:
        st.info(
            f"Belum ada data survei {period.label} untuk {md(level_name(unit))}, jadi prioritas belum dapat diusulkan. "
            "Rencana tetap dapat diisi di bawah.",
            icon=":material/info:",
        )
        return
    s = result.score
    options: dict[str, list[str]] = {}
    left, right = st.columns(2)
    with left:
        prio = result.priorities
        options[f"Tiga unsur terendah {level_name(unit)}"] = prio
        st.markdown(
            f"**Tiga unsur terendah {md(level_name(unit))}**"
            + (" (ada nilai sama, semua ditampilkan)" if len(prio) > 3 else "")
        )
        st.markdown(
            "\n".join(
                f"{n}. {c} {UNSUR[c].name} — {angka(s.nrr[c])} ({angka(s.nrr[c], 4)})"
                for n, c in enumerate(prio, start=1)
            )
        )
    with right:
        for low in result.lowest_parts:
            low_prio = scoring.priorities(low)
            options[f"Unsur terendah layanan {low.name}"] = low_prio
            st.markdown(f"**Layanan terendah: {md(low.name)}** — IKM {angka(low.ikm)} ({low.mutu.letter})")
            st.markdown(
                "\n".join(f"{n}. {c} {UNSUR[c].name} — {angka(low.nrr[c])}" for n, c in enumerate(low_prio, start=1))
            )
    planned = {i.unsur for i in items}
    if not items and (not can_edit or plan_locked):
        return
    if items:
        outside = sorted(planned - {c for codes in options.values() for c in codes}, key=lambda c: int(c[1:]))
        note = "Rencana di bawah memuat unsur " + ", ".join(sorted(planned, key=lambda c: int(c[1:]))) + "."
        if outside:
            note += " Di luar usulan: " + ", ".join(f"{c} {UNSUR[c].name}" for c in outside) + "."
        st.caption(note)
        return
    st.caption(
        "Nilai yang tampil sama pada dua desimal bisa berbeda pada nilai lengkapnya (dalam kurung). "
        "Unsur dengan nilai sama tidak dipotong."
    )
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    source = c1.radio(  # radio options are Markdown
        "Isi rencana dari", list(options), format_func=md, key=f"rtl_prefill_source_{ns}", horizontal=True
    )
    c2.button(
        "Isi baris rencana dari usulan",
        icon=":material/playlist_add:",
        on_click=_prefill,
        args=(options[source],),
        key=f"rtl_prefill_button_{ns}",
    )


# ---------------------------------------------------------------- kelurahan: plan (Tabel 2)
def plan_table(items: list[RtlItem]) -> None:
    """Tabel 2 as the report prints it: one priority's No and unsur only on its first program."""
    year = rtl.plan_year(period)
    rows, seen = [], set()
    for i in items:
        first = i.nomor not in seen
        seen.add(i.nomor)
        rows.append(
            {
                "No": str(i.nomor) if first else "",
                "Prioritas unsur": rtl.unsur_label(i.unsur) if first else "",
                "Program / Kegiatan (Rencana Tindak Lanjut)": i.program,
                **{f"TW {t} {year}": "√" if t in i.triwulan else "" for t in TRIWULAN},
                "Penanggung jawab": i.penanggung_jawab or "–",
            }
        )
    static_table(pd.DataFrame(rows))


def plan_editor(items: list[RtlItem]) -> None:
    st.subheader(f"Tabel 2. Rencana Tindak Lanjut {period.label}")
    rev_key = f"rtl_editor_rev_{ns}"
    prefill = st.session_state.get(f"rtl_prefill_{ns}") if not items else None
    editor_key = f"rtl_editor_{ns}_{st.session_state[rev_key]}"
    pending = st.session_state.get(editor_key) or {}
    if items:
        plan_table(items)
    if not can_edit or plan_locked:
        if not items:
            st.caption("Rencana belum diisi.")
        st.caption(LOCKED_TEXT if plan_locked else "Rencana diisi oleh operator unit ini.")
        return
    expanded = not items or bool(prefill) or any(pending.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
    with st.expander("Ubah rencana" if items else "Isi rencana", icon=":material/edit:", expanded=expanded):
        plan_form(items, prefill, editor_key, rev_key)


def plan_form(items: list[RtlItem], prefill: list[dict] | None, editor_key: str, rev_key: str) -> None:
    rows = rtl.plan_rows(items) if items else (prefill or [])
    frame = pd.DataFrame(rows, columns=list(rtl.PLAN_FIELDS)).astype(
        {"id": "Int64", "nomor": "Int64", **{f"tw_{t}": "bool" for t in TRIWULAN}}
    )
    year = rtl.plan_year(period)
    st.caption(
        f"Satu baris per program/kegiatan; TW I–IV adalah triwulan tahun {year} rencana pelaksanaannya. "
        "Kosongkan No dan unsur untuk kegiatan berikutnya dari prioritas yang sama."
    )
    edited = st.data_editor(
        frame,
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "id": None,
            "nomor": st.column_config.NumberColumn(
                "No",
                min_value=1,
                step=1,
                format="%d",
                width=50,
                help="Nomor prioritas. Kosongkan untuk kegiatan berikutnya dari prioritas di atasnya.",
            ),
            # Widths in pixels: the editor fits the expander at 1366 px (≈ 870 px) without scrolling sideways.
            "unsur": st.column_config.SelectboxColumn("Prioritas unsur", options=list(rtl.UNSUR_LABELS), width=150),
            "program": st.column_config.TextColumn("Program / Kegiatan", width=200, max_chars=500),
            **{
                f"tw_{t}": st.column_config.CheckboxColumn(
                    f"TW {t}", width=66, default=False, help=f"Triwulan {t} tahun {year}"
                )
                for t in TRIWULAN
            },
            "penanggung_jawab": st.column_config.TextColumn("Penanggung jawab", width=140, max_chars=120),
        },
    )
    records = edited.to_dict("records")
    state = st.session_state.get(editor_key) or {}
    dirty = any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")) or bool(prefill)
    if prefill and not items:
        st.info(
            "Baris usulan belum disimpan: isi Program / Kegiatan, centang triwulan, lalu **Simpan rencana**.",
            icon=":material/edit_note:",
        )
    dropped = rtl.dropped_with_realisation(records, items)
    confirmed = True
    if dropped:
        st.warning(
            problem_list(
                "Kegiatan berikut dihapus dari rencana beserta realisasi dan fotonya:",
                [i.program for i in dropped],
            ),
            icon=":material/warning:",
        )
        confirmed = st.checkbox("Ya, hapus juga realisasi dan fotonya", key=f"rtl_confirm_drop_{ns}")
    c1, c2, c3 = st.columns([1.4, 1.6, 2.6], vertical_alignment="center")  # labels whole at 1366 px
    save = c1.button(
        "Simpan rencana", type="primary", icon=":material/save:", key=f"rtl_plan_save_{ns}", disabled=not dirty
    )
    c2.button(
        "Batalkan perubahan",
        icon=":material/undo:",
        key=f"rtl_plan_reset_{ns}",
        disabled=not dirty,
        on_click=_reset_editor,
    )
    c3.caption(
        "Tambah baris dengan tanda + di bawah tabel; hapus dengan mencentang baris lalu ikon tempat sampah. "
        "Mengubah rencana tidak menghapus realisasi kegiatan yang tetap ada."
        if not dirty
        else "Ada perubahan yang belum disimpan."
    )
    show_flash("plan")
    if not save:
        return
    new_items, problems = rtl.plan_from_rows(records, items)
    if problems:
        st.error(problem_list("Rencana belum disimpan:", problems), icon=":material/error:")
        return
    if not new_items and not items:
        st.error("Belum ada kegiatan untuk disimpan.", icon=":material/error:")
        return
    if not confirmed:
        st.error("Centang persetujuan penghapusan realisasi di atas, atau batalkan perubahan.", icon=":material/error:")
        return
    try:
        saved = rtl_actions.save_rtl(data.get_store(), auth.session(), unit.id, period, new_items)
    except SkmError as exc:
        st.error(md(exc), icon=":material/error:")
        return
    st.session_state.pop(f"rtl_prefill_{ns}", None)
    st.session_state[rev_key] += 1
    flash("plan", "success", f"Rencana tindak lanjut disimpan: {len(saved)} kegiatan.")
    st.rerun()


def _reset_editor() -> None:
    st.session_state.pop(f"rtl_prefill_{ns}", None)
    st.session_state[f"rtl_editor_rev_{ns}"] += 1


# ---------------------------------------------------------------- kelurahan: realisation (BAB III)
STATUS_STYLE = {"Sudah": "color: #15803D; font-weight: 600", "Belum — terlambat": "color: #B91C1C; font-weight: 700"}


def realisation_table(items: list[RtlItem]) -> None:
    """BAB III as the report prints it; a static table, so long descriptions wrap."""
    rows = []
    for n, i in enumerate(items, start=1):
        late = rtl.is_overdue(i, period, today)
        rows.append(
            {
                "No": str(n),
                "Program / Kegiatan": i.program,
                "Sudah/Belum": "Sudah" if i.done else ("Belum — terlambat" if late else "Belum"),
                "Tanggal realisasi": tanggal(i.tanggal) if i.tanggal and i.done else "–",
                "Deskripsi tindak lanjut": i.deskripsi or "–",
                "Dokumentasi": f"{len(i.photos)} foto" if i.photos else "–",
                "Tantangan/Hambatan": i.hambatan or "–",
            }
        )
    frame = pd.DataFrame(rows)
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    css["Sudah/Belum"] = frame["Sudah/Belum"].map(lambda v: STATUS_STYLE.get(v, ""))
    static_table(frame, css)


def _delete_photo(photo_id: int, item_id: int) -> None:
    try:
        rtl_actions.delete_photo(data.get_store(), auth.session(), unit.id, period, photo_id)
    except SkmError as exc:
        flash(f"foto_{item_id}", "error", md(exc))
    else:
        flash(f"foto_{item_id}", "success", "Foto dihapus.")


def save_realisation(item: RtlItem, status: str, when: date | None, deskripsi: str, hambatan: str) -> None:
    store = data.get_store()
    try:
        fresh = store.rtl_items(unit.id, period)
        current = next((f for f in fresh if f.id == item.id), None)
        if current is None:
            st.error("Kegiatan ini sudah dihapus dari rencana; muat ulang halaman.", icon=":material/error:")
            return
        updated, problems = rtl.realise(current, status, when, deskripsi, hambatan, period, today)
        if problems:
            st.error(problem_list("Realisasi belum disimpan:", problems), icon=":material/error:")
            return
        rtl_actions.save_rtl(store, auth.session(), unit.id, period, [updated if f.id == item.id else f for f in fresh])
    except SkmError as exc:
        st.error(md(exc), icon=":material/error:")
        return
    flash(f"real_{item.id}", "success", "Realisasi disimpan.")
    st.rerun()


def _upload_photos(item_id: int, uploader_key: str) -> None:
    """The uploader's callback: keep every file the store accepts, report the rest, and empty
    the uploader (a new key) so the next run does not add them again."""
    files = st.session_state.get(uploader_key) or []
    store = data.get_store()
    caption = st.session_state.get(f"rtl_caption_{item_id}", "").strip()
    added, errors = 0, []
    session = auth.session()
    for f in files:
        try:
            rtl_actions.add_photo(store, session, unit.id, period, item_id, f.getvalue(), f.name, caption)
        except SkmError as exc:
            errors.append(str(exc))
        else:
            added += 1
    st.session_state[f"rtl_foto_rev_{item_id}"] += 1
    st.session_state[f"rtl_caption_{item_id}"] = ""
    if errors:
        title = f"{added} foto disimpan; yang ditolak:" if added else "Foto ditolak:"
        flash(f"foto_{item_id}", "error", problem_list(title, errors))
    elif added:
        flash(f"foto_{item_id}", "success", f"{added} foto disimpan.")


def realisation_form(n: int, item: RtlItem) -> None:
    assert item.id is not None
    late = rtl.is_overdue(item, period, today)
    label = f"{n}. {md(item.program)}"
    if item.done and item.tanggal:
        label += f" — Sudah, {tanggal(item.tanggal, with_day=False)}"
    else:
        label += " — Belum" + (" (terlambat)" if late else "")
    icon = ":material/check_circle:" if item.done else (":material/warning:" if late else ":material/schedule:")
    with st.expander(label, icon=icon, expanded=late):
        st.caption(
            f"Prioritas {item.nomor}: {rtl.unsur_label(item.unsur)} · rencana {tw_text(item)} · "
            f"penanggung jawab {md(item.penanggung_jawab or '–')}"
        )
        keys = {f: f"rtl_{f}_{item.id}" for f in ("status", "tanggal", "deskripsi", "hambatan")}
        for field, value in (
            ("status", item.status),
            ("tanggal", item.tanggal),
            ("deskripsi", item.deskripsi),
            ("hambatan", item.hambatan),
        ):
            st.session_state.setdefault(keys[field], value)
        left, right = st.columns([1, 2])
        with left:
            status = st.radio(
                "Apakah RTL telah ditindaklanjuti?",
                [STATUS_SUDAH, STATUS_BELUM],
                format_func=STATUS_TEXT.__getitem__,
                horizontal=True,
                key=keys["status"],
            )
            when = st.date_input(
                "Tanggal realisasi",
                key=keys["tanggal"],
                format="DD/MM/YYYY",
                disabled=status != STATUS_SUDAH,
            )
            if status == STATUS_SUDAH and isinstance(when, date):
                st.caption(tanggal(when))
            elif status != STATUS_SUDAH:
                st.caption("Tanggal diisi setelah kegiatan dilaksanakan.")
        with right:
            deskripsi = st.text_area("Deskripsi tindak lanjut", key=keys["deskripsi"], height=90, max_chars=2000)
            hambatan = st.text_input("Tantangan / hambatan", key=keys["hambatan"], max_chars=500)
        if st.button("Simpan realisasi", key=f"rtl_real_save_{item.id}", icon=":material/save:", type="primary"):
            save_realisation(item, status, when if isinstance(when, date) else None, deskripsi, hambatan)
        show_flash(f"real_{item.id}")

        st.markdown("**Dokumentasi kegiatan**")
        show_flash(f"foto_{item.id}")
        if item.photos:
            cols = st.columns(4)
            for k, photo in enumerate(item.photos):
                with cols[k % 4]:
                    photo_thumb(photo)
                    with st.popover("Hapus", icon=":material/delete:"):
                        st.markdown(f"Hapus foto **{md(photo.file_name)}**?")
                        st.button(
                            "Ya, hapus",
                            key=f"rtl_foto_hapus_{photo.id}",
                            on_click=_delete_photo,
                            args=(photo.id, item.id),
                            type="primary",
                        )
        else:
            st.caption("Belum ada foto.")
        rev_key = f"rtl_foto_rev_{item.id}"
        st.session_state.setdefault(rev_key, 0)
        st.session_state.setdefault(f"rtl_caption_{item.id}", "")
        c1, c2 = st.columns([1, 2])
        c1.text_input("Keterangan foto (opsional)", key=f"rtl_caption_{item.id}", max_chars=200)
        uploader_key = f"rtl_foto_{item.id}_{st.session_state[rev_key]}"
        c2.file_uploader(
            "Tambah foto (PNG/JPG)",
            type=["png", "jpg", "jpeg"],
            accept_multiple_files=True,
            key=uploader_key,
            on_change=_upload_photos,
            args=(item.id, uploader_key),
        )


# ---------------------------------------------------------------- the page
if any(u.parent_id == unit.id for u in all_units):
    wilayah_view()
    st.stop()

st.session_state.setdefault(f"rtl_editor_rev_{ns}", 0)
items = data.rtl_items(unit.id, period.tahun, period.semester, version)
issued = data.get_store().report_settings(unit, period).tanggal_terbit
p = rtl.progress(items, period, today, issued=issued)

if items:
    progress_metrics(p)
    if p.overdue:
        st.warning(
            problem_list(
                f"{len(p.overdue)} kegiatan terlambat (triwulan rencananya sudah lewat, belum terlaksana):",
                [overdue_text(i) for i in p.overdue],
            ),
            icon=":material/warning:",
        )
else:
    st.info(f"Belum ada RTL {period.label} untuk {md(level_name(unit))}.", icon=":material/info:")

priorities_panel(items)
plan_editor(items)

st.subheader(f"Realisasi Rencana Tindak Lanjut {period.label}")
if not items:
    st.caption("Realisasi dapat diisi setelah rencana disimpan.")
else:
    realisation_table(items)
    if can_edit:
        st.caption("Buka kegiatan di bawah untuk mengisi realisasi dan foto dokumentasi.")
        for n, item in enumerate(items, start=1):
            realisation_form(n, item)
