"""The Laporan page through Streamlit's AppTest: downloads for a kelurahan, the letter's settings
saved from the form (and then printed in the PDF), the per-kelurahan list at kecamatan/kota level,
the Laporan Rekapitulasi SKM there (its settings, its downloads through the one door)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from streamlit.runtime.media_file_storage import MediaFileStorageError

from skm.demo import KELURAHAN_PER_KECAMATAN, SEED_UNIT
from skm.report.data import report_data
from skm.report.pdf import build_pdf
from skm.report.rekap import rekap_data
from skm.report.rekap_pdf import build_rekap_pdf
from skm.storage import Store
from skm.units import Period
from tests.apptest import REKAP_SETTINGS_KEY, TAB_KEY, choose, new_app, open_page, static_tables
from tests.test_one_door import deferred  # noqa: F401  (the fixture)

PAGE = "pages/laporan.py"


@pytest.fixture
def unit_ids(db_path):
    store = Store(db_path)
    try:
        return {
            "kelurahan": store.find_unit(SEED_UNIT).id,
            "kecamatan": store.find_unit("Jakarta Timur/Makasar").id,
            "kota": store.find_unit("Jakarta Timur").id,
            "kebon_pala": store.find_unit("Jakarta Timur/Makasar/Kebon Pala").id,
        }
    finally:
        store.close()


def text_of(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [x.value for x in at.info] + [x.value for x in at.warning] + [x.value for x in at.success]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in [*at.dataframe, *at.table]]
    parts += [t.to_csv() for t in static_tables(at)]
    return "\n".join(str(p) for p in parts)


def _settings_fields(at) -> list:
    """The letter settings' text fields on the page (keys lap_…)."""
    return [t for t in at.text_input if (t.key or "").startswith("lap_")]


def test_kelurahan_page_offers_both_downloads(app, unit_ids):
    at = open_page(PAGE, unit_ids["kelurahan"], "2024-S1")
    assert at.title[0].value == "Laporan"
    labels = [b.label for b in at.download_button]
    assert labels == [
        "Unduh Laporan Survei Kepuasan Masyarakat (PDF)",
        "Unduh laporan (PDF)",
        "Unduh tabel (XLSX)",
        "Infografis (PNG)",
        "Infografis (PDF)",
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["IKM"] == "99,09" and metrics["Mutu pelayanan"] == "A"
    assert metrics["RTL terlaksana"] == "4 dari 4"
    text = text_of(at)
    assert "Prioritas perbaikan" in text and "PPSU" in text and "DATA DEMO" in text
    # the seed's settings are complete: nothing to warn about
    assert "Belum diisi pada" not in text
    # Only the open tab runs: the settings' fields and the PEKPPP forms come with their tab.
    assert not _settings_fields(at) and "Indikator 6" not in [m.label for m in at.metric]
    at.session_state[TAB_KEY] = "PEKPPP"
    at.run()
    assert [b.label for b in at.download_button] == ["Unduh paket bukti PEKPPP 2024 (ZIP)"]
    assert "IKM" not in [m.label for m in at.metric] and "Indikator 6" in [m.label for m in at.metric]
    at.session_state[TAB_KEY] = "Pengaturan surat"
    at.run()
    assert not at.exception and not at.download_button
    assert at.text_input(key=f"lap_nomor_{unit_ids['kelurahan']}_2024-S1").value == "465 / OT.06"


def test_saving_settings_changes_the_pdf(own_app, unit_ids):
    uid, code = unit_ids["kelurahan"], "2024-S1"
    at = open_page(PAGE, uid, code, opened={TAB_KEY: "Pengaturan surat"})
    at.text_input(key=f"lap_penandatangan_{uid}_{code}").set_value("Budi Santoso")
    at.text_input(key=f"lap_nip_{uid}_{code}").set_value("198501012010011002")
    at.text_input(key=f"lap_nomor_{uid}_{code}").set_value("470 / 2024")
    at.text_area(key=f"lap_tembusan_{uid}_{code}").set_value("Camat Makasar\n\nArsip\n")
    at.date_input(key=f"lap_tanggal_{uid}_{code}").set_value(date(2024, 7, 15))
    next(b for b in at.button if b.label == "Simpan pengaturan").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("disimpan" in s.value for s in at.success)
    assert at.text_input(key=f"lap_penandatangan_{uid}_{code}").value == "Budi Santoso"

    store = Store(own_app)
    try:
        saved = store.report_settings(store.unit(uid), Period(2024, 1))
        assert saved.tembusan == ["Camat Makasar", "Arsip"] and saved.tanggal == date(2024, 7, 15)
        content = build_pdf(report_data(store, store.unit(uid), Period(2024, 1), today=date(2024, 8, 1)))
    finally:
        store.close()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    assert "Budi Santoso" in text and "NIP. 198501012010011002" in text and "470 / 2024" in text
    assert "Jakarta, 15 Juli 2024" in text and "Camat Makasar" in text
    assert "Heru Suryono" not in text


@pytest.mark.parametrize("level", ["kecamatan", "kota"])
def test_wilayah_lists_kelurahan_and_drills_down(app, unit_ids, level):
    at = open_page(PAGE, unit_ids[level], "2024-S1")
    text = text_of(at)
    assert "per kelurahan" in text
    assert [b.label for b in at.download_button] == [  # of the wilayah
        "Infografis (PNG)",
        "Infografis (PDF)",
        "Unduh rekapitulasi (PDF)",
        "Unduh tabel rekapitulasi (XLSX)",
    ]
    assert "Laporan Rekapitulasi SKM" in [s.value for s in at.subheader]
    assert "SEMENTARA" not in text  # every kelurahan (kecamatan) has 2024-S1 data
    table = static_tables(at)[0]
    count = sum(KELURAHAN_PER_KECAMATAN.values()) if level == "kota" else KELURAHAN_PER_KECAMATAN["Makasar"]
    assert len(table) == count and any("Halim Perdanakusuma" in u for u in table["Unit"])
    # The kelurahan Makasar is never confused with its kecamatan: each part says its level.
    makasar = "Kel. Makasar" if level == "kecamatan" else "Kec. Makasar › Kel. Makasar"
    assert makasar in list(table["Unit"]) and makasar in at.selectbox(key="laporan_target").options
    halim = table[table["Unit"].str.contains("Halim")].iloc[0]
    assert halim["IKM"] == "99,09" and halim["RTL terlaksana"] == "4 dari 4"
    # The seed's letter has its number and signatory; a synthetic kelurahan's has neither.
    kebon_pala = table[table["Unit"].str.contains("Kebon Pala")].iloc[0]
    assert halim["Surat"] == "lengkap" and kebon_pala["Surat"] == "perlu dilengkapi"
    at.selectbox(key="laporan_target").set_value(unit_ids["kebon_pala"])
    at.button(key="laporan_open").click()
    at.run()
    assert not at.exception
    assert at.session_state["unit_id"] == unit_ids["kebon_pala"]
    assert at.title[0].value == "Laporan" and len(at.download_button) == 5
    assert "Rencana tindak lanjut periode ini belum diisi" in text_of(at)


def test_period_without_data_keeps_the_settings_form(app, unit_ids):
    at = open_page(PAGE, unit_ids["kelurahan"], "2026-S1")
    assert not at.download_button
    assert "Belum ada data" in text_of(at)
    at.session_state[TAB_KEY] = "Pengaturan surat"
    at.run()
    assert any(b.label == "Simpan pengaturan" for b in at.button)


def test_kecamatan_rekap_settings_saved_from_the_page_print_on_the_rekap(own_app, unit_ids):
    uid, code = unit_ids["kecamatan"], "2024-S1"
    at = open_page(PAGE, uid, code)
    assert not _settings_fields(at)  # the settings are built when their expander opens
    at.session_state[REKAP_SETTINGS_KEY] = True
    at.run()
    assert not [a for a in at.text_area if (a.key or "").startswith("lap_bab1_")]  # a rekap has no BAB I
    at.text_input(key=f"lap_penandatangan_{uid}_{code}").set_value("Dra. Siti Rahma")
    at.text_input(key=f"lap_nomor_{uid}_{code}").set_value("061/SKM/2024")
    next(b for b in at.button if b.label == "Simpan pengaturan").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("disimpan" in s.value for s in at.success)

    store = Store(own_app)
    try:
        rekap = rekap_data(store, store.unit(uid), Period(2024, 1), today=date(2024, 8, 1))
        assert rekap.settings.bab1 == store.report_settings(store.unit(uid), Period(2024, 1)).bab1
        content = build_rekap_pdf(rekap)
    finally:
        store.close()
    letter = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "Dra. Siti Rahma" in letter and "061/SKM/2024" in letter and "Camat Kecamatan Makasar" in letter


def test_camat_rekap_downloads_go_through_the_door(own_app, unit_ids, deferred):  # noqa: F811
    from skm.actions import admin as admin_actions
    from tests.test_one_door import CAMAT, admin_session, app_store

    at = new_app(120, name=CAMAT[0], role=CAMAT[1], unit_path=CAMAT[2])
    at.run()
    choose(at, unit_ids["kecamatan"], "2024-S1")
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = text_of(at)
    # The camat signs the rekap: the letter settings of their own kecamatan are theirs to fill in.
    assert "(di bawah)" in text and "diisi oleh admin" not in text
    names = [n for n in deferred if n.startswith("laporan-rekapitulasi-skm_makasar_2024-S1")]
    assert sorted(names) == [
        "laporan-rekapitulasi-skm_makasar_2024-S1.pdf",
        "laporan-rekapitulasi-skm_makasar_2024-S1.xlsx",
    ]
    for name in names:
        mgr, file_id = deferred[name]
        assert mgr.execute_deferred(file_id)  # a real file while the camat's account is active
    admin_actions.set_disabled(app_store(), admin_session(), CAMAT[0], True)
    for name in names:
        mgr, file_id = deferred[name]
        with pytest.raises(MediaFileStorageError, match="Sesi Anda sudah berakhir"):
            mgr.execute_deferred(file_id)
