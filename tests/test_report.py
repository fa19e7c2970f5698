"""The Laporan Hasil Tindak Lanjut: the seed's report comes back out of our PDF (read by pypdf and
by poppler's pdftotext), odd data does not break it, the XLSX never carries a formula, and
`python -m skm report` works end to end."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from skm.demo import SEED_PERIOD, SEED_RTL, SEED_SETTINGS, SEED_UNIT, ensure_demo
from skm.errors import SkmError
from skm.formatting import tanggal
from skm.ingest import read_survey
from skm.report.data import report_data
from skm.report.pdf import _interval_rows, build_pdf, printable
from skm.report.xlsx import build_xlsx, risky
from skm.rtl import STATUS_BELUM, RtlItem
from skm.storage import Store
from skm.units import Period

ROOT = Path(__file__).resolve().parents[1]
SEED_CSV = ROOT / "skm" / "demo" / "halim_2024s1_tabel1.csv"
LETTER_DAY = date(2024, 7, 9)
KEY_STRINGS = (
    "99,09",
    "Sangat Baik",
    "100%",
    "465 / OT.06",
    "Heru Suryono",
    "197304041996031003",
    "98,47",
    "Rata-rata IKM per Unsur",
    "adalah 99,09 dan masuk dalam kategori A (Sangat Baik)",
    "terhadap 6 (enam) jenis layanan yaitu",
    "Yth. Camat Kecamatan Makasar",
    "Tembusan",
    "Walikota Kota Administrasi Jakarta Timur",
    "BAB I",
    "PENDAHULUAN",
    "DESKRIPSI RENCANA TINDAK LANJUT",
    "Tabel 1. Ringkasan Hasil SKM Semester I Tahun 2024",
    "Nilai Interval Konversi IKM",
    "Tabel 2. Rencana Tindak Lanjut Pelaksanaan SKM",
    "REALISASI RENCANA TINDAK LANJUT",
    "KESIMPULAN",
    "telah menindaklanjuti rencana tindak lanjut sebanyak 100%",
    "DATA DEMO",
)


def flat(text: str) -> str:
    """Whitespace as one space: justified lines and table cells wrap where the layout says."""
    return " ".join(text.split())


def pdf_pages(content: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "skm.duckdb"
    store = Store(path)
    ensure_demo(store)
    store.close()
    return path


@pytest.fixture
def db(demo_db, tmp_path) -> Path:
    """A private copy of the demo database, for tests that change it."""
    target = tmp_path / "db" / "skm.duckdb"
    target.parent.mkdir()
    shutil.copy(demo_db, target)
    return target


@pytest.fixture(scope="module")
def demo_store(demo_db):
    store = Store(demo_db)
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo_data(demo_store):
    unit = demo_store.find_unit(SEED_UNIT)
    return report_data(demo_store, unit, SEED_PERIOD, today=LETTER_DAY)


@pytest.fixture(scope="module")
def demo_pdf(demo_data) -> bytes:
    return build_pdf(demo_data)


# ---------------------------------------------------------------- the seed's report
def test_report_data_carries_the_seed(demo_data):
    d = demo_data
    assert round(d.score.ikm, 2) == 99.09 and d.score.mutu.kinerja == "Sangat Baik"
    assert d.layanan == ("Jumantik", "Keterlibatan Umum", "PKK", "Posyandu", "PPSU", "RT/RW, LMK dan FKDM")
    assert [r.label for r in d.tabel1][-2:] == ["Rata-rata IKM per Unsur", "Mutu Layanan"]
    assert [p.name for p in d.lowest_layanan] == ["PPSU"]
    assert {u.code for u in d.lowest_layanan_unsur} == {"U1", "U2", "U5", "U6"}  # PPSU's 3,93, ties kept
    assert len(d.priorities) >= 3
    assert [i.program for i in d.rtl] == [r[2] for r in SEED_RTL]
    assert d.progress.percent == 1.0 and d.progress.band == 5
    assert d.settings.nomor == "465 / OT.06" and d.letter_date == LETTER_DAY
    assert d.unit_label == "Kelurahan Halim Perdanakusuma" and d.period_text == "Semester I Tahun 2024"
    assert d.triwulan_columns == ("II", "III", "IV")


def test_demo_pdf_reads_back_with_pypdf(demo_pdf):
    pages = pdf_pages(demo_pdf)
    text = "\n".join(pages)
    for key in KEY_STRINGS:
        assert key in text, key
    for _nomor, _unsur, program, _tw, _pj, day, description in SEED_RTL:
        assert text.count(flat(program)) >= 2, program  # Tabel 2 and BAB III
        assert tanggal(day) in text, tanggal(day)
        assert flat(description) in text
    assert "Jumat, 31 Mei 2024" in text
    assert "√" in text
    for i, page in enumerate(pages, start=1):
        assert f"Halaman {i} dari {len(pages)}" in page
        assert "DATA DEMO" in page


def test_demo_pdf_reads_back_with_pdftotext(demo_pdf, tmp_path):
    path = tmp_path / "laporan.pdf"
    path.write_bytes(demo_pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60, check=True)
    text = flat(out.stdout.decode("utf-8"))
    for key in KEY_STRINGS:
        assert key in text, key
    for _nomor, _unsur, program, _tw, _pj, day, _desc in SEED_RTL:
        assert flat(program) in text and tanggal(day) in text


def test_demo_pdf_layout(demo_pdf):
    reader = PdfReader(io.BytesIO(demo_pdf))
    pages = [flat(p.extract_text()) for p in reader.pages]
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert reader.metadata is not None and "Halim Perdanakusuma" in (reader.metadata.title or "")

    def first(needle: str) -> int:
        return next(i for i, t in enumerate(pages) if needle in t)

    assert first("465 / OT.06") == 0 and not landscape[0]  # the letter fits its first page
    assert "Heru Suryono" in pages[0] and "Tembusan" in pages[0]
    assert not landscape[first("PENDAHULUAN")]
    for needle in ("Tabel 1. Ringkasan", "Tabel 2. Rencana", "REALISASI RENCANA"):
        assert landscape[first(needle)], needle
    assert not landscape[first("KESIMPULAN")]
    assert first("Tabel 1. Ringkasan") < first("Tabel 2. Rencana") < first("REALISASI") < first("KESIMPULAN")
    assert len(reader.pages) <= 10


def test_interval_table_is_the_regulations():
    assert _interval_rows() == [
        ("1", "1,00 – 2,59", "25,00 – 64,99", "D", "Tidak baik"),
        ("2", "2,60 – 3,06", "65,00 – 76,60", "C", "Kurang baik"),
        ("3", "3,07 – 3,53", "76,61 – 88,30", "B", "Baik"),
        ("4", "3,54 – 4,00", "88,31 – 100,00", "A", "Sangat baik"),
    ]


def test_saved_settings_change_the_letter(db):
    store = Store(db)
    try:
        unit = store.find_unit(SEED_UNIT)
        store.save_report_settings(
            unit.id,
            SEED_PERIOD,
            replace(SEED_SETTINGS, penandatangan="Siti Rahmawati", nip="198001012005012001", nomor="800 / 123"),
        )
        text = "\n".join(pdf_pages(build_pdf(report_data(store, unit, SEED_PERIOD, today=LETTER_DAY))))
    finally:
        store.close()
    assert "Siti Rahmawati" in text and "198001012005012001" in text and "800 / 123" in text
    assert "Heru Suryono" not in text


def test_pdf_builds_from_any_working_directory(demo_db, tmp_path):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from datetime import date; from skm.storage import Store; from skm.units import Period;"
        "from skm.report.data import report_data; from skm.report.pdf import build_pdf;"
        "s = Store(sys.argv[2]); u = s.find_unit('Halim Perdanakusuma');"
        "sys.stdout.buffer.write(build_pdf(report_data(s, u, Period(2024, 1), date(2024, 7, 9))))"
    )
    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, copy)
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(copy)], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.startswith(b"%PDF") and "Heru Suryono" in "".join(pdf_pages(out.stdout))


# ---------------------------------------------------------------- odd data
def _seed_unit(store: Store, path: str) -> int:
    data = SEED_CSV.read_bytes()
    unit, _ = store.ensure_unit_path(path)
    store.import_survey(read_survey(data, SEED_CSV.name), data, unit.id, SEED_PERIOD)
    return unit.id


def test_unicode_names_do_not_crash(store, caplog):
    name = "Kelurahan Ñandú — Ŝ 测试"
    unit_id = _seed_unit(store, f"Kota Ωmega/Kecamatan Ünïcode/{name}")
    unit = store.unit(unit_id)
    store.save_report_settings(
        unit_id,
        SEED_PERIOD,
        replace(SEED_SETTINGS, kop_unit=name.upper(), penandatangan="Ŝtefan Ñuñez 王小明", tembusan=["Arsip 📁"]),
    )
    store.save_rtl(
        unit_id,
        SEED_PERIOD,
        [RtlItem(1, "U1", "Sosialisasi \x00persyaratan\tlewat 🎉 WhatsApp — “RT/RW”", ("II",), "Lurah")],
    )
    d = report_data(store, unit, SEED_PERIOD, today=LETTER_DAY)
    assert d.unit_label == name  # already says its level
    content = build_pdf(d)
    text = "\n".join(pdf_pages(content))
    assert "Ñandú — Ŝ ??" in text and "Ŝtefan Ñuñez ???" in text
    assert "Sosialisasi persyaratan lewat ? WhatsApp — “RT/RW”" in text
    assert "missing the following glyphs" not in caplog.text
    assert build_xlsx(d).startswith(b"PK")


def test_printable_keeps_what_the_font_has():
    assert printable("Ñandú — Ŝ √ ≥ 测\ttab\x07") == "Ñandú — Ŝ √ ≥ ? tab"


def test_unit_without_data_raises(demo_store):
    unit = demo_store.find_unit(SEED_UNIT)
    with pytest.raises(SkmError, match="Belum ada data Semester I 2022"):
        report_data(demo_store, unit, Period(2022, 1), today=LETTER_DAY)


def test_wilayah_is_reported_per_kelurahan(demo_store):
    kec = demo_store.find_unit("Jakarta Timur/Makasar")
    with pytest.raises(SkmError, match="per unit layanan"):
        report_data(demo_store, kec, SEED_PERIOD, today=LETTER_DAY)


def test_no_rtl_and_no_settings(store):
    unit_id = _seed_unit(store, "Kota A/Kecamatan B/Kelurahan C")
    d = report_data(store, store.unit(unit_id), SEED_PERIOD, today=LETTER_DAY)
    assert d.settings.hal.startswith("Laporan Hasil Tindak Lanjut Pelaksanaan SKM Semester I Tahun 2024")
    text = "\n".join(pdf_pages(build_pdf(d)))
    assert "Rencana tindak lanjut belum diisi" in text and "belum mencatat rencana tindak lanjut" in text
    assert "9 Juli 2024" in text  # no letter date saved: the day the report is made
    assert "DATA DEMO" not in text


def test_long_plans_split_with_repeated_headers(store):
    unit_id = _seed_unit(store, "Kota A/Kecamatan B/Kelurahan Panjang")
    words = "Sosialisasi persyaratan pelayanan kepada warga melalui pertemuan RT dan RW setiap bulan "
    items = [
        RtlItem(
            1 + i // 4,
            f"U{1 + i % 9}",
            f"Program {i + 1}: " + words * (1 + i % 5),
            ("II", "III") if i % 2 else ("IV",),
            "Lurah" if i % 3 else "Sekretaris Kelurahan",
            status="sudah" if i % 4 else STATUS_BELUM,
            tanggal=date(2024, 5, 1 + i % 28) if i % 4 else None,
            deskripsi=("Baris deskripsi yang panjang. " * (2 + i % 9)) + ("\n" * 30 if i == 7 else ""),
            hambatan="Tidak ada hambatan",
        )
        for i in range(30)
    ]
    items.append(RtlItem(9, "U9", "x" * 3000, ("II",), "Lurah", deskripsi="y" * 5000))  # cut, never too high
    store.save_rtl(unit_id, SEED_PERIOD, items)
    d = report_data(store, store.unit(unit_id), SEED_PERIOD, today=date(2024, 12, 1))
    reader = PdfReader(io.BytesIO(build_pdf(d)))
    pages = [flat(p.extract_text()) for p in reader.pages]
    plan = [t for t in pages if "Program 1" in t or "Program / Kegiatan (Rencana Tindak Lanjut) 2024" in t]
    realisation = [t for t in pages if "Deskripsi Tindak Lanjut" in t]
    assert len(realisation) >= 3
    for t in realisation:  # every page of BAB III's table starts with its header row
        assert "Apakah RTL Telah Ditindaklanjuti (Sudah/Belum)" in t
    tw_pages = [t for t in pages if "TW II TW III TW IV" in t]
    assert len(tw_pages) >= 2 and plan
    text = "\n".join(pages)
    for i in range(30):
        assert f"Program {i + 1}:" in text
    assert "Belum (lewat jadwal TW" in text  # planned, not done, quarter over
    assert "belum terlaksana dan telah melewati jadwalnya" in text


def test_many_layanan_split_tabel1(store):
    header = "Jenis Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9\n"
    rows = "".join(
        f"Layanan nomor {i:02d} dengan nama yang cukup panjang;" + ";".join(["3,5"] * 9) + "\n" for i in range(45)
    )
    data = (header + rows).encode("utf-8")
    unit, _ = store.ensure_unit_path("Kota A/Kecamatan B/Kelurahan Banyak")
    store.import_survey(read_survey(data, "banyak.csv"), data, unit.id, SEED_PERIOD)
    d = report_data(store, unit, SEED_PERIOD, today=LETTER_DAY)
    assert len(d.layanan) == 45
    pages = pdf_pages(build_pdf(d))
    tabel1 = [t for t in pages if "Layanan nomor" in t and "3,50" in t and "Gambar" not in t]
    assert len(tabel1) >= 2
    for t in tabel1:
        assert "Jenis Pelayanan" in t and "Persyaratan (U1)" in t
    assert "45 (empat puluh lima) jenis layanan" in pages[0] + pages[1]


def test_photos_are_embedded_and_bad_files_skipped(db):
    from PIL import Image

    store = Store(db)
    try:
        unit = store.find_unit(SEED_UNIT)
        items = store.rtl_items(unit.id, SEED_PERIOD)

        def image(fmt: str, size=(800, 600)) -> bytes:
            buf = io.BytesIO()
            Image.new("RGB", size, (30, 120, 200)).save(buf, fmt)
            return buf.getvalue()

        store.add_rtl_photo(items[0].id, image("JPEG"), "rapat.jpg", "Rapat koordinasi")
        store.add_rtl_photo(items[0].id, image("PNG", (600, 900)), "rapat2.png")
        broken = store.add_rtl_photo(items[1].id, image("PNG", (64, 64)), "rusak.png")
        Path(broken.stored_path).write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)  # damaged on disk
        gone = store.add_rtl_photo(items[2].id, image("JPEG", (64, 64)), "hilang.jpg")
        Path(gone.stored_path).unlink()
        for extra in range(5):
            store.add_rtl_photo(items[3].id, image("JPEG", (300 + extra, 200)), f"foto{extra}.jpg")
        d = report_data(store, unit, SEED_PERIOD, today=LETTER_DAY)
    finally:
        store.close()
    assert d.missing_photos == 1 and len(d.photos[0]) == 2 and Path(broken.stored_path) in d.photos[1]
    content = build_pdf(d)
    reader = PdfReader(io.BytesIO(content))
    # Distinct pictures (fpdf2 may list a row's picture in the resources of the page it left too).
    images = {hashlib.sha256(img.data).hexdigest() for p in reader.pages for img in p.images}
    assert len(images) == 2  # one montage for item 1, one for item 4; the broken file is skipped
    text = "\n".join(flat(p.extract_text()) for p in reader.pages)
    assert "(+1 foto dokumentasi lain tidak ditampilkan)" in text
    assert "(1 foto dokumentasi rusak, tidak dapat ditampilkan)" in text  # the damaged file, item 2
    assert len(content) < 600_000


# ---------------------------------------------------------------- XLSX
DANGEROUS = ('=HYPERLINK("http://contoh.invalid","klik")', "+62 812 3456", "-", "@warga", "\tcmd", "=1+1")


def test_xlsx_never_holds_a_formula(db):
    store = Store(db)
    try:
        unit = store.find_unit(SEED_UNIT)
        items = store.rtl_items(unit.id, SEED_PERIOD)
        changed = [
            replace(item, program=DANGEROUS[i], deskripsi=DANGEROUS[i + 1], hambatan=DANGEROUS[i + 2])
            for i, item in enumerate(items)
        ]
        store.save_rtl(unit.id, SEED_PERIOD, changed)
        d = report_data(store, unit, SEED_PERIOD, today=LETTER_DAY)
    finally:
        store.close()
    content = build_xlsx(d)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = z.namelist()
        sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 3
        workbook = z.read("xl/workbook.xml").decode()
        for title in ("Tabel 1", "Tabel 2 RTL", "BAB III Realisasi"):
            assert f'name="{title}"' in workbook
        for sheet in sheets:
            xml = z.read(sheet).decode()
            assert "<f>" not in xml and "<f " not in xml, sheet
        shared = z.read("xl/sharedStrings.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    import html

    texts = [html.unescape(t) for t in re.findall(r"<t(?: [^>]*)?>(.*?)</t>", shared, flags=re.S)]
    for value in DANGEROUS:
        assert value in texts, value
    assert 'quotePrefix="1"' in styles
    assert "Rata-rata IKM per Unsur" in texts and "99,09 (A atau Sangat Baik)" in texts


def test_xlsx_reads_back_as_text(demo_data):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(build_xlsx(demo_data)))
    assert wb.sheet_names == ["Tabel 1", "Tabel 2 RTL", "BAB III Realisasi"]
    tabel1 = wb.get_sheet_by_name("Tabel 1").to_python()
    ppsu = next(r for r in tabel1 if r and r[0] == "PPSU")
    assert ppsu[1] == pytest.approx(3.93) and ppsu[11] == pytest.approx(98.47)
    realisasi = wb.get_sheet_by_name("BAB III Realisasi").to_python()
    assert any("Jumat, 31 Mei 2024" in row for row in realisasi)


def test_risky_texts():
    assert all(risky(v) for v in DANGEROUS)
    assert not risky("Rapat koordinasi") and not risky("3,93")


# ---------------------------------------------------------------- CLI
def skm(*args: str, db: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "skm", "--db", str(db), *args], cwd=cwd, capture_output=True, text=True, timeout=180
    )


def test_cli_report_end_to_end(db, tmp_path):
    pdf, xlsx = tmp_path / "out" / "laporan.pdf", tmp_path / "out" / "tabel.xlsx"
    pdf.parent.mkdir()
    r = skm("report", "--unit", SEED_UNIT, "--period", "2024-S1", "--output", str(pdf), "--xlsx", str(xlsx), db=db)
    assert r.returncode == 0, r.stderr
    assert str(pdf) in r.stdout and str(xlsx) in r.stdout and "DATA DEMO" in r.stdout
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    text = "\n".join(pdf_pages(pdf.read_bytes()))
    assert "99,09" in text and "Heru Suryono" in text

    missing = tmp_path / "out" / "kosong.pdf"
    r = skm("report", "--unit", SEED_UNIT, "--period", "2022-S1", "--output", str(missing), db=db)
    assert r.returncode == 1 and "Belum ada data Semester I 2022" in r.stderr and not missing.exists()
    rekap = tmp_path / "out" / "rekap.pdf"  # a kecamatan gets its Laporan Rekapitulasi SKM (tests/test_report_rekap.py)
    r = skm("report", "--unit", "Jakarta Timur/Makasar", "--period", "2024-S1", "--output", str(rekap), db=db)
    assert r.returncode == 0 and "Laporan Rekapitulasi SKM" in r.stdout and rekap.read_bytes().startswith(b"%PDF")
    r = skm("report", "--unit", "Tidak Ada", "--period", "2024-S1", "--output", str(missing), db=db)
    assert r.returncode == 1 and "tidak ditemukan" in r.stderr
