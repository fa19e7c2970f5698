"""Driving the app with Streamlit's AppTest: log in, open a page with a unit and period chosen.

The app shows nothing but its login page without a live session token in session state
(ui.auth.TOKEN); `login_as` makes the account in the app's own database when it is missing and
logs it in through skm.accounts.login, exactly as the login page does. The sidebar keeps its
choice in the session-state keys `unit_id` and `period_code` (see ui.context), which is also what
a test sets."""

from __future__ import annotations

from collections.abc import Mapping
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from skm import accounts

APP = str(Path(__file__).resolve().parents[1] / "app.py")
# pages/laporan.py's widget keys: the kelurahan's open tab, the kecamatan/kota letter settings' expander
TAB_KEY = "laporan_tab"
REKAP_SETTINGS_KEY = "laporan_rekap_settings"
ADMIN = "admin.uji"
PASSWORD = "kata-sandi-uji-123"


def ensure_user(name: str = ADMIN, role: str = accounts.ADMIN, unit_path: str | None = None) -> None:
    """The account in the app's database (ui.data.get_store), made once with PASSWORD."""
    from ui.data import get_store

    store = get_store()
    if store.user_row(name=name) is None:
        unit_id = store.find_unit(unit_path).id if unit_path else None
        accounts.create_user(store, name, PASSWORD, role, unit_id, actor="uji")


def login_as(at: AppTest, name: str = ADMIN, role: str = accounts.ADMIN, unit_path: str | None = None) -> str:
    """Put a fresh session token of the account in the AppTest's session state; returns it."""
    from ui.data import get_store

    ensure_user(name, role, unit_path)
    token = accounts.login(get_store(), name, PASSWORD, client="apptest")
    at.session_state["auth_token"] = token
    return token


def new_app(timeout: int = 120, name: str = ADMIN, role: str = accounts.ADMIN, unit_path: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    login_as(at, name, role, unit_path)
    return at


def open_page(
    page: str,
    unit_id: int | None = None,
    period: str | None = None,
    timeout: int = 120,
    opened: Mapping[str, object] | None = None,
) -> AppTest:
    """The page at a unit and period; `opened` sets widget state first, as a click would: a tab
    (Laporan's `laporan_tab`: "PEKPPP") or an expander (True) whose content runs only when open."""
    at = new_app(timeout)
    at.run()
    choose(at, unit_id, period)
    for key, value in (opened or {}).items():
        at.session_state[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, unit_id: int | None = None, period: str | None = None) -> None:
    """Set the sidebar's unit and/or period as a user would, for the next run."""
    if unit_id is not None:
        at.session_state["unit_id"] = unit_id
    if period is not None:
        at.session_state["period_code"] = period


class _TableReader(HTMLParser):
    """Rows of cell texts of every <table class=`css_class`> in an HTML string (the first row: the
    header): "skm-table" for ui.tables' static tables; None for the heatmap tables of ui.heat."""

    def __init__(self, css_class: str | None = "skm-table") -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._class = css_class
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._inside = dict(attrs).get("class") == self._class
            if self._inside:
                self.tables.append([])
        elif not self._inside:
            return
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def static_tables(at: AppTest) -> list[pd.DataFrame]:
    """The static tables (ui.tables.static_table, st.html) the run drew, in order, as DataFrames
    of the texts a user reads (every cell a string)."""
    frames = []
    for element in at.get("html"):
        reader = _TableReader()
        reader.feed(element.proto.body)
        frames += [pd.DataFrame(rows[1:], columns=rows[0]) for rows in reader.tables if rows]
    return frames


def heat_tables(at: AppTest) -> dict[str, pd.DataFrame]:
    """The heatmap tables (ui.heat, st.html) the run drew: title → the cells' texts, row names as
    the index and column names as the header ("U1 Persyaratan": a line break reads as a space)."""
    tables = {}
    for element in at.get("html"):
        body = element.proto.body
        if 'class="skm-heat"' not in body:
            continue
        reader = _TableReader(None)
        reader.feed(body)
        title = body.split("<h4>", 1)[1].split("</h4>", 1)[0]
        rows = reader.tables[0]
        tables[unescape(title)] = pd.DataFrame(
            [r[1:] for r in rows[1:]], index=[r[0] for r in rows[1:]], columns=rows[0][1:]
        )
    return tables


class _BarReader(HTMLParser):
    """Each bar list (ui.bars) in an HTML string as (title, [(name, value), ...])."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[tuple[str, list[tuple[str, str]]]] = []
        self._field: str | None = None
        self._text: list[str] = []
        self._row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        cls = dict(attrs).get("class")
        if tag == "h4" or cls in ("name", "value"):
            self._field, self._text = tag if tag == "h4" else cls, []

    def handle_endtag(self, tag: str) -> None:
        if self._field is None or tag not in ("h4", "span"):
            return
        text = "".join(self._text)
        if self._field == "h4":
            self.lists.append((text, []))
        else:
            self._row.append(text)
            if self._field == "value":
                self.lists[-1][1].append((self._row[0], self._row[1]))
                self._row = []
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._field is not None:
            self._text.append(data)


def bar_lists(at: AppTest) -> dict[str, list[tuple[str, str]]]:
    """The bar lists (ui.bars, st.html) the run drew: title → [(group, "832 · IKM 90,11"), ...]."""
    reader = _BarReader()
    for element in at.get("html"):
        if 'class="skm-bars"' in element.proto.body:
            reader.feed(element.proto.body)
    return dict(reader.lists)
