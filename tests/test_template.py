"""The downloadable XLSX template: structure, dropdowns, and that a filled copy imports."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from skm.ingest import KIND_RESPONSES, column_letter, read_survey
from skm.ingest.vocabulary import answer_score
from skm.template import (
    ANSWER_WORDS,
    DATA_ROWS,
    PEKERJAAN,
    PENDIDIKAN,
    TEMPLATE_HEADERS,
    template_xlsx,
)
from skm.unsur import CODES, UNSUR

ROOT = Path(__file__).resolve().parents[1]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

EXPECTED_HEADERS = [
    "No",
    "Tanggal",
    "Jenis Layanan",
    "Jenis Kelamin",
    "Usia",
    "Pendidikan",
    "Pekerjaan",
    "U1 Persyaratan",
    "U2 Sistem, Mekanisme, dan Prosedur",
    "U3 Waktu Penyelesaian",
    "U4 Biaya/Tarif",
    "U5 Produk Spesifikasi Jenis Pelayanan",
    "U6 Kompetensi Pelaksana",
    "U7 Perilaku Pelaksana",
    "U8 Penanganan Pengaduan, Saran dan Masukan",
    "U9 Sarana dan Prasarana",
    "Saran",
]


@pytest.fixture(scope="module")
def template() -> bytes:
    return template_xlsx()


def _validations(data: bytes) -> dict[str, ElementTree.Element]:
    """sqref -> <dataValidation> element of the data sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    root = ElementTree.fromstring(xml)
    return {dv.attrib["sqref"]: dv for dv in root.iterfind("m:dataValidations/m:dataValidation", NS)}


def _range(header: str) -> str:
    letter = column_letter(TEMPLATE_HEADERS.index(header))
    return f"{letter}2:{letter}{DATA_ROWS + 1}"


def _list_of(dv: ElementTree.Element) -> list[str]:
    formula = dv.findtext("m:formula1", namespaces=NS)
    assert formula is not None and formula.startswith('"') and formula.endswith('"')
    return formula[1:-1].split(",")


def test_sheets_and_header_row(template: bytes) -> None:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(template))
    assert wb.sheet_names == ["Data SKM", "Petunjuk"]
    grid = wb.get_sheet_by_name("Data SKM").to_python()
    assert grid == [EXPECTED_HEADERS]  # header only: no pre-filled rows to trip the import
    assert list(TEMPLATE_HEADERS) == EXPECTED_HEADERS


def test_guide_sheet_explains_scores_and_import(template: bytes) -> None:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(template))
    grid = wb.get_sheet_by_name("Petunjuk").to_python()
    text = "\n".join(str(c) for row in grid for c in row)
    for needle in ("satu responden", "Jenis Layanan", "KOSONG", "0", "Unggah Data", "python -m skm import", "2024-S1"):
        assert needle in text
    rows = {row[0]: row for row in grid if row and row[0] in CODES}
    assert list(rows) == list(CODES)
    for code in CODES:
        assert rows[code][1] == UNSUR[code].name
        words = rows[code][2:6]
        assert [answer_score(code, w) for w in words] == [1, 2, 3, 4]


def test_dropdowns_are_in_the_file(template: bytes) -> None:
    dvs = _validations(template)
    u1 = dvs[_range("U1 Persyaratan")]
    assert _list_of(u1) == ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]
    u9 = dvs[_range("U9 Sarana dan Prasarana")]
    assert _list_of(u9) == ["Buruk", "Cukup", "Baik", "Sangat baik"]
    for code in CODES:
        dv = dvs[_range(f"{code} {UNSUR[code].name}")]
        assert dv.attrib["type"] == "list"
        assert dv.attrib["errorStyle"] == "warning"  # typing 1-4 stays possible
        assert dv.attrib["showInputMessage"] == "1" and "1–4" in dv.attrib["prompt"]
        assert dv.attrib["allowBlank"] == "1"
        assert _list_of(dv) == list(ANSWER_WORDS[code])
        assert [answer_score(code, w) for w in _list_of(dv)] == [1, 2, 3, 4]
    assert _list_of(dvs[_range("Jenis Kelamin")]) == ["Laki-laki", "Perempuan"]
    assert _list_of(dvs[_range("Pendidikan")]) == list(PENDIDIKAN)
    assert _list_of(dvs[_range("Pekerjaan")]) == list(PEKERJAAN)
    assert PENDIDIKAN == ("SD", "SMP", "SMA/SMK", "D1-D3", "D4/S1", "S2", "S3")


def test_header_frozen(template: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(template)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' in xml


def test_output_is_deterministic(template: bytes) -> None:
    assert template_xlsx() == template


# Three respondents: words (any case), numbers, and one unanswered U4.
_ANSWERS = [
    ["Sangat sesuai", "Mudah", 3, "Gratis", "sesuai", "Kompeten", "Sopan dan ramah", "Dikelola dengan baik", "Baik"],
    [1, 2, "Kurang cepat", None, 4, "Tidak kompeten", 2, "Ada tetapi tidak berfungsi", "Buruk"],
    ["Kurang sesuai", "Sangat mudah", "Sangat cepat", "Sangat mahal", 3, 3, "Sangat sopan dan ramah", 1, 4],
]
_EXPECTED = {
    "U1": [4, 1, 2],
    "U2": [3, 2, 4],
    "U3": [3, 2, 4],
    "U4": [4, None, 1],
    "U5": [3, 4, 3],
    "U6": [3, 1, 3],
    "U7": [3, 2, 4],
    "U8": [4, 2, 1],
    "U9": [3, 1, 4],
}
_PROFILES = [
    [1, date(2024, 3, 4), "Surat Keterangan Domisili", "Perempuan", 34, "SMA/SMK", "Wiraswasta"],
    [2, date(2024, 3, 5), "Surat Pengantar SKCK", "Laki-laki", 51, "D4/S1", "PNS"],
    [3, date(2024, 3, 5), "Surat Keterangan Domisili", None, None, None, None],
]
_SARAN = ["Antrean dipercepat", None, "Ruang tunggu diperluas"]
FILLED_ROWS = [p + a + [s] for p, a, s in zip(_PROFILES, _ANSWERS, _SARAN, strict=True)]


def _plain_workbook(rows: list[list[object]]) -> bytes:
    """A filled copy written from scratch with only the template's header row."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Data SKM")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for j, name in enumerate(TEMPLATE_HEADERS):
        ws.write_string(0, j, name)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(i, j, value, date_fmt)
            elif value is not None:
                ws.write(i, j, value)
    wb.close()
    return buf.getvalue()


def _texts(series: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else v for v in series]


@pytest.mark.parametrize(
    "make",
    [pytest.param(lambda rows: template_xlsx(rows), id="template"), pytest.param(_plain_workbook, id="plain")],
)
def test_filled_template_imports(make) -> None:
    survey = read_survey(make(FILLED_ROWS), "isian.xlsx")
    assert survey.kind == KIND_RESPONSES
    assert survey.details["lembar"] == "Data SKM"
    by_header = {c.header: c for c in survey.columns}
    assert list(by_header) == EXPECTED_HEADERS
    for code in CODES:
        col = by_header[f"{code} {UNSUR[code].name}"]
        assert (col.role, col.unsur) == ("unsur", code), col
    roles = {h: by_header[h].role for h in EXPECTED_HEADERS[:7] + EXPECTED_HEADERS[-1:]}
    assert roles == {
        "No": "nomor",
        "Tanggal": "timestamp",
        "Jenis Layanan": "layanan",
        "Jenis Kelamin": "jenis_kelamin",
        "Usia": "usia",
        "Pendidikan": "pendidikan",
        "Pekerjaan": "pekerjaan",
        "Saran": "saran",
    }
    df = survey.responses
    assert df is not None
    assert df["row"].tolist() == [2, 3, 4]
    assert df["layanan"].tolist() == ["Surat Keterangan Domisili", "Surat Pengantar SKCK", "Surat Keterangan Domisili"]
    for code, expected in _EXPECTED.items():
        assert [None if pd.isna(v) else int(v) for v in df[code]] == expected, code
    assert df["U4"].isna().tolist() == [False, True, False]
    assert _texts(df["jenis_kelamin"]) == ["Perempuan", "Laki-laki", None]
    assert _texts(df["usia"]) == ["34", "51", None]
    assert _texts(df["saran"]) == ["Antrean dipercepat", None, "Ruang tunggu diperluas"]
    assert any("tidak menjawab semua unsur" in w for w in survey.warnings)


def test_empty_template_is_refused_as_header_only(template: bytes) -> None:
    from skm.errors import ImportRejected

    with pytest.raises(ImportRejected, match="tanpa baris data"):
        read_survey(template, "templat.xlsx")


def test_cli_writes_template(tmp_path: Path) -> None:
    out = tmp_path / "templat.xlsx"
    proc = subprocess.run(
        [sys.executable, "-m", "skm", "template", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "Templat ditulis" in proc.stdout
    data = out.read_bytes()
    assert data[:4] == b"PK\x03\x04"
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert wb.sheet_names == ["Data SKM", "Petunjuk"]
    assert wb.get_sheet_by_name("Data SKM").to_python()[0] == EXPECTED_HEADERS
