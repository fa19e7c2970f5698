"""The Indonesian frame without a browser (tests/test_browser_chrome.py looks at it in Chromium):
every select box has an Indonesian placeholder (Streamlit's default is "Choose an option"),
Streamlit's own page list is off, and the plotly toolbar's titles have an Indonesian dictionary."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from ui.components import PLOTLY_CONFIG, PLOTLY_LOCALE

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"])


def test_every_select_box_has_a_placeholder():
    missing = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("selectbox", "multiselect")
                and not any(k.arg == "placeholder" for k in node.keywords)
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not missing, missing


def test_streamlit_page_list_is_off_and_the_router_draws_its_own_menu():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showSidebarNavigation"] is False
    router = (ROOT / "app.py").read_text(encoding="utf-8")
    assert 'position="hidden"' in router and "chrome.menu(PAGES)" in router


def test_plotly_toolbar_in_indonesian():
    assert PLOTLY_CONFIG["locale"] == "id"
    assert PLOTLY_CONFIG["locales"]["id"]["dictionary"] is PLOTLY_LOCALE
    for kept in ("Download plot as a PNG", "Zoom", "Reset axes"):
        assert PLOTLY_LOCALE[kept] not in ("", kept)
