"""The operator's "Kuesioner daring" section of Unggah Data: open or close the public
questionnaire of a kelurahan for a semester, its links and QR codes, posters to print."""

from __future__ import annotations

import logging
import re

import streamlit as st

from skm import kuesioner
from skm.errors import SkmError
from skm.formatting import angka
from skm.publik import results_url
from skm.qr import poster_pdf, qr_png
from skm.units import Period, Unit
from ui import auth
from ui.components import md, unit_label
from ui.data import get_store

log = logging.getLogger(__name__)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower() or "unit"


def _toggle(unit_id: int, period_code: str, to_open: bool) -> None:
    period = Period.parse(period_code)
    try:
        access = auth.current_access()
        if access is None or not access.can("import", unit_id):
            raise SkmError("Akun Anda tidak dapat membuka atau menutup kuesioner unit ini.")
        kuesioner.set_open(get_store(), unit_id, period, to_open, by=access.user.name)
    except SkmError as exc:
        st.session_state["kqa_flash"] = ("error", f"Tidak tersimpan: {exc}")
        return
    word = "dibuka" if to_open else "ditutup"
    st.session_state["kqa_flash"] = ("success", f"Kuesioner daring {period.label} {word}.")


def _add_layanan(unit_id: int, key: str) -> None:
    name = st.session_state.get(key, "")
    try:
        kuesioner.ensure_layanan(get_store(), unit_id, name)
    except SkmError as exc:
        st.session_state["kqa_flash"] = ("error", str(exc))
        return
    st.session_state[key] = ""
    st.session_state["kqa_flash"] = ("success", f"Layanan {' '.join(name.split())} ditambahkan.")


def _poster(url: str, unit_name: str, layanan: str | None, size: str):
    def make() -> bytes:
        return poster_pdf(url, unit_name, layanan, size=size)

    return make


def section(unit: Unit | None, period: Period) -> None:
    """Everything about the unit's online questionnaire for the period, compactly."""
    st.subheader("Kuesioner daring")
    if unit is None:
        st.caption("Pilih kelurahan yang sudah ada di bagian 1 untuk membuka kuesioner daringnya.")
        return
    store = get_store()
    if flash := st.session_state.pop("kqa_flash", None):
        (st.success if flash[0] == "success" else st.error)(md(flash[1]))
    opened = kuesioner.is_open(store, unit.id, period)
    count = kuesioner.response_count(store, unit.id, period)
    state_col, button_col = st.columns([3, 1], vertical_alignment="center")
    state_col.markdown(
        f"Kuesioner **{period.label}** untuk **{md(unit_label(unit))}**: "
        + ("**dibuka**, warga dapat mengisi lewat tautan atau kode QR." if opened else "**ditutup**.")
        + f" Jawaban daring tersimpan: **{angka(count, 0)}**."
    )
    button_col.button(
        "Tutup kuesioner" if opened else "Buka kuesioner",
        key=f"kqa_toggle_{unit.id}_{period.code}",
        type="secondary" if opened else "primary",
        icon=":material/lock:" if opened else ":material/lock_open:",
        on_click=_toggle,
        args=(unit.id, period.code, not opened),
        width="stretch",
    )
    st.caption(
        "Jawaban diterima bila tanggal layanannya jatuh pada semester yang dibuka (Januari–Juni: I, Juli–Desember: "
        "II). Jawaban masuk ke data unit ini (sumber *kuesioner*) di samping data unggahan, dan dapat dibatalkan "
        "di Riwayat impor."
    )
    try:
        links = kuesioner.unit_links(store, unit.id)
    except SkmError as exc:
        st.error(md(exc))
        return
    choices = list(range(len(links)))
    pick = st.selectbox(
        "Tautan untuk",
        choices,
        format_func=lambda i: "Semua layanan (responden memilih)" if links[i].layanan is None else links[i].layanan,
        key=f"kqa_link_{unit.id}_{len(links)}",
        help="Tautan per layanan langsung mengisi jenis layanan; cocok ditempel di loket layanan itu.",
    )
    link = links[pick]
    if problem := kuesioner.public_url_problem():
        st.warning(md(problem), icon=":material/warning:")
    url = kuesioner.questionnaire_url(link.token)
    png = qr_png(url, scale=8)
    qr_col, info_col = st.columns([1, 2], gap="medium")
    qr_col.image(png, width=200)
    with info_col:
        st.code(url, language=None, wrap_lines=True)
        if len(links) == 1:
            st.caption("Unit ini belum punya jenis layanan: tambahkan di bawah agar kuesioner dapat diisi.")
        name = f"kuesioner_{_slug(unit.name)}" + (f"_{_slug(link.layanan)}" if link.layanan else "")
        st.download_button(
            "Unduh kode QR (PNG)",
            data=png,
            file_name=f"{name}.png",
            mime="image/png",
            icon=":material/qr_code_2:",
            on_click="ignore",
            key="kqa_qr_png",
            width="stretch",
        )
        a4, a5 = st.columns(2)
        for col, size in ((a4, "A4"), (a5, "A5")):
            col.download_button(
                f"Poster {size} (PDF)",
                data=_poster(url, unit_label(unit), link.layanan, size),
                file_name=f"poster_{name}_{size.lower()}.pdf",
                mime="application/pdf",
                icon=":material/print:",
                on_click="ignore",
                key=f"kqa_poster_{size}",
                width="stretch",
            )
    st.markdown("**Hasil yang dipublikasikan**")
    st.code(results_url(links[0].token), language=None, wrap_lines=True)
    st.caption(
        "Halaman publik berisi infografis unit ini untuk periode yang sudah **disetujui** pimpinan; "
        "periode lain tidak tampil."
    )
    key = f"kqa_new_layanan_{unit.id}"
    add_col, add_button = st.columns([3, 1], vertical_alignment="bottom")
    add_col.text_input("Tambah jenis layanan", key=key, max_chars=kuesioner.LAYANAN_NAME_MAX)
    add_button.button(
        "Tambah", key=f"kqa_add_{unit.id}", on_click=_add_layanan, args=(unit.id, key), icon=":material/add:"
    )
