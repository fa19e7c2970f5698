"""Files the importer must refuse: a clear Indonesian reason naming file, row and column,
and a database (and upload folder) exactly as it was before the attempt.

Each bad file is built here; the attempt goes the way the CLI goes (read_survey, then
Store.import_survey) against a store that already holds good data.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import xlsxwriter

from skm.cli import main as cli_main
from skm.errors import ImportRejected
from skm.ingest import read_survey
from skm.storage import Store
from skm.units import Period

CODES = [f"U{i}" for i in range(1, 10)]
UNIT = "Jakarta Timur/Makasar/Halim Perdanakusuma"
SEED = Path(__file__).resolve().parents[1] / "skm" / "demo" / "halim_2024s1_tabel1.csv"
NAMES = ["Persyaratan", "Prosedur", "Waktu", "Biaya/Tarif", "Produk", "Kompetensi", "Perilaku", "Pengaduan", "Sarana"]
HEADERS = [f"{c} ({n})" for c, n in zip(CODES, NAMES, strict=True)]
# Letters of a respondent file laid out as HEADER: A timestamp, B layanan, C..K = U1..U9.
HEADER = ["Cap waktu", "Jenis Layanan", *HEADERS]
COL = {c: f'{"CDEFGHIJK"[i]} "{HEADERS[i]}"' for i, c in enumerate(CODES)}
GOOD = [
    [3, 4, 3, 4, 3, 4, 3, 4, 3],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [2, 3, 2, 3, 2, 3, 2, 3, 2],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
]


def to_csv(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def to_xlsx(sheets):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, cells in sheets.items():
        ws = wb.add_worksheet(name)
        for i, row in enumerate(cells):
            for j, value in enumerate(row):
                if value is not None and value != "":
                    ws.write(i, j, value)
    wb.close()
    return buf.getvalue()


def responses(scores=GOOD, header=HEADER, layanan="Akta Kelahiran"):
    """Rows of a respondent file: line 1 the header, line k+2 respondent k."""
    return [list(header)] + [[f"2024-07-0{k + 1}", layanan, *s] for k, s in enumerate(scores)]


def with_cell(code, row, value, rows=None):
    """A respondent file whose unsur `code` holds `value` on (1-based) file line `row`."""
    rows = [list(r) for r in (rows or responses())]
    rows[row - 1][2 + CODES.index(code)] = value
    return rows


def zip_of(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


GOOD_XLSX = to_xlsx({"Sheet1": responses()})


def _odd_zip_version(data):
    """An XLSX whose central directory asks for ZIP version 25.5 (a damaged header byte)."""
    at = data.index(b"PK\x01\x02") + 6  # "version needed to extract"
    return data[:at] + b"\xff\x00" + data[at + 2 :]


WORD_ROWS = [
    ["Jenis Layanan", *CODES],
    ["Akta", "Sesuai", "Mudah", "Cepat", "Murah", "Sesuai", "Kompeten", "Sopan dan ramah", "Tidak ada", "Baik"],
    ["Akta", "Sangat sesuai", "Mudah", "Cepat", "Gratis", "Sesuai", "Kompeten", "Sopan dan ramah", "Tidak ada", "Baik"],
]
AGG_HEADER = ["Jenis Pelayanan", *HEADERS, "Rata-rata", "IKM Layanan"]
AGG_COL = {c: f'{"BCDEFGHIJ"[i]} "{HEADERS[i]}"' for i, c in enumerate(CODES)}


def aggregate(*rows):
    good = [
        ["Akta Kelahiran", *["3,50"] * 9, "3,50", "87,50"],
        ["Kartu Keluarga", *["3,60"] * 9, "3,60", "90,00"],
    ]
    return to_csv([AGG_HEADER, *good, *rows], ";")


def agg_row(name="Surat Pindah", nrr="3,40", at=None, value=None, ikm="85,00", mean="3,40"):
    values = [nrr] * 9
    if at is not None:
        values[CODES.index(at)] = value
    return [name, *values, mean, ikm]


@dataclass
class Case:
    id: str
    filename: str
    data: bytes
    expect: tuple[str, ...]  # parts the message must contain
    row: int | None = None  # of the first problem
    column: str | None = None  # of the first problem
    layanan: str | None = None


OLD_14 = [
    "Prosedur pelayanan",
    "Persyaratan pelayanan",
    "Kejelasan petugas pelayanan",
    "Kedisiplinan petugas pelayanan",
    "Tanggung jawab petugas pelayanan",
    "Kemampuan petugas pelayanan",
    "Kecepatan pelayanan",
    "Keadilan mendapatkan pelayanan",
    "Kesopanan dan keramahan petugas",
    "Kewajaran biaya pelayanan",
    "Kepastian biaya pelayanan",
    "Kepastian jadwal pelayanan",
    "Kenyamanan lingkungan",
    "Keamanan pelayanan",
]


def _offset_xlsx():
    """Header on sheet row 3 starting at column B; a bad score at C5 (row 5, U1)."""
    header = ["Jenis Layanan", *CODES]
    body = [["Akta", 3, 3, 3, 3, 3, 3, 3, 3, 3], ["Akta", 7, 3, 3, 3, 3, 3, 3, 3, 3]]
    cells = [["Rekap SKM Kelurahan Halim"], [], [None, *header], *[[None, *r] for r in body]]
    return to_xlsx({"Rekap": cells})


CASES = [
    # --- scores that are not 1-4
    Case("nilai-0", "nilai_0.csv", to_csv(with_cell("U3", 4, 0)), ("nilai 0 di luar skala 1–4",), 4, COL["U3"]),
    Case("nilai-6", "nilai_6.csv", to_csv(with_cell("U5", 2, 6)), ("nilai 6 di luar skala 1–4",), 2, COL["U5"]),
    Case(
        "nilai-minus", "nilai_minus.csv", to_csv(with_cell("U9", 5, -1)), ("nilai -1 di luar skala 1–4",), 5, COL["U9"]
    ),
    Case(
        "nilai-pecahan",
        "nilai_pecahan.csv",
        to_csv(with_cell("U3", 3, 3.5)),
        ("nilai '3.5' bukan bilangan bulat 1–4",),
        3,
        COL["U3"],
    ),
    Case(
        "nilai-koma",
        "nilai_koma.csv",
        to_csv(with_cell("U2", 3, "2,5"), delimiter=";"),
        ("nilai '2,5' bukan bilangan bulat 1–4",),
        3,
        COL["U2"],
    ),
    Case(
        "skala-1-5",
        "skala_lima.csv",
        to_csv(responses([[5, 4, 3, 2, 1, 5, 4, 3, 2], [4, 5, 5, 5, 5, 4, 5, 5, 5], [1, 2, 3, 4, 5, 1, 2, 3, 4]])),
        ("nilai 5 di luar skala 1–4", "kuesioner skala 1–5 tidak sesuai PermenPANRB 14/2017"),
        2,
        COL["U1"],
    ),
    Case(
        "xlsx-nilai-di-sel-C5",
        "rekap_offset.xlsx",
        _offset_xlsx(),
        ('rekap_offset.xlsx, baris 5, kolom C "U1": nilai 7 di luar skala 1–4',),
        5,
        'C "U1"',
    ),
    # --- words that are not this unsur's answers
    Case(
        "kata-tak-dikenal",
        "lumayan.csv",
        to_csv(with_cell("U3", 3, "Lumayan")),
        ("jawaban 'Lumayan' tidak dikenal untuk U3 Waktu Penyelesaian", "Tidak cepat / Kurang cepat / Cepat"),
        3,
        COL["U3"],
    ),
    Case(
        "kata-unsur-lain",
        "kata_tertukar.csv",
        to_csv([WORD_ROWS[0], WORD_ROWS[1], [*WORD_ROWS[2][:9], "Cepat"]]),
        ("jawaban 'Cepat' tidak dikenal untuk U9 Sarana dan Prasarana", "Buruk / Cukup / Baik / Sangat baik"),
        3,
        'J "U9"',
    ),
    Case(
        "kata-pengaduan-di-persyaratan",
        "tidak_ada.csv",
        to_csv([WORD_ROWS[0], ["Akta", "Tidak ada", *WORD_ROWS[1][2:]]]),
        ("jawaban 'Tidak ada' tidak dikenal untuk U1 Persyaratan",),
        2,
        'B "U1"',
    ),
    Case(
        "kata-biaya-daftar-kata",
        "biaya.csv",
        to_csv([WORD_ROWS[0], [*WORD_ROWS[1][:4], "Bayar seikhlasnya", *WORD_ROWS[1][5:]]]),
        ("untuk U4 Biaya/Tarif (dikenal: Sangat mahal / Cukup mahal / Murah / Gratis)",),
        2,
        'E "U4"',
    ),
    Case(
        "nomor-tidak-cocok",
        "nomor_kata.csv",
        to_csv(with_cell("U1", 2, "4. Tidak sesuai")),
        ("jawaban '4. Tidak sesuai': nomor 4 tidak cocok dengan kata 'Tidak sesuai' (nilai 1)",),
        2,
        COL["U1"],
    ),
    Case(
        "huruf-tidak-cocok",
        "huruf_kata.csv",
        to_csv(with_cell("U5", 4, "a. Sangat sesuai")),
        ("jawaban 'a. Sangat sesuai'", "tidak cocok dengan kata 'Sangat sesuai' (nilai 4)"),
        4,
        COL["U5"],
    ),
    # --- unsur columns missing, extra, doubled
    Case(
        "satu-unsur-hilang",
        "tanpa_u9.csv",
        to_csv([r[:-1] for r in responses()]),
        ("kolom unsur tidak ditemukan: U9 Sarana dan Prasarana.", "kesembilan unsur"),
    ),
    Case(
        "beberapa-unsur-hilang",
        "tanpa_u2_u5_u8.csv",
        to_csv([[v for j, v in enumerate(r) if j not in (3, 6, 9)] for r in responses()]),
        (
            "kolom unsur tidak ditemukan: U2 Sistem, Mekanisme, dan Prosedur, "
            "U5 Produk Spesifikasi Jenis Pelayanan, U8 Penanganan Pengaduan, Saran dan Masukan.",
        ),
    ),
    Case(
        "11-unsur",
        "sebelas_unsur.csv",
        to_csv([["Jenis Layanan", *(f"U{i}" for i in range(1, 12))], ["Akta", *[3] * 11]]),
        ("Kuesioner ini memiliki 11 unsur (ada kolom U10)", "tepat 9 unsur (U1–U9)"),
        None,
        'K "U10"',
    ),
    Case(
        "14-unsur",
        "empat_belas_unsur.xlsx",
        to_xlsx({"Data": [["Jenis Layanan", *(f"U{i}" for i in range(1, 15))], ["Akta", *[3] * 14]]}),
        ("Kuesioner ini memiliki 14 unsur (ada kolom U10)", "tepat 9 unsur (U1–U9)"),
        None,
        'K "U10"',
    ),
    Case(
        "14-unsur-kepmenpan-2004",
        "ikm_2004.csv",
        to_csv([["Jenis Layanan", *OLD_14], ["Akta", *[3] * 14]]),
        ("tampaknya memiliki 14 pertanyaan penilaian", "tepat 9 unsur (U1–U9)"),
        None,
        None,
    ),
    Case(
        "unsur-ganda",
        "unsur_ganda.csv",
        to_csv([[*r, "Kecepatan waktu pelayanan" if k == 0 else 3] for k, r in enumerate(responses())]),
        (f'kolom {COL["U3"]} dan L "Kecepatan waktu pelayanan" sama-sama dikenali sebagai U3 Waktu Penyelesaian',),
        None,
        'L "Kecepatan waktu pelayanan"',
    ),
    # --- empty or not a table
    Case("kosong-0-byte", "kosong.csv", b"", ("kosong.csv: File kosong: tidak ada isi sama sekali.",)),
    Case("hanya-spasi", "spasi.csv", b"  \r\n\t\n   \n", ("File kosong",)),
    Case("bom-saja", "bom.csv", b"\xef\xbb\xbf\r\n", ("File kosong",)),
    Case(
        "judul-saja-csv",
        "judul_saja.csv",
        to_csv([HEADER, [""] * len(HEADER)]) + b"\r\n",
        ("File hanya berisi judul kolom, tanpa baris data.",),
        1,
    ),
    Case(
        "judul-saja-xlsx",
        "judul_saja.xlsx",
        to_xlsx({"Sheet1": [HEADER]}),
        ("File hanya berisi judul kolom, tanpa baris data.",),
        1,
    ),
    Case(
        "xlsx-semua-lembar-kosong",
        "lembar_kosong.xlsx",
        to_xlsx({"Sheet1": [], "Sheet2": [], "Sheet3": []}),
        ("Semua lembar (sheet) pada file Excel ini kosong.",),
    ),
    Case(
        "tanpa-judul",
        "tanpa_judul.csv",
        # Read as nine answer columns without a header row (with a warning); but which layanan?
        to_csv([[3] * 9, [4] * 9]),
        ("kolom jenis layanan tidak ditemukan", "pilih layanan saat mengunggah"),
    ),
    Case(
        "ringkasan-saja",
        "ringkasan_saja.csv",
        to_csv([AGG_HEADER, ["Rata-rata IKM per Unsur", *["3,50"] * 9, "3,50", "87,50"]], ";"),
        ("tabel NRR tidak berisi satu pun baris layanan",),
    ),
    # --- not the format the name says
    Case(
        "png-bernama-csv",
        "foto.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
        ("Nama file berakhiran .csv tetapi isinya bukan teks",),
    ),
    Case(
        "pdf-bernama-csv",
        "laporan.csv",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        ("Nama file berakhiran .csv tetapi isinya bukan teks", "PDF"),
    ),
    Case(
        "zip-bernama-csv",
        "arsip.csv",
        zip_of({"data.csv": "Jenis Layanan,U1\n"}),
        ("Nama file berakhiran .csv tetapi isinya file Excel/ZIP",),
    ),
    Case(
        "xlsx-bernama-csv",
        "excel.csv",
        GOOD_XLSX,
        ("Nama file berakhiran .csv tetapi isinya file Excel/ZIP", "Ganti nama menjadi .xlsx"),
    ),
    Case(
        "teks-bernama-xlsx",
        "teks.xlsx",
        to_csv(responses()),
        ("Nama file berakhiran .xlsx tetapi isinya bukan file Excel.",),
    ),
    Case(
        "ole-bernama-xlsx",
        "lama.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        ("isinya Excel lama (.xls) atau file Excel yang dikunci kata sandi",),
    ),
    Case(
        "xlsx-terpotong",
        "terpotong.xlsx",
        GOOD_XLSX[: len(GOOD_XLSX) // 2],
        ("File Excel rusak atau terpotong (arsip ZIP tidak utuh).",),
    ),
    Case(
        "xlsx-header-zip-rusak",
        "versi_zip.xlsx",
        _odd_zip_version(GOOD_XLSX),
        ("File Excel rusak atau terpotong (arsip ZIP tidak utuh).",),
    ),
    Case(
        "xlsx-tanpa-workbook",
        "rusak.xlsx",
        zip_of({"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": "<worksheet/>"}),
        ("File ini arsip ZIP tetapi bukan buku kerja Excel (.xlsx).",),
    ),
    Case(
        "xlsx-isi-rusak",
        "isi_rusak.xlsx",
        zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "bukan xml <<<"}),
        ("File Excel rusak atau tidak dapat dibaca",),
    ),
    Case(
        "docx-bernama-xlsx",
        "surat.xlsx",
        zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        ("bukan buku kerja Excel",),
    ),
    Case(
        "teks-bernama-xls",
        "lama.xls",
        to_csv(responses()),
        ("Nama file berakhiran .xls tetapi isinya bukan file Excel 97-2003.",),
    ),
    Case("ekstensi-pdf", "hasil_skm.pdf", b"%PDF-1.4\n", ("Jenis file 'pdf' tidak didukung. Unggah .csv atau .xlsx.",)),
    Case("ekstensi-docx", "hasil_skm.docx", zip_of({"word/document.xml": "x"}), ("Jenis file 'docx' tidak didukung",)),
    Case("tanpa-ekstensi", "hasil_skm", to_csv(responses()), ("Jenis file 'tanpa akhiran' tidak didukung",)),
    # --- text that is not a clean CSV
    Case(
        "baris-kolom-lebih",
        "bergeser.csv",
        to_csv([*responses()[:3], ["2024-07-09", "Akta", 3, 3, 3, 3, 3, 3, 3, 3, 3, "ramah", "cepat"]]),
        ("baris ini punya 13 kolom, judul punya 11",),
        4,
    ),
    Case(
        "tanda-kutip-terbuka",
        "kutip.csv",
        to_csv(responses()) + b'2024-07-09,"Akta,3,3,3,3,3,3,3,3,3\r\n',
        ("Struktur CSV rusak", "Periksa tanda kutip"),
    ),
    Case(
        "encoding-tak-dikenal",
        "encoding.csv",
        to_csv(responses()) + b"2024-07-09,Akta \x81\x8d,3,3,3,3,3,3,3,3,3\r\n",
        ("Encoding teks tidak dikenali",),
    ),
    Case(
        "utf16-rusak",
        "utf16.csv",
        b"\xff\xfe" + "Jenis Layanan".encode("utf-16-le") + b"\x00",
        ("File bertanda UTF-16 tetapi isinya tidak dapat dibaca.",),
    ),
    # --- layanan
    Case(
        "tanpa-kolom-layanan",
        "tanpa_layanan.csv",
        to_csv([[v for j, v in enumerate(r) if j != 1] for r in responses()]),
        ("kolom jenis layanan tidak ditemukan", "pilih layanan saat mengunggah"),
    ),
    Case(
        "dua-kolom-layanan",
        "dua_layanan.csv",
        to_csv([[*r, "Jenis Pelayanan" if k == 0 else "Akta"] for k, r in enumerate(responses())]),
        ("ada lebih dari satu kolom layanan", 'B "Jenis Layanan", L "Jenis Pelayanan"'),
        None,
        'L "Jenis Pelayanan"',
    ),
    Case(
        "terlalu-banyak-masalah",
        "banyak.csv",
        to_csv(responses([[9, 3, 3, 3, 3, 3, 3, 3, 3]] * 60)),
        ("nilai 9 di luar skala 1–4", "… dan 10 masalah lain"),
        2,
        COL["U1"],
    ),
    # --- aggregated tables
    Case(
        "agregat-nrr-4,5",
        "nrr_45.csv",
        aggregate(agg_row(at="U4", value="4,5")),
        ("NRR 4,5 di luar rentang 1–4 (skala 1–5 tidak sesuai PermenPANRB 14/2017)",),
        4,
        AGG_COL["U4"],
    ),
    Case(
        "agregat-nrr-0,9",
        "nrr_09.csv",
        aggregate(agg_row(at="U7", value="0,9")),
        ("NRR 0,9 di luar rentang 1–4",),
        4,
        AGG_COL["U7"],
    ),
    Case(
        "agregat-nrr-teks",
        "nrr_teks.csv",
        aggregate(agg_row(at="U2", value="Baik")),
        ("'Baik' bukan angka NRR",),
        4,
        AGG_COL["U2"],
    ),
    Case(
        "agregat-nrr-kosong",
        "nrr_kosong.csv",
        aggregate(agg_row(at="U9", value="")),
        ("NRR U9 kosong",),
        4,
        AGG_COL["U9"],
    ),
    Case(
        "agregat-ikm-120",
        "ikm_120.csv",
        aggregate(agg_row(ikm="120")),
        ("IKM '120' bukan angka 25–100",),
        4,
        'L "IKM Layanan"',
    ),
    Case(
        "agregat-layanan-ganda",
        "layanan_ganda.csv",
        aggregate(agg_row(name="Kartu Keluarga")),
        ("layanan 'Kartu Keluarga' muncul dua kali (juga di baris 3)",),
        4,
        'A "Jenis Pelayanan"',
    ),
    Case(
        "agregat-nama-layanan-kosong",
        "nama_kosong.csv",
        aggregate(agg_row(name="")),
        ("nama layanan kosong",),
        4,
        'A "Jenis Pelayanan"',
    ),
    Case(
        "agregat-responden-0",
        "responden_0.xlsx",
        to_xlsx({"Tabel": [[*AGG_HEADER[:10], "Jumlah Responden"], ["Akta", *[3.5] * 9, 0]]}),
        ("jumlah responden harus bilangan bulat positif",),
        2,
        'K "Jumlah Responden"',
    ),
]


def test_at_least_thirty_distinct_bad_files():
    assert len({c.id for c in CASES}) == len(CASES) >= 30
    assert len({(c.filename, c.data) for c in CASES}) == len(CASES)


@pytest.fixture
def seeded(store):
    """A store that already holds a respondent file and the seed's aggregated table."""
    unit, _ = store.ensure_unit_path(UNIT)
    good = to_csv(responses(layanan="Surat Pengantar"))
    store.import_survey(read_survey(good, "baik.csv"), good, unit.id, Period(2024, 1))
    seed = SEED.read_bytes()
    store.import_survey(read_survey(seed, SEED.name), seed, unit.id, Period(2024, 1))
    assert len(list(store.upload_dir.iterdir())) == 2
    return store, unit


def _uploads(store):
    return sorted(p.name for p in store.upload_dir.rglob("*"))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_bad_file_is_rejected_and_nothing_changes(seeded, case):
    store, unit = seeded
    before, files_before = store.table_checksums(), _uploads(store)

    with pytest.raises(ImportRejected) as info:
        survey = read_survey(case.data, case.filename, layanan=case.layanan)
        store.import_survey(survey, case.data, unit.id, Period(2024, 2))

    exc = info.value
    message = str(exc)
    assert message.startswith("File ditolak, tidak ada data yang disimpan.\n")
    assert exc.problems
    assert all(p.file == case.filename for p in exc.problems)
    assert all(line.startswith((case.filename, "… dan ")) for line in message.splitlines()[1:])
    for part in case.expect:
        assert part in message
    first = exc.problems[0]
    assert first.row == case.row
    assert first.column == case.column
    if case.row is not None:
        assert f"baris {case.row}" in message
    if case.column is not None:
        assert f"kolom {case.column}" in message

    assert store.table_checksums() == before
    assert _uploads(store) == files_before


def test_every_bad_cell_is_listed_with_its_row_and_column(seeded):
    store, unit = seeded
    rows = with_cell("U2", 3, 0, with_cell("U8", 5, "Lumayan", with_cell("U9", 2, 5)))
    before = store.table_checksums()

    with pytest.raises(ImportRejected) as info:
        read_survey(to_csv(rows), "tiga_salah.csv")

    where = sorted((p.row, p.column) for p in info.value.problems)
    assert where == [(2, COL["U9"]), (3, COL["U2"]), (5, COL["U8"])]
    assert store.table_checksums() == before


def test_a_blank_layanan_cell_goes_to_tidak_disebutkan_with_a_warning(seeded):
    # Naming the layanan on upload stands in for a missing column, not for empty cells.
    rows = [*responses(), ["2024-07-09", "", *GOOD[0]]]
    survey = read_survey(to_csv(rows), "sel_kosong.csv", layanan="Akta")
    assert survey.responses["layanan"].iloc[-1] == "Tidak disebutkan"
    assert any(w.startswith('Baris 6: jenis layanan (kolom B "Jenis Layanan") kosong') for w in survey.warnings)


CLI_CASES = ["nilai-0", "skala-1-5", "kosong-0-byte", "xlsx-terpotong", "agregat-ikm-120", "tanpa-kolom-layanan"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES if c.id in CLI_CASES])
def test_cli_import_of_bad_file_exits_1_and_changes_nothing(tmp_path, capsys, case):
    db = tmp_path / "db" / "skm.duckdb"
    store = Store(db)
    unit, _ = store.ensure_unit_path(UNIT)
    good = to_csv(responses(layanan="Surat Pengantar"))
    store.import_survey(read_survey(good, "baik.csv"), good, unit.id, Period(2024, 1))
    before, files_before = store.table_checksums(), _uploads(store)
    store.close()
    path = tmp_path / "masuk" / case.filename
    path.parent.mkdir()
    path.write_bytes(case.data)
    capsys.readouterr()

    code = cli_main(["--db", str(db), "import", str(path), "--unit", UNIT, "--period", "2024-S2"])

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.startswith("File ditolak, tidak ada data yang disimpan.\n")
    assert "Traceback" not in err
    for part in case.expect:
        assert part in err
    store = Store(db)
    try:
        assert store.table_checksums() == before
        assert _uploads(store) == files_before
    finally:
        store.close()
