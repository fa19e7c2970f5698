"""The PEKPPP tab in a real browser: the four scores drawn, the evidence pack downloaded with one
click (a ZIP with the index first), and the kecamatan's table of every kelurahan. Screenshots go
to build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
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
from tests.test_pekppp import publish

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))


def test_pekppp_tab_scores_pack_and_kecamatan_table(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    halim = store.find_unit(SEED_UNIT)
    kecamatan = store.find_unit("Jakarta Timur/Makasar")
    publish(store, halim.id, "website", date(2024, 7, 15), "https://halim.example.go.id/skm", "situs.jpg")
    store.close()
    ensure_account(db)
    SHOTS.mkdir(parents=True, exist_ok=True)

    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1600}, accept_downloads=True, locale="id-ID")
        page = context.new_page()
        goto_logged_in(page, f"{url}/laporan?unit={halim.id}&periode=2024-S1")
        wait_idle(page)
        page.get_by_role("tab", name="PEKPPP").click()
        indicators = page.locator('[data-testid="stMetric"]').filter(has_text="Indikator")
        expect_count(indicators, 4)
        expect_count(page.get_by_role("button", name="Simpan publikasi"), 1)
        wait_idle(page)
        texts = indicators.all_inner_texts()
        assert any("Indikator 8" in t and "5 / 5" in t for t in texts), texts
        assert any("Indikator 7" in t and "1 / 5" in t for t in texts), texts
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Catat publikasi di 1 media lagi untuk nilai 2." in main
        page.screenshot(path=str(SHOTS / "laporan_pekppp.png"), full_page=True)
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Unduh paket bukti PEKPPP 2024 (ZIP)").click()
        pack = tmp_path / download.value.suggested_filename
        download.value.save_as(pack)

        # a printed publication with its photo, through the form
        proof = tmp_path / "papan.jpg"
        Image.new("RGB", (800, 600), (240, 200, 40)).save(proof, format="JPEG")
        form = page.locator('[data-testid="stForm"]')
        form.get_by_role("spinbutton", name="tanggal, Tanggal publikasi").click()  # "day, …" in Indonesian (ui.chrome)
        page.keyboard.type("20072024")  # dd mm yyyy segments
        form.get_by_label("Tempat atau alamat (URL)").fill("Papan pengumuman kantor kelurahan")
        form.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(proof))
        expect_count(form.get_by_text("papan.jpg"), 1)
        page.get_by_role("button", name="Simpan publikasi").click()
        expect_count(page.get_by_text("Publikasi Media cetak / non-elektronik 20 Juli 2024 dicatat."), 1)
        expect_count(indicators.filter(has_text="2 / 5"), 1)  # indicator 7: two media
        wait_idle(page)
        # the publication record is a static table: its proof's file name is in the page's text
        assert "papan.jpg" in " ".join(page.locator(".skm-table").all_inner_texts())
        page.screenshot(path=str(SHOTS / "laporan_pekppp_dicatat.png"), full_page=True)

        page = context.new_page()
        goto_logged_in(page, f"{url}/laporan?unit={kecamatan.id}&periode=2024-S1")
        expect_count(page.get_by_text("PEKPPP indikator 6–9 tahun 2024"), 1)
        wait_idle(page)
        page.screenshot(path=str(SHOTS / "laporan_pekppp_kecamatan.png"), full_page=True)
        browser.close()

    store = Store(db)
    try:
        recorded = store.publications(halim.id, SEED_PERIOD)
    finally:
        store.close()
    assert [(p.media, p.tempat, p.file_name) for p in recorded][-1] == (
        "cetak",
        "Papan pengumuman kantor kelurahan",
        "papan.jpg",
    )
    with Image.open(recorded[-1].stored_path) as im:  # decoded and stored again
        assert im.size == (800, 600)
    assert pack.name == "bukti-pekppp_halim-perdanakusuma_2024.zip"
    names = zipfile.ZipFile(pack).namelist()
    assert names[0] == "00_indeks-bukti.pdf" and any(n.endswith("publikasi-skm_2024.pdf") for n in names)
