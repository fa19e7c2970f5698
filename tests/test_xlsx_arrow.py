"""fastexcel's typed columns as the texts python-calamine's values give (skm/ingest/xlsx_arrow.py),
and the sheets it leaves to the calamine path."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
import xlsxwriter

from skm.errors import ImportRejected
from skm.ingest import CLI_LIMITS, UPLOAD_LIMITS, columnar, read_survey, xlsx_arrow, xlsx_errors
from skm.unsur import CODES


def workbook(fill: Callable[[xlsxwriter.Workbook], None]) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    fill(wb)
    wb.close()
    return out.getvalue()


def calamine_texts(data: bytes) -> list[list[str]]:
    sheets = columnar._calamine_sheets(data, CLI_LIMITS)
    assert sheets is not None
    picked = columnar._calamine_table(sheets)
    assert picked is not None and picked[1] is not None
    return picked[1].to_pylist()


def typed(wb: xlsxwriter.Workbook) -> None:
    ws = wb.add_worksheet("Form Responses 1")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws.write_row(0, 0, ["Tanggal", "Waktu isi", "Setuju", "Nilai", "Skor", "Usia", "Saran", "Kosong"])
    rows = [
        (dt.datetime(2024, 5, 31), dt.datetime(2024, 5, 31, 10, 30, 5), True, 3.0, 3.5, 17, "baik", None),
        (dt.datetime(2024, 6, 1), dt.datetime(2024, 6, 1), False, 0.00001, 1e20, 41, None, None),
        (None, dt.datetime(2025, 1, 2, 23, 59, 59), None, None, -0.0, 1234567, " spasi ", None),
    ]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, day if c == 0 else stamp)
            elif value is not None:
                ws.write(r, c, value)


def test_typed_columns_give_the_texts_calamine_values_give():
    data = workbook(typed)
    got = xlsx_arrow.sheet_table(data, CLI_LIMITS)
    assert got is not None
    name, table = got
    assert name == "Form Responses 1"
    assert table.to_pylist() == calamine_texts(data)
    assert table.column(0).to_pylist()[1:] == ["2024-05-31", "2024-06-01", ""]  # a date at midnight
    assert table.column(1).to_pylist()[2] == "2024-06-01"  # calamine: midnight is a date, whatever the format


def _two_sheets(wb):
    typed(wb)
    wb.add_worksheet("Lain").write(0, 0, "x")


def _blank_header(wb):
    ws = wb.add_worksheet("S")
    ws.write_row(0, 0, ["A", "", "C"])
    ws.write_row(1, 0, [1, 2, 3])


def _starts_in_b1(wb):
    ws = wb.add_worksheet("S")
    ws.write_row(0, 1, ["A", "B"])
    ws.write_row(1, 1, [1, 2])


def _mixed_column(wb):
    ws = wb.add_worksheet("S")
    ws.write(0, 0, "U1")
    for r in range(1, 1500):
        ws.write(r, 0, 3)
    ws.write(1400, 0, "tiga")  # past any sample of the first rows


def _time_of_day(wb):
    ws = wb.add_worksheet("S")
    ws.write(0, 0, "Jam")
    ws.write_datetime(1, 0, dt.datetime(1899, 12, 31, 10, 30), wb.add_format({"num_format": "hh:mm"}))


def _fraction_of_second(wb):
    ws = wb.add_worksheet("S")
    ws.write(0, 0, "Waktu")
    ws.write_datetime(1, 0, dt.datetime(2024, 5, 31, 10, 30, 5, 500000), wb.add_format({"num_format": "hh:mm:ss"}))


def _repeated_header(wb):
    ws = wb.add_worksheet("S")
    ws.write_row(0, 0, ["U1", "U1"])
    ws.write_row(1, 0, [1, 2])


@pytest.mark.parametrize(
    "fill",
    [_two_sheets, _blank_header, _starts_in_b1, _mixed_column, _time_of_day, _fraction_of_second, _repeated_header],
)
def test_sheets_fastexcel_cannot_give_exactly_go_to_calamine(fill):
    assert xlsx_arrow.sheet_table(workbook(fill), CLI_LIMITS) is None


def _form(error_at: tuple[int, int] | None, code: str = "#N/A") -> Callable[[xlsxwriter.Workbook], None]:
    """A form export of 30 rows (Timestamp, Layanan, U1..U9), with one error cell where asked."""

    def fill(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Form Responses 1")
        stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        ws.write_row(0, 0, ["Timestamp", "Layanan", *CODES])
        for r in range(1, 31):
            ws.write_datetime(r, 0, dt.datetime(2024, 5, 1 + r % 28, 9, r), stamp)
            ws.write(r, 1, "KTP" if r % 2 else "KK")
            ws.write_row(r, 2, [1 + (r + j) % 4 for j in range(len(CODES))])
        if error_at is not None:
            ws.write_formula(*error_at, "=NA()" if code == "#N/A" else "=1/0", None, code)

    return fill


def _outcome(data: bytes, limits) -> tuple[str, object, object]:
    """The refusal's message, or the rows and warnings read (the same answer means the same import)."""
    try:
        survey = read_survey(data, "form.xlsx", limits=limits)
    except ImportRejected as exc:
        return "refused", str(exc), None
    return "read", survey.responses.to_dict("list"), survey.warnings


@pytest.mark.parametrize(("at", "code"), [((5, 4), "#N/A"), ((7, 1), "#DIV/0!"), ((3, 0), "#N/A")])
def test_an_error_cell_is_reported_by_fastexcel_and_read_as_on_the_web(at, code):
    """fastexcel names the error cell (in an answer, a text, a time stamp column), so the sheet goes
    to the row-by-row reader, which reads it exactly as an upload (the isolated child) is read: an
    answer "#N/A" is refused, naming it; the code, never a blank."""
    data = workbook(_form(at, code))
    with pytest.raises(xlsx_arrow.ErrorCells):
        xlsx_arrow.sheet_table(data, CLI_LIMITS)
    assert xlsx_errors.has_error_cells(data)
    cli = _outcome(data, CLI_LIMITS)
    assert cli == _outcome(data, UPLOAD_LIMITS)
    if at[1] >= 2:
        assert cli[0] == "refused" and f"'{code}'" in str(cli[1])
    else:
        assert cli[0] == "read" and code in str(cli[1])


def test_an_error_cell_the_fast_path_cannot_see_is_found_by_the_scan():
    """An error in the header row: fastexcel names that column itself (so the calamine path reads
    the sheet) and the XML scan beside calamine sends it to the row-by-row reader."""
    data = workbook(_form((0, 11)))
    assert xlsx_arrow.sheet_table(data, CLI_LIMITS) is None
    assert xlsx_errors.has_error_cells(data)
    cli = _outcome(data, CLI_LIMITS)
    assert cli == _outcome(data, UPLOAD_LIMITS) and cli[0] == "read"


def test_a_sheet_without_error_cells_passes_both_checks():
    data = workbook(_form(None))
    assert not xlsx_errors.has_error_cells(data)
    got = xlsx_arrow.sheet_table(data, CLI_LIMITS)
    assert got is not None and got[1].num_rows == 31


def test_a_sheet_with_unanswered_rows_and_blank_layanan_takes_the_fast_path():
    """Rows that answer no unsur and blank layanan cells are read as the row-by-row reader reads
    them (conftest compares the two Surveys field by field), not sent to it."""

    def fill(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Form Responses 1")
        ws.write_row(0, 0, ["Layanan", *CODES, "Saran"])
        for r in range(1, 31):
            layanan = {7: "", 9: "  "}.get(r, "KTP" if r % 2 else "KK")  # rows 8 and 10 name none
            ws.write(r, 0, layanan)
            if r != 4:  # row 5 answers nothing
                ws.write_row(r, 1, [1 + (r + j) % 4 for j in range(len(CODES))])
            ws.write(r, 1 + len(CODES), "cepat")

    data = workbook(fill)
    survey = columnar.read_xlsx_trusted(data, "form.xlsx", layanan=None, overrides=None, limits=CLI_LIMITS)
    assert survey is not None and survey.row_count == 29
    assert "Baris 8, 10: jenis layanan" in " ".join(survey.warnings)
    assert "Baris 5: tidak menjawab satu pun" in " ".join(survey.warnings)
    assert "Tidak disebutkan" in survey.layanan
