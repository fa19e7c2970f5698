"""RTL domain and storage: progress and the national band, overdue quarters, editing plan rows,
realisation, save_rtl round trips and documentation photos."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace
from datetime import date

import pytest

from skm import rtl
from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.errors import ImageRefused, StoreError
from skm.rtl import Photo, RtlItem
from skm.units import Period

P1 = Period(2024, 1)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG of a few bytes, written by hand."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


def item(tw: tuple[str, ...] = ("II",), status: str = rtl.STATUS_BELUM, **kw) -> RtlItem:
    return RtlItem(nomor=1, unsur="U1", program="Sosialisasi", triwulan=tw, status=status, **kw)


# ---------------------------------------------------------------- progress, band, overdue
@pytest.fixture
def seeded(store):
    ensure_demo(store)
    unit = store.find_unit(SEED_UNIT)
    return store, unit


def test_seed_plan_is_fully_realised_band_5(seeded):
    store, unit = seeded
    items = store.rtl_items(unit.id, SEED_PERIOD)
    assert len(items) == 4 and [i.unsur for i in items] == ["U1", "U1", "U2", "U6"]
    p = rtl.progress(items, SEED_PERIOD, today=date(2024, 7, 9))
    assert (p.planned, p.realised, p.percent, p.band) == (4, 4, 1.0, 5)
    assert p.overdue == ()
    # All four were carried out in May 2024, before the semester ended.
    assert p.mean_months == 0
    assert rtl.speed_text(p.mean_months) == "sebelum periode berakhir"


@pytest.mark.parametrize(
    ("realised", "planned", "band"),
    [(0, 10, 1), (1, 10, 2), (2, 10, 2), (3, 10, 3), (8, 10, 3), (9, 10, 4), (10, 10, 5), (0, 0, None)],
)
def test_realisation_band_boundaries(realised, planned, band):
    assert rtl.realisation_band(planned, realised) == band
    items = [item(status=rtl.STATUS_SUDAH if k < realised else rtl.STATUS_BELUM) for k in range(planned)]
    assert rtl.progress(items, P1, date(2024, 7, 1)).band == band


def test_triwulan_ends():
    assert rtl.triwulan_end(2024, "I") == date(2024, 3, 31)
    assert rtl.triwulan_end(2024, "II") == date(2024, 6, 30)
    assert rtl.triwulan_end(2024, "III") == date(2024, 9, 30)
    assert rtl.triwulan_end(2024, "IV") == date(2024, 12, 31)


def test_overdue_after_the_last_planned_quarter_ends():
    belum = item(("II",))
    assert not rtl.is_overdue(belum, P1, date(2024, 6, 30))
    assert rtl.is_overdue(belum, P1, date(2024, 7, 1))
    # The last quarter counts: planned TW II and III is not late in July.
    assert not rtl.is_overdue(item(("II", "III")), P1, date(2024, 7, 1))
    assert rtl.is_overdue(item(("II", "III")), P1, date(2024, 10, 1))
    # Done is never late.
    done = item(("II",), status=rtl.STATUS_SUDAH, tanggal=date(2024, 8, 1))
    assert not rtl.is_overdue(done, P1, date(2025, 1, 1))
    p = rtl.progress([belum, done], P1, date(2024, 7, 1))
    assert p.overdue == (belum,) and p.band == 3


def test_speed_counts_months_after_the_period():
    late = item(("III",), status=rtl.STATUS_SUDAH, tanggal=date(2024, 8, 30))
    early = item(("II",), status=rtl.STATUS_SUDAH, tanggal=date(2024, 5, 1))
    p = rtl.progress([late, early], P1, date(2024, 12, 1))
    assert p.months_to_realise == (2.0, 0.0) and p.mean_months == 1.0
    assert rtl.speed_text(p.mean_months) == "1,0 bulan setelah periode berakhir"
    assert rtl.speed_text(None) == "–"


# ---------------------------------------------------------------- plan rows
def row(**kw) -> dict:
    base = {"id": None, "nomor": None, "unsur": None, "program": "", "penanggung_jawab": ""}
    base.update({f"tw_{t}": False for t in rtl.TRIWULAN})
    base.update(kw)
    return base


def test_plan_rows_round_trip_keeps_realisation(seeded):
    store, unit = seeded
    existing = store.rtl_items(unit.id, SEED_PERIOD)
    rows = rtl.plan_rows(existing)
    assert rows[0]["unsur"] == "U1 Persyaratan" and rows[0]["tw_II"] and not rows[0]["tw_I"]
    items, problems = rtl.plan_from_rows(rows, existing)
    assert problems == [] and items == existing


def test_plan_from_rows_reads_editor_values():
    nan = float("nan")
    rows = [
        row(
            nomor=1.0,
            unsur="U1 Persyaratan",
            program="  Sosialisasi   tugas PPSU ",
            tw_II=True,
            penanggung_jawab="Lurah",
        ),
        row(nomor=nan, unsur=None, program="Sosialisasi PSN", tw_II=True, tw_III=True),  # continues No 1
        row(nomor=2, unsur="U2 Sistem, Mekanisme, dan Prosedur", program="Evaluasi PPSU", tw_IV=True),
        row(),  # a blank row the editor added: skipped
    ]
    items, problems = rtl.plan_from_rows(rows)
    assert problems == []
    assert [(i.nomor, i.unsur, i.triwulan) for i in items] == [
        (1, "U1", ("II",)),
        (1, "U1", ("II", "III")),
        (2, "U2", ("IV",)),
    ]
    assert items[0].program == "Sosialisasi tugas PPSU" and items[0].penanggung_jawab == "Lurah"
    assert all(i.id is None and i.status == rtl.STATUS_BELUM for i in items)


def test_plan_from_rows_names_the_row_of_each_problem():
    rows = [
        row(nomor=None, unsur="U1 Persyaratan", program="A", tw_II=True),
        row(nomor=2, unsur="Persyaratan", program="B", tw_II=True),
        row(nomor=3, unsur="U3 Waktu Penyelesaian", program="", tw_II=True),
        row(nomor=4, unsur="U4 Biaya/Tarif", program="D"),
        row(nomor=5, unsur=None, program="E", tw_I=True),
        row(nomor=1.5, unsur="U6 Kompetensi Pelaksana", program="F", tw_I=True),
        row(nomor=4, unsur="U7 Perilaku Pelaksana", program="G", tw_I=True),
        row(id=999, nomor=6, unsur="U8", program="H", tw_I=True),
    ]
    items, problems = rtl.plan_from_rows(rows)
    assert items == []
    text = "\n".join(problems)
    assert "Baris 1: kolom No (prioritas) belum diisi." in text
    assert "Baris 2: unsur 'Persyaratan' tidak dikenal" in text
    assert "Baris 3: Program / Kegiatan belum diisi." in text
    assert "Baris 4: centang paling sedikit satu triwulan" in text
    assert "Baris 5: Prioritas unsur belum dipilih." in text
    assert "Baris 6: No (prioritas) harus bilangan bulat" in text
    assert "Baris 7: No 4 sudah dipakai untuk U4 Biaya/Tarif (baris 4)" in text
    assert "Baris 8: kegiatan ini sudah tidak ada" in text


def test_prefill_rows_need_a_program_and_a_quarter():
    rows = rtl.prefill_rows(["U5", "U6", "U4"])
    assert [(r["nomor"], r["unsur"]) for r in rows] == [
        (1, "U5 Produk Spesifikasi Jenis Pelayanan"),
        (2, "U6 Kompetensi Pelaksana"),
        (3, "U4 Biaya/Tarif"),
    ]
    items, problems = rtl.plan_from_rows(rows)
    assert items == [] and len(problems) == 6


def test_dropping_a_realised_row_is_reported(seeded):
    store, unit = seeded
    existing = store.rtl_items(unit.id, SEED_PERIOD)
    rows = rtl.plan_rows(existing)
    assert rtl.dropped_with_realisation(rows, existing) == []
    assert rtl.dropped_with_realisation(rows[1:], existing) == [existing[0]]
    fresh = [row(nomor=1, unsur="U1", program="x", tw_I=True)]
    assert rtl.dropped_with_realisation(fresh, [item()]) == []  # nothing realised: nothing lost


def test_realise_validates_and_clears_the_date_of_belum():
    base = item(("II",))
    today = date(2024, 7, 9)
    done, problems = rtl.realise(base, rtl.STATUS_SUDAH, date(2024, 5, 31), " Rapat koordinasi ", "", P1, today)
    assert problems == [] and done.done and done.tanggal == date(2024, 5, 31) and done.deskripsi == "Rapat koordinasi"
    _, problems = rtl.realise(base, rtl.STATUS_SUDAH, None, "", "", P1, today)
    assert problems == ["Isi tanggal realisasi untuk kegiatan yang sudah dilaksanakan."]
    _, problems = rtl.realise(base, rtl.STATUS_SUDAH, date(2024, 7, 10), "", "", P1, today)
    assert "setelah hari ini" in problems[0]
    _, problems = rtl.realise(base, rtl.STATUS_SUDAH, date(2023, 12, 31), "", "", P1, today)
    assert "Semester I 2024" in problems[0]
    belum, problems = rtl.realise(done, rtl.STATUS_BELUM, date(2024, 5, 31), "", "Anggaran belum turun", P1, today)
    assert problems == [] and belum.tanggal is None and belum.hambatan == "Anggaran belum turun"


# ---------------------------------------------------------------- storage
@pytest.fixture
def halim(store):
    return store, store.ensure_unit_path("Jakarta Timur/Makasar/Halim Perdanakusuma")[0]


def test_save_rtl_round_trip_keeps_ids_and_photos(halim):
    store, unit = halim
    saved = store.save_rtl(
        unit.id, P1, [item(("II",)), replace(item(("III",)), nomor=2, unsur="U2", program="Evaluasi")]
    )
    assert [i.program for i in saved] == ["Sosialisasi", "Evaluasi"] and all(i.id for i in saved)
    first, second = saved
    photo = store.add_rtl_photo(first.id, png_bytes(), "rapat.png", "Rapat RW 01")
    assert isinstance(photo, Photo)

    # Update: edit the first row's plan and realisation; ids and the photo survive.
    edited = replace(first, program="Sosialisasi tugas PPSU", status=rtl.STATUS_SUDAH, tanggal=date(2024, 5, 31))
    again = store.save_rtl(unit.id, P1, [edited, second])
    assert [i.id for i in again] == [first.id, second.id]
    assert again[0].program == "Sosialisasi tugas PPSU" and again[0].done and again[0].tanggal == date(2024, 5, 31)
    assert [p.file_name for p in again[0].photos] == ["rapat.png"] and again[0].photos[0].caption == "Rapat RW 01"

    # Delete: the first row goes, and its photos' rows with it.
    left = store.save_rtl(unit.id, P1, [again[1]])
    assert [i.id for i in left] == [second.id]
    rows = store.cursor().execute("SELECT count(*) FROM rtl_photos WHERE rtl_id = ?", [first.id]).fetchall()
    assert rows[0][0] == 0


def test_save_rtl_refuses_an_id_of_another_unit(halim):
    store, unit = halim
    other = store.ensure_unit_path("Jakarta Timur/Makasar/Kebon Pala")[0]
    mine = store.save_rtl(unit.id, P1, [item()])
    theirs = store.save_rtl(other.id, P1, [item()])
    before = store.table_checksums()
    with pytest.raises(StoreError, match="bukan milik unit dan periode ini"):
        store.save_rtl(unit.id, P1, [*mine, replace(theirs[0], program="dicuri")])
    assert store.table_checksums() == before
    # Another period of the same unit is refused as well.
    with pytest.raises(StoreError):
        store.save_rtl(unit.id, Period(2024, 2), mine)
    assert store.table_checksums() == before


def test_add_rtl_photo_checks_content(halim, tmp_path):
    store, unit = halim
    (saved,) = store.save_rtl(unit.id, P1, [item()])
    png = store.add_rtl_photo(saved.id, png_bytes(), "foto.png")
    jpg = store.add_rtl_photo(saved.id, jpeg_bytes(), "foto.JPG")
    assert png.stored_path.endswith(".png") and jpg.stored_path.endswith(".jpg")
    assert (store.path.parent / "rtl").is_dir()
    before = store.table_checksums()
    with pytest.raises(ImageRefused, match="catatan.jpg: bukan foto PNG atau JPEG"):
        store.add_rtl_photo(saved.id, b"Ini catatan rapat, bukan foto.\n", "catatan.jpg")
    assert store.table_checksums() == before
    with pytest.raises(StoreError, match="tidak ada"):
        store.add_rtl_photo(987654, png_bytes(), "foto.png")
    assert store.table_checksums() == before
    store.delete_rtl_photo(png.id)
    assert [p.id for p in store.rtl_items(unit.id, P1)[0].photos] == [jpg.id]
