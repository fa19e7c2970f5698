"""No English from Streamlit or plotly on any page, including what only screen readers read
(issue 15), in Chromium on a real `streamlit run`: every page of the app at Kel. Halim
Perdanakusuma 2024-S1 and at Kota Jakarta Timur, logged in as admin, plus the public questionnaire
and results pages. On each page the audit opens what hides texts (expanders, tabs, a select box's
list and its search, a multiselect, a date input's calendar, a help tooltip, the plotly toolbar by
hovering a chart, a popover, the sidebar's collapse, a chosen file, a toast) and reads every
visible text node and every aria-label, title, placeholder, alt, data-title and aria-valuetext in
the document, portals included. English
is decided by an explicit list of Streamlit's and plotly's own words and phrases (read from
Streamlit 1.67's frontend and seen in this app), not by guessing. Screenshots of rewritten
tooltips go to build/screenshots/english-*.png."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

import pytest

from skm import kuesioner
from skm.demo import SEED_PERIOD, SEED_UNIT
from skm.storage import STATUS_DIAJUKAN, STATUS_DISETUJUI, STATUS_DRAFT, Store
from skm.units import period_of
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
from ui.chrome import GRID_TEXTS, PATTERNS, TEXTS

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
ACTIVE = (
    f"document.documentElement.dataset.skmTexts === '{len(GRID_TEXTS)}' && "
    f"document.documentElement.dataset.skmAllTexts === '{len(TEXTS) + len(PATTERNS)}'"
)
PAGES = ("ringkasan", "perbandingan", "tren", "responden", "unggah", "rtl", "laporan", "presentasi", "akun", "audit")
OTHER_KELURAHAN = "Jakarta Timur/Makasar/Cipinang Melayu"  # its 2024-S1 approved: /?hasil= has a period to show

# Streamlit's and plotly's English, as this app can show it. Whole words (case-sensitive): none of
# them is an Indonesian word or a word the app uses ("file", "Format", "Status", "Enter", "Escape",
# "April", "September", "November" are; they are not listed).
ENGLISH_GROUPS = (
    # the widgets, the frame, the select boxes
    "Increment Decrement Help Link heading Collapse Expand sidebar Sidebar Running Stop Close Dismiss",
    "Copy clipboard Fullscreen fullscreen Exit Scroll tabs Open Clear clear results Selected selected",
    "values Show Hide password upload Upload Shortcut Remove options option available icon Skip",
    # the date input and its calendar
    "Choose date dates Previous Next month Quick select range Range Past Week Month Months Year Years",
    "arrow keys navigate day year Today First Last Notifications view Stopping Always change",
    "January February March May June July August October December",
    "Sunday Monday Tuesday Wednesday Thursday Friday Saturday",
    # the data grid, the uploader, plotly's toolbar, the main menu
    "Search search Type Download Autoscale Reset axes Zoom Pan Drag drop Browse files Limit Press apply",
    "submit Add row Delete Sort ascending descending Pin column Unpin Autosize Statistics Automatic",
    "Localized Plain Compact Dollar Percent Scientific Engineering Accounting Duration Relative Distance",
    "Calendar Maximum Average deviation Sum Count Distinct Empty length Based sample histogram frequency",
    "chart Deploy Rerun Settings Print Record Screencast",
)
ENGLISH_WORDS = [word for group in ENGLISH_GROUPS for word in group.split()]
# Whole texts that are English but no word above: date segment placeholders, sizes, the grid's
# column types.
ENGLISH_TEXTS = {"dd", "mm", "yyyy", "text", "number", "MB", "KB"}
WORD = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")\b")
SIZE = re.compile(r"\b\d+\.\d+(B|KB|MB|GB)\b")  # a file size with an English decimal point

# Every text node that is drawn (not inside aria-hidden, not a material icon's ligature) and every
# attribute a reader or a hover shows, in the document and in same-origin frames; each with where
# it sits (tag, data-testid, classes of the element and its parents).
COLLECT = """() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);
  const ATTRS = ["aria-label", "title", "placeholder", "alt", "data-title", "aria-valuetext",
                 "aria-placeholder", "aria-description", "aria-roledescription"];
  const out = [];
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      const id = e.getAttribute("data-testid");
      const classes = [...e.classList].slice(0, 2).map((c) => "." + c).join("");
      parts.push(e.tagName.toLowerCase() + (id ? `[${id}]` : "") + classes);
    }
    return parts.join(" < ");
  };
  const drawn = (el) => {
    if (!el.getClientRects().length || el.closest('[aria-hidden="true"], [data-testid="stIconMaterial"]')) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none";
  };
  const docs = [document];
  document.querySelectorAll("iframe").forEach((f) => {
    try { if (f.contentDocument && f.contentDocument.body) docs.push(f.contentDocument); } catch (e) {}
  });
  for (const d of docs) {
    for (const el of d.querySelectorAll("*")) {
      for (const a of ATTRS) {
        const v = el.getAttribute(a);
        if (v && v.trim()) out.push([a, v.trim(), where(el)]);
      }
    }
    const walker = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement, t = n.nodeValue.trim();
      if (t && p && !SKIP.has(p.tagName) && drawn(p)) out.push(["text", t, where(p)]);
    }
    d.querySelectorAll("svg title").forEach((t) => {
      if (t.textContent.trim()) out.push(["svg title", t.textContent.trim(), where(t)]);
    });
  }
  return out;
}"""


# A toast stays four seconds, maybe gone before the page has settled: from the page's first byte on,
# its labels and texts are kept as they read 300 ms after they appeared (the frame rewrites within
# a task).
TOAST_RECORDER = """
window.__skmToast = [];
new MutationObserver(() => {
  document.querySelectorAll('[data-testid="stToastContainer"], [data-testid="stToastContainer"] *').forEach((el) =>
    setTimeout(() => {
      if (!el.isConnected) return;
      const label = el.getAttribute("aria-label"), text = el.childElementCount ? "" : el.textContent.trim();
      for (const t of [label, text]) if (t && !window.__skmToast.includes(t)) window.__skmToast.push(t);
    }, 300));
}).observe(document, {subtree: true, childList: true});  // no documentElement yet
"""
# Mutations of the attributes the frame rewrites, over two seconds of a page at rest: none when
# the frame never writes a text that changes nothing.
RESTLESS = """() => new Promise((done) => {
  let n = 0;
  const o = new MutationObserver((records) => { n += records.length; });
  o.observe(document.body, {subtree: true, characterData: true, attributes: true,
    attributeFilter: ["aria-label", "title", "placeholder", "data-title", "aria-valuetext"]});
  setTimeout(() => { o.disconnect(); done(n); }, 2000);
})"""


def english(text: str) -> bool:
    return text in ENGLISH_TEXTS or WORD.search(text) is not None or SIZE.search(text) is not None


def test_the_word_list_finds_streamlits_english_and_passes_the_indonesian():
    """The audit's own yardstick: every English key of the dictionaries and patterns is English
    to it, and no Indonesian replacement is (so the audit can fail, and passes only on Indonesian)."""

    def named(template: str) -> str:
        return template.replace("{n}", "8").replace("{}", "Tanggal surat")

    keys = [k for k, v in TEXTS.items() if k != v] + [named(p) for p in PATTERNS]
    assert [k for k in keys if not english(k)] == []
    values = [*TEXTS.values(), *map(named, PATTERNS.values())]
    assert [v for v in values if english(v)] == []
    places = re.compile(r"\{n?\}")
    assert [en for en, id_ in PATTERNS.items() if places.findall(en) != places.findall(id_)] == []
    for sample in ("Help for Tanggal surat", "Increment", "Link to heading", "day, Tanggal surat", "05 – May"):
        assert english(sample), sample


@pytest.fixture(scope="module")
def server(db_path):
    require_browser()
    store = Store(db_path)
    ids = {"kel": store.find_unit(SEED_UNIT).id, "kota": store.find_unit("Jakarta Timur").id}
    # The public pages: the questionnaire open now, and one kelurahan's results approved.
    kuesioner.set_open(store, ids["kel"], period_of(date.today()), True)
    ids["isi"] = kuesioner.link_token(store, ids["kel"])
    other = store.find_unit(OTHER_KELURAHAN).id
    store.set_period_status(other, SEED_PERIOD, STATUS_DIAJUKAN, allowed_from=(STATUS_DRAFT,), actor="uji")
    store.set_period_status(other, SEED_PERIOD, STATUS_DISETUJUI, allowed_from=(STATUS_DIAJUKAN,), actor="uji")
    ids["hasil"] = kuesioner.link_token(store, other)
    store.close()
    ensure_account(db_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db_path) as url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield url, browser, ids
        browser.close()


class Audit:
    """What one page shows, gathered after each step that reveals more."""

    def __init__(self, page, name: str):
        self.page, self.name = page, name
        self.seen: dict[tuple[str, str], str] = {}

    def collect(self, step: str = "") -> None:
        time.sleep(0.4)  # the frame's observer rewrites on the next task after a mutation
        for kind, text, where in self.page.evaluate(COLLECT):
            self.seen.setdefault((kind, text), f"{self.name}{step}: {where}")

    def english(self) -> list[str]:
        return [f"{text!r} ({kind}) on {where}" for (kind, text), where in self.seen.items() if english(text)]


def visible(locator):
    return [locator.nth(i) for i in range(locator.count()) if locator.nth(i).is_visible()]


def reveal(audit: Audit) -> None:
    """Open, one after the other, what hides texts on this page, collecting after each."""
    page = audit.page
    main = page.locator('[data-testid="stMain"]')
    audit.collect()
    closed = main.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):  # each click re-draws: always the first one still closed
        if not (shut := visible(closed)):
            break
        shut[0].click()
        time.sleep(0.3)
    wait_idle(page)  # an expander or a tab may run its content only once opened (Laporan's)
    audit.collect(" (expanders open)")
    for tab in visible(main.locator('[role="tab"]')):
        tab.click()
        wait_idle(page)
        audit.collect(" (tab)")
    if icons := visible(main.locator('[data-testid="stTooltipIcon"]')):
        icons[0].hover()
        audit.collect(" (help tooltip)")
    if charts := visible(main.locator('[data-testid="stPlotlyChart"]')):
        charts[0].hover()
        audit.collect(" (chart hovered)")
        modebar = charts[0].locator(".modebar-btn")
        for i in range(modebar.count()):
            modebar.nth(i).hover()
            audit.collect(" (modebar tooltip)")
    for kind in ("stSelectbox", "stMultiSelect"):
        if boxes := visible(page.locator(f'[data-testid="{kind}"] input')):
            boxes[0].click()
            audit.collect(f" ({kind} open)")
            page.keyboard.type("zzzq")
            audit.collect(f" ({kind} no match)")
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
    if tags := visible(main.locator('[data-testid="stMultiSelect"] input')):
        tags[0].click()  # one option chosen: its tag with a remove button, and "clear all"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        expect_count(main.locator('[data-testid="stMultiSelect"] [data-tag]').first, 1)
        wait_idle(page)
        audit.collect(" (multiselect with a choice)")
    if calendars := visible(main.locator('[data-testid="stDateInputCalendarButton"]')):
        calendars[0].click()
        audit.collect(" (calendar)")
        quick = page.locator('[data-testid="stDateInputQuickSelect"] button')
        if quick.count():
            quick.first.click()
            audit.collect(" (calendar quick select)")
            page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    if popovers := visible(main.locator('[data-testid="stPopover"] button')):
        popovers[0].click()
        audit.collect(" (popover open)")
        page.keyboard.press("Escape")
    if eyes := visible(main.locator('[data-testid="stTextInputRootElement"] button')):
        eyes[0].click()
        audit.collect(" (password shown)")


def upload(page, folder: Path) -> None:
    """Choose a (wrong) file in the uploader: its row shows the name, the size and a remove button."""
    csv = folder / "bukan-survei.csv"
    csv.write_text("a;b\n1;2\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(csv))
    expect_count(page.locator('[data-testid="stFileChip"]'), 1)
    wait_idle(page)


def open_page(server, path: str, login: bool = True, record_toast: bool = False):
    url, browser, _ids = server
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
    if record_toast:
        page.add_init_script(TOAST_RECORDER)
    if login:
        goto_logged_in(page, f"{url}/{path}")
    else:
        page.goto(f"{url}/{path}")
    wait_idle(page)
    page.wait_for_function(ACTIVE, timeout=30_000)
    return page


@pytest.mark.parametrize("level", ["kel", "kota"])
def test_no_english_on_any_page(server, level, tmp_path):
    _url, _browser, ids = server
    audits: list[Audit] = []
    for name in PAGES:
        page = open_page(server, f"{name}?unit={ids[level]}&periode={SEED_PERIOD.code}")
        audit = Audit(page, f"{name} ({level})")
        reveal(audit)
        if name == PAGES[0]:
            page.locator('[data-testid="stSidebarCollapseButton"] button').click(force=True)
            expect_count(page.locator('[data-testid="stExpandSidebarButton"]'), 1)
            audit.collect(" (sidebar collapsed)")
        if name == "unggah":
            upload(page, tmp_path)
            audit.collect(" (a file chosen)")
        audits.append(audit)
        page.close()
    # A link to a unit that does not exist: the sidebar says so in a toast.
    page = open_page(server, f"ringkasan?unit=999999&periode={SEED_PERIOD.code}", record_toast=True)
    audit = Audit(page, "toast")
    page.wait_for_function("window.__skmToast.length > 2", timeout=30_000)
    audit.collect()
    for text in page.evaluate("window.__skmToast"):
        audit.seen.setdefault(("toast", text), "toast: [stToastContainer]")
    audits.append(audit)
    page.close()
    chrome = {"Tambah", "Kurangi", "Tutup bilah samping", "Buka bilah samping", "Bilah samping", "Tautan ke judul ini"}
    chrome |= {"Layar penuh", "Buka pilihan", "Tidak ada hasil", "Lewati ke isi halaman", "Bantuan: Responden"}
    if level == "kel":
        chrome |= {"Pilih rentang tanggal", "Bulan sebelumnya", "Sebulan terakhir", "Tampilkan kata sandi"}
        chrome |= {"Hapus bukan-survei.csv", "bukan-survei.csv, 8,0 B", "8,0 B", "Tambah file"}
    chrome |= {"Pemberitahuan", "Tutup"}  # the toast's container and its close button
    if level == "kel":  # Log Audit's "Tindakan" with one choice
        chrome |= {"Kosongkan semua", "Nilai terpilih"}
    assert_indonesian(audits, labels=150, texts=800, chrome=chrome)


def test_no_english_on_the_public_pages(server):
    _url, _browser, ids = server
    audits = []
    for path in (f"?isi={ids['isi']}", f"?hasil={ids['hasil']}"):
        page = open_page(server, path, login=False)
        audit = Audit(page, path.split("=")[0])
        reveal(audit)
        if fields := visible(page.locator('[data-testid="stNumberInputField"]')):
            fields[0].fill("40")  # an empty number input's step buttons are disabled
            fields[0].press("Enter")
            wait_idle(page)
            page.locator('[data-testid="stNumberInputStepUp"]').first.click()
            wait_idle(page)  # the step buttons keep their Indonesian label after the rerun
            audit.collect(" (after a step)")
        audits.append(audit)
        page.close()
    chrome = {"Tambah", "Kurangi", "Kosongkan pilihan", "Pilih tanggal", "Bulan berikutnya"}
    chrome.add("Layar penuh: Infografis SKM Cipinang Melayu, Semester I 2024")  # the image toolbar
    assert_indonesian(audits, labels=15, texts=100, chrome=chrome)


def assert_indonesian(audits: list[Audit], labels: int, texts: int, chrome: set[str]) -> None:
    """No English anywhere, and the audit saw enough to mean it: at least so many distinct labels
    (attributes) and texts, and Streamlit's own chrome among them, in Indonesian."""
    found = [line for audit in audits for line in audit.english()]
    assert not found, "English left:\n" + "\n".join(found)
    seen_labels = {text for audit in audits for (kind, text) in audit.seen if kind != "text"}
    seen_texts = {text for audit in audits for (_kind, text) in audit.seen}
    assert len(seen_labels) >= labels and len(seen_texts) >= texts, (len(seen_labels), len(seen_texts))
    assert chrome <= seen_labels | seen_texts, chrome - seen_labels - seen_texts


def tooltip(page, target) -> str:
    target.hover()
    tip = page.locator('[data-testid="stTooltipContent"]:visible')
    expect_count(tip, 1, timeout=10_000)
    return tip.inner_text().strip()


def test_rewritten_labels_and_tooltips_seen(server):
    """The rewritten labels where a mouse or a screen reader meets them, with screenshots."""
    _url, _browser, ids = server
    page = open_page(server, f"unggah?unit={ids['kel']}&periode={SEED_PERIOD.code}")
    main = page.locator('[data-testid="stMain"]')
    main.locator('[data-testid="stNumberInputStepUp"][aria-label="Tambah"]').first.wait_for()
    main.locator('[data-testid="stNumberInputStepDown"][aria-label="Kurangi"]').first.wait_for()
    help_icon = main.locator('[data-testid="stTooltipIcon"] [aria-label^="Bantuan: "]').first
    assert help_icon.get_attribute("aria-label") == "Bantuan: Pilih file CSV atau Excel"
    help_icon.evaluate("(e) => e.scrollIntoView({block: 'center'})")
    tooltip(page, help_icon)
    page.screenshot(path=str(SHOTS / "english-help-tooltip-1366.png"))

    page.locator('[data-testid="stSidebar"]').hover()  # the collapse button shows while over the sidebar
    assert page.locator('[data-testid="stSidebarCollapseButton"] button').get_attribute("aria-label") == (
        "Tutup bilah samping"
    )
    page.close()

    page = open_page(server, f"tren?unit={ids['kel']}&periode={SEED_PERIOD.code}")  # Tren's line chart (plotly)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stHeaderActionElements"] a').first.get_attribute("aria-label") == (
        "Tautan ke judul ini"
    )
    assert page.evaluate(RESTLESS) == 0  # the frame's observer rests
    chart = visible(main.locator('[data-testid="stPlotlyChart"]'))[0]
    chart.hover()
    full = chart.locator('.modebar-btn[data-title="Layar penuh"]')
    expect_count(full, 1)
    full.hover()
    page.screenshot(path=str(SHOTS / "english-modebar-fullscreen-1366.png"))
    page.close()

    page = open_page(server, f"audit?unit={ids['kel']}&periode={SEED_PERIOD.code}")
    page.locator('[data-testid="stDateInputCalendarButton"]').first.click()
    expect_count(page.locator('[data-testid="stDateInputCalendar"] [aria-label="Bulan sebelumnya"]'), 1)
    page.locator('[data-testid="stDateInputQuickSelect"] button').first.click()
    expect_count(page.get_by_text("Seminggu terakhir", exact=True), 1)
    page.screenshot(path=str(SHOTS / "english-calendar-1366.png"))
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.locator('[data-testid="stMultiSelect"] input').first.click()
    page.keyboard.type("zzzq")
    expect_count(page.locator('[data-testid="stMultiSelectDropdown"]').get_by_text("Tidak ada hasil"), 1)
    page.screenshot(path=str(SHOTS / "english-no-results-1366.png"))
    page.close()
