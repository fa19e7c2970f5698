"""The Rencana Tindak Lanjut page through AppTest on the demo database: the seed's plan and
realisation, saving a realisation through the widgets, photos, the plan editor's save path,
and the kecamatan/kota overview with drill-down."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from skm import rtl
from skm.demo import KELURAHAN_PER_KECAMATAN, SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.storage import Store
from tests.apptest import open_page, static_tables
from tests.test_rtl import png_bytes
from ui import data

PAGE = "pages/rtl.py"
LEVELS = {"kelurahan": SEED_UNIT, "kecamatan": "Jakarta Timur/Makasar", "kota": "Jakarta Timur"}
SEED_PROGRAMS = [
    "Melakukan Sosialisasi kepada masyarakat melalui RT/RW/LMK akan tugas dan fungsi PPSU",
    "Melakukan Sosialisasi kepada masyarakat melalui RT, RW, LMK, kader melalui kegiatan kemasyarakatan seperti PSN",
    "Melakukan evaluasi dan pengawasan terhadap Petugas PPSU",
    "Mengadakan peningkatan wawasan terhadap PPSU terkait tugas dan fungsi",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("rtl-demo") / "skm.duckdb"
    store = Store(path)
    ensure_demo(store)
    store.close()
    return path


def _use(db, monkeypatch):
    monkeypatch.setenv("SKM_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app(demo_db, monkeypatch):
    """The shared demo database, for tests that only read."""
    _use(demo_db, monkeypatch)
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def own_db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database for tests that write; yields a path."""
    path = tmp_path / "db" / "skm.duckdb"
    path.parent.mkdir()
    shutil.copy(demo_db, path)
    _use(path, monkeypatch)
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def store() -> Store:
    """The app's own Store (one DuckDB connection per process, cached like the app does)."""
    return data.get_store()


def unit_id(path: str) -> int:
    return store().find_unit(path).id


def plan(uid: int) -> list[rtl.RtlItem]:
    return store().rtl_items(uid, SEED_PERIOD)


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [x.value for x in at.info] + [x.value for x in at.warning] + [x.value for x in at.success]
    parts += [x.value for x in at.error]
    parts += [f"{m.label}: {m.value} ({m.delta})" for m in at.metric]
    parts += [df.value.to_csv() for df in [*at.dataframe, *at.table]]
    parts += [t.to_csv() for t in static_tables(at)]
    return "\n".join(str(p) for p in parts)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one static table of the run with this column (Tabel 2: "Prioritas unsur"; BAB III:
    "Tantangan/Hambatan")."""
    [table] = [t for t in static_tables(at) if column in t.columns]
    return table


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("level", list(LEVELS))
@pytest.mark.parametrize("period", ["2024-S1", "2025-S2", "2026-S1"])
def test_page_runs_at_every_level(app, level, period):
    at = open_page(PAGE, unit_id(LEVELS[level]), period)
    assert at.title[0].value == "Rencana Tindak Lanjut"
    assert not at.error
    assert "Traceback" not in shown(at)


def test_halim_shows_the_seed_plan_and_realisation(app):
    at = open_page(PAGE, unit_id(SEED_UNIT), "2024-S1")
    m = metrics(at)
    assert m["RTL terealisasi"] == "100%"
    assert m["Nilai evaluasi realisasi"] == "5"
    assert m["Terlambat"] == "0"
    text = shown(at)
    assert "4 dari 4 kegiatan" in text and "sebelum periode berakhir" in text
    plan = at.data_editor[0].value
    assert list(plan["program"]) == SEED_PROGRAMS
    assert list(plan["unsur"]) == [
        "U1 Persyaratan",
        "U1 Persyaratan",
        "U2 Sistem, Mekanisme, dan Prosedur",
        "U6 Kompetensi Pelaksana",
    ]
    assert list(plan["tw_II"]) == [True] * 4 and not any(plan["tw_I"])
    # Tabel 2 as the report prints it: a priority's No and unsur only on its first program.
    tabel2 = table_with(at, "Prioritas unsur")
    assert list(tabel2["No"]) == ["1", "", "2", "3"]
    assert list(tabel2["Prioritas unsur"])[:2] == ["U1 Persyaratan", ""]
    assert list(tabel2["TW II 2024"]) == ["√"] * 4 and set(tabel2["TW I 2024"]) == {""}
    assert set(tabel2["Penanggung jawab"]) == {"Lurah"}
    # BAB III as the report prints it.
    bab3 = table_with(at, "Tantangan/Hambatan")
    assert list(bab3["Program / Kegiatan"]) == SEED_PROGRAMS
    assert list(bab3["Tanggal realisasi"]) == [
        "Jumat, 31 Mei 2024",
        "Jumat, 17 Mei 2024",
        "Kamis, 30 Mei 2024",
        "Rabu, 22 Mei 2024",
    ]
    assert set(bab3["Tantangan/Hambatan"]) == {"Tidak ada hambatan"}
    # The proposed priorities: unit level U5, U6, U4; the lowest layanan PPSU with its four tied unsur.
    assert "1. U5 Produk Spesifikasi Jenis Pelayanan" in text and "3. U4 Biaya/Tarif" in text
    assert "Layanan terendah: PPSU" in text and "4. U6 Kompetensi Pelaksana" in text


def test_realisation_is_saved_through_the_widgets(own_db):
    halim = unit_id(SEED_UNIT)
    at = open_page(PAGE, halim, "2024-S1")
    first = plan(halim)[0]

    at.radio(key=f"rtl_status_{first.id}").set_value(rtl.STATUS_BELUM)
    at.text_input(key=f"rtl_hambatan_{first.id}").input("Jadwal rapat RW bentrok")
    at.run()
    assert at.date_input(key=f"rtl_tanggal_{first.id}").disabled
    press(at, f"rtl_real_save_{first.id}")
    m = metrics(at)
    assert m["RTL terealisasi"] == "75%" and m["Nilai evaluasi realisasi"] == "3"
    assert "Realisasi disimpan." in shown(at)
    saved = plan(halim)[0]
    assert (saved.id, saved.status, saved.tanggal, saved.hambatan) == (
        first.id,
        "belum",
        None,
        "Jadwal rapat RW bentrok",
    )

    # Sudah without a date is refused with a message, and nothing changes.
    at.radio(key=f"rtl_status_{first.id}").set_value(rtl.STATUS_SUDAH)
    at.run()
    at.date_input(key=f"rtl_tanggal_{first.id}").set_value(None)
    at.run()
    press(at, f"rtl_real_save_{first.id}")
    assert any("Isi tanggal realisasi" in e.value for e in at.error)
    assert metrics(at)["RTL terealisasi"] == "75%"

    at.date_input(key=f"rtl_tanggal_{first.id}").set_value(date(2024, 6, 7))
    at.text_area(key=f"rtl_deskripsi_{first.id}").input("Rapat koordinasi RT/RW/LMK di aula kelurahan")
    at.run()
    assert "Jumat, 7 Juni 2024" in shown(at)
    press(at, f"rtl_real_save_{first.id}")
    assert metrics(at)["RTL terealisasi"] == "100%" and metrics(at)["Nilai evaluasi realisasi"] == "5"
    saved = plan(halim)[0]
    assert saved.tanggal == date(2024, 6, 7) and saved.deskripsi.startswith("Rapat koordinasi")
    assert "Jumat, 7 Juni 2024" in table_with(at, "Tantangan/Hambatan").to_csv()


def test_photos_upload_show_and_refuse_a_fake(own_db):
    halim = unit_id(SEED_UNIT)
    first = plan(halim)[0]
    at = open_page(PAGE, halim, "2024-S1")
    uploader = next(f for f in at.file_uploader if f.key.startswith(f"rtl_foto_{first.id}_"))
    uploader.set_value([("rapat.png", png_bytes(), "image/png"), ("catatan.jpg", b"bukan gambar\n", "image/jpeg")])
    at.run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert "catatan.jpg: bukan foto PNG atau JPEG." in errors and "1 foto disimpan" in errors
    photos = plan(halim)[0].photos
    assert [p.file_name for p in photos] == ["rapat.png"]
    assert [c for img in at.image for c in img.captions] == ["rapat.png"], "the thumbnail is shown"
    # The uploader is emptied after saving, so the next run does not add the photo again.
    at.run()
    assert len(plan(halim)[0].photos) == 1

    press(at, f"rtl_foto_hapus_{photos[0].id}")
    assert "Foto dihapus." in shown(at)
    assert plan(halim)[0].photos == ()


def test_plan_edits_keep_ids_and_realisation(own_db):
    """The editor's cells cannot be typed into in AppTest, but its edit state can be set, which is
    what the browser sends: rename a program, drop one, add one."""
    halim = unit_id(SEED_UNIT)
    before = plan(halim)
    at = open_page(PAGE, halim, "2024-S1")
    key = f"rtl_editor_{halim}_2024-S1_0"
    at.session_state[key] = {
        "edited_rows": {2: {"program": "Evaluasi dan pengawasan Petugas PPSU setiap bulan", "tw_III": True}},
        "added_rows": [
            {"nomor": 3, "unsur": "U6 Kompetensi Pelaksana", "program": "Pelatihan PPSU", "tw_IV": True},
        ],
        "deleted_rows": [1],
    }
    at.run()
    # Dropping a realised row needs a confirmation first.
    assert any("beserta realisasi dan fotonya" in w.value for w in at.warning)
    press(at, f"rtl_plan_save_{halim}_2024-S1")
    assert any("Centang persetujuan" in e.value for e in at.error)
    assert plan(halim) == before

    at.checkbox(key=f"rtl_confirm_drop_{halim}_2024-S1").check()
    at.run()
    press(at, f"rtl_plan_save_{halim}_2024-S1")
    assert "Rencana tindak lanjut disimpan: 4 kegiatan." in shown(at)
    after = plan(halim)
    assert [i.id for i in after[:3]] == [before[0].id, before[2].id, before[3].id]
    assert after[1].program == "Evaluasi dan pengawasan Petugas PPSU setiap bulan"
    assert after[1].triwulan == ("II", "III") and after[1].done and after[1].tanggal == before[2].tanggal
    assert (after[3].id not in {b.id for b in before}) and after[3].program == "Pelatihan PPSU"
    m = metrics(at)
    assert m["RTL terealisasi"] == "75%" and m["Nilai evaluasi realisasi"] == "3"
    # The editor starts afresh from the saved plan.
    assert list(at.data_editor[0].value["program"])[-1] == "Pelatihan PPSU"


def test_empty_plan_is_prefilled_from_the_priorities_and_validated(own_db):
    kebon = unit_id("Jakarta Timur/Makasar/Kebon Pala")
    at = open_page(PAGE, kebon, "2024-S1")
    assert "Belum ada RTL Semester I 2024 untuk Kel. Kebon Pala." in shown(at)
    radio = at.radio(key=f"rtl_prefill_source_{kebon}_2024-S1")
    assert radio.options[0].startswith("Tiga unsur terendah") and "Unsur terendah layanan" in radio.options[1]
    press(at, f"rtl_prefill_button_{kebon}_2024-S1")
    frame = at.data_editor[0].value
    assert len(frame) >= 3 and list(frame["nomor"])[:3] == [1, 2, 3]
    assert all(rtl.unsur_code(u) for u in frame["unsur"])
    assert "Baris usulan belum disimpan" in shown(at)
    press(at, f"rtl_plan_save_{kebon}_2024-S1")
    errors = "\n".join(e.value for e in at.error)
    assert "Baris 1: Program / Kegiatan belum diisi." in errors and "Baris 1: centang paling sedikit" in errors
    assert plan(kebon) == []

    key = f"rtl_editor_{kebon}_2024-S1_1"
    at.session_state[key] = {
        "edited_rows": {
            n: {"program": f"Kegiatan {n + 1}", "tw_III": True, "penanggung_jawab": "Lurah"} for n in range(len(frame))
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    press(at, f"rtl_plan_save_{kebon}_2024-S1")
    saved = plan(kebon)
    assert [i.program for i in saved] == [f"Kegiatan {n + 1}" for n in range(len(frame))]
    # PEKPPP indicator 8: a plan not yet started scores 1 (skm.pekppp.BANDS)
    assert metrics(at)["RTL terealisasi"] == "0%" and metrics(at)["Nilai evaluasi realisasi"] == "1"


def test_overdue_items_stand_out(own_db):
    kebon = unit_id("Jakarta Timur/Makasar/Kebon Pala")
    store().save_rtl(
        kebon,
        SEED_PERIOD,
        [
            rtl.RtlItem(nomor=1, unsur="U3", program="Percepat layanan surat", triwulan=("II",)),
            rtl.RtlItem(
                nomor=2,
                unsur="U8",
                program="Kotak saran",
                triwulan=("II",),
                status="sudah",
                tanggal=date(2024, 8, 15),
            ),
        ],
    )
    at = open_page(PAGE, kebon, "2024-S1")
    assert metrics(at)["Terlambat"] == "1"
    warning = "\n".join(w.value for w in at.warning)
    assert "1 kegiatan terlambat" in warning and "Percepat layanan surat — rencana TW II 2024" in warning
    assert "30 Juni 2024" in warning
    assert metrics(at)["Rata-rata waktu realisasi"] == "1,5 bulan" and "setelah periode berakhir" in shown(at)
    assert "Belum — terlambat" in table_with(at, "Tantangan/Hambatan").to_csv()


def test_kecamatan_lists_every_kelurahan_and_drills_down(app):
    kec = unit_id("Jakarta Timur/Makasar")
    halim = unit_id(SEED_UNIT)
    at = open_page(PAGE, kec, "2024-S1")
    table = static_tables(at)[0]
    assert sorted(table["Kelurahan"]) == sorted(
        ["Halim Perdanakusuma", "Makasar", "Kebon Pala", "Pinang Ranti", "Cipinang Melayu"]
    )
    rows = {r["Kelurahan"]: r for _, r in table.iterrows()}
    assert rows["Halim Perdanakusuma"]["Realisasi"] == "100%" and rows["Halim Perdanakusuma"]["Nilai evaluasi"] == "5"
    assert rows["Halim Perdanakusuma"]["Direncanakan"] == "4" and rows["Halim Perdanakusuma"]["Terealisasi"] == "4"
    assert rows["Kebon Pala"]["Keterangan"] == "belum ada RTL" and rows["Kebon Pala"]["Nilai evaluasi"] == "–"
    assert metrics(at)["Kelurahan dengan RTL"] == "1 dari 5"
    assert not at.data_editor  # no editing at kecamatan level

    at.selectbox(key="rtl_target").set_value(halim)
    press(at, "rtl_open")
    assert at.session_state["unit_id"] == halim
    assert at.title[0].value == "Rencana Tindak Lanjut"
    assert metrics(at)["RTL terealisasi"] == "100%"


def test_kota_groups_kelurahan_by_kecamatan(app):
    at = open_page(PAGE, unit_id("Jakarta Timur"), "2024-S1")
    table = static_tables(at)[0]
    assert len(table) == sum(KELURAHAN_PER_KECAMATAN.values())  # every kelurahan of the demo kota
    assert set(table["Kecamatan"]) == set(KELURAHAN_PER_KECAMATAN)
    assert "Kec. Makasar › Kel. Makasar" in at.selectbox(key="rtl_target").options
    missing = next(i.value for i in at.info if i.value.startswith("Belum ada RTL Semester I 2024:"))
    assert "Kec. Makasar › Kel. Cipinang Melayu" in missing


@pytest.mark.parametrize("damage", [b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", b"", b"\xff\xd8\xff"])
def test_a_photo_that_does_not_decode_shows_a_placeholder_and_stays_deletable(own_db, damage):
    """An old row from before re-encoding, or a file damaged on disk: the page shows the file's name
    in a placeholder, the other photos still show, and the broken one can be deleted."""
    halim = unit_id(SEED_UNIT)
    first = plan(halim)[0]
    good = store().add_rtl_photo(first.id, png_bytes(), "rapat.png")
    broken = store().add_rtl_photo(first.id, png_bytes(3, 3), "rusak.png")  # another file than the good one
    Path(broken.stored_path).write_bytes(damage)  # garbage over the stored file
    at = open_page(PAGE, halim, "2024-S1")
    assert [c for img in at.image for c in img.captions] == ["rapat.png"]
    assert "Foto tidak dapat ditampilkan" in shown(at) and "rusak.png: berkasnya rusak atau bukan foto" in shown(at)
    press(at, f"rtl_foto_hapus_{broken.id}")
    assert "Foto dihapus." in shown(at)
    assert [p.id for p in plan(halim)[0].photos] == [good.id]
