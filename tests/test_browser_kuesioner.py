"""The questionnaire on a phone: real `streamlit run`, Chromium at 375×740 (is_mobile, touch),
answer everything by tapping, submit, and see the answer counted on the dashboard and in the
database. Screenshots go to build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from skm import kuesioner
from skm.demo import ensure_demo
from skm.storage import Store
from skm.summary import unit_summary
from skm.unsur import CODES
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
SCORES = dict(zip(CODES, [4, 3, 4, 3, 4, 3, 4, 3, 4], strict=True))  # IKM 32/9 × 25 = 88,89


def test_phone_answers_and_the_dashboard_counts_it(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    unit = store.ensure_unit_path("Jakarta Timur/Makasar/Kelurahan Uji Daring")[0]
    for name in ("Layanan Uji", "Layanan Lain"):
        kuesioner.ensure_layanan(store, unit.id, name)
    period = kuesioner.period_of(date.today())
    kuesioner.set_open(store, unit.id, period, True)
    token = kuesioner.link_token(store, unit.id)
    store.close()
    ensure_account(db)  # the dashboard needs a login; the questionnaire never does
    SHOTS.mkdir(parents=True, exist_ok=True)

    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = browser.new_context(
            viewport={"width": 375, "height": 740},
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            locale="id-ID",
        )
        page = phone.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/?isi={token}")
        wait_idle(page)
        # The form's own widgets, not just its button: placeholders and stale elements draw first.
        radios = page.locator('[data-testid="stRadio"]')
        expect_count(radios, 4 + len(CODES))
        expect_count(page.locator('[data-testid="stNumberInput"] input'), 1)
        expect_count(page.locator('[data-testid="stTextArea"] textarea'), 1)
        page.get_by_role("button", name="Kirim jawaban").wait_for(timeout=60_000)
        main = page.locator('[data-testid="stMain"]')
        body = main.inner_text()
        assert "Kelurahan Uji Daring" in body and "Halim Perdanakusuma" not in body
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # no navigation at all
        assert page.locator('[data-testid="stSidebar"]:visible').count() == 0

        radios.nth(0).get_by_text("Perempuan", exact=True).tap()
        usia = page.locator('[data-testid="stNumberInput"] input')
        usia.fill("41")
        usia.press("Tab")
        radios.nth(1).get_by_text("D4/S1", exact=True).tap()
        radios.nth(2).get_by_text("Swasta", exact=True).tap()
        radios.nth(3).get_by_text("Layanan Uji", exact=True).tap()
        for i, code in enumerate(CODES):
            option = radios.nth(4 + i).get_by_text(kuesioner.ANSWERS[code][SCORES[code] - 1], exact=True)
            box = option.bounding_box()
            assert box is not None
            option.tap()
        page.locator('[data-testid="stTextArea"] textarea').fill("Petugas ramah, antrean perlu dipercepat.")
        # Usable at 375 px: nothing wider than the screen, and every answer a large target.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        choice = radios.nth(4).locator('[data-testid="stRadioOption"]').first.bounding_box()
        assert choice is not None and choice["height"] >= 44 and choice["width"] >= 300
        # Streamlit scrolls inside stMain: a viewport as tall as the form shows all of it at once.
        tall = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": 375, "height": tall})
        page.screenshot(path=str(SHOTS / "kuesioner_ponsel.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 740})

        page.get_by_role("button", name="Kirim jawaban").tap()
        page.get_by_role("button", name="Isi lagi").wait_for(timeout=60_000)
        wait_idle(page)
        assert "Terima kasih" in main.inner_text()
        assert page.get_by_role("button", name="Isi lagi").is_visible()
        assert page.get_by_role("button", name="Kirim jawaban").count() == 0
        page.screenshot(path=str(SHOTS / "kuesioner_terima_kasih.png"), full_page=True)
        assert not errors, errors

        desk = browser.new_context(viewport={"width": 1440, "height": 1800}, locale="id-ID")
        dash = desk.new_page()
        goto_logged_in(dash, f"{url}/?unit={unit.id}&periode={period.code}")
        wait_idle(dash, settle=2)
        expect_count(dash.locator('[data-testid="stMetric"]').filter(has_text="88,89"), 1)
        metrics = dash.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any("88,89" in m for m in metrics), metrics
        assert any("Responden" in m and "1" in m for m in metrics), metrics
        dash.screenshot(path=str(SHOTS / "ringkasan_kuesioner.png"), full_page=True)
        browser.close()

    store = Store(db)
    try:
        result = unit_summary(store, store.unit(unit.id), period)
        assert result is not None and result.score.respondents == 1
        assert round(result.score.ikm, 2) == 88.89
        [batch] = store.batches(unit.id, period)
        assert batch.source == "kuesioner" and batch.row_count == 1
        assert store.saran([unit.id], period)[0][3] == "Petugas ramah, antrean perlu dipercepat."
    finally:
        store.close()
