"""A one-page portrait infographic of a unit's SKM result, readable on a phone, as PDF and PNG.

    data = infografis_data(store, unit, Period(2024, 1))     # None when the unit has no data
    pdf_bytes = infografis_pdf(data)
    png_bytes = infografis_png(pdf_bytes)                    # the same page rasterised, 1080 px wide

Every number comes from skm.summary.unit_summary (IKM, mutu, NRR, priorities with ties, the
layanan or child units) and the RTL from store.rtl_items; nothing is recomputed here. The PDF is
drawn with fpdf2 and rasterised with pdfium (pypdfium2): no browser.
"""

from __future__ import annotations

import io
import threading
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from importlib import resources

from fpdf import FPDF

from skm.charts import MUTU_COLORS, MUTU_LIGHT
from skm.formatting import angka, tanggal
from skm.labels import unit_label
from skm.report.pdf import FONT, FONT_FILES, printable
from skm.rtl import RtlItem
from skm.scoring import mutu_bounds_text, mutu_ikm, mutu_nrr
from skm.storage import Store
from skm.summary import UnitSummary, unit_summary
from skm.tinjauan import held_note
from skm.units import Period, Unit
from skm.unsur import CODES, UNSUR

WIDTH = 120.0  # mm; 1080 px in the PNG, so 9 px per mm
MARGIN = 7.0
PNG_WIDTH = 1080
BLUE = "#0B5394"
INK = "#0F172A"
MUTED = "#475569"
TRACK = "#E2E8F0"
DEMO_RED = "#B42318"
MAX_RTL_PER_UNSUR = 4


@dataclass(frozen=True)
class InfografisData:
    unit: Unit
    period: Period
    summary: UnitSummary
    rtl: tuple[RtlItem, ...]
    today: date

    @property
    def priorities(self) -> list[str]:
        return self.summary.priorities

    def rtl_for(self, code: str) -> list[RtlItem]:
        return [i for i in self.rtl if i.unsur == code]


def infografis_data(store: Store, unit: Unit, period: Period, today: date | None = None) -> InfografisData | None:
    result = unit_summary(store, unit, period)
    if result is None:
        return None
    return InfografisData(unit, period, result, tuple(store.rtl_items(unit.id, period)), today or date.today())


class _Sheet(FPDF):
    def normalize_text(self, text: str) -> str:
        return super().normalize_text(printable(text))

    def font(self, size: float, bold: bool = False, color: str = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(color)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _lines(pdf: FPDF, text: str, width: float, h: float) -> int:
    lines = pdf.multi_cell(width, h, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)
    return len(lines)


def _heading(pdf: _Sheet, y: float, text: str) -> float:
    pdf.font(11, bold=True, color=BLUE)
    pdf.set_xy(MARGIN, y)
    pdf.cell(WIDTH - 2 * MARGIN, 6, text)
    pdf.set_draw_color(BLUE)
    pdf.set_line_width(0.4)
    pdf.line(MARGIN, y + 6.8, WIDTH - MARGIN, y + 6.8)
    return y + 9.5


def _bar_row(
    pdf: _Sheet,
    y: float,
    label: str,
    value: float,
    lo: float,
    hi: float,
    letter: str,
    shown: str,
    tag: str = "",
) -> float:
    """A label line (with a tag at its right), then a bar on a lo..hi scale in the mutu colour with
    its value at the end."""
    inner = WIDTH - 2 * MARGIN
    tag_w = 0.0
    if tag:
        pdf.font(7.5, bold=True, color=DEMO_RED)
        tag_w = pdf.get_string_width(tag) + 2
        pdf.set_xy(WIDTH - MARGIN - tag_w, y)
        pdf.cell(tag_w, 4.6, tag, align="R")
    pdf.font(8.5, bold=bool(tag))
    pdf.set_xy(MARGIN, y)
    pdf.cell(inner - tag_w, 4.6, _fit(pdf, label, inner - tag_w - 1))
    value_w = 17.0
    track_w = inner - value_w
    bar_y = y + 5.0
    pdf.set_fill_color(TRACK)
    pdf.rect(MARGIN, bar_y, track_w, 4.4, style="F", round_corners=True, corner_radius=1.2)
    frac = (max(lo, min(hi, value)) - lo) / (hi - lo)
    pdf.set_fill_color(MUTU_COLORS[letter])
    pdf.rect(MARGIN, bar_y, max(2.4, track_w * frac), 4.4, style="F", round_corners=True, corner_radius=1.2)
    pdf.font(8.5, bold=True, color=MUTU_COLORS[letter])
    pdf.set_xy(MARGIN + track_w + 1, bar_y - 0.4)
    pdf.cell(value_w - 1, 5.2, f"{shown} {letter}", align="R")
    return y + 11.2


def _draw(data: InfografisData, height: float) -> tuple[bytes, float]:
    """Lay the page out on a page `height` mm tall; returns the PDF and the height used."""
    with ExitStack() as stack:
        pdf = _Sheet(orientation="P", unit="mm", format=(WIDTH, height))
        for style, name in FONT_FILES.items():
            path = stack.enter_context(resources.as_file(resources.files("skm.report").joinpath("fonts", name)))
            pdf.add_font(FONT, style, path)
        used = _layout(pdf, data)
        return bytes(pdf.output()), used


def _layout(pdf: _Sheet, data: InfografisData) -> float:
    s = data.summary.score
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    inner = WIDTH - 2 * MARGIN
    pdf.set_title(printable(f"Infografis SKM {unit_label(data.unit)} {data.period.label}"))
    pdf.set_creator("SKM Dashboard")
    pdf.set_lang("id")
    pdf.add_page()

    # -- header band: the unit and the period (the band's height measured before drawing on it)
    name = unit_label(data.unit)
    where = " › ".join(data.unit.path[:-1])
    pdf.font(15, bold=True)
    name_lines = _lines(pdf, name, inner, 7)
    pdf.font(8.5)
    where_lines = _lines(pdf, where, inner, 4.5) if where else 0
    band = 6 + 4.5 + 7 * name_lines + 4.5 * where_lines + 6 + 5
    pdf.set_fill_color(BLUE)
    pdf.rect(0, 0, WIDTH, band, style="F")
    pdf.set_xy(MARGIN, 6)
    pdf.font(8, bold=True, color="#CFE0F3")
    pdf.cell(inner, 4.5, "SURVEI KEPUASAN MASYARAKAT", new_x="LMARGIN", new_y="NEXT")
    pdf.font(15, bold=True, color="#FFFFFF")
    pdf.multi_cell(inner, 7, name, align="L", new_x="LMARGIN", new_y="NEXT")
    if where:
        pdf.font(8.5, color="#CFE0F3")
        pdf.multi_cell(inner, 4.5, where, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.font(10.5, bold=True, color="#FFFFFF")
    pdf.cell(inner, 6, data.period.label, new_x="LMARGIN", new_y="NEXT")
    y = band
    if data.summary.is_demo:
        pdf.set_fill_color(DEMO_RED)
        pdf.rect(0, y, WIDTH, 7.5, style="F")
        pdf.font(9, bold=True, color="#FFFFFF")
        pdf.set_xy(MARGIN, y + 1)
        pdf.cell(inner, 5.5, "DATA DEMO — bukan data resmi", align="C")
        y += 7.5

    # -- IKM, mutu and kinerja
    y += 5
    letter = s.mutu.letter
    pdf.set_fill_color(MUTU_LIGHT[letter])
    pdf.rect(MARGIN, y, inner, 34, style="F", round_corners=True, corner_radius=3)
    pdf.font(9, bold=True, color=MUTED)
    pdf.set_xy(MARGIN + 5, y + 4)
    pdf.cell(70, 5, "Indeks Kepuasan Masyarakat (IKM)")
    pdf.font(36, bold=True, color=MUTU_COLORS[letter])
    pdf.set_xy(MARGIN + 4, y + 10)
    pdf.cell(70, 16, angka(s.ikm))
    pdf.font(8, color=MUTED)
    pdf.set_xy(MARGIN + 5, y + 26.5)
    pdf.cell(70, 4.5, "skala 25–100")
    cx, cy, r = WIDTH - MARGIN - 19, y + 14, 9.5
    pdf.set_fill_color(MUTU_COLORS[letter])
    pdf.circle(x=cx, y=cy, radius=r, style="F")
    pdf.font(24, bold=True, color="#FFFFFF")
    pdf.set_xy(cx - r, cy - r)
    pdf.cell(2 * r, 2 * r, letter, align="C")
    pdf.font(9.5, bold=True, color=MUTU_COLORS[letter])
    pdf.set_xy(cx - 18, cy + r + 1.2)
    pdf.cell(36, 5, s.mutu.kinerja, align="C")
    y += 38
    parts_word = "unit" if data.summary.is_wilayah else "layanan"
    if s.respondents is not None:
        who = f"{angka(s.respondents, 0)} responden"
    else:
        who = "Jumlah responden tidak tercatat (data tabel NRR)"
    pdf.font(10, bold=True)
    pdf.set_xy(MARGIN, y)
    pdf.multi_cell(inner, 5.2, who, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(8.5, color=MUTED)
    pdf.multi_cell(
        inner,
        4.6,
        f"{len(s.parts)} {parts_word} · IKM = rata-rata {parts_word} tanpa bobot",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if note := held_note(data.summary.held):
        pdf.font(8.5, bold=True, color=DEMO_RED)
        pdf.multi_cell(inner, 4.6, note, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 4

    # -- IKM per layanan (or per child unit)
    y = _heading(pdf, y, "IKM per unit" if data.summary.is_wilayah else "IKM per layanan")
    for part in s.parts:
        m = mutu_ikm(part.ikm)
        y = _bar_row(pdf, y, part.name, part.ikm, 25.0, 100.0, m.letter, angka(part.ikm))
    y += 2

    # -- the nine unsur
    prio = data.priorities
    y = _heading(pdf, y, "Nilai per unsur (NRR, skala 1–4)")
    for code in CODES:
        m = mutu_nrr(s.nrr[code])
        tag = "PRIORITAS" if code in prio else ""
        y = _bar_row(pdf, y, f"{code} {UNSUR[code].name}", s.nrr[code], 1.0, 4.0, m.letter, angka(s.nrr[code]), tag)
    y += 2

    # -- priorities and their RTL
    y = _heading(pdf, y, "Prioritas perbaikan")
    pdf.font(8.5, color=MUTED)
    pdf.set_xy(MARGIN, y)
    pdf.multi_cell(
        inner,
        4.4,
        "Unsur dengan NRR terendah"
        + (" (nilai yang sama ikut ditampilkan)" if len(prio) > 3 else "")
        + " dan rencana tindak lanjut (RTL)-nya:",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    y = pdf.get_y() + 1.5
    for rank, code in enumerate(prio, start=1):
        pdf.set_xy(MARGIN, y)
        pdf.font(9.5, bold=True)
        pdf.multi_cell(inner, 5, f"{rank}. {code} {UNSUR[code].name}", align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 4)
        pdf.font(8.5, color=MUTED)
        pdf.cell(
            inner - 4,
            4.6,
            f"NRR {angka(s.nrr[code], 4)} (mutu {mutu_nrr(s.nrr[code]).letter})",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        items = data.rtl_for(code)
        pdf.font(8.5)
        if not items:
            pdf.set_x(MARGIN + 4)
            pdf.font(8.5, color=MUTED)
            none = "RTL disusun oleh tiap kelurahan." if data.summary.is_wilayah else "RTL belum diisi."
            pdf.multi_cell(inner - 4, 4.4, none, align="L", new_x="LMARGIN", new_y="NEXT")
        for item in items[:MAX_RTL_PER_UNSUR]:
            when = f"TW {', '.join(item.triwulan)}" if item.triwulan else ""
            state = "terlaksana" if item.done else "direncanakan"
            pdf.set_x(MARGIN + 2)
            pdf.font(8.5)
            pdf.cell(3, 4.4, "•")
            pdf.multi_cell(
                inner - 5,
                4.4,
                f"{item.program} ({', '.join(t for t in (when, state) if t)})",
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if len(items) > MAX_RTL_PER_UNSUR:
            pdf.set_x(MARGIN + 5)
            pdf.font(8, color=MUTED)
            pdf.cell(
                inner - 5, 4.4, f"… dan {len(items) - MAX_RTL_PER_UNSUR} kegiatan lain", new_x="LMARGIN", new_y="NEXT"
            )
        y = pdf.get_y() + 2

    # -- footer
    y += 3
    pdf.set_draw_color(TRACK)
    pdf.set_line_width(0.3)
    pdf.line(MARGIN, y, WIDTH - MARGIN, y)
    pdf.font(7, color=MUTED)
    pdf.set_xy(MARGIN, y + 1.5)
    pdf.multi_cell(
        inner,
        3.6,
        "Dihitung menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017: NRR per unsur, IKM = rata-rata NRR × 25. "
        f"Mutu {mutu_bounds_text('; ', kinerja=False)}. "
        f"Dibuat {tanggal(data.today, with_day=False)} dengan SKM Dashboard.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf.get_y() + MARGIN


def infografis_pdf(data: InfografisData) -> bytes:
    """The infographic as a one-page PDF, as tall as its content (laid out twice: once to measure)."""
    _, used = _draw(data, 2000.0)
    pdf, _ = _draw(data, used)
    return pdf


_PDFIUM = threading.Lock()  # pdfium is not thread-safe; downloads may build in parallel


def infografis_png(pdf_bytes: bytes, width_px: int = PNG_WIDTH) -> bytes:
    """The first page of a PDF as a PNG `width_px` wide."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf_bytes)
        try:
            page = doc[0]
            bitmap = page.render(scale=width_px / page.get_width())
            image = bitmap.to_pil()
            page.close()
        finally:
            doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
