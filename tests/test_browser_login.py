"""Logging in and out in Chromium against a real `streamlit run`: an operator sees only their
unit; after logging out, the back button and a copied cookie both show the login page.
Screenshots go to build/screens5/."""

from __future__ import annotations

import pytest
from playwright import sync_api as playwright_api

from skm.demo import SEED_UNIT, ensure_demo
from skm.storage import Store
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    ROOT,
    ensure_account,
    login,
    require_browser,
    streamlit_server,
    wait_idle,
)

pytestmark = pytest.mark.browser

SHOTS = ROOT / "build" / "screens5"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    db = tmp_path_factory.mktemp("login") / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    store.close()
    ensure_account(db, "op.halim", "operator", SEED_UNIT)
    ensure_account(db, "camat.makasar", "pimpinan", "Jakarta Timur/Makasar")
    ensure_account(db, "camat.sandi", "pimpinan", "Jakarta Timur/Makasar")  # changes its password
    ensure_account(db)
    with streamlit_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _login_page_shown(page) -> bool:
    """The login form is drawn (waiting for it: a first run can be slow) and nobody is logged in."""
    page.get_by_label("Kata sandi", exact=True).wait_for(timeout=60_000)
    wait_idle(page, settle=0.5)
    return page.get_by_role("button", name="Masuk").count() == 1 and "Masuk sebagai" not in page.content()


def test_operator_sees_only_own_unit_and_logout_really_ends_the_session(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server}/")
    assert _login_page_shown(page)
    page.screenshot(path=str(SHOTS / "masuk.png"))

    login(page, "op.halim")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Masuk sebagai op.halim" in sidebar and "Halim Perdanakusuma" in sidebar
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.locator('[role="option"]').first.wait_for(timeout=60_000)
    options = page.locator('[role="option"]').all_inner_texts()
    page.keyboard.press("Escape")
    assert [o.strip() for o in options] == ["Kel. Halim Perdanakusuma"]
    body = page.locator('[data-testid="stApp"]').inner_text()
    for foreign in ("Kebon Pala", "Pinang Ranti", "Cipinang Melayu", "Jakarta Timur"):
        assert foreign not in body
    page.screenshot(path=str(SHOTS / "ringkasan-operator.png"), full_page=True)

    # Move to another page first, so the browser has history to go back through.
    page.get_by_role("link", name="Tren").click()
    wait_idle(page)
    cookies = context.cookies()
    page.get_by_role("button", name="Keluar").click()
    assert _login_page_shown(page)
    page.go_back()
    assert _login_page_shown(page)

    replay = browser.new_context(viewport={"width": 1440, "height": 1000})
    replay.add_cookies(cookies)
    other = replay.new_page()
    other.goto(f"{server}/tren")
    assert _login_page_shown(other)
    replay.close()
    context.close()


def test_pimpinan_screens(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server}/?periode=2024-S1")
    login(page, "camat.makasar")
    body = page.locator('[data-testid="stApp"]').inner_text()
    assert "Unggah Data" not in body and "Jakarta Timur" not in body
    page.screenshot(path=str(SHOTS / "ringkasan-pimpinan.png"), full_page=True)
    context.close()

    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="id-ID")
    page = context.new_page()
    for name in ("akun", "audit"):
        page.goto(f"{server}/{name}")
        login(page)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    context.close()


def test_the_status_list_and_the_password_form_are_drawn_when_opened(server, browser):
    """Issue 15 (a unit picked in the sidebar redraws less): the kelurahan's status list and the
    password form are built when their expander or popover is opened, which reruns the page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server}/")
    login(page, "camat.sandi")
    main = page.locator('[data-testid="stMain"]')
    statuses = main.locator('[data-testid="stExpander"]').filter(has_text="Status persetujuan")
    assert "Pilih kelurahan di samping" not in statuses.inner_text()
    statuses.locator("summary").click()
    listed = statuses.get_by_text("Pilih kelurahan di samping")
    listed.wait_for(timeout=60_000)
    wait_idle(page, settle=0.3)
    assert statuses.inner_text().count("Kel. ") >= 5
    page.screenshot(path=str(SHOTS / "status-kelurahan-dibuka.png"), full_page=True)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("button", name="Ganti kata sandi").click()
    old = page.get_by_label("Kata sandi lama")
    old.wait_for(timeout=60_000)  # the form arrives with the rerun the click started
    wait_idle(page, settle=0.3)
    new = "kata-sandi-baru-camat-123"
    old.fill(PASSWORD)
    page.get_by_label("Kata sandi baru (minimal 10 karakter)").fill(new)
    page.get_by_label("Ulangi kata sandi baru").fill(new)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.locator('[data-testid="stToast"]').filter(has_text="Kata sandi diubah").wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "ganti-kata-sandi.png"))
    assert page.get_by_label("Kata sandi lama").count() == 0  # done: the popover closed
    context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server}/")
    login(page, "camat.sandi", new)
    assert "Masuk sebagai camat.sandi" in page.locator('[data-testid="stSidebar"]').inner_text()
    context.close()
