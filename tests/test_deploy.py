"""deploy/ for real: Debian's caddy with deploy/Caddyfile (plain http on a free loopback port,
`auto_https off`, `admin off`) in front of a real `streamlit run` configured as deploy/skm.service
configures it. Checks the security headers, that /_stcore/metrics is blocked, that the app works
in Chromium through the proxy under its Content-Security-Policy (websocket included), and that
the questionnaire's rate limit counts the client Caddy saw, not the X-Forwarded-For it sent."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from skm import kuesioner
from skm.demo import ensure_demo
from skm.storage import Store
from skm.unsur import CODES
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    ensure_account,
    expect_count,
    free_port,
    goto_logged_in,
    require_browser,
    streamlit_server,
    wait_idle,
)
from ui.chrome import GRID_TEXTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
CADDY = os.environ.get("SKM_CADDY", "/usr/bin/caddy")
SHOTS = Path(os.environ.get("SKM_SCREENSHOTS", ROOT / "build" / "screenshots"))
DEPLOY = ROOT / "deploy"
TEST_GLOBALS = "{\n\tauto_https off\n\tadmin off\n}\n"
UNIT = "Jakarta Timur/Makasar/Kelurahan Uji Proksi"


def require_caddy() -> None:
    if not Path(CADDY).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CADDY} is missing on CI: scripts/test should have installed it")
        pytest.skip(f"{CADDY} not installed (apt-get install caddy)")


def loopback_caddyfile() -> str:
    """deploy/Caddyfile with its global options block swapped for plain-http test ones; the
    site address and upstream come from the same {$SKM_DOMAIN} / {$SKM_UPSTREAM} it reads."""
    text = (DEPLOY / "Caddyfile").read_text()
    swapped, n = re.subn(r"^\{\n.*?^\}\n", TEST_GLOBALS, text, count=1, flags=re.DOTALL | re.MULTILINE)
    assert n == 1, "deploy/Caddyfile has no global options block"
    return swapped


@contextmanager
def caddy(upstream: str, workdir: Path) -> Iterator[str]:
    port = free_port()
    config = workdir / "Caddyfile"
    config.write_text(loopback_caddyfile())
    env = {
        **os.environ,
        "SKM_DOMAIN": f"http://127.0.0.1:{port}",
        "SKM_UPSTREAM": upstream,
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
    }
    log = open(workdir / "caddy.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [CADDY, "run", "--adapter", "caddyfile", "--config", str(config)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("caddy did not start:\n" + (workdir / "caddy.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as r:
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), e.read()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """(proxy url, direct streamlit url, questionnaire token, db) with the app set up as
    deploy/skm.service sets it up."""
    require_caddy()
    require_browser()
    tmp = tmp_path_factory.mktemp("deploy")
    db = tmp / "skm.duckdb"
    store = Store(db)
    ensure_demo(store)
    unit = store.ensure_unit_path(UNIT)[0]
    kuesioner.ensure_layanan(store, unit.id, "Layanan Uji")
    kuesioner.set_open(store, unit.id, kuesioner.period_of(date.today()), True)
    token = kuesioner.link_token(store, unit.id)
    store.close()
    ensure_account(db)
    env = {
        "SKM_TRUSTED_PROXIES": "127.0.0.1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "SKM_KUESIONER_SESSION_SECONDS": "0",  # only the per-client limit is under test
        "SKM_PUBLIC_URL": "https://skm.example.go.id",
    }
    with streamlit_server(db, env) as direct:
        upstream = urlsplit(direct).netloc
        with caddy(upstream, tmp) as proxy:
            yield proxy, direct, token, db


def test_deploy_caddyfile_is_valid_for_a_real_domain():
    require_caddy()
    env = {**os.environ, "SKM_DOMAIN": "skm.example.go.id", "SKM_ACME_EMAIL": "admin@example.go.id"}
    run = subprocess.run(
        [CADDY, "adapt", "--adapter", "caddyfile", "--config", str(DEPLOY / "Caddyfile"), "--validate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert '"skm.example.go.id"' in run.stdout  # the domain Caddy gets a certificate for


def test_security_headers_on_every_page(stack):
    proxy, _, _, _ = stack
    for path in ("/", "/ringkasan", "/_stcore/health"):
        status, headers, _ = get(proxy + path)
        assert status == 200, path
        assert headers["X-Frame-Options"] == "DENY"
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "'unsafe-eval'" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Server" not in headers
    # The app's own frame (ui/texts: the data grid's texts in Indonesian) may be framed by the site
    # itself, and by nobody else; no inline script either.
    # (Caddy sets these whatever the app answers; the frame itself is there once a session has run.)
    status, headers, _ = get(f"{proxy}/component/ui.chrome.skm_texts/index.html")
    assert status in (200, 404)
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "script-src 'self';" in csp
    assert headers["X-Content-Type-Options"] == "nosniff" and "Server" not in headers


def inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts in the installed Streamlit's index.html."""
    import streamlit

    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in bodies]


def test_csp_allows_exactly_streamlits_inline_scripts():
    """A Streamlit upgrade that changes its inline script must change deploy/Caddyfile too."""
    text = (DEPLOY / "Caddyfile").read_text()
    allowed = re.findall(r"'sha256-[^']+'", text)
    assert sorted(allowed) == sorted(inline_script_hashes())


def test_metrics_are_blocked_through_the_proxy(stack):
    proxy, direct, _, _ = stack
    status, _, body = get(direct + "/_stcore/metrics")
    assert status == 200 and body  # Streamlit itself serves them: the proxy has to block them
    for path in (
        "/_stcore/metrics",
        "/_stcore/metrics?x=1",
        "/_stcore/metrics/",
        "/_stcore/Metrics",
        "//_stcore/metrics",
    ):
        status, _, body = get(proxy + path)
        assert status in (403, 404), (path, status)
        assert b"session" not in body.lower(), path


def fill_and_send(page, token: str, proxy: str) -> str:
    """Open the form through the proxy in a fresh page, answer everything, send; the reply."""
    page.goto(f"{proxy}/?isi={token}")
    radios = page.locator('[data-testid="stRadio"]')
    expect_count(radios, 4 + len(CODES))
    expect_count(page.locator('[data-testid="stNumberInput"] input'), 1)
    wait_idle(page, settle=0.3)
    radios.nth(0).get_by_text("Perempuan", exact=True).click()
    usia = page.locator('[data-testid="stNumberInput"] input')
    usia.fill("33")
    usia.press("Tab")
    radios.nth(1).get_by_text("SMP", exact=True).click()
    radios.nth(2).get_by_text("Swasta", exact=True).click()
    radios.nth(3).get_by_text("Layanan Uji", exact=True).click()
    for i, code in enumerate(CODES):
        radios.nth(4 + i).get_by_text(kuesioner.ANSWERS[code][3], exact=True).click()
    page.get_by_role("button", name="Kirim jawaban").click()
    done = page.get_by_role("button", name="Isi lagi")
    refused = page.locator('[data-testid="stAlertContentError"]')
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if done.count():
            return "diterima"
        if refused.count():
            return refused.first.inner_text()
        page.wait_for_timeout(200)
    raise AssertionError("no answer to Kirim jawaban")


def test_app_works_through_the_proxy_under_its_csp(stack):
    """Chromium through Caddy: the public form, Ringkasan and Tren's chart draw completely
    (the websocket and every script load under the CSP); the browser reports no CSP violation."""
    proxy, _, token, _ = stack
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="id-ID")
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        page.on("pageerror", lambda e: console.append(str(e)))
        page.goto(f"{proxy}/?isi={token}")
        expect_count(page.locator('[data-testid="stRadio"]'), 4 + len(CODES))
        goto_logged_in(page, f"{proxy}/ringkasan")
        expect_count(page.locator('[data-testid="stMetric"]'), 4)
        page.locator(".skm-heat").first.wait_for(timeout=60_000)
        wait_idle(page)
        page.screenshot(path=str(SHOTS / "proksi_ringkasan.png"), full_page=True)
        # ui/texts runs under the CSP: its frame has put the dictionary to work in the page, and
        # loaded the chart code while Ringkasan (no plotly chart) rested (ui/texts/warm.js).
        page.wait_for_function(f"document.documentElement.dataset.skmTexts === '{len(GRID_TEXTS)}'")
        page.wait_for_function(
            r"""() => performance.getEntriesByType('resource')
              .some((e) => /\/static\/js\/PlotlyChart\.[\w-]+\.js$/.test(e.name))""",
            timeout=30_000,
        )
        goto_logged_in(page, f"{proxy}/tren")
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
        wait_idle(page)
        status, headers, _ = get(f"{proxy}/component/ui.chrome.skm_texts/index.html")
        assert status == 200 and headers["X-Frame-Options"] == "SAMEORIGIN"
        # Presentasi measures the window with a component frame of the app's own (ui/viewport): no
        # blob: module for the CSP to refuse (st.components.v2's inline JavaScript was one).
        goto_logged_in(page, f"{proxy}/presentasi")
        expect_count(page.locator(".skm-slide-title"), 1)
        page.locator('iframe[src*="skm_viewport"]').wait_for(state="attached", timeout=60_000)
        wait_idle(page)
        browser.close()
    violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, "\n".join(violations)


def send_six_spoofed(url: str, token: str, first: int) -> list[str]:
    """Six answers, each from a new page (a new session) claiming another X-Forwarded-For."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        replies = []
        for i in range(6):
            context = browser.new_context(
                viewport={"width": 420, "height": 1000},
                locale="id-ID",
                extra_http_headers={"X-Forwarded-For": f"203.0.113.{first + i}"},
            )
            replies.append(fill_and_send(context.new_page(), token, url))
            context.close()
        browser.close()
    return replies


def test_rate_limit_counts_the_client_the_proxy_saw_not_its_spoofed_header(stack):
    """Through Caddy the header a client sends is replaced, so the six are one client and the
    sixth is refused (5 per 10 minutes). Control: sent straight to the app from the proxy's own
    address, the same header is believed (that is what a trusted proxy's header is for), so six
    claimed addresses are six clients: the check above can fail."""
    proxy, direct, token, _ = stack
    replies = send_six_spoofed(proxy, token, 10)
    assert replies[:5] == ["diterima"] * 5, replies
    assert "terlalu banyak jawaban" in replies[5].lower(), replies[5]
    assert send_six_spoofed(direct, token, 100) == ["diterima"] * 6


def unit_settings(name: str) -> dict[str, list[str]]:
    """key → values of a systemd unit file in deploy/ (Environment= split into its assignments)."""
    out: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key, []).append(value)
    return out


def test_systemd_units_match_the_proxy_and_pass_systemd_analyze(tmp_path):
    app = unit_settings("skm.service")
    env = dict(e.split("=", 1) for e in app["Environment"])
    assert env["SKM_TRUSTED_PROXIES"] == env["FORWARDED_ALLOW_IPS"] == "127.0.0.1"  # Caddy on this machine
    assert env["SKM_PUBLIC_URL"].startswith("https://")
    assert Path(env["SKM_DB"]).parent.as_posix() in app["ReadWritePaths"]
    upstream = re.search(r"\{\$SKM_UPSTREAM:([\d.]+):(\d+)\}", (DEPLOY / "Caddyfile").read_text())
    assert upstream is not None
    start = app["ExecStart"][0]
    assert f"--server.address {upstream.group(1)}" in start and f"--server.port {upstream.group(2)}" in start
    assert app["User"] == ["skm"] and app["Restart"] == ["on-failure"] and app["NoNewPrivileges"] == ["yes"]
    assert app["ProtectSystem"] == ["strict"]
    backup = unit_settings("skm-backup.service")
    assert any("python -m skm backup" in line for line in backup["ExecStart"])
    assert unit_settings("skm-backup.timer")["OnCalendar"]
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze not installed")
    for name in ("skm.service", "skm-backup.service", "skm-backup.timer"):  # the app is not in /opt/skm here
        text = re.sub(r"/opt/skm/\.venv/bin/\w+", "/bin/true", (DEPLOY / name).read_text())
        (tmp_path / name).write_text(text)
    names = [str(tmp_path / n) for n in ("skm.service", "skm-backup.service", "skm-backup.timer")]
    run = subprocess.run(["systemd-analyze", "verify", "--man=no", *names], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr
