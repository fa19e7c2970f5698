"""The Laporan Rekapitulasi SKM (skm/report/rekap*.py): its figures read back from the PDF (pypdf,
pdftotext) and the XLSX (openpyxl) against figures computed here with exact fractions straight
from the store's tables, SEMENTARA when a kelurahan has no data, approval status, RTL progress,
the page fits A4, and `python -m skm report` at a kecamatan/kota end to end."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from skm.demo import ensure_demo
from skm.demo.wilayah import WALIKOTA
from skm.errors import SkmError
from skm.formatting import angka
from skm.report.rekap import rekap_data
from skm.report.rekap_pdf import build_rekap_pdf
from skm.report.rekap_xlsx import build_rekap_xlsx
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.units import Period

ROOT = Path(__file__).resolve().parents[1]
KECAMATAN = "Jakarta Timur/Makasar"
KOTA = "Jakarta Timur"
PERIOD = Period(2024, 1)
TODAY = date(2024, 7, 9)
U = [f"u{i}" for i in range(1, 10)]
MM = 72 / 25.4  # points per millimetre


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(content: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(content)).pages]


# ---------------------------------------------------------------- figures computed here, from the tables
def unit_figures(store: Store, unit_id: int, period: Period) -> tuple[dict[str, Fraction], Fraction] | None:
    """A kelurahan's NRR per unsur and IKM from its active layanan: raw answers (sum / answered),
    or an NRR table's row (with the office's IKM Layanan when it reported one); the unit is the
    unweighted mean over its layanan (PermenPANRB 14/2017, README "The arithmetic")."""
    cur = store.cursor()
    layanan = cur.execute(
        """SELECT bl.batch_id, bl.layanan_id FROM batch_layanan bl
           JOIN import_batches b ON b.id = bl.batch_id JOIN layanan l ON l.id = bl.layanan_id
           WHERE bl.active AND l.unit_id = ? AND b.tahun = ? AND b.semester = ?""",
        [unit_id, period.tahun, period.semester],
    ).fetchall()
    if not layanan:
        return None
    nrrs, ikms = [], []
    for batch_id, layanan_id in layanan:
        columns = ", ".join(f"sum({u}), count({u})" for u in U)
        sums = cur.execute(
            f"SELECT {columns} FROM responses WHERE batch_id = ? AND layanan_id = ?",
            [batch_id, layanan_id],
        ).fetchone()
        if sums[1]:
            nrr = {u: Fraction(int(sums[2 * i]), int(sums[2 * i + 1])) for i, u in enumerate(U)}
            ikm = sum(nrr.values()) / 9 * 25
        else:
            row = cur.execute(
                f"SELECT {', '.join(U)}, ikm_reported FROM aggregates WHERE batch_id = ? AND layanan_id = ?",
                [batch_id, layanan_id],
            ).fetchone()
            nrr = {u: Fraction(row[i]) for i, u in enumerate(U)}
            ikm = Fraction(row[9]) if row[9] is not None else sum(nrr.values()) / 9 * 25
        nrrs.append(nrr)
        ikms.append(ikm)
    return {u: sum(n[u] for n in nrrs) / len(nrrs) for u in U}, sum(ikms) / len(ikms)


def kelurahan_of(store: Store, path: str) -> list:
    return store.children(store.find_unit(path).id)


def expected(store: Store, period: Period) -> dict[str, tuple[dict[str, Fraction], Fraction] | None]:
    return {k.name: unit_figures(store, k.id, period) for k in kelurahan_of(store, KECAMATAN)}


def mean_ikm(figures: dict) -> Fraction:
    values = [f[1] for f in figures.values() if f is not None]
    return sum(values) / len(values)


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rekap") / "skm.duckdb"
    store = Store(path)
    ensure_demo(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def demo_store(demo_db):
    store = Store(demo_db)
    yield store
    store.close()


@pytest.fixture
def own_store(demo_db, tmp_path):
    """A private copy of the demo database, for tests that change it."""
    target = tmp_path / "db" / "skm.duckdb"
    target.parent.mkdir()
    shutil.copy(demo_db, target)
    store = Store(target)
    yield store
    store.close()


@pytest.fixture(scope="module")
def kecamatan_pdf(demo_store) -> bytes:
    return build_rekap_pdf(rekap_data(demo_store, demo_store.find_unit(KECAMATAN), PERIOD, today=TODAY))


def drop_kelurahan(store: Store, name: str, period: Period) -> None:
    unit = store.find_unit(f"{KECAMATAN}/{name}")
    for batch in store.batches(unit.id, period):
        store.undo_import(batch.id, user="uji")


# ---------------------------------------------------------------- the PDF
def numbers_after(text: str, label: str, n: int) -> list[float]:
    """The first n Indonesian numbers (99,09) after a row's label."""
    found = re.findall(r"\d+,\d{2}", text[text.index(label) + len(label) :])[:n]
    return [float(x.replace(",", ".")) for x in found]


def shown(value: float, exact: Fraction) -> bool:
    """A figure printed with two decimals is the exact one rounded (a half-way 3,965 may go either way)."""
    return abs(Fraction(value) - exact) <= Fraction(1, 200) + Fraction(1, 10**9)


def test_every_kelurahan_row_matches_figures_computed_from_the_tables(demo_store, kecamatan_pdf):
    figures = expected(demo_store, PERIOD)
    assert all(f is not None for f in figures.values()) and len(figures) == 5
    page = next(p for p in pdf_pages(kecamatan_pdf) if "Tabel 1. NRR per Unsur" in p)
    for name, (nrr, ikm) in figures.items():  # type: ignore[misc]
        printed = numbers_after(page, f"Kelurahan {name}", 10)
        assert all(shown(v, nrr[u]) for v, u in zip(printed, U, strict=False)), (name, printed)
        assert printed[9] == round(float(ikm), 2), (name, printed)
    ikm = mean_ikm(figures)
    nrr = {u: sum(f[0][u] for f in figures.values() if f) / 5 for u in U}
    printed = numbers_after(page, "Kecamatan Makasar", 10)
    assert all(shown(v, nrr[u]) for v, u in zip(printed, U, strict=False)) and shown(printed[9], ikm)
    assert "Kecamatan Makasar Semester I Tahun 2024 adalah " + angka(float(ikm)) in pdf_pages(kecamatan_pdf)[0]


def test_ranking_and_change_from_the_previous_semester(demo_store, kecamatan_pdf):
    now, before = expected(demo_store, PERIOD), expected(demo_store, PERIOD.previous())
    order = sorted(now, key=lambda n: now[n][1], reverse=True)  # type: ignore[index]
    page = next(p for p in pdf_pages(kecamatan_pdf) if "Tabel 2. Peringkat" in p)
    section = page[page.index("Tabel 2. Peringkat") : page.index("Tabel 3.")]
    positions = [section.index(f"Kelurahan {n}") for n in order]
    assert positions == sorted(positions)
    for rank, name in enumerate(order, start=1):
        ikm, prev = now[name][1], before[name][1]  # type: ignore[index]
        delta = ikm - prev
        sign = "+" if delta > 0 else "-"
        row = f"{rank} Kelurahan {name} {angka(float(ikm))}"
        assert row in section, row
        assert f"{angka(float(prev))} {sign}{angka(float(abs(delta)))}" in section


def test_letter_uses_the_kecamatan_settings_and_says_the_headline(demo_store, kecamatan_pdf):
    letter = pdf_pages(kecamatan_pdf)[0]
    assert "KECAMATAN MAKASAR" in letter and "JAKARTA TIMUR" in letter  # the demo's kop
    assert WALIKOTA in letter  # the demo kecamatan's own settings
    assert "Camat Kecamatan Makasar" in letter
    assert "Laporan Rekapitulasi SKM Semester I Tahun 2024 Kecamatan Makasar" in letter
    assert "5 dari 5 kelurahan" in letter and "SEMENTARA" not in " ".join(pdf_pages(kecamatan_pdf))
    assert "Jakarta, 9 Juli 2024" in letter and "DATA DEMO" in letter


def test_the_kota_rekap_goes_to_the_governor_by_default(own_store):
    """A kota's letter has an addressee without any settings (the walikota sends the recap on to
    the governor), and one written in the settings wins."""
    kota = own_store.find_unit(KOTA)
    letter = pdf_pages(build_rekap_pdf(rekap_data(own_store, kota, PERIOD, today=TODAY)))[0]
    assert "Kepada Yth. Gubernur Provinsi DKI Jakarta di Jakarta" in letter
    assert "PEMERINTAH PROVINSI DAERAH KHUSUS IBUKOTA JAKARTA" in letter
    # Settings saved before there was a default (no addressee) still get one on the letter.
    saved = replace(own_store.report_settings(kota, PERIOD), kepada="", kop_pemerintah="PEMERINTAH PROVINSI JAWA BARAT")
    own_store.save_report_settings(kota.id, PERIOD, saved, actor="uji")
    letter = pdf_pages(build_rekap_pdf(rekap_data(own_store, kota, PERIOD, today=TODAY)))[0]
    assert "Yth. Gubernur Provinsi Jawa Barat" in letter
    own_store.save_report_settings(kota.id, PERIOD, replace(saved, kepada="Yth. Sekretaris Daerah"), actor="uji")
    letter = pdf_pages(build_rekap_pdf(rekap_data(own_store, kota, PERIOD, today=TODAY)))[0]
    assert "Yth. Sekretaris Daerah" in letter and "Gubernur" not in letter


def test_saved_settings_print_on_the_letter(own_store):
    unit = own_store.find_unit(KECAMATAN)
    saved = replace(
        own_store.report_settings(unit, PERIOD),
        nomor="061/SKM/2024",
        penandatangan="Dra. Siti Rahma",
        nip="197001011990032001",
        tembusan=["Sekretaris Kota", "Arsip"],
        tanggal=date(2024, 7, 20),
    )
    own_store.save_report_settings(unit.id, PERIOD, saved, actor="uji")
    letter = pdf_pages(build_rekap_pdf(rekap_data(own_store, unit, PERIOD, today=TODAY)))[0]
    for text in ("061/SKM/2024", "Dra. Siti Rahma", "NIP. 197001011990032001", "Sekretaris Kota", "20 Juli 2024"):
        assert text in letter


def test_a_kelurahan_without_data_makes_the_rekap_sementara(own_store):
    drop_kelurahan(own_store, "Kebon Pala", PERIOD)
    figures = expected(own_store, PERIOD)
    assert figures["Kebon Pala"] is None
    rekap = rekap_data(own_store, own_store.find_unit(KECAMATAN), PERIOD, today=TODAY)
    assert rekap.sementara and [c.unit.name for c in rekap.missing] == ["Kebon Pala"]
    pages = pdf_pages(build_rekap_pdf(rekap))
    assert "SEMENTARA" in pages[0] and "4 dari 5 kelurahan" in pages[0] and "belum: Kelurahan Kebon Pala" in pages[0]
    assert "adalah " + angka(float(mean_ikm(figures))) in pages[0]
    captions = [m for p in pages[1:] for m in re.findall(r"Tabel \d\. [^()]*\(SEMENTARA\)", p)]
    assert len(captions) == 4
    assert "belum ada data untuk periode ini" in " ".join(pages)
    # one level up: the kota's one kecamatan has data, but a kelurahan under it has none
    kota = rekap_data(own_store, own_store.find_unit(KOTA), PERIOD, today=TODAY)
    assert kota.sementara and not kota.missing and [u.name for u in kota.missing_units] == ["Kebon Pala"]
    assert "SEMENTARA" in pdf_pages(build_rekap_pdf(kota))[0]


def test_a_period_approved_at_the_kecamatan_is_final_though_a_kelurahan_is_missing(own_store):
    """SEMENTARA means not final (skm.completeness): a kelurahan without data, and the period not
    approved at this level. Once the kecamatan approves it the rekap is no longer SEMENTARA, and
    still lists who has no data."""
    drop_kelurahan(own_store, "Kebon Pala", PERIOD)
    kec = own_store.find_unit(KECAMATAN)
    assert rekap_data(own_store, kec, PERIOD, today=TODAY).sementara
    own_store.set_period_status(kec.id, PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="uji")
    own_store.set_period_status(kec.id, PERIOD, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="uji")
    rekap = rekap_data(own_store, kec, PERIOD, today=TODAY)
    assert not rekap.sementara and [u.name for u in rekap.missing_units] == ["Kebon Pala"]
    pages = pdf_pages(build_rekap_pdf(rekap))
    assert "SEMENTARA" not in " ".join(pages) and "4 dari 5 kelurahan" in pages[0]
    assert "belum ada data untuk periode ini" in " ".join(pages)
    # The kota above has not approved it: there the same gap still makes its rekap SEMENTARA.
    assert rekap_data(own_store, own_store.find_unit(KOTA), PERIOD, today=TODAY).sementara


def test_approval_status_and_rtl_progress_per_kelurahan(own_store):
    halim = own_store.find_unit(f"{KECAMATAN}/Halim Perdanakusuma")
    pinang = own_store.find_unit(f"{KECAMATAN}/Pinang Ranti")
    own_store.set_period_status(halim.id, PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="uji")
    own_store.set_period_status(halim.id, PERIOD, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="uji")
    own_store.set_period_status(pinang.id, PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="uji")
    planned, done = (
        own_store.cursor()
        .execute(
            "SELECT count(*), count(*) FILTER (status = 'sudah') FROM rtl_items WHERE unit_id = ? AND tahun = ? "
            "AND semester = ?",
            [halim.id, PERIOD.tahun, PERIOD.semester],
        )
        .fetchone()
    )
    assert planned == done == 4
    pages = pdf_pages(build_rekap_pdf(rekap_data(own_store, own_store.find_unit(KECAMATAN), PERIOD, today=TODAY)))
    text = " ".join(pages)
    assert "Kelurahan Halim Perdanakusuma ada – (ada tabel NRR) disetujui" in text
    assert "Kelurahan Pinang Ranti ada 347 diajukan" in text
    assert f"{done} dari {planned} 100% 5 (100% terealisasi)" in text
    # one level up the kota counts its kecamatan's kelurahan
    kota = rekap_data(own_store, own_store.find_unit(KOTA), PERIOD, today=TODAY)
    makasar = next(c for c in kota.children if c.unit.name == "Makasar")
    assert makasar.status == "1 disetujui, 1 diajukan, 3 draf"
    assert kota.child_word == "kecamatan" and makasar.rtl.planned == planned


def test_priorities_are_each_kelurahan_three_lowest_unsur(demo_store, kecamatan_pdf):
    figures = expected(demo_store, PERIOD)
    page = next(p for p in pdf_pages(kecamatan_pdf) if "Tabel 4." in p)
    for name, (nrr, _ikm) in figures.items():  # type: ignore[misc]
        lowest = sorted(U, key=lambda u: (nrr[u], u))[:3]
        first = lowest[0].upper()
        assert f"Kelurahan {name}" in page
        assert f"{first} " in page and f"({angka(float(nrr[lowest[0]]))})" in page


def test_every_page_is_a4_and_nothing_runs_past_the_margins(kecamatan_pdf, tmp_path):
    reader = PdfReader(io.BytesIO(kecamatan_pdf))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes <= {(595, 842), (842, 595)} and (842, 595) in sizes
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "rekap.pdf"
    path.write_bytes(kecamatan_pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for page in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', html, re.S):
        width = float(page[0])
        xmax = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', page[1]))
        xmin = min(float(x) for x in re.findall(r'xMin="([\d.]+)"', page[1]))
        assert xmin >= 24 * MM and xmax <= width - 19 * MM, (xmin, xmax, width)


def test_a_kelurahan_has_no_rekap(demo_store):
    with pytest.raises(SkmError, match="kecamatan atau kota"):
        rekap_data(demo_store, demo_store.find_unit(f"{KECAMATAN}/Kebon Pala"), PERIOD, today=TODAY)
    with pytest.raises(SkmError, match="Belum ada data Semester I 2031"):
        rekap_data(demo_store, demo_store.find_unit(KECAMATAN), Period(2031, 1), today=TODAY)


# ---------------------------------------------------------------- the XLSX
def test_xlsx_holds_the_exact_figures_and_no_formula(own_store):
    kebon = own_store.find_unit(f"{KECAMATAN}/Kebon Pala")
    own_store.rename_unit(kebon.id, '=HYPERLINK("evil.example";"klik")', actor="uji")
    figures = expected(own_store, PERIOD)
    book = openpyxl.load_workbook(
        io.BytesIO(build_rekap_xlsx(rekap_data(own_store, own_store.find_unit(KECAMATAN), PERIOD, today=TODAY)))
    )
    assert book.sheetnames == ["Tabel 1 IKM", "Tabel 2 Peringkat", "Tabel 3 Status", "Tabel 4 Prioritas RTL"]
    ws = book["Tabel 1 IKM"]
    rows = {r[1] or r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[1] or r[0], str)}
    for name, (nrr, ikm) in figures.items():  # type: ignore[misc]
        row = rows[f"Kelurahan {name}"]
        assert all(abs(row[2 + i] - float(nrr[u])) < 1e-9 for i, u in enumerate(U))
        assert abs(row[11] - float(ikm)) < 1e-9 and row[12] in "ABCD"
    assert abs(rows["Kecamatan Makasar"][11] - float(mean_ikm(figures))) < 1e-9
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    hostile = next(c for c in ws["B"] if isinstance(c.value, str) and "=HYPERLINK" in c.value)
    assert hostile.data_type == "s" and hostile.value == 'Kelurahan =HYPERLINK("evil.example";"klik")'
    ranking = book["Tabel 2 Peringkat"]
    ranks = [r[0] for r in ranking.iter_rows(min_row=5, values_only=True) if r[1]]
    assert ranks == [1, 2, 3, 4, 5]


# ---------------------------------------------------------------- the command line
def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skm", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_writes_the_rekap_pdf_and_xlsx_and_keeps_the_kelurahan_report(demo_db, tmp_path):
    db = tmp_path / "skm.duckdb"
    shutil.copy(demo_db, db)
    pdf, xlsx, lap = tmp_path / "rekap.pdf", tmp_path / "rekap.xlsx", tmp_path / "laporan.pdf"
    done = run_cli(
        "--db", str(db), "report", "--unit", KECAMATAN, "--periode", "2024-S1", "--format", "pdf", "--out", str(pdf)
    )
    assert done.returncode == 0, done.stderr
    assert "Laporan Rekapitulasi SKM Jakarta Timur/Makasar Semester I 2024 ditulis" in done.stdout
    store = Store(db)
    try:
        ikm = angka(float(mean_ikm(expected(store, PERIOD))))
    finally:
        store.close()
    text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert f"adalah {ikm}" in text and "Tabel 4. Prioritas Perbaikan" in text
    done = run_cli(
        "--db", str(db), "report", "--unit", KECAMATAN, "--periode", "2024-S1", "--format", "xlsx", "--out", str(xlsx)
    )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "Tabel 1 IKM"
    done = run_cli(
        "--db", str(db), "report", "--unit", KOTA, "--period", "2024-S1", "--output", str(tmp_path / "kota.pdf")
    )
    assert done.returncode == 0 and "Kecamatan Makasar" in pdf_pages((tmp_path / "kota.pdf").read_bytes())[1]
    done = run_cli(
        "--db",
        str(db),
        "report",
        "--unit",
        f"{KECAMATAN}/Halim Perdanakusuma",
        "--period",
        "2024-S1",
        "--output",
        str(lap),
    )
    assert done.returncode == 0 and "Laporan Hasil Tindak Lanjut" in " ".join(pdf_pages(lap.read_bytes()))


@pytest.mark.parametrize(
    ("unit", "period", "message"),
    [
        ("Jakarta Timur/Tidak Ada", "2024-S1", "Unit 'Jakarta Timur/Tidak Ada' tidak ditemukan"),
        (KECAMATAN, "2024-S3", "Periode '2024-S3' tidak dikenal"),
        (KECAMATAN, "2031-S1", "Belum ada data Semester I 2031"),
    ],
)
def test_cli_refuses_an_unknown_unit_or_period_in_indonesian(demo_db, tmp_path, unit, period, message):
    out, db = tmp_path / "x.pdf", tmp_path / "skm.duckdb"
    shutil.copy(demo_db, db)
    done = run_cli("--db", str(db), "report", "--unit", unit, "--periode", period, "--out", str(out))
    assert done.returncode == 1 and message in done.stderr and not out.exists()
    assert "Traceback" not in done.stderr
