"""Page speed as a user sees it: every dashboard page at kota, kecamatan and kelurahan level, from
the click (a page link in the navigation, or a unit picked in the sidebar) until the page is drawn
completely, next to a minimal Streamlit page with one plotly chart measured the same way in the
same browser run (ISSUE 15: within 1 s and within 3× that baseline).

    .venv/bin/python bench/pages.py               # 3 runs
    .venv/bin/python bench/pages.py --runs 5

The table goes to stdout and build/bench/pages.md; a goal not met says "TIDAK".

A real `streamlit run` of app.py on a temporary DuckDB file with the demo set (and an admin
account), and a second one of bench/baseline_page.py; headless Debian Chromium at 1366×768.

"Drawn" is found generically, so pages that change do not break it: a MutationObserver records the
time of every DOM change; a click counts as done when the URL names the page or unit, the server
has sent something since the click (a websocket message) and the script run is over (stApp's
data-test-script-state), Streamlit's running indicator (stStatusWidget) is gone, no element is
stale or a skeleton, every visible chart has its SVG and every visible table its canvas, and the
DOM has been quiet for QUIET_MS. The time is from the click to the last DOM change before that
quiet spell (not to when it was noticed).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from skm.demo import ensure_demo  # noqa: E402
from skm.storage import Store  # noqa: E402

# level: the unit's label in the sidebar picker (indented by em spaces per level). The session
# opens on the kota, so the first pick is the kecamatan: every pick changes the unit.
LEVELS = {
    "kecamatan": "\u2003Kec. Makasar",
    "kelurahan": "\u2003\u2003Kel. Halim Perdanakusuma",
    "kota": "Kota Jakarta Timur",
}
MENU_LINKS = ".st-key-skm_menu a"  # the app's own page menu (ui/chrome.menu)
GOAL_MS = 1000.0
GOAL_RATIO = 3.0
QUIET_MS = 700
NEVER_DRAWN_MS = 5000
# Before any page script: every websocket message from the server is stamped, so a run that
# starts and ends between two DOM frames (React then never shows "running") is still seen.
SOCKET_HOOK = """(() => {
  const Base = window.WebSocket;
  window.__benchSocket = {last: 0};
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__benchSocket.last = performance.now(); });
    }
  };
})();"""
OBSERVER = """() => {
  const s = window.__bench = {last: performance.now(), start: 0};
  // Not drawing: a <canvas>'s children and anything inside them (fallback content, never painted:
  // the data grid rebuilds its accessible copy of the cells there a few hundred ms after it drew),
  // and a visually hidden aria-live region (the select box's "21 options available" announcements
  // for screen readers, cleared about 2 s after the unit was picked). A canvas's own size and style
  // are drawing.
  const painted = (r) => {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (!el || (el.parentElement && el.parentElement.closest('canvas'))) return false;
    if (r.type === 'childList' && el.tagName === 'CANVAS') return false;
    const live = el.closest('[aria-live]');
    return !(live && live.getBoundingClientRect().width <= 1);
  };
  new MutationObserver((records) => { if (records.some(painted)) s.last = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  // The click is Playwright's real one (it waits until the link can take it); its moment is taken here.
  document.addEventListener('pointerdown', () => { s.start = performance.now(); }, true);
}"""
DRAWN = """() => {
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const vis = (sel) => [...document.querySelectorAll(sel)].filter(shown);
  const charts = vis('[data-testid="stPlotlyChart"]');
  const tables = vis('[data-testid="stDataFrame"]');
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    ran: window.__benchSocket.last > window.__bench.start,
    state: app ? app.getAttribute('data-test-script-state') : null,
    running: !!document.querySelector('[data-testid="stStatusWidget"]'),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    skeleton: document.querySelectorAll('[data-testid="stSkeleton"]').length,
    undrawn: charts.filter((c) => !c.querySelector('.main-svg')).length
      + tables.filter((t) => !t.querySelector('canvas')).length,
    quiet: performance.now() - window.__bench.last,
    elapsed: window.__bench.last - window.__bench.start,
    server: window.__benchSocket.last - window.__bench.start,
  };
}"""


@dataclass(frozen=True)
class Sample:
    page: str
    level: str
    ms: float  # click to drawn
    server_ms: float  # click to the server's last message (the script run, as the browser sees it)


def wait_drawn(page, arrived: Callable[[str], bool], what: str, timeout: float = 60.0) -> tuple[float, float]:
    """Milliseconds from the click (window.__bench.start) to the last DOM change of the page, and
    to the server's last websocket message."""
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # not time.sleep: Playwright's sync API only takes events (the URL) in its calls
        if not arrived(page.url):
            continue
        state = page.evaluate(DRAWN)
        # A run that has not started yet looks idle: the server must have answered since the click.
        finished = state["ran"] and state["state"] == "notRunning"
        # A chart or table that has not drawn after a long quiet spell never will (an empty one).
        undrawn = state["undrawn"] and state["quiet"] < NEVER_DRAWN_MS
        busy = state["running"] or state["stale"] or state["skeleton"] or undrawn
        if finished and not busy and state["quiet"] >= QUIET_MS:
            return float(state["elapsed"]), float(state["server"])
    raise TimeoutError(f"{what}: not drawn within {timeout:.0f} s ({page.url}, {state})")


def settle(page) -> None:
    """After a page load: the first run over and the app idle for a moment."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=60_000)
    time.sleep(2)


def _path(url: str) -> str:
    return urlsplit(url).path.rstrip("/")


def click_nav(page, title: str) -> tuple[float, float]:
    title_at_end = re.compile(rf"{re.escape(title)}\s*$")  # the text starts with the icon's ligature name
    link = page.locator(MENU_LINKS).filter(has_text=title_at_end).first
    link.wait_for(timeout=30_000)
    # st.page_link's href is relative to the app's root ("" for the default page, "dua")
    root = "{0.scheme}://{0.netloc}/".format(urlsplit(page.url))
    target = _path(urljoin(root, link.get_attribute("href") or ""))
    link.click()
    ms, server = wait_drawn(page, lambda url: _path(url) == target, title)
    print(f"    {title}: {ms:.0f} ms (server {server:.0f} ms)", file=sys.stderr)
    return ms, server


def pick_unit(page, label: str) -> tuple[float, float]:
    """Choose a unit in the sidebar picker (typed to filter the list, then its option clicked);
    the time counts from the click on the option."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.keyboard.type(label.strip())
    options = page.locator('[role="option"]')
    options.first.wait_for(timeout=30_000)
    texts = options.all_inner_texts()
    exact = [i for i, t in enumerate(texts) if t.strip("\n ") == label]  # em spaces kept: the level
    options.nth(exact[0] if exact else 0).click()
    return wait_drawn(page, lambda url: "unit=" in url, label.strip())


def nav_pages(page) -> list[str]:
    """The title of every page link the account has, in the navigation's order."""
    links = page.locator(MENU_LINKS)
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]  # after the icon's name


def measure_app(browser, url: str, runs: int, login) -> list[Sample]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.add_init_script(SOCKET_HOOK)
    page = context.new_page()
    login(page, url)
    settle(page)
    page.evaluate(OBSERVER)
    pages = nav_pages(page)
    current = pages[0]
    samples = []
    for run in range(runs):
        for level, label in LEVELS.items():
            samples.append(Sample("(unit dipilih)", level, *pick_unit(page, label)))
            order = pages if run % 2 == 0 else pages[::-1]
            if current == order[0]:  # a click on the page already shown runs nothing
                order = order[1:] + order[:1]
            for title in order:
                samples.append(Sample(title, level, *click_nav(page, title)))
                current = title
        print(f"  putaran {run + 1}/{runs} selesai", file=sys.stderr)
    context.close()
    return samples


def measure_baseline(browser, url: str, runs: int) -> list[tuple[float, float]]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.add_init_script(SOCKET_HOOK)
    page = context.new_page()
    page.goto(url)
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
    settle(page)
    page.evaluate(OBSERVER)
    out = []
    for _ in range(max(runs * 3, 6)):
        for title in ("Dua", "Satu"):
            out.append(click_nav(page, title))
    context.close()
    return out


def _ratio(value: float) -> str:
    return f"{value:.2f}×".replace(".", ",")


def table(samples: list[Sample], base: list[tuple[float, float]]) -> str:
    baseline = statistics.median(ms for ms, _ in base)
    base_server = statistics.median(server for _, server in base)
    rows = [
        f"| dasar: halaman Streamlit dengan satu grafik plotly | – | {baseline:.0f} | {base_server:.0f} | 1,00× | – |",
    ]
    keys = list(dict.fromkeys((s.page, s.level) for s in samples))
    for name, level in keys:
        values = [s.ms for s in samples if (s.page, s.level) == (name, level)]
        server = statistics.median(s.server_ms for s in samples if (s.page, s.level) == (name, level))
        med = statistics.median(values)
        ratio = med / baseline
        met = "ya" if med <= GOAL_MS and ratio <= GOAL_RATIO else "**TIDAK**"
        drawn = f"{med:.0f} (maks {max(values):.0f})"
        rows.append(f"| {name} | {level} | {drawn} | {server:.0f} | {_ratio(ratio)} | {met} |")
    head = "| halaman | tingkat | median ms (maks) | server selesai ms | rasio thd dasar | ≤ 1 s dan ≤ 3× |\n"
    head += "| --- " * 6 + "|"
    return "\n".join([head, *rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, ensure_account, goto_logged_in, streamlit_server

    work = Path(tempfile.mkdtemp(prefix="skm-bench-pages-"))
    db = work / "app" / "skm.duckdb"
    db.parent.mkdir()
    started = time.perf_counter()
    store = Store(db)
    ensure_demo(store)
    store.close()
    demo_s = time.perf_counter() - started
    ensure_account(db)
    (work / "dasar").mkdir()
    load = os.getloadavg()[0]
    print(f"Demo dimuat dalam {demo_s:.1f} s; beban rata-rata {load:.1f}", file=sys.stderr)
    with (
        streamlit_server(db) as app_url,
        streamlit_server(work / "dasar" / "x.duckdb", script=ROOT / "bench" / "baseline_page.py") as base_url,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        base_before = measure_baseline(browser, base_url, args.runs)
        samples = measure_app(browser, app_url, args.runs, goto_logged_in)
        base_after = measure_baseline(browser, base_url, args.runs)
        browser.close()
    report = (
        f"Kecepatan halaman, median dari {args.runs} putaran ({time.strftime('%Y-%m-%d %H:%M')}; beban rata-rata "
        f"{load:.1f} → {os.getloadavg()[0]:.1f}; ensure_demo {demo_s:.1f} s):\n\n"
        f"{table(samples, base_before + base_after)}\n"
    )
    print("\n" + report)
    shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "build" / "bench" / "pages.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
