"""The blank XLSX questionnaire template that kelurahan staff fill in by hand.

    data = template_xlsx()          # bytes of an .xlsx with sheets "Data SKM" and "Petunjuk"

The header row (`TEMPLATE_HEADERS`) is chosen so that `skm.ingest.read_survey` recognises
every column by its header alone; the unsur columns offer the questionnaire's four answer
words as a dropdown but still accept the scores 1-4 typed as numbers.

>>> TEMPLATE_HEADERS[7], TEMPLATE_HEADERS[-2]
('U1 Persyaratan', 'U9 Sarana dan Prasarana')
>>> ANSWER_WORDS["U7"][0]
'Tidak sopan dan ramah'
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from skm.unsur import CODES, UNSUR

DATA_SHEET = "Data SKM"
GUIDE_SHEET = "Petunjuk"
SHEET_NAMES: tuple[str, ...] = (DATA_SHEET, GUIDE_SHEET)

# Rows (below the header) that carry the dropdowns.
DATA_ROWS = 2000

PROFILE_HEADERS: tuple[str, ...] = (
    "No",
    "Tanggal",
    "Jenis Layanan",
    "Jenis Kelamin",
    "Usia",
    "Pendidikan",
    "Pekerjaan",
)
UNSUR_HEADERS: tuple[str, ...] = tuple(f"{code} {UNSUR[code].name}" for code in CODES)
TEMPLATE_HEADERS: tuple[str, ...] = (*PROFILE_HEADERS, *UNSUR_HEADERS, "Saran")

# The first four entries of each unsur's answers are the questionnaire's words, score 1 to 4.
ANSWER_WORDS: dict[str, tuple[str, ...]] = {
    code: tuple(word.capitalize() for word in list(UNSUR[code].answers)[:4]) for code in CODES
}

JENIS_KELAMIN: tuple[str, ...] = ("Laki-laki", "Perempuan")
PENDIDIKAN: tuple[str, ...] = ("SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2", "S3")
PEKERJAAN: tuple[str, ...] = (
    "PNS",
    "TNI/Polri",
    "Pegawai Swasta",
    "Wiraswasta",
    "Pelajar/Mahasiswa",
    "Ibu Rumah Tangga",
    "Lainnya",
)

_WIDTHS = {
    "No": 6,
    "Tanggal": 12,
    "Jenis Layanan": 30,
    "Jenis Kelamin": 13,
    "Usia": 7,
    "Pendidikan": 12,
    "Pekerjaan": 19,
    "Saran": 50,
}

# Fixed creation time so that the same code always writes the same bytes.
_CREATED = datetime(2024, 1, 1)

IMPORT_COMMAND = 'python -m skm import FILE --unit "Kota/Kecamatan/Kelurahan" --period 2024-S1'


def _col(name: str) -> int:
    return TEMPLATE_HEADERS.index(name)


def _unsur_width(code: str) -> int:
    longest = max(len(w) for w in ANSWER_WORDS[code])
    return max(16, min(28, longest + 3))


def _list_validation(ws: Worksheet, col: int, source: Sequence[str], title: str, message: str, error: str) -> None:
    ws.data_validation(
        1,
        col,
        DATA_ROWS,
        col,
        {
            "validate": "list",
            "source": list(source),
            "input_title": title,
            "input_message": message,
            "error_type": "warning",
            "error_title": "Isian di luar daftar",
            "error_message": error,
        },
    )


def _write_data_sheet(wb: xlsxwriter.Workbook, ws: Worksheet, rows: Sequence[Sequence[object]]) -> None:
    header = wb.add_format(
        {
            "bold": True,
            "bg_color": "#DDEBF7",
            "border": 1,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
        }
    )
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.set_row(0, 48)
    ws.freeze_panes(1, 0)
    for j, name in enumerate(TEMPLATE_HEADERS):
        ws.write_string(0, j, name, header)
    for name, width in _WIDTHS.items():
        ws.set_column(_col(name), _col(name), width, date_fmt if name == "Tanggal" else None)
    for code, name in zip(CODES, UNSUR_HEADERS, strict=True):
        ws.set_column(_col(name), _col(name), _unsur_width(code))

    for code, name in zip(CODES, UNSUR_HEADERS, strict=True):
        words = ANSWER_WORDS[code]
        _list_validation(
            ws,
            _col(name),
            words,
            f"{code} {UNSUR[code].short}",
            f"Pilih jawaban dari daftar, atau ketik angka 1–4 (1 = {words[0]}, 4 = {words[3]}). "
            "Kosongkan bila tidak dijawab; jangan mengetik 0.",
            "Jawaban bukan salah satu pilihan. Angka 1–4 tetap diterima: klik Ya untuk melanjutkan. "
            "Selain itu, pilih jawaban dari daftar.",
        )
    _list_validation(
        ws,
        _col("Jenis Kelamin"),
        JENIS_KELAMIN,
        "Jenis Kelamin",
        "Pilih Laki-laki atau Perempuan. Boleh dikosongkan.",
        "Pilih Laki-laki atau Perempuan dari daftar.",
    )
    _list_validation(
        ws,
        _col("Pendidikan"),
        PENDIDIKAN,
        "Pendidikan terakhir",
        "Pilih pendidikan terakhir responden dari daftar. Boleh dikosongkan.",
        "Pendidikan bukan salah satu pilihan. Klik Ya untuk tetap memakai isian ini.",
    )
    _list_validation(
        ws,
        _col("Pekerjaan"),
        PEKERJAAN,
        "Pekerjaan",
        "Pilih pekerjaan responden dari daftar; pekerjaan lain diisi Lainnya. Boleh dikosongkan.",
        "Pekerjaan bukan salah satu pilihan. Klik Ya untuk tetap memakai isian ini.",
    )
    usia = _col("Usia")
    ws.data_validation(
        1,
        usia,
        DATA_ROWS,
        usia,
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 10,
            "maximum": 110,
            "input_title": "Usia",
            "input_message": "Usia responden dalam tahun (angka). Boleh dikosongkan.",
            "error_type": "warning",
            "error_title": "Usia tidak wajar",
            "error_message": "Usia biasanya bilangan bulat 10–110 tahun. Klik Ya untuk tetap memakai isian ini.",
        },
    )
    jl = _col("Jenis Layanan")
    ws.data_validation(
        1,
        jl,
        DATA_ROWS,
        jl,
        {
            "validate": "any",
            "input_title": "Jenis Layanan (wajib)",
            "input_message": "Isi nama layanan pada setiap baris, ditulis sama persis untuk layanan yang sama.",
        },
    )

    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (date, datetime)):
                ws.write_datetime(i, j, value, date_fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(i, j, value)
            else:  # text is text: "=..." must never become a formula
                ws.write_string(i, j, str(value))


def _write_guide_sheet(wb: xlsxwriter.Workbook, ws: Worksheet) -> None:
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    code_fmt = wb.add_format({"font_name": "Consolas", "text_wrap": True, "valign": "top"})
    header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})

    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 34)
    ws.set_column(2, 5, 24)
    ws.write_string(0, 0, "Petunjuk Pengisian Templat Survei Kepuasan Masyarakat (PermenPANRB 14/2017)", title)

    last_row = f"{DATA_ROWS + 1:,}".replace(",", ".")  # Indonesian thousands separator
    steps = (
        f"Isi lembar '{DATA_SHEET}' mulai baris 2: satu baris untuk satu responden (satu kuesioner). "
        "Jangan mengubah, memindahkan, atau menghapus baris judul.",
        "Kolom Jenis Layanan wajib diisi pada setiap baris, dengan nama yang ditulis sama persis untuk layanan "
        "yang sama (mis. 'Surat Keterangan Domisili').",
        "Kolom U1–U9: pilih jawaban dari daftar pilihan, atau ketik angka 1–4 sesuai tabel di bawah. "
        "Angka dan kata boleh dicampur dalam satu file.",
        "Pertanyaan yang tidak dijawab responden dibiarkan KOSONG. Jangan pernah mengetik 0: "
        "jawaban kosong tidak dihitung, sedangkan angka 0 membuat file ditolak.",
        "Kolom No, Tanggal, Jenis Kelamin, Usia, Pendidikan, Pekerjaan, dan Saran boleh dikosongkan. "
        "Jangan mengisi nomor urut pada baris yang tidak berisi jawaban.",
        f"Daftar pilihan tersedia sampai baris {last_row}. Jangan menambah kolom penilaian lain: "
        "PermenPANRB 14/2017 memakai tepat 9 unsur dengan skala 1–4.",
        "Simpan sebagai file Excel (.xlsx), lalu unggah di halaman Unggah Data, atau impor dengan perintah:",
    )
    row = 2
    for k, text in enumerate(steps, start=1):
        ws.write_string(row, 0, f"{k}.", bold)
        ws.merge_range(row, 1, row, 5, text, wrap)
        ws.set_row(row, 32)
        row += 1
    ws.merge_range(row, 1, row, 5, IMPORT_COMMAND, code_fmt)
    row += 2

    ws.write_string(row, 0, "Jawaban per unsur dan nilainya", bold)
    row += 1
    for j, text in enumerate(("Kode", "Unsur", "Nilai 1", "Nilai 2", "Nilai 3", "Nilai 4")):
        ws.write_string(row, j, text, header)
    row += 1
    for code in CODES:
        ws.write_string(row, 0, code, cell)
        ws.write_string(row, 1, UNSUR[code].name, cell)
        for j, word in enumerate(ANSWER_WORDS[code], start=2):
            ws.write_string(row, j, word, cell)
        row += 1


def template_xlsx(rows: Sequence[Sequence[object]] = ()) -> bytes:
    """The questionnaire template as .xlsx bytes.

    `rows` (one sequence per respondent, in `TEMPLATE_HEADERS` order) are written below the
    header as staff would type them; the downloadable template has none.
    """
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties(
        {
            "title": "Templat Survei Kepuasan Masyarakat",
            "subject": "SKM PermenPANRB 14/2017",
            "comments": "Satu baris untuk satu responden. Lihat lembar Petunjuk.",
            "created": _CREATED,
        }
    )
    data_ws = wb.add_worksheet(DATA_SHEET)
    guide_ws = wb.add_worksheet(GUIDE_SHEET)
    _write_data_sheet(wb, data_ws, rows)
    _write_guide_sheet(wb, guide_ws)
    data_ws.activate()
    wb.close()
    return buf.getvalue()
