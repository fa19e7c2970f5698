"""The Laporan Rekapitulasi SKM as a PDF: a cover letter with kop surat and signatory (portrait,
the kelurahan letter's building blocks and settings), then the lampiran (landscape): Tabel 1 IKM
per child unit × unsur, Tabel 2 ranking with the change from the previous semester, Tabel 3
completeness and approval status, Tabel 4 priorities and RTL progress; signed again at the end.

    pdf_bytes = build_rekap_pdf(rekap_data(store, unit, period, today))

A period in which not every child unit has data is marked SEMENTARA on the letter and over every
table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial

from fpdf import FontFace
from fpdf.table import Table

from skm.charts import MUTU_LIGHT
from skm.formatting import angka, persen, selisih, terbilang
from skm.labels import unit_label
from skm.report.pdf import DEMO_RED, INK, MUTED, RULE, Doc, letter_close, letter_head, letter_text, render
from skm.report.rekap import TITLE, RekapData
from skm.rtl import band_rule
from skm.scoring import mutu_nrr
from skm.unsur import CODES, UNSUR

BOLD = FontFace(emphasis="BOLD")
NOTE = FontFace(color=MUTED)  # no italic face is embedded


def delta_text(delta: float | None) -> str:
    """'+2,62', '-1,06', '±0,00', or '–' without a previous semester."""
    return "–" if delta is None else selisih(delta, 0.0)


def sementara_note(d: RekapData) -> str:
    names = ", ".join(unit_label(u) for u in d.missing_units)
    return (
        f"SEMENTARA: belum semua unit memiliki data {d.period.label} (belum: {names}); {d.completeness_text} "
        "telah memiliki data. Angka rekapitulasi dapat berubah setelah semua unit mengirim data."
    )


def _stamp(pdf: Doc, d: RekapData, x: float | None = None) -> None:
    """A red framed SEMENTARA line (nothing when every child has data)."""
    if not d.sementara:
        return
    x = pdf.l_margin if x is None else x
    pdf.set_x(x)
    pdf.set_text_color(DEMO_RED)
    pdf.set_draw_color(DEMO_RED)
    pdf.typeface(9.5, bold=True)
    pdf.multi_cell(
        pdf.w - pdf.r_margin - x,
        5,
        sementara_note(d),
        border=1,
        padding=2,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(INK)
    pdf.set_draw_color(RULE)
    pdf.ln(3)


# ---------------------------------------------------------------------------- the letter
def _letter(d: RekapData, pdf: Doc) -> None:
    s = d.settings
    body_x = letter_head(pdf, s, d.letter_date)
    _stamp(pdf, d, body_x)
    unit, period, n = d.unit_label, d.period_text, len(d.children)
    letter_text(
        pdf,
        body_x,
        f"Bersama ini disampaikan rekapitulasi hasil Survei Kepuasan Masyarakat (SKM) {period} pada {n} "
        f"({terbilang(n)}) {d.child_word} di wilayah {unit} sebagai berikut:",
    )
    score = d.score
    first = (
        f"Nilai IKM {unit} {period} adalah {angka(score.ikm)} dan masuk dalam kategori {score.mutu.letter} "
        f"({score.mutu.kinerja}), rata-rata tanpa bobot dari IKM {d.completeness_text} yang telah memiliki data"
    )
    if d.previous_ikm is not None:
        first += f"; semester sebelumnya {angka(d.previous_ikm)} (perubahan {delta_text(score.ikm - d.previous_ikm)})"
    first += "." + (" Angka ini bersifat SEMENTARA." if d.sementara else "")
    ranking = d.ranking
    best, worst = ranking[0], ranking[-1]
    assert best.score is not None and worst.score is not None
    planned, realised = d.rtl_total
    points = [
        first,
        (
            f"IKM tertinggi dicapai {best.label} ({angka(best.score.ikm)}) dan terendah {worst.label} "
            f"({angka(worst.score.ikm)})."
            if len(ranking) > 1
            else f"Data periode ini berasal dari {best.label} (IKM {angka(best.score.ikm)})."
        ),
        f"Status persetujuan hasil SKM {d.status_summary} (rincian pada Tabel 3).",
        (
            f"Realisasi rencana tindak lanjut: {realised} dari {planned} kegiatan ({persen(realised / planned)}) "
            f"pada {d.rtl_units} dari {n} {d.child_word} yang telah mencatat rencana tindak lanjut."
            if planned
            else "Rencana tindak lanjut belum dicatat untuk periode ini."
        ),
        f"Rincian per {d.child_word} (IKM per unsur, peringkat, kelengkapan data dan status persetujuan, "
        "prioritas perbaikan dan realisasi rencana tindak lanjut) terlampir.",
    ]
    for i, text in enumerate(points, start=1):
        letter_text(pdf, body_x, text, gap=1.2, label=f"{i}.")
    pdf.ln(0.8)
    letter_close(pdf, s, body_x)


# ---------------------------------------------------------------------------- the lampiran
@contextmanager
def _table(
    pdf: Doc, d: RekapData, widths: Sequence[float], caption: str, heading_rows: int = 1, row_h: float = 6.5
) -> Iterator[Table]:
    """A table of the lampiran: its caption (SEMENTARA when partial), header repeated on every page.
    A table that fits one page starts on a new page rather than leave a few rows behind."""
    pdf.ensure_space(min(20 + heading_rows * 9 + row_h * (len(d.children) + 1), 120))
    pdf.caption(caption + (" (SEMENTARA)" if d.sementara else ""))
    with (
        pdf.table_style(),
        pdf.grid(widths, heading_rows, head_pt=6.6, line_height=4.4, padding=(1.1, 0.9, 1.1, 0.9)) as table,
    ):
        yield table
    pdf.ln(4)


def _tinted(letter: str, bold: bool = False) -> FontFace:
    return FontFace(emphasis="BOLD" if bold else None, fill_color=MUTU_LIGHT.get(letter))


def _tabel_unsur(pdf: Doc, d: RekapData) -> None:
    unsur_w, no_w, ikm_w, mutu_w = 20.0, 8.0, 15.0, 13.0
    widths = (no_w, pdf.epw - no_w - 9 * unsur_w - ikm_w - mutu_w, *([unsur_w] * 9), ikm_w, mutu_w)
    word = d.child_word.capitalize()
    with _table(
        pdf, d, widths, f"Tabel 1. NRR per Unsur dan IKM per {word} {d.period_text}", heading_rows=2, row_h=9
    ) as table:
        r = table.row()
        r.cell("No", rowspan=2)
        r.cell(word, rowspan=2)
        r.cell("Nilai Rata-rata per Unsur Pelayanan (NRR)", colspan=9)
        r.cell("IKM", rowspan=2)
        r.cell("Mutu", rowspan=2)
        r = table.row()
        for c in CODES:
            r.cell(f"{UNSUR[c].name} ({c})")
        for i, child in enumerate(d.children, start=1):
            r = table.row()
            r.cell(str(i))
            r.cell(child.label, align="LEFT")
            if child.score is None:
                r.cell("belum ada data untuk periode ini", colspan=11, style=NOTE)
                continue
            s = child.score
            for c in CODES:
                r.cell(angka(s.nrr[c]), style=_tinted(mutu_nrr(s.nrr[c]).letter))
            r.cell(angka(s.ikm), style=_tinted(s.mutu.letter, bold=True))
            r.cell(s.mutu.letter, style=_tinted(s.mutu.letter, bold=True))
        s = d.score
        r = table.row()
        r.cell(f"{d.unit_label}", colspan=2, align="LEFT", style=BOLD)
        for c in CODES:
            r.cell(angka(s.nrr[c]), style=_tinted(mutu_nrr(s.nrr[c]).letter, bold=True))
        r.cell(angka(s.ikm), style=_tinted(s.mutu.letter, bold=True))
        r.cell(s.mutu.letter, style=_tinted(s.mutu.letter, bold=True))
    pdf.para(
        f"NRR dan IKM {d.unit_label} adalah rata-rata tanpa bobot atas {d.completeness_text} yang memiliki data; "
        "IKM = rata-rata sembilan NRR × 25 (PermenPANRB 14/2017). Angka dibulatkan dua desimal hanya untuk "
        "ditampilkan. Warna sel menurut mutu: hijau A (Sangat Baik), biru B (Baik), jingga C (Kurang Baik), "
        "merah D (Tidak Baik).",
        h=4.2,
        size=8,
        align="L",
        gap=2,
    )


def _tabel_peringkat(pdf: Doc, d: RekapData) -> None:
    widths = (22.0, 80.0, 25.0, 45.0, 40.0, 40.0)
    with _table(pdf, d, widths, f"Tabel 2. Peringkat {d.child_word.capitalize()} menurut IKM") as table:
        table.row(
            [
                "Peringkat",
                d.child_word.capitalize(),
                "IKM",
                "Mutu Pelayanan",
                f"IKM {d.period.previous().label}",
                "Perubahan",
            ]
        )
        for child in d.ranking:
            s = child.score
            assert s is not None
            r = table.row()
            r.cell(str(child.rank))
            r.cell(child.label, align="LEFT")
            r.cell(angka(s.ikm), style=_tinted(s.mutu.letter, bold=True))
            r.cell(f"{s.mutu.letter} ({s.mutu.kinerja})")
            r.cell(angka(child.previous_ikm))
            r.cell(delta_text(child.delta))
        for child in d.missing:
            r = table.row()
            r.cell("–")
            r.cell(child.label, align="LEFT")
            r.cell("belum ada data", colspan=4, style=NOTE)


def _tabel_status(pdf: Doc, d: RekapData) -> None:
    widths = (12.0, 80.0, 40.0, 35.0, 85.0)
    with _table(pdf, d, widths, "Tabel 3. Kelengkapan Data dan Status Persetujuan") as table:
        table.row(["No", d.child_word.capitalize(), f"Data {d.period.label}", "Responden", "Status persetujuan"])
        for i, child in enumerate(d.children, start=1):
            r = table.row()
            r.cell(str(i))
            r.cell(child.label, align="LEFT")
            r.cell("ada" if child.has_data else "belum ada", style=None if child.has_data else BOLD)
            respondents = child.score.respondents if child.score is not None else None
            r.cell(angka(respondents, 0) if respondents is not None else "– (ada tabel NRR)" if child.has_data else "–")
            r.cell(child.status)


def _tabel_prioritas(pdf: Doc, d: RekapData) -> None:
    widths = (10.0, 52.0, 95.0, 30.0, 22.0, 43.0)
    with _table(pdf, d, widths, "Tabel 4. Prioritas Perbaikan dan Realisasi Rencana Tindak Lanjut", row_h=13) as table:
        table.row(
            [
                "No",
                d.child_word.capitalize(),
                "Prioritas perbaikan (tiga unsur terendah, NRR)",
                "Kegiatan RTL terlaksana",
                "% terealisasi",
                "Nilai realisasi (PEKPPP indikator 8)",
            ]
        )
        for i, child in enumerate(d.children, start=1):
            r = table.row()
            r.cell(str(i))
            r.cell(child.label, align="LEFT")
            r.cell(child.priorities_text, align="LEFT")
            p = child.rtl
            r.cell(f"{p.realised} dari {p.planned}" if p.planned else "belum diisi")
            r.cell(persen(p.percent))
            r.cell(f"{p.band} ({band_rule(p.band)})" if p.band is not None else band_rule(None))


def _lampiran(d: RekapData, pdf: Doc) -> None:
    pdf.add_page(orientation="L")
    pdf.heading("LAMPIRAN", f"REKAPITULASI HASIL SURVEI KEPUASAN MASYARAKAT {d.period_text.upper()}", size=12)
    pdf.typeface(11, bold=True)
    pdf.multi_cell(0, 6, d.unit_label.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _stamp(pdf, d)
    _tabel_unsur(pdf, d)
    _tabel_peringkat(pdf, d)
    _tabel_status(pdf, d)
    _tabel_prioritas(pdf, d)
    pdf.ln(4)
    pdf.signature(x=pdf.w - pdf.r_margin - 88, settings=d.settings)


def build_rekap_pdf(data: RekapData) -> bytes:
    """The rekap as PDF bytes (A4: the letter portrait, the lampiran landscape)."""
    return render(
        f"{TITLE} {data.period_text} {data.unit_label}",
        (partial(_letter, data), partial(_lampiran, data)),
        demo=data.is_demo,
        author=data.unit_label,
    )
