"""Bar lists in plain HTML (`st.html`): a few counts as horizontal bars (Responden's profile and
blank answers), and each unit's or layanan's IKM on a 0–100 scale (Ringkasan).

Each row is a group's name, a bar as long as its count (the largest fills 60 % of the room, so
the label after it always fits), and that label ("832 · IKM 90,11"). A bar with an IKM takes its
mutu colour, one without is grey; the page says so beside the list. These were plotly charts:
five of them made Responden the slowest page to draw (bench/pages.py, issue 15), for bars that
need no axis, zoom or hover. The text is real text: it reads, wraps and prints like the page,
and every name is escaped (group names come from respondents' answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import streamlit as st

from skm.charts import MUTU_COLORS, NO_VALUE_COLOR, ikm_band_spans
from skm.formatting import angka
from skm.scoring import IKM_BANDS, mutu_ikm

LONGEST = 60.0  # % of the bar's room the largest count fills

STYLE = """<style>
.skm-bars { font-size: 0.875rem; line-height: 1.3; color: #0F172A; margin-bottom: 0.75rem; }
.skm-bars h4 { font-size: 1rem; font-weight: 600; margin: 0 0 0.5rem 0; padding: 0; }
.skm-bars ol { list-style: none; margin: 0; padding: 0; display: grid;
  grid-template-columns: fit-content(45%) minmax(0, 1fr); gap: 0.375rem 0.625rem; align-items: center; }
.skm-bars li { display: contents; }
.skm-bars .name { text-align: right; overflow-wrap: anywhere; }
.skm-bars .room { display: flex; align-items: center; gap: 0.375rem; min-width: 0; }
.skm-bars .bar { height: 1.5rem; border-radius: 2px; flex: none; }
.skm-bars .value { white-space: nowrap; font-variant-numeric: tabular-nums; }
.skm-bars .none { color: rgba(49, 51, 63, 0.6); }
</style>"""


def bar_color(ikm: float | None) -> str:
    """The bar's colour: its IKM's mutu, grey without one."""
    return NO_VALUE_COLOR if ikm is None else MUTU_COLORS[mutu_ikm(ikm).letter]


def bar_list_html(
    groups: Sequence[str],
    counts: Sequence[int],
    ikms: Sequence[float | None],
    *,
    title: str,
    unit: str = "responden",
) -> str:
    """The list as HTML, first group on top. Each row's tooltip says the count with its unit.

    >>> html = bar_list_html(["<b>A</b>", "B"], [30, 15], [90.0, None], title="Usia")
    >>> "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
    True
    >>> "width: 60.0%" in html and "width: 30.0%" in html and "30 · IKM 90,00" in html
    True
    """
    top = max(counts, default=0)
    rows = []
    for group, count, ikm in zip(groups, counts, ikms, strict=True):
        name = escape(group)
        value = f"{angka(count, 0)} · IKM {angka(ikm)}" if ikm is not None else angka(count, 0)
        tip = escape(
            f"{group}: {angka(count, 0)} {unit}"
            + (f", IKM {angka(ikm)} ({mutu_ikm(ikm).letter})" if ikm is not None else "")
        )
        width = LONGEST * count / top if top else 0.0
        rows.append(
            f'<li><span class="name" title="{tip}">{name}</span><span class="room" title="{tip}">'
            f'<span class="bar" style="width: {width:.1f}%; background: {bar_color(ikm)};"></span>'
            f'<span class="value">{escape(value)}</span></span></li>'
        )
    body = f"<ol>{''.join(rows)}</ol>" if rows else '<p class="none">Belum ada jawaban.</p>'
    return f'<div class="skm-bars"><h4>{escape(title)}</h4>{body}</div>'


def bar_list(
    groups: Sequence[str], counts: Sequence[int], ikms: Sequence[float | None], *, title: str, unit: str = "responden"
) -> None:
    """Draw a bar list (see the module's text)."""
    st.html(STYLE + bar_list_html(groups, counts, ikms, title=title, unit=unit))


IKM_STYLE = """<style>
.skm-ikm { font-size: 0.875rem; line-height: 1.3; color: #0F172A; margin-bottom: 0.75rem; }
.skm-ikm h4 { font-size: 1rem; font-weight: 600; margin: 0 0 0.5rem 0; padding: 0; }
.skm-ikm .grid { display: grid; grid-template-columns: fit-content(45%) minmax(0, 1fr); column-gap: 0.625rem;
  align-items: center; }
.skm-ikm .name { text-align: right; overflow-wrap: anywhere; padding: 0.2rem 0; }
.skm-ikm .room { position: relative; height: 2rem; }
.skm-ikm .room.letters, .skm-ikm .room.scale { height: 1.25rem; }
.skm-ikm .bound { position: absolute; top: 0; bottom: 0; border-left: 1px dotted #64748B; }
.skm-ikm .bar { position: absolute; left: 0; top: 0.2rem; bottom: 0.2rem; border-radius: 2px; color: #FFFFFF;
  display: flex; align-items: center; justify-content: flex-end; padding-right: 0.375rem; box-sizing: border-box;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
.skm-ikm .letter { position: absolute; bottom: 0; transform: translateX(-50%); font-weight: 600; }
.skm-ikm .tick { position: absolute; top: 0.1rem; transform: translateX(-50%); font-size: 0.75rem;
  color: rgba(49, 51, 63, 0.7); font-variant-numeric: tabular-nums; }
.skm-ikm .tick.last { transform: translateX(-100%); }
.skm-ikm .note { font-size: 0.75rem; color: rgba(49, 51, 63, 0.7); margin-top: 0.25rem; text-align: center; }
</style>"""
TICKS = (0, 20, 40, 60, 80, 100)


def ikm_bars_html(names: Sequence[str], ikms: Sequence[float], *, title: str) -> str:
    """Each name's IKM as a bar from 0 (first name on top), coloured by its mutu, its value and
    letter inside the bar's end ("99,09 (A)": never on a bound's line, never cut off); the mutu
    bounds as dotted lines behind the bars, each band's letter above it, a scale under them.

    >>> html = ikm_bars_html(["<b>PPSU</b>", "PKK"], [99.09, 70.5], title="IKM per layanan")
    >>> "&lt;b&gt;PPSU&lt;/b&gt;" in html and "<b>PPSU</b>" not in html
    True
    >>> "width: 99.09%" in html and ">99,09 (A)<" in html and ">70,50 (C)<" in html
    True
    """
    bounds = "".join(f'<span class="bound" style="left: {b:.2f}%;"></span>' for b, _ in IKM_BANDS)
    letters = "".join(
        f'<span class="letter" style="left: {(lo + hi) / 2:.2f}%; color: {MUTU_COLORS[letter]};">{letter}</span>'
        for lo, hi, letter in ikm_band_spans()
    )
    cells = [f'<span></span><span class="room letters">{letters}</span>']
    for name, ikm in zip(names, ikms, strict=True):
        letter = mutu_ikm(ikm).letter
        tip = escape(f"{name}: IKM {angka(ikm)} (mutu {letter})")
        bar = (
            f'<span class="bar" style="width: {max(0.0, min(100.0, ikm)):.2f}%; background: {MUTU_COLORS[letter]};">'
            f"{angka(ikm)} ({letter})</span>"
        )
        cells.append(f'<span class="name" title="{tip}">{escape(name)}</span>')
        cells.append(f'<span class="room" title="{tip}">{bounds}{bar}</span>')
    ticks = "".join(f'<span class="tick{" last" if t == 100 else ""}" style="left: {t}%;">{t}</span>' for t in TICKS)
    cells.append(f'<span></span><span class="room scale">{ticks}</span>')
    words = " · ".join(f"{m.letter} ≥ {angka(b)}" for b, m in reversed(IKM_BANDS))
    return (
        f'<div class="skm-ikm"><h4>{escape(title)}</h4><div class="grid">{"".join(cells)}'
        f'<span></span><span class="note">IKM (0–100) · garis titik: batas mutu {words}</span></div></div>'
    )


def ikm_bars(names: Sequence[str], ikms: Sequence[float], *, title: str) -> None:
    """Draw IKM bars (see ikm_bars_html)."""
    st.html(IKM_STYLE + ikm_bars_html(names, ikms, title=title))
