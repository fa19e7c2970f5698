"""Hostile text through the whole app, and the server's own protections.

Units, layanan, saran, profile answers, file names, RTL rows and letter settings hold
`<script>`, `<img onerror>`, `"><svg onload>` and Markdown (`**x**`, `[link](javascript:…)`,
`:red[…]`, `$…$`); every page is opened in Chromium and must show them as the literal text,
build no element from them and open no dialog. Exported XLSX cells never start a formula.
The running server keeps XSRF protection on, refuses uploads over `server.maxUploadSize`,
and an internal error reaches the browser without a traceback.
"""

from __future__ import annotations

import http.client
import io
import re
import time
import tomllib
import urllib.request
import zipfile
from datetime import date
from urllib.parse import urlsplit
from xml.etree import ElementTree

import duckdb
import pytest

from skm.report.data import report_data
from skm.report.xlsx import build_xlsx
from skm.storage import Store
from skm.template import template_xlsx
from skm.units import Period
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    confirm_unusual_period,
    ensure_account,
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)
from tests.hostile.database import (
    FORMULA_START,
    FORMULAS,
    HEADER,
    IMG,
    KECAMATAN,
    KEL_A,
    KEL_B,
    KEL_C,
    KOTA,
    MD_BOLD,
    MD_LINK,
    P1,
    P2,
    PAGES,
    SCRIPT,
    SVG,
    build_db,
    csv_bytes,
)

pytestmark = pytest.mark.browser  # the pages are opened in Chromium

playwright_api = pytest.importorskip("playwright.sync_api")

# ---------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    require_browser()
    db = tmp_path_factory.mktemp("hostile") / "skm.duckdb"
    ids = build_db(db)
    ensure_account(db)
    with streamlit_server(db) as url:
        yield url, ids, db


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page whose dialogs (alert, confirm, prompt) and script errors are recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1440, "height": 2000}, locale="id-ID")
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.context.close()
    assert not w.dialogs, w.dialogs
    assert not w.errors, w.errors


MARKDOWN = ('[data-testid="stMarkdownContainer"]', '[data-testid="stCaptionContainer"]')


def markdown_text(page) -> str:
    """The text of everything Streamlit drew through its Markdown renderer (markdown, captions,
    alerts, labels, st.table cells): where hostile text would turn into formatting. Without the
    invisible word joiners ui.components.md puts into bare URLs and e-mail addresses."""
    texts = (t for sel in MARKDOWN for t in page.locator(sel).all_inner_texts())
    return "\n".join(texts).replace("\u2060", "")


def assert_nothing_injected(page) -> None:
    """No element was built from hostile text, no Markdown formatting came from it, no traceback."""
    main = page.locator('[data-testid="stApp"]')
    assert main.locator("img[src='x']").count() == 0
    assert main.locator("svg[onload], [onerror], [onload]").count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert main.locator("a[href^='javascript']").count() == 0
    for md in MARKDOWN:
        assert main.locator(f"{md} a", has_text=re.compile(r"^(link|klik)$")).count() == 0, md
        assert main.locator(f"{md} strong", has_text=re.compile(r"^(x|tebal)$")).count() == 0, md
        assert main.locator(f"{md} em", has_text="miring").count() == 0, md
        assert main.locator(f"{md} .katex, {md} .stMarkdownColoredText").count() == 0, md
    text = main.inner_text()
    assert "Traceback" not in text
    assert page.locator('[data-testid="stException"]').count() == 0


def open_page(w: Watched, url: str, name: str, unit_id: int, period: Period = P1) -> str:
    goto_logged_in(w.page, f"{url}/{name}?unit={unit_id}&periode={period.code}")
    # The very first request after a start can run the page outside app.py's router for a moment
    # (ui.auth.ensure_router sends it back): wait for the router's navigation.
    w.page.locator(".st-key-skm_menu a").first.wait_for(timeout=60_000)
    wait_idle(w.page, settle=1.0)
    assert_nothing_injected(w.page)
    return markdown_text(w.page)


# ---------------------------------------------------------------------------------------- pages

PATH_A = f"{KOTA} › Kec. {KECAMATAN} › Kel. {KEL_A}"  # each level named (skm.labels.level_name)
PATH_B = f"{KOTA} › Kec. {KECAMATAN} › Kel. {KEL_B}"
PATH_KEC = f"{KOTA} › Kec. {KECAMATAN}"

# What each page must show literally (in Markdown-rendered text) for kelurahan A, 2024-S1.
SHOWN_A = {
    "ringkasan": [PATH_A, f"Layanan terendah: {SCRIPT}"],
    "perbandingan": [PATH_A, KEL_A],
    "tren": [PATH_A],
    "responden": [PATH_A],
    "unggah": [PATH_A, f"Kelurahan {KEL_A}"],
    "rtl": [PATH_A, SCRIPT, IMG, MD_LINK, FORMULAS[0], f"Layanan terendah: {SCRIPT}", f"{KEL_A}"],
    "laporan": [PATH_A, f"kepada {IMG}", f"Layanan terendah: {SCRIPT}"],
    "presentasi": [],  # st.html, escaped: checked slide by slide below
}
SHOWN_KEC = {
    "ringkasan": [PATH_KEC, f"Unit terendah: Kel. {KEL_B}"],
    "perbandingan": [PATH_KEC, f"IKM Kec. {KECAMATAN}", KEL_C],
    "tren": [PATH_KEC],
    "responden": [PATH_KEC],
    "unggah": [f"Kelurahan di Kecamatan {KECAMATAN}"],
    "rtl": [PATH_KEC, KEL_B, KEL_C],
    "laporan": [PATH_KEC, f"Kecamatan {KECAMATAN}"],
    "presentasi": [],
}


@pytest.mark.parametrize("name", PAGES)
def test_kelurahan_pages_show_hostile_text_as_text(hostile, watched, name):
    url, ids, _ = hostile
    text = open_page(watched, url, name, ids["a"])
    for literal in SHOWN_A[name]:
        assert literal in text, (name, literal)


@pytest.mark.parametrize("name", PAGES)
def test_kecamatan_pages_show_hostile_text_as_text(hostile, watched, name):
    url, ids, _ = hostile
    text = open_page(watched, url, name, ids["kecamatan"])
    for literal in SHOWN_KEC[name]:
        assert literal in text, (name, literal)


def test_markdown_unit_name_stays_literal(hostile, watched):
    url, ids, _ = hostile
    for name in ("ringkasan", "tren", "responden", "rtl"):
        text = open_page(watched, url, name, ids["b"])
        assert PATH_B in text, name
    # No RTL yet: the proposal is picked with a radio, whose options are Markdown too.
    assert f"Tiga unsur terendah Kel. {KEL_B}" in text and f"Unsur terendah layanan {SCRIPT}" in text


def test_presentasi_slides_show_hostile_text_as_text(hostile, watched):
    url, ids, _ = hostile
    page = watched.page
    open_page(watched, url, "presentasi", ids["a"])
    seen = []
    for _ in range(10):
        body = page.locator('[data-testid="stMain"]').inner_text()
        seen.append(body)
        following = page.get_by_role("button", name="Berikutnya ▶")
        if following.is_disabled():
            break
        following.click()
        wait_idle(page, settle=0.8)
        assert_nothing_injected(page)
    everything = "\n".join(seen)
    assert KEL_A in everything  # the slide titles, st.html with html.escape
    assert f"terendah: {SCRIPT}" in everything
    assert SCRIPT in markdown_text(page) and MD_BOLD in markdown_text(page)  # the RTL slide (the last)


def test_saran_search_shows_the_typed_text_as_text(hostile, watched):
    url, ids, _ = hostile
    page = watched.page
    open_page(watched, url, "responden", ids["a"])
    for term in (IMG, "**x**", "javascript:alert(1)"):
        box = page.get_by_label("Cari dalam saran")
        box.fill(term)
        box.press("Enter")
        wait_idle(page, settle=1.0)
        assert_nothing_injected(page)
        assert f"memuat “{term}”" in markdown_text(page), term


def test_upload_with_hostile_names_conflict_replace_and_undo(hostile, watched):
    """Through the real uploader: a hostile file name and layanan, the conflict message, the
    replace, and the undo confirmation all show the names as text."""
    url, ids, _ = hostile
    page = watched.page
    open_page(watched, url, "unggah", ids["b"])
    name = f"{MD_BOLD} {IMG}.csv"  # no '"': browsers send it as %22 in a multipart file name
    data = csv_bytes({SCRIPT: [4, 4, 1], MD_BOLD: [1, 2]}, [IMG])
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    page.get_by_role("button", name="Simpan ke basis data").wait_for(timeout=60_000)
    wait_idle(page, settle=1.0)
    confirm_unusual_period(page)  # the hostile data sit in 2024: more than a year back
    assert_nothing_injected(page)
    page.get_by_role("button", name="Simpan ke basis data").click()
    page.get_by_role("button", name="Ganti data lama").wait_for(timeout=60_000)
    wait_idle(page, settle=0.5)
    assert_nothing_injected(page)
    text = markdown_text(page)
    assert f"{SCRIPT} (file '{SVG}.csv'" in text and MD_BOLD in text
    page.get_by_role("button", name="Ganti data lama").click()
    page.get_by_text("baris diimpor").wait_for(timeout=60_000)
    wait_idle(page, settle=0.5)
    assert_nothing_injected(page)
    text = markdown_text(page)
    assert f"Tersimpan — Kel. {KEL_B}, Kec. {KECAMATAN}, {P1.label}." in text  # the target as typed, with levels
    assert f"Menggantikan data: {MD_BOLD} (file '{SVG}.csv'); {SCRIPT} (file '{SVG}.csv')." in text
    page.get_by_role("button", name="Batalkan impor…").click()
    page.get_by_role("button", name=re.compile(r"Ya, batalkan impor #\d+")).wait_for(timeout=60_000)
    wait_idle(page, settle=0.5)
    assert_nothing_injected(page)
    text = markdown_text(page)
    assert f"({name}, {P1.label}, 5 baris; layanan: {MD_BOLD}, {SCRIPT})" in text, text[text.find("Yakin") :]
    page.get_by_role("button", name="Tidak jadi").click()
    wait_idle(page, settle=0.5)


# ---------------------------------------------------------------------------------------- exports


def sheet_cells(xlsx: bytes) -> list[tuple[str, str, str, bool]]:
    """(sheet, cell, text, quote-prefixed) of every cell; formula cells come back as text '<formula>'."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    out = []
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")) for si in root.findall("m:si", ns)]
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        xfs = styles.find("m:cellXfs", ns)
        quoted = [xf.get("quotePrefix") == "1" for xf in (xfs if xfs is not None else [])]
        for sheet in sorted(n for n in names if n.startswith("xl/worksheets/sheet")):
            root = ElementTree.fromstring(z.read(sheet))
            for c in root.iter(f"{{{ns['m']}}}c"):
                style = int(c.get("s", "0"))
                prefixed = quoted[style] if style < len(quoted) else False
                if c.find("m:f", ns) is not None:
                    out.append((sheet, c.get("r", ""), "<formula>", prefixed))
                    continue
                v = c.find("m:v", ns)
                if c.get("t") == "s" and v is not None:
                    out.append((sheet, c.get("r", ""), shared[int(v.text or 0)], prefixed))
                elif c.get("t") in ("inlineStr", "str"):
                    out.append(
                        (sheet, c.get("r", ""), "".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t")), prefixed)
                    )
    return out


def unsafe_cells(xlsx: bytes) -> list[tuple[str, str, str]]:
    return [
        (sheet, ref, text)
        for sheet, ref, text, prefixed in sheet_cells(xlsx)
        if text == "<formula>" or (text.startswith(FORMULA_START) and not prefixed)
    ]


def test_report_xlsx_has_no_formula_and_quotes_every_risky_text(tmp_path):
    db = tmp_path / "skm.duckdb"
    ids = build_db(db)
    store = Store(db)
    try:
        unit = store.unit(ids["a"])
        xlsx = build_xlsx(report_data(store, unit, P1, today=date(2025, 1, 10)))
    finally:
        store.close()
    cells = sheet_cells(xlsx)
    texts = {text for _, _, text, _ in cells}
    for hostile_text in (SCRIPT, IMG, MD_LINK, *FORMULAS[:4]):
        assert hostile_text in texts or any(hostile_text in t for t in texts), hostile_text
    assert unsafe_cells(xlsx) == []
    risky = [text for _, _, text, prefixed in cells if text.startswith(FORMULA_START)]
    assert len(risky) >= 4  # the RTL programs, hambatan, deskripsi above really were risky


def test_template_xlsx_has_no_formula_and_no_risky_text():
    assert unsafe_cells(template_xlsx()) == []


def test_dataframe_csv_download_cannot_carry_formulas():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config.get("client", {}).get("disableDataExport") is True


# ---------------------------------------------------------------------------------------- server


def test_config_keeps_xsrf_on_limits_uploads_and_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert isinstance(config["server"]["maxUploadSize"], int) and 0 < config["server"]["maxUploadSize"] <= 50
    assert config["client"]["showErrorDetails"] in (False, "none")
    # Nothing on the command line of the server overrides them (tests/browser.py, scripts/run).
    for launcher in (ROOT / "tests" / "browser.py", ROOT / "scripts" / "run"):
        text = launcher.read_text()
        assert "enableXsrfProtection" not in text and "maxUploadSize" not in text, launcher
        assert "showErrorDetails" not in text, launcher


# Text the app's CSS puts on the uploader (ui/chrome.py: Streamlit's English replaced by ::after).
CSS_TEXT = """() => [...document.querySelectorAll('[data-testid="stFileUploader"] *')]
    .map(e => getComputedStyle(e, '::after').content)
    .filter(c => c && c !== 'none' && c !== 'normal')
    .join(' ')"""


def _upload_url(w: Watched, url: str, unit_id: int) -> tuple[str, str]:
    """The upload endpoint of a live session (upload a small file and note where it went), and
    what the uploader said before."""
    seen: list[str] = []
    w.page.on("request", lambda r: seen.append(r.url) if "/_stcore/upload_file/" in r.url else None)
    goto_logged_in(w.page, f"{url}/unggah?unit={unit_id}&periode={P2.code}")
    wait_idle(w.page)
    before = w.page.locator('[data-testid="stFileUploader"]').inner_text() + " " + w.page.evaluate(CSS_TEXT)
    w.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "kecil.csv", "mimeType": "text/csv", "buffer": csv_bytes({"Loket": [4]}, [])}]
    )
    deadline = time.monotonic() + 30
    while not seen and time.monotonic() < deadline:
        w.page.wait_for_timeout(200)
    assert seen, "the uploader sent nothing"
    return seen[0], before


def _put(url: str, headers: dict[str, str], body: bytes = b"") -> int:
    parts = urlsplit(url)
    con = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        con.putrequest("PUT", parts.path)
        for k, v in headers.items():
            con.putheader(k, v)
        con.endheaders()
        if body:
            con.send(body)
        return con.getresponse().status
    finally:
        con.close()


def test_running_server_keeps_xsrf_protection(hostile, watched):
    url, ids, _ = hostile
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as r:
        cookies = r.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("_streamlit_xsrf=") for c in cookies), cookies  # only set when XSRF is on
    upload, _ = _upload_url(watched, url, ids["b"])
    boundary = "skmtest"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\nJenis Layanan;U1\r\n--{boundary}--\r\n"
    ).encode()
    form = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(len(body))}
    assert _put(upload, form, body) == 403  # no cookie, no token: a cross-site page cannot upload
    token = next(c["value"] for c in watched.context.cookies() if c["name"] == "_streamlit_xsrf")
    assert _put(upload, {**form, "Cookie": f"_streamlit_xsrf={token}"}, body) == 403  # cookie alone
    assert _put(upload, {**form, "X-Xsrftoken": token}, body) == 403  # token alone
    assert _put(upload, {**form, "Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": token}, body) == 204


def test_uploads_over_the_limit_are_refused(hostile, watched, tmp_path):
    url, ids, _ = hostile
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    upload, shown = _upload_url(watched, url, ids["b"])
    assert re.search(rf"\b{limit}\s?MB per file", shown), shown  # the uploader tells the limit
    uploader = watched.page.locator('[data-testid="stFileUploader"]')
    token = next(c["value"] for c in watched.context.cookies() if c["name"] == "_streamlit_xsrf")
    auth = {"Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": token}
    size = (limit + 1) * 1024 * 1024
    headers = {**auth, "Content-Type": "multipart/form-data; boundary=skmtest", "Content-Length": str(size)}
    assert _put(upload, headers) == 413  # refused from the declared size, before reading the body
    # The uploader refuses a file over the limit itself: nothing is sent, the page says why.
    big = tmp_path / "besar.csv"
    with big.open("wb") as f:
        f.write(HEADER.encode() + b"\n")
        f.truncate(size)
    watched.page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
    watched.page.wait_for_timeout(1500)
    assert re.search(rf"{limit}(\.0)?\s?MB", uploader.inner_text()), uploader.inner_text()
    assert "besar.csv" not in markdown_text(watched.page)


def test_odd_links_show_no_traceback(hostile, watched):
    url, ids, _ = hostile
    odd = ("unit=abc&periode=zzzz", "unit=999999&periode=2024-S9", "periode=%00%FF", "unit=-1&periode=-")
    for query, name in zip(odd, ("ringkasan", "responden", "laporan", "perbandingan"), strict=True):
        goto_logged_in(watched.page, f"{url}/{name}?{query}")
        wait_idle(watched.page, settle=0.5)
        assert_nothing_injected(watched.page)


def test_internal_error_reaches_the_browser_without_a_traceback(tmp_path, browser):
    """The store refuses to open (a database from a newer app version): Streamlit shows that the
    app failed, without the exception's text, file names or traceback."""
    db = tmp_path / "skm.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    w = Watched(browser)
    try:
        with streamlit_server(db) as url:
            w.page.goto(f"{url}/ringkasan")
            w.page.locator('[data-testid="stException"]').first.wait_for(timeout=60_000)
            wait_idle(w.page, settle=0.5)
            text = w.page.locator('[data-testid="stApp"]').inner_text()
        assert "Traceback" not in text and str(tmp_path) not in text and "storage.py" not in text
        assert "StoreError" not in text and "skema 999" not in text
        assert w.page.locator('[data-testid="stExceptionTraceback"]').count() == 0
        assert not w.dialogs and not w.errors
    finally:
        w.context.close()
