"""A real `streamlit run` server and Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("SKM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def require_browser() -> None:
    """Skip on a developer machine without Chromium; CI installs it, so there it must exist."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run should have installed it")
        pytest.skip(f"{CHROMIUM} not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, env: dict[str, str] | None = None, script: Path = ROOT / "app.py") -> Iterator[str]:
    """`streamlit run` of the app (or another script: bench/pages.py's baseline) on db_path;
    its log goes to streamlit.log beside the database."""
    port = free_port()
    env = {**os.environ, "SKM_DB": str(db_path), **(env or {})}
    log = open(db_path.parent / "streamlit.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + (db_path.parent / "streamlit.log").read_text())
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_idle(page, settle: float = 1.0) -> None:
    """Wait until Streamlit has finished running the script and drawing charts."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    time.sleep(0.5)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        if not running:
            break
        time.sleep(0.3)
    # Charts and tables draw after the script has finished: wait until each one has.
    while time.monotonic() < deadline:
        # Only visible ones: a table in a closed tab or expander is never painted.
        charts = page.locator('[data-testid="stPlotlyChart"]:visible').count()
        drawn = page.locator('[data-testid="stPlotlyChart"]:visible .main-svg').count()
        tables = page.locator('[data-testid="stDataFrame"]:visible').count()
        painted = page.locator('[data-testid="stDataFrame"]:visible canvas').count()
        if drawn >= charts and painted >= tables:
            break
        time.sleep(0.3)
    time.sleep(settle)


def expect_count(locator, n: int, timeout: float = 60_000) -> None:
    """Wait until exactly n elements match: the widgets a step uses, not just the page's button
    (Streamlit draws placeholders and keeps stale elements while a rerun is still drawing)."""
    from playwright.sync_api import expect

    expect(locator).to_have_count(n, timeout=timeout)


def expect_text(locator, text: str, timeout: float = 60_000) -> None:
    """Wait until the element shows the text (a rerun may still be drawing the previous state)."""
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=timeout)


ADMIN = "admin.uji"
PASSWORD = "kata-sandi-uji-123"


def ensure_account(db_path: Path, name: str = ADMIN, role: str = "admin", unit_path: str | None = None) -> None:
    """The account in the database file, before the server opens it (one writer per file)."""
    from skm import accounts
    from skm.storage import Store

    store = Store(db_path)
    try:
        if store.user_row(name=name) is None:
            unit_id = store.find_unit(unit_path).id if unit_path else None
            accounts.create_user(store, name, PASSWORD, role, unit_id, actor="uji")
    finally:
        store.close()


def login(page, name: str = ADMIN, password: str = PASSWORD) -> None:
    """Fill the login form of the page now showing and wait until the app has drawn what follows."""
    page.wait_for_selector('[data-testid="stForm"]', timeout=60_000)
    wait_idle(page, settle=0.3)  # a link to a page first reruns through the router: wait for the form to settle
    page.get_by_label("Nama akun").fill(name)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector('[data-testid="stSidebar"] >> text=Masuk sebagai', timeout=60_000)
    wait_idle(page)


def goto_logged_in(page, url: str, name: str = ADMIN, password: str = PASSWORD) -> None:
    """Open a link in a new Streamlit session: the login page first, then the page the link named
    with its unit and period (every page.goto is a new session, so it asks for the login again)."""
    page.goto(url)
    login(page, name, password)


def confirm_unusual_period(page, timeout: float = 60_000) -> None:
    """Tick Unggah Data's "Ya, simpan ke …" when the period asks for it (more than a year back or
    not begun: skm.units.unusual_period), then wait until saving is allowed."""
    from playwright.sync_api import expect

    box = page.get_by_text("Ya, simpan ke ", exact=False)
    if box.count():
        box.first.click()
    expect(page.get_by_role("button", name="Simpan ke basis data")).to_be_enabled(timeout=timeout)
