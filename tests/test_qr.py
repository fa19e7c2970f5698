"""QR codes of questionnaire links: the PNG and the posters decode (zxing-cpp) to the very link."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from skm import kuesioner
from skm.qr import INSTRUCTION, SIZES, poster_pdf, qr_png

URL = "https://skm.jakarta.go.id/?isi=GIqA-haKn1ZGod0q3GX2EYw4"


def decoded(image: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image) if b.format == zxingcpp.BarcodeFormat.QRCode]


def test_png_decodes_to_the_link():
    png = qr_png(URL)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decoded(Image.open(io.BytesIO(png))) == [URL]


def test_the_link_of_a_stored_token_round_trips(store, monkeypatch):
    monkeypatch.setenv("SKM_PUBLIC_URL", "https://survei.example.go.id")
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Halim Perdanakusuma")[0]
    token = kuesioner.link_token(store, unit.id)
    url = kuesioner.questionnaire_url(token)
    assert decoded(Image.open(io.BytesIO(qr_png(url)))) == [f"https://survei.example.go.id/?isi={token}"]
    assert kuesioner.public_form(store, url.rsplit("=", 1)[1]).unit_name == "Kelurahan Halim Perdanakusuma"


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_poster_prints_unit_layanan_instruction_and_link(size):
    pdf = poster_pdf(URL, "Kelurahan Halim Perdanakusuma", "RT/RW, LMK dan FKDM", size=size)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    w_mm, h_mm = (float(v) / 72 * 25.4 for v in (page.mediabox.width, page.mediabox.height))
    assert (round(w_mm), round(h_mm)) == tuple(round(v) for v in SIZES[size])
    text = " ".join(page.extract_text().split())
    for expected in ("Kelurahan Halim Perdanakusuma", "Layanan: RT/RW, LMK dan FKDM", INSTRUCTION, URL):
        assert expected in text
    # the printed code, rasterised as a phone camera would see the sheet, is the same link
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=150 / 72).to_pil()
    finally:
        doc.close()
    assert decoded(image) == [URL]


def test_poster_without_layanan_says_all_layanan():
    text = PdfReader(io.BytesIO(poster_pdf(URL, "Kelurahan Makasar"))).pages[0].extract_text()
    assert "Semua jenis layanan" in text
