"""Laporan: the Laporan Hasil Tindak Lanjut SKM of one kelurahan as PDF (and its tables as XLSX),
what it will contain, and the letter's settings (kop surat, nomor, penandatangan, tembusan, BAB I).
At a kecamatan/kota: every kelurahan's state, the infografis, and the Laporan Rekapitulasi SKM
(PDF, XLSX) with its own letter settings.

The documents are built when a download button is clicked (Streamlit runs the callable then, in
its own thread), from what is stored at that moment, so a saved setting is in the next download."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from skm.access import REPORT, SETTINGS_EDIT
from skm.actions import downloads, periods
from skm.errors import SkmError
from skm.formatting import angka, persen, slug
from skm.labels import level_name
from skm.report.data import ReportData, period_text, report_data, unit_label
from skm.report.rekap import TITLE
from skm.settings import BAB_I_DEFAULT, ReportSettings
from skm.units import Period, Unit
from ui import auth, data, pekppp
from ui import completeness as kelengkapan
from ui.approval import status_panel
from ui.components import md, no_data, page_header
from ui.context import selection
from ui.flash import flash, show
from ui.tables import static_table

TAB_KEY = "laporan_tab"  # the kelurahan's open tab: "Laporan", "PEKPPP" or "Pengaturan surat"
REKAP_SETTINGS_KEY = "laporan_rekap_settings"  # the kecamatan/kota letter settings: open or not

sel = selection()
page_header("Laporan", sel)
status_panel(sel)
store = data.get_store()
all_units = list(sel.units)
# The unit as this account may see it: an operator's letter defaults carry no kota or kecamatan
# name (nothing above its scope); they type their kop once and it is kept.
unit, period = replace(sel.unit, path=sel.path()), sel.period


def _leaves_under(root: Unit) -> list[Unit]:
    parents = {u.parent_id for u in all_units}
    return sorted(
        (u for u in all_units if u.path[: len(root.path)] == root.path and u.id != root.id and u.id not in parents),
        key=lambda u: [p.casefold() for p in u.path],
    )


def _open(target_key: str) -> None:
    st.session_state["unit_id"] = st.session_state[target_key]


def _download(kind: str, the_unit: Unit, the_period: Period) -> Callable[[], bytes]:
    """A no-argument callable for st.download_button: built when clicked (not when drawn), from what
    is stored then, after checking the session and the permission again (skm.actions.downloads)."""
    store, session = data.get_store(), auth.session()  # captured now: the click runs outside this script run

    def make() -> bytes:
        return downloads.build_report(store, session, the_unit.id, the_period, kind)

    return make


def infografis_buttons(the_unit: Unit) -> None:
    """'Infografis (PNG)' and '(PDF)': one portrait page of the unit's result, to share on a phone."""
    name = f"infografis-skm_{slug(the_unit.name)}_{period.code}"
    c1, c2 = st.columns(2)
    for col, kind, ext, mime, icon in (
        (c1, downloads.INFOGRAFIS_PNG, "png", "image/png", ":material/image:"),
        (c2, downloads.INFOGRAFIS_PDF, "pdf", "application/pdf", ":material/picture_as_pdf:"),
    ):
        col.download_button(
            f"Infografis ({ext.upper()})",
            data=_download(kind, the_unit, period),
            file_name=f"{name}.{ext}",
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=f"laporan_infografis_{ext}",
            width="stretch",
            help="Satu halaman tegak berisi IKM, mutu, IKM per layanan, NRR per unsur, prioritas dan RTL-nya.",
        )


def letter_gaps(the_unit: Unit, where: str) -> None:
    """Warn about the letter's fields still blank in the unit's saved settings for the period."""
    saved = store.report_settings(the_unit, period)
    missing = [
        label
        for label, value in (
            ("nomor surat", saved.nomor),
            ("penandatangan", saved.penandatangan),
            ("NIP", saved.nip),
            ("tujuan surat (Kepada)", saved.kepada),
            ("tanggal surat", saved.tanggal),
        )
        if not value
    ]
    if missing:
        st.warning(
            f"Belum diisi pada {where}: " + ", ".join(missing) + ". Laporan tetap dapat diunduh.",
            icon=":material/edit_note:",
        )


def rekap_section(the_unit: Unit) -> None:
    """The Laporan Rekapitulasi SKM of a kecamatan/kota for the period: what it holds, SEMENTARA
    when not every unit below has data, and its PDF and XLSX (built when clicked)."""
    st.subheader("Laporan Rekapitulasi SKM", anchor=False)
    found = kelengkapan.of(the_unit, period, sel.version)
    if found.provisional:
        st.warning(
            f"**SEMENTARA**: {found.count_text} di bawah {md(level_name(the_unit))} memiliki data {period.label} "
            f"(belum: {kelengkapan.names(found)}). Laporan rekapitulasi ditandai SEMENTARA sampai semua melapor "
            "atau periode ini disetujui.",
            icon=":material/hourglass_top:",
        )
    st.caption(
        "Untuk dikirim ke pimpinan di atasnya: surat pengantar dengan kop surat dan penandatangan · Tabel 1 NRR per "
        "unsur dan IKM per unit · Tabel 2 peringkat dan perubahan dari semester sebelumnya · Tabel 3 kelengkapan "
        "data dan status persetujuan · Tabel 4 prioritas perbaikan dan realisasi RTL."
    )
    if not sel.access.can(REPORT, the_unit.id):
        return
    editor = "di bawah" if sel.access.can(SETTINGS_EDIT, the_unit.id) else "diisi oleh pimpinan unit ini atau admin"
    letter_gaps(the_unit, f"**Pengaturan surat Laporan Rekapitulasi SKM** ({editor})")
    name = f"laporan-rekapitulasi-skm_{slug(the_unit.name)}_{period.code}"
    c1, c2 = st.columns(2)
    for col, kind, label, ext, mime, icon, primary in (
        (
            c1,
            downloads.REKAP_PDF,
            "Unduh rekapitulasi (PDF)",
            "pdf",
            "application/pdf",
            ":material/picture_as_pdf:",
            True,
        ),
        (
            c2,
            downloads.REKAP_XLSX,
            "Unduh tabel rekapitulasi (XLSX)",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/table_view:",
            False,
        ),
    ):
        col.download_button(
            label,
            data=_download(kind, the_unit, period),
            file_name=f"{name}.{ext}",
            mime=mime,
            icon=icon,
            type="primary" if primary else "secondary",
            on_click="ignore",
            key=f"laporan_rekap_{ext}",
            width="stretch",
        )


def settings_form(unit: Unit, title: str, locked: str, with_bab1: bool = True) -> None:
    """The letter's settings of `unit` for the period (kop surat, nomor, penandatangan, tembusan,
    BAB I), saved through the one door; `title` makes the default Hal."""
    if not sel.access.can(SETTINGS_EDIT, unit.id):
        st.info(locked, icon=":material/lock:")
        return
    show("laporan_settings", icon=":material/check:")
    current = store.report_settings(unit, period)
    k = f"{unit.id}_{period.code}"
    st.caption(
        "Disimpan per unit dan periode. Kop surat, penandatangan dan tembusan terbawa ke periode berikutnya; "
        "nomor, hal, tanggal surat dan tanggal terbit laporan SKM diisi lagi setiap periode."
    )
    with st.form(f"laporan_settings_{k}"):
        st.markdown("**Kop surat**")
        kop_pemerintah = st.text_input("Baris 1 (pemerintah)", current.kop_pemerintah, key=f"lap_kop_pemerintah_{k}")
        kop_kota = st.text_input("Baris 2 (kota)", current.kop_kota, key=f"lap_kop_kota_{k}")
        kop_kecamatan = st.text_input("Baris 3 (kecamatan)", current.kop_kecamatan, key=f"lap_kop_kecamatan_{k}")
        kop_unit = st.text_input("Baris 4 (unit)", current.kop_unit, key=f"lap_kop_unit_{k}")
        c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
        alamat = c1.text_input("Alamat", current.alamat, key=f"lap_alamat_{k}")
        telepon = c2.text_input("Telepon", current.telepon, key=f"lap_telepon_{k}")
        kode_pos = c3.text_input("Kode pos", current.kode_pos, key=f"lap_kode_pos_{k}")
        kota_surat = c4.text_input("Kota (kop)", current.kota_surat, key=f"lap_kota_surat_{k}")
        st.markdown("**Surat pengantar**")
        c1, c2, c3 = st.columns(3)
        nomor = c1.text_input("Nomor", current.nomor, key=f"lap_nomor_{k}")
        sifat = c2.text_input("Sifat", current.sifat, key=f"lap_sifat_{k}")
        lampiran = c3.text_input("Lampiran", current.lampiran, key=f"lap_lampiran_{k}")
        hal = st.text_input(
            "Hal",
            current.hal,
            placeholder=f"{title} {period_text(period)} {unit_label(unit)}",
            help="Kosongkan untuk memakai teks bawaan di atas.",
            key=f"lap_hal_{k}",
        )
        c1, c2 = st.columns(2)
        kepada = c1.text_input("Kepada", current.kepada, key=f"lap_kepada_{k}")
        kepada_di = c2.text_input("di", current.kepada_di, key=f"lap_kepada_di_{k}")
        c1, c2 = st.columns(2)
        tempat = c1.text_input(
            "Tempat",
            current.tempat,
            help="Ditulis di depan tanggal; kosongkan bila cukup tanggal.",
            key=f"lap_tempat_{k}",
        )
        tanggal_surat = c2.date_input(
            "Tanggal surat",
            value=current.tanggal,
            format="DD/MM/YYYY",
            help="Kosong: tanggal saat laporan diunduh.",
            key=f"lap_tanggal_{k}",
        )
        tanggal_terbit = st.date_input(
            "Tanggal terbit Laporan Survei Kepuasan Masyarakat periode ini",
            value=current.tanggal_terbit,
            format="DD/MM/YYYY",
            help="Hari laporan hasil SKM diterbitkan. Kecepatan tindak lanjut (indikator 9 PEKPPP) dihitung dari "
            "tanggal ini; bila kosong, dari akhir semester.",
            key=f"lap_terbit_{k}",
        )
        st.markdown("**Penandatangan**")
        c1, c2, c3 = st.columns(3)
        jabatan = c1.text_input("Jabatan", current.jabatan, key=f"lap_jabatan_{k}")
        penandatangan = c2.text_input("Nama", current.penandatangan, key=f"lap_penandatangan_{k}")
        nip = c3.text_input("NIP", current.nip, key=f"lap_nip_{k}")
        tembusan = st.text_area(
            "Tembusan (satu per baris)", "\n".join(current.tembusan), height=100, key=f"lap_tembusan_{k}"
        )
        bab1 = (
            st.text_area(
                "BAB I Pendahuluan",
                current.bab1,
                height=260,
                help="Pisahkan paragraf dengan baris kosong. Kosongkan untuk memakai teks bawaan.",
                key=f"lap_bab1_{k}",
            )
            if with_bab1
            else current.bab1
        )
        submitted = st.form_submit_button("Simpan pengaturan", type="primary", icon=":material/save:")
    if submitted:
        settings = ReportSettings(
            kop_pemerintah=kop_pemerintah.strip(),
            kop_kota=kop_kota.strip(),
            kop_kecamatan=kop_kecamatan.strip(),
            kop_unit=kop_unit.strip(),
            alamat=alamat.strip(),
            telepon=telepon.strip(),
            kode_pos=kode_pos.strip(),
            kota_surat=kota_surat.strip(),
            nomor=nomor.strip(),
            sifat=sifat.strip(),
            lampiran=lampiran.strip(),
            hal=hal.strip(),
            kepada=kepada.strip(),
            kepada_di=kepada_di.strip(),
            tempat=tempat.strip(),
            tanggal=tanggal_surat if isinstance(tanggal_surat, date) else None,
            tanggal_terbit=tanggal_terbit if isinstance(tanggal_terbit, date) else None,
            jabatan=jabatan.strip(),
            penandatangan=penandatangan.strip(),
            nip=nip.strip(),
            tembusan=[line.strip() for line in tembusan.splitlines() if line.strip()],
            bab1=bab1.strip() or BAB_I_DEFAULT,
        )
        try:
            periods.save_report_settings(store, auth.session(), unit.id, period, settings)
        except SkmError as exc:
            st.error(md(exc))
        else:
            flash("laporan_settings", "success", f"Pengaturan surat {md(unit_label(unit))} {period.label} disimpan.")
            st.rerun()


# ---------------------------------------------------------------- kecamatan / kota: per kelurahan
if any(u.parent_id == unit.id for u in all_units):
    leaves = _leaves_under(sel.unit)
    st.info(
        f"Laporan Hasil Tindak Lanjut SKM dibuat **per kelurahan** (unit layanan): setiap kelurahan melaporkan "
        f"IKM, rencana tindak lanjut dan realisasinya sendiri kepada camat. {md(unit_label(unit))} merangkum "
        f"{len(leaves)} unit di bawahnya; pilih salah satu untuk menyusun laporannya.",
        icon=":material/info:",
    )
    rows = []
    reports = data.leaf_reports(tuple(u.id for u in leaves), period.tahun, period.semester, sel.version)
    for leaf, overview in zip(leaves, reports, strict=True):
        result, planned = overview.summary, overview.rtl_planned
        rows.append(
            {
                "Unit": sel.name_below(leaf),
                "IKM": "belum ada data" if result is None else angka(result.score.ikm),
                "Mutu": "–" if result is None else f"{result.score.mutu.letter} — {result.score.mutu.kinerja}",
                "RTL terlaksana": f"{overview.rtl_done} dari {planned}" if planned else "belum diisi",
                "Surat": "lengkap" if overview.letter_ready else "perlu dilengkapi",
            }
        )
    static_table(pd.DataFrame(rows))
    if data.summary(unit.id, period.tahun, period.semester, sel.version) is not None:
        infografis_buttons(unit)
        rekap_section(unit)
    # Built only while open (a click reruns the page), like the kelurahan's tabs.
    with st.expander(
        "Pengaturan surat Laporan Rekapitulasi SKM",
        icon=":material/edit_note:",
        key=REKAP_SETTINGS_KEY,
        on_change="rerun",
    ) as rekap_settings:
        if rekap_settings.open:
            settings_form(
                unit, TITLE, "Pengaturan surat rekapitulasi diisi oleh pimpinan unit ini atau admin.", with_bab1=False
            )
    by_id = {u.id: u for u in leaves}
    if by_id:
        col_a, col_b = st.columns([2, 1], vertical_alignment="bottom")
        col_a.selectbox(
            "Unit",
            list(by_id),
            format_func=lambda i: sel.name_below(by_id[i]),
            key="laporan_target",
            placeholder="Pilih…",
        )
        col_b.button(
            "Buka laporan unit",
            on_click=_open,
            args=("laporan_target",),
            icon=":material/arrow_forward:",
            type="primary",
            key="laporan_open",
        )
    st.subheader(f"PEKPPP indikator 6–9 tahun {period.tahun}", anchor=False)
    st.caption(
        "Nilai setiap kelurahan dari data yang tercatat (kedua semester tahun ini); alasan dan cara menaikkannya "
        "ada di bagian PEKPPP laporan kelurahan itu."
    )
    pekppp.wilayah_table(sel, leaves, period.tahun)
    st.stop()


# ---------------------------------------------------------------- one kelurahan
def report_tab() -> None:
    """The Laporan tab: the report's figures, what it still lacks, and its downloads."""
    try:
        report: ReportData | None = report_data(store, unit, period, today=date.today())
    except SkmError:
        report = None
    if report is None:
        no_data(sel)
        return
    s = report.score
    p = report.progress
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("IKM", angka(s.ikm), border=True)
    c2.metric("Mutu pelayanan", s.mutu.letter, delta=s.mutu.kinerja, delta_color="off", delta_arrow="off", border=True)
    c3.metric("Jenis layanan", str(len(report.layanan)), border=True)
    c4.metric(
        "RTL terlaksana",
        f"{p.realised} dari {p.planned}" if p.planned else "–",
        delta=persen(p.percent) if p.planned else None,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    prio = "; ".join(f"{u.code} {u.name} ({angka(u.nrr)})" for u in report.priorities)
    st.markdown(f"**Prioritas perbaikan** (tiga unsur terendah): {prio}.")
    if report.lowest_layanan:
        low = report.lowest_layanan[0]
        unsur = ", ".join(f"{u.code} {u.name}" for u in report.lowest_layanan_unsur)
        st.markdown(f"**Layanan terendah:** {md(low.name)} (IKM {angka(low.ikm)}); unsur terendahnya: {unsur}.")
    if not p.planned:
        st.warning(
            "Rencana tindak lanjut periode ini belum diisi (halaman **Rencana Tindak Lanjut**): Tabel 2 dan "
            "BAB III akan kosong.",
            icon=":material/checklist:",
        )
    elif p.overdue:
        st.warning(
            f"{len(p.overdue)} kegiatan RTL belum terlaksana dan telah melewati triwulannya: "
            + "; ".join(md(i.program) for i in p.overdue),
            icon=":material/schedule:",
        )
    if report.missing_photos:
        st.warning(
            f"{report.missing_photos} foto dokumentasi tercatat tetapi berkasnya tidak ditemukan; "
            "foto tersebut tidak masuk laporan.",
            icon=":material/image_not_supported:",
        )
    letter_gaps(unit, "**Pengaturan surat**")
    st.caption(
        f"Isi PDF: surat pengantar kepada {md(report.settings.kepada or '(tujuan belum diisi)')} dengan kop "
        "surat · halaman judul · BAB I Pendahuluan · BAB II Tabel 1 (warna menurut mutu), tabel interval, "
        "gambar NRR per layanan dan IKM per layanan, prioritas, Tabel 2 RTL · BAB III realisasi dengan "
        "dokumentasi · BAB IV kesimpulan." + (" Setiap halaman bertanda DATA DEMO." if report.is_demo else "")
    )
    name = f"laporan-tindak-lanjut-skm_{slug(unit.name)}_{period.code}"
    if not sel.access.can(REPORT, unit.id):
        st.stop()
    # (where, label, builder, file name, mime, icon, key, primary)
    top = st.container()
    d1, d2 = st.columns(2)
    buttons = (
        (
            top,
            "Unduh Laporan Survei Kepuasan Masyarakat (PDF)",
            _download(downloads.SKM_PDF, unit, period),
            f"laporan-skm_{slug(unit.name)}_{period.code}.pdf",
            "application/pdf",
            ":material/description:",
            "laporan_skm_pdf",
            False,
        ),
        (
            d1,
            "Unduh laporan (PDF)",
            _download(downloads.LAPORAN_PDF, unit, period),
            f"{name}.pdf",
            "application/pdf",
            ":material/picture_as_pdf:",
            "laporan_pdf",
            True,
        ),
        (
            d2,
            "Unduh tabel (XLSX)",
            _download(downloads.LAPORAN_XLSX, unit, period),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/table_view:",
            "laporan_xlsx",
            False,
        ),
    )
    for col, label, builder, file_name, mime, icon, key, primary in buttons:
        col.download_button(
            label,
            data=builder,
            file_name=file_name,
            mime=mime,
            icon=icon,
            type="primary" if primary else "secondary",
            on_click="ignore",
            key=key,
            width="stretch",
        )
    infografis_buttons(unit)


# Only the open tab runs (a click on another reruns the page): the letter settings' twenty fields
# and the PEKPPP forms are not built and drawn behind the report (bench/pages.py, issue 15).
tab_report, tab_pekppp, tab_settings = st.tabs(
    ["Laporan", "PEKPPP", "Pengaturan surat"], key=TAB_KEY, on_change="rerun"
)

if tab_pekppp.open:
    with tab_pekppp:
        pekppp.unit_section(store, sel, unit)

if tab_report.open:
    with tab_report:
        report_tab()

if tab_settings.open:
    with tab_settings:
        settings_form(
            unit, "Laporan Hasil Tindak Lanjut Pelaksanaan SKM", "Pengaturan surat diisi oleh operator unit ini."
        )
