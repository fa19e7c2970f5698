"""The Laporan Rekapitulasi SKM's tables as an XLSX workbook (the PDF's Tabel 1–4, one sheet each).

    xlsx_bytes = build_rekap_xlsx(rekap_data(store, unit, period, today))

Written through skm.report.xlsx.Book: every text with write_string (a quote prefix when a
spreadsheet could read it as a formula), numbers as real numbers shown with two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from xlsxwriter.worksheet import Worksheet

from skm.charts import MUTU_LIGHT
from skm.report.rekap import TITLE, RekapData
from skm.report.rekap_pdf import sementara_note
from skm.report.xlsx import Book, sheet_title, workbook
from skm.rtl import band_rule
from skm.scoring import Score, mutu_nrr
from skm.unsur import CODES, UNSUR

HEAD = {"bold": True, "align": "center", "valign": "vcenter", "bg_color": "#E2E8F0"}


def _subtitle(d: RekapData) -> str:
    marks = (" — SEMENTARA" if d.sementara else "") + (" — DATA DEMO, bukan data resmi" if d.is_demo else "")
    return f"{d.unit_label} · {' › '.join(d.unit.path)} · {d.period_text}{marks}"


def _sheet(
    book: Book, d: RekapData, name: str, title: str, columns: Sequence[tuple[str, float]]
) -> tuple[Worksheet, int]:
    """A sheet with its title, subtitle, the SEMENTARA note when partial, and one header row;
    returns the sheet and its first data row."""
    ws = book.wb.add_worksheet(name)
    top = sheet_title(book, ws, title + (" (SEMENTARA)" if d.sementara else ""), _subtitle(d), len(columns))
    if d.sementara:
        book.text(ws, top - 1, 0, sementara_note(d), border=0, text_wrap=False, bold=True, font_color="#B42318")
        top += 1
    for j, (heading, width) in enumerate(columns):
        book.text(ws, top, j, heading, **HEAD)
        ws.set_column(j, j, width)
    ws.set_row(top, 45)
    ws.freeze_panes(top + 1, 2)
    return ws, top + 1


def _scores(book: Book, ws: Worksheet, row: int, col: int, score: Score, bold: bool = False) -> None:
    """Nine NRR, the IKM and the mutu letter, tinted by mutu."""
    extra = {"bold": True} if bold else {}
    for j, c in enumerate(CODES):
        book.number(ws, row, col + j, score.nrr[c], bg_color=MUTU_LIGHT[mutu_nrr(score.nrr[c]).letter], **extra)
    letter = score.mutu.letter
    book.number(ws, row, col + 9, score.ikm, bold=True, bg_color=MUTU_LIGHT[letter])
    book.text(ws, row, col + 10, letter, align="center", bold=True, bg_color=MUTU_LIGHT[letter])


def _tabel_unsur(book: Book, d: RekapData) -> None:
    word = d.child_word.capitalize()
    columns = [("No", 5), (word, 30), *((f"{UNSUR[c].name} ({c})", 13) for c in CODES), ("IKM", 10), ("Mutu", 7)]
    ws, row = _sheet(book, d, "Tabel 1 IKM", f"Tabel 1. NRR per Unsur dan IKM per {word} {d.period_text}", columns)
    for i, child in enumerate(d.children, start=1):
        ws.write_number(row, 0, i, book.fmt(align="center"))
        book.text(ws, row, 1, child.label)
        if child.score is None:
            book.merge_text(ws, row, 2, row, 12, "belum ada data untuk periode ini", italic=True, align="center")
        else:
            _scores(book, ws, row, 2, child.score)
        row += 1
    book.merge_text(ws, row, 0, row, 1, d.unit_label, bold=True)
    _scores(book, ws, row, 2, d.score, bold=True)


def _tabel_peringkat(book: Book, d: RekapData) -> None:
    columns = [
        ("Peringkat", 10),
        (d.child_word.capitalize(), 30),
        ("IKM", 10),
        ("Mutu Pelayanan", 18),
        (f"IKM {d.period.previous().label}", 16),
        ("Perubahan", 12),
    ]
    ws, row = _sheet(
        book, d, "Tabel 2 Peringkat", f"Tabel 2. Peringkat {d.child_word.capitalize()} menurut IKM", columns
    )
    for child in (*d.ranking, *d.missing):
        if child.rank is None:
            book.text(ws, row, 0, "–", align="center")
        else:
            ws.write_number(row, 0, child.rank, book.fmt(align="center"))
        book.text(ws, row, 1, child.label)
        s = child.score
        if s is None:
            book.merge_text(ws, row, 2, row, 5, "belum ada data", italic=True, align="center")
        else:
            book.number(ws, row, 2, s.ikm, bold=True, bg_color=MUTU_LIGHT[s.mutu.letter])
            book.text(ws, row, 3, f"{s.mutu.letter} ({s.mutu.kinerja})", align="center")
            book.number(ws, row, 4, child.previous_ikm)
            book.number(ws, row, 5, child.delta)
        row += 1


def _tabel_status(book: Book, d: RekapData) -> None:
    columns = [
        ("No", 5),
        (d.child_word.capitalize(), 30),
        (f"Data {d.period.label}", 16),
        ("Responden", 12),
        ("Status persetujuan", 30),
    ]
    ws, row = _sheet(book, d, "Tabel 3 Status", "Tabel 3. Kelengkapan Data dan Status Persetujuan", columns)
    for i, child in enumerate(d.children, start=1):
        ws.write_number(row, 0, i, book.fmt(align="center"))
        book.text(ws, row, 1, child.label)
        book.text(ws, row, 2, "ada" if child.has_data else "belum ada", align="center", bold=not child.has_data)
        respondents = child.score.respondents if child.score is not None else None
        if respondents is None:
            book.text(ws, row, 3, "– (ada tabel NRR)" if child.has_data else "–", align="center")
        else:
            ws.write_number(row, 3, respondents, book.fmt(align="center", num_format="#,##0"))
        book.text(ws, row, 4, child.status, align="center")
        row += 1


def _tabel_prioritas(book: Book, d: RekapData) -> None:
    columns = [
        ("No", 5),
        (d.child_word.capitalize(), 30),
        ("Prioritas perbaikan (tiga unsur terendah, NRR)", 60),
        ("Kegiatan RTL direncanakan", 14),
        ("Kegiatan RTL terlaksana", 14),
        ("% terealisasi", 12),
        ("Nilai realisasi (PEKPPP indikator 8)", 16),
        ("Keterangan nilai", 24),
    ]
    title = "Tabel 4. Prioritas Perbaikan dan Realisasi Rencana Tindak Lanjut"
    ws, row = _sheet(book, d, "Tabel 4 Prioritas RTL", title, columns)
    for i, child in enumerate(d.children, start=1):
        ws.write_number(row, 0, i, book.fmt(align="center"))
        book.text(ws, row, 1, child.label)
        book.text(ws, row, 2, child.priorities_text)
        p = child.rtl
        ws.write_number(row, 3, p.planned, book.fmt(align="center"))
        ws.write_number(row, 4, p.realised, book.fmt(align="center"))
        if p.percent is None:
            book.text(ws, row, 5, "–", align="center")
        else:
            ws.write_number(row, 5, p.percent, book.fmt(align="center", num_format="0%"))
        if p.band is None:
            book.text(ws, row, 6, "–", align="center")
        else:
            ws.write_number(row, 6, p.band, book.fmt(align="center"))
        book.text(ws, row, 7, band_rule(p.band))
        row += 1


def build_rekap_xlsx(data: RekapData) -> bytes:
    return workbook(
        f"{TITLE} {data.period_text} {data.unit_label}",
        [partial(f, d=data) for f in (_tabel_unsur, _tabel_peringkat, _tabel_status, _tabel_prioritas)],
    )
