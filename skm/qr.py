"""QR codes of questionnaire links, as PNG and as a printable poster (A4 or A5 PDF).

    url = questionnaire_url(link_token(store, unit.id))        # skm.kuesioner
    qr_png(url)                                                 # PNG bytes
    poster_pdf(url, "Kelurahan Halim Perdanakusuma", "PPSU", size="A5")

segno (pure Python) makes the code; on the poster it is drawn with fpdf2 as vector squares, so it
stays sharp at any print size.
"""

from __future__ import annotations

import io
from contextlib import ExitStack
from importlib import resources

import segno
from fpdf import FPDF
from fpdf.enums import WrapMode

from skm.report.pdf import FONT, FONT_FILES, printable

ERROR_LEVEL = "m"  # 15% of the code may be damaged or dirty and it still reads
BLUE = "#0B5394"
INK = "#0F172A"
MUTED = "#475569"
INSTRUCTION = "Pindai untuk mengisi Survei Kepuasan Masyarakat"
SIZES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}


def qr_code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR_LEVEL)


def qr_png(url: str, scale: int = 10, border: int = 4) -> bytes:
    """The code as a PNG, `scale` pixels per module with the standard 4-module quiet zone."""
    buf = io.BytesIO()
    qr_code(url).save(buf, kind="png", scale=scale, border=border, dark="#000000", light="#FFFFFF")
    return buf.getvalue()


def draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The code drawn as black runs of modules in a size × size mm square (quiet zone included)."""
    code = qr_code(url)
    rows = [list(r) for r in code.matrix_iter(scale=1, border=4)]
    module = size / len(rows)
    pdf.set_fill_color("#FFFFFF")
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color("#000000")
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            # A hair of overlap so no white seam shows between neighbouring runs when printed.
            pdf.rect(x + start * module, y + r * module, (c - start) * module + 0.02, module + 0.02, style="F")


class _Poster(FPDF):
    def normalize_text(self, text: str) -> str:
        return super().normalize_text(printable(text))


def poster_pdf(url: str, unit_name: str, layanan: str | None = None, size: str = "A4") -> bytes:
    """A one-page poster: title band, unit, layanan, the code, the instruction and the link as text."""
    width, height = SIZES[size]
    k = width / 210.0  # everything scales with the page
    pdf = _Poster(orientation="P", unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    margin = 14 * k
    pdf.set_margins(margin, margin, margin)
    with ExitStack() as stack:
        for style, name in FONT_FILES.items():
            path = stack.enter_context(resources.as_file(resources.files("skm.report").joinpath("fonts", name)))
            pdf.add_font(FONT, style, path)
        pdf.set_title(printable(f"Survei Kepuasan Masyarakat {unit_name}"))
        pdf.set_creator("SKM Dashboard")
        pdf.set_lang("id")
        pdf.add_page()
        inner = width - 2 * margin

        pdf.set_fill_color(BLUE)
        pdf.rect(0, 0, width, 34 * k, style="F")
        pdf.set_text_color("#FFFFFF")
        pdf.set_font(FONT, "B", 24 * k)
        pdf.set_xy(margin, 8 * k)
        pdf.cell(inner, 11 * k, "SURVEI KEPUASAN", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(inner, 11 * k, "MASYARAKAT", align="C", new_x="LMARGIN", new_y="NEXT")

        pdf.set_text_color(INK)
        pdf.set_y(44 * k)
        pdf.set_font(FONT, "B", 20 * k)
        pdf.multi_cell(inner, 9 * k, unit_name, align="C", new_x="LMARGIN", new_y="NEXT", max_line_height=9 * k)
        pdf.ln(1.5 * k)
        pdf.set_font(FONT, "", 14 * k)
        pdf.set_text_color(MUTED)
        pdf.multi_cell(
            inner,
            7 * k,
            f"Layanan: {layanan}" if layanan else "Semua jenis layanan",
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )

        qr_size = min(inner * 0.78, height - pdf.get_y() - 75 * k)
        qr_y = pdf.get_y() + 6 * k
        draw_qr(pdf, url, (width - qr_size) / 2, qr_y, qr_size)

        pdf.set_y(qr_y + qr_size + 5 * k)
        pdf.set_text_color(BLUE)
        pdf.set_font(FONT, "B", 17 * k)
        pdf.multi_cell(inner, 8 * k, INSTRUCTION, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2 * k)
        pdf.set_text_color(INK)
        pdf.set_font(FONT, "", 11 * k)
        pdf.multi_cell(
            inner,
            5.5 * k,
            "Arahkan kamera ponsel ke kode di atas. Tanpa akun, tanpa nama, kurang dari 5 menit. "
            "Pendapat Anda membantu kami memperbaiki pelayanan.",
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(3 * k)
        pdf.set_font(FONT, "", 9 * k)
        pdf.set_text_color(MUTED)
        pdf.multi_cell(inner, 4.5 * k, "Atau buka tautan:", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 9.5 * k)
        pdf.set_text_color(INK)
        pdf.multi_cell(inner, 4.8 * k, url, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)

        pdf.set_font(FONT, "", 7.5 * k)
        pdf.set_text_color(MUTED)
        pdf.set_xy(margin, height - 11 * k)
        pdf.cell(
            inner, 4 * k, "Survei Kepuasan Masyarakat sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017", align="C"
        )
        return bytes(pdf.output())
