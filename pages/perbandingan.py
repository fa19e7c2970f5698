"""Perbandingan Wilayah: child units side by side, ranking, completeness, drill-down."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from skm import scoring
from skm.formatting import angka
from skm.labels import level_name
from skm.summary import layanan_by_part
from skm.unsur import CODES, UNSUR
from ui import completeness as kelengkapan
from ui import data
from ui.components import md, no_data, page_header
from ui.context import sidebar
from ui.heat import UNSUR_COLUMNS, heat_table
from ui.tables import mutu_css, static_table

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
        f"{md(level_name(sel.unit))} tidak memiliki unit di bawahnya. Perbandingan dibuat untuk kecamatan atau kota.",
        icon=":material/info:",
    )
    if parent is not None:
        st.button(
            f"Bandingkan unit di {md(level_name(parent))}",
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

found = kelengkapan.of(sel.unit, sel.period, sel.version)
by_name = {u.name: u for u in children}
shown = {n: level_name(u) for n, u in by_name.items()}
child_found = {n: kelengkapan.of(u, sel.period, sel.version) for n, u in by_name.items()}
st.caption(
    f"IKM {md(level_name(sel.unit))}{' (sementara)' if found.provisional else ''}: "
    f"**{angka(s.ikm)} ({s.mutu.letter} — {s.mutu.kinerja})**, "
    "rata-rata IKM unit di bawahnya tanpa bobot"
    + (f"; gabungan seluruh responden {angka(result.pooled.ikm)}." if result.pooled else ".")
)
kelengkapan.badge(found, "perbandingan_kelengkapan")

# ---- heatmaps
if parts:
    names = [p.name for p in parts]
    rows_shown = [shown.get(n, n) for n in names]
    heat_table(
        rows_shown,
        UNSUR_COLUMNS,
        [[p.nrr[c] for c in CODES] for p in parts],
        scale="nrr",
        title="Nilai unsur per unit (NRR, skala 1–4)",
    )
    matrix = layanan_by_part(result)
    layanan_names = sorted({name for row in matrix.values() for name in row}, key=str.casefold)
    heat_table(
        rows_shown,
        layanan_names,
        [[matrix[n].get(lay) for lay in layanan_names] for n in names],
        scale="ikm",
        title="IKM per jenis layanan per unit",
    )

# ---- ranking
st.subheader("Peringkat")
rank_rows = []
for i, p in enumerate(parts, start=1):
    before = prev_by_name.get(p.name)
    partial = p.name in child_found and child_found[p.name].provisional
    change = None if before is None or partial else p.ikm - before.ikm
    low = scoring.priorities(p)
    rank_rows.append(
        {
            "Peringkat": i,
            "Unit": shown.get(p.name, p.name) + (f" (sementara: {child_found[p.name].count_text})" if partial else ""),
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
static_table(ranking, mutu_css(tints))

# ---- completeness
st.subheader("Kelengkapan data")
c1, c2 = st.columns([1, 2])
c1.metric(
    f"{found.noun.capitalize()} sudah melapor",
    f"{len(found.with_data)} dari {len(found.expected)}",
    delta=f"{len(found.approved)} disetujui",
    delta_color="off",
    delta_arrow="off",
    border=True,
)
with c2:
    if found.missing:
        st.warning(f"Belum ada data {sel.period.label}:\n\n" + kelengkapan.missing_list(found))
    else:
        st.success(f"Semua {len(found.expected)} {found.noun} sudah memiliki data {sel.period.label}.")

# ---- drill down
st.subheader("Buka unit")
by_id = {u.id: u for u in children}
col_a, col_b = st.columns([2, 1], vertical_alignment="bottom")
target = col_a.selectbox(
    "Unit", list(by_id), format_func=lambda i: level_name(by_id[i]), key="perbandingan_target", placeholder="Pilih…"
)


def _open() -> None:
    st.session_state["unit_id"] = st.session_state["perbandingan_target"]
    st.session_state["perbandingan_open"] = True


col_b.button("Lihat ringkasan unit", on_click=_open, icon=":material/arrow_forward:", type="primary")
