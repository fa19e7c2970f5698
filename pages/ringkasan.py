"""Ringkasan: the IKM of the selected unit and period."""

from __future__ import annotations

import streamlit as st

from skm.formatting import angka
from skm.unsur import CODES, UNSUR
from ui import data
from ui.context import sidebar

sel = sidebar()
if sel is None:
    st.stop()
result = data.summary(sel.unit.id, sel.period.tahun, sel.period.semester, sel.version)
st.title(f"Ringkasan — {sel.unit.name}")
st.caption(f"{' / '.join(sel.unit.path)} · {sel.period.label}")
if result is None:
    st.info(f"Belum ada data {sel.period.label} untuk {sel.unit.name}.")
    st.stop()
s = result.score
c1, c2, c3 = st.columns(3)
c1.metric("IKM", angka(s.ikm))
c2.metric("Mutu", f"{s.mutu.letter} — {s.mutu.kinerja}")
c3.metric("Responden", angka(s.respondents, 0) if s.respondents is not None else "tabel NRR")
st.caption(f"Metode: {s.method}")
st.dataframe(
    {
        "Unsur": [f"{c} {UNSUR[c].name}" for c in CODES],
        "NRR": [angka(s.nrr[c]) for c in CODES],
        "Mutu": [s.nrr_mutu[c].letter for c in CODES],
    },
    hide_index=True,
)
