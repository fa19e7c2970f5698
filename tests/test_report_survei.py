"""The Laporan Survei Kepuasan Masyarakat and the blank questionnaire, read back with pypdf from
reports built on the demo database."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.kuesioner import ANSWERS, QUESTIONS
from skm.report.survei import build_questionnaire_pdf, build_survey_pdf, survey_data
from skm.units import Period
from skm.unsur import CODES

TODAY = date(2025, 3, 1)


def text_of(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def demo(store):
    ensure_demo(store)
    return store


def test_seed_unit_report_has_every_chapter_its_numbers_and_the_questionnaire(demo):
    unit = demo.find_unit(SEED_UNIT)
    settings = demo.report_settings(unit, SEED_PERIOD)
    demo.save_report_settings(unit.id, SEED_PERIOD, replace(settings, tanggal_terbit=date(2024, 4, 15)), actor="t")
    demo.set_population(unit.id, SEED_PERIOD, 1000, actor="t")
    pages = text_of(build_survey_pdf(survey_data(demo, unit, SEED_PERIOD, TODAY)))
    whole = " ".join(pages)
    assert pages[0].startswith("Laporan Survei Kepuasan Masyarakat Semester I Tahun 2024 Kelurahan Halim Perdanakusuma")
    assert "Diterbitkan 15 April 2024" in pages[0]
    for heading in (
        "BAB I PENDAHULUAN",
        "BAB II METODOLOGI",
        "BAB III HASIL SURVEI",
        "BAB IV ANALISIS",
        "BAB V KESIMPULAN DAN RENCANA TINDAK LANJUT",
        "KUESIONER SURVEI KEPUASAN MASYARAKAT",
    ):
        assert heading in whole, heading
    assert "Sampel minimal (Krejcie–Morgan, 95%, ±5%) 278" in whole  # 1.000 users -> 278
    assert "99,09 (A atau Sangat Baik)" in whole
    assert "profil responden tidak dapat disajikan" in whole  # the seed is an NRR table
    assert "Melakukan evaluasi dan pengawasan terhadap Petugas PPSU" in whole  # Tabel RTL
    assert "Semester II Tahun 2023 Semester I Tahun 2024 Perubahan" in whole  # the synthetic 2023-S2
    assert "DATA DEMO" in pages[-1]
    questionnaire = pages[-2] + pages[-1]
    assert QUESTIONS["U1"].split("?")[0] in questionnaire
    assert all(word in questionnaire for c in CODES for word in ANSWERS[c])


def test_raw_data_report_has_profile_saran_interval_and_change(demo):
    unit = demo.find_unit("Jakarta Timur/Makasar/Kebon Pala")
    data = survey_data(demo, unit, Period(2024, 2), TODAY)
    whole = " ".join(text_of(build_survey_pdf(data)))
    assert data.respondents and f"Responden yang diperoleh {data.respondents}" in whole
    assert "Responden menurut jenis kelamin" in whole and "Laki-laki" in whole
    low, high = data.report.score.ci95 or (0, 0)
    assert f"IKM berada antara {low:.2f}".replace(".", ",") in whole
    assert "Semester I Tahun 2024 Semester II Tahun 2024 Perubahan" in whole
    top_saran, count = data.saran[0]
    assert f"“{top_saran}” ({count})" in whole
    assert "Tanggal terbit belum dicatat" in whole


def test_blank_questionnaire_alone():
    pages = text_of(build_questionnaire_pdf())
    whole = " ".join(pages)
    assert len(pages) <= 2
    for c in CODES:
        assert QUESTIONS[c][:40] in whole
    assert "Saran dan masukan" in whole and "DATA DEMO" not in whole


def test_the_method_names_how_the_data_was_collected(demo):
    unit = demo.find_unit("Jakarta Timur/Makasar/Kebon Pala")
    whole = " ".join(text_of(build_survey_pdf(survey_data(demo, unit, Period(2024, 2), TODAY))))
    assert "sumber data periode ini: data sintetis (demo)." in whole
