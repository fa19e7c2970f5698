"""The PEKPPP section of the Laporan page: indicators 6–9 of the unit and year with their reasons,
the publication record (add with a proof, list, delete) and the evidence pack; at kecamatan/kota
level every kelurahan's four scores. Logic lives in skm.pekppp, skm.publikasi and skm.bukti."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from skm import publikasi
from skm.access import REPORT
from skm.actions import downloads
from skm.actions import rtl as rtl_actions
from skm.bukti import pack_name
from skm.errors import SkmError
from skm.formatting import tanggal
from skm.pekppp import MEDIA, NAMES, YearScore
from skm.storage import Store
from skm.units import Period, Unit
from ui import auth, data
from ui.components import md
from ui.context import Selection
from ui.flash import flash, show
from ui.tables import static_table

INDICATORS = ("6", "7", "8", "9")


def _year_score(sel: Selection, unit: Unit, year: int) -> YearScore:
    return data.pekppp_year(unit.id, year, date.today(), sel.version)


def scores(result: YearScore) -> None:
    columns = st.columns(4)
    for col, number in zip(columns, INDICATORS, strict=True):
        ind = result.indicators[number]
        with col.container(border=True):
            st.metric(f"Indikator {number}", f"{ind.score} / 5", help=NAMES[number])
            st.caption(f"**{NAMES[number]}**")
            st.write(md(ind.why))
            if ind.raise_by:
                st.caption(f":material/trending_up: {md(ind.raise_by)}")


def _pack(sel: Selection, unit: Unit, year: int) -> Callable[[], bytes]:
    """Built when clicked, after checking the session and the permission again."""
    store, session = data.get_store(), auth.session()  # captured now: the click runs outside this script run

    def make() -> bytes:
        return downloads.build_evidence_pack(store, session, unit.id, year)

    return make


def _add(store: Store, sel: Selection, unit: Unit, key: str, form: str) -> None:
    """The form's callback: one publication from the form's widgets (keys prefixed `form`); the
    message waits under `key`, and a stored entry gives the next run an empty form."""
    state = st.session_state
    proof = state.get(f"{form}_bukti")
    try:
        pub = rtl_actions.add_publication(
            store,
            auth.session(),
            unit.id,
            state[f"{form}_periode"],
            state[f"{form}_media"],
            state[f"{form}_tanggal"],
            state.get(f"{form}_tempat", ""),
            proof=(proof.getvalue(), proof.name) if proof is not None else None,
        )
    except SkmError as exc:
        flash(key, "error", md(exc))
        return
    flash(key, "success", f"Publikasi {pub.media_label} {tanggal(pub.tanggal, with_day=False)} dicatat.")
    state[f"{key}_rev"] = state.get(f"{key}_rev", 0) + 1


def _delete(store: Store, unit_id: int, publication_id: int, key: str) -> None:
    try:
        rtl_actions.delete_publication(store, auth.session(), unit_id, publication_id)
    except SkmError as exc:
        flash(key, "error", md(exc))
    else:
        flash(key, "success", "Catatan publikasi dihapus.")


def publication_record(store: Store, sel: Selection, unit: Unit, year: int) -> None:
    key = f"pek_{unit.id}_{year}"
    show(key)
    pubs = list(_year_score(sel, unit, year).publications)
    if pubs:
        static_table(
            pd.DataFrame(
                [
                    {
                        "Media": p.media_label,
                        "Tanggal": tanggal(p.tanggal, with_day=False),
                        "Tempat / alamat": p.tempat or "–",
                        "Hasil SKM": p.period.label,
                        "Bukti": p.file_name or "–",
                        "Dicatat oleh": p.created_by,
                    }
                    for p in pubs
                ]
            )
        )
    else:
        st.info(
            "Belum ada publikasi hasil SKM yang dicatat untuk tahun ini. Halaman hasil publik dan infografis "
            "dihitung sebagai publikasi hanya bila dicatat di sini.",
            icon=":material/campaign:",
        )
    if not sel.access.can(publikasi.EDIT, unit.id):
        return
    if pubs:
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        labels = {p.id: f"{p.media_label}, {tanggal(p.tanggal, with_day=False)} ({p.tempat or '–'})" for p in pubs}
        chosen = c1.selectbox(
            "Hapus catatan", list(labels), format_func=labels.__getitem__, key=f"{key}_hapus", placeholder="Pilih…"
        )
        c2.button(
            "Hapus",
            icon=":material/delete:",
            on_click=_delete,
            args=(store, unit.id, chosen, key),
            key=f"{key}_hapus_btn",
            width="stretch",
        )
    rev = st.session_state.get(f"{key}_rev", 0)
    form = f"{key}_{rev}"
    with st.form(f"{form}_form", clear_on_submit=False, border=True):
        st.markdown("**Catat publikasi**")
        c1, c2, c3 = st.columns(3)
        c1.selectbox(
            "Media", list(MEDIA), format_func=lambda c: MEDIA[c].label, key=f"{form}_media", placeholder="Pilih…"
        )
        c2.date_input("Tanggal publikasi", value=None, format="DD/MM/YYYY", key=f"{form}_tanggal")
        c3.selectbox(
            "Hasil SKM",
            [Period(year, 1), Period(year, 2)],
            index=sel.period.semester - 1,
            format_func=lambda p: p.label,
            key=f"{form}_periode",
            placeholder="Pilih…",
        )
        st.text_input(
            "Tempat atau alamat (URL)", key=f"{form}_tempat", placeholder="mis. https://… atau papan pengumuman kantor"
        )
        st.file_uploader(
            "Bukti (foto atau tangkapan layar, PNG/JPEG)", type=["png", "jpg", "jpeg"], key=f"{form}_bukti"
        )
        st.form_submit_button(
            "Simpan publikasi",
            type="primary",
            icon=":material/save:",
            on_click=_add,
            args=(store, sel, unit, key, form),
        )


def unit_section(store: Store, sel: Selection, unit: Unit) -> None:
    """The PEKPPP section of one kelurahan."""
    year = sel.period.tahun
    st.caption(
        f"Penilaian indikator 6–9 Evaluasi Pelayanan Publik (PEKPPP, PermenPANRB 29/2022) tahun {year}, dihitung "
        "dari data yang tercatat. Satu tahun mencakup kedua semesternya; indikator 8 dan 9 memakai semester yang "
        "lebih baik."
    )
    result = _year_score(sel, unit, year)
    scores(result)
    st.subheader("Publikasi hasil SKM", anchor=False)
    publication_record(store, sel, unit, year)
    st.subheader("Paket bukti", anchor=False)
    st.caption(
        "Satu ZIP: indeks bukti, Laporan SKM tahun ini dan dua tahun sebelumnya, Laporan Hasil Tindak Lanjut, "
        "catatan publikasi dengan buktinya, dan kuesioner."
    )
    if not any(s.has_data for s in result.semesters):
        st.info(f"Belum ada data SKM tahun {year}: paket bukti belum dapat dibuat.", icon=":material/info:")
    elif sel.access.can(REPORT, unit.id):
        st.download_button(
            f"Unduh paket bukti PEKPPP {year} (ZIP)",
            data=_pack(sel, unit, year),
            file_name=pack_name(unit, year),
            mime="application/zip",
            icon=":material/folder_zip:",
            type="primary",
            on_click="ignore",
            key=f"pek_pack_{unit.id}_{year}",
        )


def wilayah_table(sel: Selection, leaves: list[Unit], year: int) -> None:
    """Every kelurahan's four scores (kecamatan / kota level)."""
    rows = []
    for leaf in leaves:
        result = _year_score(sel, leaf, year)
        rows.append(
            {
                "Unit": sel.name_below(leaf),  # each level named, as in every other list
                **{f"Indikator {n}": result.indicators[n].score for n in INDICATORS},
                "Media publikasi": len({p.media for p in result.publications}),
            }
        )
    static_table(pd.DataFrame(rows))
