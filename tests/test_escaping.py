"""Every page, public ones included, on the hostile database (tests/hostile/database.py): no
user-supplied text turns into a link, emphasis, colour, icon, formula or HTML, and the text is
still shown (escaped, not dropped). Walks AppTest's element tree: every string Streamlit renders
as Markdown (markdown, captions, alerts, widget labels, radio options, metric and expander labels,
tab names, image captions), the static tables' HTML and every plotly figure's text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from skm import kuesioner
from skm.kuesioner import Entry
from skm.unsur import CODES
from tests.apptest import APP, heat_tables, login_as, static_tables
from tests.hostile.database import (
    ACCOUNT,
    EVIL,
    EVIL_HTML,
    IMG,
    KEL_A,
    KEL_C,
    MD_BOLD,
    MD_LINK,
    MD_MISC,
    P1,
    SCRIPT,
    SVG,
    add_public_side,
    build_db,
)
from tests.test_pages import DASHBOARD

# Hostile fragments as they would render if left alone; in an escaped source each is broken by a
# backslash (`\*\*Tebal`, `\[Klik hadiah\](`, `\:red\[`, `\<a href`).
LIVE = [
    "**Tebal**",
    "[Klik hadiah](",
    ":red[",
    "**x**",
    "[link](",
    "**tebal**",
    "[klik](",
    "$x^2$",
    "_miring_",
    ":smile:",
    ":material/home:",
    "<a href",
    "<b>",
    "<script",
    "<img",
    "<svg",
]
# ...and bare URLs or e-mail addresses, which GFM links even when escaped (md breaks them with a
# word joiner, U+2060, which shows nothing).
LIVE_RE = re.compile("|".join(rf"(?<!\\){re.escape(f)}" for f in LIVE) + r"|https?://evil|www\.evil|@evil")
# Plotly draws <a href>, <b>, <i>, <span style> in any text; our own charts only use <br>, <b>period</b>.
PLOTLY_TAG = re.compile(r"<(a|img|script|svg|span)\b|<b>tebal", re.IGNORECASE)
TAG = re.compile(r"<\s*([A-Za-z][\w-]*)")
TABLE_TAGS = {"style", "table", "thead", "tbody", "tr", "th", "td"}
BAR_TAGS = {"style", "div", "h4", "ol", "li", "span", "p"}
TAG_OR_STYLE = re.compile(r"<style>.*?</style>|<[^>]+>", re.S)
HEAT_TAGS = {"style", "div", "h4", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span", "br"}
UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|\u2060")
# Protos whose strings Streamlit does not render as Markdown (st.html is HTML the page escaped
# itself; select options are plain text; charts and tables are checked apart).
NOT_MARKDOWN = {"Html", "PlotlyChart", "Arrow", "Selectbox", "MultiSelect", "DateInput", "NumberInput", "TextArea"}
MARKDOWN_KEYS = {"body", "label", "help", "caption", "options"}


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    import streamlit as st

    db = tmp_path_factory.mktemp("escaping") / "skm.duckdb"
    ids = build_db(db)
    public = add_public_side(db, ids)
    from skm.storage import Store

    store = Store(db)
    try:  # a second online answer, so the charts of the open period carry the HTML-ish name too
        entry = Entry("Laki-laki", 30, "SMP", "PNS", EVIL_HTML, date.today(), dict.fromkeys(CODES, 3), MD_LINK)
        kuesioner.submit(store, public.token, entry, form_token=kuesioner.issue_form(store, public.token))
    finally:
        store.close()
    mp = pytest.MonkeyPatch()
    mp.setenv("SKM_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    kuesioner.LIMITER.clear()
    yield ids, public
    from ui.data import get_store

    get_store().close()
    st.cache_resource.clear()
    st.cache_data.clear()
    mp.undo()


def nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def strings(value, keys: set[str] | None = None) -> Iterator[str]:
    """Every string in a proto-as-dict (only under `keys`, when given)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if keys is None or k in keys:
                yield from strings(v, None)
            elif isinstance(v, dict | list):
                yield from strings(v, keys)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, keys)
    elif isinstance(value, str):
        yield value


def rendered(at: AppTest) -> tuple[list[str], list[str]]:
    """(Markdown sources, plotly strings) of everything the run drew, main area and sidebar."""
    markdown, plotly = [], []
    for root in (at.main, at.sidebar):
        for node in nodes(root):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            kind = type(proto).__name__
            data = MessageToDict(proto, preserving_proto_field_name=True)
            if kind == "PlotlyChart":
                plotly += list(strings(json.loads(data.get("spec") or "{}")))
            elif kind not in NOT_MARKDOWN:
                markdown += list(strings(data, MARKDOWN_KEYS))
    return markdown, plotly


def static_table_texts(at: AppTest) -> list[str]:
    """Every cell and header of the static tables (ui.tables, st.html): the HTML holds no tag but
    the table's own, so hostile text in a cell is text."""
    drawn: list[str] = []  # the bar lists' text, as read
    for element in at.get("html"):
        body = element.proto.body
        if 'class="skm-table"' in body:
            assert set(TAG.findall(body)) <= TABLE_TAGS, body[:300]
        if 'class="skm-bars"' in body or 'class="skm-ikm"' in body:  # ui.bars: names of groups, units, layanan
            assert set(TAG.findall(body)) <= BAR_TAGS, body[:300]
            drawn.append(" ".join(unescape(TAG_OR_STYLE.sub(" ", body)).split()))
        if 'class="skm-heat"' in body:  # ui.heat: unit and layanan names as row and column names
            assert set(TAG.findall(body)) <= HEAT_TAGS, body[:300]
    heat = [t.reset_index() for t in heat_tables(at).values()]
    return drawn + [
        " ".join(c.split()) for t in [*static_tables(at), *heat] for c in [*t.columns, *t.to_numpy().ravel()]
    ]


def check(at: AppTest, must_show: list[str], charts_show: list[str] = ()) -> str:
    """No live formatting from hostile text; each of must_show visible as typed. Returns the text."""
    assert not at.exception, [e.value for e in at.exception]
    markdown, plotly = rendered(at)
    tables = static_table_texts(at)
    live = [(m.group(0), s[:160]) for s in markdown for m in LIVE_RE.finditer(s)]
    assert not live, live
    tags = [s[:160] for s in plotly if PLOTLY_TAG.search(s)]
    assert not tags, tags
    shown = "\n".join([*(" ".join(UNESCAPE.sub(r"\1", s).split()) for s in markdown), *tables])
    for text in must_show:
        assert " ".join(text.split()) in shown, text
    drawn = "\n".join(plotly).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for text in charts_show:
        assert text in drawn, text
    return shown


def dashboard(page: str, unit_id: int, period: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    login_as(at)
    at.session_state["unit_id"] = unit_id
    at.session_state["period_code"] = period
    at.run()
    at.switch_page(page)
    at.run()
    return at


@pytest.mark.parametrize("page", DASHBOARD)
def test_every_dashboard_page_shows_hostile_names_as_text(hostile_app, page):
    ids, public = hostile_app
    for unit_id, period in ((ids["a"], P1.code), (ids["kecamatan"], P1.code), (ids["a"], public.period.code)):
        at = dashboard(page, unit_id, period)
        must = (
            [KEL_A]
            if unit_id == ids["a"] and page not in ("pages/akun.py", "pages/audit.py", "pages/presentasi.py")
            else []
        )
        check(at, must)


def test_a_hostile_account_name_shows_as_text_where_it_is_logged_in(hostile_app):
    ids, _ = hostile_app
    at = AppTest.from_file(APP, default_timeout=120)
    login_as(at, ACCOUNT)  # the operator of kelurahan A made by add_public_side
    at.run()
    check(at, [ACCOUNT, KEL_A])
    admin = dashboard("pages/akun.py", ids["a"], P1.code)
    check(admin, [])


def test_ringkasan_of_the_open_period_draws_hostile_layanan_as_chart_text(hostile_app):
    ids, public = hostile_app
    at = dashboard("pages/ringkasan.py", ids["a"], public.period.code)
    # the heatmap table's rows and the IKM bars' names (ui.heat, ui.bars) as typed
    check(at, [KEL_A, EVIL, EVIL_HTML])


def test_kecamatan_charts_and_missing_units_show_names_as_text(hostile_app):
    ids, _ = hostile_app
    at = dashboard("pages/perbandingan.py", ids["kecamatan"], P1.code)
    check(at, [KEL_C, IMG, KEL_A])  # the heatmap tables name every unit (ui.heat)


def test_rtl_and_responden_show_hostile_rows_as_text(hostile_app):
    ids, _ = hostile_app
    check(dashboard("pages/rtl.py", ids["a"], P1.code), [SCRIPT, MD_BOLD, MD_LINK])
    check(dashboard("pages/responden.py", ids["a"], P1.code), [KEL_A])


def test_public_form_shows_the_layanan_names_as_text_not_links(hostile_app):
    _, public = hostile_app
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["isi"] = public.token
    at.run()
    shown = check(at, [KEL_A, EVIL, EVIL_HTML, SCRIPT, MD_BOLD])
    assert f"{KEL_A}" in shown


def test_public_results_show_the_unit_name_as_text(hostile_app):
    _, public = hostile_app
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["hasil"] = public.token
    at.run()
    check(at, [KEL_A, f"Infografis SKM {KEL_A}"])


def test_hostile_fragments_are_caught_when_live():
    """The detector itself: a raw name is flagged, the escaped one is not (and reads the same)."""
    from ui.components import md

    bare = "lihat https://evil.example/a, www.evil.example atau hadiah@evil.example"
    for name in (EVIL, EVIL_HTML, MD_LINK, MD_BOLD, MD_MISC, SCRIPT, IMG, SVG, bare):
        assert LIVE_RE.search(name), name
        assert not LIVE_RE.search(md(name)), md(name)
        assert UNESCAPE.sub(r"\1", md(name)) == name


def test_pdfs_draw_user_text_literally():
    """fpdf2 reads Markdown (`**`, `__`, `--`) only with markdown=True and HTML only through
    write_html: neither is used anywhere in skm/, so names, saran and RTL rows print as typed."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "skm"
    used = [p.name for p in root.rglob("*.py") if re.search(r"markdown\s*=\s*True|write_html\(", p.read_text())]
    assert used == []


def test_report_pdf_prints_hostile_text_as_typed(tmp_path):
    """The report PDF read back with pypdf: names, RTL rows and letter settings as typed."""
    import io

    import pypdf

    from skm.report.data import report_data
    from skm.report.pdf import build_pdf
    from skm.storage import Store

    db = tmp_path / "skm.duckdb"
    ids = build_db(db)
    store = Store(db)
    try:
        pdf = build_pdf(report_data(store, store.unit(ids["a"]), P1, today=date(2025, 1, 10)))
    finally:
        store.close()
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    for hostile in (SCRIPT, SVG, IMG, MD_BOLD, MD_LINK):
        assert hostile in text, hostile
