"""The two documents of the PEKPPP evidence pack that are not reports: the publication record
with its proofs, and the index that lists each document against the indicator it proves.

    publication_pdf(unit, 2024, publications, proofs)   # proofs: the image file of each, or None
    index_pdf(result, documents)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from fpdf import FontFace
from fpdf.enums import TableHeadingsDisplay

from skm.formatting import tanggal
from skm.pekppp import NAMES, Publication, YearScore
from skm.report.pdf import HEAD_FILL, Doc, render
from skm.units import Unit

PROOF_W = 120.0  # mm: a proof image's width on the page
PROOF_H = 110.0  # mm at the most


def _table(pdf: Doc, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
    head = FontFace(emphasis="BOLD", size_pt=8.5, fill_color=HEAD_FILL)
    with (
        pdf.table_style(8.5),
        pdf.table(
            col_widths=tuple(widths),
            width=min(sum(widths), pdf.epw),
            align="LEFT",
            text_align="LEFT",
            line_height=4.8,
            padding=(1.2, 1.5),
            headings_style=head,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
        ) as table,
    ):
        table.row(list(header))
        for values in rows:
            table.row(list(values))
    pdf.ln(3)


def _publications(
    pdf: Doc, unit: Unit, year: int, publications: Sequence[Publication], proofs: Sequence[Path | None]
) -> None:
    pdf.add_page()
    pdf.heading("CATATAN PUBLIKASI HASIL SURVEI KEPUASAN MASYARAKAT", f"Tahun {year}")
    pdf.para(f"Unit: {unit.path_text}. Media publikasi menurut indikator 7 PEKPPP.", align="L", gap=2)
    if not publications:
        pdf.para("Belum ada publikasi hasil SKM yang dicatat untuk tahun ini.")
        return
    rows = [
        (
            str(i),
            p.media_label,
            tanggal(p.tanggal, with_day=False),
            p.tempat or "–",
            p.period.label,
            "terlampir" if proof else "tidak ada",
        )
        for i, (p, proof) in enumerate(zip(publications, proofs, strict=True), start=1)
    ]
    _table(pdf, ("No", "Media", "Tanggal", "Tempat / alamat", "Hasil SKM", "Bukti"), rows, (9, 34, 26, 52, 26, 18))
    for i, (p, proof) in enumerate(zip(publications, proofs, strict=True), start=1):
        if proof is None:
            continue
        pdf.ensure_space(PROOF_H + 16)
        pdf.caption(f"Bukti {i}. {p.media_label}, {tanggal(p.tanggal, with_day=False)}")
        _proof(pdf, proof)
        pdf.ln(4)


def _proof(pdf: Doc, path: Path) -> None:
    """The image, as wide as PROOF_W or as tall as PROOF_H, whichever is reached first."""
    from PIL import Image

    with Image.open(path) as im:
        ratio = im.height / im.width
    w = min(PROOF_W, PROOF_H / ratio)
    pdf.image(str(path), x=pdf.l_margin + (pdf.epw - w) / 2, y=pdf.get_y(), w=w)
    pdf.set_y(pdf.get_y() + w * ratio)


def publication_pdf(unit: Unit, year: int, publications: Sequence[Publication], proofs: Sequence[Path | None]) -> bytes:
    return render(
        f"Catatan Publikasi Hasil SKM {year} {unit.name}",
        (partial(_publications, unit=unit, year=year, publications=publications, proofs=proofs),),
        demo=unit.is_demo,
        author=unit.name,
    )


def _index(pdf: Doc, result: YearScore, documents: Sequence) -> None:
    pdf.add_page()
    pdf.heading("INDEKS DOKUMEN BUKTI PEKPPP", f"Indikator 6–9 Tahun {result.year}")
    pdf.para(f"Unit: {result.unit.path_text}.", align="L", gap=2)
    listed = [(d.file, d.title, ", ".join(d.indicators)) for d in documents]
    _table(pdf, ("Berkas", "Dokumen", "Indikator"), listed, (62, 82, 21))
    pdf.typeface(11, bold=True)
    pdf.cell(0, 7, "Nilai yang dihitung aplikasi", new_x="LMARGIN", new_y="NEXT")
    rows = [
        (n, NAMES[n], str(i.score), i.why + (f" Untuk naik: {i.raise_by}" if i.raise_by else ""))
        for n, i in result.indicators.items()
    ]
    _table(pdf, ("No", "Indikator", "Nilai", "Alasan"), rows, (10, 45, 13, 97))
    pdf.para(
        "Batas nilai menurut Lembar Kerja Evaluasi PEKPPP (PermenPANRB 29/2022). Nilai ini perhitungan aplikasi "
        "dari data yang tercatat; penilaian resmi dilakukan evaluator.",
        size=8.5,
        h=4.5,
        align="L",
    )


def index_pdf(result: YearScore, documents: Sequence) -> bytes:
    return render(
        f"Indeks Bukti PEKPPP {result.year} {result.unit.name}",
        (partial(_index, result=result, documents=documents),),
        demo=result.unit.is_demo,
        author=result.unit.name,
    )
