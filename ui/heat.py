"""The dashboards' heatmaps (NRR per unit × unsur, IKM per layanan × unit, NRR per semester) as
one HTML table (`st.html`) with tinted cells.

Each cell shows its value in the colour plotly's heatmap gave it (`charts.shade_colors`: its mutu
band, light for the band's lowest value shown, full for the highest) with black or white text,
whichever reads better; the band legend sits under the table. As plotly figures these were the
last thing each page drew (about 90 ms of a Ringkasan click, bench/pages.py, issue 15). As a
table the numbers are text: they wrap to the page, read aloud, print and copy like the rest of
it; every name is escaped. Presentasi keeps the plotly heatmap (a slide is sized as a figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import streamlit as st

from skm import charts
from skm.formatting import angka
from skm.scoring import MUTU_BY_LETTER
from skm.unsur import CODES, UNSUR

STYLE = """<style>
.skm-heat { color: #0F172A; margin-bottom: 0.75rem; }
.skm-heat h4 { font-size: 1rem; font-weight: 600; margin: 0 0 0.5rem 0; padding: 0; }
.skm-heat table { width: 100%; border-collapse: separate; border-spacing: 3px; font-size: 0.875rem; }
.skm-heat th { font-weight: 400; color: rgba(49, 51, 63, 0.75); font-size: 0.8125rem; line-height: 1.25;
  text-align: center; vertical-align: bottom; padding: 0 0.125rem 0.25rem; overflow-wrap: anywhere; }
.skm-heat th.row { text-align: left; vertical-align: middle; color: #0F172A; font-size: 0.875rem;
  padding: 0 0.5rem 0 0; width: 1%; white-space: nowrap; }
.skm-heat th.marked, .skm-heat th .code { font-weight: 700; color: #0F172A; }
.skm-heat td { text-align: center; padding: 0.5rem 0.25rem; border-radius: 2px;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.skm-heat td.blank { background: #F1F5F9; color: rgba(49, 51, 63, 0.6); }
.skm-heat td.marked { box-shadow: inset 0 0 0 2px #0F172A; }
.skm-heat .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.8125rem; margin-top: 0.25rem;
  color: rgba(49, 51, 63, 0.75); }
.skm-heat .swatch { display: inline-block; width: 0.875rem; height: 0.875rem; border-radius: 2px;
  vertical-align: -0.125rem; margin-right: 0.3rem; }
</style>"""
LEGEND_TITLE = "Mutu (warna muda = terendah dalam mutunya):"
UNSUR_COLUMNS = [f"{c} {UNSUR[c].short}" for c in CODES]  # "U1 Persyaratan": code over name in a header


def _header(label: str) -> str:
    """A column's header: "U1 Persyaratan" as the code over the name; any other label as typed."""
    code, _, name = label.partition(" ")
    if name and code[:1] == "U" and code[1:].isdigit():
        return f'<span class="code">{escape(code)}</span><br>{escape(name)}'
    return escape(label)


def heat_table_html(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    scale: str,
    title: str,
    marked: int | None = None,
) -> str:
    """The table as HTML: `rows` and `columns` are names (shown as typed), `values` a row per
    name, `scale` "nrr" (1–4) or "ikm" (25–100); `marked` outlines one column (the period shown).

    >>> columns = ["U1 Persyaratan", "U2 Prosedur"]
    >>> html = heat_table_html(["<i>PPSU</i>"], columns, [[3.93, None]], scale="nrr", title="NRR")
    >>> "&lt;i&gt;PPSU&lt;/i&gt;" in html and "<i>" not in html
    True
    >>> '>3,93</td>' in html and 'class="blank "' in html and "U1 Persyaratan: 3,93 (mutu A)" in html
    True
    """
    colors = charts.shade_colors(values, scale)
    marks = ["marked" if j == marked else "" for j in range(len(columns))]
    head = "".join(f'<th scope="col" class="{m}">{_header(c)}</th>' for m, c in zip(marks, columns, strict=True))
    body = []
    for name, row, row_colors in zip(rows, values, colors, strict=True):
        cells = []
        for mark, column, value, color in zip(marks, columns, row, row_colors, strict=True):
            if value is None or color is None:
                tip = escape(f"{name} · {column}: tidak ada data")
                cells.append(f'<td class="blank {mark}" title="{tip}">–</td>')
                continue
            tip = escape(f"{name} · {column}: {angka(value)} (mutu {charts.mutu_letter(value, scale)})")
            style = f"background: {color}; color: {charts.ink_on(color)};"
            cells.append(f'<td class="{mark}" style="{style}" title="{tip}">{angka(value)}</td>')
        body.append(f'<tr><th scope="row" class="row">{escape(name)}</th>{"".join(cells)}</tr>')
    # The value columns share the width equally; the names' column takes what its longest name needs.
    share = f'<col style="width: {100 / max(1, len(columns)):.2f}%">'
    cols = f"<colgroup><col>{share * len(columns)}</colgroup>"
    legend = "".join(
        f'<span><span class="swatch" style="background: {charts.MUTU_COLORS[letter]};"></span>'
        f"{letter} {escape(MUTU_BY_LETTER[letter].kinerja)}</span>"
        for letter in ("A", "B", "C", "D")
    )
    return (
        f'<div class="skm-heat"><h4>{escape(title)}</h4><table>{cols}<thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<div class="legend"><span>{escape(LEGEND_TITLE)}</span>{legend}</div></div>'
    )


def heat_table(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    scale: str,
    title: str,
    marked: int | None = None,
) -> None:
    """Draw a heatmap table (see the module's text)."""
    st.html(STYLE + heat_table_html(rows, columns, values, scale=scale, title=title, marked=marked))
