"""The Laporan Hasil Tindak Lanjut SKM as a PDF, laid out like the reports offices send to the camat.

    pdf_bytes = build_pdf(report_data(store, unit, period, today))

Order: cover letter with kop surat (portrait), title page, BAB I Pendahuluan, BAB II Deskripsi
Rencana Tindak Lanjut (landscape: Tabel 1 coloured by mutu, the interval table, two figures, the
priorities, Tabel 2), BAB III Realisasi (landscape, with documentation photos), BAB IV Kesimpulan.

fpdf2 only, no browser: the figures are drawn with rectangles and text in the mutu colours of
skm.charts. One FPDF per call (fpdf2 documents are not reusable); the DejaVu Sans TTF shipped in
skm/report/fonts is embedded (subset), so any Latin, Greek or Cyrillic name prints; a character
the font lacks (CJK, emoji) prints as '?' instead of failing.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from itertools import groupby
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import PageOrientation, TableHeadingsDisplay
from fpdf.table import Table

from skm.charts import MUTU_COLORS, MUTU_LIGHT
from skm.formatting import angka, persen, tanggal, terbilang
from skm.report.data import ReportData
from skm.rtl import TRIWULAN, RtlItem, is_overdue
from skm.scoring import IKM_BANDS, MUTU_A, MUTU_B, MUTU_C, MUTU_D, NRR_BANDS, mutu_ikm, mutu_nrr
from skm.settings import ReportSettings
from skm.tinjauan import held_note
from skm.unsur import CODES, UNSUR

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
INK = "#0F172A"
MUTED = "#475569"
RULE = "#94A3B8"
HEAD_FILL = "#E2E8F0"
DEMO_RED = "#B42318"
BODY_PT = 11
AUTO_BREAK_MARGIN = 18
TABLE_PT = 8.5
MAX_CELL_CHARS = 900  # a longer text is cut (with "…") so one table row always fits a page
MAX_PHOTOS = 4  # per RTL item in BAB III; more are counted, not shown
MAX_CELL_LINES = 10
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------- fonts and text
def _font_resource(name: str):
    return resources.files("skm.report").joinpath("fonts", name)


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points both shipped faces can draw."""
    from fontTools.ttLib import TTFont

    sets = []
    for name in FONT_FILES.values():
        font = TTFont(io.BytesIO(_font_resource(name).read_bytes()), lazy=True)
        sets.append(set(font.getBestCmap()))
        font.close()
    return frozenset(set.intersection(*sets))


def printable(text: str) -> str:
    """Text the embedded font can draw: tabs become spaces, other control characters go, and a
    character without a glyph becomes '?'."""
    covered = _covered()
    text = _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(ch if ch == "\n" or ord(ch) in covered else "?" for ch in text)


def _cut(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """A table cell's text short enough that its row always fits one page: at most `limit`
    characters and MAX_CELL_LINES line breaks (further lines are joined with spaces)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > MAX_CELL_LINES:
        lines = lines[: MAX_CELL_LINES - 1] + [" ".join(lines[MAX_CELL_LINES - 1 :])]
    text = "\n".join(lines)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


GROUP_LIMIT = 100.0  # mm: rows merged by a rowspan must fit one page together (fpdf2 refuses otherwise)


MAX_ROW_HEIGHT = 100.0  # mm: a taller table row might not fit a landscape page under a heading and header


def _wrapped(pdf: Doc, text: str, width: float, line_h: float, size: float, pad: float) -> list[str]:
    pdf.typeface(size)
    lines = pdf.multi_cell(width - pad, line_h, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)
    return lines


def _text_height(pdf: Doc, text: str, width: float, line_h: float, size: float, pad: float = 2.4) -> float:
    """How tall a table cell with this text will be (measured by fpdf2 itself, nothing drawn)."""
    return len(_wrapped(pdf, text, width, line_h, size, pad)) * line_h + pad


def _clip(
    pdf: Doc, text: str, width: float, line_h: float, size: float, pad: float = 2.4, max_h: float = MAX_ROW_HEIGHT
) -> str:
    """A cell's text cut (with "…") to the lines that fit max_h once wrapped in its column: a
    table row must fit one page, or fpdf2 spills it over the next page without its header."""
    text = _cut(text)
    lines = _wrapped(pdf, text, width, line_h, size, pad)
    keep = max(1, int((max_h - pad) // line_h))
    if len(lines) <= keep:
        return text
    last = lines[keep - 1].rstrip()
    return "\n".join([*(line.rstrip() for line in lines[: keep - 1]), (last[:-1] if len(last) > 1 else last) + "…"])


def _tint(letter: str) -> str:
    return MUTU_LIGHT[letter]


# ---------------------------------------------------------------------------- the document
class Doc(FPDF):
    """An A4 document in the house style (fonts, margins, footer with page numbers and DATA DEMO).
    Documents about one unit and period carry their ReportData; others (the blank questionnaire,
    an index) none."""

    def __init__(self, data: ReportData | None = None, *, demo: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4")
        self._data = data
        self.demo = data.is_demo if data is not None else demo
        self.set_margins(25, 20, 20)
        self.set_auto_page_break(True, margin=AUTO_BREAK_MARGIN)
        self.set_text_color(INK)
        self.set_draw_color(RULE)

    @property
    def data(self) -> ReportData:
        assert self._data is not None, "this document has no ReportData"
        return self._data

    def normalize_text(self, text: str) -> str:  # every string fpdf2 draws passes here
        return super().normalize_text(printable(text))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(MUTED)
        if self.demo:
            self.set_text_color(DEMO_RED)
            self.cell(60, 5, "DATA DEMO — bukan data resmi", align="L")
            self.set_text_color(MUTED)
            self.set_x(self.l_margin)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="C")
        self.set_text_color(INK)

    # -- small helpers
    def typeface(self, size: float = BODY_PT, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def para(self, text: str, h: float = 6, align: str = "J", size: float = BODY_PT, gap: float = 3) -> None:
        self.typeface(size)
        for block in [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]:
            self.multi_cell(0, h, block, align=align, new_x="LMARGIN", new_y="NEXT")
            self.ln(gap)

    def heading(self, *lines: str, size: float = 13) -> None:
        self.typeface(size, bold=True)
        for line in lines:
            self.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(5)

    def caption(self, text: str) -> None:
        self.typeface(10, bold=True)
        self.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def numbered(self, items: Sequence[str], indent: float = 0, label_w: float = 7, h: float = 6) -> None:
        for i, text in enumerate(items, start=1):
            self.hanging(f"{i}.", text, indent=indent, label_w=label_w, h=h)

    def hanging(
        self, label: str, text: str, indent: float = 0, label_w: float = 7, h: float = 6, align: str = "J"
    ) -> None:
        """A list item whose wrapped lines stay right of its label."""
        x = self.l_margin + indent
        self.set_x(x)
        self.cell(label_w, h, label)
        self.multi_cell(self.w - self.r_margin - x - label_w, h, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def ensure_space(self, height: float, orientation: str = "") -> None:
        if self.will_page_break(height):
            current = self.cur_orientation
            self.add_page(
                orientation=orientation or (current.value if isinstance(current, PageOrientation) else current)
            )

    def signature(
        self, x: float, size: float = BODY_PT, h: float = 6, space: float = 20, settings: ReportSettings | None = None
    ) -> None:
        """Jabatan, room to sign, the name underlined, NIP; kept together on one page. The
        settings are the document's own unless given (a document without ReportData)."""
        s = settings or self.data.settings
        self.ensure_space(3 * h + space + 8)
        width = self.w - self.r_margin - x
        self.typeface(size)
        self.set_x(x)
        self.multi_cell(width, h, s.jabatan, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(space)
        self.set_x(x)
        self.set_font(FONT, "BU", size)
        self.multi_cell(width, h, s.penandatangan or "(nama penandatangan)", align="C", new_x="LMARGIN", new_y="NEXT")
        self.typeface(size)
        if s.nip:
            self.set_x(x)
            self.multi_cell(width, h, f"NIP. {s.nip}", align="C", new_x="LMARGIN", new_y="NEXT")

    def grid(
        self,
        widths: Sequence[float],
        heading_rows: int = 1,
        head_pt: float = 6.8,
        line_height: float = 4.6,
        padding: tuple[float, float, float, float] = (1.2, 0.9, 1.2, 0.9),
    ) -> AbstractContextManager[Table]:
        """A table of unit × unsur figures: at the left margin, centred text, the bold shaded
        header repeated on top of every page it runs onto."""
        return self.table(
            col_widths=widths,
            align="LEFT",
            text_align="CENTER",
            line_height=line_height,
            padding=padding,
            num_heading_rows=heading_rows,
            headings_style=FontFace(emphasis="BOLD", size_pt=head_pt, fill_color=HEAD_FILL),
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        )

    @contextmanager
    def table_style(self, size: float = TABLE_PT) -> Iterator[None]:
        # A table takes the current fill colour as its cells' background: start from white.
        self.set_fill_color("#FFFFFF")
        self.set_text_color(INK)
        self.set_draw_color(RULE)
        self.typeface(size)
        self.set_line_width(0.2)
        yield
        self.typeface()


# ---------------------------------------------------------------------------- the letter
def kop(pdf: Doc, s: ReportSettings) -> None:
    """The kop surat (letterhead) from the settings, with its double rule."""
    pdf.set_y(15)
    lines = [(s.kop_pemerintah, 11.5), (s.kop_kota, 11.5), (s.kop_kecamatan, 11.5), (s.kop_unit, 13.5)]
    for text, size in lines:
        if text.strip():
            pdf.typeface(size, bold=True)
            pdf.multi_cell(0, 5.8, text.strip(), align="C", new_x="LMARGIN", new_y="NEXT")
    address = "  ".join(t for t in (s.alamat.strip(), s.telepon.strip()) if t)
    if address:
        pdf.typeface(9)
        pdf.multi_cell(0, 4.8, address, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    if s.kota_surat.strip():
        pdf.typeface(10.5, bold=True)
        pdf.multi_cell(0, 5.5, s.kota_surat.strip(), align="C", new_x="LMARGIN", new_y="NEXT")
    if s.kode_pos.strip():
        pdf.set_xy(pdf.l_margin, y)
        pdf.typeface(9)
        pdf.cell(0, 5.5, f"Kode Pos : {s.kode_pos.strip()}", align="R", new_x="LMARGIN", new_y="NEXT")
    y = max(pdf.get_y(), y + 5.5) + 1.5
    pdf.set_draw_color(INK)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.25)
    pdf.line(pdf.l_margin, y + 1.2, pdf.w - pdf.r_margin, y + 1.2)
    pdf.set_draw_color(RULE)
    pdf.set_y(y + 5)


LETTER_PT = 10.5
LETTER_H = 5.2


LETTER_RIGHT_X = 122.0  # mm: the date, Kepada and the signature block start here
LETTER_LABEL_W, LETTER_COLON_W = 22.0, 4.0


def letter_head(pdf: Doc, s: ReportSettings, letter_date: date) -> float:
    """A new page with the kop, place and date, Nomor / Sifat / Lampiran / Hal on the left and
    Kepada on the right from the Hal row; returns where the body's text starts (x)."""
    pdf.add_page()
    kop(pdf, s)
    pdf.typeface(LETTER_PT)
    h = LETTER_H
    right_x = LETTER_RIGHT_X
    top = pdf.get_y()
    place = f"{s.tempat.strip()}, " if s.tempat.strip() else ""
    pdf.set_xy(right_x, top)
    pdf.cell(0, h, place + tanggal(letter_date, with_day=False), align="L")
    label_w, colon_w = LETTER_LABEL_W, LETTER_COLON_W
    value_w = right_x - 4 - pdf.l_margin - label_w - colon_w
    pdf.set_y(top + h + 2)
    hal_y = top
    for label, value in (("Nomor", s.nomor), ("Sifat", s.sifat), ("Lampiran", s.lampiran), ("Hal", s.hal)):
        if label == "Hal":
            hal_y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(label_w, h, label)
        pdf.cell(colon_w, h, ":")
        pdf.multi_cell(value_w, h, value.strip(), align="L", new_x="LMARGIN", new_y="NEXT")
    left_end = pdf.get_y()
    pdf.set_y(hal_y)
    right_w = pdf.w - pdf.r_margin - right_x
    for text, dx in (("Kepada", 0.0), (s.kepada, 0.0), ("di", 0.0), (s.kepada_di, 8.0)):
        if text.strip():
            pdf.set_x(right_x + dx)
            pdf.multi_cell(right_w - dx, h, text.strip(), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(left_end, pdf.get_y()) + 5)
    return pdf.l_margin + label_w + colon_w


def letter_text(pdf: Doc, body_x: float, text: str, gap: float = 2, label: str = "") -> None:
    """A justified paragraph of the letter's body (a numbered point when label is given)."""
    width = pdf.w - pdf.r_margin - body_x
    pdf.typeface(LETTER_PT)
    pdf.set_x(body_x)
    if label:
        pdf.cell(7, LETTER_H, label)
        width -= 7
    pdf.multi_cell(width, LETTER_H, text, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def letter_close(pdf: Doc, s: ReportSettings, body_x: float) -> None:
    """'Demikian disampaikan …', the signature under the date, and the tembusan."""
    letter_text(pdf, body_x, "Demikian disampaikan, atas perhatian dan kerjasamanya diucapkan terima kasih.", gap=5)
    pdf.signature(x=LETTER_RIGHT_X - 12, size=LETTER_PT, h=LETTER_H, space=16, settings=s)
    tembusan = [t.strip() for t in s.tembusan if t.strip()]
    if tembusan:
        pdf.ln(4)
        pdf.typeface(9)
        pdf.ensure_space(6 + 4.5 * len(tembusan))
        pdf.cell(0, 4.5, "Tembusan :", new_x="LMARGIN", new_y="NEXT")
        pdf.numbered(tembusan, label_w=6, h=4.5)
    pdf.typeface()


def _letter(pdf: Doc) -> None:
    d = pdf.data
    s = d.settings
    body_x = letter_head(pdf, s, d.letter_date)
    width = pdf.w - pdf.r_margin - body_x
    unit, period = d.unit_label, d.period_text
    ikm, mutu = d.score.ikm, d.score.mutu
    letter_text(
        pdf,
        body_x,
        f"Sehubungan telah dilaksanakannya tindak lanjut Survei Kepuasan Masyarakat {period} di {unit}, "
        f"bersama ini disampaikan hasil tindak lanjut pelaksanaan Survei Kepuasan Masyarakat {period} di "
        f"{unit} sebagai berikut:",
    )
    n = len(d.layanan)
    points = [
        f"Pelaksanaan Survei Kepuasan Masyarakat {period} dilaksanakan terhadap {n} ({terbilang(n)}) jenis "
        "layanan yaitu:",
        f"Berdasarkan hasil survei, nilai IKM {unit} {period} adalah {angka(ikm)} dan masuk dalam kategori "
        f"{mutu.letter} ({mutu.kinerja}). Unsur yang memperoleh nilai terendah pada hasil SKM menjadi prioritas "
        "dan dituangkan ke dalam rencana tindak lanjut SKM untuk dilakukan perbaikan dalam peningkatan "
        "kualitas layanan.",
        f"Laporan hasil tindak lanjut perbaikan atas pelaksanaan Survei Kepuasan Masyarakat {unit} {period} terlampir.",
    ]
    for i, text in enumerate(points, start=1):
        letter_text(pdf, body_x, text, gap=0, label=f"{i}.")
        if i == 1:
            _layanan_list(pdf, list(d.layanan), body_x + 7, width - 7, LETTER_H)
        pdf.ln(1.2)
    pdf.ln(0.8)
    letter_close(pdf, s, body_x)


def _layanan_list(pdf: Doc, names: list[str], x: float, width: float, h: float) -> None:
    """a. b. c. under the first point; two columns (a–c | d–f) when there are five or more."""
    n = len(names)
    labelled = []
    for j, name in enumerate(names):
        end = "." if j == n - 1 else (", dan" if j == n - 2 else ",")
        label = f"{chr(ord('a') + j)}." if j < 26 else f"{j + 1}."
        labelled.append((label, f"{name}{end}"))
    columns = 2 if n >= 5 else 1
    per_col = math.ceil(n / columns)
    col_w = width / columns
    for row in range(per_col):
        y = pdf.get_y()
        pdf.ensure_space(h)
        if pdf.get_y() < y:  # a page break happened
            y = pdf.get_y()
        bottom = y
        for col in range(columns):
            j = col * per_col + row
            if j >= n:
                continue
            label, text = labelled[j]
            pdf.set_xy(x + col * col_w, y)
            pdf.cell(7, h, label)
            pdf.multi_cell(col_w - 9, h, text, align="L", new_x="LMARGIN", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_y(bottom)


# ---------------------------------------------------------------------------- title, BAB I
def title_page(pdf: Doc, title: Sequence[str], year: int) -> None:
    """A title page: the title lines, the unit, its kecamatan and kota, the year."""
    d = pdf.data
    pdf.add_page()
    pdf.set_y(70)
    pdf.typeface(18, bold=True)
    for line in (*title, d.period_text):
        pdf.multi_cell(0, 10, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(28)
    pdf.typeface(16, bold=True)
    pdf.multi_cell(0, 9, d.unit_label, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(24)
    pdf.typeface(13, bold=True)
    for line in (wilayah_line(d), f"Tahun {year}"):
        if line:
            pdf.multi_cell(0, 7.5, line, align="C", new_x="LMARGIN", new_y="NEXT")


def _title_page(pdf: Doc) -> None:
    title_page(
        pdf, ("Laporan Hasil Tindak Lanjut Pelaksanaan", "Survei Kepuasan Masyarakat"), pdf.data.letter_date.year
    )


def wilayah_line(d: ReportData) -> str:
    """'Kecamatan Makasar Kota Administrasi Jakarta Timur' from the kop (else from the unit path)."""
    s = d.settings
    parts = []
    if d.unit.level == "kelurahan":
        parts.append(title_case(s.kop_kecamatan) or (f"Kecamatan {d.unit.path[-2]}" if len(d.unit.path) > 1 else ""))
    if d.unit.level != "kota":
        parts.append(title_case(s.kop_kota) or f"Kota {d.unit.path[0]}")
    return " ".join(p for p in parts if p)


def title_case(text: str) -> str:
    return " ".join(w if len(w) <= 3 and w.isupper() and w not in {"KOTA"} else w.capitalize() for w in text.split())


def _bab1(pdf: Doc) -> None:
    pdf.add_page(orientation="P")
    pdf.heading("BAB I", "PENDAHULUAN")
    pdf.para(pdf.data.settings.bab1 or "")


# ---------------------------------------------------------------------------- BAB II
def tabel1_section(pdf: Doc) -> None:
    d = pdf.data
    rows = d.tabel1
    epw = pdf.epw
    unsur_w = 20.5
    widths = (epw - 9 * unsur_w - 16 - 19, *([unsur_w] * 9), 16.0, 19.0)
    bold = FontFace(emphasis="BOLD")
    pdf.caption(f"Tabel 1. Ringkasan Hasil SKM {d.period_text}")
    with pdf.table_style(), pdf.grid(widths, heading_rows=2) as table:
        r = table.row()
        r.cell("Jenis Pelayanan", rowspan=2)
        r.cell("Nilai Unsur Pelayanan (Unsur/U)", colspan=9)
        r.cell("Rata-rata NRR", rowspan=2)
        r.cell("IKM Layanan", rowspan=2)
        r = table.row()
        for c in CODES:
            r.cell(f"{UNSUR[c].name} ({c})")
        for row in rows:
            r = table.row()
            style = bold if row.kind != "part" else None
            r.cell(_clip(pdf, row.label, widths[0], 4.6, TABLE_PT, pad=1.8, max_h=40), align="LEFT", style=style)
            if row.kind == "mutu":
                letters = row.mutu or {}
                for c in CODES:
                    letter = letters.get(c, "")
                    r.cell(letter, style=FontFace(emphasis="BOLD", fill_color=_tint(letter) if letter else None))
                mean_letter = mutu_nrr(row.row_mean).letter
                r.cell(mean_letter, style=FontFace(emphasis="BOLD", fill_color=_tint(mean_letter)))
                ikm_letter = row.ikm_mutu or ""
                r.cell(
                    ikm_letter, style=FontFace(emphasis="BOLD", fill_color=_tint(ikm_letter) if ikm_letter else None)
                )
                continue
            for c in CODES:
                letter = mutu_nrr(row.nrr[c]).letter
                r.cell(angka(row.nrr[c]), style=FontFace.combine(style, FontFace(fill_color=_tint(letter))))
            r.cell(angka(row.row_mean), style=style)
            if row.ikm is None:
                r.cell("–")
            else:
                r.cell(angka(row.ikm), style=FontFace(emphasis="BOLD", fill_color=_tint(mutu_ikm(row.ikm).letter)))
        s = d.score
        r = table.row()
        r.cell("Rata-rata IKM Layanan", align="LEFT", style=bold)
        r.cell(f"{angka(s.ikm)} ({s.mutu.letter} atau {s.mutu.kinerja})", colspan=11, style=bold)
    notes = []
    if s.ikm_reported is not None and abs(s.ikm - s.ikm_derived) >= 0.005:
        notes.append(
            "IKM Layanan sesuai tabel yang dihitung kantor dari data tak dibulatkan; dari NRR dua desimal yang "
            f"tampil, IKM = {angka(s.ikm_derived)}."
        )
    notes.append(
        "Warna sel menurut mutu: hijau A (Sangat Baik), biru B (Baik), jingga C (Kurang Baik), merah D (Tidak Baik)."
    )
    pdf.ln(1.5)
    pdf.para(" ".join(notes), h=4.5, size=8, align="L", gap=2)


def _interval_rows() -> list[tuple[str, str, str, str, str]]:
    """The regulation's interval table, lowest first, from scoring's bounds (as the seed prints it)."""
    ikm_lo = [25.0] + [b for b, _ in reversed(IKM_BANDS)]
    nrr_lo = [1.0] + [math.ceil(round(b * 100, 6)) / 100 for b, _ in reversed(NRR_BANDS)]
    rows = []
    for i, mutu in enumerate((MUTU_D, MUTU_C, MUTU_B, MUTU_A)):
        ikm_hi = ikm_lo[i + 1] - 0.01 if i < 3 else 100.0
        nrr_hi = nrr_lo[i + 1] - 0.01 if i < 3 else 4.0
        rows.append(
            (
                str(i + 1),
                f"{angka(nrr_lo[i])} – {angka(nrr_hi)}",
                f"{angka(ikm_lo[i])} – {angka(ikm_hi)}",
                mutu.letter,
                mutu.kinerja[0] + mutu.kinerja[1:].lower(),
            )
        )
    return rows


def interval_section(pdf: Doc) -> None:
    d = pdf.data
    pdf.ensure_space(45)
    pdf.caption("Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu Pelayanan dan Kinerja Unit Pelayanan")
    head = FontFace(emphasis="BOLD", size_pt=8, fill_color=HEAD_FILL)
    current = d.score.mutu.letter
    with (
        pdf.table_style(9),
        pdf.table(
            col_widths=(28, 40, 48, 30, 44),
            width=min(190, pdf.epw),
            text_align="CENTER",
            line_height=5,
            padding=(1, 1),
            headings_style=head,
        ) as table,
    ):
        table.row(
            [
                "Nilai Persepsi",
                "Nilai Interval IKM",
                "Nilai Interval Konversi IKM",
                "Mutu Pelayanan",
                "Kinerja Unit Pelayanan",
            ]
        )
        for values in _interval_rows():
            style = FontFace(emphasis="BOLD", fill_color=_tint(values[3])) if values[3] == current else None
            r = table.row(style=style)
            for v in values:
                r.cell(v)
    pdf.ln(1.5)
    pdf.para(
        f"Baris yang diwarnai adalah mutu {d.unit_label}: IKM {angka(d.score.ikm)} "
        f"({current}, {d.score.mutu.kinerja}).",
        h=4.5,
        size=8,
        align="C",
        gap=4,
    )


def _legend(pdf: Doc, x: float, y: float) -> None:
    pdf.typeface(7)
    for letter, mutu in (("A", MUTU_A), ("B", MUTU_B), ("C", MUTU_C), ("D", MUTU_D)):
        pdf.set_fill_color(MUTU_COLORS[letter])
        pdf.rect(x, y + 0.8, 3.2, 3.2, style="F")
        label = f"{letter} {mutu.kinerja}"
        pdf.set_xy(x + 4.2, y)
        pdf.cell(pdf.get_string_width(label) + 1, 4.8, label)
        x += 4.2 + pdf.get_string_width(label) + 5


def _fit(pdf: Doc, text: str, width: float) -> str:
    """Text cut with '…' to fit a width at the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _label(pdf: Doc, x: float, y: float, w: float, h: float, text: str, size: float = 7.2) -> None:
    """A right-aligned row label in a box of height h: one line if it fits, else two smaller lines."""
    pdf.typeface(size)
    if pdf.get_string_width(text) <= w or h < 5:
        pdf.set_xy(x, y)
        pdf.cell(w, h, _fit(pdf, text, w), align="R")
        return
    small = size * 0.85
    pdf.typeface(small)
    if pdf.get_string_width(text) <= w:
        pdf.set_xy(x, y)
        pdf.cell(w, h, text, align="R")
        return
    words, first = text.split(), ""
    while words and pdf.get_string_width((first + " " + words[0]).strip()) <= w:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one very long word
        first, words = _fit(pdf, text, w), []
    second = _fit(pdf, " ".join(words), w)
    line_h = small * 0.3528 * 1.2
    top = y + (h - 2 * line_h) / 2
    for i, line in enumerate((first, second)):
        pdf.set_xy(x, top + i * line_h)
        pdf.cell(w, line_h, line, align="R")


FIG_HEAD = 7.6  # mm above the first row: unsur codes and names / mutu bound labels
FIG_FOOT = 7.0  # mm below the last row: legend / tick labels
FIG_MIN_PITCH = 3.8  # mm per layanan row at the most


def draw_heatmap(
    pdf: Doc,
    x: float,
    y: float,
    w: float,
    names: Sequence[str],
    matrix: Sequence[Sequence[float]],
    pitch: float = 7.0,
) -> float:
    """Layanan × unsur, one cell per NRR in its mutu colour with the value on it, one row per
    `pitch` mm; returns the height used."""
    label_w = min(36.0, w * 0.25)
    cell_w = (w - label_w) / len(CODES)
    pdf.set_text_color(MUTED)
    for i, c in enumerate(CODES):
        pdf.typeface(6.8, bold=True)
        pdf.set_xy(x + label_w + i * cell_w, y)
        pdf.cell(cell_w, 3.6, c, align="C")
        pdf.set_xy(x + label_w + i * cell_w, y + 3.4)
        pdf.typeface(5.4)
        pdf.cell(cell_w, 3.2, _fit(pdf, UNSUR[c].short, cell_w - 0.4), align="C")
    top = y + FIG_HEAD
    value_pt = min(7.2, pitch * 1.7)
    for r, (name, values) in enumerate(zip(names, matrix, strict=True)):
        yy = top + r * pitch
        pdf.set_text_color(INK)
        _label(pdf, x, yy, label_w - 1.5, pitch, name, size=min(7.2, pitch * 1.8))
        pdf.typeface(value_pt, bold=True)
        pdf.set_text_color("#FFFFFF")
        for i, v in enumerate(values):
            pdf.set_fill_color(MUTU_COLORS[mutu_nrr(v).letter])
            cx = x + label_w + i * cell_w
            pdf.rect(cx + 0.35, yy + 0.35, cell_w - 0.7, pitch - 0.7, style="F")
            pdf.set_xy(cx, yy)
            pdf.cell(cell_w, pitch, angka(v), align="C")
    pdf.set_text_color(INK)
    bottom = top + len(names) * pitch + 1.5
    _legend(pdf, x + label_w, bottom)
    return bottom + 5 - y


def _bar_start(ikms: Sequence[float]) -> float:
    low = min(ikms) if ikms else 25.0
    return max(25.0, (int(low) // 5) * 5 - 5)


def draw_ikm_bars(
    pdf: Doc,
    x: float,
    y: float,
    w: float,
    names: Sequence[str],
    ikms: Sequence[float],
    pitch: float = 7.0,
    start: float | None = None,
) -> float:
    """Horizontal IKM bars per layanan in mutu colours, mutu bounds dotted, rows at the same pitch
    as the heatmap beside it; the scale starts at `start` (below the lowest IKM by default).
    Returns the height used."""
    label_w = min(36.0, w * 0.3)
    value_w = 17.0
    plot_x, plot_w = x + label_w, w - label_w - value_w
    start = _bar_start(ikms) if start is None else start
    span = 100.0 - start

    def sx(v: float) -> float:
        return plot_x + (max(start, min(100.0, v)) - start) / span * plot_w

    bar_h = pitch * 0.72
    top = y + FIG_HEAD
    height = len(names) * pitch
    # grid and ticks
    step = next(st for st in (1, 2, 5, 10, 25) if span / st <= 8)
    pdf.set_draw_color("#E2E8F0")
    pdf.set_line_width(0.2)
    pdf.typeface(6.5)
    pdf.set_text_color(MUTED)
    tick = math.ceil(start / step) * step
    while tick <= 100:
        pdf.line(sx(tick), top - 1, sx(tick), top + height)
        pdf.set_xy(sx(tick) - 6, top + height + 0.5)
        pdf.cell(12, 3.5, angka(tick, 0), align="C")
        tick += step
    # mutu bounds
    pdf.set_draw_color(MUTED)
    pdf.set_dash_pattern(dash=0.8, gap=0.8)
    for bound, mutu in IKM_BANDS:
        if start < bound <= 100:
            pdf.line(sx(bound), top - 2, sx(bound), top + height)
            pdf.set_xy(sx(bound) - 12, y + 1)
            pdf.cell(24, 3.5, f"{mutu.letter} ≥ {angka(bound)}", align="C")
    pdf.set_dash_pattern()
    # bars
    value_pt = min(7.2, pitch * 1.7)
    for i, (name, v) in enumerate(zip(names, ikms, strict=True)):
        yy = top + i * pitch
        letter = mutu_ikm(v).letter
        pdf.set_fill_color(MUTU_COLORS[letter])
        pdf.rect(plot_x, yy + (pitch - bar_h) / 2, max(0.4, sx(v) - plot_x), bar_h, style="F")
        pdf.set_text_color(INK)
        _label(pdf, x, yy, label_w - 1.5, pitch, name, size=min(7.2, pitch * 1.8))
        pdf.typeface(value_pt, bold=True)
        label = f"{angka(v)} ({letter})"
        pdf.set_fill_color("#FFFFFF")  # over the dotted mutu bounds, the value stays legible
        pdf.set_xy(sx(v) + 0.6, yy + (pitch - bar_h) / 2)
        pdf.cell(pdf.get_string_width(label) + 1.2, bar_h, label, align="C", fill=True)
    pdf.set_draw_color(RULE)
    pdf.set_text_color(INK)
    pdf.typeface()
    return top + height + 5 - y


def figures_section(pdf: Doc) -> None:
    """Gambar 1 (heatmap) and Gambar 2 (IKM bars) side by side, one row per layanan at the same
    height in both; many layanan continue on the next page (the figures never run off a page)."""
    d = pdf.data
    parts = list(d.score.parts or (d.score,))
    scale_start = _bar_start([p.ikm for p in parts])
    left_w = pdf.epw * 0.6
    right_x = pdf.l_margin + left_w + 10
    right_w = pdf.epw - left_w - 10
    overhead = 7 + FIG_HEAD + FIG_FOOT + 3
    done = 0
    pdf.set_auto_page_break(False)  # drawn at computed positions: a stray cell must not break the page
    try:
        while done < len(parts):
            remaining = len(parts) - done
            avail = pdf.h - AUTO_BREAK_MARGIN - pdf.get_y() - overhead  # not page_break_trigger: off here
            fit = int(avail // FIG_MIN_PITCH)
            if fit < min(remaining, 8):
                pdf.add_page(orientation="L")
                continue
            chunk = parts[done : done + min(remaining, fit)]
            pitch = min(7.0, max(FIG_MIN_PITCH, avail / len(chunk)))
            y = pdf.get_y()
            more = " (lanjutan)" if done else ""
            pdf.typeface(9, bold=True)
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(left_w, 5, f"Gambar 1. Nilai unsur (NRR) per jenis layanan{more}", align="L")
            pdf.set_xy(right_x, y)
            pdf.cell(right_w, 5, f"Gambar 2. IKM per jenis layanan{more}", align="L")
            names = [p.name for p in chunk]
            used_left = draw_heatmap(
                pdf, pdf.l_margin, y + 7, left_w, names, [[p.nrr[c] for c in CODES] for p in chunk], pitch
            )
            used_right = draw_ikm_bars(pdf, right_x, y + 7, right_w, names, [p.ikm for p in chunk], pitch, scale_start)
            pdf.set_xy(pdf.l_margin, y + 7 + max(used_left, used_right) + 3)
            done += len(chunk)
    finally:
        pdf.set_auto_page_break(True, margin=AUTO_BREAK_MARGIN)
    pdf.typeface()


def priorities_section(pdf: Doc) -> None:
    d = pdf.data
    pdf.para(
        "Berkaca pada data tersebut, dapat terlihat beberapa unsur yang memerlukan intervensi lanjutan karena "
        "rendahnya angka IKM pada unsur tersebut. Oleh karena itu, perlu disusun sebuah rencana tindak lanjut "
        "perbaikan terhadap unsur-unsur dengan nilai rendah. Untuk memastikan rencana tindak lanjut dapat "
        "diimplementasikan dan ditindaklanjuti dengan baik, maka perlu disusun skala prioritas perbaikan unsur yang "
        f"terdiri dari {len(d.priorities)} unsur dengan nilai terendah:",
        gap=1.5,
    )
    pdf.typeface()
    # When two-decimal values tie across the cut, say which unrounded values decided it.
    shown = {c: angka(v) for c, v in d.score.nrr.items()}
    chosen = {u.code for u in d.priorities}
    cut_shown = {shown[c] for c in chosen}
    finer = any(shown[c] in cut_shown for c in shown if c not in chosen)
    for i, u in enumerate(d.priorities, start=1):
        value = angka(u.nrr, 4) if finer else angka(u.nrr)
        pdf.hanging(f"{i}.", f"{u.name} ({u.code}) — NRR {value}, mutu {u.mutu.letter}", indent=5)
    notes = []
    if finer:
        notes.append(
            "Beberapa unsur bernilai sama setelah dibulatkan dua desimal; urutan ditentukan dari nilai sebelum "
            "pembulatan (empat desimal)."
        )
    if len(d.priorities) > 3:
        notes.append("Unsur yang nilainya sama dengan unsur ketiga ikut dicantumkan.")
    if notes:
        pdf.ln(1)
        pdf.para(" ".join(notes), size=8.5, h=4.5, gap=1, align="L")
    if d.lowest_layanan:
        low = d.lowest_layanan
        names = " dan ".join(p.name for p in low)
        unsur = ", ".join(f"{u.name} ({u.code})" for u in d.lowest_layanan_unsur)
        nrr = angka(d.lowest_layanan_unsur[0].nrr) if d.lowest_layanan_unsur else "–"
        pdf.ln(2)
        pdf.para(
            f"Jenis layanan dengan IKM terendah adalah {names} ({angka(low[0].ikm)}); unsur terendahnya adalah "
            f"{unsur} dengan NRR {nrr}.",
            gap=2,
        )


def _groups(items: Sequence[RtlItem]) -> list[list[int]]:
    """Indexes of RTL items grouped by the priority number they serve, in plan order."""
    return [[i for i, _ in grp] for _, grp in groupby(enumerate(items), key=lambda t: t[1].nomor)]


@dataclass
class _PlanGroup:
    number: int
    items: list[RtlItem]
    unsur: str
    programs: list[str]
    merged: bool  # one No / Prioritas Unsur cell for the group's rows
    height: float  # mm


def _plan_groups(pdf: Doc, d: ReportData, widths: Sequence[float]) -> list[_PlanGroup]:
    out = []
    for number, group in enumerate(_groups(d.rtl), start=1):
        items = [d.rtl[i] for i in group]
        names = "\n".join(dict.fromkeys(UNSUR[i.unsur].name if i.unsur in UNSUR else i.unsur for i in items))
        unsur = _clip(pdf, names, widths[1], 4.8, 9)
        programs = [_clip(pdf, i.program, widths[2], 4.8, 9) for i in items]
        heights = [_text_height(pdf, text, widths[2], 4.8, 9) for text in programs]
        unsur_h = _text_height(pdf, unsur, widths[1], 4.8, 9)
        merged = unsur_h <= sum(heights) and sum(heights) <= GROUP_LIMIT
        out.append(_PlanGroup(number, items, unsur, programs, merged, sum(heights) if merged else heights[0]))
    return out


KERANGKA = "Kerangka rencana tindak lanjut dari unsur-unsur tersebut dapat terlihat pada tabel di bawah ini."


def _coverage(d: ReportData) -> str:
    """Which priority unsur the recorded plan leaves without a programme (the national evaluation
    checks that the RTL answers the priorities)."""
    planned = {i.unsur for i in d.rtl}
    open_ = [u for u in d.priorities if u.code not in planned]
    if not open_:
        return ""
    names = ", ".join(f"{u.name} ({u.code})" for u in open_)
    return f" Unsur prioritas yang belum memiliki program dalam rencana tindak lanjut: {names}."


def rtl_plan_section(pdf: Doc) -> None:
    d = pdf.data
    if not d.rtl:
        pdf.ensure_space(30)
        pdf.para(KERANGKA, gap=3)
        pdf.caption("Tabel 2. Rencana Tindak Lanjut Pelaksanaan SKM")
        pdf.para("Rencana tindak lanjut belum diisi untuk periode ini.", align="C")
        return
    tws = list(d.triwulan_columns)
    tw_w = 14.0
    fixed = 12 + 46 + 38 + tw_w * len(tws)
    widths = (12.0, 46.0, pdf.epw - fixed, *([tw_w] * len(tws)), 38.0)
    groups = _plan_groups(pdf, d, widths)
    # The lead-in and caption stay with the header rows and the first group (the table would move them).
    pdf.ensure_space(24 + 8 + 12 + groups[0].height)
    pdf.para(KERANGKA + _coverage(d), gap=3)
    pdf.caption("Tabel 2. Rencana Tindak Lanjut Pelaksanaan SKM")
    head = FontFace(emphasis="BOLD", size_pt=8, fill_color=HEAD_FILL)
    with (
        pdf.table_style(9),
        pdf.table(
            col_widths=widths,
            align="LEFT",
            text_align="CENTER",
            line_height=4.8,
            padding=(1.2, 1.2),
            num_heading_rows=2,
            headings_style=head,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table,
    ):
        r = table.row()
        r.cell("No", rowspan=2)
        r.cell("Prioritas Unsur", rowspan=2)
        r.cell("Program / Kegiatan (Rencana Tindak Lanjut)", rowspan=2)
        r.cell(str(d.period.tahun), colspan=len(tws))
        r.cell("Penanggung Jawab", rowspan=2)
        r = table.row()
        for tw in tws:
            r.cell(f"TW {tw}")
        for g in groups:
            span = len(g.items) if g.merged else 1
            pjs = {i.penanggung_jawab.strip() for i in g.items}
            for k, item in enumerate(g.items):
                r = table.row()
                if k == 0 or not g.merged:
                    r.cell(str(g.number), rowspan=span, v_align="TOP")
                    own = UNSUR[item.unsur].name if item.unsur in UNSUR else item.unsur
                    r.cell(
                        g.unsur if g.merged else _clip(pdf, own, widths[1], 4.8, 9),
                        rowspan=span,
                        align="LEFT",
                        v_align="TOP",
                    )
                r.cell(g.programs[k], align="LEFT")
                for tw in tws:
                    r.cell("√" if tw in item.triwulan else "")
                if g.merged and len(pjs) == 1:
                    if k == 0:
                        r.cell(_clip(pdf, item.penanggung_jawab, widths[-1], 4.8, 9), rowspan=span, v_align="TOP")
                else:
                    r.cell(_clip(pdf, item.penanggung_jawab, widths[-1], 4.8, 9))


# ---------------------------------------------------------------------------- BAB III
def _montage(paths: Sequence[Path]) -> tuple[io.BytesIO | None, int]:
    """Up to MAX_PHOTOS photos as one small JPEG for a table cell: one photo alone, more in a
    two-column grid of 4:3 tiles; and how many of them did not decode (skipped, never an error)."""
    from PIL import Image

    from skm.images import open_photo

    tile_w, tile_h = 400, 300
    opened = [open_photo(p, (tile_w, tile_h)) for p in paths[:MAX_PHOTOS]]
    thumbs = [t for t in opened if t is not None]
    broken = len(opened) - len(thumbs)
    if not thumbs:
        return None, broken
    if len(thumbs) == 1:
        sheet = thumbs[0]
    else:
        gap = 12
        rows = math.ceil(len(thumbs) / 2)
        sheet = Image.new("RGB", (2 * tile_w + gap, rows * tile_h + (rows - 1) * gap), "white")
        for i, t in enumerate(thumbs):
            x = (i % 2) * (tile_w + gap) + (tile_w - t.width) // 2
            y = (i // 2) * (tile_h + gap) + (tile_h - t.height) // 2
            sheet.paste(t, (x, y))
    out = io.BytesIO()
    sheet.save(out, format="JPEG", quality=80)
    out.seek(0)
    return out, broken


def _status(d: ReportData, item: RtlItem) -> str:
    if item.done:
        return "Sudah"
    if is_overdue(item, d.period, d.today):
        return f"Belum (lewat jadwal TW {max(item.triwulan, key=TRIWULAN.index)})"
    return "Belum"


@dataclass
class _RealisationRow:
    program: str
    status: str
    date: str
    description: str
    hambatan: str
    picture: io.BytesIO | None
    height: float  # mm, estimated before drawing


def _realisation_row(
    pdf: Doc, d: ReportData, index: int, group_size: int, k: int, widths: Sequence[float]
) -> _RealisationRow:
    item = d.rtl[index]
    photos = d.photos[index] if index < len(d.photos) else ()
    program = item.program.strip()
    if group_size > 1:
        program = f"{k + 1}. {program}"
    program = _clip(pdf, program, widths[1], 4.5, 8.5)
    description = item.deskripsi.strip() or "–"
    picture, broken = _montage(photos) if photos else (None, 0)
    notes = []
    if len(photos) > MAX_PHOTOS:
        notes.append(f"(+{len(photos) - MAX_PHOTOS} foto dokumentasi lain tidak ditampilkan)")
    if broken:
        notes.append(f"({broken} foto dokumentasi rusak, tidak dapat ditampilkan)")
    if notes:
        description = _clip(pdf, description, widths[4], 4.5, 8.5, max_h=MAX_ROW_HEIGHT - 14) + "\n" + "\n".join(notes)
    else:
        description = _clip(pdf, description, widths[4], 4.5, 8.5)
    hambatan = _clip(pdf, item.hambatan.strip() or "–", widths[6], 4.5, 8.5)
    image_h = 0.0
    if picture is not None:
        from PIL import Image

        with Image.open(picture) as im:
            image_h = (widths[5] - 3) * im.height / im.width + 3
        picture.seek(0)
    height = max(
        image_h,
        *(
            _text_height(pdf, text, widths[col], 4.5, 8.5)
            for text, col in ((program, 1), (description, 4), (hambatan, 6), (_status(d, item), 2))
        ),
    )
    return _RealisationRow(
        program=program,
        status=_status(d, item),
        date=tanggal(item.tanggal) if item.tanggal else "–",
        description=description,
        hambatan=hambatan,
        picture=picture,
        height=height,
    )


def _bab3(pdf: Doc) -> None:
    d = pdf.data
    pdf.add_page(orientation="L")
    pdf.heading("BAB III", "REALISASI RENCANA TINDAK LANJUT")
    p = d.progress
    summary = ""
    if p.planned:
        summary = (
            f" Dari {p.planned} kegiatan rencana tindak lanjut, {p.realised} telah dilaksanakan ({persen(p.percent)})"
            + (
                f"; {len(p.overdue)} kegiatan belum terlaksana dan telah melewati triwulan yang direncanakan"
                if p.overdue
                else ""
            )
            + "."
        )
    pdf.para(
        "Berdasarkan rencana tindak lanjut yang telah disusun, maka implementasi yang telah dilaksanakan adalah "
        "sebagai berikut:" + summary
    )
    if not d.rtl:
        pdf.para("Belum ada rencana tindak lanjut yang dicatat untuk periode ini.", align="C")
        return
    head = FontFace(emphasis="BOLD", size_pt=7, fill_color=HEAD_FILL)
    dates = [tanggal(i.tanggal) for i in d.rtl if i.tanggal]
    pdf.typeface(8.5)
    date_w = min(42.0, max([26.0] + [pdf.get_string_width(t) + 3.5 for t in dates]))
    fixed = 10 + 58 + 28 + date_w + 42 + 30
    widths = (10.0, 58.0, 28.0, date_w, pdf.epw - fixed, 42.0, 30.0)
    with (
        pdf.table_style(8.5),
        pdf.table(
            col_widths=widths,
            align="LEFT",
            text_align="LEFT",
            line_height=4.5,
            padding=(1.2, 1.2),
            v_align="TOP",
            headings_style=head,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table,
    ):
        r = table.row()
        for text in (
            "No",
            "Program / Kegiatan (Rencana Tindak Lanjut)",
            "Apakah RTL Telah Ditindaklanjuti (Sudah/Belum)",
            "Tanggal, Bulan dan Tahun Realisasi",
            "Deskripsi Tindak Lanjut",
            "Dokumentasi Kegiatan",
            "Tantangan/ Hambatan",
        ):
            r.cell(text, align="CENTER", v_align="MIDDLE")
        for number, group in enumerate(_groups(d.rtl), start=1):
            rows = [_realisation_row(pdf, d, index, len(group), k, widths) for k, index in enumerate(group)]
            merged = sum(row.height for row in rows) <= GROUP_LIMIT
            for k, row in enumerate(rows):
                r = table.row()
                if k == 0 or not merged:
                    r.cell(str(number), rowspan=len(rows) if merged else 1, align="CENTER")
                r.cell(row.program)
                r.cell(row.status, align="CENTER")
                r.cell(row.date, align="CENTER")
                r.cell(row.description)
                if row.picture is not None:
                    r.cell(img=row.picture, img_fill_width=True, padding=(1.5, 1.5, 1.5, 1.5))
                else:
                    r.cell("–", align="CENTER")
                r.cell(row.hambatan)


# ---------------------------------------------------------------------------- BAB IV
def _bab4(pdf: Doc) -> None:
    d = pdf.data
    pdf.add_page(orientation="P")
    pdf.heading("BAB IV", "KESIMPULAN")
    pdf.para(
        "Berdasarkan data-data dalam pelaksanaan tindak lanjut tersebut, sekiranya dapat ditarik beberapa "
        "kesimpulan yaitu:",
        gap=1.5,
    )
    p = d.progress
    if p.planned:
        first = f"{d.unit_label} telah menindaklanjuti rencana tindak lanjut sebanyak {persen(p.percent)}."
        if p.realised < p.planned:
            first += f" ({p.realised} dari {p.planned} kegiatan)."
    else:
        first = f"{d.unit_label} belum mencatat rencana tindak lanjut untuk {d.period_text}."
    prior = ", ".join(f"{u.name} ({u.code})" for u in d.priorities)
    points = [
        first,
        f"Nilai IKM {d.unit_label} {d.period_text} adalah {angka(d.score.ikm)} dengan mutu pelayanan "
        f"{d.score.mutu.letter} ({d.score.mutu.kinerja}); unsur prioritas perbaikan: {prior}.",
    ]
    if p.overdue:
        late = "; ".join(_cut(i.program, 160) for i in p.overdue)
        points.append(f"Kegiatan yang belum terlaksana dan telah melewati jadwalnya: {late}.")
    pdf.typeface()
    pdf.numbered(points, indent=3)
    pdf.ln(14)
    pdf.signature(x=pdf.w - pdf.r_margin - 88)


# ---------------------------------------------------------------------------- entry point
def _bab2(pdf: Doc) -> None:
    d = pdf.data
    pdf.add_page(orientation="L")
    pdf.heading("BAB II", "DESKRIPSI RENCANA TINDAK LANJUT")
    pdf.para(
        f"Hasil survei kepuasan masyarakat oleh {d.unit_label} {d.period_text} menunjukkan angka yang beragam pada "
        "berbagai unsur pelayanan seperti dapat terlihat pada tabel di bawah ini:"
    )
    if note := held_note(d.summary.held):
        pdf.para(f"Catatan: {note} Jawaban tersebut tidak termasuk dalam angka laporan ini.", size=9)
    tabel1_section(pdf)
    interval_section(pdf)
    figures_section(pdf)
    priorities_section(pdf)
    rtl_plan_section(pdf)


def render(
    title: str,
    sections: Sequence[Callable[[Doc], None]],
    data: ReportData | None = None,
    *,
    demo: bool = False,
    author: str = "",
) -> bytes:
    """A document as PDF bytes: a fresh Doc with the embedded fonts, each section drawn in turn."""
    pdf = Doc(data, demo=demo)
    with ExitStack() as stack:
        for style, name in FONT_FILES.items():
            path = stack.enter_context(resources.as_file(_font_resource(name)))
            pdf.add_font(FONT, style, path)
        pdf.set_title(printable(title))
        pdf.set_author(printable(author or (data.unit_label if data is not None else "")))
        pdf.set_creator("SKM Dashboard")
        pdf.set_lang("id")
        pdf.typeface()
        for section in sections:
            section(pdf)
        return bytes(pdf.output())


def build_pdf(data: ReportData) -> bytes:
    """The whole report as PDF bytes (A4; landscape pages for the wide tables)."""
    return render(
        f"Laporan Hasil Tindak Lanjut SKM {data.period_text} {data.unit_label}",
        (_letter, _title_page, _bab1, _bab2, _bab3, _bab4),
        data,
    )
