"""The public form in real Chromium with the issue's hostile layanan name: no link to
evil.example anywhere in the DOM, no red text, the name shown exactly as typed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skm.unsur import CODES
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, expect_count, require_browser, streamlit_server, wait_idle
from tests.hostile.database import EVIL, EVIL_HTML, KEL_A, add_public_side, build_db

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))

# Every element whose own text mentions MERAH, with its computed colour.
COLOURS = """() => [...document.querySelectorAll('[data-testid="stApp"] *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.includes('MERAH')))
    .map(e => getComputedStyle(e).color)"""


def red(css: str) -> bool:
    r, g, b = (int(float(v)) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return r > 150 and g < 110 and b < 110


def test_public_form_draws_no_link_and_no_red_from_a_layanan_name(tmp_path):
    require_browser()
    db = tmp_path / "skm.duckdb"
    public = add_public_side(db, build_db(db))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 420, "height": 900}, locale="id-ID").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/?isi={public.token}")
        radios = page.locator('[data-testid="stRadio"]')
        expect_count(radios, 4 + len(CODES))  # profile (3) + layanan + nine questions: the whole form
        layanan = radios.nth(3).locator('[data-testid="stRadioOption"]')
        expect_count(layanan, 6)  # the unit's layanan, hostile ones included
        wait_idle(page, settle=0.5)
        options = [o.replace("\u2060", "") for o in layanan.all_inner_texts()]  # md's invisible word joiners
        assert EVIL in [" ".join(o.split()) for o in options], options
        anchors = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
        assert not [a for a in anchors if "evil.example" in a], anchors
        assert any(" ".join(EVIL_HTML.split()) in " ".join(o.split()) for o in options), options
        assert KEL_A in page.locator('[data-testid="stMain"]').inner_text()
        assert page.locator('a[href*="evil.example"]').count() == 0
        assert page.locator("[data-testid='stApp'] a, [data-testid='stApp'] b").filter(has_text="klik").count() == 0
        assert page.locator(".stMarkdownColoredText").count() == 0
        colours = page.evaluate(COLOURS)
        assert colours and not [c for c in colours if red(c)], colours
        page.set_viewport_size({"width": 420, "height": 3600})
        page.screenshot(path=str(SHOTS / "kuesioner_nama_berbahaya.png"), full_page=True)
        browser.close()
    assert not errors, errors
