"""Display-only tables: one static HTML table (`st.html`) for every table a user only reads.

A grid (`st.dataframe`) draws on a canvas and lays itself out again a few hundred milliseconds after
the rest of the page (bench/pages.py, issue 15), cuts long text off at 1366 px and brings its own
English toolbar; it stays only where it is needed (row selection, editing, long lists to scroll).
`st.table` was tried first: a pandas Styler for the tints costs 10–70 ms per table on the server and
every cell is rendered as Markdown in the browser. Here the table is plain HTML built once: cells
wrap to the page's width, numbers in Indonesian format are right-aligned (header too), cells may be
tinted (the mutu colours of every chart), headers may carry a tooltip, and every text is escaped
(`html.escape`: unit, layanan and account names are user text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

import pandas as pd
import streamlit as st

from skm.charts import MUTU_COLORS, MUTU_LIGHT

# A cell that is a number as the pages write it (angka, persen, a change "▲ +1,23", a rank): "99,09",
# "1.439", "12,5%", "▼ 0,40", "= 0,00". "–" (no value) and a mutu letter (Tabel 1's "Mutu" row) fit any column.
_NUMBER = re.compile(r"^(?:[▲▼=] ?)?[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?$")
NO_VALUE = "–"
_ANY = {"", NO_VALUE, "A", "B", "C", "D"}
PAGE_ROWS = 25  # rows per page of a long list (page_rows)


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """Columns of numbers (every cell a number, "–", empty or a mutu letter): those are right-aligned.

    >>> numeric_columns(pd.DataFrame({"Unit": ["Kel. A", "Mutu"], "IKM": ["99,09", "A"], "N": [3, 12]}))
    ['IKM', 'N']
    """
    numeric = []
    for column in frame.columns:
        cells = [_text(v).strip() for v in frame[column] if _text(v).strip() not in _ANY]
        if cells and all(_NUMBER.match(c) for c in cells):
            numeric.append(column)
    return numeric


def mutu_css(letters: pd.DataFrame) -> pd.DataFrame:
    """Per cell the CSS of its mutu tint (the charts' colours); `letters` holds "A".."D" or None."""

    def css(letter: object) -> str:
        if letter not in MUTU_LIGHT:
            return ""
        return f"background-color: {MUTU_LIGHT[str(letter)]}; color: {MUTU_COLORS[str(letter)]}; font-weight: 600"

    # Plain Python: DataFrame.map over arrow strings cost ~5 ms a table on every rerun.
    cells = [[css(v) for v in row] for row in letters.itertuples(index=False, name=None)]
    return pd.DataFrame(cells, columns=letters.columns, index=letters.index, dtype=object)


def bar_css(fraction: float | None) -> str:
    """A cell's background as a bar of `fraction` (0–1) of its width: progress in a static table."""
    if fraction is None:
        return ""
    edge = f"{max(0.0, min(1.0, fraction)) * 100:.0f}%"
    return f"background: linear-gradient(90deg, {MUTU_LIGHT['B']} {edge}, transparent {edge})"


# Streamlit's own table look (grey header, horizontal rules), at the body's font size.
STYLE = """<style>
.skm-table { width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.45; margin-bottom: 0.5rem; }
.skm-table th { font-weight: 400; color: rgba(49, 51, 63, 0.6); text-align: left; vertical-align: bottom; }
.skm-table th, .skm-table td { padding: 0.375rem 0.5rem; border-bottom: 1px solid rgba(49, 51, 63, 0.1); }
.skm-table td { vertical-align: top; overflow-wrap: anywhere; }
.skm-table .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
</style>"""


def _text(value: object) -> str:
    return NO_VALUE if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def table_html(frame: pd.DataFrame, css: pd.DataFrame | None = None, titles: Mapping[str, str] | None = None) -> str:
    """The frame as an HTML table: texts escaped, numeric columns right-aligned, `css` (the frame's
    shape: a CSS declaration per cell, "" for none) on each cell, `titles` as header tooltips.

    >>> html = table_html(pd.DataFrame({"Unit": ["<b>A</b>"], "IKM": ["99,09"]}), titles={"IKM": "Indeks"})
    >>> html[html.index("<tbody>") :]
    '<tbody><tr><td>&lt;b&gt;A&lt;/b&gt;</td><td class="num">99,09</td></tr></tbody></table>'
    >>> '<th class="num" title="Indeks">IKM</th>' in html
    True
    """
    right = set(numeric_columns(frame))
    titles = titles or {}

    def attrs(column: object, style: str = "") -> str:
        out = ' class="num"' if column in right else ""
        return out + (f' style="{escape(style)}"' if style else "")

    head = "".join(
        f"<th{attrs(c)}" + (f' title="{escape(titles[c])}"' if c in titles else "") + f">{escape(str(c))}</th>"
        for c in frame.columns
    )
    styles = css.fillna("").to_numpy().tolist() if css is not None else None
    body = []
    for i, row in enumerate(frame.itertuples(index=False, name=None)):
        cells = "".join(
            f"<td{attrs(c, styles[i][j] if styles else '')}>{escape(_text(v))}</td>"
            for j, (c, v) in enumerate(zip(frame.columns, row, strict=True))
        )
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="skm-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def static_table(frame: pd.DataFrame, css: pd.DataFrame | None = None, titles: Mapping[str, str] | None = None) -> None:
    """Draw a display-only table (see the module's text)."""
    st.html(STYLE + table_html(frame, css, titles))


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
