"""Tren: the IKM of the selected unit over every semester with data, its unsur per semester,
and the change from one semester to the next. The sidebar's period is marked, not filtered on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import charts
from skm.formatting import angka, selisih
from skm.report.data import unit_label
from skm.summary import UnitSummary
from skm.units import Period
from skm.unsur import CODES, UNSUR
from ui import data
from ui.components import PLOTLY_CONFIG, md, page_header
from ui.context import sidebar

SELECTED_BG = "background-color: #FEF3C7; font-weight: 700"


def _axis_label(period: Period, selected: Period) -> str:
    """Category label of a semester; the selected one is bold so every chart shows it."""
    return f"<b>{period.label}</b>" if period == selected else period.label


def _change(current: float, previous: float) -> str:
    text = selisih(current, previous)
    return "= 0,00" if text == "±0,00" else ("▲ " if text[0] == "+" else "▼ ") + text[1:]


def _short(period: Period) -> str:
    return period.label.replace("Semester", "Sem.")


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
        f"Belum ada data untuk {md(sel.unit.name)} pada semester mana pun. Unggah data pada halaman **Unggah Data**.",
        icon=":material/info:",
    )
    st.stop()

periods = [h.period for h in history]
selected_index = periods.index(sel.period) if sel.period in periods else None
current = history[selected_index] if selected_index is not None else None
main_name = unit_label(sel.unit).strip()

# ---- headline
c1, c2, c3, c4 = st.columns([1.3, 1, 1.2, 1])
if current is not None:
    before = history[selected_index - 1] if selected_index else None
    first = history[0]
    c1.metric(
        f"IKM {sel.period.label}",
        angka(current.score.ikm),
        border=True,
        **_delta_args(current, before),
    )
    c2.metric(
        "Mutu pelayanan",
        current.score.mutu.letter,
        delta=current.score.mutu.kinerja,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    c3.metric(
        f"Perubahan sejak {_short(first.period)}",
        "–" if first is current else selisih(current.score.ikm, first.score.ikm),
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
        f"{sel.period.label} belum memiliki data untuk {md(sel.unit.name)}; "
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
labels = [_axis_label(p, sel.period) for p in periods]
series: dict[str, list[float | None]] = {main_name: [h.score.ikm for h in history]}
children = {c.id: c for h in history for c in h.child_units}
if children:
    noun = "kecamatan" if sel.unit.level == "kota" else "kelurahan"
    if st.checkbox(f"Tampilkan garis tiap {noun} di bawahnya ({len(children)})", key="tren_children"):
        for child in sorted(children.values(), key=lambda u: u.name.casefold()):
            by_period = {h.period: h.score.ikm for h in data.trend(child.id, sel.version)}
            series[unit_label(child).strip()] = [by_period.get(p) for p in periods]
fig = charts.trend(labels, series, title=f"IKM {main_name} per semester", highlight=main_name)
if len(series) > 1:
    charts.legend_below(fig)
if selected_index is not None:
    charts.mark_column(fig, selected_index)
st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch")

# ---- unsur x semester
fig = charts.heatmap(
    [f"{c} {UNSUR[c].short}" for c in CODES],
    labels,
    [[h.score.nrr[c] for h in history] for c in CODES],
    scale="nrr",
    title="Nilai tiap unsur per semester (NRR, skala 1–4)",
    column_labels=labels,  # chart markup (the selected semester bold), not text to escape
)
if selected_index is not None:
    charts.mark_column(fig, selected_index)
st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch")

# ---- table
st.subheader("Ringkasan per semester")
rows = []
for i, h in enumerate(history):
    s = h.score
    prev = history[i - 1] if i else None
    change = "–"
    if prev is not None:
        change = _change(s.ikm, prev.score.ikm)
        if prev.period != h.period.previous():
            change += f" (dari {prev.period.label})"
    rows.append(
        {
            "Periode": h.period.label + ("  ◀ dipilih" if h.period == sel.period else ""),
            "IKM": angka(s.ikm),
            "Mutu": f"{s.mutu.letter} — {s.mutu.kinerja}",
            "Responden": angka(s.respondents, 0) if s.respondents is not None else "–",
            "Perubahan IKM": change,
        }
    )
frame = pd.DataFrame(rows)


def _style_row(row: pd.Series) -> list[str]:
    return [SELECTED_BG if "dipilih" in row["Periode"] else ""] * len(row)


def _style_change(value: str) -> str:
    return "color: #1E7B45" if value.startswith("▲") else "color: #B42318" if value.startswith("▼") else ""


st.dataframe(
    frame.style.apply(_style_row, axis=1).map(_style_change, subset=["Perubahan IKM"]),
    hide_index=True,
    width="stretch",
)
notes = ["Perubahan = selisih IKM (dari nilai tak dibulatkan) dengan semester sebelumnya yang memiliki data."]
if any(h.score.respondents is None for h in history):
    notes.append("Responden “–”: data semester itu (sebagian) berupa tabel NRR yang tidak memuat jumlah responden.")
st.caption(" ".join(notes))
