"""A report downloaded before logging out is gone from /media/ once the logout has run: Streamlit
keeps a generated download until two of its clean-ups have passed without any session using
it, so logging out runs the page twice (ui.auth.sign_out)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from skm.demo import SEED_PERIOD, SEED_UNIT, ensure_demo
from skm.storage import Store
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ensure_account,
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=15) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_a_downloaded_report_is_gone_after_logout(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    unit = store.find_unit(SEED_UNIT)
    store.close()
    ensure_account(db)
    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True).new_page()
        goto_logged_in(page, f"{url}/laporan?unit={unit.id}&periode={SEED_PERIOD.code}")
        button = page.get_by_role("button", name="Unduh laporan (PDF)")
        button.wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as info:
            button.click()
        media = info.value.url
        assert "/media/" in media, media
        assert status(media) == 200  # anyone with the link, no session needed: Streamlit's design
        page.get_by_role("button", name="Keluar").click()
        page.get_by_text("Anda sudah keluar").wait_for(timeout=60_000)
        wait_idle(page, settle=1.0)
        assert status(media) == 404
        browser.close()
