"""The data grid's own texts in Indonesian, in Chromium on a real `streamlit run` (issue 15):
the upload preview's toolbar (each button's label, and the tooltip read while hovering it), its column
menu, full screen, and the RTL plan editor's "Tambah baris" / "Hapus baris". The texts come from
one dictionary (ui.chrome.GRID_TEXTS) put in place by ui/texts; screenshots under build/screenshots/."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from skm.demo import SEED_UNIT
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
from ui.chrome import GRID_TEXTS

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
ENGLISH = set(GRID_TEXTS) - set(GRID_TEXTS.values())
ACTIVE = f"document.documentElement.dataset.skmTexts === '{len(GRID_TEXTS)}'"


@pytest.fixture(scope="module")
def server(db_path):
    require_browser()
    store = Store(db_path)
    halim = store.find_unit(SEED_UNIT).id
    store.close()
    ensure_account(db_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_path) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield url, browser, halim
        browser.close()


def open_page(server, name: str):
    """The page at Halim Perdanakusuma 2024-S1 at 1366×768, drawn, with the dictionary at work."""
    url, browser, halim = server
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
    goto_logged_in(page, f"{url}/{name}?unit={halim}&periode=2024-S1")
    wait_idle(page)
    page.wait_for_function(ACTIVE, timeout=30_000)
    return page


def english(texts: list[str | None]) -> list[str]:
    return [t for t in texts if t and t.strip() in ENGLISH]


def toolbar_of(page, grid):
    """The grid's toolbar (in the grid's element container), shown while the pointer is over the grid."""
    grid.hover()
    container = grid.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]")
    toolbar = container.locator('[data-testid="stElementToolbar"]')
    expect_count(toolbar, 1)
    return toolbar


def labels(toolbar) -> list[str | None]:
    buttons = toolbar.locator("button")
    return [buttons.nth(i).get_attribute("aria-label") for i in range(buttons.count())]


def tooltip_of(page, button) -> str:
    button.hover()
    tip = page.locator('[data-testid="stTooltipContent"]:visible')
    expect_count(tip, 1, timeout=10_000)
    return tip.inner_text().strip()


def column_menu(page, grid):
    """Open a column's menu: its ⋮ sits just inside the column's right border, which is where the
    grid's canvas shows the column-resize cursor; tried from the last column leftwards (a click
    while the grid is still laying out can be lost)."""
    from playwright.sync_api import expect

    box = grid.bounding_box()
    y = box["y"] + 18
    cursor = "(p) => getComputedStyle(document.elementFromPoint(p[0], p[1])).cursor"
    menu = page.locator('[data-testid="stDataFrameColumnMenu"]')
    x = int(box["x"] + box["width"]) - 2
    while x > box["x"] + 40:
        page.mouse.move(x, y)
        if page.evaluate(cursor, [x, y]) == "col-resize":
            page.mouse.move(x - 40, y)
            page.mouse.click(x - 16, y)
            try:
                expect(menu).to_have_count(1, timeout=3_000)
                return menu
            except AssertionError:
                x -= 30  # past this border, on to the next column
        x -= 3
    raise AssertionError("no column menu opened")


def test_preview_grid_toolbar_tooltips_and_column_menu_in_indonesian(server):
    # Unggah Data's preview of a real file (a grid: its rows scroll); Riwayat impor is a static table.
    page = open_page(server, "unggah")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(ROOT / "tests" / "real" / "gaspul_kemenag_sulbar_survey_kata.csv")
    )
    tab = page.get_by_role("tab", name="Pratinjau data")
    expect_count(tab, 1)
    wait_idle(page, settle=1.5)
    tab.click()
    grid = page.locator('[data-testid="stTabs"] [data-testid="stDataFrame"]:visible')
    expect_count(grid, 1)
    resting_box(grid)
    toolbar = toolbar_of(page, grid)
    shown = labels(toolbar)
    assert shown == ["Tampilkan/sembunyikan kolom", "Cari", "Layar penuh"], shown
    for i, label in enumerate(shown):
        toolbar = toolbar_of(page, grid)
        assert tooltip_of(page, toolbar.locator("button").nth(i)) == label
    page.screenshot(path=str(SHOTS / "grid-tooltip-1366.png"))

    # The column menu (a portal drawn on click), with "Format" mapped to itself: the page stays
    # responsive (a rewrite that changes nothing is never written, so the observer rests).
    menu = column_menu(page, grid)
    text = menu.inner_text()
    assert "Urutkan naik" in text and "Sembunyikan kolom" in text and "Sematkan kolom" in text, text
    assert not english(text.splitlines()), text
    started = time.monotonic()
    assert page.evaluate("1 + 1") == 2 and time.monotonic() - started < 5
    page.screenshot(path=str(SHOTS / "grid-column-menu-1366.png"))
    page.keyboard.press("Escape")

    # Full screen: the button's label changes, and is put in Indonesian again.
    toolbar = toolbar_of(page, grid)
    buttons = toolbar.locator("button")
    buttons.nth(2).click()
    closing = page.locator('[data-testid="stElementToolbar"] button[aria-label="Tutup layar penuh"]')
    expect_count(closing, 1)
    assert not english([page.locator('[data-testid="stApp"]').inner_text()])
    closing.click()
    page.close()


def resting_box(locator, timeout: float = 30.0) -> dict:
    """The element's bounding box once it has kept still for half a second (an opening expander
    animates its content)."""
    deadline = time.monotonic() + timeout
    last = locator.bounding_box()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        box = locator.bounding_box()
        if box == last:
            return box
        last = box
    raise AssertionError(f"the element kept moving for {timeout} s: {last}")


def test_rtl_editor_add_and_delete_row_in_indonesian(server):
    page = open_page(server, "rtl")
    page.get_by_text("Ubah rencana", exact=True).click()  # the plan editor sits in an expander
    editor = page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]:visible')
    expect_count(editor, 1)
    toolbar = toolbar_of(page, editor)
    assert labels(toolbar)[0] == "Tambah baris" and not english(labels(toolbar))
    assert tooltip_of(page, toolbar.locator("button").first) == "Tambah baris"
    # A selected row offers "Hapus baris" (the row marker column at the left edge). The expander
    # may still be opening (the grid moves) and the canvas draws its rows after the frame: click
    # where the first row's marker is once the grid has stopped moving, and again if the click
    # landed before the rows were there.
    deleting = toolbar_of(page, editor).locator('button[aria-label="Hapus baris"]')
    for _ in range(5):
        box = resting_box(editor)
        page.mouse.move(box["x"] + 12, box["y"] + 52)
        page.mouse.click(box["x"] + 12, box["y"] + 52)
        try:
            expect_count(deleting, 1, timeout=10_000)
            break
        except AssertionError:
            continue
    expect_count(deleting, 1)
    assert tooltip_of(page, deleting) == "Hapus baris"
    page.screenshot(path=str(SHOTS / "grid-editor-delete-1366.png"))
    page.close()
