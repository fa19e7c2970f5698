"""A partial semester in a real browser: demo data plus Kebon Pala alone in 2026-S1. The camat and
the walikota open on the last complete semester; choosing 2026-S1 shows it *sementara* with
"1 dari 5 kelurahan" next to the headline and the missing kelurahan one click away; Tren draws it
hollow and dashed. At 1366×768 and 1920×1080, screenshots to build/screenshots/ to be looked at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skm.demo import KELURAHAN_PER_KECAMATAN, ensure_demo
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
from tests.test_completeness import IN_KOTA, KECAMATAN, KOTA, _upload_next

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}


def test_partial_semester_is_sementara_in_the_browser(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    _upload_next(store)
    ids = {"kecamatan": store.find_unit(KECAMATAN).id, "kota": store.find_unit(KOTA).id}
    store.close()
    ensure_account(db)
    SHOTS.mkdir(parents=True, exist_ok=True)

    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h}, locale="id-ID")
            for level, uid in ids.items():
                # The default period is the last complete one, not the newest with any data.
                goto_logged_in(page, f"{url}/?unit={uid}")
                wait_idle(page)
                picker = page.get_by_role("combobox", name="Periode")
                playwright_api.expect(picker).to_have_value("Semester II 2025", timeout=60_000)
                if size == "1366" and level == "kecamatan":
                    options = page.locator('[role="option"]')
                    for _ in range(3):  # a click while the sidebar is still redrawing can be lost
                        picker.click()
                        try:
                            options.first.wait_for(timeout=10_000)
                            break
                        except playwright_api.TimeoutError:
                            page.keyboard.press("Escape")
                    expect_text(options.first, "(belum ada data)")
                    expect_text(options.nth(1), "Sem. I 2026 (belum lengkap: 1/5)")
                    page.screenshot(path=str(SHOTS / "kelengkapan_pilihan_periode_1366.png"))
                    page.keyboard.press("Escape")

                goto_logged_in(page, f"{url}/?unit={uid}&periode=2026-S1")
                wait_idle(page)
                expect_text(page.locator('[data-testid="stMetric"]').first, "IKM (sementara)")
                expected = IN_KOTA if level == "kota" else KELURAHAN_PER_KECAMATAN["Makasar"]
                badge = page.get_by_role("button", name=f"1 dari {expected} kelurahan · sementara")
                expect_count(badge, 1)
                page.screenshot(path=str(SHOTS / f"kelengkapan_ringkasan_{level}_{size}.png"))
                badge.click()
                listed = page.locator('[data-testid="stPopoverBody"]')
                expect_text(listed, "Kel. Pinang Ranti")
                page.screenshot(path=str(SHOTS / f"kelengkapan_ringkasan_{level}_{size}_daftar.png"))
                page.keyboard.press("Escape")

                goto_logged_in(page, f"{url}/tren?unit={uid}&periode=2026-S1")
                wait_idle(page)
                chart = page.locator('[data-testid="stPlotlyChart"]').first
                expect_text(chart, "sementara (belum lengkap)")
                expect_count(page.get_by_role("button", name=f"1 dari {expected} kelurahan · sementara"), 1)
                page.screenshot(path=str(SHOTS / f"kelengkapan_tren_{level}_{size}.png"))
                chart.scroll_into_view_if_needed()
                chart.screenshot(path=str(SHOTS / f"kelengkapan_tren_{level}_{size}_grafik.png"))

                if size == "1366":
                    goto_logged_in(page, f"{url}/perbandingan?unit={uid}&periode=2026-S1")
                    wait_idle(page)
                    expect_count(page.get_by_role("button", name=f"1 dari {expected} kelurahan · sementara"), 1)
                    page.screenshot(path=str(SHOTS / f"kelengkapan_perbandingan_{level}_{size}.png"))
            page.close()
        browser.close()
