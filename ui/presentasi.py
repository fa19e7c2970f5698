"""The meeting mode's Streamlit side: full screen (`?mode=presentasi`), the screen size measured in
the browser, the slide styles, keyboard navigation and the reads of the kecamatan/kota slides.

Keyboard: Streamlit buttons take a `shortcut`; → and ← are the visible buttons' own, PageDown,
PageUp and space (what a presentation clicker sends) belong to buttons kept out of sight. The
screen size comes from a small component frame served by the app (ui/viewport/, same origin) that
reports the window's innerWidth/innerHeight and reports again after a resize.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from skm import rtl, slides
from skm.labels import level_name
from skm.slides import SlideSize
from skm.summary import UnitSummary
from skm.units import Unit
from ui import completeness as kelengkapan
from ui import data
from ui.context import Selection

PARAM, MODE = "mode", "presentasi"
PAGE = "pages/presentasi.py"
DEFAULT_SCREEN = (1920, 1080)

# A frame served by the app (ui/viewport/): st.components.v2's inline JavaScript is loaded as a
# blob: module, which the deployment's CSP (script-src 'self', deploy/Caddyfile) refuses.
_viewport = components.declare_component("skm_viewport", path=str(Path(__file__).with_name("viewport")))


# ---------------------------------------------------------------- full screen
def full_screen() -> bool:
    return st.query_params.get(PARAM) == MODE


def _asked() -> bool:
    """Full screen asked by the address, or by the link that opened this session before its
    login (ui.context keeps that link's parameters in route_params)."""
    return full_screen() or (st.session_state.get("route_params") or {}).get(PARAM) == MODE


def set_full_screen(on: bool) -> None:
    if on:
        st.query_params[PARAM] = MODE
    else:
        st.query_params.pop(PARAM, None)


def kept_params() -> dict[str, str]:
    """What a switch of page keeps of the address: the full-screen mode (the sidebar keeps unit
    and periode itself)."""
    return {PARAM: MODE} if _asked() else {}


def open_if_asked(page_file: str) -> None:
    """The router's hook: a link with ?mode=presentasi opens the Presentasi page (keeping the
    link's unit and periode), whichever page its path named."""
    if _asked() and page_file != MODE:
        st.switch_page(PAGE, query_params={**st.query_params.to_dict(), PARAM: MODE})


def screen() -> tuple[int, int]:
    """The browser window's CSS size (the assumed projector size until the browser has said)."""
    known = st.session_state.get("skm_viewport_size")
    size = _viewport(key="skm_viewport", known=known, default=None) or known
    if size:
        st.session_state["skm_viewport_size"] = [int(size[0]), int(size[1])]
        return int(size[0]), int(size[1])
    return DEFAULT_SCREEN


# Chrome hidden in full screen (Streamlit 1.67's test ids, checked in Chromium).
_CHROME = (
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stExpandSidebarButton"]',
    '[data-testid="stHeader"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stDecoration"]',
    '[data-testid="stBottom"]',
    "footer",
)


def style(size: SlideSize, full: bool) -> None:
    """The slide styles in px of this screen. Static text and numbers only: no user text."""
    b, t = size.base, size.title
    # Outside full screen: Streamlit's own header stays, the page's large bottom padding goes.
    chrome = '[data-testid="stMainBlockContainer"] {padding-top: 3.5rem !important; padding-bottom: 1rem !important;}\n'
    if full:
        chrome = (
            ", ".join(_CHROME)
            + " {display: none !important;}\n"
            + '[data-testid="stMainBlockContainer"] {padding: 1.2vh 2.5vw 0 2.5vw !important;'
            + " max-width: none !important;}\n"
            + '[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: white;}\n'
            + ".st-key-skm_exit {position: fixed; top: 6px; right: 12px; z-index: 999990; width: auto !important;}\n"
            + ".st-key-skm_nav {position: fixed; left: 0; right: 0; bottom: 0; padding: 4px 2.5vw 6px 2.5vw;"
            + " background: white; z-index: 999989;}\n"
        )
    st.html(
        f"""<style>
    {chrome}
    .st-key-skm_keys {{display: none !important;}}
    .st-key-skm_viewport {{position: absolute; width: 0; height: 0; overflow: hidden;}}
    .skm-slide-title {{font-size: {t}px; font-weight: 700; line-height: 1.2; color: #0F172A;
        white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}}
    .skm-slide-sub {{font-size: {b}px; line-height: 1.4; color: #1E293B;
        white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}}
    .skm-big {{font-size: {b * 7}px; font-weight: 800; line-height: 1; margin: {b}px 0 {b // 2}px 0; color: #0F172A;}}
    .skm-mutu {{display: inline-block; font-size: {round(b * 1.3)}px; font-weight: 700; color: white;
        padding: {b // 4}px {b}px; border-radius: {b // 3}px;}}
    .skm-line {{font-size: {round(b * 1.3)}px; margin: {b // 2}px 0; color: #0F172A; line-height: 1.35;}}
    .skm-demo {{font-size: {b}px; color: #7C2D12; background: #FEF3C7; padding: 0 {b // 3}px; border-radius: 4px;}}
    table.skm-table {{font-size: {b}px; border-collapse: collapse; color: #0F172A; width: 100%;}}
    table.skm-table th {{text-align: left; border-bottom: 3px solid #0F172A; padding: {b // 4}px {b // 2}px;}}
    table.skm-table td {{border-bottom: 1px solid #94A3B8; padding: {b // 4}px {b // 2}px;}}
    .skm-ok {{color: #14532D; font-weight: 700;}}
    .skm-no {{color: #991B1B; font-weight: 700;}}
    .st-key-skm_slide p, .st-key-skm_slide li {{font-size: {b}px; color: #0F172A;}}
    .st-key-skm_slide h4 {{font-size: {round(b * 1.2)}px; color: #0F172A; padding: 0;}}
    .skm-counter {{font-size: {max(16, b * 2 // 3)}px; color: #1E293B; text-align: center;}}
    .st-key-skm_nav button, .st-key-skm_exit button {{min-height: 0; padding: 0 .8rem;}}
    .st-key-skm_nav button p, .st-key-skm_exit button p {{font-size: {max(16, b * 2 // 3)}px;}}
    .st-key-skm_exit button {{color: #1E293B; border-color: #94A3B8;}}
    </style>"""
    )


# ---------------------------------------------------------------- navigation
def navigation(key: str, count: int, labels: list[str]) -> int:
    """The slide index of this unit and period, with ◀ ▶ (← →) and the clicker's keys."""
    st.session_state.setdefault(key, 0)
    index = min(st.session_state[key], count - 1)

    def go(step: int) -> Callable[[], None]:
        return lambda: st.session_state.update({key: max(0, min(count - 1, index + step))})

    with st.container(key="skm_keys"):
        st.button("Berikutnya (PageDown)", key="skm_key_pgdn", shortcut="PageDown", on_click=go(1))
        st.button("Berikutnya (spasi)", key="skm_key_space", shortcut="Space", on_click=go(1))
        st.button("Sebelumnya (PageUp)", key="skm_key_pgup", shortcut="PageUp", on_click=go(-1))
    with st.container(key="skm_nav", horizontal=True, vertical_alignment="center"):
        st.button("◀ Sebelumnya", key="skm_prev", shortcut="Left", disabled=index == 0, on_click=go(-1))
        st.markdown(
            f"<div class='skm-counter'>Slide {index + 1} dari {count} · {labels[index]}</div>",
            unsafe_allow_html=True,
            width="stretch",
        )
        st.button(
            "Berikutnya ▶",
            key="skm_next",
            shortcut="Right",
            type="primary",
            disabled=index == count - 1,
            on_click=go(1),
        )
    return index


# ---------------------------------------------------------------- reads for the kecamatan/kota slides
def leaves_under(sel: Selection, unit: Unit) -> list[Unit]:
    """The kelurahan (units with nothing below them) under a unit, as this account sees them."""
    parents = {u.parent_id for u in data.units(sel.version)}
    return [u for u in sel.units if u.path[: len(unit.path)] == unit.path and u.id not in parents]


def path_label(sel: Selection) -> slides.PathLabel:
    """Names a unit by its path below the selected unit, each part with its level
    ('Kec. Makasar › Kel. Makasar'): a kecamatan and a kelurahan of one name stay apart."""
    by_path = {u.path: u for u in data.units(sel.version)}

    def label(below: tuple[str, ...]) -> str:
        full = sel.unit.path + below
        parts = [by_path.get(full[: len(sel.unit.path) + i]) for i in range(1, len(below) + 1)]
        return " › ".join(level_name(u) if u else name for u, name in zip(parts, below, strict=True))

    return label


def completeness_rows(sel: Selection, result: UnitSummary) -> list[slides.ChildCompleteness]:
    """Who has reported and who is approved for the period, per child unit, from skm.completeness."""
    children = sorted([*result.child_units, *result.missing_children], key=lambda u: u.name.casefold())
    return slides.completeness(kelengkapan.of(sel.unit, sel.period, sel.version), children)


def rtl_progress(sel: Selection, today: date) -> dict[str, rtl.Progress]:
    """Every kelurahan's RTL progress for the period (named by its path below the selected unit)."""
    p = sel.period
    label = path_label(sel)
    out = {}
    for u in sorted(leaves_under(sel, sel.unit), key=lambda u: [x.casefold() for x in u.path]):
        if u.id == sel.unit.id:
            continue
        out[label(u.path[len(sel.unit.path) :])] = rtl.progress(
            data.rtl_items(u.id, p.tahun, p.semester, sel.version), p, today
        )
    return out
