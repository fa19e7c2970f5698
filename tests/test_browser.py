"""Browser tests: a real server, real Chromium, the real uploader. Screenshots of every page go to
build/screenshots/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from skm.demo import ensure_demo
from skm.storage import Store
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, require_browser, streamlit_server, wait_idle

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
PAGES = ["ringkasan", "perbandingan", "tren", "responden", "unggah", "presentasi"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    db = tmp_path_factory.mktemp("browser") / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    ids = {u.path_text: u.id for u in store.units()}
    store.close()
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
    page.goto(f"{url}/{name}?unit={ids[level]}&periode={period}")
    wait_idle(page, settle=2.5)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in body and "Error" not in body.split("DATA DEMO")[0]
    assert page.locator('[data-testid="stException"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = "kelurahan" if level.count("/") == 2 else "kecamatan"
    page.screenshot(path=str(SHOTS / f"{name}_{tag}.png"), full_page=True)
    if name == "ringkasan" and tag == "kelurahan":
        assert re.search(r"99,09", body)
