"""The operator's "Kuesioner daring" section of Unggah Data: open or close the public
questionnaire of a kelurahan for a semester, its links and QR codes, posters to print."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from skm import kuesioner, tinjauan
from skm.actions import downloads, imports, periods
from skm.errors import SkmError
from skm.formatting import angka, slug, tanggal
from skm.publik import results_url
from skm.qr import qr_png
from skm.report.data import unit_label
from skm.units import Period, Unit
from ui import auth
from ui.components import md
from ui.data import get_store
from ui.flash import flash, show

log = logging.getLogger(__name__)


def _toggle(unit_id: int, period_code: str, to_open: bool) -> None:
    period = Period.parse(period_code)
    try:
        periods.set_questionnaire_open(get_store(), auth.session(), unit_id, period, to_open)
    except SkmError as exc:
        flash("kqa", "error", md(f"Tidak tersimpan: {exc}"))
        return
    word = "dibuka" if to_open else "ditutup"
    flash("kqa", "success", f"Kuesioner daring {period.label} {word}.")


def _review(unit_id: int, period_code: str, group_key: str, accept: bool) -> None:
    period = Period.parse(period_code)
    try:
        count = periods.review_held(get_store(), auth.session(), unit_id, period, group_key, accept=accept)
    except SkmError as exc:
        flash("kqa", "error", md(f"Tidak tersimpan: {exc}"))
        return
    word = "diterima dan kini dihitung" if accept else "ditolak; tetap tersimpan untuk audit, tidak dihitung"
    flash("kqa", "success", f"{angka(count, 0)} jawaban daring {word}.")


def _when(first, last) -> str:
    start = f"{tanggal(first.date())} {first:%H.%M}"
    if last.date() == first.date():
        return start if f"{last:%H.%M}" == f"{first:%H.%M}" else f"{start}–{last:%H.%M}"
    return f"{start} s.d. {tanggal(last.date())} {last:%H.%M}"


def held_review(unit: Unit, period: Period) -> None:
    """The unit's held answers by group (why, how many, when, what they would do to the figures),
    each with Terima / Tolak."""
    groups = tinjauan.held_groups(get_store(), unit.id, period)
    if not groups:
        return
    total = sum(g.count for g in groups)
    st.warning(
        f"**{angka(total, 0)} jawaban daring menunggu tinjauan**, belum dihitung dalam angka mana pun. "
        "Terima kelompok yang wajar (misalnya antrean ramai di loket), tolak yang tampak sebagai isian berulang.",
        icon=":material/pending_actions:",
    )
    for group in groups:
        with st.container(border=True):
            st.markdown(f"**{angka(group.count, 0)} jawaban** · {group.reason_label}")
            answers = " ".join(str(v) for v in group.sample)
            sample = "jawaban U1–U9 semuanya" if group.reason == tinjauan.REASON_POLA else "contoh jawaban U1–U9"
            st.caption(
                f"{_when(group.first, group.last)} · layanan {md(group.layanan)} · {sample}: {answers} · "
                f"nilai rata-ratanya {angka(group.mean_score)} (skala 25–100)"
            )
            accept_col, reject_col = st.columns(2)
            tag = group.key.rsplit(":", 1)[-1][:12]
            for col, accept, label, icon in (
                (accept_col, True, "Terima, hitung", ":material/check:"),
                (reject_col, False, "Tolak", ":material/block:"),
            ):
                col.button(
                    label,
                    key=f"kqa_{'terima' if accept else 'tolak'}_{unit.id}_{period.code}_{group.reason}_{tag}",
                    on_click=_review,
                    args=(unit.id, period.code, group.key, accept),
                    icon=icon,
                    width="stretch",
                    type="primary" if accept else "secondary",
                )


def _add_layanan(unit_id: int, key: str) -> None:
    name = st.session_state.get(key, "")
    try:
        imports.add_layanan(get_store(), auth.session(), unit_id, name)
    except SkmError as exc:
        flash("kqa", "error", md(exc))
        return
    st.session_state[key] = ""
    flash("kqa", "success", md(f"Layanan {' '.join(name.split())} ditambahkan."))


def _link_file(unit_id: int, token: str, size: str | None) -> Callable[[], bytes]:
    """The QR code (size None) or a poster of a link, built when clicked for the session as it is then."""
    store, session = get_store(), auth.session()  # captured now: the click runs outside this script run

    def make() -> bytes:
        if size is None:
            return downloads.questionnaire_qr(store, session, unit_id, token)
        return downloads.questionnaire_poster(store, session, unit_id, token, size)

    return make


def section(unit: Unit | None, period: Period) -> None:
    """Everything about the unit's online questionnaire for the period, compactly."""
    st.subheader("Kuesioner daring")
    if unit is None:
        st.caption("Pilih kelurahan yang sudah ada di bagian 1 untuk membuka kuesioner daringnya.")
        return
    store = get_store()
    show("kqa")
    opened = kuesioner.is_open(store, unit.id, period)
    count = kuesioner.response_count(store, unit.id, period)
    state_col, button_col = st.columns([3, 1], vertical_alignment="center")
    state_col.markdown(
        f"Kuesioner **{period.label}** untuk **{md(unit_label(unit))}**: "
        + ("**dibuka**, warga dapat mengisi lewat tautan atau kode QR." if opened else "**ditutup**.")
        + f" Jawaban daring dihitung: **{angka(count, 0)}**."
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
    rules = tinjauan.Rules.from_env()
    st.caption(
        f"Jawaban yang datang beruntun (lebih dari {rules.burst_per_link} lewat satu tautan atau "
        f"{rules.burst_per_client} dari satu perangkat/jaringan dalam {angka(rules.burst_minutes, 0)} menit) atau "
        "yang sama persis berulang disimpan tetapi **ditahan**: tidak dihitung sampai diterima di sini. "
        f"Paling banyak {angka(rules.per_link_day, 0)} jawaban per tautan per hari."
    )
    held_review(unit, period)
    try:
        links = imports.questionnaire_links(store, auth.session(), unit.id)
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
        placeholder="Pilih…",
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
        name = f"kuesioner_{slug(unit.name)}" + (f"_{slug(link.layanan)}" if link.layanan else "")
        st.download_button(
            "Unduh kode QR (PNG)",
            data=_link_file(unit.id, link.token, None),
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
                data=_link_file(unit.id, link.token, size),
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
