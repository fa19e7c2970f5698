"""The report's tables as an XLSX workbook, for offices that paste them into their own document.

    xlsx_bytes = build_xlsx(report_data(store, unit, period, today))

Sheets: "Tabel 1" (layanan × unsur NRR, row mean, IKM Layanan, Rata-rata and Mutu rows, coloured
by mutu), "Tabel 2 RTL" (the plan with triwulan ticks), "BAB III Realisasi" (realisation).

Every text goes through write_string, so nothing typed by a user ("=HYPERLINK(...)", "+62 812…",
"-", "@user") ever becomes a formula; a text that a spreadsheet could read as one also gets
Excel's quote prefix (the cell shows and keeps the text exactly, as if typed with a leading ').
Numbers are real numbers with two decimals, so Excel in an Indonesian locale shows 99,09.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from skm.charts import MUTU_LIGHT
from skm.formatting import angka, persen, tanggal
from skm.report.data import ReportData
from skm.scoring import mutu_ikm, mutu_nrr
from skm.unsur import CODES, UNSUR

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def risky(text: str) -> bool:
    """Would a spreadsheet (or a CSV saved from it) read this text as a formula?"""
    return text.startswith(FORMULA_START)


class Book:
    """An in-memory workbook with cached formats and formula-safe text cells."""

    def __init__(self, buffer: io.BytesIO):
        self.wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        self.formats: dict[tuple, Any] = {}

    def fmt(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self.formats:
            base = {"font_name": "Calibri", "font_size": 10, "valign": "top", "text_wrap": True, "border": 1}
            self.formats[key] = self.wb.add_format({**base, **props})
        return self.formats[key]

    def text(self, ws: Worksheet, row: int, col: int, value: str, **props: Any) -> None:
        value = value or ""
        if risky(value):
            props = {**props, "quote_prefix": True}
        ws.write_string(row, col, value, self.fmt(**props))

    def number(self, ws: Worksheet, row: int, col: int, value: float | None, **props: Any) -> None:
        if value is None:
            self.text(ws, row, col, "–", align="center", **props)
        else:
            ws.write_number(row, col, value, self.fmt(num_format="0.00", align="center", **props))

    def merge_text(self, ws: Worksheet, r1: int, c1: int, r2: int, c2: int, value: str, **props: Any) -> None:
        if (r1, c1) == (r2, c2):
            self.text(ws, r1, c1, value, **props)
            return
        if risky(value or ""):
            props = {**props, "quote_prefix": True}
        # merge_range would write a formula for "=..."; write the string into the merged cell ourselves.
        ws.merge_range(r1, c1, r2, c2, None, self.fmt(**props))
        ws.write_string(r1, c1, value or "", self.fmt(**props))


def sheet_title(book: Book, ws: Worksheet, text: str, subtitle: str, width: int) -> int:
    ws.merge_range(0, 0, 0, width - 1, None)
    ws.write_string(0, 0, text, book.wb.add_format({"bold": True, "font_size": 12}))
    ws.write_string(1, 0, subtitle, book.wb.add_format({"italic": True, "font_color": "#475569"}))
    return 3


def _subtitle(d: ReportData) -> str:
    demo = " — DATA DEMO, bukan data resmi" if d.is_demo else ""
    return f"{d.unit_label} · {' › '.join(d.unit.path)} · {d.period_text}{demo}"


def _tabel1(book: Book, d: ReportData) -> None:
    ws = book.wb.add_worksheet("Tabel 1")
    head = {"bold": True, "align": "center", "valign": "vcenter", "bg_color": "#E2E8F0"}
    top = sheet_title(book, ws, f"Tabel 1. Ringkasan Hasil SKM {d.period_text}", _subtitle(d), 12)
    book.merge_text(ws, top, 0, top + 1, 0, "Jenis Pelayanan", **head)
    book.merge_text(ws, top, 1, top, 9, "Nilai Unsur Pelayanan (Unsur/U)", **head)
    book.merge_text(ws, top, 10, top + 1, 10, "Rata-rata NRR", **head)
    book.merge_text(ws, top, 11, top + 1, 11, "IKM Layanan", **head)
    for i, c in enumerate(CODES, start=1):
        book.text(ws, top + 1, i, f"{UNSUR[c].name} ({c})", **head)
    row = top + 2
    for t in d.tabel1:
        bold = {"bold": True} if t.kind != "part" else {}
        book.text(ws, row, 0, t.label, **bold)
        if t.kind == "mutu":
            for i, c in enumerate(CODES, start=1):
                letter = (t.mutu or {}).get(c, "")
                book.text(ws, row, i, letter, align="center", bold=True, bg_color=MUTU_LIGHT.get(letter, "#FFFFFF"))
            mean_letter = mutu_nrr(t.row_mean).letter
            book.text(ws, row, 10, mean_letter, align="center", bold=True, bg_color=MUTU_LIGHT[mean_letter])
            ikm_letter = t.ikm_mutu or ""
            book.text(
                ws, row, 11, ikm_letter, align="center", bold=True, bg_color=MUTU_LIGHT.get(ikm_letter, "#FFFFFF")
            )
        else:
            for i, c in enumerate(CODES, start=1):
                book.number(ws, row, i, t.nrr[c], bg_color=MUTU_LIGHT[mutu_nrr(t.nrr[c]).letter], **bold)
            book.number(ws, row, 10, t.row_mean, **bold)
            fill = {"bg_color": MUTU_LIGHT[mutu_ikm(t.ikm).letter]} if t.ikm is not None else {}
            book.number(ws, row, 11, t.ikm, bold=True, **fill)
        row += 1
    s = d.score
    book.text(ws, row, 0, "Rata-rata IKM Layanan", bold=True)
    summary = f"{angka(s.ikm)} ({s.mutu.letter} atau {s.mutu.kinerja})"
    book.merge_text(ws, row, 1, row, 11, summary, bold=True, align="center")
    ws.set_column(0, 0, 28)
    ws.set_column(1, 9, 13)
    ws.set_column(10, 11, 11)
    ws.set_row(top + 1, 45)
    ws.freeze_panes(top + 2, 1)


def _tabel2(book: Book, d: ReportData) -> None:
    ws = book.wb.add_worksheet("Tabel 2 RTL")
    tws = list(d.triwulan_columns)
    width = 4 + len(tws)
    top = sheet_title(book, ws, "Tabel 2. Rencana Tindak Lanjut Pelaksanaan SKM", _subtitle(d), width)
    head = {"bold": True, "align": "center", "valign": "vcenter", "bg_color": "#E2E8F0"}
    book.merge_text(ws, top, 0, top + 1, 0, "No", **head)
    book.merge_text(ws, top, 1, top + 1, 1, "Prioritas Unsur", **head)
    book.merge_text(ws, top, 2, top + 1, 2, "Program / Kegiatan (Rencana Tindak Lanjut)", **head)
    book.merge_text(ws, top, 3, top, 2 + len(tws), str(d.period.tahun), **head)
    book.merge_text(ws, top, 3 + len(tws), top + 1, 3 + len(tws), "Penanggung Jawab", **head)
    for j, tw in enumerate(tws):
        book.text(ws, top + 1, 3 + j, f"TW {tw}", **head)
    row = top + 2
    for item in d.rtl:
        ws.write_number(row, 0, item.nomor, book.fmt(align="center"))
        book.text(ws, row, 1, UNSUR[item.unsur].name if item.unsur in UNSUR else item.unsur)
        book.text(ws, row, 2, item.program)
        for j, tw in enumerate(tws):
            book.text(ws, row, 3 + j, "√" if tw in item.triwulan else "", align="center")
        book.text(ws, row, 3 + len(tws), item.penanggung_jawab)
        row += 1
    if not d.rtl:
        book.text(ws, row, 0, "Rencana tindak lanjut belum diisi.", border=0)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 60)
    ws.set_column(3, 2 + len(tws), 8)
    ws.set_column(3 + len(tws), 3 + len(tws), 20)
    ws.freeze_panes(top + 2, 0)


def _bab3(book: Book, d: ReportData) -> None:
    ws = book.wb.add_worksheet("BAB III Realisasi")
    heads = (
        ("No", 5),
        ("Program / Kegiatan (Rencana Tindak Lanjut)", 45),
        ("Apakah RTL Telah Ditindaklanjuti (Sudah/Belum)", 16),
        ("Tanggal, Bulan dan Tahun Realisasi", 22),
        ("Deskripsi Tindak Lanjut", 50),
        ("Dokumentasi Kegiatan", 30),
        ("Tantangan/ Hambatan", 25),
    )
    top = sheet_title(book, ws, "Realisasi Rencana Tindak Lanjut", _subtitle(d), len(heads))
    for j, (text, w) in enumerate(heads):
        book.text(ws, top, j, text, bold=True, align="center", valign="vcenter", bg_color="#E2E8F0")
        ws.set_column(j, j, w)
    row = top + 1
    for item, photos in zip(d.rtl, d.photos, strict=False):
        ws.write_number(row, 0, item.nomor, book.fmt(align="center"))
        book.text(ws, row, 1, item.program)
        book.text(ws, row, 2, "Sudah" if item.done else "Belum", align="center")
        book.text(ws, row, 3, tanggal(item.tanggal) if item.tanggal else "–")
        book.text(ws, row, 4, item.deskripsi)
        book.text(ws, row, 5, "; ".join(p.name for p in photos) if photos else "–")
        book.text(ws, row, 6, item.hambatan)
        row += 1
    p = d.progress
    if p.planned:
        summary = f"Realisasi: {p.realised} dari {p.planned} kegiatan ({persen(p.percent)})."
        book.text(ws, row + 1, 0, summary, border=0, text_wrap=False)
    ws.freeze_panes(top + 1, 0)


def workbook(title: str, sheets: Sequence[Callable[[Book], None]]) -> bytes:
    """An XLSX file of the given sheets, each drawn in turn into one Book."""
    buffer = io.BytesIO()
    book = Book(buffer)
    book.wb.set_properties({"title": title})
    for sheet in sheets:
        sheet(book)
    book.wb.close()
    return buffer.getvalue()


def build_xlsx(data: ReportData) -> bytes:
    return workbook(
        f"Tabel Laporan Tindak Lanjut SKM {data.period_text} {data.unit_label}",
        [partial(f, d=data) for f in (_tabel1, _tabel2, _bab3)],
    )
