"""The Laporan Rekapitulasi SKM on the Laporan page in a real browser, as the camat (a pimpinan
of Kecamatan Makasar) sees it at 1366×768 while one kelurahan has not sent its data: the
SEMENTARA warning, the two downloads built when clicked (the PDF read back with pypdf, the XLSX
with openpyxl). Screenshots go to build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from skm.demo import SEED_PERIOD, ensure_demo
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
CAMAT = "camat.makasar"


def test_camat_downloads_the_rekap_marked_sementara(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    kecamatan = store.find_unit("Jakarta Timur/Makasar")
    kebon = store.find_unit("Jakarta Timur/Makasar/Kebon Pala")
    for batch in store.batches(kebon.id, SEED_PERIOD):
        store.undo_import(batch.id, user="uji")
    store.close()
    ensure_account(db, CAMAT, "pimpinan", "Jakarta Timur/Makasar")
    SHOTS.mkdir(parents=True, exist_ok=True)

    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="id-ID")
        page = context.new_page()
        goto_logged_in(page, f"{url}/laporan?unit={kecamatan.id}&periode=2024-S1", name=CAMAT)
        wait_idle(page)
        main = page.locator('[data-testid="stMain"]')
        expect_count(main.get_by_role("heading", name="Laporan Rekapitulasi SKM"), 1)
        expect_count(page.get_by_role("button", name="Unduh rekapitulasi (PDF)"), 1)
        expect_count(page.get_by_role("button", name="Unduh tabel rekapitulasi (XLSX)"), 1)
        warning = main.locator('[data-testid="stAlertContentWarning"]').filter(has_text="SEMENTARA")
        expect_count(warning, 1)
        assert "Kel. Kebon Pala" in warning.inner_text()  # named with its level
        page.get_by_role("button", name="Unduh rekapitulasi (PDF)").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "laporan_rekap_1366.png"))
        page.screenshot(path=str(SHOTS / "laporan_rekap_full.png"), full_page=True)

        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Unduh rekapitulasi (PDF)").click()
        assert download.value.suggested_filename == "laporan-rekapitulasi-skm_makasar_2024-S1.pdf"
        pdf = Path(download.value.path()).read_bytes()
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Unduh tabel rekapitulasi (XLSX)").click()
        xlsx = Path(download.value.path()).read_bytes()

        # The letter settings are built once their expander opens (a rerun), then saved as before.
        assert page.get_by_role("button", name="Simpan pengaturan").count() == 0
        settings = main.locator('[data-testid="stExpander"] summary')
        settings.filter(has_text="Pengaturan surat Laporan Rekapitulasi SKM").click()
        expect_count(page.get_by_role("button", name="Simpan pengaturan"), 1)
        expect_count(main.get_by_label("Nomor", exact=True), 1)
        browser.close()

    pages = [" ".join(pg.extract_text().split()) for pg in PdfReader(io.BytesIO(pdf)).pages]
    assert "SEMENTARA" in pages[0] and "4 dari 5 kelurahan" in pages[0]
    assert "Camat Kecamatan Makasar" in pages[0] and "Tabel 1. NRR per Unsur" in " ".join(pages)
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames[0] == "Tabel 1 IKM" and "SEMENTARA" in str(book["Tabel 1 IKM"]["A1"].value)
