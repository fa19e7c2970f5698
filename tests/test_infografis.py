"""The infographic: every number printed is the engine's (unit_summary), the demo is marked, and
the PNG is the same page rasterised without a browser. Images go to build/screenshots/ to be
looked at."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from skm.formatting import angka
from skm.infografis import PNG_WIDTH, infografis_data, infografis_pdf, infografis_png
from skm.storage import Store
from skm.summary import unit_summary
from skm.units import Period
from skm.unsur import CODES, UNSUR

ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
HALIM = "Jakarta Timur/Makasar/Halim Perdanakusuma"


@pytest.fixture(scope="module")
def engine(db_path):
    store = Store(db_path)
    yield store
    store.close()


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_numbers_are_the_engines_for_the_seed_unit(engine):
    unit = engine.find_unit(HALIM)
    period = Period(2024, 1)
    result = unit_summary(engine, unit, period)
    assert result is not None
    data = infografis_data(engine, unit, period, today=date(2024, 7, 9))
    assert data is not None
    text = pdf_text(infografis_pdf(data))
    s = result.score
    assert "Kelurahan Halim Perdanakusuma" in text and "Semester I 2024" in text
    assert "DATA DEMO" in text
    assert angka(s.ikm) == "99,09" and "IKM) 99,09" in text.replace("(IKM)", "IKM)")
    assert s.mutu.kinerja in text and re.search(rf"\b{s.mutu.letter}\b", text)
    for part in s.parts:  # IKM per layanan
        assert f"{part.name}" in text and f"{angka(part.ikm)} {part.mutu.letter}" in text
    for code in CODES:  # the nine unsur, 2 decimals as on the dashboard
        assert f"{code} {UNSUR[code].name}" in text
        assert f"{angka(s.nrr[code])} {s.nrr_mutu[code].letter}" in text
    for rank, code in enumerate(result.priorities, start=1):  # the engine's priorities, ties kept
        assert f"{rank}. {code} {UNSUR[code].name}" in text
        assert f"NRR {angka(s.nrr[code], 4)}" in text
    rtl = engine.rtl_items(unit.id, period)
    for item in rtl:
        if item.unsur in result.priorities:
            assert " ".join(item.program.split())[:40] in text
    assert "Jumlah responden tidak tercatat" in text  # the seed is an NRR table


def test_respondents_and_a_wilayah(engine):
    unit = engine.find_unit("Jakarta Timur/Makasar")
    period = Period(2024, 2)
    result = unit_summary(engine, unit, period)
    assert result is not None and result.score.respondents
    text = pdf_text(infografis_pdf(infografis_data(engine, unit, period)))  # type: ignore[arg-type]
    assert f"{angka(result.score.respondents, 0)} responden" in text
    assert "IKM per unit" in text and angka(result.score.ikm) in text
    for part in result.score.parts:
        assert f"{angka(part.ikm)} {part.mutu.letter}" in text


def test_no_data_gives_none(engine):
    assert infografis_data(engine, engine.find_unit(HALIM), Period(2030, 1)) is None


def test_png_is_the_page_rasterised_for_a_phone(engine):
    unit = engine.find_unit(HALIM)
    data = infografis_data(engine, unit, Period(2024, 1), today=date(2024, 7, 9))
    assert data is not None
    png = infografis_png(infografis_pdf(data))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == PNG_WIDTH and image.height > image.width  # portrait
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "infografis_halim_2024-S1.png").write_bytes(png)
    # the header band is the app's blue, the demo band red, the IKM card the light mutu A green
    rgb = image.convert("RGB")
    assert rgb.getpixel((10, 10)) == (0x0B, 0x53, 0x94)
    column = [rgb.getpixel((5, y)) for y in range(0, 600, 4)]
    assert (0xB4, 0x23, 0x18) in column
