"""Bar lists: a few counts as horizontal bars in plain HTML (`st.html`), for Responden's profile
and blank answers.

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

from skm.charts import MUTU_COLORS
from skm.formatting import angka
from skm.scoring import mutu_ikm

NO_IKM = "#94A3B8"  # grey, as the charts draw a figure that is not computed
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
    return NO_IKM if ikm is None else MUTU_COLORS[mutu_ikm(ikm).letter]


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
