"""Browser tests: a real server, real Chromium, the real uploader. Screenshots of every page go to
build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from skm.demo import ensure_demo
from skm.storage import Store
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    ensure_account,
    expect_count,
    expect_text,
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
PAGES = ["ringkasan", "perbandingan", "tren", "responden", "unggah", "rtl", "laporan", "presentasi"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    db = tmp_path_factory.mktemp("browser") / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    ids = {u.path_text: u.id for u in store.units()}
    store.close()
    ensure_account(db)
    with streamlit_server(db) as url:
        yield url, ids


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, locale="id-ID")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("level", ["Jakarta Timur/Makasar/Halim Perdanakusuma", "Jakarta Timur/Makasar"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_error(server, page, name, level):
    url, ids = server
    period = "2024-S1"
    goto_logged_in(page, f"{url}/{name}?unit={ids[level]}&periode={period}")
    wait_idle(page, settle=2.5)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in body and "Error" not in body.split("DATA DEMO")[0]
    assert page.locator('[data-testid="stException"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = "kelurahan" if level.count("/") == 2 else "kecamatan"
    page.screenshot(path=str(SHOTS / f"{name}_{tag}.png"), full_page=True)
    if name == "ringkasan" and tag == "kelurahan":
        assert re.search(r"99,09", body)


def seed_csv(tmp_path: Path, with_ikm: bool) -> Path:
    """The seed's Tabel 1 as offices export it (';' and decimal commas), with or without IKM Layanan."""
    text = (ROOT / "skm" / "demo" / "halim_2024s1_tabel1.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    if not with_ikm:
        lines = [";".join(line.split(";")[:11]) for line in lines]
    path = tmp_path / ("tabel1_dengan_ikm.csv" if with_ikm else "tabel1.csv")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kelurahan", "with_ikm", "expected"),
    [("Kebon Pala", False, "99,03"), ("Pinang Ranti", True, "99,09")],
)
def test_upload_seed_table_then_see_ikm_on_ringkasan(server, page, tmp_path, kelurahan, with_ikm, expected):
    url, ids = server
    unit_id = ids[f"Jakarta Timur/Makasar/{kelurahan}"]
    goto_logged_in(page, f"{url}/unggah?unit={unit_id}&periode=2026-S1")
    wait_idle(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(seed_csv(tmp_path, with_ikm)))
    main = page.locator('[data-testid="stMain"]')
    expect_text(main, "tabel NRR")
    page.get_by_role("button", name="Simpan ke basis data").wait_for(timeout=60_000)
    wait_idle(page, settle=1.5)
    page.get_by_role("button", name="Simpan ke basis data").click()
    expect_text(main, "6 baris diimpor untuk 6 layanan")
    wait_idle(page, settle=1.5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"unggah_sukses_{kelurahan.replace(' ', '_')}.png"), full_page=True)
    page.get_by_role("link", name="Lihat Ringkasan data ini").click()
    expect_text(main, "Semester I 2026")
    expect_count(page.locator(".skm-heat").first, 1)
    wait_idle(page, settle=2.5)
    body = main.inner_text()
    assert "Ringkasan" in body and "Semester I 2026" in body
    ikm = page.locator('[data-testid="stMetric"]').first.inner_text()
    assert expected in ikm
    heatmap = page.locator(".skm-heat").first  # ui.heat: NRR per layanan × unsur
    assert heatmap.is_visible()
    assert "3,93" in heatmap.inner_text() and "PPSU" in heatmap.inner_text()
    page.screenshot(path=str(SHOTS / f"ringkasan_setelah_unggah_{kelurahan.replace(' ', '_')}.png"), full_page=True)


def test_sidebar_choice_survives_page_changes(server, page):
    url, ids = server
    goto_logged_in(page, f"{url}/?unit={ids['Jakarta Timur/Makasar/Kebon Pala']}&periode=2023-S2")
    wait_idle(page)
    for title in ("Tren", "Perbandingan Wilayah", "Ringkasan"):
        page.get_by_role("link", name=title).first.click()
        expect_text(page.locator('[data-testid="stMain"] h1'), title)
        wait_idle(page)
        caption = page.locator('[data-testid="stMain"]').inner_text()
        assert "Kebon Pala" in caption, title
    assert "Semester II 2023" in page.locator('[data-testid="stMain"]').inner_text()


def test_laporan_pdf_downloads_with_one_click(server, browser, tmp_path):
    url, ids = server
    context = browser.new_context(viewport={"width": 1440, "height": 1800}, accept_downloads=True)
    page = context.new_page()
    try:
        goto_logged_in(page, f"{url}/laporan?unit={ids['Jakarta Timur/Makasar/Halim Perdanakusuma']}&periode=2024-S1")
        page.get_by_role("button", name="Unduh laporan (PDF)").wait_for(timeout=60_000)
        wait_idle(page)
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Unduh laporan (PDF)").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
    finally:
        context.close()
    from pypdf import PdfReader

    assert path.suffix == ".pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "99,09" in text and "Sangat Baik" in text and "Jumat, 31 Mei 2024" in text and "100%" in text
