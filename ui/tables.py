"""Display-only tables: one static HTML table (`st.table`) for every table a user only reads.

A grid (`st.dataframe`) draws on a canvas and lays itself out again a few hundred milliseconds after
the rest of the page (bench/pages.py, issue 15), cuts long text off at 1366 px and brings its own
English toolbar; it stays only where it is needed (row selection, editing, long lists to scroll).
Here the cells wrap to the page's width, numbers in Indonesian format are right-aligned (header
too), and cells may be tinted (the mutu colours of every chart). Every cell and header goes through
`md`: st.table renders cells as Markdown, and unit, layanan or account names are user text.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from skm.charts import MUTU_COLORS, MUTU_LIGHT
from ui.markdown import md

# A cell that is a number as the pages write it (angka, persen, a change "▲ +1,23", a rank): "99,09",
# "1.439", "12,5%", "▼ 0,40", "= 0,00". "–" (no value) and a mutu letter (Tabel 1's "Mutu" row) fit any column.
_NUMBER = re.compile(r"^(?:[▲▼=] ?)?[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?$")
_ANY = {"", "–", "A", "B", "C", "D"}
PAGE_ROWS = 25  # rows per page of a long list (page_rows)
RIGHT = "text-align: right !important"  # over the inline "text-align: left" st.table puts on each cell


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """Columns of numbers (every cell a number, "–", empty or a mutu letter): those are right-aligned.

    >>> numeric_columns(pd.DataFrame({"Unit": ["Kel. A", "Mutu"], "IKM": ["99,09", "A"], "N": [3, 12]}))
    ['IKM', 'N']
    """
    numeric = []
    for column in frame.columns:
        cells = [str(v).strip() for v in frame[column] if str(v).strip() not in _ANY]
        if cells and all(_NUMBER.match(c) for c in cells):
            numeric.append(column)
    return numeric


def mutu_css(letters: pd.DataFrame) -> pd.DataFrame:
    """Per cell the CSS of its mutu tint (the charts' colours); `letters` holds "A".."D" or None."""

    def css(letter: object) -> str:
        if letter not in MUTU_LIGHT:
            return ""
        return f"background-color: {MUTU_LIGHT[str(letter)]}; color: {MUTU_COLORS[str(letter)]}; font-weight: 600"

    return letters.map(css)


def _cell(value: object) -> object:
    """A cell as safe Markdown; numbers (and number texts, which Markdown leaves alone: "1.730" is
    not a list item) as they are."""
    return md(value) if isinstance(value, str) and not _NUMBER.match(value) else value


def bar_css(fraction: float | None) -> str:
    """A cell's background as a bar of `fraction` (0–1) of its width: progress in a static table."""
    if fraction is None:
        return ""
    edge = f"{max(0.0, min(1.0, fraction)) * 100:.0f}%"
    return f"background: linear-gradient(90deg, {MUTU_LIGHT['B']} {edge}, transparent {edge})"


def styled(frame: pd.DataFrame, css: pd.DataFrame | None = None) -> Styler:
    """The frame with every cell and header made safe Markdown, numeric columns right-aligned and
    `css` (same shape as the frame: a CSS declaration per cell, "" for none) applied."""
    right = numeric_columns(frame)
    shown = frame.map(_cell)
    shown.columns = [md(c) for c in frame.columns]
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns) if css is None else css.fillna("")
    styles = styles.copy()
    for column in right:
        styles[column] = [f"{RIGHT}; {s}" if s else RIGHT for s in styles[column]]
    styles.columns = shown.columns
    heads = [{"selector": f"th.col_heading.col{i}", "props": RIGHT} for i, c in enumerate(frame.columns) if c in right]
    return shown.style.apply(lambda _: styles, axis=None).set_table_styles(heads)


def static_table(frame: pd.DataFrame, css: pd.DataFrame | None = None) -> None:
    """Draw a display-only table (see the module's text): no index, horizontal rules."""
    st.table(styled(frame, css), hide_index=True, border="horizontal")


def page_rows(count: int, size: int, key: str, noun: str) -> slice:
    """A long list a page at a time (a static table stays short and fast to draw): a "Halaman"
    picker when there is more than one page; returns the rows of the page chosen."""
    pages = (count + size - 1) // size
    number = 1
    if pages > 1:
        number = st.selectbox(
            "Halaman",
            range(1, pages + 1),
            format_func=lambda n: f"{n} dari {pages} ({noun} {(n - 1) * size + 1}–{min(n * size, count)})",
            key=key,
            placeholder="Pilih…",
            width=320,
        )
    return slice((number - 1) * size, number * size)
