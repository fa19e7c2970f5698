"""Tren: the IKM of the selected unit over every semester with data, its unsur per semester,
and the change from one semester to the next. The sidebar's period is marked, not filtered on."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from skm import charts
from skm.formatting import angka, selisih
from skm.labels import level_name
from skm.summary import UnitSummary
from skm.units import Period
from skm.unsur import CODES
from ui import completeness as kelengkapan
from ui import data
from ui.components import PLOTLY_CONFIG, md, page_header
from ui.context import sidebar
from ui.figures import chart
from ui.heat import UNSUR_COLUMNS, heat_table
from ui.tables import static_table

SELECTED_BG = "background-color: #FEF3C7; font-weight: 700"


def _axis_label(period: Period, selected: Period, partial: bool) -> str:
    """Category label of a semester; the selected one is bold so every chart shows it."""
    # Short, with "(sementara)" on a line of its own: the labels stay level at 1366 px, clear of the legend.
    label = _short(period) + ("<br>(sementara)" if partial else "")
    return f"<b>{label}</b>" if period == selected else label


def _change(current: float, previous: float) -> str:
    text = selisih(current, previous)
    return "= 0,00" if text == "±0,00" else ("▲ " if text[0] == "+" else "▼ ") + text[1:]


def _short(period: Period) -> str:
    return period.label.replace("Semester", "Sem.")


def _trend_figure(
    labels: list[str],
    series: dict[str, list[float | None]],
    *,
    title: str,
    highlight: str,
    partial: dict[str, list[bool]],
    legend_below: bool,
    selected: int | None,
) -> go.Figure:
    fig = charts.trend(labels, series, title=title, highlight=highlight, partial=partial)
    if legend_below:
        charts.legend_below(fig)
    return fig if selected is None else charts.mark_column(fig, selected)


def _delta_args(now: UnitSummary, before: UnitSummary | None) -> dict:
    """st.metric delta for the change from the semester before, coloured by its sign."""
    if before is None:
        return {}
    text = selisih(now.score.ikm, before.score.ikm)
    return {
        "delta": text,
        "delta_description": f"dari {_short(before.period)}",
        "delta_color": "off" if text.startswith("±") else "normal",
        "delta_arrow": "off" if text.startswith("±") else "auto",
    }


sel = sidebar()
if sel is None:
    st.stop()
page_header("Tren IKM", sel)
history: list[UnitSummary] = data.trend(sel.unit.id, sel.version)
if not history:
    st.info(
        f"Belum ada data untuk {md(level_name(sel.unit))} pada semester mana pun. "
        "Unggah data pada halaman **Unggah Data**.",
        icon=":material/info:",
    )
    st.stop()

periods = [h.period for h in history]
found = data.completeness_periods(sel.unit.id, sel.version)
partial = [found[p].provisional if p in found else False for p in periods]
# Changes are taken from the latest earlier semester that is final: a partial one is not a fall.
final_before = [max((j for j in range(i) if not partial[j]), default=None) for i in range(len(history))]
selected_index = periods.index(sel.period) if sel.period in periods else None
current = history[selected_index] if selected_index is not None else None
main_name = level_name(sel.unit)

# ---- headline
c1, c2, c3, c4 = st.columns([1.3, 1, 1.2, 1])
if current is not None:
    now = kelengkapan.of(sel.unit, sel.period, sel.version)
    assert selected_index is not None
    j = final_before[selected_index]
    before = history[j] if j is not None and not now.provisional else None
    first = history[0]
    with c1:
        st.metric(
            kelengkapan.headline(f"IKM {sel.period.label}", now),
            angka(current.score.ikm),
            border=True,
            help=kelengkapan.DELTA_HIDDEN if now.provisional else None,
            **_delta_args(current, before),
        )
        kelengkapan.badge(now, "tren_kelengkapan")
    c2.metric(
        kelengkapan.headline("Mutu pelayanan", now, "Mutu"),
        current.score.mutu.letter,
        delta=current.score.mutu.kinerja,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    c3.metric(
        f"Perubahan sejak {_short(first.period)}",
        "–" if first is current or now.provisional else selisih(current.score.ikm, first.score.ikm),
        help=f"IKM {first.period.label}: {angka(first.score.ikm)}",
        border=True,
    )
else:
    c1.metric(f"IKM {sel.period.label}", "–", border=True)
    c2.metric("Mutu pelayanan", "–", border=True)
    c3.metric("Perubahan", "–", border=True)
span = periods[0].label if len(periods) == 1 else f"{periods[0].label} – {periods[-1].label}"
c4.metric("Semester dengan data", angka(len(periods), 0), help=span, border=True)

if current is None:
    st.warning(
        f"{sel.period.label} belum memiliki data untuk {md(level_name(sel.unit))}; "
        f"grafik menampilkan semester yang ada ({span}).",
        icon=":material/event_busy:",
    )
else:
    st.caption(f"Periode yang dipilih di samping (**{sel.period.label}**) ditandai dengan bingkai dan huruf tebal.")
if len(periods) == 1:
    st.info(
        f"Baru satu semester yang memiliki data ({periods[0].label}), jadi belum ada tren untuk dibandingkan. "
        "Tren akan terlihat setelah data semester berikutnya diunggah.",
        icon=":material/info:",
    )

# ---- IKM lines
labels = [_axis_label(p, sel.period, f) for p, f in zip(periods, partial, strict=True)]
series: dict[str, list[float | None]] = {main_name: [h.score.ikm for h in history]}
flags: dict[str, list[bool]] = {main_name: partial}
children = {c.id: c for h in history for c in h.child_units}
if children:
    noun = "kecamatan" if sel.unit.level == "kota" else "kelurahan"
    if st.checkbox(f"Tampilkan garis tiap {noun} di bawahnya ({len(children)})", key="tren_children"):
        for child in sorted(children.values(), key=lambda u: u.name.casefold()):
            by_period = {h.period: h.score.ikm for h in data.trend(child.id, sel.version)}
            child_found = data.completeness_periods(child.id, sel.version)
            series[level_name(child)] = [by_period.get(p) for p in periods]
            flags[level_name(child)] = [p in child_found and child_found[p].provisional for p in periods]
st.plotly_chart(
    chart(
        _trend_figure,
        labels,
        series,
        title=f"IKM {main_name} per semester",
        highlight=main_name,
        partial=flags,
        legend_below=len(series) > 1 or any(partial),
        selected=selected_index,
    ),
    config=PLOTLY_CONFIG,
    width="stretch",
)

# ---- unsur x semester
heat_table(
    UNSUR_COLUMNS,
    [_short(p) + (" (sementara)" if f else "") for p, f in zip(periods, partial, strict=True)],
    [[h.score.nrr[c] for h in history] for c in CODES],
    scale="nrr",
    title="Nilai tiap unsur per semester (NRR, skala 1–4)",
    marked=selected_index,
)

# ---- table
st.subheader("Ringkasan per semester")
rows = []
for i, h in enumerate(history):
    s = h.score
    j = final_before[i]
    prev = history[j] if j is not None else None
    change = "–"
    if partial[i]:
        change = "– (sementara)"
    elif prev is not None:
        change = _change(s.ikm, prev.score.ikm)
        if prev.period != h.period.previous():
            change += f" (dari {prev.period.label})"
    rows.append(
        {
            "Periode": h.period.label
            + (f" (sementara: {found[h.period].count_text})" if partial[i] else "")
            + ("  ◀ dipilih" if h.period == sel.period else ""),
            "IKM": angka(s.ikm),
            "Mutu": f"{s.mutu.letter} — {s.mutu.kinerja}",
            "Responden": angka(s.respondents, 0)
            if s.respondents is not None
            else f"{angka(h.raw_only.respondents, 0)} + {h.table_units} tabel NRR"
            if h.raw_only is not None
            else "–",
            "Perubahan IKM": change,
        }
    )
frame = pd.DataFrame(rows)


def _style_change(value: str) -> str:
    return "color: #1E7B45" if value.startswith("▲") else "color: #B42318" if value.startswith("▼") else ""


selected = [SELECTED_BG if h.period == sel.period else "" for h in history]
css = pd.DataFrame({column: selected for column in frame.columns})
css["Perubahan IKM"] = [
    "; ".join(filter(None, (row, _style_change(v)))) for row, v in zip(selected, frame["Perubahan IKM"], strict=True)
]
static_table(frame, css)
notes = [
    "Perubahan = selisih IKM (dari nilai tak dibulatkan) dengan semester sebelumnya yang datanya lengkap "
    "atau disetujui."
]
if any(partial):
    notes.append(
        "Semester *sementara*: belum semua kelurahan melapor dan belum disetujui; di grafik titik kosong "
        "dengan garis putus-putus, perubahannya tidak dihitung."
    )
if any(h.score.respondents is None for h in history):
    notes.append(
        "Responden “+ 1 tabel NRR”: responden dari data mentah, ditambah unit yang mengirim tabel NRR tanpa jumlah "
        "responden; “–”: seluruh data semester itu berupa tabel NRR."
    )
st.caption(" ".join(notes))
