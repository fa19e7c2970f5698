"""fastexcel's typed columns as the texts python-calamine's values give (skm/ingest/xlsx_arrow.py),
and the sheets it leaves to the calamine path."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
import xlsxwriter

from skm.ingest import CLI_LIMITS, columnar, xlsx_arrow


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
