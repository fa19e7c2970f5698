"""Real files on Unggah Data in Chromium (real `streamlit run`): an HTML table named .xls, and a
file with a blank layanan cell, rows without answers and question texts in the app's own order.
Screenshots go to build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
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
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
REAL = ROOT / "tests" / "real"


def test_real_files_on_unggah_data(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Kebon Pala")[0]
    store.close()
    ensure_account(db)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1800}, locale="id-ID").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        goto_logged_in(page, f"{url}/unggah?unit={unit.id}&periode=2026-S1")
        wait_idle(page)
        uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')

        uploader.set_input_files(str(REAL / "gaspul_kemenag_sulbar_survey_kata.csv"))
        # The widgets this file brings: the layanan for the blank cell, the preview tabs.
        expect_count(page.locator('[data-testid="stSelectbox"]').filter(has_text="Layanan untuk baris tanpa"), 1)
        expect_count(page.get_by_role("tab"), 4)
        wait_idle(page, settle=1.5)
        main = page.locator('[data-testid="stMain"]')
        text = main.inner_text()
        assert "Baris 12: jenis layanan" in text and "Baris 11, 13: tidak menjawab" in text
        page.screenshot(path=str(SHOTS / "unggah_gaspul_kata.png"), full_page=True)

        uploader.set_input_files(str(REAL / "mpp_pangkep_hasil_pengukuran.xls"))
        expect_count(page.locator('[data-testid="stTextInput"]').filter(has_text="Nama layanan untuk semua baris"), 1)
        page.get_by_role("textbox", name="Nama layanan untuk semua baris").fill("Mal Pelayanan Publik")
        page.get_by_role("textbox", name="Nama layanan untuk semua baris").press("Enter")
        page.get_by_role("button", name="Simpan ke basis data").wait_for(timeout=60_000)
        expect_count(page.get_by_role("tab"), 4)
        wait_idle(page, settle=1.5)
        text = main.inner_text()
        assert "tabel HTML" in text and "55 baris" in text and "urutan kuesioner" in text
        page.screenshot(path=str(SHOTS / "unggah_html_xls.png"), full_page=True)
        page.get_by_role("button", name="Simpan ke basis data").click()
        expect_count(main.get_by_text("55 baris diimpor untuk 1 layanan"), 1)
        assert not errors, errors
        browser.close()
