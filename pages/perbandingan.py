"""Perbandingan Wilayah: child units side by side, ranking, completeness, drill-down."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import charts, scoring
from skm.formatting import angka
from skm.summary import layanan_by_part
from skm.unsur import CODES, UNSUR
from ui import data
from ui.components import PLOTLY_CONFIG, md, mutu_style, no_data, page_header
from ui.context import sidebar

sel = sidebar()
if sel is None:
    st.stop()

if st.session_state.pop("perbandingan_open", None):
    st.switch_page("pages/ringkasan.py")

page_header("Perbandingan Wilayah", sel)
all_units = list(sel.units)
children = sorted((u for u in all_units if u.parent_id == sel.unit.id), key=lambda u: u.name)
if not children:
    parent = next((u for u in all_units if u.id == sel.unit.parent_id), None)
    st.info(
        f"{md(sel.unit.name)} tidak memiliki unit di bawahnya. Perbandingan dibuat untuk kecamatan atau kota.",
        icon=":material/info:",
    )
    if parent is not None:
        st.button(
            f"Bandingkan unit di {md(parent.name)}",
            on_click=st.session_state.update,
            kwargs={"unit_id": parent.id},
            icon=":material/arrow_upward:",
        )
    st.stop()

result = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
if result is None:
    no_data(sel)
    st.stop()
s = result.score
prev = data.summary(sel.unit.id, sel.period.previous().tahun, sel.period.previous().semester, sel.version)
prev_by_name = {p.name: p for p in prev.score.parts} if prev is not None and prev.is_wilayah else {}
parts = sorted(s.parts, key=lambda p: -p.ikm) if result.is_wilayah else []

st.caption(
    f"IKM {md(sel.unit.name)}: **{angka(s.ikm)} ({s.mutu.letter} — {s.mutu.kinerja})**, "
    "rata-rata IKM unit di bawahnya tanpa bobot"
    + (f"; gabungan seluruh responden {angka(result.pooled.ikm)}." if result.pooled else ".")
)

# ---- heatmaps
if parts:
    names = [p.name for p in parts]
    st.plotly_chart(
        charts.heatmap(
            names,
            CODES,
            [[p.nrr[c] for c in CODES] for p in parts],
            scale="nrr",
            column_labels=charts.unsur_columns(),
            title="Nilai unsur per unit (NRR, skala 1–4)",
        ),
        config=PLOTLY_CONFIG,
        width="stretch",
    )
    matrix = layanan_by_part(result)
    layanan_names = sorted({name for row in matrix.values() for name in row}, key=str.casefold)
    st.plotly_chart(
        charts.heatmap(
            names,
            layanan_names,
            [[matrix[n].get(lay) for lay in layanan_names] for n in names],
            scale="ikm",
            title="IKM per jenis layanan per unit",
        ),
        config=PLOTLY_CONFIG,
        width="stretch",
    )

# ---- ranking
st.subheader("Peringkat")
rank_rows = []
for i, p in enumerate(parts, start=1):
    before = prev_by_name.get(p.name)
    change = None if before is None else p.ikm - before.ikm
    low = scoring.priorities(p)
    rank_rows.append(
        {
            "Peringkat": i,
            "Unit": p.name,
            "IKM": angka(p.ikm),
            "Mutu": f"{p.mutu.letter} — {p.mutu.kinerja}",
            "Perubahan": "–" if change is None else ("▲ +" if change >= 0 else "▼ ") + angka(change),
            "Responden": angka(p.respondents, 0) if p.respondents is not None else "tabel NRR",
            "Unsur terendah": ", ".join(f"{c} {UNSUR[c].short}" for c in low),
        }
    )
ranking = pd.DataFrame(rank_rows)
tints = pd.DataFrame(
    [{col: (p.mutu.letter if col in ("IKM", "Mutu") else None) for col in ranking.columns} for p in parts],
    columns=ranking.columns,
)
st.dataframe(mutu_style(ranking, tints) if parts else ranking, hide_index=True, width="stretch")

# ---- completeness
st.subheader("Kelengkapan data")
parents = {u.parent_id for u in all_units}
leaf_units = [
    u
    for u in all_units
    if u.path[: len(sel.unit.path)] == sel.unit.path and u.id not in parents and u.id != sel.unit.id
]
reported = set(
    data.units_with_data(tuple(u.id for u in leaf_units), sel.period.tahun, sel.period.semester, sel.version)
)
missing = [u for u in leaf_units if u.id not in reported]
c1, c2 = st.columns([1, 2])
c1.metric("Unit sudah melapor", f"{len(reported)} dari {len(leaf_units)}", border=True)
with c2:
    if missing:
        st.warning(
            "Belum ada data "
            + sel.period.label
            + ": "
            + ", ".join(" › ".join(md(p) for p in u.path[len(sel.unit.path) :]) for u in missing)
        )
    else:
        st.success(f"Semua {len(leaf_units)} unit sudah memiliki data {sel.period.label}.")

# ---- drill down
st.subheader("Buka unit")
by_id = {u.id: u for u in children}
col_a, col_b = st.columns([2, 1], vertical_alignment="bottom")
target = col_a.selectbox(
    "Unit", list(by_id), format_func=lambda i: by_id[i].name, key="perbandingan_target", placeholder="Pilih…"
)


def _open() -> None:
    st.session_state["unit_id"] = st.session_state["perbandingan_target"]
    st.session_state["perbandingan_open"] = True


col_b.button("Lihat ringkasan unit", on_click=_open, icon=":material/arrow_forward:", type="primary")
