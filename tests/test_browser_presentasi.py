"""The meeting mode in a real `streamlit run` + Chromium on the demo database: a link with
?mode=presentasi opens full screen without the app's chrome; the keys a clicker sends (→ ← PageDown
PageUp space) step through the slides; at 1366×768 and 1920×1080 every slide of a kelurahan, a
kecamatan and a kota fits the screen without scrolling, and at 1920 no text is smaller than 24 px.
Each slide is saved under build/screenshots/presentasi/ (or $SKM_SCREENSHOTS) to be looked at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from skm.demo import ensure_demo
from skm.storage import Store
from tests.browser import (
    ADMIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    ROOT,
    ensure_account,
    expect_count,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots")) / "presentasi"
LEVELS = {
    "kelurahan": "Jakarta Timur/Makasar/Halim Perdanakusuma",
    "kecamatan": "Jakarta Timur/Makasar",
    "kota": "Jakarta Timur",
}
PERIOD = "2024-S1"
SIZES = ((1366, 768), (1920, 1080))
CHROME = ("stSidebar", "stHeader", "stToolbar", "stDecoration", "stSidebarCollapsedControl")

# Everything the screen shows that is text: HTML text nodes and plotly's SVG text, with its size
# in CSS px as drawn (plotly writes font-size on each <text>), leaving out hidden elements.
TEXT_SIZES = """() => {
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest('.st-key-skm_nav, .st-key-skm_exit, .st-key-skm_keys, .st-key-skm_viewport, style')) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    out.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)]);
  }
  return out;
}"""
FITS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const doc = document.scrollingElement;
  const slide = document.querySelector('.st-key-skm_slide').getBoundingClientRect();
  const nav = document.querySelector('.st-key-skm_nav').getBoundingClientRect();
  return [doc.scrollHeight, window.innerHeight, main.scrollHeight, main.clientHeight,
          doc.scrollWidth, window.innerWidth, slide.bottom, nav.top];
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    db = tmp_path_factory.mktemp("presentasi") / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    ids = {level: store.find_unit(path).id for level, path in LEVELS.items()}
    store.close()
    ensure_account(db)
    with streamlit_server(db) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield url, ids, browser
        browser.close()


def open_full_screen(browser, url: str, unit_id: int, size: tuple[int, int], period: str = PERIOD):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The login page first (a new session), then the slides; the sidebar that tests.browser.login
    # waits for stays hidden in full screen.
    page.goto(f"{url}/presentasi?mode=presentasi&unit={unit_id}&periode={period}")
    page.wait_for_selector('[data-testid="stForm"]', timeout=60_000)
    wait_idle(page, settle=0.3)
    page.get_by_label("Nama akun").fill(ADMIN)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect_count(page.locator(".skm-slide-title"), 1)
    wait_idle(page)
    return page, errors


def slide_title(page) -> str:
    return page.locator(".skm-slide-title").inner_text()


def counter(page) -> tuple[int, int]:
    text = page.locator(".st-key-skm_nav").inner_text()
    found = re.search(r"Slide (\d+) dari (\d+)", text)
    assert found, text
    return int(found[1]), int(found[2])


def press(page, key: str, expect_slide: int) -> None:
    """Press a key and wait until the counter shows the slide it should lead to, and it is drawn."""
    page.keyboard.press(key)
    from playwright.sync_api import expect

    expect(page.locator(".st-key-skm_nav")).to_contain_text(f"Slide {expect_slide} dari", timeout=60_000)
    wait_idle(page, settle=0.6)


def test_link_opens_full_screen_and_the_clicker_keys_step(server):
    url, ids, browser = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, errors = open_full_screen(browser, url, ids["kecamatan"], (1366, 768))
    for testid in CHROME:
        assert page.locator(f'[data-testid="{testid}"]:visible').count() == 0, testid
    assert page.get_by_role("button", name="Keluar presentasi").is_visible()
    first = slide_title(page)
    assert counter(page)[0] == 1
    press(page, "ArrowRight", 2)
    second = slide_title(page)
    assert second != first
    press(page, "ArrowLeft", 1)
    assert slide_title(page) == first
    press(page, "PageDown", 2)
    assert slide_title(page) == second
    press(page, "PageUp", 1)
    press(page, "Space", 2)
    assert slide_title(page) == second
    # A mouse click on ▶ leaves the focus on it: space then moves one slide, not two.
    page.get_by_role("button", name="Berikutnya ▶").click()
    page.locator(".st-key-skm_nav").get_by_text("Slide 3 dari").wait_for(timeout=60_000)
    wait_idle(page, settle=0.6)
    press(page, "Space", 4)
    # Leaving full screen brings the sidebar back, on the same slide.
    page.get_by_role("button", name="Keluar presentasi").click()
    page.get_by_text("Layar penuh (mode presentasi)").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator('[data-testid="stSidebar"]:visible').count() == 1
    assert "mode=presentasi" not in page.url
    assert counter(page)[0] == 4
    check_slide(page, (1366, 768), "kecamatan_sidebar")  # fits beside the sidebar too
    page.context.close()
    assert not errors, errors


@pytest.mark.parametrize("level", list(LEVELS))
def test_every_slide_fits_both_screens_with_large_type(server, level):
    url, ids, browser = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, errors = open_full_screen(browser, url, ids[level], SIZES[0])
    _, count = counter(page)
    titles = []
    # 1366×768 forwards, then the window grows to 1920×1080 (the size is measured again) and backwards.
    for n in range(1, count + 1):
        if n > 1:
            press(page, "ArrowRight", n)
        titles.append(slide_title(page))
        check_slide(page, SIZES[0], f"{level}_{n:02d}")
    page.set_viewport_size({"width": SIZES[1][0], "height": SIZES[1][1]})
    page.wait_for_function("() => window.innerWidth === 1920")
    wait_idle(page, settle=2.0)
    for n in range(count, 0, -1):
        if n < count:
            press(page, "ArrowLeft", n)
        assert slide_title(page) == titles[n - 1]
        check_slide(page, SIZES[1], f"{level}_{n:02d}")
    assert len(set(titles)) >= count - 1  # RTL parts share a title
    page.context.close()
    assert not errors, errors


def check_slide(page, size: tuple[int, int], name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}_{size[0]}.png"))
    doc_h, inner_h, main_h, main_client, doc_w, inner_w, slide_bottom, nav_top = page.evaluate(FITS)
    assert doc_h <= inner_h + 2 and main_h <= main_client + 2, (name, size, doc_h, inner_h, main_h, main_client)
    assert doc_w <= inner_w + 2, (name, size, doc_w, inner_w)
    assert slide_bottom <= nav_top, (name, size, slide_bottom, nav_top)  # the pinned navigation hides nothing
    if size[0] == 1920:
        small = [(t, px) for t, px in page.evaluate(TEXT_SIZES) if px < 24]
        assert not small, (name, small[:10])


def test_partial_period_is_sementara_on_the_headline_and_hollow_on_the_trend(server, tmp_path):
    """Demo plus Kebon Pala alone in 2026-S1, at the kecamatan at 1366×768: the headline slide says
    "1 dari 5 kelurahan · sementara" without a change, the trend slide draws 2026-S1 hollow and dashed."""
    from tests.test_completeness import NEXT, _upload_next

    _, _, browser = server  # the module's Chromium; a server of its own on the partial database
    db = tmp_path / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    _upload_next(store)
    kec = store.find_unit(LEVELS["kecamatan"]).id
    store.close()
    ensure_account(db)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db) as url:
        page, errors = open_full_screen(browser, url, kec, SIZES[0], NEXT.code)
        expect = playwright_api.expect
        expect(page.locator(".skm-slide-title")).to_have_text("Indeks Kepuasan Masyarakat (sementara)")
        slide = page.locator(".st-key-skm_slide")
        expect(slide).to_contain_text("1 dari 5 kelurahan · sementara")
        expect(slide).to_contain_text("Kel. Pinang Ranti")
        assert "dibanding" not in slide.inner_text()
        check_slide(page, SIZES[0], "sementara_kecamatan_ringkasan")
        _, count = counter(page)
        for n in range(2, count + 1):
            press(page, "ArrowRight", n)
            if "· Tren" in page.locator(".st-key-skm_nav").inner_text():
                break
        chart = page.locator('[data-testid="stPlotlyChart"]')
        expect_count(chart, 1)
        expect(chart).to_contain_text("sementara (belum lengkap)")
        check_slide(page, SIZES[0], "sementara_kecamatan_tren")
        page.context.close()
        assert not errors, errors
